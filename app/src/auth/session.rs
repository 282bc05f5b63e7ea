//! Login sessions, kept in the database so that any node can serve any request.
//! The cookie holds a random token chosen by the server at login (never one the
//! browser brings: no session fixation); the table holds only its digest.

use super::model::{Actor, Grant, Restriction, RestrictionKind, Role, Scope};
use super::token;
use crate::db::{sql, Db, DbError, Tx};
use crate::ids::{AccountId, CommunityId, EnteId};
use chrono::{DateTime, Duration, Utc};

/// The cookie over plain http (development, tests).
pub const COOKIE: &str = "piazza_session";
/// The cookie over https: the `__Host-` prefix makes browsers insist on Secure,
/// Path=/ and no Domain, so no other site or subdomain can plant it.
pub const SECURE_COOKIE: &str = "__Host-piazza_session";

/// A session ends after this long without a request…
pub const IDLE: Duration = Duration::days(30);
/// …and in any case this long after login.
pub const ABSOLUTE: Duration = Duration::days(90);
/// `last_seen_at` is written at most this often, not on every request.
const TOUCH_EVERY: Duration = Duration::hours(1);

pub fn cookie_name(secure: bool) -> &'static str {
    if secure {
        SECURE_COOKIE
    } else {
        COOKIE
    }
}

/// The session token the request carries, if any.
pub fn token_from_headers(headers: &axum::http::HeaderMap, secure: bool) -> Option<String> {
    let name = cookie_name(secure);
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, v)| v.to_string())
}

/// `Set-Cookie` for a new session: HttpOnly, SameSite=Lax, Secure over https.
pub fn set_cookie(token: &str, secure: bool) -> String {
    format!(
        "{}={token}; Path=/; Max-Age={}; HttpOnly; SameSite=Lax{}",
        cookie_name(secure),
        ABSOLUTE.num_seconds(),
        if secure { "; Secure" } else { "" }
    )
}

/// `Set-Cookie` that removes the session cookie.
pub fn clear_cookie(secure: bool) -> String {
    format!(
        "{}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax{}",
        cookie_name(secure),
        if secure { "; Secure" } else { "" }
    )
}

