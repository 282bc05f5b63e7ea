//! Validated account inputs and roles, shared by browser and server.

use crate::i18n::T;
use serde::{Deserialize, Serialize};

/// An email address, trimmed and lowercased.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Email(String);

impl Email {
    /// Accepts `local@domain.tld` with no spaces, at most 254 characters.
    pub fn parse(s: &str) -> Result<Email, T> {
        let s = s.trim().to_lowercase();
        let valid = s.len() <= 254
            && !s
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || "<>()[],;:\"\\".contains(c))
            && match s.split_once('@') {
                Some((local, domain)) => {
                    !local.is_empty()
                        && !domain.contains('@')
                        && domain.contains('.')
                        && !domain.starts_with('.')
                        && !domain.ends_with('.')
                        && !domain.contains("..")
                }
                None => false,
            };
        if valid {
            Ok(Email(s))
        } else {
            Err(T::ValidationEmail)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A role an account can hold. Platform-wide roles have no ente.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    PlatformAdmin,
    EnteAdmin,
    EnteOperator,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::PlatformAdmin, Role::EnteAdmin, Role::EnteOperator];

    pub fn code(self) -> &'static str {
        match self {
            Role::PlatformAdmin => "platform_admin",
            Role::EnteAdmin => "ente_admin",
            Role::EnteOperator => "ente_operator",
        }
    }

    pub fn label(self) -> T {
        match self {
            Role::PlatformAdmin => T::RolePlatformAdmin,
            Role::EnteAdmin => T::RoleEnteAdmin,
            Role::EnteOperator => T::RoleEnteOperator,
        }
    }
}

impl TryFrom<String> for Role {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Role::ALL.into_iter().find(|r| r.code() == s).ok_or(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(
            Email::parse("  Sindaco@Comune.Lugo.IT ").map(|e| e.as_str().to_string()),
            Ok("sindaco@comune.lugo.it".into())
        );
        for bad in [
            "",
            "no-at",
            "a@b",
            "@comune.it",
            "a@.it",
            "a@comune.",
            "a b@comune.it",
            "a@@comune.it",
            "a@comune..it",
            "<a>@x.it",
        ] {
            assert_eq!(Email::parse(bad), Err(T::ValidationEmail), "{bad:?}");
        }
        assert!(Email::parse(&format!("{}@comune.it", "a".repeat(260))).is_err());
    }

    #[test]
    fn role_codes_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::try_from(r.code().to_string()), Ok(r));
        }
    }
}
