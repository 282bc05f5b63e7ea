//! The community forum (CO-OP's FORUM, members only): categories, threads, replies
//! with quotes and @mentions, reactions, the answer that solved a thread, unread
//! tracking, following, search within the community, flags, and tutors' moderation
//! (queue, hide/approve, new members' first posts held for approval, edits with a
//! note, pin/lock/move, split/merge, warnings, silences and suspensions), attachments and drafts. `markdown` turns what people write into safe HTML for every module.

#[cfg(feature = "ssr")]
pub mod drafts;
#[cfg(feature = "ssr")]
pub mod markdown;
pub mod model;
#[cfg(feature = "ssr")]
pub mod moderation;
pub mod moderation_views;
#[cfg(feature = "ssr")]
pub mod moves;
pub mod post_box;
#[cfg(feature = "ssr")]
pub mod posting;
#[cfg(feature = "ssr")]
pub mod repo;
pub mod server;
#[cfg(feature = "ssr")]
pub mod service;
pub mod thread_tools;
pub mod thread_views;
pub mod views;
