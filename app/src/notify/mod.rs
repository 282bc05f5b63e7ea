//! In-app notifications: the bell in the header and `/account/notifiche`. Modules add
//! them in the same transaction as the change they tell of (`repo::add`), next to
//! the mail that goes through the outbox. `digest` mails them to each person as
//! they chose (immediately, daily, weekly, never).
//!
//! The count is read when a page loads; pushing it live to open pages (across app
//! nodes, through PostgreSQL LISTEN/NOTIFY) comes with the live features.

#[cfg(feature = "ssr")]
pub mod digest;
pub mod model;
#[cfg(feature = "ssr")]
pub mod repo;
pub mod server;
pub mod views;
