//! The work areas: `/gestione` (where someone works), the operator dashboard of an
//! ente (`/gestione/{ente}`) and the reserved area of a community
//! (`/comunita/{slug}`) with its members' and settings pages.

pub mod community_views;
pub mod model;
pub mod server;
#[cfg(feature = "ssr")]
mod service;
pub mod views;
