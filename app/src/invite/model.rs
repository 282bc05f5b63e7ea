//! Team pages and invitations as the interface sees them.

use crate::auth::model::{Role, Scope};
use crate::i18n::T;
use serde::{Deserialize, Serialize};

/// How long an invitation link stays valid.
pub const INVITATION_DAYS: i64 = 7;

/// A scope named in a URL: `piattaforma`, `ente:<slug>` or `comunita:<slug>`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ScopeRef {
    Platform,
    Ente(String),
    Community(String),
}

impl ScopeRef {
    pub fn parse(s: &str) -> Option<ScopeRef> {
        match s.trim().split_once(':') {
            None if s.trim() == "piattaforma" => Some(ScopeRef::Platform),
            Some(("ente", slug)) if !slug.is_empty() => Some(ScopeRef::Ente(slug.to_string())),
            Some(("comunita", slug)) if !slug.is_empty() => {
                Some(ScopeRef::Community(slug.to_string()))
            }
            _ => None,
        }
    }

    pub fn code(&self) -> String {
        match self {
            ScopeRef::Platform => "piattaforma".to_string(),
            ScopeRef::Ente(slug) => format!("ente:{slug}"),
            ScopeRef::Community(slug) => format!("comunita:{slug}"),
        }
    }
}

/// A scope someone can manage, for the picker of the team page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ManagedScope {
    pub code: String,
    pub label: String,
}

/// Someone holding a role in the scope.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct TeamMember {
    pub grant_id: i64,
    pub name: String,
    pub email: String,
    pub role: String,
}

/// Where an invitation stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum InvitationState {
    Pending,
    Accepted,
    Expired,
    Revoked,
}

impl InvitationState {
    pub fn label(self) -> T {
        match self {
            InvitationState::Pending => T::InviteStatePending,
            InvitationState::Accepted => T::InviteStateAccepted,
            InvitationState::Expired => T::InviteStateExpired,
            InvitationState::Revoked => T::InviteStateRevoked,
        }
    }
}

/// An invitation as the team page lists it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InvitationRow {
    pub id: i64,
    pub email: String,
    pub role: Role,
    pub sent: String,
    pub expires: String,
    pub state: InvitationState,
}

/// The team page of one scope.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TeamPage {
    pub scope_code: String,
    pub scope_label: String,
    pub members: Vec<TeamMember>,
    pub invitations: Vec<InvitationRow>,
    /// Roles the viewer may give (and take away) here.
    pub appointable: Vec<Role>,
    /// Every scope the viewer manages.
    pub scopes: Vec<ManagedScope>,
}

/// An invitation as the person invited sees it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InvitationView {
    pub email: String,
    pub role: Role,
    pub scope_label: String,
    pub inviter: String,
    pub message: String,
    pub expires: String,
    pub state: InvitationState,
    /// Whether an account already uses the invited address.
    pub account_exists: bool,
    /// Who is signed in now, if anyone.
    pub signed_in_as: Option<String>,
}

/// Where someone lands after accepting a role there.
pub fn landing(scope: Scope, scope_slug: &str) -> String {
    match scope {
        Scope::Platform => "/admin/registro".to_string(),
        Scope::Ente(_) => format!("/gestione/{scope_slug}"),
        Scope::Community { .. } => format!("/comunita/{scope_slug}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scope_refs_round_trip() {
        for r in [
            ScopeRef::Platform,
            ScopeRef::Ente("lugo".into()),
            ScopeRef::Community("urp-bassa-romagna".into()),
        ] {
            assert_eq!(ScopeRef::parse(&r.code()), Some(r));
        }
        assert_eq!(ScopeRef::parse("ente:"), None);
        assert_eq!(ScopeRef::parse("altro:x"), None);
    }
}
