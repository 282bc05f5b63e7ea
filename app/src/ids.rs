//! The ids of the entities that cross module boundaries: an ente, an account, a
//! community. Each is its own type, so an account's id cannot be handed where an ente's
//! is expected; inside one domain's repository a plain `i64` is fine.
//!
//! They are the database's integer keys: serialized as numbers, bound and read by sqlx
//! as the integer itself, shown and parsed as the number (in paths and forms).

macro_rules! id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(
            Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord,
            serde::Serialize, serde::Deserialize,
        )]
        #[serde(transparent)]
        #[cfg_attr(feature = "ssr", derive(sqlx::Type), sqlx(transparent))]
        pub struct $name(pub i64);

        impl $name {
            /// The integer key, for the few places that need it bare (arithmetic, logs).
            pub const fn get(self) -> i64 {
                self.0
            }
        }

        impl From<i64> for $name {
            fn from(v: i64) -> Self {
                Self(v)
            }
        }

        impl From<$name> for i64 {
            fn from(v: $name) -> i64 {
                v.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::num::ParseIntError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.parse().map(Self)
            }
        }
    };
}

id!(
    /// An ente (a Comune, an Unione di Comuni, a Regione, the platform's own).
    EnteId
);
id!(
    /// A person's account.
    AccountId
);
id!(
    /// A community (its reserved area, members and tutors).
    CommunityId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_their_number_on_the_wire_and_in_text() {
        let id = EnteId(42);
        assert_eq!(serde_json::to_string(&id).unwrap(), "42");
        assert_eq!(serde_json::from_str::<EnteId>("42").unwrap(), id);
        assert_eq!(id.to_string(), "42");
        assert_eq!("42".parse::<EnteId>().unwrap(), id);
        assert!("4x".parse::<AccountId>().is_err());
        assert_eq!(i64::from(CommunityId::from(7)), 7);
    }
}
