//! What the consultation server functions do once authorized (server only).

use super::model::{Consultation, Participation, Phase};
use super::repo::{self, DraftOwner, Row};
use crate::account::service::Problems;
use crate::audit::model::AuditAction;
use crate::audit::repo::{self as audit, Record};
use crate::auth::model::{Actor, Role, Scope};
use crate::auth::server::RequestInfo;
use crate::ente::model::Ente;
use crate::error::AppError;
use crate::i18n::{Lang, T};
use crate::mail::model::MailKind;
use crate::questionnaire::answers;
use crate::questionnaire::model::Questionnaire;
use crate::state::AppState;
use chrono::Duration;
use std::collections::BTreeMap;

/// A URL name from a title: lowercase ASCII letters and digits, accents dropped,
/// words joined by single hyphens, at most 60 characters.
pub fn slugify(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'à' | 'á' | 'â' | 'ä' => 'a',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ò' | 'ó' | 'ô' | 'ö' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
        if out.len() >= 60 {
            break;
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.len() < 2 {
        "consultazione".to_string()
    } else {
        out
    }
}

pub async fn load(state: &AppState, ente_id: i64, slug: &str) -> Result<Row, AppError> {
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
    let files = repo::files(&state.db, row.id).await?;
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
    if !(3..=200).contains(&title.chars().count()) {
        return Err(AppError::invalid("title", T::ConsultationTitleLength));
    }
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
    if !(3..=200).contains(&title.chars().count()) {
        p.add("title", T::ConsultationTitleLength);
    }
    if f.summary.chars().count() > 500 {
        p.add("summary", T::ConsultationSummaryLength);
    }
    if f.body.chars().count() > 50_000 {
        p.add("body", T::ValidationTooLong);
    }
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
            .parse::<i64>()
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

/// Publishes, withdraws (back to draft: only without answers) or publishes the outcome.
pub async fn set_phase(
    state: &AppState,
    info: &RequestInfo,
    ente: &Ente,
    row: &Row,
    to: &str,
    outcome: &str,
) -> Result<(), AppError> {
    let now = state.clock.now();
    let (status, action, outcome) = match to {
        "publish" => {
            // A consultation may be only a text to comment on: then it has no questions.
            let q = row.questionnaire();
            let only_text = q.questions().next().is_none()
                && !super::discussion_repo::paragraphs(&state.db, row.id)
                    .await?
                    .is_empty();
            if !only_text && !q.check().is_empty() {
                return Err(AppError::Refused(T::ConsultationNotReady));
            }
            ("published", AuditAction::ConsultationPublished, None)
        }
        "withdraw" => {
            if repo::response_count(&state.db, row.id).await? > 0 {
                return Err(AppError::Refused(T::ConsultationHasAnswers));
            }
            ("draft", AuditAction::ConsultationWithdrawn, None)
        }
        "results" => {
            if outcome.chars().count() > 50_000 {
                return Err(AppError::invalid("outcome", T::ValidationTooLong));
            }
            (
                "results",
                AuditAction::ConsultationResults,
                Some(outcome.trim()),
            )
        }
        _ => return Err(AppError::invalid("to", T::ValidationChoice)),
    };
    let mut tx = state.db.begin().await?;
    repo::set_status(&mut tx, row.id, status, outcome, now).await?;
    let told = match action {
        AuditAction::ConsultationPublished => {
            tell_followers(state, &mut tx, ente, row, MailKind::ConsultationOpened).await?
        }
        AuditAction::ConsultationResults if row.status != "results" => {
            tell_followers(state, &mut tx, ente, row, MailKind::ConsultationOutcome).await?
        }
        _ => 0,
    };
    audit::record(
        &mut tx,
        info,
        Record::new(action)
            .target("consultation", Some(row.id), row.title.as_str())
            .ente(Some(ente.id)),
        now,
    )
    .await?;
    tx.commit().await?;
    if told > 0 {
        state.mail_queued.notify_one();
    }
    Ok(())
}

/// Mails the people who follow one of the consultation's topics (verified accounts,
/// each once, in their language), in the caller's transaction; how many.
async fn tell_followers(
    state: &AppState,
    tx: &mut crate::db::Tx,
    ente: &Ente,
    row: &Row,
    kind: MailKind,
) -> Result<usize, AppError> {
    let followers = repo::followers(tx, row.id).await?;
    let link = state.link(&format!("/{}/consultazioni/{}", ente.slug, row.slug));
    let now = state.clock.now();
    for (id, email, name, language) in &followers {
        let lang = Lang::from_code(language).unwrap_or_default();
        let (key, code) = match kind {
            MailKind::ConsultationOutcome => (T::NotifyConsultationOutcome, "consultation_outcome"),
            _ => (T::NotifyConsultationOpened, "consultation_opened"),
        };
        crate::notify::repo::add(
            tx,
            *id,
            code,
            &lang.tf(key, &[("ente", &ente.name), ("title", &row.title)]),
            &format!("/{}/consultazioni/{}", ente.slug, row.slug),
            now,
        )
        .await?;
        crate::mail::outbox::enqueue(
            tx,
            crate::mail::outbox::NewMail {
                to: email,
                account_id: Some(*id),
                kind,
                lang,
                values: &[
                    ("name", name.as_str()),
                    ("title", &row.title),
                    ("ente", &ente.name),
                    ("link", &link),
                    ("site", &state.public_url),
                ],
            },
            now,
        )
        .await?;
    }
    Ok(followers.len())
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
    if label.chars().count() > 300 {
        return Err(AppError::invalid("label", T::ValidationTooLong));
    }
    match role {
        "cover" if label.is_empty() => {
            return Err(AppError::invalid("label", T::UploadAltRequired))
        }
        "cover" | "attachment" => {}
        _ => return Err(AppError::invalid("role", T::ValidationChoice)),
    }
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let by = info.actor.as_ref().map(|a| a.account_id);
    let (id, _) = crate::upload::repo::store(&mut tx, &file, by, Some(ente.id), now).await?;
    repo::add_file(&mut tx, row.id, id, role, label).await?;
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
    if !repo::remove_file(&mut tx, row.id, token).await? {
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

/// Whether `actor` may answer, as far as who they are goes (the phase is checked apart).
pub async fn may_answer(
    state: &AppState,
    row: &Row,
    actor: Option<&Actor>,
) -> Result<(), AppError> {
    if row.participation == Participation::Anyone {
        return Ok(());
    }
    let actor = actor.ok_or(AppError::Unauthorized)?;
    if !actor.verified {
        return Err(AppError::EmailNotVerified);
    }
    match row.participation {
        Participation::Residents => {
            let profile = crate::account::repo::profile(&state.db, actor.account_id).await?;
            let comuni = repo::comuni(&state.db, row.id).await?;
            match profile.and_then(|p| p.residence_ente_id) {
                Some(c) if comuni.contains(&c) => Ok(()),
                _ => Err(AppError::Refused(T::ConsultationNotResident)),
            }
        }
        Participation::Community => {
            let member = row.community_id.is_some_and(|id| {
                let scope = Scope::Community { id, ente: None };
                actor.holds(Role::CommunityMember, scope)
                    || actor.holds(Role::CommunityTutor, scope)
            });
            if member {
                Ok(())
            } else {
                Err(AppError::Refused(T::ConsultationNotMember))
            }
        }
        Participation::Anyone | Participation::Verified => Ok(()),
    }
}

/// A receipt number: `PZ-` and eight letters and digits without look-alikes.
fn receipt() -> String {
    let code = crate::account::password::generate(8).to_uppercase();
    format!("PZ-{}-{}", &code[..4], &code[4..])
}

/// Keeps what was typed when a submission is refused, so that the form comes back
/// filled in (even after a plain form post).
async fn keep_draft(
    state: &AppState,
    row: &Row,
    owner: Option<&DraftOwner>,
    raw: &BTreeMap<String, String>,
) -> Result<(), AppError> {
    if let Some(owner) = owner {
        let mut tx = state.db.begin().await?;
        repo::save_draft(
            &mut tx,
            row.id,
            owner,
            &serde_json::to_string(raw).unwrap_or_default(),
            state.clock.now(),
        )
        .await?;
        tx.commit().await?;
    }
    Ok(())
}

/// What a consultation's form tickets are for.
pub fn ticket_scope(row: &Row) -> String {
    format!("consultation:{}", row.id)
}

/// Fields of a draft that carry the problem of a file refused at upload: `!q9`.
pub const FILE_PROBLEM: char = '!';

/// What is wrong with what was typed (and with the files sent), question by question;
/// None when it would be accepted.
pub fn problems_of(
    questionnaire: &Questionnaire,
    raw: &BTreeMap<String, String>,
) -> Option<AppError> {
    let mut p = Problems::default();
    // A refused file says more than "required" about its question.
    let files: Vec<(&str, T)> = raw
        .iter()
        .filter_map(|(key, code)| {
            Some((
                key.strip_prefix(FILE_PROBLEM)?,
                crate::upload::model::problem_of(code)?,
            ))
        })
        .collect();
    if let Err(problems) = answers::parse(questionnaire, raw) {
        for problem in problems {
            if !files.iter().any(|(q, _)| *q == problem.question) {
                p.add_with_limit(&problem.question, problem.problem, problem.limit);
            }
        }
    }
    for (question, t) in files {
        p.add(question, t);
    }
    p.into_result().err()
}

/// Checks and stores a response; the receipt, or the problems (and then what was
/// typed is kept as a draft, so the form comes back filled even without JavaScript).
pub async fn submit(
    state: &AppState,
    info: &RequestInfo,
    row: &Row,
    raw: BTreeMap<String, String>,
    owner: Option<DraftOwner>,
    ticket: Option<&str>,
) -> Result<String, AppError> {
    let now = state.clock.now();
    if Phase::of(&row.status, row.opens_at, row.closes_at, now) != Phase::Open {
        return Err(AppError::Refused(T::ConsultationNotOpen));
    }
    let actor = info.actor.as_ref();
    may_answer(state, row, actor).await?;
    if let Some(a) = actor {
        if repo::has_answered(&state.db, row.id, a.account_id)
            .await?
            .is_some()
        {
            return Err(AppError::Refused(T::ConsultationAlreadyAnswered));
        }
    }
    let questionnaire = row.questionnaire();
    let answers = match answers::parse(&questionnaire, &raw) {
        Ok(a) => a,
        Err(_) => {
            keep_draft(state, row, owner.as_ref(), &raw).await?;
            return Err(problems_of(&questionnaire, &raw).unwrap_or(AppError::Internal));
        }
    };
    // Without an account, an answer needs the ticket its page gave (see
    // `auth::ticket`); what was typed is kept if it is refused.
    if row.participation == Participation::Anyone && actor.is_none() {
        let redeemed = crate::auth::ticket::redeem(
            &state.db,
            &ticket_scope(row),
            ticket.unwrap_or_default(),
            now,
        )
        .await;
        if let Err(refused) = redeemed {
            keep_draft(state, row, owner.as_ref(), &raw).await?;
            return Err(refused);
        }
    }
    // Only answers that would be stored count against the limit of an open consultation.
    if row.participation == Participation::Anyone {
        let bucket =
            crate::auth::ratelimit::bucket("answer-ip", &format!("{}:{}", row.id, info.ip));
        crate::auth::ratelimit::hit(
            &state.db,
            &bucket,
            crate::auth::ratelimit::ANSWERS_PER_IP,
            now,
        )
        .await?;
    }
    let (comune_id, birth_year) = match actor {
        Some(a) => {
            let profile = crate::account::repo::profile(&state.db, a.account_id).await?;
            (
                profile.as_ref().and_then(|p| p.residence_ente_id),
                profile.and_then(|p| p.birth_year),
            )
        }
        None => (None, None),
    };
    let json = serde_json::to_string(&answers).unwrap_or_default();
    let mut tx = state.db.begin().await?;
    let number = receipt();
    let stored = repo::insert_response(
        &mut tx,
        &repo::NewResponse {
            consultation_id: row.id,
            account_id: actor.map(|a| a.account_id),
            receipt: &number,
            answers: &json,
            comune_id,
            birth_year,
        },
        now,
    )
    .await?;
    if !stored {
        return Err(AppError::Refused(T::ConsultationAlreadyAnswered));
    }
    if let Some(owner) = &owner {
        repo::delete_draft(&mut tx, row.id, owner).await?;
    }
    if let Some(a) = actor {
        let link = state.link(&format!(
            "/{}/consultazioni/{}",
            ente_slug(state, row).await?,
            row.slug
        ));
        crate::mail::outbox::enqueue(
            &mut tx,
            crate::mail::outbox::NewMail {
                to: &a.email,
                account_id: Some(a.account_id),
                kind: crate::mail::model::MailKind::ResponseReceipt,
                lang: crate::routes::detect_lang(),
                values: &[
                    ("name", a.label()),
                    ("title", &row.title),
                    ("receipt", &number),
                    ("link", &link),
                    ("site", &state.public_url),
                ],
            },
            now,
        )
        .await?;
    }
    tx.commit().await?;
    if actor.is_some() {
        state.mail_queued.notify_one();
    }
    Ok(number)
}

async fn ente_slug(state: &AppState, row: &Row) -> Result<String, AppError> {
    Ok(crate::ente::repo::reference(&state.db, row.ente_id)
        .await?
        .map(|e| e.slug)
        .unwrap_or_default())
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
