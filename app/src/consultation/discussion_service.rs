//! What the discussion's server functions do once authorized (server only): the
//! operator's text, participants' comments, supports and reports, the operators'
//! answers and moderation, each change in one transaction with its audit record.

use super::discussion::{
    parse_text, CommentStatus, CommentView, ParagraphView, ReportReason, COMMENT_MAX_CHARS,
    COMMENT_MIN_CHARS, REPLY_MAX_CHARS,
};
use super::discussion_repo as repo;
use super::model::Phase;
use super::repo::Row;
use crate::audit::model::AuditAction;
use crate::audit::repo::{self as audit, Record};
use crate::auth::model::Actor;
use crate::auth::server::RequestInfo;
use crate::ente::model::Ente;
use crate::error::AppError;
use crate::i18n::{Lang, T};
use crate::ids::AccountId;
use crate::state::AppState;
use crate::text::excerpt;
use crate::text::Bounded;
use std::collections::BTreeMap;

/// The paragraphs with their comments. The public (`operator` false) sees hidden
/// comments without author or text, and no reports.
pub async fn view(
    state: &AppState,
    row: &Row,
    reader: Option<&Actor>,
    operator: bool,
    lang: Lang,
) -> Result<Vec<ParagraphView>, AppError> {
    let paragraphs = repo::paragraphs(&state.db, row.id).await?;
    if paragraphs.is_empty() {
        return Ok(Vec::new());
    }
    let reader_id = reader.map(|a| a.account_id);
    let comments = repo::comments(&state.db, row.id, reader_id).await?;
    let mut reasons: BTreeMap<i64, Vec<(ReportReason, i64)>> = BTreeMap::new();
    if operator {
        for (id, code, n) in repo::report_reasons(&state.db, row.id).await? {
            if let Some(r) = ReportReason::from_code(&code) {
                reasons.entry(id).or_default().push((r, n));
            }
        }
    }
    let mut by_paragraph: BTreeMap<i64, Vec<CommentView>> = BTreeMap::new();
    for c in comments {
        let shown = operator || !c.hidden;
        by_paragraph
            .entry(c.paragraph_id)
            .or_default()
            .push(CommentView {
                id: c.id,
                author: if shown {
                    crate::account::model::author_label(
                        &c.display_name,
                        c.deleted_at.is_some(),
                        lang,
                    )
                } else {
                    String::new()
                },
                at: lang.datetime(c.created_at),
                body: if shown { c.body } else { String::new() },
                supports: c.supports,
                supported: c.supported > 0,
                mine: reader_id.is_some() && c.account_id == reader_id,
                reported: c.reported > 0,
                status: c.status,
                reply: c.reply,
                replied_at: c.replied_at.map(|t| lang.datetime(t)).unwrap_or_default(),
                hidden: c.hidden,
                hidden_reason: c.hidden_reason,
                reports: if operator { c.reports } else { 0 },
                report_reasons: reasons.remove(&c.id).unwrap_or_default(),
            });
    }
    Ok(paragraphs
        .into_iter()
        .map(|p| ParagraphView {
            comments: by_paragraph.remove(&p.id).unwrap_or_default(),
            id: p.id,
            position: p.position,
            heading: p.heading,
            body: p.body,
        })
        .collect())
}

