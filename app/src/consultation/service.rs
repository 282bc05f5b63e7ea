//! What the consultation server functions do once authorized (server only).

use super::model::{Consultation, Participation, Phase};
use super::repo::{self, Row};
use crate::audit::model::AuditAction;
use crate::audit::repo::{self as audit, Record};
use crate::auth::model::Actor;
use crate::auth::server::RequestInfo;
use crate::ente::model::Ente;
use crate::error::AppError;
use crate::error::Problems;
use crate::i18n::{Lang, T};
use crate::ids::EnteId;
use crate::questionnaire::model::Questionnaire;
use crate::state::AppState;
use crate::text::Bounded;
use chrono::Duration;

/// A consultation's URL name from its title (`text::slug_of`).
pub fn slugify(title: &str) -> String {
    crate::text::slug_of(title, "consultazione")
}

pub async fn load(state: &AppState, ente_id: EnteId, slug: &str) -> Result<Row, AppError> {
    repo::by_slug(&state.db, ente_id, slug)
        .await?
        .ok_or_else(|| crate::auth::server::fail(AppError::NotFound))
}

/// The consultation as pages show it.
pub async fn view(
    state: &AppState,
    ente: &Ente,
    row: &Row,
    lang: Lang,
) -> Result<Consultation, AppError> {
    let now = state.clock.now();
    let files = super::file_repo::files(&state.db, row.id).await?;
    Ok(Consultation {
        id: row.id,
        ente_slug: ente.slug.clone(),
        slug: row.slug.clone(),
        title: row.title.clone(),
        summary: row.summary.clone(),
        body: row.body.clone(),
        phase: Phase::of(&row.status, row.opens_at, row.closes_at, now),
        status: row.status.clone(),
        opens_input: Lang::local_input(row.opens_at),
        closes_input: Lang::local_input(row.closes_at),
        opens: lang.datetime(row.opens_at),
        closes: lang.datetime(row.closes_at),
        participation: row.participation,
        anonymous_results: row.anonymous_results,
        questionnaire: row.questionnaire(),
        outcome: row.outcome.clone(),
        responses: repo::response_count(&state.db, row.id).await?,
        comuni: repo::comuni(&state.db, row.id).await?,
        topics: repo::topics(&state.db, row.id).await?,
        cover: files
            .iter()
            .find(|(role, _)| role == "cover")
            .map(|(_, f)| f.clone()),
        attachments: files
            .into_iter()
            .filter(|(role, _)| role == "attachment")
            .map(|(_, f)| f)
            .collect(),
    })
}

/// A new draft consultation; returns its URL name.
pub async fn create(
    state: &AppState,
    info: &RequestInfo,
    ente: &Ente,
    actor: &Actor,
    title: &str,
) -> Result<String, AppError> {
    let now = state.clock.now();
    let title = title.trim();
    Bounded::<3, 200>::field("title", title, T::ConsultationTitleLength)?;
    let base = slugify(title);
    let mut tx = state.db.begin().await?;
    let opens = now + Duration::days(1);
    for n in 1..50 {
        let slug = if n == 1 {
            base.clone()
        } else {
            format!("{base}-{n}")
        };
        if let Some(id) = repo::create(
            &mut tx,
            ente.id,
            &slug,
            title,
            opens,
            opens + Duration::days(30),
            Some(actor.account_id),
            now,
        )
        .await?
        {
            audit::record(
                &mut tx,
                info,
                Record::new(AuditAction::ConsultationCreated)
                    .target("consultation", Some(id), title)
                    .ente(Some(ente.id)),
                now,
            )
            .await?;
            tx.commit().await?;
            return Ok(slug);
        }
    }
    Err(AppError::invalid("title", T::ConsultationTitleLength))
}

/// What the details form sends.
pub struct DetailsForm {
    pub title: String,
    pub summary: String,
    pub body: String,
    pub opens: String,
    pub closes: String,
    pub participation: String,
    pub community: String,
    pub anonymous: bool,
    pub comuni: Vec<String>,
    pub topics: Vec<String>,
}