/// Starts a session for an account and returns the token for its cookie.
pub async fn start(
    tx: &mut Tx,
    account_id: AccountId,
    ip: &str,
    user_agent: &str,
    now: DateTime<Utc>,
) -> Result<String, DbError> {
    let (token, digest) = token::new_token();
    tx.execute(
        sql("INSERT INTO session (token_hash, account_id, created_at, last_seen_at, expires_at, ip, user_agent)
             VALUES ($1, $2, $3, $3, $4, $5, $6)")
        .bind(digest)
        .bind(account_id)
        .bind(now)
        .bind(now + IDLE)
        .bind(ip)
        .bind(user_agent.chars().take(300).collect::<String>()),
    )
    .await?;
    Ok(token)
}

#[derive(sqlx::FromRow)]
struct SessionRow {
    id: i64,
    account_id: AccountId,
    created_at: DateTime<Utc>,
    last_seen_at: DateTime<Utc>,
    expires_at: DateTime<Utc>,
}

/// The live session a token opens: (session id, account id). Expired sessions are
/// deleted on sight; a live one slides its expiry forward, at most hourly.
pub async fn resolve(
    db: &Db,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<(i64, AccountId)>, DbError> {
    let row: Option<SessionRow> = db
        .fetch_optional(
            sql("SELECT id, account_id, created_at, last_seen_at, expires_at FROM session WHERE token_hash = $1")
                .bind(token::digest(token)),
        )
        .await?;
    let Some(row) = row else { return Ok(None) };
    if row.expires_at <= now {
        db.execute(sql("DELETE FROM session WHERE id = $1").bind(row.id))
            .await?;
        return Ok(None);
    }
    if now - row.last_seen_at >= TOUCH_EVERY {
        let expires = (now + IDLE).min(row.created_at + ABSOLUTE);
        db.execute(
            sql("UPDATE session SET last_seen_at = $1, expires_at = $2 WHERE id = $3")
                .bind(now)
                .bind(expires)
                .bind(row.id),
        )
        .await?;
    }
    Ok(Some((row.id, row.account_id)))
}

/// Ends one session (logout).
pub async fn end(tx: &mut Tx, session_id: i64) -> Result<(), DbError> {
    tx.execute(sql("DELETE FROM session WHERE id = $1").bind(session_id))
        .await?;
    Ok(())
}

/// Ends every session of an account (logout everywhere, password change, deletion);
/// returns how many there were.
pub async fn end_all(tx: &mut Tx, account_id: AccountId) -> Result<u64, DbError> {
    tx.execute(sql("DELETE FROM session WHERE account_id = $1").bind(account_id))
        .await
}

/// Ends every session of an account but one (a password changed from that one).
pub async fn end_others(
    tx: &mut Tx,
    account_id: AccountId,
    keep: Option<i64>,
) -> Result<u64, DbError> {
    tx.execute(
        sql("DELETE FROM session WHERE account_id = $1 AND id <> $2")
            .bind(account_id)
            .bind(keep.unwrap_or(0)),
    )
    .await
}

#[derive(sqlx::FromRow)]
struct ActorRow {
    id: AccountId,
    email: String,
    display_name: String,
    email_verified_at: Option<DateTime<Utc>>,
}

#[derive(sqlx::FromRow)]
struct GrantRow {
    role: String,
    ente_id: Option<EnteId>,
    community_id: Option<CommunityId>,
    community_ente_id: Option<EnteId>,
}

/// The account behind a session, with its roles; None for a deleted account.
pub async fn load_actor(
    db: &Db,
    account_id: AccountId,
    now: DateTime<Utc>,
) -> Result<Option<Actor>, DbError> {
    let row: Option<ActorRow> = db
        .fetch_optional(
            sql(
                "SELECT id, email, display_name, email_verified_at FROM account
                  WHERE id = $1 AND deleted_at IS NULL",
            )
            .bind(account_id),
        )
        .await?;
    let Some(row) = row else { return Ok(None) };
    Ok(Some(Actor {
        account_id: row.id,
        email: row.email,
        name: row.display_name,
        verified: row.email_verified_at.is_some(),
        grants: grants(db, account_id).await?,
        restrictions: restrictions(db, account_id, now).await?,
    }))
}

/// The silences and suspensions in force on an account at `now`.
pub async fn restrictions(
    db: &Db,
    account_id: AccountId,
    now: DateTime<Utc>,
) -> Result<Vec<Restriction>, DbError> {
    let rows: Vec<(CommunityId, String)> = db
        .fetch_all(
            sql("SELECT community_id, kind FROM community_restriction
                  WHERE account_id = $1 AND kind <> 'warning' AND lifted_at IS NULL
                    AND starts_at <= $2 AND (ends_at IS NULL OR ends_at > $2)")
            .bind(account_id)
            .bind(now),
        )
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(community, kind)| {
            let kind = match kind.as_str() {
                "silence" => RestrictionKind::Silence,
                "suspension" => RestrictionKind::Suspension,
                _ => return None,
            };
            Some(Restriction { community, kind })
        })
        .collect())
}

/// The roles an account holds, with their scopes.
pub async fn grants(db: &Db, account_id: AccountId) -> Result<Vec<Grant>, DbError> {
    let rows: Vec<GrantRow> = db
        .fetch_all(
            sql(
                "SELECT g.role, g.ente_id, g.community_id, c.ente_id AS community_ente_id
                   FROM role_grant g LEFT JOIN community c ON c.id = g.community_id
                  WHERE g.account_id = $1 ORDER BY g.id",
            )
            .bind(account_id),
        )
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let role = Role::from_code(&r.role)?;
            let scope = match (r.ente_id, r.community_id) {
                (Some(e), None) => Scope::Ente(e),
                (None, Some(c)) => Scope::Community {
                    id: c,
                    ente: r.community_ente_id,
                },
                _ => Scope::Platform,
            };
            Some(Grant { role, scope })
        })
        .collect())
}

/// A session as its owner sees it in their account page.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct SessionSummary {
    pub id: i64,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    pub ip: String,
    pub user_agent: String,
}

pub async fn list(db: &Db, account_id: AccountId) -> Result<Vec<SessionSummary>, DbError> {
    db.fetch_all(
        sql(
            "SELECT id, created_at, last_seen_at, ip, user_agent FROM session
              WHERE account_id = $1 ORDER BY last_seen_at DESC",
        )
        .bind(account_id),
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_are_http_only_and_lax_and_secure_over_https() {
        let plain = set_cookie("abc", false);
        assert!(plain.starts_with("piazza_session=abc;"));
        assert!(plain.contains("HttpOnly") && plain.contains("SameSite=Lax"));
        assert!(!plain.contains("Secure"));
        let secure = set_cookie("abc", true);
        assert!(secure.starts_with("__Host-piazza_session=abc;"));
        assert!(secure.contains("; Secure") && secure.contains("Path=/"));
        assert!(clear_cookie(false).contains("Max-Age=0"));
    }

    #[test]
    fn the_token_is_read_from_the_right_cookie() {
        let mut headers = axum::http::HeaderMap::new();
        headers.insert(
            axum::http::header::COOKIE,
            axum::http::HeaderValue::from_static("piazza_lang=en; piazza_session=t0k; x=y"),
        );
        assert_eq!(token_from_headers(&headers, false).as_deref(), Some("t0k"));
        assert_eq!(token_from_headers(&headers, true), None);
    }
}
