//! The social media strategy and its objectives (measured against the KPIs), and the
//! internal and external policies: versioned documents with who changed what. The
//! external policy's chosen version is the public page `/{ente}/social-media-policy`.

pub mod model;
#[cfg(feature = "ssr")]
pub mod repo;
pub mod server;
#[cfg(feature = "ssr")]
pub mod service;
pub mod views;
