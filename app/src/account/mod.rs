//! Accounts and the roles they hold. Login, sessions and the authorization module
//! build on these.

pub mod model;
#[cfg(feature = "ssr")]
pub mod password;
#[cfg(feature = "ssr")]
pub mod repo;
