//! Enti: the public bodies of a deployment, their aggregations and kits.

pub mod legal;
pub mod model;
#[cfg(feature = "ssr")]
pub mod repo;
pub mod server;
pub mod views;