pub async fn save_details(
    state: &AppState,
    info: &RequestInfo,
    ente: &Ente,
    row: &Row,
    f: DetailsForm,
) -> Result<(), AppError> {
    let now = state.clock.now();
    let mut p = Problems::default();
    let title = f.title.trim().to_string();
    p.bounded::<3, 200>("title", &title, T::ConsultationTitleLength);
    p.bounded::<0, 500>("summary", &f.summary, T::ConsultationSummaryLength);
    p.bounded::<0, 50_000>("body", &f.body, T::ValidationTooLong);
    let opens = Lang::parse_local_input(&f.opens);
    let closes = Lang::parse_local_input(&f.closes);
    let dates = match (opens, closes) {
        (Some(o), Some(c)) if c > o => Some((o, c)),
        _ => {
            p.add("closes", T::ConsultationBadDates);
            None
        }
    };
    let participation = p.check(
        "participation",
        Participation::from_code(&f.participation).ok_or(T::ValidationChoice),
    );
    let all_comuni = crate::ente::repo::comuni(&state.db).await?;
    let mut comuni = Vec::new();
    for c in &f.comuni {
        match c
            .parse::<EnteId>()
            .ok()
            .filter(|id| all_comuni.iter().any(|(x, _)| x == id))
        {
            Some(id) if !comuni.contains(&id) => comuni.push(id),
            Some(_) => {}
            None => p.add("comuni", T::ValidationChoice),
        }
    }
    if participation == Some(Participation::Residents) && comuni.is_empty() {
        p.add("comuni", T::ConsultationNoComuni);
    }
    let community = match f.community.trim() {
        "" => None,
        slug => crate::community::repo::by_slug(&state.db, slug)
            .await?
            .map(|c| c.id),
    };
    if participation == Some(Participation::Community) && community.is_none() {
        p.add("community", T::ConsultationNoCommunity);
    }
    let all_topics = crate::account::repo::topics(&state.db).await?;
    let mut topics = Vec::new();
    for slug in &f.topics {
        match all_topics.iter().find(|t| &t.slug == slug) {
            Some(t) if !topics.contains(&t.id) => topics.push(t.id),
            Some(_) => {}
            None => p.add("topics", T::ValidationChoice),
        }
    }
    p.into_result()?;
    let (Some((opens_at, closes_at)), Some(participation)) = (dates, participation) else {
        return Err(AppError::Internal);
    };
    let details = repo::Details {
        title: title.clone(),
        summary: f.summary.trim().to_string(),
        body: f.body.trim().to_string(),
        opens_at,
        closes_at,
        participation,
        community_id: community,
        anonymous_results: f.anonymous,
        comuni,
        topics,
    };
    let mut tx = state.db.begin().await?;
    repo::update_details(&mut tx, row.id, &details, now).await?;
    audit::record(
        &mut tx,
        info,
        Record::new(AuditAction::ConsultationUpdated)
            .target("consultation", Some(row.id), title)
            .ente(Some(ente.id)),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Changes the questionnaire with `change`, and stores it unless someone answered.
pub async fn edit_questionnaire(
    state: &AppState,
    row: &Row,
    change: impl FnOnce(&mut Questionnaire) -> Result<(), AppError>,
) -> Result<(), AppError> {
    let now = state.clock.now();
    if repo::response_count(&state.db, row.id).await? > 0 {
        return Err(AppError::Refused(T::ConsultationHasAnswers));
    }
    let mut q = row.questionnaire();
    change(&mut q)?;
    let mut tx = state.db.begin().await?;
    if !repo::set_questionnaire(&mut tx, row.id, &q, now).await? {
        return Err(AppError::Refused(T::ConsultationHasAnswers));
    }
    tx.commit().await?;
    Ok(())
}

/// Attaches a file that passed its checks: the cover (`label` is its alternative
/// text, required) or a document (`label` is its title, the file's name if empty).
pub async fn add_file(
    state: &AppState,
    info: &RequestInfo,
    ente: &Ente,
    row: &Row,
    role: &str,
    label: &str,
    file: crate::upload::check::Checked,
) -> Result<(), AppError> {
    let label = label.trim();
    Bounded::<0, 300>::field("label", label, T::ValidationTooLong)?;
    match role {
        "cover" if label.is_empty() => {
            return Err(AppError::invalid("label", T::UploadAltRequired))
        }
        "cover" | "attachment" => {}
        _ => return Err(AppError::invalid("role", T::ValidationChoice)),
    }
    let now = state.clock.now();
    let staged = crate::upload::repo::stage(&state.db, &state.files, &file).await?;
    let mut tx = state.db.begin().await?;
    let by = info.actor.as_ref().map(|a| a.account_id);
    let (id, _) = crate::upload::repo::store(&mut tx, &staged, by, Some(ente.id), now).await?;
    super::file_repo::add_file(&mut tx, row.id, id, role, label).await?;
    audit::record(
        &mut tx,
        info,
        Record::new(AuditAction::ConsultationUpdated)
            .target("consultation", Some(row.id), row.title.as_str())
            .ente(Some(ente.id))
            .details(format!("+ {}", file.name)),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Takes a file off the consultation (the upload itself stays, as the audit log
/// may name it).
pub async fn remove_file(
    state: &AppState,
    info: &RequestInfo,
    ente: &Ente,
    row: &Row,
    token: &str,
) -> Result<(), AppError> {
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    if !super::file_repo::remove_file(&mut tx, row.id, token).await? {
        return Err(AppError::NotFound);
    }
    audit::record(
        &mut tx,
        info,
        Record::new(AuditAction::ConsultationUpdated)
            .target("consultation", Some(row.id), row.title.as_str())
            .ente(Some(ente.id))
            .details(format!("- {token}")),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::slugify;

    #[test]
    fn slugs_from_titles() {
        assert_eq!(
            slugify("Piazza Baracca: più verde e più città!"),
            "piazza-baracca-piu-verde-e-piu-citta"
        );
        assert_eq!(slugify("  ?? "), "consultazione");
        assert!(slugify(&"parola ".repeat(30)).len() <= 60);
    }
}
