//! Deleting one's account (GDPR art. 17, server only): the row stays, emptied, so
//! that public contributions still point at it; everything personal goes.

use super::password::confirm_password;
use super::repo;
use crate::audit::model::AuditAction;
use crate::audit::repo::{self as audit, Record};
use crate::auth::model::Actor;
use crate::auth::server::RequestInfo;
use crate::error::AppError;
use crate::i18n::{Lang, T};
use crate::mail::model::MailKind;
use crate::mail::outbox::{self, NewMail};
use crate::state::AppState;

/// Erases the signed-in person's account after checking their password.
pub async fn delete_account(
    state: &AppState,
    info: &RequestInfo,
    actor: &Actor,
    password: String,
) -> Result<(), AppError> {
    let now = state.clock.now();
    let account = repo::by_id(&state.db, actor.account_id)
        .await?
        .ok_or(AppError::Unauthorized)?;
    let phc = account.password_hash.clone();
    if phc.is_some() && !confirm_password(state, info, &account.email, password, phc).await? {
        return Err(AppError::invalid("password", T::ValidationCurrentPassword));
    }
    let mut tx = state.db.begin().await?;
    audit::record(
        &mut tx,
        info,
        Record::new(AuditAction::AccountDeleted).target_account(account.id, ""),
        now,
    )
    .await?;
    repo::erase(&mut tx, account.id, now).await?;
    outbox::enqueue(
        &mut tx,
        NewMail {
            to: &account.email,
            account_id: None,
            kind: MailKind::AccountDeleted,
            lang: Lang::of(&account.language),
            values: &[("name", &account.display_name), ("site", &state.public_url)],
        },
        now,
    )
    .await?;
    tx.commit().await?;
    state.mail_queued.notify_one();
    Ok(())
}
