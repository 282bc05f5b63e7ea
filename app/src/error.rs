//! The one error type of server functions. It crosses the wire as JSON; the browser
//! shows it through [`AppError::message`], so no internal detail reaches a page.

use crate::i18n::{Lang, T};
use crate::text::{Bounded, Length};
use leptos::prelude::{FromServerFnError, ServerFnErrorErr};
use leptos::server_fn::codec::JsonEncoding;
use serde::{Deserialize, Serialize};

/// A field that failed validation, with the text key that explains why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub problem: T,
    /// A number the message names as `{n}` (the most characters, the fewest choices…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<i64>,
}

impl FieldError {
    pub fn message(&self, lang: Lang) -> String {
        lang.tf(
            self.problem,
            &[("n", &self.limit.map(|n| n.to_string()).unwrap_or_default())],
        )
    }
}

/// Collects field errors so that a form reports all of them at once.
#[derive(Default)]
pub struct Problems(Vec<FieldError>);

impl Problems {
    pub fn add(&mut self, field: &str, problem: T) {
        self.0.push(FieldError {
            field: field.to_string(),
            problem,
            limit: None,
        });
    }

    /// A problem whose message names a number (`{n}`).
    pub fn add_with_limit(&mut self, field: &str, problem: T, limit: Option<i64>) {
        self.0.push(FieldError {
            field: field.to_string(),
            problem,
            limit,
        });
    }

    /// The value, or records the problem and gives None.
    pub fn check<V>(&mut self, field: &str, result: Result<V, T>) -> Option<V> {
        match result {
            Ok(v) => Some(v),
            Err(problem) => {
                self.add(field, problem);
                None
            }
        }
    }

    pub fn into_result(self) -> Result<(), AppError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(AppError::Invalid(self.0))
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[non_exhaustive]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("login required")]
    Unauthorized,
    #[error("forbidden")]
    Forbidden,
    #[error("email address not verified")]
    EmailNotVerified,
    #[error("invalid input")]
    Invalid(Vec<FieldError>),
    /// A request that cannot be done, for the reason the text explains (a wrong
    /// password, an expired link, an invitation already used…).
    #[error("refused: {0:?}")]
    Refused(T),
    #[error("too many requests, retry in {minutes} minutes")]
    RateLimited { minutes: i64 },
    /// The server is at its bound for costly work (password hashing): come back in
    /// `seconds` (sent as `Retry-After`).
    #[error("busy, retry in {seconds} seconds")]
    Busy { seconds: i64 },
    #[error("internal error")]
    Internal,
    #[error("server function error: {0}")]
    ServerFn(ServerFnErrorErr),
}

impl AppError {
    pub fn invalid(field: &str, problem: T) -> AppError {
        AppError::Invalid(vec![FieldError {
            field: field.to_string(),
            problem,
            limit: None,
        }])
    }

    /// What the person reading the page is told.
    pub fn message(&self, lang: Lang) -> String {
        let key = match self {
            AppError::NotFound => T::ErrorNotFound,
            AppError::Unauthorized => T::ErrorUnauthorized,
            AppError::Forbidden => T::ErrorForbidden,
            AppError::EmailNotVerified => T::ErrorEmailNotVerified,
            AppError::Invalid(_) => T::ErrorInvalid,
            AppError::Refused(reason) => *reason,
            AppError::RateLimited { minutes } => {
                return lang.tf(
                    T::ErrorRateLimited,
                    &[("minutes", &(*minutes).max(1).to_string())],
                )
            }
            AppError::Busy { .. } => T::ErrorBusy,
            AppError::Internal | AppError::ServerFn(_) => T::ErrorInternal,
        };
        lang.t(key).to_string()
    }

    /// The message for one field, in the reader's language, if it has a problem.
    pub fn field_message(&self, name: &str, lang: Lang) -> Option<String> {
        match self {
            AppError::Invalid(errors) => errors
                .iter()
                .find(|e| e.field == name)
                .map(|e| e.message(lang)),
            _ => None,
        }
    }

    /// The problem reported for one field, if any.
    pub fn field(&self, name: &str) -> Option<T> {
        match self {
            AppError::Invalid(errors) => errors.iter().find(|e| e.field == name).map(|e| e.problem),
            _ => None,
        }
    }

    /// How many seconds a client should wait before trying again, if it should.
    pub fn retry_after(&self) -> Option<i64> {
        match self {
            AppError::Busy { seconds } => Some(*seconds),
            AppError::RateLimited { minutes } => Some(minutes * 60),
            _ => None,
        }
    }

