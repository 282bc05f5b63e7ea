//! Password hashing with argon2id (server only). Hashing is slow on purpose: call it
//! from `tokio::task::spawn_blocking` in request handlers.

use crate::error::AppError;
use crate::i18n::T;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;

/// The shortest password accepted.
pub const MIN_LENGTH: usize = super::model::PASSWORD_MIN;

/// A PHC string (`$argon2id$…`) for the password.
pub fn hash(password: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(Argon2::default()
        .hash_password(password.as_bytes(), &salt)?
        .to_string())
}

/// A hash of nothing in particular, checked when an email has no account so that
/// the answer takes as long as a real check.
pub fn decoy_hash() -> &'static str {
    static DECOY: std::sync::LazyLock<String> =
        std::sync::LazyLock::new(|| hash(&generate(24)).unwrap_or_default());
    &DECOY
}

/// Whether the password matches the stored PHC string.
pub fn verify(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A new password: the rules of [`super::model::check_password`], and not one of
/// the common, leaked or easily guessed passwords (ASVS 2.1.7). `zxcvbn` knows the
/// lists of the most common passwords, names and words, keyboard walks, dates and
/// repeats; the words of the person's own address and name count as known too.
/// Below a score of two (fewer than 10⁶ guesses) it is refused.
pub fn check_new(password: &str, email: Option<&str>, name: Option<&str>) -> Result<(), T> {
    super::model::check_password(password, email)?;
    // Each word of the address and the name, so that "mariarossi" is known too.
    let known: Vec<&str> = email
        .into_iter()
        .chain(name)
        .flat_map(|t| t.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().count() >= 3)
        .collect();
    if zxcvbn::zxcvbn(password, &known).score() < zxcvbn::Score::Two {
        return Err(T::ValidationPasswordCommon);
    }
    Ok(())
}

/// A random password of `len` letters and digits (no look-alikes such as 0/O, 1/l).
pub fn generate(len: usize) -> String {
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut out = String::with_capacity(len);
    while out.len() < len {
        let byte: [u8; 1] = crate::auth::token::random_bytes();
        // Reject the top of the range so every character is equally likely.
        let limit = 256 - 256 % ALPHABET.len();
        if usize::from(byte[0]) < limit {
            out.push(char::from(ALPHABET[usize::from(byte[0]) % ALPHABET.len()]));
        }
    }
    out
}

/// How many argon2 computations may run at once: one per core. Each takes about
/// 19 MiB and a core for a moment; more at once would only queue in the blocking
/// pool, holding their memory, while every other request waits behind them.
pub fn bound() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
}

/// How long a request waits for its turn before it is told to come back.
const WAIT: std::time::Duration = std::time::Duration::from_secs(3);

static TURNS: std::sync::OnceLock<std::sync::Arc<tokio::sync::Semaphore>> =
    std::sync::OnceLock::new();
static RUNNING: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
static PEAK: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
static COMPUTED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// The most argon2 computations that ran at once since the process started (the
/// tests check it never passes [`bound`]).
pub fn peak() -> usize {
    PEAK.load(std::sync::atomic::Ordering::SeqCst)
}

/// How many argon2 computations ran since the process started.
pub fn computed() -> usize {
    COMPUTED.load(std::sync::atomic::Ordering::SeqCst)
}

/// Runs `work` (a hash or a check) on the blocking pool once a turn is free; after
/// [`WAIT`] without one, the answer is "busy, try again shortly" (503). The turn is
/// held by the blocking task itself, so a request that goes away cannot free it early.
async fn in_turn<R: Send + 'static>(
    work: impl FnOnce() -> R + Send + 'static,
) -> Result<R, AppError> {
    use std::sync::atomic::Ordering;
    let turns = TURNS.get_or_init(|| std::sync::Arc::new(tokio::sync::Semaphore::new(bound())));
    let permit = tokio::time::timeout(WAIT, turns.clone().acquire_owned())
        .await
        .map_err(|_| AppError::Busy { seconds: 5 })?
        .map_err(|_| AppError::Internal)?;
    tokio::task::spawn_blocking(move || {
        let now = RUNNING.fetch_add(1, Ordering::SeqCst) + 1;
        PEAK.fetch_max(now, Ordering::SeqCst);
        COMPUTED.fetch_add(1, Ordering::SeqCst);
        let out = work();
        RUNNING.fetch_sub(1, Ordering::SeqCst);
        drop(permit);
        out
    })
    .await
    .map_err(|e| {
        tracing::error!(error = %e, "hashing task failed");
        AppError::Internal
    })
}

/// Hashes a password, in turn (argon2 is slow on purpose).
pub async fn hash_password(plain: String) -> Result<String, AppError> {
    in_turn(move || hash(&plain)).await?.map_err(|e| {
        tracing::error!(error = %e, "cannot hash a password");
        AppError::Internal
    })
}

/// Checks a password, in turn. Without a stored hash it still spends the time of a
/// check, so that answers do not tell which emails have accounts.
pub async fn verify_password(plain: String, phc: Option<String>) -> Result<bool, AppError> {
    in_turn(move || match phc {
        Some(phc) => verify(&plain, &phc),
        None => {
            let _ = verify(&plain, decoy_hash());
            false
        }
    })
    .await
}

/// Checks a person's own password (to log in, to change it, to delete the account)
/// under one limit: the attempt is counted first and forgotten when the password is
/// right, so that no burst gets past it and a stolen session cannot try on and on.
pub async fn confirm_password(
    state: &crate::state::AppState,
    info: &crate::auth::server::RequestInfo,
    email: &str,
    plain: String,
    phc: Option<String>,
) -> Result<bool, AppError> {
    use crate::auth::ratelimit;
    let now = state.clock.now();
    let failures = ratelimit::failures_of(email, &info.ip);
    ratelimit::hit(
        &state.db,
        &failures,
        ratelimit::LOGIN_FAILURES_PER_ACCOUNT,
        now,
    )
    .await?;
    let right = verify_password(plain, phc).await?;
    if right {
        ratelimit::clear(&state.db, &failures).await?;
    }
    Ok(right)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_and_differ() {
        let a = hash("correct horse battery").unwrap_or_default();
        let b = hash("correct horse battery").unwrap_or_default();
        assert!(a.starts_with("$argon2id$"));
        assert_ne!(a, b, "each hash has its own salt");
        assert!(verify("correct horse battery", &a));
        assert!(!verify("wrong horse battery", &a));
        assert!(!verify("anything", "not a hash"));
    }

    #[test]
    fn generated_passwords_are_long_and_varied() {
        let p = generate(20);
        assert_eq!(p.len(), 20);
        assert!(p.chars().all(|c| c.is_ascii_alphanumeric()));
        assert_ne!(p, generate(20));
    }

    #[test]
    fn common_and_personal_passwords_are_refused() {
        for common in ["password123", "qwertyuiop", "1234567890a", "iloveyou12"] {
            assert_eq!(
                check_new(common, None, None),
                Err(T::ValidationPasswordCommon),
                "{common}"
            );
        }
        assert_eq!(
            check_new(
                "mariarossi",
                Some("maria.rossi@example.it"),
                Some("Maria Rossi")
            ),
            Err(T::ValidationPasswordCommon)
        );
        assert_eq!(check_new("una piazza per tutti", None, None), Ok(()));
        assert_eq!(
            check_new("corta", None, None),
            Err(T::ValidationPasswordShort)
        );
    }
}
