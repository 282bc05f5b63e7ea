//! Changing a password (server only): by a mailed reset link, or with the current
//! one; either way the owner is told by mail and other sessions end.

use super::model::Email;
use super::password::{confirm_password, hash_password};
use super::repo::{self, Purpose};
use crate::audit::model::AuditAction;
use crate::audit::repo::{self as audit, Record};
use crate::auth::model::Actor;
use crate::auth::ratelimit::{self, bucket};
use crate::auth::server::RequestInfo;
use crate::auth::session;
use crate::error::{AppError, Problems};
use crate::i18n::{Lang, T};
use crate::ids::AccountId;
use crate::mail::model::MailKind;
use crate::mail::outbox::{self, NewMail};
use crate::state::AppState;

/// Mails a reset link if the address has an account; the answer is the same anyway.
pub async fn request_password_reset(
    state: &AppState,
    info: &RequestInfo,
    email: &str,
) -> Result<(), AppError> {
    let now = state.clock.now();
    let email = Email::parse(email).map_err(|t| AppError::invalid("email", t))?;
    ratelimit::hit(
        &state.db,
        &ratelimit::per_address("mail-ip", &info.ip),
        ratelimit::MAIL_PER_IP,
        now,
    )
    .await?;
    if ratelimit::hit(
        &state.db,
        &bucket("mail-account", email.as_str()),
        ratelimit::MAIL_PER_ACCOUNT,
        now,
    )
    .await
    .is_err()
    {
        // Too many mails for this address: say nothing different, send nothing.
        return Ok(());
    }
    let Some(account) = repo::by_email(&state.db, &email).await? else {
        return Ok(());
    };
    let mut tx = state.db.begin().await?;
    let token = repo::issue_token(&mut tx, account.id, Purpose::ResetPassword, now).await?;
    let link = state.link(&format!("/account/nuova-password?token={token}"));
    outbox::enqueue(
        &mut tx,
        NewMail {
            to: &account.email,
            account_id: Some(account.id),
            kind: MailKind::ResetPassword,
            lang: Lang::of(&account.language),
            values: &[
                ("name", &account.display_name),
                ("link", &link),
                ("site", &state.public_url),
                ("hours", "2"),
            ],
        },
        now,
    )
    .await?;
    audit::record(
        &mut tx,
        info,
        Record::new(AuditAction::PasswordResetRequested).target(
            "account",
            Some(account.id),
            account.email.as_str(),
        ),
        now,
    )
    .await?;
    tx.commit().await?;
    state.mail_queued.notify_one();
    Ok(())
}

fn check_new_password(password: &str, confirm: &str, email: Option<&str>) -> Result<(), AppError> {
    let mut p = Problems::default();
    p.check(
        "password",
        super::password::check_new(password, email, None),
    );
    if password != confirm {
        p.add("password_confirm", T::ValidationPasswordMismatch);
    }
    p.into_result()
}

/// Sets a new password with the link of the reset mail; every session ends.
pub async fn reset_password(
    state: &AppState,
    info: &RequestInfo,
    token: &str,
    password: String,
    confirm: &str,
) -> Result<(), AppError> {
    let now = state.clock.now();
    // Limits before work: a flood of bogus links is refused by address, and only a
    // valid link costs a hash.
    ratelimit::hit(
        &state.db,
        &ratelimit::per_address("reset-ip", &info.ip),
        ratelimit::RESETS_PER_IP,
        now,
    )
    .await?;
    if !repo::token_is_valid(&state.db, token, Purpose::ResetPassword, now).await? {
        return Err(AppError::Refused(T::AccountLinkInvalid));
    }
    check_new_password(&password, confirm, None)?;
    let hash = hash_password(password).await?;
    let mut tx = state.db.begin().await?;
    let account_id = repo::take_token(&mut tx, token, Purpose::ResetPassword, now)
        .await?
        .ok_or(AppError::Refused(T::AccountLinkInvalid))?;
    repo::set_password(&mut tx, account_id, &hash, now).await?;
    // Whoever reads the mail owns the address.
    repo::mark_verified(&mut tx, account_id, now).await?;
    session::end_all(&mut tx, account_id).await?;
    notify_password_changed(state, &mut tx, account_id, now).await?;
    audit::record(
        &mut tx,
        info,
        Record::new(AuditAction::PasswordReset).target_account(account_id, ""),
        now,
    )
    .await?;
    tx.commit().await?;
    state.mail_queued.notify_one();
    Ok(())
}

async fn notify_password_changed(
    state: &AppState,
    tx: &mut crate::db::Tx,
    account_id: AccountId,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), AppError> {
    let Some(account) = repo::by_id(&state.db, account_id).await? else {
        return Ok(());
    };
    let link = state.link("/account/password-dimenticata");
    outbox::enqueue(
        tx,
        NewMail {
            to: &account.email,
            account_id: Some(account.id),
            kind: MailKind::PasswordChanged,
            lang: Lang::of(&account.language),
            values: &[
                ("name", &account.display_name),
                ("link", &link),
                ("site", &state.public_url),
            ],
        },
        now,
    )
    .await?;
    Ok(())
}

/// Changes the password of the signed-in person, who proves it with the current one.
/// Their other sessions end; this one stays.
pub async fn change_password(
    state: &AppState,
    info: &RequestInfo,
    actor: &Actor,
    current: String,
    password: String,
    confirm: &str,
) -> Result<(), AppError> {
    let now = state.clock.now();
    let account = repo::by_id(&state.db, actor.account_id)
        .await?
        .ok_or(AppError::Unauthorized)?;
    let phc = account.password_hash.clone();
    if !confirm_password(state, info, &account.email, current, phc).await? {
        return Err(AppError::invalid(
            "current_password",
            T::ValidationCurrentPassword,
        ));
    }
    check_new_password(&password, confirm, Some(&account.email))?;
    let hash = hash_password(password).await?;
    let mut tx = state.db.begin().await?;
    repo::set_password(&mut tx, account.id, &hash, now).await?;
    crate::auth::session::end_others(&mut tx, account.id, info.session_id).await?;
    notify_password_changed(state, &mut tx, account.id, now).await?;
    audit::record(
        &mut tx,
        info,
        Record::new(AuditAction::PasswordChanged).target(
            "account",
            Some(account.id),
            account.email.as_str(),
        ),
        now,
    )
    .await?;
    tx.commit().await?;
    state.mail_queued.notify_one();
    Ok(())
}
