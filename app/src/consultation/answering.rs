//! Answering a consultation (server only): who may answer, what is wrong with what
//! was typed (question by question, files included), the draft kept when it is
//! refused, and the stored response with its receipt.

use super::model::{Participation, Phase};
use super::repo::{self, DraftOwner, Row};
use crate::auth::model::{Actor, Role, Scope};
use crate::auth::server::RequestInfo;
use crate::error::AppError;
use crate::error::Problems;
use crate::i18n::T;
use crate::questionnaire::answers;
use crate::questionnaire::model::Questionnaire;
use crate::state::AppState;
use std::collections::BTreeMap;

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

/// The most a kept draft may hold (its JSON), so that nobody fills the database
/// with drafts.
pub const MAX_DRAFT_BYTES: usize = 200_000;

/// Keeps what was typed when a submission is refused, so that the form comes back
/// filled in (even after a plain form post). A browser without an account keeps
/// drafts only within a limit per address; a draft too large is not kept.
pub async fn keep_draft(
    state: &AppState,
    info: &RequestInfo,
    row: &Row,
    owner: Option<&DraftOwner>,
    raw: &BTreeMap<String, String>,
) -> Result<(), AppError> {
    let Some(owner) = owner else {
        return Ok(());
    };
    let fields = serde_json::to_string(raw).unwrap_or_default();
    if fields.len() > MAX_DRAFT_BYTES {
        return Err(AppError::invalid("answers", T::ValidationTooLong));
    }
    let now = state.clock.now();
    if matches!(owner, DraftOwner::Browser(_)) {
        let bucket = crate::auth::ratelimit::per_address("draft-ip", &info.ip);
        let limit = crate::auth::ratelimit::DRAFTS_PER_IP;
        crate::auth::ratelimit::hit(&state.db, &bucket, limit, now).await?;
    }
    let mut tx = state.db.begin().await?;
    repo::save_draft(&mut tx, row.id, owner, &fields, now).await?;
    tx.commit().await?;
    Ok(())
}

/// The ticket of an answer given without an account: the one its page gave, or one
/// the caller already redeemed (the answer with files does, before it stores any).
#[derive(Clone, Copy)]
pub enum Ticket<'a> {
    Given(Option<&'a str>),
    Redeemed,
}

/// Uses up the ticket of an answer given without an account to a consultation open
/// to anyone (see `auth::ticket`); others need none.
pub async fn redeem_ticket(
    state: &AppState,
    row: &Row,
    actor: Option<&Actor>,
    ticket: Ticket<'_>,
) -> Result<(), AppError> {
    match ticket {
        Ticket::Given(given) if row.participation == Participation::Anyone && actor.is_none() => {
            let scope = ticket_scope(row);
            let now = state.clock.now();
            crate::auth::ticket::redeem(&state.db, &scope, given.unwrap_or_default(), now).await
        }
        _ => Ok(()),
    }
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
    ticket: Ticket<'_>,
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
            keep_draft(state, info, row, owner.as_ref(), &raw).await?;
            return Err(problems_of(&questionnaire, &raw).unwrap_or(AppError::Internal));
        }
    };
    // Without an account, an answer needs the ticket its page gave; what was typed
    // is kept if it is refused.
    if let Err(refused) = redeem_ticket(state, row, actor, ticket).await {
        keep_draft(state, info, row, owner.as_ref(), &raw).await?;
        return Err(refused);
    }
    // Only answers that would be stored count against the limit of an open consultation.
    if row.participation == Participation::Anyone {
        let address = crate::auth::ratelimit::address_key(&info.ip);
        let bucket = crate::auth::ratelimit::bucket("answer-ip", &format!("{}:{address}", row.id));
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
                lang: info.lang,
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
