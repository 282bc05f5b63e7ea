//! Communities as the interface sees them: the directory, the creation form, the
//! members with their profiles, requests to join, the settings.

use crate::forum::model::ForumBar;
use crate::i18n::T;
use crate::upload::model::FileView;
use serde::{Deserialize, Serialize};

/// The longest name of a community.
pub const NAME_MAX_CHARS: usize = 80;
/// The longest description.
pub const DESCRIPTION_MAX_CHARS: usize = 600;
/// The longest message with a request to join, or reason for declining it.
pub const MESSAGE_MAX_CHARS: usize = 500;
/// The longest job title of a profile.
pub const JOB_TITLE_MAX_CHARS: usize = 80;
/// Skills on a profile: how many, and how long each.
pub const SKILLS_MAX: usize = 10;
pub const SKILL_MAX_CHARS: usize = 40;
/// Path segments under `/comunita/` that cannot name a community.
pub const RESERVED: [&str; 1] = ["nuova"];

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
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub description: String,
    pub ente_id: Option<i64>,
}

/// Skills as typed ("social media, accessibilità , ,PEC"): trimmed, without empty or
/// repeated items. Too many or too long is refused.
pub fn parse_skills(text: &str) -> Result<Vec<String>, T> {
    let mut out: Vec<String> = Vec::new();
    for item in text.split([',', ';', '\n']) {
        let item = item.split_whitespace().collect::<Vec<_>>().join(" ");
        if item.is_empty() || out.iter().any(|s| s.to_lowercase() == item.to_lowercase()) {
            continue;
        }
        if item.chars().count() > SKILL_MAX_CHARS {
            return Err(T::CommunitySkillTooLong);
        }
        out.push(item);
    }
    if out.len() > SKILLS_MAX {
        return Err(T::CommunityTooManySkills);
    }
    Ok(out)
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
    pub account_id: i64,
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
    pub bar: ForumBar,
    pub members: Vec<MemberProfile>,
    /// Pending requests (tutors only; empty for others).
    pub requests: Vec<JoinRequest>,
    pub may_invite: bool,
}

/// `/comunita/{slug}/impostazioni`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    pub bar: ForumBar,
    pub name: String,
    pub description: String,
    pub visibility: Visibility,
    pub flag_threshold: i64,
    /// How many of a new member's posts tutors approve first (0: none).
    pub approve_first_posts: i64,
    pub cover: Option<FileView>,
}

/// A thread nobody answered yet.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Waiting {
    pub id: i64,
    pub title: String,
    pub author: String,
    pub since: String,
    pub days: i64,
}

/// A member at risk of dropping out: silent for a month, or never started.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AtRisk {
    pub name: String,
    /// The day of their last post; None if they never wrote.
    pub last_active: Option<String>,
    pub posts: i64,
}

/// `/comunita/{slug}/salute`: the community's health, for tutors.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Health {
    pub bar: ForumBar,
    pub members: i64,
    /// Per week, oldest first.
    pub active: Vec<crate::components::chart::Bar>,
    pub threads: Vec<crate::components::chart::Bar>,
    pub replies: Vec<crate::components::chart::Bar>,
    /// Median hours to the first reply of the threads started that week.
    pub first_reply: Vec<crate::components::chart::Bar>,
    pub unanswered: Vec<Waiting>,
    pub at_risk: Vec<AtRisk>,
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

/// The path of a community's page.
pub fn community_path(slug: &str, page: &str) -> String {
    if page.is_empty() {
        format!("/comunita/{slug}")
    } else {
        format!("/comunita/{slug}/{page}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skills_are_cleaned_and_limited() {
        assert_eq!(
            parse_skills(" social media, accessibilità ,, PEC; Social  Media"),
            Ok(vec![
                "social media".to_string(),
                "accessibilità".to_string(),
                "PEC".to_string()
            ])
        );
        assert_eq!(parse_skills(""), Ok(vec![]));
        assert_eq!(parse_skills(&"x".repeat(41)), Err(T::CommunitySkillTooLong));
        let many = (0..11)
            .map(|i| format!("s{i}"))
            .collect::<Vec<_>>()
            .join(",");
        assert_eq!(parse_skills(&many), Err(T::CommunityTooManySkills));
    }
}
