//! The formats that other programs read: iCalendar (RFC 5545, `ical`), Atom
//! (RFC 4287) and RSS 2.0 (`syndication`), and the XML text they share (`xml`).
//! Writers only; the handlers that serve them live in their domain's folder.

pub mod ical;
pub mod syndication;
pub mod xml;
