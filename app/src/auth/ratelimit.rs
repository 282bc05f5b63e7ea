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
/// Ratings of pages (the feedback widget), from one address.
pub const FEEDBACK_PER_IP: Limit = Limit {
    max: 30,
    window_secs: 60 * 60,
};
/// Inefficiencies reported to enti from one address (each is a mail to an ente).
pub const INEFFICIENCY_PER_IP: Limit = Limit {
    max: 5,
    window_secs: 60 * 60,
};
/// Drafts of answers kept for browsers without an account, from one address.
pub const DRAFTS_PER_IP: Limit = Limit {
    max: 30,
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

/// Password resets tried from one address (each costs a hash only when its link is
/// valid, but a flood of bogus links is still refused early).
pub const RESETS_PER_IP: Limit = Limit {
    max: 20,
    window_secs: 60 * 60,
};

/// The part of a client address that limits count: the whole IPv4 address, or the
/// /64 of an IPv6 one (what one subscriber gets, so rotating within it is no way out).
pub fn address_key(ip: &str) -> String {
    match ip.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V6(v6)) if v6.to_ipv4_mapped().is_none() => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
        Ok(std::net::IpAddr::V6(v6)) => v6
            .to_ipv4_mapped()
            .map(|v4| v4.to_string())
            .unwrap_or_default(),
        _ => ip.to_string(),
    }
}

/// The bucket of `kind` for a client address ([`address_key`]).
pub fn per_address(kind: &str, ip: &str) -> String {
    bucket(kind, &address_key(ip))
}

/// The bucket of failed logins of one account from one address: locking it out from
/// one place leaves its owner free to come in from theirs.
pub fn failures_of(email: &str, ip: &str) -> String {
    bucket(
        "login-fail",
        &format!("{}|{}", email.to_lowercase(), address_key(ip)),
    )
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

    #[test]
    fn addresses_count_by_ipv4_and_by_ipv6_slash_64() {
        assert_eq!(address_key("10.1.2.3"), "10.1.2.3");
        assert_eq!(
            address_key("2001:db8:1:2:aaaa::1"),
            address_key("2001:db8:1:2:ffff:ffff:ffff:fffe")
        );
        assert_ne!(
            address_key("2001:db8:1:2::1"),
            address_key("2001:db8:1:3::1")
        );
        assert_eq!(address_key("::ffff:10.1.2.3"), "10.1.2.3");
        assert_ne!(
            failures_of("a@b.it", "10.0.0.1"),
            failures_of("a@b.it", "10.0.0.2")
        );
        assert_eq!(
            failures_of("A@B.it", "10.0.0.1"),
            failures_of("a@b.it", "10.0.0.1")
        );
    }
}
