//! The work areas: `/gestione` (where someone works), the operator dashboard of an
//! ente (`/gestione/{ente}`) and the reserved area of a community
//! (`/comunita/{slug}`), with the shell they share.

pub mod model;
pub mod server;
#[cfg(feature = "ssr")]
mod service;
#[cfg(feature = "ssr")]
pub use service::per_day;
pub mod shell;
pub mod views;
