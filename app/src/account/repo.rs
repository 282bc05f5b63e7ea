//! Reading and writing accounts, their one-time tokens and role grants (server only).

use super::model::{Email, Profile, Topic};
use crate::auth::model::{Role, Scope};
use crate::auth::token;
use crate::db::{sql, Db, DbError, Tx};
use crate::ids::{AccountId, EnteId};
use chrono::{DateTime, Duration, Utc};

#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct AccountRow {
    pub id: AccountId,
    pub email: String,
    pub display_name: String,
    pub password_hash: Option<String>,
    pub language: String,
    pub email_verified_at: Option<DateTime<Utc>>,
}

/// Builds `SELECT <account columns> FROM account <rest>` at compile time.
macro_rules! select_account {
    ($rest:literal) => {
        concat!(
            "SELECT id, email, display_name, password_hash, language, email_verified_at FROM account ",
            $rest
        )
    };
}

/// A live (not deleted) account by email.
pub async fn by_email(db: &Db, email: &Email) -> Result<Option<AccountRow>, DbError> {
    db.fetch_optional(
        sql(select_account!("WHERE email = $1 AND deleted_at IS NULL")).bind(email.as_str()),
    )
    .await
}

/// A live account by id.
pub async fn by_id(db: &Db, id: AccountId) -> Result<Option<AccountRow>, DbError> {
    db.fetch_optional(sql(select_account!("WHERE id = $1 AND deleted_at IS NULL")).bind(id))
        .await
}

/// What a new account starts with.
pub struct NewAccount<'a> {
    pub email: &'a Email,
    pub name: &'a str,
    pub password_hash: Option<&'a str>,
    pub language: &'a str,
    /// Set when the address is already proven (an invitation link, the command line).
    pub verified: bool,
    pub privacy_accepted: bool,
}

/// Creates an account; None when the email is taken.
pub async fn create(
    tx: &mut Tx,
    new: NewAccount<'_>,
    now: DateTime<Utc>,
) -> Result<Option<AccountId>, DbError> {
    let row: Option<(AccountId,)> = tx
        .fetch_optional(
            sql("INSERT INTO account (email, display_name, password_hash, language, email_verified_at,
                                      privacy_accepted_at, created_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
                 ON CONFLICT (email) DO NOTHING RETURNING id")
            .bind(new.email.as_str())
            .bind(new.name)
            .bind(new.password_hash)
            .bind(new.language)
            .bind(new.verified.then_some(now))
            .bind(new.privacy_accepted.then_some(now))
            .bind(now),
        )
        .await?;
    Ok(row.map(|(id,)| id))
}

/// Creates the account unless the email exists; returns its id and whether it is new.
pub async fn ensure(
    tx: &mut Tx,
    email: &Email,
    display_name: &str,
    password_hash: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(AccountId, bool), DbError> {
    let new = NewAccount {
        email,
        name: display_name,
        password_hash,
        language: "it",
        verified: true,
        privacy_accepted: false,
    };
    if let Some(id) = create(tx, new, now).await? {
        return Ok((id, true));
    }
    let (id,): (AccountId,) = tx
        .fetch_one(sql("SELECT id FROM account WHERE email = $1").bind(email.as_str()))
        .await?;
    Ok((id, false))
}

pub async fn mark_verified(
    tx: &mut Tx,
    account_id: AccountId,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    tx.execute(
        sql("UPDATE account SET email_verified_at = COALESCE(email_verified_at, $1), updated_at = $1 WHERE id = $2")
            .bind(now)
            .bind(account_id),
    )
    .await?;
    Ok(())
}

pub async fn set_password(
    tx: &mut Tx,
    account_id: AccountId,
    hash: &str,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    tx.execute(
        sql("UPDATE account SET password_hash = $1, updated_at = $2 WHERE id = $3")
            .bind(hash)
            .bind(now)
            .bind(account_id),
    )
    .await?;
    Ok(())
}

/// What a one-time link is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    VerifyEmail,
    ResetPassword,
}

impl Purpose {
    fn code(self) -> &'static str {
        match self {
            Purpose::VerifyEmail => "verify_email",
            Purpose::ResetPassword => "reset_password",
        }
    }

    /// How long a link stays valid.
    pub fn lifetime(self) -> Duration {
        match self {
            Purpose::VerifyEmail => Duration::days(3),
            Purpose::ResetPassword => Duration::hours(2),
        }
    }
}

