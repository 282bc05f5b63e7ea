//! `POST /lang`: the language switch in the header. A plain form, so it works
//! without JavaScript; it remembers the choice in a cookie and goes back.

use app::auth::server::safe_local_path;
use app::i18n::{lang_cookie, Lang};
use axum::http::header::{LOCATION, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::Form;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct LangForm {
    lang: String,
    #[serde(default)]
    next: String,
}

pub async fn switch(Form(form): Form<LangForm>) -> (StatusCode, HeaderMap) {
    let mut headers = HeaderMap::new();
    let next = safe_local_path(&form.next);
    if let Ok(location) = HeaderValue::from_str(&next) {
        headers.insert(LOCATION, location);
    }
    if let Some(lang) = Lang::from_code(&form.lang) {
        if let Ok(value) = HeaderValue::from_str(&lang_cookie(lang)) {
            headers.insert(SET_COOKIE, value);
        }
    }
    (StatusCode::SEE_OTHER, headers)
}
