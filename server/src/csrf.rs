//! Cross-site request forgery: a request that changes something (any method but
//! GET, HEAD, OPTIONS) must come from a page of this site. Browsers say where a
//! request comes from with `Sec-Fetch-Site` and `Origin`; a request that says
//! neither, or says another site, is refused. This covers server functions and
//! plain form posts alike (with or without JavaScript), on top of SameSite=Lax cookies.

use app::error::AppError;
use app::i18n::{lang_from_headers, T};
use app::state::AppState;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// `host[:port]` of an absolute URL.
fn authority(url: &str) -> Option<&str> {
    url.split_once("://")
        .map(|(_, rest)| rest.split('/').next().unwrap_or_default())
        .filter(|a| !a.is_empty())
}

/// Whether a state-changing request comes from this site.
pub fn from_this_site(headers: &HeaderMap, public_url: &str) -> bool {
    match headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        Some("same-origin") | Some("none") => return true,
        Some(_) => return false,
        None => {}
    }
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let Some(origin) = authority(origin) else {
        return false;
    };
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    Some(origin) == host || Some(origin) == authority(public_url)
}

pub async fn guard(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let safe = matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS)
        // RFC 8058's one-click leaving: mail clients post from elsewhere; the signed
        // token in the address is the only authority (`newsletter::one_click`).
        || req.uri().path().starts_with(crate::newsletter::one_click::PREFIX);
    if safe || from_this_site(req.headers(), &state.public_url) {
        return next.run(req).await;
    }
    tracing::warn!(method = %req.method(), path = %req.uri().path(), "refused a cross-site request");
    let wants_html = req
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"));
    if wants_html {
        let lang = lang_from_headers(req.headers());
        let text = lang.t(T::CsrfRefused);
        let page = format!(
            "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{text}</title></head><body><main><h1>{text}</h1><p><a href=\"/\">{}</a></p></main></body></html>",
            lang.code(),
            lang.t(T::ErrorBackHome)
        );
        (
            StatusCode::FORBIDDEN,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            page,
        )
            .into_response()
    } else {
        let body = serde_json::to_string(&AppError::Forbidden).unwrap_or_default();
        (
            StatusCode::FORBIDDEN,
            [(header::CONTENT_TYPE, "application/json")],
            body,
        )
            .into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn fetch_metadata_decides_when_present() {
        let site = "https://piazza.example.it";
        assert!(from_this_site(
            &headers(&[("sec-fetch-site", "same-origin")]),
            site
        ));
        assert!(!from_this_site(
            &headers(&[("sec-fetch-site", "cross-site")]),
            site
        ));
        assert!(!from_this_site(
            &headers(&[
                ("sec-fetch-site", "same-site"),
                ("origin", "https://piazza.example.it")
            ]),
            site
        ));
    }

    #[test]
    fn otherwise_the_origin_must_be_this_site() {
        let site = "https://piazza.example.it";
        assert!(from_this_site(
            &headers(&[("origin", "https://piazza.example.it")]),
            site
        ));
        assert!(from_this_site(
            &headers(&[
                ("origin", "http://127.0.0.1:3000"),
                ("host", "127.0.0.1:3000")
            ]),
            site
        ));
        assert!(!from_this_site(
            &headers(&[("origin", "https://evil.example")]),
            site
        ));
        assert!(!from_this_site(&headers(&[("origin", "null")]), site));
        assert!(!from_this_site(&headers(&[]), site));
    }
}
