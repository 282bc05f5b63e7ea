//! Reading and writing accounts and role grants (server only).

use super::model::{Email, Role};
use crate::db::{sql, Db, DbError, Tx};
use chrono::Utc;

#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct AccountRow {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub password_hash: Option<String>,
}

pub async fn by_email(db: &Db, email: &Email) -> Result<Option<AccountRow>, DbError> {
    db.fetch_optional(
        sql("SELECT id, email, display_name, password_hash FROM account WHERE email = $1")
            .bind(email.as_str()),
    )
    .await
}

/// Creates the account unless the email exists; returns its id and whether it is new.
pub async fn ensure(
    tx: &mut Tx,
    email: &Email,
    display_name: &str,
    password_hash: Option<&str>,
) -> Result<(i64, bool), DbError> {
    let now = Utc::now();
    let inserted = tx
        .execute(
            sql("INSERT INTO account (email, display_name, password_hash, email_verified_at, created_at, updated_at)
                 VALUES ($1, $2, $3, $4, $4, $4) ON CONFLICT (email) DO NOTHING")
            .bind(email.as_str())
            .bind(display_name)
            .bind(password_hash)
            .bind(now),
        )
        .await?;
    let (id,): (i64,) = tx
        .fetch_one(sql("SELECT id FROM account WHERE email = $1").bind(email.as_str()))
        .await?;
    Ok((id, inserted == 1))
}

/// Gives an account a role (platform-wide when `ente_id` is None), once.
pub async fn grant(
    tx: &mut Tx,
    account_id: i64,
    role: Role,
    ente_id: Option<i64>,
) -> Result<bool, DbError> {
    let (existing,): (i64,) = tx
        .fetch_one(
            sql("SELECT COUNT(*) FROM role_grant
                  WHERE account_id = $1 AND role = $2 AND COALESCE(ente_id, 0) = COALESCE($3, 0)")
            .bind(account_id)
            .bind(role.code())
            .bind(ente_id),
        )
        .await?;
    if existing > 0 {
        return Ok(false);
    }
    tx.execute(
        sql("INSERT INTO role_grant (account_id, role, ente_id, created_at) VALUES ($1, $2, $3, $4)")
            .bind(account_id)
            .bind(role.code())
            .bind(ente_id)
            .bind(Utc::now()),
    )
    .await?;
    Ok(true)
}

/// The roles of an account, with the ente each one is scoped to.
pub async fn roles(db: &Db, account_id: i64) -> Result<Vec<(Role, Option<i64>)>, DbError> {
    let rows: Vec<(String, Option<i64>)> = db
        .fetch_all(
            sql("SELECT role, ente_id FROM role_grant WHERE account_id = $1 ORDER BY id")
                .bind(account_id),
        )
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(role, ente)| Role::try_from(role).ok().map(|r| (r, ente)))
        .collect())
}
