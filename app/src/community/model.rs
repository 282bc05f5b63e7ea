//! Communities as the interface sees them: the directory, the creation form, the
//! members with their profiles, requests to join, the settings.

use crate::i18n::T;
use crate::ids::{AccountId, CommunityId, EnteId};
use crate::upload::model::FileView;
use serde::{Deserialize, Serialize};

/// The longest name of a community.
pub const NAME_MAX_CHARS: usize = 80;
/// The longest description.
pub const DESCRIPTION_MAX_CHARS: usize = 600;
/// The longest message with a request to join, or reason for declining it.
pub const MESSAGE_MAX_CHARS: usize = 500;
/// Path segments under `/comunita/` that cannot name a community.
pub const RESERVED: [&str; 1] = ["nuova"];

/// How many open flags hide a post until a tutor reviews it is each community's
/// setting (`community.flag_threshold`, 3 unless its tutors change it), in this range.
pub const FLAG_THRESHOLD_RANGE: std::ops::RangeInclusive<i64> = 1..=10;
/// How many of a new member's posts tutors may choose to approve first.
pub const APPROVE_FIRST_POSTS: std::ops::RangeInclusive<i64> = 0..=5;

/// The community a page of its reserved area is in, and what the reader may do
/// there: the frame of every community page (forum, files, blog, members…).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CommunityBar {
    pub slug: String,
    pub name: String,
    pub may_post: bool,
    pub may_moderate: bool,
    /// The reader is silenced here (reads, cannot write).
    pub silenced: bool,
    /// Posts waiting for a tutor's review (for tutors).
    pub queue: i64,
    /// Other communities the reader belongs to: (slug, name).
    pub switcher: Vec<(String, String)>,
}

/// Who can ask to join.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Visibility {
    /// Anyone signed in may ask; tutors approve.
    Open,
    /// Only people a tutor invites.
    Invitation,
}

impl Visibility {
    pub const ALL: [Visibility; 2] = [Visibility::Open, Visibility::Invitation];

    pub fn code(self) -> &'static str {
        match self {
            Visibility::Open => "open",
            Visibility::Invitation => "invitation",
        }
    }

    pub fn from_code(code: &str) -> Option<Visibility> {
        Visibility::ALL.into_iter().find(|v| v.code() == code)
    }

    pub fn label(self) -> T {
        match self {
            Visibility::Open => T::CommunityVisibilityOpen,
            Visibility::Invitation => T::CommunityVisibilityInvitation,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct CommunityRef {
    pub id: CommunityId,
    pub slug: String,
    pub name: String,
    pub description: String,
    pub ente_id: Option<EnteId>,
}

/// A community in the directory.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CommunityCard {
    pub slug: String,
    pub name: String,
    pub description: String,
    pub visibility: Visibility,
    /// The ente that runs it, if any.
    pub ente: Option<String>,
    pub members: i64,
    pub cover: Option<FileView>,
    /// The reader belongs to it.
    pub mine: bool,
    /// The reader asked to join and waits for a tutor.
    pub requested: bool,
}

/// `/comunita`: the communities someone belongs to, and those open to requests.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Directory {
    pub mine: Vec<CommunityCard>,
    pub open: Vec<CommunityCard>,
    pub may_create: bool,
    /// The reader may ask to join (a verified address).
    pub may_ask: bool,
}

/// The choices of the creation form: who may run the new community, (slug, name);
/// an empty slug is a community of the platform, not run by an ente.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NewCommunityChoices {
    pub runners: Vec<(String, String)>,
}

/// A member as fellow members see them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MemberProfile {
    pub account_id: AccountId,
    pub name: String,
    /// What `@` mentions use.
    pub handle: String,
    pub job_title: String,
    pub ente: Option<String>,
    pub skills: Vec<String>,
    pub tutor: bool,
    /// A tutor let them write on the blog.
    pub blog_author: bool,
    pub since: String,
}

/// A request to join, as tutors review it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JoinRequest {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub job_title: String,
    pub ente: Option<String>,
    pub message: String,
    pub at: String,
}

/// `/comunita/{slug}/membri`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MembersPage {
    pub bar: CommunityBar,
    pub members: Vec<MemberProfile>,
    /// Pending requests (tutors only; empty for others).
    pub requests: Vec<JoinRequest>,
    pub may_invite: bool,
}

/// `/comunita/{slug}/impostazioni`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    pub bar: CommunityBar,
    pub name: String,
    pub description: String,
    pub visibility: Visibility,
    pub flag_threshold: i64,
    /// How many of a new member's posts tutors approve first (0: none).
    pub approve_first_posts: i64,
    pub cover: Option<FileView>,
}

/// A decision on a request to join.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RequestDecision {
    Approve,
    Decline,
}

impl RequestDecision {
    pub fn from_code(code: &str) -> Option<RequestDecision> {
        match code {
            "approve" => Some(RequestDecision::Approve),
            "decline" => Some(RequestDecision::Decline),
            _ => None,
        }
    }
}

/// The scope the policy judges a community in.
pub fn scope_of(c: &CommunityRef) -> crate::auth::model::Scope {
    crate::auth::model::Scope::Community {
        id: c.id,
        ente: c.ente_id,
    }
}

/// The path of a community's page.
pub fn community_path(slug: &str, page: &str) -> String {
    if page.is_empty() {
        format!("/comunita/{slug}")
    } else {
        format!("/comunita/{slug}/{page}")
    }
}

/// Someone in a community.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct CommunityPerson {
    pub name: String,
    pub role: String,
    /// The ente they work for, if any.
    pub ente: Option<String>,
}
