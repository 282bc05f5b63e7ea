//! The public side of consultations, and the results for operators.

use super::model::{Consultation, ConsultationCard};
use super::server::Results;
use crate::ente::model::EnteFrame;
use crate::error::AppError;
use crate::ids::EnteId;
use crate::questionnaire::results::QuestionResult;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[cfg(feature = "ssr")]
use {
    super::model::Phase,
    super::repo::DraftOwner,
    crate::auth::model::Scope,
    crate::auth::policy::{Action, Target},
    crate::auth::server::{fail, go_to, request_info, require, set_cookie},
    crate::ente::model::Module,
    crate::i18n::detect_lang,
    crate::i18n::T,
};

/// The published consultations of an ente.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicList {
    pub frame: EnteFrame,
    pub items: Vec<ConsultationCard>,
}

/// Whether the person reading may answer, and if not why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum AnswerState {
    Open,
    NotOpen,
    SignIn,
    Verify,
    Refused(crate::i18n::T),
    /// Already answered: the receipt.
    Answered(String),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicPage {
    pub frame: EnteFrame,
    pub consultation: Consultation,
    pub state: AnswerState,
    /// What was typed before (a draft, or a failed submission).
    pub draft: BTreeMap<String, String>,
    /// Aggregated results, once the outcome is published (no free texts).
    pub results: Option<Vec<QuestionResult>>,
    pub total: i64,
    pub signed_in: bool,
    /// The text in discussion, if the consultation has one, and whether the reader
    /// may comment on it.
    pub discussion: Vec<super::discussion::ParagraphView>,
    pub discussion_state: super::discussion::DiscussionState,
    /// What was wrong with the last plain form post (see `load_public`'s `check`).
    pub problems: Option<AppError>,
    /// The form's ticket, when it is open to anyone and nobody is signed in.
    pub ticket: String,
}

/// The cookie that names an anonymous browser's drafts.
#[cfg(feature = "ssr")]
const DRAFT_COOKIE: &str = "piazza_bozza";

/// Whose drafts these are: the signed-in account, or this browser (its draft cookie,
/// created when `create` is set and it has none: then the `Set-Cookie` value too).
#[cfg(feature = "ssr")]
pub fn draft_owner_from(
    headers: &axum::http::HeaderMap,
    actor: Option<&crate::auth::model::Actor>,
    secure: bool,
    create: bool,
) -> Option<(DraftOwner, Option<String>)> {
    if let Some(actor) = actor {
        return Some((DraftOwner::Account(actor.account_id), None));
    }
    let existing = headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().split_once('='))
        .find(|(n, _)| *n == DRAFT_COOKIE)
        .map(|(_, v)| v.to_string());
    let (token, cookie) = match (existing, create) {
        (Some(t), _) => (t, None),
        (None, true) => {
            let (t, _) = crate::auth::token::new_token();
            let cookie = format!(
                "{DRAFT_COOKIE}={t}; Path=/; Max-Age=604800; HttpOnly; SameSite=Lax{}",
                if secure { "; Secure" } else { "" }
            );
            (t, Some(cookie))
        }
        (None, false) => return None,
    };
    Some((
        DraftOwner::Browser(crate::auth::token::digest(&token)),
        cookie,
    ))
}

/// [`draft_owner_from`] for a server function (the cookie goes on its response).
#[cfg(feature = "ssr")]
fn draft_owner(create: bool) -> Option<DraftOwner> {
    let info = request_info();
    let parts = use_context::<axum::http::request::Parts>();
    let headers = parts.map(|p| p.headers).unwrap_or_default();
    let secure = crate::state::app_state()
        .map(|s| s.secure_cookies())
        .unwrap_or(false);
    let (owner, cookie) = draft_owner_from(&headers, info.actor.as_ref(), secure, create)?;
    if let Some(cookie) = cookie {
        set_cookie(&cookie);
    }
    Some(owner)
}

#[cfg(feature = "ssr")]
pub(crate) async fn public_row(
    ente: &str,
    slug: &str,
) -> Result<(crate::state::AppState, EnteFrame, super::repo::Row), AppError> {
    let (state, frame) = crate::ente::server::public_frame(ente).await?;
    if !frame.has(Module::Consultations) {
        return Err(fail(AppError::NotFound));
    }
    let row = super::service::load(&state, frame.ente.id, slug).await?;
    if row.status == "draft" {
        return Err(fail(AppError::NotFound));
    }
    Ok((state, frame, row))
}

