//! Live events: what open pages hear of, on every node.
//!
//! A change that someone's open page should show (a new notification, a flag in the
//! moderation queue, an answer to a consultation) publishes a small typed event in
//! the same transaction (`repo::publish`): a topic, a kind and the id of what
//! changed, never the content. Each node's bus (`bus`) reads the events table after
//! the last id it saw, woken on PostgreSQL by `LISTEN/NOTIFY` (so that an event
//! written on one node reaches browsers on every node) and by a short tick otherwise,
//! and hands each batch to the node's open streams (`server/src/live.rs`, Server-Sent
//! Events), which check the policy again before passing an event on. Pages then ask
//! their server functions for the new state, which decide as always.

#[cfg(feature = "ssr")]
pub mod bus;
#[cfg(feature = "ssr")]
mod cursor;
pub mod model;
#[cfg(feature = "ssr")]
pub mod repo;

pub use model::{LiveMessage, Topic, Wanted};
