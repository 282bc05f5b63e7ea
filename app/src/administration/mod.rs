//! The model's Amministrazione (Design Comuni Italia): the ente's organs of
//! government, administrative areas and offices (with hours and contacts), and its
//! people, politicians and staff, with the units they sit in. Part of the site;
//! the site's editor writes them through `write_repo`.

pub mod model;
#[cfg(feature = "ssr")]
pub mod repo;
pub mod server;
pub mod views;
#[cfg(feature = "ssr")]
pub mod write_repo;