#[server(endpoint = "consult/list")]
pub async fn load_public_list(ente: String) -> Result<PublicList, AppError> {
    let (state, frame) = crate::ente::server::public_frame(&ente).await?;
    if !frame.has(Module::Consultations) {
        return Err(fail(AppError::NotFound));
    }
    let lang = detect_lang();
    let now = state.clock.now();
    let counts = super::repo::response_counts(&state.db, frame.ente.id).await?;
    let items = super::repo::list(&state.db, frame.ente.id, false)
        .await?
        .into_iter()
        .map(|r| ConsultationCard {
            phase: Phase::of(&r.status, r.opens_at, r.closes_at, now),
            opens: lang.datetime(r.opens_at),
            closes: lang.datetime(r.closes_at),
            responses: counts
                .iter()
                .find(|(id, _)| *id == r.id)
                .map(|(_, n)| *n)
                .unwrap_or(0),
            slug: r.slug,
            title: r.title,
            summary: r.summary,
        })
        .collect();
    Ok(PublicList { frame, items })
}

/// The public page; `check` after a plain form post that failed: the problems of the
/// draft it kept come with the page.
#[server(endpoint = "consult/show")]
pub async fn load_public(
    ente: String,
    slug: String,
    check: Option<bool>,
) -> Result<PublicPage, AppError> {
    let (state, frame, row) = public_row(&ente, &slug).await?;
    let lang = detect_lang();
    let consultation = super::service::view(&state, &frame.ente, &row, lang).await?;
    let info = request_info();
    let has_questions = consultation.questionnaire.questions().next().is_some();
    let answer_state = match consultation.phase {
        Phase::Open if !has_questions => AnswerState::NotOpen,
        Phase::Open => match info.actor.as_ref() {
            Some(a) => match super::repo::has_answered(&state.db, row.id, a.account_id).await? {
                Some(receipt) => AnswerState::Answered(receipt),
                None => match super::answering::may_answer(&state, &row, Some(a)).await {
                    Ok(()) => AnswerState::Open,
                    Err(AppError::EmailNotVerified) => AnswerState::Verify,
                    Err(AppError::Refused(t)) => AnswerState::Refused(t),
                    Err(e) => return Err(e),
                },
            },
            None if row.participation == super::model::Participation::Anyone => AnswerState::Open,
            None => AnswerState::SignIn,
        },
        _ => AnswerState::NotOpen,
    };
    let mut draft: BTreeMap<String, String> = match draft_owner(false) {
        Some(owner) => super::repo::draft(&state.db, row.id, &owner)
            .await?
            .and_then(|f| serde_json::from_str(&f).ok())
            .unwrap_or_default(),
        None => BTreeMap::new(),
    };
    let problems = if check.unwrap_or(false) && !draft.is_empty() {
        super::answering::problems_of(&consultation.questionnaire, &draft)
    } else {
        None
    };
    draft.retain(|k, _| !k.starts_with(super::answering::FILE_PROBLEM));
    let (results, total) = if consultation.phase == Phase::Results {
        let kept = super::results::public(&state, &row, &consultation.questionnaire, lang)
            .await
            .map_err(fail)?;
        (Some(kept.0.clone()), kept.1)
    } else {
        (None, consultation.responses)
    };
    let ticket = if answer_state == AnswerState::Open && info.actor.is_none() {
        let scope = super::answering::ticket_scope(&row);
        let ticket = crate::auth::ticket::issue(&state.db, &scope, state.clock.now()).await?;
        crate::auth::ticket::announce(&scope, &ticket);
        ticket
    } else {
        String::new()
    };
    let discussion =
        super::discussion_service::view(&state, &row, info.actor.as_ref(), false, lang).await?;
    let discussion_state = {
        use super::discussion::DiscussionState as D;
        match (consultation.phase, info.actor.as_ref()) {
            (Phase::Open, None) => D::SignIn,
            (Phase::Open, Some(a)) if !a.verified => D::Verify,
            (Phase::Open, Some(a)) => {
                match super::answering::may_answer(&state, &row, Some(a)).await {
                    Ok(()) => D::Open,
                    Err(AppError::EmailNotVerified) => D::Verify,
                    Err(AppError::Refused(t)) => D::Refused(t),
                    Err(e) => return Err(e),
                }
            }
            _ => D::Closed,
        }
    };
    Ok(PublicPage {
        frame,
        consultation,
        state: answer_state,
        draft,
        results,
        total,
        signed_in: info.actor.is_some(),
        discussion,
        discussion_state,
        problems,
        ticket,
    })
}

