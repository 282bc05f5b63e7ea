//! The people of an ente or a community: who holds which role, invitations by mail
//! (with expiry) and how they are accepted by a new or an existing account.

pub mod model;
#[cfg(feature = "ssr")]
pub mod repo;
pub mod server;
#[cfg(feature = "ssr")]
pub mod service;
pub mod views;
