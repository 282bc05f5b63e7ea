//! Accounts: registration and address verification, login and logout, passwords
//! (hashing, reset by mail, change), the profile and account page, and erasure.
//! The personal-data export is `privacy::export`.

#[cfg(feature = "ssr")]
pub mod erasure;
pub mod follows;
#[cfg(feature = "ssr")]
pub mod login;
pub mod model;
pub mod page;
#[cfg(feature = "ssr")]
pub mod password;
#[cfg(feature = "ssr")]
pub mod password_change;
#[cfg(feature = "ssr")]
pub mod profile;
#[cfg(feature = "ssr")]
pub mod registration;
#[cfg(feature = "ssr")]
pub mod repo;
pub mod server;
pub mod views;
