//! What the account server functions do, once authorized (server only): each step
//! validates everything first, then changes the database in one transaction, with
//! its audit entry and its mail in the same transaction.

use super::model::{self as m, Email};
use super::password;
use super::repo::{self, NewAccount, Purpose};
use crate::audit::model::AuditAction;
use crate::audit::repo::{self as audit, Record};
use crate::auth::model::Actor;
use crate::auth::ratelimit::{self, bucket};
use crate::auth::server::RequestInfo;
use crate::auth::session;
use crate::error::{AppError, FieldError};
use crate::i18n::{Lang, T};
use crate::mail::model::MailKind;
use crate::mail::outbox::{self, NewMail};
use crate::state::AppState;

/// Collects field errors so that a form reports all of them at once.
#[derive(Default)]
pub struct Problems(Vec<FieldError>);

impl Problems {
    pub fn add(&mut self, field: &str, problem: T) {
        self.0.push(FieldError {
            field: field.to_string(),
            problem,
            limit: None,
        });
    }

    /// A problem whose message names a number (`{n}`).
    pub fn add_with_limit(&mut self, field: &str, problem: T, limit: Option<i64>) {
        self.0.push(FieldError {
            field: field.to_string(),
            problem,
            limit,
        });
    }

    /// The value, or records the problem and gives None.
    pub fn check<V>(&mut self, field: &str, result: Result<V, T>) -> Option<V> {
        match result {
            Ok(v) => Some(v),
            Err(problem) => {
                self.add(field, problem);
                None
            }
        }
    }

    pub fn into_result(self) -> Result<(), AppError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(AppError::Invalid(self.0))
        }
    }
}

/// Hashes a password off the async threads (argon2 is slow on purpose).
pub async fn hash_password(plain: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || password::hash(&plain))
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "hashing task failed");
            AppError::Internal
        })?
        .map_err(|e| {
            tracing::error!(error = %e, "cannot hash a password");
            AppError::Internal
        })
}

/// Checks a password off the async threads. Without a stored hash it still spends the
/// time of a check, so that answers do not tell which emails have accounts.
pub async fn verify_password(plain: String, phc: Option<String>) -> bool {
    tokio::task::spawn_blocking(move || match phc {
        Some(phc) => password::verify(&plain, &phc),
        None => {
            let _ = password::verify(&plain, password::decoy_hash());
            false
        }
    })
    .await
    .unwrap_or(false)
}

