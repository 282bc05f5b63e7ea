//! Logging in and out (server only): rate limits per address and per account, a new
//! session each time, every step audited.

use super::model::Email;
use super::password::confirm_password;
use super::repo;
use crate::audit::model::AuditAction;
use crate::audit::repo::{self as audit, Record};
use crate::auth::model::Actor;
use crate::auth::ratelimit;
use crate::auth::server::RequestInfo;
use crate::auth::session;
use crate::error::AppError;
use crate::i18n::{Lang, T};
use crate::state::AppState;

/// A successful login: the session token for the cookie, and the account's language.
pub struct LoggedIn {
    pub token: String,
    pub language: Lang,
}

/// Checks the credentials under rate limits, ends the session the browser had (if
/// any) and starts a new one with a fresh token.
pub async fn login(
    state: &AppState,
    info: &RequestInfo,
    email: &str,
    password: String,
) -> Result<LoggedIn, AppError> {
    let now = state.clock.now();
    let wrong = || AppError::Refused(T::LoginWrongCredentials);
    ratelimit::hit(
        &state.db,
        &ratelimit::per_address("login-ip", &info.ip),
        ratelimit::LOGIN_PER_IP,
        now,
    )
    .await?;
    let Ok(email) = Email::parse(email) else {
        return Err(AppError::invalid("email", T::ValidationEmail));
    };
    let account = repo::by_email(&state.db, &email).await?;
    let phc = account.as_ref().and_then(|a| a.password_hash.clone());
    // Counted before the check (no burst gets past the limit) and forgotten when it
    // succeeds; keyed on the account and the address it comes from, so nobody can
    // lock the owner out from elsewhere (and a mailed reset link always lets them in).
    if !confirm_password(state, info, email.as_str(), password, phc).await? {
        if let Some(a) = &account {
            let mut tx = state.db.begin().await?;
            audit::record(
                &mut tx,
                info,
                Record::new(AuditAction::LoginFailed).target(
                    "account",
                    Some(a.id),
                    a.email.as_str(),
                ),
                now,
            )
            .await?;
            tx.commit().await?;
        }
        return Err(wrong());
    }
    let Some(account) = account else {
        return Err(wrong());
    };
    let mut tx = state.db.begin().await?;
    if let Some(old) = info.session_id {
        session::end(&mut tx, old).await?;
    }
    let token = session::start(&mut tx, account.id, &info.ip, &info.user_agent, now).await?;
    audit::record(
        &mut tx,
        info,
        Record::new(AuditAction::Login)
            .by(account.id, &account.email)
            .target_account(account.id, account.email.as_str()),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(LoggedIn {
        token,
        language: Lang::of(&account.language),
    })
}

/// Ends this session, or every session of the account.
pub async fn logout(
    state: &AppState,
    info: &RequestInfo,
    actor: &Actor,
    everywhere: bool,
) -> Result<(), AppError> {
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let action = if everywhere {
        session::end_all(&mut tx, actor.account_id).await?;
        AuditAction::LogoutEverywhere
    } else {
        if let Some(id) = info.session_id {
            session::end(&mut tx, id).await?;
        }
        AuditAction::Logout
    };
    audit::record(
        &mut tx,
        info,
        Record::new(action).target_account(actor.account_id, actor.email.as_str()),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
