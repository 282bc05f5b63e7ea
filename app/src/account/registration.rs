//! Registration and address verification (server only): the answer is the same
//! whether or not an address already has an account, and the mailed link proves it.

use super::model::{self as m, Email};
use super::password::hash_password;
use super::repo::{self, NewAccount, Purpose};
use crate::audit::model::AuditAction;
use crate::audit::repo::{self as audit, Record};
use crate::auth::model::Actor;
use crate::auth::ratelimit::{self, bucket};
use crate::auth::server::RequestInfo;
use crate::error::{AppError, Problems};
use crate::i18n::{Lang, T};
use crate::mail::model::MailKind;
use crate::mail::outbox::{self, NewMail};
use crate::state::AppState;

/// Checks the fields of a new account: email, name, password twice, privacy notice.
pub struct NewAccountInput {
    pub email: String,
    pub name: String,
    pub password: String,
    pub password_confirm: String,
    pub privacy: bool,
}

pub struct ValidAccount {
    pub email: Email,
    pub name: String,
}

pub fn validate_new_account(input: &NewAccountInput, p: &mut Problems) -> Option<ValidAccount> {
    let email = p.check("email", Email::parse(&input.email));
    let name = p.check("name", m::parse_name(&input.name));
    p.check(
        "password",
        super::password::check_new(&input.password, Some(&input.email), Some(&input.name)),
    );
    if input.password != input.password_confirm {
        p.add("password_confirm", T::ValidationPasswordMismatch);
    }
    if !input.privacy {
        p.add("privacy", T::ValidationPrivacy);
    }
    Some(ValidAccount {
        email: email?,
        name: name?,
    })
}

/// Registration. The answer is the same whether or not the address already has an
/// account (its owner gets a mail saying so), so it cannot be used to find accounts.
pub async fn register(
    state: &AppState,
    info: &RequestInfo,
    input: NewAccountInput,
    lang: Lang,
) -> Result<(), AppError> {
    let now = state.clock.now();
    ratelimit::hit(
        &state.db,
        &ratelimit::per_address("register-ip", &info.ip),
        ratelimit::REGISTER_PER_IP,
        now,
    )
    .await?;
    let mut p = Problems::default();
    let valid = validate_new_account(&input, &mut p);
    p.into_result()?;
    let Some(valid) = valid else {
        return Err(AppError::Internal);
    };
    let hash = hash_password(input.password).await?;
    let mut tx = state.db.begin().await?;
    let new = NewAccount {
        email: &valid.email,
        name: &valid.name,
        password_hash: Some(&hash),
        language: lang.code(),
        verified: false,
        privacy_accepted: true,
    };
    match repo::create(&mut tx, new, now).await? {
        Some(id) => {
            let token = repo::issue_token(&mut tx, id, Purpose::VerifyEmail, now).await?;
            let link = state.link(&format!("/account/verifica?token={token}"));
            outbox::enqueue(
                &mut tx,
                NewMail {
                    to: valid.email.as_str(),
                    account_id: Some(id),
                    kind: MailKind::VerifyEmail,
                    lang,
                    values: &[
                        ("name", &valid.name),
                        ("link", &link),
                        ("site", &state.public_url),
                        ("days", "3"),
                    ],
                },
                now,
            )
            .await?;
            audit::record(
                &mut tx,
                info,
                Record::new(AuditAction::Register)
                    .by(id, valid.email.as_str())
                    .target_account(id, valid.email.as_str()),
                now,
            )
            .await?;
        }
        None => {
            let existing = repo::by_email(&state.db, &valid.email).await?;
            if let Some(existing) = existing {
                let link = state.link("/account/password-dimenticata");
                outbox::enqueue(
                    &mut tx,
                    NewMail {
                        to: &existing.email,
                        account_id: Some(existing.id),
                        kind: MailKind::AccountExists,
                        lang: Lang::of(&existing.language),
                        values: &[
                            ("name", &existing.display_name),
                            ("link", &link),
                            ("site", &state.public_url),
                        ],
                    },
                    now,
                )
                .await?;
            }
        }
    }
    tx.commit().await?;
    state.mail_queued.notify_one();
    Ok(())
}

/// Proves the address with the link of the verification mail.
pub async fn verify_email(
    state: &AppState,
    info: &RequestInfo,
    token: &str,
) -> Result<(), AppError> {
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let account_id = repo::take_token(&mut tx, token, Purpose::VerifyEmail, now)
        .await?
        .ok_or(AppError::Refused(T::AccountLinkInvalid))?;
    repo::mark_verified(&mut tx, account_id, now).await?;
    audit::record(
        &mut tx,
        info,
        Record::new(AuditAction::EmailVerified).target_account(account_id, ""),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Sends the verification mail again to the signed-in person.
pub async fn resend_verification(
    state: &AppState,
    info: &RequestInfo,
    actor: &Actor,
    lang: Lang,
) -> Result<(), AppError> {
    let now = state.clock.now();
    if actor.verified {
        return Ok(());
    }
    ratelimit::hit(
        &state.db,
        &ratelimit::per_address("mail-ip", &info.ip),
        ratelimit::MAIL_PER_IP,
        now,
    )
    .await?;
    ratelimit::hit(
        &state.db,
        &bucket("mail-account", &actor.email),
        ratelimit::MAIL_PER_ACCOUNT,
        now,
    )
    .await?;
    let mut tx = state.db.begin().await?;
    let token = repo::issue_token(&mut tx, actor.account_id, Purpose::VerifyEmail, now).await?;
    let link = state.link(&format!("/account/verifica?token={token}"));
    outbox::enqueue(
        &mut tx,
        NewMail {
            to: &actor.email,
            account_id: Some(actor.account_id),
            kind: MailKind::VerifyEmail,
            lang,
            values: &[
                ("name", &actor.name),
                ("link", &link),
                ("site", &state.public_url),
                ("days", "3"),
            ],
        },
        now,
    )
    .await?;
    tx.commit().await?;
    state.mail_queued.notify_one();
    Ok(())
}
