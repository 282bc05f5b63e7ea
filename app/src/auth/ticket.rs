//! Tickets for forms open to anyone (a consultation that needs no account): the page
//! gives a signed ticket; an answer needs one that is at least a few seconds old, at
//! most a day old, and not used before. A script must load the page, and wait, for
//! each answer it sends; with the limit per address, floods stay small. No captcha.
//!
//! The key is a random secret in the database (`site_secret`), so every app node
//! signs and checks the same tickets; a used ticket is a row of the rate-limit table.

use crate::db::{sql, Db, DbError};
use crate::error::AppError;
use crate::i18n::T;
use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

/// A ticket is valid from this many seconds after it was given…
pub const MIN_AGE_SECS: i64 = 3;
/// …to this many.
pub const MAX_AGE_SECS: i64 = 24 * 60 * 60;

/// HMAC-SHA256 (RFC 2104).
fn hmac(key: &[u8], message: &[u8]) -> [u8; 32] {
    let mut block = [0u8; 64];
    if key.len() > 64 {
        block[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        block[..key.len()].copy_from_slice(key);
    }
    let pad = |byte: u8| block.map(|b| b ^ byte);
    let inner = Sha256::new()
        .chain_update(pad(0x36))
        .chain_update(message)
        .finalize();
    Sha256::new()
        .chain_update(pad(0x5c))
        .chain_update(inner)
        .finalize()
        .into()
}

/// The deployment's key for form tickets, created the first time it is needed.
async fn key(db: &Db) -> Result<String, DbError> {
    const READ: &str = "SELECT value FROM site_secret WHERE name = 'form'";
    if let Some((value,)) = db.fetch_optional::<(String,)>(sql(READ)).await? {
        return Ok(value);
    }
    let (fresh, _) = super::token::new_token();
    db.execute(
        sql("INSERT INTO site_secret (name, value) VALUES ('form', $1) ON CONFLICT (name) DO NOTHING")
            .bind(fresh.as_str()),
    )
    .await?;
    let (value,): (String,) = db.fetch_one(sql(READ)).await?;
    Ok(value)
}

fn sign(key: &str, scope: &str, issued: i64) -> String {
    crate::text::hex(&hmac(
        key.as_bytes(),
        format!("{scope}|{issued}").as_bytes(),
    ))
}

/// A ticket for the form named `scope` (e.g. `consultation:12`).
pub async fn issue(db: &Db, scope: &str, now: DateTime<Utc>) -> Result<String, DbError> {
    let issued = now.timestamp();
    Ok(format!("{issued}.{}", sign(&key(db).await?, scope, issued)))
}

/// Checks a ticket and uses it up; a refusal says to load the page again.
pub async fn redeem(
    db: &Db,
    scope: &str,
    ticket: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let refused = AppError::Refused(T::ConsultationTicket);
    let (issued, signature) = ticket.split_once('.').ok_or(refused.clone())?;
    let issued: i64 = issued.parse().map_err(|_| refused.clone())?;
    let age = now.timestamp() - issued;
    if !(MIN_AGE_SECS..=MAX_AGE_SECS).contains(&age) {
        return Err(refused);
    }
    let expected = sign(&key(db).await?, scope, issued);
    // Compared whole, in constant time.
    let same = expected.len() == signature.len()
        && expected
            .bytes()
            .zip(signature.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0;
    if !same {
        return Err(refused);
    }
    // Used up: a row keyed by the ticket, dated when it was given, so the rate
    // limits' pruning drops it only once the ticket is too old anyway.
    let used = db
        .execute(
            sql(
                "INSERT INTO rate_limit (bucket, window_start, hits) VALUES ($1, $2, 1)
                 ON CONFLICT (bucket, window_start) DO NOTHING",
            )
            .bind(super::ratelimit::bucket("ticket", signature))
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
    use super::hmac;

    #[test]
    fn hmac_matches_rfc_4231() {
        // Test case 2 of RFC 4231.
        let mac = hmac(b"Jefe", b"what do ya want for nothing?");
        assert_eq!(
            crate::text::hex(&mac),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }
}
