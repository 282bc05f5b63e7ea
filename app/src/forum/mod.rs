//! The community forum (CO-OP's FORUM, members only): categories, threads, replies
//! with quotes and @mentions, reactions, the answer that solved a thread, unread
//! tracking, following, search within the community, flags, and tutors' moderation
//! (queue, hide/approve, new members' first posts held for approval, edits with a
//! note, pin/lock/move, split/merge, warnings, silences and suspensions), attachments and drafts, and
//! the forum's health for tutors (`health_page`).

#[cfg(feature = "ssr")]
pub mod drafts;
#[cfg(feature = "ssr")]
pub mod health;
pub mod health_page;
pub mod model;
#[cfg(feature = "ssr")]
pub mod moderation;
#[cfg(feature = "ssr")]
pub mod moderation_repo;
pub mod moderation_views;
#[cfg(feature = "ssr")]
pub mod moves;
#[cfg(feature = "ssr")]
pub mod post_actions;
pub mod post_box;
#[cfg(feature = "ssr")]
pub mod posting;
#[cfg(feature = "ssr")]
pub mod reading_repo;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod restrictions;
pub mod server;
#[cfg(feature = "ssr")]
pub mod service;
pub mod thread_tools;
pub mod thread_views;
pub mod views;