/// Submits the answers; a plain form post goes to the receipt.
#[server(endpoint = "consult/answer")]
pub async fn answer(
    ente: String,
    slug: String,
    answers: Option<BTreeMap<String, String>>,
    ticket: Option<String>,
) -> Result<String, AppError> {
    let (state, frame, row) = public_row(&ente, &slug).await?;
    let info = request_info();
    // Who may answer is decided by the consultation (checked in `submit` through the
    // same policy): Participate for consultations that need an account.
    if row.participation != super::model::Participation::Anyone {
        require(Action::Participate, Target::Site)?;
    }
    let owner = draft_owner(true);
    let receipt = super::answering::submit(
        &state,
        &info,
        &row,
        answers.unwrap_or_default(),
        owner,
        super::answering::Ticket::Given(ticket.as_deref()),
    )
    .await
    .map_err(fail)?;
    go_to(&format!(
        "/{}/consultazioni/{}?ricevuta={receipt}",
        frame.ente.slug, row.slug
    ));
    Ok(receipt)
}

/// Keeps what a signed-in person typed so far.
#[server(endpoint = "consult/draft")]
pub async fn save_draft(
    ente: String,
    slug: String,
    answers: Option<BTreeMap<String, String>>,
) -> Result<(), AppError> {
    let (state, _, row) = public_row(&ente, &slug).await?;
    let actor = require(Action::Participate, Target::Site)?;
    let fields = answers.unwrap_or_default();
    if fields.len() > 500 || fields.values().map(String::len).sum::<usize>() > 200_000 {
        return Err(fail(AppError::invalid("answers", T::ValidationTooLong)));
    }
    let mut tx = state.db.begin().await?;
    super::repo::save_draft(
        &mut tx,
        row.id,
        &DraftOwner::Account(actor.account_id),
        &serde_json::to_string(&fields).unwrap_or_default(),
        state.clock.now(),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The results dashboard, optionally for one Comune and one age group.
#[server(endpoint = "consult/results")]
pub async fn load_results(
    ente: String,
    slug: String,
    comune: Option<EnteId>,
    age: Option<String>,
) -> Result<Results, AppError> {
    let state = crate::state::app_state()?;
    let found = crate::ente::repo::by_slug(&state.db, &ente)
        .await?
        .ok_or_else(|| fail(AppError::NotFound))?;
    require(
        Action::ManageConsultations,
        Target::In(Scope::Ente(found.id)),
    )?;
    let lang = detect_lang();
    let row = super::service::load(&state, found.id, &slug).await?;
    let consultation = super::service::view(&state, &found, &row, lang).await?;
    let age = age.filter(|a| crate::questionnaire::results::AGE_GROUPS.contains(&a.as_str()));
    let all_comuni = crate::ente::repo::comuni(&state.db).await?;
    // A Comune that does not exist filters nothing (and makes no entry of its own).
    let comune = comune.filter(|c| all_comuni.iter().any(|(id, _)| id == c));
    let figures = super::results::dashboard(
        &state,
        &row,
        &consultation.questionnaire,
        comune,
        age.as_deref(),
        lang,
    )
    .await
    .map_err(fail)?;
    Ok(Results {
        ente_name: found.name.clone(),
        shown: figures.shown,
        total: figures.total,
        per_day: figures.per_day.clone(),
        questions: figures.questions.clone(),
        comuni: all_comuni
            .into_iter()
            .filter(|(id, _)| figures.comuni.contains(id))
            .collect(),
        consultation,
    })
}

/// How many answers a consultation has now (the results tab asks every few seconds).
#[server(endpoint = "consult/count")]
pub async fn response_count(ente: String, slug: String) -> Result<i64, AppError> {
    let state = crate::state::app_state()?;
    let found = crate::ente::repo::by_slug(&state.db, &ente)
        .await?
        .ok_or_else(|| fail(AppError::NotFound))?;
    require(
        Action::ManageConsultations,
        Target::In(Scope::Ente(found.id)),
    )?;
    let row = super::service::load(&state, found.id, &slug).await?;
    Ok(super::repo::response_count(&state.db, row.id).await?)
}
