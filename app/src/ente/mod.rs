//! Enti: the public bodies of a deployment, their aggregations and kits, and the
//! frame every public page of an ente is drawn in (`brand`). Below every domain:
//! modules reach an ente through it.

pub mod brand;
pub mod model;
pub mod paths;
#[cfg(feature = "ssr")]
pub mod repo;
pub mod server;
