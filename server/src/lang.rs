//! `POST /lang`: the language switch in the header. A plain form, so it works
//! without JavaScript; it remembers the choice in a cookie and goes back.

use app::i18n::{Lang, LANG_COOKIE};
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

/// Only a path on this site may be the destination (no open redirect).
fn safe_next(next: &str) -> &str {
    let local = next.starts_with('/') && !next.starts_with("//") && !next.contains('\\');
    if local && !next.chars().any(char::is_control) {
        next
    } else {
        "/"
    }
}

pub async fn switch(Form(form): Form<LangForm>) -> (StatusCode, HeaderMap) {
    let mut headers = HeaderMap::new();
    let next = safe_next(&form.next);
    if let Ok(location) = HeaderValue::from_str(next) {
        headers.insert(LOCATION, location);
    }
    if let Some(lang) = Lang::from_code(&form.lang) {
        let cookie = format!(
            "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
            lang.code()
        );
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            headers.insert(SET_COOKIE, value);
        }
    }
    (StatusCode::SEE_OTHER, headers)
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(safe_next("/bassa-romagna"), "/bassa-romagna");
        assert_eq!(safe_next("//evil.example"), "/");
        assert_eq!(safe_next("https://evil.example"), "/");
        assert_eq!(safe_next("/\\evil.example"), "/");
        assert_eq!(safe_next(""), "/");
    }
}
