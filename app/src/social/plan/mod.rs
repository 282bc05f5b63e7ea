//! The editorial plan (piano redazionale): the ente's channels, items with a text per
//! channel and their review (never by their author), the calendar with conflicts
//! and gaps, images, drafts from the site's content, exports; and the team's
//! overview page (`/gestione/{ente}/social`).

#[cfg(feature = "ssr")]
pub mod channel_repo;
#[cfg(feature = "ssr")]
pub mod channels;
#[cfg(feature = "ssr")]
pub mod editor;
pub mod item_views;
#[cfg(feature = "ssr")]
pub mod media;
pub mod model;
#[cfg(feature = "ssr")]
pub mod overview;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod reuse;
pub mod server;
#[cfg(feature = "ssr")]
pub mod service;
pub mod views;
