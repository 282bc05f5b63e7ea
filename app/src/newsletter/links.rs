//! The links every newsletter mail carries, signed so that nobody needs to sign in
//! and nothing is stored per mail (server only): the preferences page's token names
//! the subscriber, the leaving token the subscriber and the list. Both are
//! `ids-signature`, the signature an HMAC-SHA256 (first 16 bytes) keyed by the
//! deployment's `newsletter` secret, so every node makes and checks the same links.

use crate::db::{Db, DbError};
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// The deployment's key, read once per use (a row of `site_secret`).
pub struct Keys(String);

impl Keys {
    pub async fn load(db: &Db) -> Result<Keys, DbError> {
        crate::auth::ticket::secret(db, "newsletter")
            .await
            .map(Keys)
    }

    fn sign(&self, what: &str) -> String {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(self.0.as_bytes())
            .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
        mac.update(what.as_bytes());
        let bytes = mac.finalize().into_bytes();
        crate::text::hex(bytes.get(..16).unwrap_or_default())
    }

    /// The token of a subscriber's preferences page.
    pub fn preferences(&self, subscriber: i64) -> String {
        format!(
            "{subscriber}-{}",
            self.sign(&format!("preferences|{subscriber}"))
        )
    }

    /// The token that takes a subscriber off one list.
    pub fn leave(&self, subscriber: i64, list: i64) -> String {
        format!(
            "{subscriber}-{list}-{}",
            self.sign(&format!("leave|{subscriber}|{list}"))
        )
    }

    /// The subscriber a preferences token names, if it is genuine.
    pub fn check_preferences(&self, token: &str) -> Option<i64> {
        let (id, _) = token.split_once('-')?;
        let id = number(id)?;
        same(token, &self.preferences(id)).then_some(id)
    }

    /// The subscriber and list a leaving token names, if it is genuine.
    pub fn check_leave(&self, token: &str) -> Option<(i64, i64)> {
        let mut parts = token.splitn(3, '-');
        let subscriber = number(parts.next()?)?;
        let list = number(parts.next()?)?;
        same(token, &self.leave(subscriber, list)).then_some((subscriber, list))
    }
}

/// A positive id written in plain digits (no sign, no leading zero, at most 18).
fn number(text: &str) -> Option<i64> {
    let plain = !text.is_empty()
        && text.len() <= 18
        && !text.starts_with('0')
        && text.bytes().all(|b| b.is_ascii_digit());
    plain.then(|| text.parse().ok()).flatten()
}

/// Compares in constant time (a signature must not be guessed byte by byte).
fn same(given: &str, expected: &str) -> bool {
    given.len() == expected.len()
        && given
            .bytes()
            .zip(expected.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

#[cfg(test)]
mod tests {
    use super::Keys;

    #[test]
    fn tokens_check_and_refuse_tampering() {
        let keys = Keys("a secret".into());
        let p = keys.preferences(42);
        assert_eq!(keys.check_preferences(&p), Some(42));
        let l = keys.leave(42, 7);
        assert_eq!(keys.check_leave(&l), Some((42, 7)));
        // Another subscriber's, another list's, a forged or shortened signature.
        assert_eq!(keys.check_preferences(&p.replacen("42", "43", 1)), None);
        assert_eq!(keys.check_leave(&l.replacen("-7-", "-8-", 1)), None);
        assert_eq!(keys.check_leave(&l[..l.len() - 1]), None);
        assert_eq!(
            keys.check_preferences(&l),
            None,
            "a leaving token opens no page"
        );
        assert_eq!(keys.check_leave(&p), None);
        assert_eq!(keys.check_preferences("042-00"), None);
        assert_eq!(Keys("another".into()).check_preferences(&p), None);
    }
}
