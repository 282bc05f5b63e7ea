//! News, events and places of an ente's public site.

pub mod model;
#[cfg(feature = "ssr")]
pub mod repo;
pub mod server;
pub mod views;
