//! The profile and the account page (server only).

use super::model::{self as m};
use super::repo;
use crate::audit::model::AuditAction;
use crate::audit::repo::{self as audit, Record};
use crate::auth::model::Actor;
use crate::auth::server::RequestInfo;
use crate::auth::session;
use crate::error::{AppError, Problems};
use crate::i18n::{Lang, T};
use crate::ids::EnteId;
use crate::state::AppState;

/// The profile form as submitted.
pub struct ProfileInput {
    pub name: String,
    pub language: String,
    pub residence: String,
    pub birth_year: String,
    pub fiscal_code: String,
    pub topics: Vec<String>,
    pub job_title: String,
    pub skills: String,
    pub digest: Option<String>,
}

/// Saves the profile; returns the language chosen.
pub async fn update_profile(
    state: &AppState,
    info: &RequestInfo,
    actor: &Actor,
    input: ProfileInput,
) -> Result<Lang, AppError> {
    let now = state.clock.now();
    let mut p = Problems::default();
    let name = p.check("name", m::parse_name(&input.name));
    let language = p.check(
        "language",
        Lang::from_code(&input.language).ok_or(T::ValidationChoice),
    );
    let this_year = chrono::Datelike::year(&Lang::local_date(now));
    let birth_year = p.check(
        "birth_year",
        m::parse_birth_year(&input.birth_year, this_year),
    );
    let fiscal_code = if input.fiscal_code.trim().is_empty() {
        Some(None)
    } else {
        p.check("fiscal_code", m::parse_fiscal_code(&input.fiscal_code))
            .map(Some)
    };
    let comuni = crate::ente::repo::comuni(&state.db).await?;
    let residence = match input.residence.trim() {
        "" => Some(None),
        text => match text.parse::<EnteId>() {
            Ok(id) if comuni.iter().any(|(c, _)| *c == id) => Some(Some(id)),
            _ => {
                p.add("residence", T::ValidationChoice);
                None
            }
        },
    };
    let all_topics = repo::topics(&state.db).await?;
    let mut topic_ids = Vec::new();
    for slug in &input.topics {
        match all_topics.iter().find(|t| &t.slug == slug) {
            Some(t) if !topic_ids.contains(&t.id) => topic_ids.push(t.id),
            Some(_) => {}
            None => p.add("topics", T::ValidationChoice),
        }
    }
    let job_title = input
        .job_title
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    p.bounded::<0, { super::model::JOB_TITLE_MAX_CHARS }>(
        "job_title",
        &job_title,
        T::ValidationTooLong,
    );
    let skills = p
        .check("skills", super::model::parse_skills(&input.skills))
        .map(|s| s.join(", "));
    let digest = match input.digest.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(code) => p.check(
            "digest",
            crate::notify::model::Digest::from_code(code)
                .map(|d| d.code().to_string())
                .ok_or(T::ValidationChoice),
        ),
    };
    p.into_result()?;
    let (Some(name), Some(language), Some(birth_year), Some(fiscal_code), Some(residence)) =
        (name, language, birth_year, fiscal_code, residence)
    else {
        return Err(AppError::Internal);
    };
    let update = repo::ProfileUpdate {
        name,
        language: language.code().to_string(),
        residence_ente_id: residence,
        birth_year,
        fiscal_code,
        topic_ids,
        job_title,
        skills: skills.unwrap_or_default(),
        digest,
    };
    let mut tx = state.db.begin().await?;
    repo::update_profile(&mut tx, actor.account_id, &update, now).await?;
    audit::record(
        &mut tx,
        info,
        Record::new(AuditAction::ProfileUpdated).target(
            "account",
            Some(actor.account_id),
            actor.email.as_str(),
        ),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(language)
}

/// Everything the account page shows, with times already in the reader's language
/// and Rome's time zone (the browser has no clock to format them the same way).
pub async fn account_page(
    state: &AppState,
    actor: &Actor,
    session_id: Option<i64>,
    lang: Lang,
) -> Result<m::AccountPage, AppError> {
    let db = &state.db;
    let profile = repo::profile(db, actor.account_id)
        .await?
        .ok_or(AppError::Unauthorized)?;
    let roles = repo::roles(db, actor.account_id).await?;
    let platform = lang.t(T::AppName).to_string();
    let sessions = session::list(db, actor.account_id).await?;
    Ok(m::AccountPage {
        profile,
        topics: repo::topics(db).await?,
        comuni: crate::ente::repo::comuni(db).await?,
        roles: roles
            .into_iter()
            .filter_map(|(role, ente, community)| {
                let role = crate::auth::Role::from_code(&role)?;
                Some((role, ente.or(community).unwrap_or_else(|| platform.clone())))
            })
            .collect(),
        sessions: sessions
            .into_iter()
            .map(|s| m::SessionView {
                started: lang.datetime(s.created_at),
                last_seen: lang.datetime(s.last_seen_at),
                ip: s.ip,
                device: s.user_agent,
                current: Some(s.id) == session_id,
            })
            .collect(),
        this_year: chrono::Datelike::year(&Lang::local_date(state.clock.now())),
    })
}
