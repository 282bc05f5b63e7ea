//! The one gate of the plain axum handlers (uploads, downloads, exports, feeds):
//! the same policy as the server functions decides, and this module turns its
//! answer into the response. A handler returns `Result<Response, Response>` and
//! writes its checks as `?`:
//!
//! ```ignore
//! let ente = gate::found(&info, app::ente::repo::by_slug(&state.db, &slug).await)?;
//! let actor = gate::require(&info, Action::ManageSocial, Target::In(Scope::Ente(ente.id)), Login::Status)?;
//! ```
//!
//! Public handlers ask too (`ReadPublic`, which nobody is refused today), so that
//! every handler's decision is the policy's.
//!
//! Nobody signed in gets 401, or is sent to the login page with the way back
//! encoded (`Login::Back`, for pages people open or forms they send); a signed-in
//! person who may not gets 403; something absent 404. Every internal error is
//! logged with the request id before it becomes a 500.

use app::auth::model::Actor;
use app::auth::policy::{decide, Action, Decision, Target};
use app::auth::server::RequestInfo;
use app::components::nav::login_href;
use app::error::AppError;
use axum::response::{IntoResponse, Redirect, Response};

/// What nobody signed in is answered.
#[derive(Clone, Copy, Debug)]
pub enum Login<'a> {
    /// 401: for downloads and exports that a script or a link asks for.
    Status,
    /// The login page, coming back to this path afterwards.
    Back(&'a str),
}

/// Asks the policy; the actor (None when nobody is signed in and none is needed),
/// or the refusal to send.
pub fn allow(
    info: &RequestInfo,
    action: Action,
    target: Target,
    login: Login<'_>,
) -> Result<Option<Actor>, Response> {
    match decide(info.actor.as_ref(), action, target) {
        Decision::Allowed => Ok(info.actor.clone()),
        refusal => {
            tracing::info!(
                ?action,
                ?target,
                account = info.actor.as_ref().map(|a| a.account_id.get()),
                ?refusal,
                request_id = %info.request_id,
                "refused"
            );
            Err(match refusal {
                Decision::NeedsLogin => needs_login(login),
                _ => AppError::Forbidden.into_response(),
            })
        }
    }
}

/// [`allow`] for actions that need someone signed in.
pub fn require(
    info: &RequestInfo,
    action: Action,
    target: Target,
    login: Login<'_>,
) -> Result<Actor, Response> {
    allow(info, action, target, login)?.ok_or_else(|| needs_login(login))
}

/// What nobody signed in is answered.
fn needs_login(login: Login<'_>) -> Response {
    match login {
        Login::Back(path) => Redirect::to(&login_href(path)).into_response(),
        Login::Status => AppError::Unauthorized.into_response(),
    }
}

/// Something the handler needs: absent is 404, an error is logged and answered.
pub fn found<T, E: Into<AppError>>(
    info: &RequestInfo,
    looked_up: Result<Option<T>, E>,
) -> Result<T, Response> {
    match looked_up {
        Ok(Some(value)) => Ok(value),
        Ok(None) => Err(AppError::NotFound.into_response()),
        Err(e) => Err(refuse(info, e.into())),
    }
}

/// A result the handler cannot go on without: its error is logged and answered.
pub fn ok<T, E: Into<AppError>>(info: &RequestInfo, result: Result<T, E>) -> Result<T, Response> {
    result.map_err(|e| refuse(info, e.into()))
}

/// An error as the handler's answer, logged with the request id when internal.
pub fn refuse(info: &RequestInfo, error: AppError) -> Response {
    if error.status() >= 500 {
        tracing::error!(request_id = %info.request_id, ?error, "plain handler failed");
    }
    error.into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::auth::model::Scope;
    use axum::http::StatusCode;

    fn location(r: &Response) -> &str {
        r.headers()
            .get("location")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    }

    #[test]
    fn nobody_is_sent_to_log_in_with_the_way_back_encoded() {
        let info = RequestInfo::default();
        let target = Target::In(Scope::Ente(app::ids::EnteId(1)));
        let Err(r) = allow(
            &info,
            Action::ManageSocial,
            target,
            Login::Back("/gestione/lugo?a=1"),
        ) else {
            panic!("nobody was let in");
        };
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert_eq!(
            location(&r),
            "/account/accedi?next=%2Fgestione%2Flugo%3Fa%3D1"
        );
        let Err(r) = allow(&info, Action::ManageSocial, target, Login::Status) else {
            panic!("nobody was let in");
        };
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    }

    #[test]
    fn absent_is_not_found_and_errors_are_internal() {
        let info = RequestInfo::default();
        let absent: Result<Option<i64>, AppError> = Ok(None);
        assert_eq!(
            found(&info, absent).err().map(|r| r.status()),
            Some(StatusCode::NOT_FOUND)
        );
        let broken: Result<Option<i64>, AppError> = Err(AppError::Internal);
        assert_eq!(
            found(&info, broken).err().map(|r| r.status()),
            Some(StatusCode::INTERNAL_SERVER_ERROR)
        );
        assert_eq!(found(&info, Ok::<_, AppError>(Some(7))).ok(), Some(7));
    }
}
