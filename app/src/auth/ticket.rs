//! Tickets for forms open to anyone (a consultation that needs no account): the page
//! gives a signed ticket; an answer needs one that is at least a few seconds old, at
//! most a day old, and not used before. A script must load the page, and wait, for
//! each answer it sends; with the limit per address, floods stay small. No captcha.
//!
//! The key is a random secret in the database (`site_secret`), so every app node
//! signs and checks the same tickets; a used ticket is a row of the rate-limit table.
//! A ticket is `issued.salt.signature`: the random salt makes two tickets given in the
//! same second different (else the second visitor's would already be used).

use crate::db::{sql, Db, DbError};
use crate::error::AppError;
use crate::i18n::T;
use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// A ticket is valid from this many seconds after it was given…
pub const MIN_AGE_SECS: i64 = 3;
/// …to this many.
pub const MAX_AGE_SECS: i64 = 24 * 60 * 60;

/// A key of the deployment named `name` (`form` for tickets, `newsletter` for the
/// newsletters' links), created the first time it is needed, the same on every node.
pub async fn secret(db: &Db, name: &str) -> Result<String, DbError> {
    const READ: &str = "SELECT value FROM site_secret WHERE name = $1";
    if let Some((value,)) = db.fetch_optional::<(String,)>(sql(READ).bind(name)).await? {
        return Ok(value);
    }
    let (fresh, _) = super::token::new_token();
    db.execute(
        sql("INSERT INTO site_secret (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING")
            .bind(name)
            .bind(fresh.as_str()),
    )
    .await?;
    let (value,): (String,) = db.fetch_one(sql(READ).bind(name)).await?;
    Ok(value)
}

async fn key(db: &Db) -> Result<String, DbError> {
    secret(db, "form").await
}

/// The length of a ticket's salt (hexadecimal).
const SALT: usize = 16;

/// The HMAC-SHA256 of a ticket's scope, time and salt, keyed by the deployment's secret.
fn mac(key: &str, scope: &str, issued: i64, salt: &str) -> Hmac<Sha256> {
    // HMAC takes a key of any length.
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key.as_bytes())
        .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
    mac.update(format!("{scope}|{issued}|{salt}").as_bytes());
    mac
}

fn sign(key: &str, scope: &str, issued: i64, salt: &str) -> String {
    crate::text::hex(&mac(key, scope, issued, salt).finalize().into_bytes())
}

/// A signature's bytes, if it is hexadecimal: digits and letters only (`from_str_radix`
/// alone takes `+f` for `0f`, and each spelling would be a ticket unused so far).
fn unhex(text: &str) -> Option<Vec<u8>> {
    if text.len() % 2 != 0 || !text.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

/// A ticket for the form named `scope` (e.g. `consultation:12`).
pub async fn issue(db: &Db, scope: &str, now: DateTime<Utc>) -> Result<String, DbError> {
    let issued = now.timestamp();
    let salt = crate::text::hex(&super::token::random_bytes::<{ SALT / 2 }>());
    let signature = sign(&key(db).await?, scope, issued, &salt);
    Ok(format!("{issued}.{salt}.{signature}"))
}

/// The response header by which a page tells the page cache (`server/src/page_cache.rs`)
/// which ticket it carries, as `scope ticket`: a cached copy then gets a fresh one for
/// every visitor (a ticket is used only once). Removed before the response leaves.
pub const ANNOUNCE: &str = "x-piazza-ticket";

/// Tells the page cache, through the page's response, that the page carries `ticket`.
pub fn announce(scope: &str, ticket: &str) {
    let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() else {
        return;
    };
    if let Ok(value) = axum::http::HeaderValue::from_str(&format!("{scope} {ticket}")) {
        response.append_header(axum::http::HeaderName::from_static(ANNOUNCE), value);
    }
}

/// Checks a ticket and uses it up; a refusal says to load the page again.
pub async fn redeem(
    db: &Db,
    scope: &str,
    ticket: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let refused = AppError::Refused(T::ConsultationTicket);
    let mut parts = ticket.splitn(3, '.');
    let (Some(issued), Some(salt), Some(signature)) = (parts.next(), parts.next(), parts.next())
    else {
        return Err(refused);
    };
    if salt.len() != SALT || unhex(salt).is_none() {
        return Err(refused);
    }
    let issued: i64 = issued.parse().map_err(|_| refused.clone())?;
    let age = now.timestamp().checked_sub(issued).ok_or(refused.clone())?;
    if !(MIN_AGE_SECS..=MAX_AGE_SECS).contains(&age) {
        return Err(refused);
    }
    let signed = unhex(signature)
        .filter(|s| s.len() == 32)
        .ok_or(refused.clone())?;
    // Checked in constant time by the `hmac` crate.
    if mac(&key(db).await?, scope, issued, salt)
        .verify_slice(&signed)
        .is_err()
    {
        return Err(refused);
    }
    // Used up: a row keyed by the signature as we spell it (not as sent), dated when
    // it was given, so the rate limits' pruning drops it only once it is too old anyway.
    let used = db
        .execute(
            sql(
                "INSERT INTO rate_limit (bucket, window_start, hits) VALUES ($1, $2, 1)
                 ON CONFLICT (bucket, window_start) DO NOTHING",
            )
            .bind(super::ratelimit::bucket(
                "ticket",
                &crate::text::hex(&signed),
            ))
            .bind(issued),
        )
        .await?;
    if used == 1 {
        Ok(())
    } else {
        Err(refused)
    }
}

#[cfg(test)]
mod tests {
    use super::{mac, sign, unhex};
    use hmac::Mac;

    #[test]
    fn a_signature_holds_only_for_its_scope_time_and_salt() {
        let salt = "00112233aabbccdd";
        let signed = unhex(&sign("chiave", "consultation:1", 100, salt)).unwrap_or_default();
        assert_eq!(signed.len(), 32);
        assert!(mac("chiave", "consultation:1", 100, salt)
            .verify_slice(&signed)
            .is_ok());
        for (key, scope, issued, salt) in [
            ("chiave", "consultation:2", 100, salt),
            ("chiave", "consultation:1", 101, salt),
            ("chiave", "consultation:1", 100, "00112233aabbccde"),
            ("altra", "consultation:1", 100, salt),
        ] {
            assert!(mac(key, scope, issued, salt).verify_slice(&signed).is_err());
        }
        assert_eq!(unhex("0g"), None);
        assert_eq!(unhex("+f"), None, "one byte, one spelling");
        assert_eq!(unhex("0F"), Some(vec![15]));
    }
}
