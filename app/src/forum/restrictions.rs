//! Warnings, silences and suspensions (server only): given by tutors with a reason
//! and an end, lifted early, each one audited and told to the member.

use super::model::*;
use super::moderation_repo;
use crate::audit::model::AuditAction;
use crate::audit::repo::{self as audit, Record};
use crate::auth::model::{Actor, Role};
use crate::auth::server::RequestInfo;
use crate::community::model::scope_of;
use crate::community::model::CommunityRef;
use crate::error::AppError;
use crate::i18n::{Lang, T};
use crate::ids::AccountId;
use crate::state::AppState;
use crate::text::Bounded;
use chrono::Duration;

/// A warning, or a silence or suspension for `days` days, with the reason; the
/// member is told in the bell. Tutors and managers cannot be restricted.
#[allow(clippy::too_many_arguments)]
pub async fn restrict(
    state: &AppState,
    info: &RequestInfo,
    actor: &Actor,
    c: &CommunityRef,
    account: AccountId,
    kind: &str,
    days: Option<i64>,
    reason: &str,
) -> Result<i64, AppError> {
    let kind = RestrictionChoice::from_code(kind)
        .ok_or_else(|| AppError::invalid("kind", T::ValidationChoice))?;
    let reason = reason.trim();
    Bounded::<5, REASON_MAX_CHARS>::field_within(
        "reason",
        reason,
        T::ForumRestrictReasonNeeded,
        T::ForumReasonTooLong,
    )?;
    let ends = match kind {
        RestrictionChoice::Warning => None,
        _ => match days {
            Some(d) if (1..=RESTRICTION_MAX_DAYS).contains(&d) => {
                Some(state.clock.now() + Duration::days(d))
            }
            _ => return Err(AppError::invalid("days", T::ForumRestrictDays)),
        },
    };
    let member = crate::community::repo::roster(&state.db, c.id)
        .await?
        .into_iter()
        .find(|m| m.id == account)
        .ok_or_else(|| AppError::invalid("account", T::ValidationChoice))?;
    if account == actor.account_id {
        return Err(AppError::Refused(T::ForumRestrictSelf));
    }
    let grants = crate::auth::session::grants(&state.db, account).await?;
    if grants
        .iter()
        .any(|g| g.role == Role::CommunityTutor && g.scope == scope_of(c))
    {
        return Err(AppError::Refused(T::ForumRestrictTutor));
    }
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let id = moderation_repo::add_restriction(
        &mut tx,
        c.id,
        account,
        kind.code(),
        reason,
        ends,
        actor.account_id,
        now,
    )
    .await?;
    audit::record(
        &mut tx,
        info,
        Record::new(AuditAction::MemberRestricted)
            .target_account(account, member.display_name.as_str())
            .ente(c.ente_id)
            .details(format!("{} {}: {reason}", c.slug, kind.code())),
        now,
    )
    .await?;
    let lang = Lang::of(&member.language);
    let text = match ends {
        Some(until) => lang.tf(
            T::ForumNotifyRestricted,
            &[
                ("what", lang.t(kind.label())),
                ("community", &c.name),
                ("until", &lang.datetime(until)),
                ("reason", reason),
            ],
        ),
        None => lang.tf(
            T::ForumNotifyWarned,
            &[("community", &c.name), ("reason", reason)],
        ),
    };
    crate::notify::repo::add(
        &mut tx,
        account,
        "community_restriction",
        &text,
        &format!("/comunita/{}", c.slug),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn lift(
    state: &AppState,
    info: &RequestInfo,
    c: &CommunityRef,
    id: i64,
) -> Result<(), AppError> {
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let account = moderation_repo::lift_restriction(&mut tx, c.id, id, now)
        .await?
        .ok_or(AppError::NotFound)?;
    audit::record(
        &mut tx,
        info,
        Record::new(AuditAction::RestrictionLifted)
            .target_account(account, "")
            .ente(c.ente_id)
            .details(c.slug.as_str()),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
