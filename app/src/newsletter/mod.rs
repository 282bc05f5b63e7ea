//! Newsletters (OpenNewsletter): an ente's lists, subscription without an account
//! and with double opt-in, leaving in one click (RFC 8058), issues made of the
//! site's content and free text, and their crash-safe sending (`delivery`, driven by
//! the server's `newsletter` sender).

#[cfg(feature = "ssr")]
pub mod compose;
#[cfg(feature = "ssr")]
pub mod delivery;
pub mod desk_views;
#[cfg(feature = "ssr")]
pub mod issue_repo;
#[cfg(feature = "ssr")]
pub mod links;
pub mod mine_views;
pub mod model;
#[cfg(feature = "ssr")]
pub mod render;
#[cfg(feature = "ssr")]
pub mod repo;
pub mod server;
#[cfg(feature = "ssr")]
pub mod subscribe;
pub mod views;
