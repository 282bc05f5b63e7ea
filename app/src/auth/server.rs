//! The server side of authorization: who is asking (resolved once per request by the
//! server's middleware), and the one call every server function makes before it
//! does anything: `authorize(action, target)` or `require(action, target)`.

use super::model::Actor;
use super::policy::{decide, Action, Decision, Target};
use crate::error::AppError;
use axum::http::{header, HeaderValue, StatusCode};
use leptos::prelude::use_context;

/// What the server knows about the request before any page or server function runs.
/// The middleware in `server/src/auth.rs` puts it in the request's extensions.
#[derive(Clone, Debug, Default)]
pub struct RequestInfo {
    pub session_id: Option<i64>,
    pub actor: Option<Actor>,
    pub ip: String,
    pub user_agent: String,
    pub request_id: String,
    /// The reader's language, resolved once (the language cookie, then
    /// `Accept-Language`): what services write mails and notices in.
    pub lang: crate::i18n::Lang,
}

/// The current request's [`RequestInfo`] (empty outside a request).
pub fn request_info() -> RequestInfo {
    use_context::<axum::http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<RequestInfo>().cloned())
        .unwrap_or_default()
}

/// The signed-in person, if any.
pub fn current_actor() -> Option<Actor> {
    request_info().actor
}

/// Asks the policy; on a refusal sets the HTTP status and returns the error to give
/// back. Returns the actor (None when nobody is signed in and none is needed).
pub fn authorize(action: Action, target: Target) -> Result<Option<Actor>, AppError> {
    let info = request_info();
    let actor = info.actor;
    match decide(actor.as_ref(), action, target) {
        Decision::Allowed => Ok(actor),
        refusal => {
            tracing::info!(
                ?action,
                ?target,
                account = actor.as_ref().map(|a| a.account_id.get()),
                ?refusal,
                "refused"
            );
            Err(fail(match refusal {
                Decision::NeedsLogin => AppError::Unauthorized,
                Decision::NeedsVerifiedEmail => AppError::EmailNotVerified,
                _ => AppError::Forbidden,
            }))
        }
    }
}

/// [`authorize`] for actions that need someone signed in.
pub fn require(action: Action, target: Target) -> Result<Actor, AppError> {
    authorize(action, target)?.ok_or_else(|| fail(AppError::Unauthorized))
}

/// Gives the error's HTTP status to the response under way, and the error back. A
/// plain form post keeps its redirect status: the browser must follow it back to the
/// form, which then shows the error.
pub fn fail(error: AppError) -> AppError {
    if is_plain_form_post() {
        return error;
    }
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        if let Ok(status) = StatusCode::from_u16(error.status()) {
            response.set_status(status);
        }
        if let Some(seconds) = error.retry_after() {
            response.insert_header(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
    }
    error
}

/// Adds a `Set-Cookie` to the response under way.
pub fn set_cookie(value: &str) {
    if let (Some(response), Ok(value)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        HeaderValue::from_str(value),
    ) {
        response.append_header(header::SET_COOKIE, value);
    }
}

pub use crate::error::is_plain_form_post;

/// Where to go after a form that changes who is signed in. A plain form post is
/// redirected there by the server; the page with JavaScript loads it itself, so that
/// everything on it is rendered for the new session.
pub fn go_to(path: &str) -> String {
    let path = safe_local_path(path);
    if is_plain_form_post() {
        leptos_axum::redirect(&path);
    }
    path
}

/// Only a path on this site may be a destination (no open redirect).
pub fn safe_local_path(next: &str) -> String {
    let local = next.starts_with('/') && !next.starts_with("//") && !next.contains('\\');
    // Visible ASCII only: a header value (the redirect) cannot hold anything else.
    if local && next.chars().all(|c| c.is_ascii_graphic()) {
        next.to_string()
    } else {
        "/".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::safe_local_path;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(safe_local_path("/bassa-romagna"), "/bassa-romagna");
        assert_eq!(safe_local_path("/account?x=1"), "/account?x=1");
        assert_eq!(safe_local_path("//evil.example"), "/");
        assert_eq!(safe_local_path("https://evil.example"), "/");
        assert_eq!(safe_local_path("/\\evil.example"), "/");
        assert_eq!(safe_local_path(""), "/");
        // What a header cannot hold is never a destination.
        assert_eq!(safe_local_path("/lugo/é"), "/");
        assert_eq!(safe_local_path("/lugo/a b"), "/");
        assert_eq!(safe_local_path("/lugo/%C3%A9"), "/lugo/%C3%A9");
    }
}