fn lang_of(code: &str) -> Lang {
    Lang::from_code(code).unwrap_or_default()
}

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
        m::check_password(&input.password, Some(input.email.as_str())),
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
        &bucket("register-ip", &info.ip),
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
                    .target("account", Some(id), valid.email.as_str()),
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
                        lang: lang_of(&existing.language),
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
        Record::new(AuditAction::EmailVerified).target("account", Some(account_id), ""),
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
        &bucket("mail-ip", &info.ip),
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
        &bucket("login-ip", &info.ip),
        ratelimit::LOGIN_PER_IP,
        now,
    )
    .await?;
    let Ok(email) = Email::parse(email) else {
        return Err(AppError::invalid("email", T::ValidationEmail));
    };
    let failures = bucket("login-fail", email.as_str());
    ratelimit::check(
        &state.db,
        &failures,
        ratelimit::LOGIN_FAILURES_PER_ACCOUNT,
        now,
    )
    .await?;
    let account = repo::by_email(&state.db, &email).await?;
    let phc = account.as_ref().and_then(|a| a.password_hash.clone());
    if !verify_password(password, phc).await {
        ratelimit::hit(
            &state.db,
            &failures,
            ratelimit::LOGIN_FAILURES_PER_ACCOUNT,
            now,
        )
        .await?;
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
    ratelimit::clear(&state.db, &failures).await?;
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
            .target("account", Some(account.id), account.email.as_str()),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(LoggedIn {
        token,
        language: lang_of(&account.language),
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
        Record::new(action).target("account", Some(actor.account_id), actor.email.as_str()),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

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
        &bucket("mail-ip", &info.ip),
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
            lang: lang_of(&account.language),
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
    p.check("password", m::check_password(password, email));
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
        Record::new(AuditAction::PasswordReset).target("account", Some(account_id), ""),
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
    account_id: i64,
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
            lang: lang_of(&account.language),
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
    let failures = bucket("login-fail", &actor.email);
    ratelimit::check(
        &state.db,
        &failures,
        ratelimit::LOGIN_FAILURES_PER_ACCOUNT,
        now,
    )
    .await?;
    let account = repo::by_id(&state.db, actor.account_id)
        .await?
        .ok_or(AppError::Unauthorized)?;
    if !verify_password(current, account.password_hash.clone()).await {
        ratelimit::hit(
            &state.db,
            &failures,
            ratelimit::LOGIN_FAILURES_PER_ACCOUNT,
            now,
        )
        .await?;
        return Err(AppError::invalid(
            "current_password",
            T::ValidationCurrentPassword,
        ));
    }
    check_new_password(&password, confirm, Some(&account.email))?;
    let hash = hash_password(password).await?;
    let mut tx = state.db.begin().await?;
    repo::set_password(&mut tx, account.id, &hash, now).await?;
    tx.execute(
        crate::db::sql("DELETE FROM session WHERE account_id = $1 AND id <> $2")
            .bind(account.id)
            .bind(info.session_id.unwrap_or(0)),
    )
    .await?;
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

/// The profile form as submitted.
pub struct ProfileInput {
    pub name: String,
    pub language: String,
    pub residence: String,
    pub birth_year: String,
    pub fiscal_code: String,
    pub topics: Vec<String>,
    pub job_title: String,
    pub skills: String,
    pub digest: Option<String>,
}

/// Saves the profile; returns the language chosen.
pub async fn update_profile(
    state: &AppState,
    info: &RequestInfo,
    actor: &Actor,
    input: ProfileInput,
) -> Result<Lang, AppError> {
    let now = state.clock.now();
    let mut p = Problems::default();
    let name = p.check("name", m::parse_name(&input.name));
    let language = p.check(
        "language",
        Lang::from_code(&input.language).ok_or(T::ValidationChoice),
    );
    let this_year = chrono::Datelike::year(&Lang::local_date(now));
    let birth_year = p.check(
        "birth_year",
        m::parse_birth_year(&input.birth_year, this_year),
    );
    let fiscal_code = if input.fiscal_code.trim().is_empty() {
        Some(None)
    } else {
        p.check("fiscal_code", m::parse_fiscal_code(&input.fiscal_code))
            .map(Some)
    };
    let comuni = crate::ente::repo::comuni(&state.db).await?;
    let residence = match input.residence.trim() {
        "" => Some(None),
        text => match text.parse::<i64>() {
            Ok(id) if comuni.iter().any(|(c, _)| *c == id) => Some(Some(id)),
            _ => {
                p.add("residence", T::ValidationChoice);
                None
            }
        },
    };
    let all_topics = repo::topics(&state.db).await?;
    let mut topic_ids = Vec::new();
    for slug in &input.topics {
        match all_topics.iter().find(|t| &t.slug == slug) {
            Some(t) if !topic_ids.contains(&t.id) => topic_ids.push(t.id),
            Some(_) => {}
            None => p.add("topics", T::ValidationChoice),
        }
    }
    let job_title = input
        .job_title
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if job_title.chars().count() > crate::community::model::JOB_TITLE_MAX_CHARS {
        p.add("job_title", T::ValidationTooLong);
    }
    let skills = p
        .check(
            "skills",
            crate::community::model::parse_skills(&input.skills),
        )
        .map(|s| s.join(", "));
    let digest = match input.digest.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(code) => p.check(
            "digest",
            crate::notify::model::Digest::from_code(code)
                .map(|d| d.code().to_string())
                .ok_or(T::ValidationChoice),
        ),
    };
    p.into_result()?;
    let (Some(name), Some(language), Some(birth_year), Some(fiscal_code), Some(residence)) =
        (name, language, birth_year, fiscal_code, residence)
    else {
        return Err(AppError::Internal);
    };
    let update = repo::ProfileUpdate {
        name,
        language: language.code().to_string(),
        residence_ente_id: residence,
        birth_year,
        fiscal_code,
        topic_ids,
        job_title,
        skills: skills.unwrap_or_default(),
        digest,
    };
    let mut tx = state.db.begin().await?;
    repo::update_profile(&mut tx, actor.account_id, &update, now).await?;
    audit::record(
        &mut tx,
        info,
        Record::new(AuditAction::ProfileUpdated).target(
            "account",
            Some(actor.account_id),
            actor.email.as_str(),
        ),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(language)
}

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
    if account.password_hash.is_some()
        && !verify_password(password, account.password_hash.clone()).await
    {
        return Err(AppError::invalid("password", T::ValidationCurrentPassword));
    }
    let mut tx = state.db.begin().await?;
    audit::record(
        &mut tx,
        info,
        Record::new(AuditAction::AccountDeleted).target("account", Some(account.id), ""),
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
            lang: lang_of(&account.language),
            values: &[("name", &account.display_name), ("site", &state.public_url)],
        },
        now,
    )
    .await?;
    tx.commit().await?;
    state.mail_queued.notify_one();
    Ok(())
}

/// Everything the account page shows, with times already in the reader's language
/// and Rome's time zone (the browser has no clock to format them the same way).
pub async fn account_page(
    state: &AppState,
    actor: &Actor,
    session_id: Option<i64>,
    lang: Lang,
) -> Result<m::AccountPage, AppError> {
    let db = &state.db;
    let profile = repo::profile(db, actor.account_id)
        .await?
        .ok_or(AppError::Unauthorized)?;
    let roles = repo::roles(db, actor.account_id).await?;
    let platform = lang.t(T::AppName).to_string();
    let sessions = session::list(db, actor.account_id).await?;
    Ok(m::AccountPage {
        profile,
        topics: repo::topics(db).await?,
        comuni: crate::ente::repo::comuni(db).await?,
        roles: roles
            .into_iter()
            .filter_map(|(role, ente, community)| {
                let role = crate::auth::Role::from_code(&role)?;
                Some((role, ente.or(community).unwrap_or_else(|| platform.clone())))
            })
            .collect(),
        sessions: sessions
            .into_iter()
            .map(|s| m::SessionView {
                started: lang.datetime(s.created_at),
                last_seen: lang.datetime(s.last_seen_at),
                ip: s.ip,
                device: s.user_agent,
                current: Some(s.id) == session_id,
            })
            .collect(),
        this_year: chrono::Datelike::year(&Lang::local_date(state.clock.now())),
    })
}
