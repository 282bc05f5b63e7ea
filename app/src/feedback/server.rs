//! Rating a page (anyone, a plain form that works without JavaScript) and reading
//! what visitors said (the ente's site operators).

use super::model::PageScore;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The checked rating of a page: where, how many stars, the answer of the side the
/// stars are on, and the detail.
#[cfg(feature = "ssr")]
fn checked(
    ente: &str,
    pagina: &str,
    voto: Option<u8>,
    positivo: Option<String>,
    negativo: Option<String>,
    dettagli: Option<String>,
) -> Result<(String, u8, Option<super::model::Answer>, String), AppError> {
    use super::model::{is_good, Answer, DETAIL_MAX_CHARS, PATH_MAX_CHARS};
    use crate::i18n::T;
    let mut problems = crate::error::Problems::default();
    // Only a page of this ente, without its query, is rated: an address as Piazza
    // writes them (URL names: letters, digits, hyphens), not any text.
    let path = pagina
        .split(['?', '#'])
        .next()
        .unwrap_or_default()
        .to_string();
    let home = format!("/{ente}");
    let of_ente = path == home || path.starts_with(&format!("{home}/"));
    let plain = path.split('/').skip(1).all(|part| {
        !part.is_empty()
            && part
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
            && part != "."
            && part != ".."
    });
    if !of_ente || !plain || path.chars().count() > PATH_MAX_CHARS {
        problems.add("pagina", T::FeedbackBadPage);
    }
    let stars = voto.filter(|v| (1..=5).contains(v));
    if stars.is_none() {
        problems.add("voto", T::FeedbackChooseStars);
    }
    let good = stars.is_some_and(is_good);
    let chosen = if good { positivo } else { negativo };
    let answer = match chosen.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
        None => None,
        Some(code) => match Answer::from_code(code).filter(|a| a.is_positive() == good) {
            Some(a) => Some(a),
            None => {
                problems.add(
                    if good { "positivo" } else { "negativo" },
                    T::FeedbackBadAnswer,
                );
                None
            }
        },
    };
    // One line: its spaces (and any control character) folded.
    let detail = dettagli.unwrap_or_default().replace(char::is_control, " ");
    let detail = detail.split_whitespace().collect::<Vec<_>>().join(" ");
    if detail.chars().count() > DETAIL_MAX_CHARS {
        problems.add_with_limit(
            "dettagli",
            T::FeedbackTooLong,
            Some(DETAIL_MAX_CHARS as i64),
        );
    }
    problems.into_result()?;
    Ok((path, stars.unwrap_or(1), answer, detail))
}

/// Rates a page of an ente: 1 to 5 stars, then the model's follow-up answer and a
/// detail. Answers where to go next (the page, thanked) for a plain form.
#[server(endpoint = "feedback/rate")]
pub async fn rate_page(
    ente: String,
    pagina: String,
    voto: Option<u8>,
    positivo: Option<String>,
    negativo: Option<String>,
    dettagli: Option<String>,
) -> Result<String, AppError> {
    use crate::auth::{ratelimit, server::fail};
    crate::auth::server::authorize(crate::auth::Action::RatePage, crate::auth::Target::Site)?;
    // Only the pages of an ente whose site is on carry the widget.
    let (state, frame) =
        crate::ente::server::module_frame(&ente, crate::ente::model::Module::Site).await?;
    let found = frame.ente;
    let (path, stars, answer, detail) =
        checked(&found.slug, &pagina, voto, positivo, negativo, dettagli).map_err(fail)?;
    let info = crate::auth::server::request_info();
    let now = state.clock.now();
    let bucket = ratelimit::bucket("feedback-ip", &ratelimit::address_key(&info.ip));
    ratelimit::hit(&state.db, &bucket, ratelimit::FEEDBACK_PER_IP, now)
        .await
        .map_err(fail)?;
    let rating = super::repo::NewRating {
        ente: found.id,
        path: &path,
        stars,
        answer,
        detail: &detail,
    };
    super::repo::insert(&state.db, &rating, now).await?;
    Ok(crate::auth::server::go_to(&format!(
        "{path}?valutazione=grazie#piazza-feedback"
    )))
}

/// What visitors said of an ente's pages.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FeedbackResults {
    pub ente_slug: String,
    pub ente_name: String,
    pub pages: Vec<PageScore>,
}

#[server(endpoint = "feedback/results")]
pub async fn load_feedback(ente: String) -> Result<FeedbackResults, AppError> {
    use crate::auth::{server::fail, Action, Scope, Target};
    let state = crate::state::app_state()?;
    let found = crate::ente::repo::by_slug(&state.db, &ente)
        .await?
        .ok_or_else(|| fail(AppError::NotFound))?;
    crate::auth::server::require(Action::ManageSite, Target::In(Scope::Ente(found.id)))?;
    Ok(FeedbackResults {
        pages: super::repo::scores(&state.db, found.id).await?,
        ente_slug: found.slug,
        ente_name: found.name,
    })
}
