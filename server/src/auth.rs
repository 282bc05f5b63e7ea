//! Who is asking: resolved once per request, before any page or server function,
//! and kept in the request's extensions as `RequestInfo` (see app::auth::server).

use app::auth::server::RequestInfo;
use app::auth::session;
use app::state::AppState;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use std::net::SocketAddr;

/// Paths that never need to know who is asking (compiled site, vendor files, probes).
fn is_static(path: &str) -> bool {
    ["/pkg/", "/vendor/", "/static/"]
        .iter()
        .any(|p| path.starts_with(p))
        || path == "/healthz"
        || path == "/readyz"
        || path == "/favicon.ico"
}

/// The client's address: the peer, or behind a trusted proxy the last address it added.
pub fn client_ip(headers: &HeaderMap, peer: Option<SocketAddr>, trust_proxy: bool) -> String {
    if trust_proxy {
        let forwarded = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .last();
        if let Some(ip) = forwarded {
            return ip.to_string();
        }
    }
    peer.map(|p| p.ip().to_string()).unwrap_or_default()
}

pub async fn identify(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    if is_static(req.uri().path()) {
        return next.run(req).await;
    }
    let peer = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0);
    let headers = req.headers();
    let mut info = RequestInfo {
        ip: client_ip(headers, peer, state.trust_proxy),
        user_agent: headers
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .chars()
            .take(300)
            .collect(),
        request_id: headers
            .get("x-request-id")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string(),
        lang: app::i18n::lang_from_headers(headers),
        ..RequestInfo::default()
    };
    let secure = state.secure_cookies();
    let mut stale_cookie = false;
    if let Some(token) = session::token_from_headers(headers, secure) {
        match session::resolve(&state.db, &token, state.clock.now()).await {
            Ok(Some((session_id, account_id))) => {
                match session::load_actor(&state.db, account_id, state.clock.now()).await {
                    Ok(Some(actor)) => {
                        info.session_id = Some(session_id);
                        info.actor = Some(actor);
                    }
                    Ok(None) => stale_cookie = true,
                    Err(e) => tracing::error!(error = %e, "cannot load the account of a session"),
                }
            }
            Ok(None) => stale_cookie = true,
            Err(e) => tracing::error!(error = %e, "cannot read the session"),
        }
    }
    req.extensions_mut().insert(info);
    let mut response = next.run(req).await;
    // A cookie that opens nothing (expired, logged out elsewhere) is removed, unless
    // this very response sets a new one (a login).
    let sets_session = response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|v| v.starts_with(session::cookie_name(secure)));
    if stale_cookie && !sets_session {
        if let Ok(value) = HeaderValue::from_str(&session::clear_cookie(secure)) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forwarded_addresses_only_behind_a_trusted_proxy() {
        let mut headers = HeaderMap::new();
        headers.insert(
            "x-forwarded-for",
            HeaderValue::from_static("6.6.6.6, 10.0.0.7"),
        );
        let peer: Option<SocketAddr> = "127.0.0.1:5000".parse().ok();
        assert_eq!(client_ip(&headers, peer, false), "127.0.0.1");
        assert_eq!(client_ip(&headers, peer, true), "10.0.0.7");
        assert_eq!(client_ip(&HeaderMap::new(), None, true), "");
    }
}
