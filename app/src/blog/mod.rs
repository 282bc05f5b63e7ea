//! The community blog (public): posts by tutors and the members they authorise,
//! Markdown rendered safely by `forum::markdown`, a cover, tags, members' comments,
//! Atom and RSS feeds (`server/src/blog_feed.rs`) and Open Graph metadata for
//! sharing.

pub mod model;
#[cfg(feature = "ssr")]
pub mod repo;
pub mod server;
#[cfg(feature = "ssr")]
pub mod service;
pub mod views;
