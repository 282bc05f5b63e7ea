//! Rate limits kept in the database (fixed windows), so every node counts the same
//! attempts. A limit that is reached releases itself when its window ends.

use crate::db::{sql, Db, DbError};
use crate::error::AppError;
use chrono::{DateTime, Utc};

/// At most `max` hits per `window_secs` seconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limit {
    pub max: i64,
    pub window_secs: i64,
}

/// Login attempts from one address.
pub const LOGIN_PER_IP: Limit = Limit {
    max: 30,
    window_secs: 15 * 60,
};
/// Failed logins on one account before it is locked for the rest of the window.
pub const LOGIN_FAILURES_PER_ACCOUNT: Limit = Limit {
    max: 5,
    window_secs: 15 * 60,
};
/// New accounts from one address.
pub const REGISTER_PER_IP: Limit = Limit {
    max: 10,
    window_secs: 60 * 60,
};
/// Password-reset and verification mails asked from one address…
pub const MAIL_PER_IP: Limit = Limit {
    max: 10,
    window_secs: 60 * 60,
};
/// Answers to a consultation open to anyone, from one address.
pub const ANSWERS_PER_IP: Limit = Limit {
    max: 5,
    window_secs: 60 * 60,
};
/// Files sent with answers from one address, signed in or not.
pub const UPLOADS_PER_IP: Limit = Limit {
    max: 30,
    window_secs: 60 * 60,
};
/// Comments on a text in discussion, from one account.
pub const COMMENTS_PER_ACCOUNT: Limit = Limit {
    max: 20,
    window_secs: 60 * 60,
};
/// …and for one account.
pub const MAIL_PER_ACCOUNT: Limit = Limit {
    max: 3,
    window_secs: 60 * 60,
};

impl Limit {
    fn window_start(self, now: DateTime<Utc>) -> i64 {
        let t = now.timestamp();
        t - t.rem_euclid(self.window_secs)
    }

    /// Whole minutes until the current window ends (at least one).
    fn minutes_left(self, now: DateTime<Utc>) -> i64 {
        let ends = self.window_start(now) + self.window_secs;
        ((ends - now.timestamp()) + 59) / 60
    }

    fn refusal(self, now: DateTime<Utc>) -> AppError {
        AppError::RateLimited {
            minutes: self.minutes_left(now).max(1),
        }
    }
}

/// A bucket name that does not keep personal data such as an email address.
pub fn bucket(kind: &str, key: &str) -> String {
    let digest = super::token::digest(&key.to_lowercase());
    format!("{kind}:{}", &digest[..24])
}

/// Counts one hit and refuses it when the limit is passed.
pub async fn hit(db: &Db, bucket: &str, limit: Limit, now: DateTime<Utc>) -> Result<(), AppError> {
    let (hits,): (i64,) = db
        .fetch_one(
            sql(
                "INSERT INTO rate_limit (bucket, window_start, hits) VALUES ($1, $2, 1)
                 ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limit.hits + 1
                 RETURNING hits",
            )
            .bind(bucket)
            .bind(limit.window_start(now)),
        )
        .await?;
    if hits > limit.max {
        Err(limit.refusal(now))
    } else {
        Ok(())
    }
}

/// Refuses when the limit is already reached, without counting a hit (for limits on
/// failures, counted with [`hit`] only when an attempt fails).
pub async fn check(
    db: &Db,
    bucket: &str,
    limit: Limit,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let row: Option<(i64,)> = db
        .fetch_optional(
            sql("SELECT hits FROM rate_limit WHERE bucket = $1 AND window_start = $2")
                .bind(bucket)
                .bind(limit.window_start(now)),
        )
        .await?;
    match row {
        Some((hits,)) if hits >= limit.max => Err(limit.refusal(now)),
        _ => Ok(()),
    }
}

/// Forgets a bucket (after a successful login, its failures no longer count).
pub async fn clear(db: &Db, bucket: &str) -> Result<(), DbError> {
    db.execute(sql("DELETE FROM rate_limit WHERE bucket = $1").bind(bucket))
        .await?;
    Ok(())
}

/// Drops windows that ended more than a day ago.
pub async fn prune(db: &Db, now: DateTime<Utc>) -> Result<u64, DbError> {
    db.execute(sql("DELETE FROM rate_limit WHERE window_start < $1").bind(now.timestamp() - 86_400))
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_and_minutes_left() {
        let limit = Limit {
            max: 1,
            window_secs: 900,
        };
        let at = |s: i64| DateTime::from_timestamp(s, 0).unwrap_or_default();
        assert_eq!(limit.window_start(at(1_800)), 1_800);
        assert_eq!(limit.window_start(at(2_699)), 1_800);
        assert_eq!(limit.minutes_left(at(1_800)), 15);
        assert_eq!(limit.minutes_left(at(2_640)), 1);
        assert_eq!(
            bucket("login", "Mario@Comune.IT"),
            bucket("login", "mario@comune.it")
        );
        assert!(!bucket("login", "mario@comune.it").contains('@'));
    }
}
