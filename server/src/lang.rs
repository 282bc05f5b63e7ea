//! `POST /lang`: the language switch in the header. A plain form, so it works
//! without JavaScript; it remembers the choice in a cookie and goes back.

use app::auth::server::safe_local_path;
use app::auth::server::RequestInfo;
use app::i18n::{lang_cookie, Lang};
use app::state::AppState;
use axum::extract::State;
use axum::http::header::{LOCATION, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::{Extension, Form};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct LangForm {
    lang: String,
    #[serde(default)]
    next: String,
}

/// For a signed-in person the choice also becomes their profile's language, so that
/// it follows them to their next login and to their mail.
pub async fn switch(
    State(state): State<AppState>,
    info: Option<Extension<RequestInfo>>,
    Form(form): Form<LangForm>,
) -> (StatusCode, HeaderMap) {
    let mut headers = HeaderMap::new();
    let next = safe_local_path(&form.next);
    if let Ok(location) = HeaderValue::from_str(&next) {
        headers.insert(LOCATION, location);
    }
    if let Some(lang) = Lang::from_code(&form.lang) {
        if let Ok(value) = HeaderValue::from_str(&lang_cookie(lang)) {
            headers.insert(SET_COOKIE, value);
        }
        if let Some(actor) = info.and_then(|Extension(i)| i.actor) {
            let saved = state
                .db
                .execute(
                    app::db::sql("UPDATE account SET language = $1 WHERE id = $2")
                        .bind(lang.code())
                        .bind(actor.account_id),
                )
                .await;
            if let Err(e) = saved {
                tracing::error!(error = %e, "cannot save the language of an account");
            }
        }
    }
    (StatusCode::SEE_OTHER, headers)
}
