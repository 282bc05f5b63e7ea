//! The one error type of server functions. It crosses the wire as JSON; the browser
//! shows it through [`AppError::message`], so no internal detail reaches a page.

use crate::i18n::{Lang, T};
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

    /// The HTTP status this error maps to.
    pub fn status(&self) -> u16 {
        match self {
            AppError::NotFound => 404,
            AppError::Unauthorized => 401,
            AppError::Forbidden | AppError::EmailNotVerified => 403,
            AppError::Invalid(_) | AppError::Refused(_) => 422,
            AppError::RateLimited { .. } => 429,
            AppError::Internal | AppError::ServerFn(_) => 500,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::ServerFn(value)
    }
}

#[cfg(feature = "ssr")]
impl From<crate::db::DbError> for AppError {
    fn from(e: crate::db::DbError) -> Self {
        tracing::error!(error = %e, "database error");
        AppError::Internal
    }
}
