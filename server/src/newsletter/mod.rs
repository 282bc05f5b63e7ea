//! The newsletters' plain handlers and their sender: the one-click leaving address
//! of `List-Unsubscribe` (RFC 8058), the preview for the desk, and the
//! bulk lane of the outbox that sends issues (`sender`).

pub mod one_click;
pub mod preview;
pub mod sender;
