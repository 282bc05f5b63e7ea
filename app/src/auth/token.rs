//! Secret tokens for cookies and mailed links: 256 random bits, of which the database
//! keeps only a SHA-256 digest, so a copy of the database opens nothing.

use crate::text::hex;
use sha2::{Digest, Sha256};

/// `N` bytes from the operating system's generator (`getrandom`). Without one no
/// token would be safe, so the process stops rather than hand out a guessable one.
pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    if let Err(e) = getrandom::fill(&mut bytes) {
        tracing::error!(error = %e, "the system gives no random numbers");
        std::process::abort();
    }
    bytes
}

/// A new token and the digest to store for it.
pub fn new_token() -> (String, String) {
    let bytes: [u8; 32] = random_bytes();
    let token = hex(&bytes);
    let digest = digest(&token);
    (token, digest)
}

/// The digest stored for a token. Anything that is not a token we made gets a digest
/// that matches nothing, with no special case to time.
pub fn digest(token: &str) -> String {
    hex(&Sha256::digest(token.trim().as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_digests_stable() {
        let (a, da) = new_token();
        let (b, _) = new_token();
        assert_eq!(a.len(), 64);
        assert!(a.chars().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
        assert_eq!(digest(&a), da);
        assert_ne!(digest(&b), da);
        assert_eq!(
            digest("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
