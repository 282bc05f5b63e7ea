//! The formats that other programs read: iCalendar (RFC 5545, `ical`), Atom
//! (RFC 4287) and RSS 2.0 (`syndication`), and the XML text they share (`xml`).
//! Writers only; the handlers that serve them live in their domain's folder.

pub mod ical;
pub mod syndication;
pub mod xml;

use axum::http::header;
use axum::response::{IntoResponse, Response};

/// A public document other programs read, of `content_type`, which caches and readers
/// may keep `seconds`.
pub fn public(content_type: &'static str, seconds: u32, body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (header::CACHE_CONTROL, format!("public, max-age={seconds}")),
        ],
        body,
    )
        .into_response()
}
