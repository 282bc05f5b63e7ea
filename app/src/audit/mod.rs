//! The audit log: every privileged action (who, what, on what, when, from where),
//! written in the same transaction as the action, and a filterable page for admins.

pub mod model;
#[cfg(feature = "ssr")]
pub mod repo;
pub mod server;
pub mod views;
