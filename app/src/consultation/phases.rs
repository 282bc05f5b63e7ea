//! A consultation's life (server only): published, closed, withdrawn, its outcome
//! published; the people who follow its topics are told when it opens and when its
//! outcome is out.

use super::repo::{self, Row};
use crate::audit::model::AuditAction;
use crate::audit::repo::{self as audit, Record};
use crate::auth::server::RequestInfo;
use crate::ente::model::Ente;
use crate::error::AppError;
use crate::i18n::{Lang, T};
use crate::mail::model::MailKind;
use crate::state::AppState;
use crate::text::Bounded;

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
            Bounded::<0, 50_000>::field("outcome", outcome, T::ValidationTooLong)?;
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
        let lang = Lang::of(language);
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
