//! A community as the interface sees it.

use serde::{Deserialize, Serialize};

/// Who can ask to join.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Visibility {
    /// Anyone signed in may ask; tutors approve.
    Open,
    /// Only people a tutor invites.
    Invitation,
}

impl Visibility {
    pub fn code(self) -> &'static str {
        match self {
            Visibility::Open => "open",
            Visibility::Invitation => "invitation",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct CommunityRef {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub description: String,
    pub ente_id: Option<i64>,
}