/// Replaces the text put to discussion (refused once someone has commented).
pub async fn save_text(
    state: &AppState,
    info: &RequestInfo,
    ente: &Ente,
    row: &Row,
    text: &str,
) -> Result<(), AppError> {
    let paragraphs = parse_text(text).map_err(|t| AppError::invalid("text", t))?;
    let mut tx = state.db.begin().await?;
    if !repo::replace_text(&mut tx, row.id, &paragraphs).await? {
        return Err(AppError::Refused(T::DiscussionHasComments));
    }
    audit::record(
        &mut tx,
        info,
        Record::new(AuditAction::DiscussionTextSaved)
            .target("consultation", Some(row.id), row.title.as_str())
            .ente(Some(ente.id))
            .details(format!("{} §", paragraphs.len())),
        state.clock.now(),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Participants act only while the consultation is open, and only if they may answer it.
async fn may_take_part(state: &AppState, row: &Row, actor: &Actor) -> Result<(), AppError> {
    let now = state.clock.now();
    if Phase::of(&row.status, row.opens_at, row.closes_at, now) != Phase::Open {
        return Err(AppError::Refused(T::ConsultationNotOpen));
    }
    super::answering::may_answer(state, row, Some(actor)).await
}

/// A comment on a paragraph; its id.
pub async fn comment(
    state: &AppState,
    row: &Row,
    actor: &Actor,
    paragraph_id: i64,
    body: &str,
) -> Result<i64, AppError> {
    may_take_part(state, row, actor).await?;
    let body = body.trim();
    let n = body.chars().count();
    if n < COMMENT_MIN_CHARS {
        return Err(AppError::invalid("body", T::DiscussionCommentTooShort));
    }
    if n > COMMENT_MAX_CHARS {
        return Err(AppError::invalid("body", T::DiscussionCommentTooLong));
    }
    if !repo::paragraph_in(&state.db, row.id, paragraph_id).await? {
        return Err(AppError::NotFound);
    }
    let now = state.clock.now();
    let bucket = crate::auth::ratelimit::bucket("comment", &actor.account_id.to_string());
    crate::auth::ratelimit::hit(
        &state.db,
        &bucket,
        crate::auth::ratelimit::COMMENTS_PER_ACCOUNT,
        now,
    )
    .await?;
    let mut tx = state.db.begin().await?;
    let id = repo::insert_comment(&mut tx, paragraph_id, actor.account_id, body, now).await?;
    tx.commit().await?;
    Ok(id)
}

/// A visible comment of this consultation: its author.
async fn visible_comment(
    state: &AppState,
    row: &Row,
    comment_id: i64,
) -> Result<Option<AccountId>, AppError> {
    match repo::comment_in(&state.db, row.id, comment_id).await? {
        Some((author, false, _)) => Ok(author),
        _ => Err(AppError::NotFound),
    }
}

/// Supports a comment, or takes the support back; whether it is supported now.
pub async fn support(
    state: &AppState,
    row: &Row,
    actor: &Actor,
    comment_id: i64,
) -> Result<bool, AppError> {
    may_take_part(state, row, actor).await?;
    if visible_comment(state, row, comment_id).await? == Some(actor.account_id) {
        return Err(AppError::Refused(T::DiscussionOwnComment));
    }
    let mut tx = state.db.begin().await?;
    let now =
        repo::toggle_support(&mut tx, comment_id, actor.account_id, state.clock.now()).await?;
    tx.commit().await?;
    Ok(now)
}

/// Reports a comment to the moderators (once per person).
pub async fn report(
    state: &AppState,
    row: &Row,
    actor: &Actor,
    comment_id: i64,
    reason: &str,
    note: &str,
) -> Result<(), AppError> {
    let reason = ReportReason::from_code(reason)
        .ok_or_else(|| AppError::invalid("reason", T::ValidationChoice))?;
    let note = note.trim();
    Bounded::<0, REPLY_MAX_CHARS>::field("note", note, T::ValidationTooLong)?;
    // Only those who may take part in the discussion report in it (even once it
    // has closed: what is offensive stays reportable).
    super::answering::may_answer(state, row, Some(actor)).await?;
    if visible_comment(state, row, comment_id).await? == Some(actor.account_id) {
        return Err(AppError::Refused(T::DiscussionOwnComment));
    }
    let mut tx = state.db.begin().await?;
    if !repo::add_report(
        &mut tx,
        comment_id,
        actor.account_id,
        reason.code(),
        note,
        state.clock.now(),
    )
    .await?
    {
        return Err(AppError::Refused(T::DiscussionAlreadyReported));
    }
    tx.commit().await?;
    Ok(())
}

/// The operators' answer to a comment: accepted or rejected with the reason (or
/// just an answer). The author is told by mail.
#[allow(clippy::too_many_arguments)]
pub async fn reply(
    state: &AppState,
    info: &RequestInfo,
    ente: &Ente,
    row: &Row,
    operator: &Actor,
    comment_id: i64,
    status: &str,
    reply: &str,
) -> Result<(), AppError> {
    let status = CommentStatus::from_code(status)
        .ok_or_else(|| AppError::invalid("status", T::ValidationChoice))?;
    let reply = reply.trim();
    if reply.is_empty() {
        return Err(AppError::invalid("reply", T::DiscussionReasonRequired));
    }
    Bounded::<0, REPLY_MAX_CHARS>::field("reply", reply, T::ValidationTooLong)?;
    let (author, _, body) = repo::comment_in(&state.db, row.id, comment_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    repo::set_reply(&mut tx, comment_id, status, reply, operator.account_id, now).await?;
    audit::record(
        &mut tx,
        info,
        Record::new(AuditAction::CommentAnswered)
            .target("comment", Some(comment_id), excerpt(&body))
            .ente(Some(ente.id))
            .details(status.code()),
        now,
    )
    .await?;
    let recipient = match author {
        Some(id) => crate::account::repo::by_id(&state.db, id).await?,
        None => None,
    };
    if let Some(a) = &recipient {
        let lang = Lang::of(&a.language);
        crate::notify::repo::add(
            &mut tx,
            a.id,
            "comment_answered",
            &lang.tf(
                T::NotifyCommentAnswered,
                &[("title", &row.title), ("status", lang.t(status.label()))],
            ),
            &format!(
                "/{}/consultazioni/{}#commento-{comment_id}",
                ente.slug, row.slug
            ),
            now,
        )
        .await?;
        let link = state.link(&format!(
            "/{}/consultazioni/{}#commento-{comment_id}",
            ente.slug, row.slug
        ));
        crate::mail::outbox::enqueue(
            &mut tx,
            crate::mail::outbox::NewMail {
                to: &a.email,
                account_id: Some(a.id),
                kind: crate::mail::model::MailKind::CommentAnswered,
                lang,
                values: &[
                    ("name", a.display_name.as_str()),
                    ("title", &row.title),
                    ("status", lang.t(status.label())),
                    ("reply", reply),
                    ("link", &link),
                    ("site", &state.public_url),
                ],
            },
            now,
        )
        .await?;
    }
    tx.commit().await?;
    if recipient.is_some() {
        state.mail_queued.notify_one();
    }
    Ok(())
}

/// Hides a comment (with the reason, shown in its place) or shows it again.
pub async fn set_hidden(
    state: &AppState,
    info: &RequestInfo,
    ente: &Ente,
    row: &Row,
    comment_id: i64,
    hide: bool,
    reason: &str,
) -> Result<(), AppError> {
    let reason = reason.trim();
    if hide && reason.is_empty() {
        return Err(AppError::invalid("reason", T::DiscussionReasonRequired));
    }
    Bounded::<0, REPLY_MAX_CHARS>::field("reason", reason, T::ValidationTooLong)?;
    let (_, _, body) = repo::comment_in(&state.db, row.id, comment_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    repo::set_hidden(
        &mut tx,
        comment_id,
        hide,
        if hide { reason } else { "" },
        now,
    )
    .await?;
    audit::record(
        &mut tx,
        info,
        Record::new(if hide {
            AuditAction::CommentHidden
        } else {
            AuditAction::CommentRestored
        })
        .target("comment", Some(comment_id), excerpt(&body))
        .ente(Some(ente.id))
        .details(reason),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
