//! The model's Servizi (Design Comuni Italia): an ente's service cards by the model's
//! categories, each with the model's sections, the office that answers for it, its
//! topics and its GovernmentService JSON-LD. Part of the site.

pub mod model;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod schema;
pub mod server;
pub mod service_views;
pub mod views;
