//! Rating a page (anyone, a plain form that works without JavaScript) and reading
//! what visitors said (the ente's site operators).

use super::model::PageScore;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The sections of an ente's site whose pages carry the widget (`/{ente}/{section}/…`).
#[cfg(feature = "ssr")]
const SECTIONS: [&str; 22] = [
    "amministrazione",
    "novita",
    "notizie",
    "comunicati",
    "avvisi",
    "servizi",
    "vivere-il-comune",
    "luoghi",
    "eventi",
    "argomenti",
    "note-legali",
    "faq",
    "prenota-appuntamento",
    "privacy",
    "accessibilita",
    "cerca",
    "consultazioni",
    "social-media-policy",
    "newsletter",
    "ufficio-stampa",
    "segnala-disservizio",
    "pagine",
];

/// The page rated, without its query: an address of the ente's site as Piazza writes
/// them (URL names of letters, digits, hyphens and dots, in one of its sections, at
/// most four deep), or None.
#[cfg(feature = "ssr")]
fn rated_path(ente: &str, pagina: &str) -> Option<String> {
    use super::model::PATH_MAX_CHARS;
    let path = pagina.split(['?', '#']).next().unwrap_or_default();
    let mut parts = path.split('/');
    let (root, home) = (parts.next(), parts.next());
    let rest: Vec<&str> = parts.collect();
    let named = |part: &&str| {
        part.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
            && part.chars().any(|c| c != '.')
    };
    let ok = root == Some("")
        && home == Some(ente)
        && rest.len() <= 3
        && rest.first().is_none_or(|s| SECTIONS.contains(s))
        && rest.iter().all(named)
        && path.chars().count() <= PATH_MAX_CHARS;
    ok.then(|| path.to_string())
}

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
    use super::model::{is_good, Answer, DETAIL_MAX_CHARS};
    use crate::i18n::T;
    let mut problems = crate::error::Problems::default();
    // Only a page of this ente, without its query, is rated: an address as Piazza
    // writes them (URL names: letters, digits, hyphens), not any text.
    let path = rated_path(ente, pagina);
    if path.is_none() {
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
    let detail = dettagli
        .unwrap_or_default()
        .replace(crate::text::is_invisible, " ");
    let detail = detail.split_whitespace().collect::<Vec<_>>().join(" ");
    if detail.chars().count() > DETAIL_MAX_CHARS {
        problems.add_with_limit(
            "dettagli",
            T::FeedbackTooLong,
            Some(DETAIL_MAX_CHARS as i64),
        );
    }
    problems.into_result()?;
    Ok((path.unwrap_or_default(), stars.unwrap_or(1), answer, detail))
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

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::rated_path;
    use crate::text::is_invisible as invisible;

    #[test]
    fn only_pages_of_the_entes_sections_are_rated() {
        assert_eq!(rated_path("lugo", "/lugo").as_deref(), Some("/lugo"));
        let service = rated_path("lugo", "/lugo/servizi/imu?x=1#y");
        assert_eq!(service.as_deref(), Some("/lugo/servizi/imu"));
        for wrong in [
            "/lugo/",
            "/lugo//x",
            "/lugo/servizi/..",
            "/lugo/inventata",
            "/lugone",
            "/cotignola/servizi",
            "//evil.example",
            "/lugo/servizi/é",
            "/lugo/servizi/a%2Fb",
            "/lugo/servizi/a/b/c",
            "lugo",
        ] {
            assert_eq!(rated_path("lugo", wrong), None, "{wrong}");
        }
        assert!(invisible('\u{202E}') && invisible('\u{200B}') && invisible('\n'));
        assert!(!invisible('à'));
    }
}
