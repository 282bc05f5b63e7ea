//! News, events, places and free pages of an ente's public site.

pub mod agenda_more;
#[cfg(feature = "ssr")]
pub mod event_repo;
pub mod event_views;
#[cfg(feature = "ssr")]
pub mod feed_repo;
pub mod model;
#[cfg(feature = "ssr")]
pub mod page_repo;
pub mod page_views;
pub mod recurrence;
#[cfg(feature = "ssr")]
pub mod repo;
pub mod section_views;
pub mod server;
pub mod views;
#[cfg(feature = "ssr")]
pub mod write_repo;
