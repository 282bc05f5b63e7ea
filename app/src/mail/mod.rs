//! Mail: every message goes through the `outbox` table (written in the same
//! transaction as the change that causes it) and a background sender on any node
//! delivers it, with retries. Without an SMTP server the messages are kept
//! ("captured") and shown to platform admins at /admin/posta.

pub mod model;
#[cfg(feature = "ssr")]
pub mod outbox;
pub mod server;
pub mod views;