/// A new one-time link token for an account; earlier unused ones of the same purpose
/// stop working, so only the latest mail counts.
pub async fn issue_token(
    tx: &mut Tx,
    account_id: AccountId,
    purpose: Purpose,
    now: DateTime<Utc>,
) -> Result<String, DbError> {
    tx.execute(
        sql("DELETE FROM account_token WHERE account_id = $1 AND purpose = $2 AND used_at IS NULL")
            .bind(account_id)
            .bind(purpose.code()),
    )
    .await?;
    let (token, digest) = token::new_token();
    tx.execute(
        sql(
            "INSERT INTO account_token (token_hash, account_id, purpose, created_at, expires_at)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(digest)
        .bind(account_id)
        .bind(purpose.code())
        .bind(now)
        .bind(now + purpose.lifetime()),
    )
    .await?;
    Ok(token)
}

/// Uses a one-time token: the account it belongs to, if it is valid, unused and not
/// expired. It cannot be used again.
pub async fn take_token(
    tx: &mut Tx,
    token: &str,
    purpose: Purpose,
    now: DateTime<Utc>,
) -> Result<Option<AccountId>, DbError> {
    let row: Option<(AccountId,)> = tx
        .fetch_optional(
            sql("UPDATE account_token SET used_at = $1
                  WHERE token_hash = $2 AND purpose = $3 AND used_at IS NULL AND expires_at > $1
                    AND account_id IN (SELECT id FROM account WHERE deleted_at IS NULL)
                  RETURNING account_id")
            .bind(now)
            .bind(token::digest(token))
            .bind(purpose.code()),
        )
        .await?;
    Ok(row.map(|(id,)| id))
}

/// Whether a token is valid now, without using it (to show the right form).
pub async fn token_is_valid(
    db: &Db,
    token: &str,
    purpose: Purpose,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let row: Option<(i64,)> = db
        .fetch_optional(
            sql("SELECT account_id FROM account_token
                  WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3")
            .bind(token::digest(token))
            .bind(purpose.code())
            .bind(now),
        )
        .await?;
    Ok(row.is_some())
}

/// Gives an account a role in a scope, once; returns whether it is new.
pub async fn grant(
    tx: &mut Tx,
    account_id: AccountId,
    role: Role,
    scope: Scope,
    granted_by: Option<AccountId>,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let (ente_id, community_id) = scope.columns();
    let inserted = tx
        .execute(
            sql("INSERT INTO role_grant (account_id, role, ente_id, community_id, granted_by, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING")
            .bind(account_id)
            .bind(role.code())
            .bind(ente_id)
            .bind(community_id)
            .bind(granted_by)
            .bind(now),
        )
        .await?;
    Ok(inserted == 1)
}

#[derive(sqlx::FromRow)]
struct ProfileRow {
    email: String,
    display_name: String,
    email_verified_at: Option<DateTime<Utc>>,
    language: String,
    residence_ente_id: Option<EnteId>,
    birth_year: Option<i64>,
    fiscal_code: Option<String>,
    job_title: String,
    skills: String,
    digest: String,
}

/// The roles someone holds, in the order granted: (role, ente, community), the
/// names of the ente or community it is in (neither: the platform).
pub async fn roles(
    db: &Db,
    account_id: AccountId,
) -> Result<Vec<(String, Option<String>, Option<String>)>, DbError> {
    db.fetch_all(
        sql("SELECT g.role, e.name, c.name FROM role_grant g
               LEFT JOIN ente e ON e.id = g.ente_id LEFT JOIN community c ON c.id = g.community_id
              WHERE g.account_id = $1 ORDER BY g.id")
        .bind(account_id),
    )
    .await
}

pub async fn profile(db: &Db, account_id: AccountId) -> Result<Option<Profile>, DbError> {
    let row: Option<ProfileRow> = db
        .fetch_optional(
            sql("SELECT email, display_name, email_verified_at, language, residence_ente_id, birth_year, fiscal_code,
                        job_title, skills, digest
                   FROM account WHERE id = $1 AND deleted_at IS NULL")
            .bind(account_id),
        )
        .await?;
    let Some(r) = row else { return Ok(None) };
    let topics = followed_topics(db, account_id).await?;
    Ok(Some(Profile {
        email: r.email,
        name: r.display_name,
        verified: r.email_verified_at.is_some(),
        language: r.language,
        residence_ente_id: r.residence_ente_id,
        birth_year: r.birth_year,
        fiscal_code: r.fiscal_code,
        topics,
        job_title: r.job_title,
        skills: r.skills,
        digest: r.digest,
    }))
}

/// The validated profile fields to store.
pub struct ProfileUpdate {
    pub name: String,
    pub language: String,
    pub residence_ente_id: Option<EnteId>,
    pub birth_year: Option<i64>,
    pub fiscal_code: Option<String>,
    pub topic_ids: Vec<i64>,
    pub job_title: String,
    pub skills: String,
    /// None keeps the choice as it is.
    pub digest: Option<String>,
}

pub async fn update_profile(
    tx: &mut Tx,
    account_id: AccountId,
    p: &ProfileUpdate,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    tx.execute(
        sql("UPDATE account SET display_name = $1, language = $2, residence_ente_id = $3, birth_year = $4,
                                fiscal_code = $5, updated_at = $6, job_title = $8, skills = $9,
                                digest = COALESCE($10, digest)
              WHERE id = $7")
        .bind(p.name.as_str())
        .bind(p.language.as_str())
        .bind(p.residence_ente_id)
        .bind(p.birth_year)
        .bind(p.fiscal_code.clone())
        .bind(now)
        .bind(account_id)
        .bind(p.job_title.as_str())
        .bind(p.skills.as_str())
        .bind(p.digest.clone()),
    )
    .await?;
    tx.execute(sql("DELETE FROM account_topic WHERE account_id = $1").bind(account_id))
        .await?;
    for topic in &p.topic_ids {
        tx.execute(
            sql("INSERT INTO account_topic (account_id, topic_id) VALUES ($1, $2)")
                .bind(account_id)
                .bind(*topic),
        )
        .await?;
    }
    Ok(())
}

pub async fn topics(db: &Db) -> Result<Vec<Topic>, DbError> {
    db.fetch_all(sql(
        "SELECT id, slug, name_it, name_en FROM topic ORDER BY name_it",
    ))
    .await
}

/// Creates a topic unless its slug exists.
pub async fn ensure_topic(
    tx: &mut Tx,
    slug: &str,
    name_it: &str,
    name_en: &str,
) -> Result<(), DbError> {
    tx.execute(
        sql("INSERT INTO topic (slug, name_it, name_en) VALUES ($1, $2, $3) ON CONFLICT (slug) DO NOTHING")
            .bind(slug)
            .bind(name_it)
            .bind(name_en),
    )
    .await?;
    Ok(())
}

/// GDPR erasure. The row stays, so that public contributions keep pointing at it and
/// show "deleted account", but nothing personal is left: email, name, password,
/// profile, topics, sessions, identities, tokens, roles, pending mail, and the
/// account's name in the audit log.
pub async fn erase(tx: &mut Tx, account_id: AccountId, now: DateTime<Utc>) -> Result<(), DbError> {
    tx.execute(
        sql("UPDATE account SET email = $1, display_name = '', password_hash = NULL, fiscal_code = NULL,
                                residence_ente_id = NULL, birth_year = NULL, email_verified_at = NULL,
                                privacy_accepted_at = NULL, job_title = '', skills = '', deleted_at = $2, updated_at = $2
              WHERE id = $3")
        .bind(format!("deleted-{account_id}@invalid"))
        .bind(now)
        .bind(account_id),
    )
    .await?;
    for statement in [
        "DELETE FROM account_topic WHERE account_id = $1",
        "DELETE FROM account_ente WHERE account_id = $1",
        "DELETE FROM session WHERE account_id = $1",
        "DELETE FROM external_identity WHERE account_id = $1",
        "DELETE FROM account_token WHERE account_id = $1",
        "DELETE FROM role_grant WHERE account_id = $1",
        "DELETE FROM outbox WHERE account_id = $1",
        "DELETE FROM response_draft WHERE account_id = $1",
        "DELETE FROM notification WHERE account_id = $1",
        "DELETE FROM forum_read WHERE account_id = $1",
        "DELETE FROM forum_thread_watch WHERE account_id = $1",
        "DELETE FROM forum_category_watch WHERE account_id = $1",
        "DELETE FROM forum_reaction WHERE account_id = $1",
        "DELETE FROM forum_draft WHERE account_id = $1",
        "DELETE FROM community_request WHERE account_id = $1",
        "DELETE FROM blog_author WHERE account_id = $1",
        "DELETE FROM training_answer WHERE account_id = $1",
    ] {
        tx.execute(sql(statement).bind(account_id)).await?;
    }
    crate::audit::repo::forget_actor(tx, account_id).await?;
    Ok(())
}

/// The author of a contribution, as public pages show them (deleted accounts included).
/// The language someone reads Piazza in (Italian for an unknown account).
pub async fn language(db: &Db, account_id: AccountId) -> Result<crate::i18n::Lang, DbError> {
    let row: Option<(String,)> = db
        .fetch_optional(sql("SELECT language FROM account WHERE id = $1").bind(account_id))
        .await?;
    Ok(row
        .and_then(|(code,)| crate::i18n::Lang::from_code(&code))
        .unwrap_or_default())
}

pub async fn author(
    db: &Db,
    account_id: AccountId,
) -> Result<Option<super::model::Author>, DbError> {
    db.fetch_optional(
        sql("SELECT display_name, deleted_at FROM account WHERE id = $1").bind(account_id),
    )
    .await
}

/// The verified accounts that follow a topic (by its slug): id and language.
pub async fn topic_followers(
    tx: &mut Tx,
    topic: &str,
) -> Result<Vec<(AccountId, String)>, DbError> {
    tx.fetch_all(
        sql("SELECT a.id, a.language FROM account a
               JOIN account_topic f ON f.account_id = a.id
               JOIN topic t ON t.id = f.topic_id
              WHERE t.slug = $1 AND a.deleted_at IS NULL AND a.email_verified_at IS NOT NULL
              ORDER BY a.id LIMIT 100000")
        .bind(topic),
    )
    .await
}

/// The slugs of the topics someone follows.
pub async fn followed_topics(db: &Db, account_id: AccountId) -> Result<Vec<String>, DbError> {
    let rows: Vec<(String,)> = db
        .fetch_all(
            sql(
                "SELECT t.slug FROM account_topic a JOIN topic t ON t.id = a.topic_id
                  WHERE a.account_id = $1 ORDER BY t.slug",
            )
            .bind(account_id),
        )
        .await?;
    Ok(rows.into_iter().map(|(s,)| s).collect())
}
