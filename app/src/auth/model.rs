//! Who is acting: roles, the scopes they hold them in, and the signed-in person as the
//! interface sees them. Shared by browser and server, so views can hide what the
//! server would refuse.

use crate::i18n::T;
use crate::ids::{AccountId, CommunityId, EnteId};
use serde::{Deserialize, Serialize};

/// A role an account can hold, always within a [`Scope`] of the matching kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Role {
    /// Runs the deployment: enti, kits, every role, mail and audit log.
    PlatformAdmin,
    /// Runs one ente: its team, its modules' settings, its audit log.
    EnteAdmin,
    /// Works on one ente's public content.
    EnteOperator,
    /// An operator of the social-media team (strategy, policy, editorial plan, KPIs).
    SocialMedia,
    /// An operator of the press office (press releases, news).
    PressOffice,
    /// An operator of the URP, the public relations office (reports, access requests).
    Urp,
    /// Runs one community: members, moderation, health.
    CommunityTutor,
    /// Takes part in one community's reserved area.
    CommunityMember,
}

/// Which kind of scope a role is held in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ScopeKind {
    Platform,
    Ente,
    Community,
}

impl Role {
    pub const ALL: [Role; 8] = [
        Role::PlatformAdmin,
        Role::EnteAdmin,
        Role::EnteOperator,
        Role::SocialMedia,
        Role::PressOffice,
        Role::Urp,
        Role::CommunityTutor,
        Role::CommunityMember,
    ];

    /// The value stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            Role::PlatformAdmin => "platform_admin",
            Role::EnteAdmin => "ente_admin",
            Role::EnteOperator => "ente_operator",
            Role::SocialMedia => "social_media",
            Role::PressOffice => "press_office",
            Role::Urp => "urp",
            Role::CommunityTutor => "community_tutor",
            Role::CommunityMember => "community_member",
        }
    }

    pub fn from_code(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == code)
    }

    pub fn label(self) -> T {
        match self {
            Role::PlatformAdmin => T::RolePlatformAdmin,
            Role::EnteAdmin => T::RoleEnteAdmin,
            Role::EnteOperator => T::RoleEnteOperator,
            Role::SocialMedia => T::RoleSocialMedia,
            Role::PressOffice => T::RolePressOffice,
            Role::Urp => T::RoleUrp,
            Role::CommunityTutor => T::RoleCommunityTutor,
            Role::CommunityMember => T::RoleCommunityMember,
        }
    }

    /// The kind of scope this role is held in.
    pub fn scope_kind(self) -> ScopeKind {
        match self {
            Role::PlatformAdmin => ScopeKind::Platform,
            Role::EnteAdmin
            | Role::EnteOperator
            | Role::SocialMedia
            | Role::PressOffice
            | Role::Urp => ScopeKind::Ente,
            Role::CommunityTutor | Role::CommunityMember => ScopeKind::Community,
        }
    }

    /// The roles that are held in scopes of this kind.
    pub fn of_kind(kind: ScopeKind) -> impl Iterator<Item = Role> {
        Role::ALL
            .into_iter()
            .filter(move |r| r.scope_kind() == kind)
    }
}

impl TryFrom<String> for Role {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Role::from_code(&s).ok_or(s)
    }
}

/// Where a role holds. Communities name the ente that runs them, if any, because that
/// ente's administrators may appoint their tutors.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Scope {
    Platform,
    Ente(EnteId),
    Community {
        id: CommunityId,
        ente: Option<EnteId>,
    },
}

impl Scope {
    pub fn kind(self) -> ScopeKind {
        match self {
            Scope::Platform => ScopeKind::Platform,
            Scope::Ente(_) => ScopeKind::Ente,
            Scope::Community { .. } => ScopeKind::Community,
        }
    }

    /// The ente and community columns of a role grant or invitation.
    pub fn columns(self) -> (Option<EnteId>, Option<CommunityId>) {
        match self {
            Scope::Platform => (None, None),
            Scope::Ente(id) => (Some(id), None),
            Scope::Community { id, .. } => (None, Some(id)),
        }
    }

    /// Whether `self` (held by someone) covers `other` (what they act on). A community
    /// is the same community whatever is known of its ente.
    fn covers(self, other: Scope) -> bool {
        match (self, other) {
            (Scope::Platform, _) => true,
            (Scope::Ente(a), Scope::Ente(b)) => a == b,
            (Scope::Community { id: a, .. }, Scope::Community { id: b, .. }) => a == b,
            _ => false,
        }
    }
}

/// One role held in one scope.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Grant {
    pub role: Role,
    pub scope: Scope,
}

/// The signed-in person, as every check and every view sees them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Actor {
    pub account_id: AccountId,
    pub email: String,
    pub name: String,
    /// Whether they proved they own their email address (a citizen, for participation).
    pub verified: bool,
    pub grants: Vec<Grant>,
    /// Silences and suspensions in force in communities (tutors' decisions).
    #[serde(default)]
    pub restrictions: Vec<Restriction>,
}

/// What a tutor's restriction stops, while it lasts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RestrictionKind {
    /// Reads, but cannot write (post, reply, react, flag).
    Silence,
    /// Cannot enter the community's reserved area at all.
    Suspension,
}

/// A restriction in force in one community.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Restriction {
    pub community: CommunityId,
    pub kind: RestrictionKind,
}

impl Actor {
    /// Whether they hold `role` in a scope that covers `scope`.
    pub fn holds(&self, role: Role, scope: Scope) -> bool {
        self.grants
            .iter()
            .any(|g| g.role == role && g.scope.covers(scope))
    }

    /// Whether a restriction of `kind` is in force on them in `community`.
    pub fn restricted(&self, community: CommunityId, kind: RestrictionKind) -> bool {
        self.restrictions
            .iter()
            .any(|r| r.community == community && r.kind == kind)
    }

    pub fn is_platform_admin(&self) -> bool {
        self.holds(Role::PlatformAdmin, Scope::Platform)
    }

    /// Any ente role in this ente (admin or operator of any kind).
    pub fn works_for(&self, ente: EnteId) -> bool {
        self.grants
            .iter()
            .any(|g| g.role.scope_kind() == ScopeKind::Ente && g.scope == Scope::Ente(ente))
    }

    /// The name to show: the display name, or the email when there is none.
    pub fn label(&self) -> &str {
        if self.name.trim().is_empty() {
            &self.email
        } else {
            &self.name
        }
    }
}