    /// The HTTP status this error maps to.
    pub fn status(&self) -> u16 {
        match self {
            AppError::NotFound => 404,
            AppError::Unauthorized => 401,
            AppError::Forbidden | AppError::EmailNotVerified => 403,
            AppError::Invalid(_) | AppError::Refused(_) => 422,
            AppError::RateLimited { .. } => 429,
            AppError::Busy { .. } => 503,
            AppError::ServerFn(e) if is_bad_request(e) => 400,
            AppError::Internal | AppError::ServerFn(_) => 500,
        }
    }
}

/// A bounded text read from a form field: refused as a problem of that field.
impl<const MIN: usize, const MAX: usize> Bounded<MIN, MAX> {
    /// [`Bounded::parse`], refused as a problem of `field` explained by `problem`.
    pub fn field(field: &str, text: &str, problem: T) -> Result<Self, AppError> {
        Self::parse(text).map_err(|_| AppError::invalid(field, problem))
    }

    /// [`Bounded::field`] with a message of its own for a text too short.
    pub fn field_within(field: &str, text: &str, short: T, long: T) -> Result<Self, AppError> {
        Self::parse(text).map_err(|length| {
            AppError::invalid(
                field,
                match length {
                    Length::Short => short,
                    Length::Long => long,
                },
            )
        })
    }
}

impl Problems {
    /// A one-line text, trimmed: required or not, without control or direction
    /// characters, of at most `max` characters; a problem is recorded at `field`.
    /// The text as kept.
    pub fn one_line(&mut self, field: &str, text: &str, max: usize, required: bool) -> String {
        let text = text.trim();
        if required && text.is_empty() {
            self.add(field, T::ValidationRequired);
        } else if crate::text::has_control_chars(text, true) {
            self.add(field, T::ValidationBadCharacters);
        } else if text.chars().count() > max {
            self.add_with_limit(field, T::ValidationAtMost, Some(max as i64));
        }
        text.to_string()
    }

    /// The text of `field` if within bounds; otherwise records `problem` for it.
    pub fn bounded<const MIN: usize, const MAX: usize>(
        &mut self,
        field: &str,
        text: &str,
        problem: T,
    ) -> Option<Bounded<MIN, MAX>> {
        self.check(field, Bounded::parse(text).map_err(|_| problem))
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        // Arguments that do not read (a number that is not one, a key twice, one
        // missing) are the caller's mistake: 400, not 500 (a plain form post still
        // goes back to its page).
        #[cfg(feature = "ssr")]
        if is_bad_request(&value) && !is_plain_form_post() {
            if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
                response.set_status(axum::http::StatusCode::BAD_REQUEST);
            }
        }
        AppError::ServerFn(value)
    }
}

/// Whether a server function's error is one of the request's arguments.
fn is_bad_request(error: &ServerFnErrorErr) -> bool {
    matches!(
        error,
        ServerFnErrorErr::Args(_)
            | ServerFnErrorErr::MissingArg(_)
            | ServerFnErrorErr::Deserialization(_)
    )
}

/// Whether the request is a plain HTML form post (no JavaScript): the browser then
/// expects a redirect, not data.
#[cfg(feature = "ssr")]
pub fn is_plain_form_post() -> bool {
    leptos::prelude::use_context::<axum::http::request::Parts>().is_some_and(|parts| {
        parts.method == axum::http::Method::POST
            && parts
                .headers
                .get(axum::http::header::ACCEPT)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.contains("text/html"))
    })
}

/// A plain handler's refusal: the error's status, and its message as text. (Server
/// functions carry the error as JSON instead; see `FromServerFnError`.)
#[cfg(feature = "ssr")]
impl axum::response::IntoResponse for AppError {
    fn into_response(self) -> axum::response::Response {
        let status = axum::http::StatusCode::from_u16(self.status())
            .unwrap_or(axum::http::StatusCode::INTERNAL_SERVER_ERROR);
        let mut response = (status, self.message(Lang::default())).into_response();
        if let Some(seconds) = self.retry_after() {
            response
                .headers_mut()
                .insert(axum::http::header::RETRY_AFTER, seconds.into());
        }
        response
    }
}

#[cfg(feature = "ssr")]
impl From<crate::db::DbError> for AppError {
    fn from(e: crate::db::DbError) -> Self {
        tracing::error!(error = %e, "database error");
        AppError::Internal
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refusal_names_the_field() {
        let Err(AppError::Invalid(errors)) =
            Bounded::<0, 5>::field("note", "sei ch", T::ValidationTooLong)
        else {
            panic!("a six-character note passed a limit of five");
        };
        assert_eq!(errors[0].field, "note");
        assert_eq!(errors[0].problem, T::ValidationTooLong);
    }
}
