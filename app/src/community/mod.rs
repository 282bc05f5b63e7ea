//! Communities of practice (CO-OP), the shared core of the community module: what
//! a community is, who belongs (`repo::roster`), how one joins (invitation, or a
//! request a tutor approves), who may write on its blog, its settings, and the frame
//! of its reserved area (`frame`). Forum, files and blog are built on it in their
//! own modules; the members' and settings pages, which show the forum's moderation
//! queue in their frame, are `dashboard::community_views`.

pub mod frame;
pub mod model;
#[cfg(feature = "ssr")]
pub mod repo;
pub mod server;
#[cfg(feature = "ssr")]
pub mod service;
pub mod views;
