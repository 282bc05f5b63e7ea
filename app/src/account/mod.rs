//! Accounts: registration, login, address verification, password reset, the
//! profile, personal-data export and erasure.

#[cfg(feature = "ssr")]
pub mod export;
pub mod model;
pub mod page;
#[cfg(feature = "ssr")]
pub mod password;
#[cfg(feature = "ssr")]
pub mod repo;
pub mod server;
#[cfg(feature = "ssr")]
pub mod service;
pub mod views;
