//! The forum as the interface sees it: categories, threads, posts, flags and the
//! moderation queue. Shared by browser and server.

use crate::community::model::CommunityBar;
use crate::i18n::T;
use crate::ids::{AccountId, CommunityId};
use crate::paging::Paged;
use serde::{Deserialize, Serialize};

pub const TITLE_MIN_CHARS: usize = 5;
pub const TITLE_MAX_CHARS: usize = 150;
pub const BODY_MIN_CHARS: usize = 2;
pub const BODY_MAX_CHARS: usize = 20_000;
pub const NAME_MAX_CHARS: usize = 80;
pub const REASON_MAX_CHARS: usize = 500;
/// Posts on one page of a thread.
pub const POSTS_PER_PAGE: i64 = 20;
/// Threads on one page of a category.
pub const THREADS_PER_PAGE: i64 = 25;
/// The longest silence or suspension a tutor can give, in days.
pub const RESTRICTION_MAX_DAYS: i64 = 365;

/// Whether a post is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PostState {
    Visible,
    /// Hidden by members' flags until a tutor reviews it.
    Pending,
    /// Hidden by a tutor, with the reason shown in its place.
    Hidden,
}

impl PostState {
    pub fn code(self) -> &'static str {
        match self {
            PostState::Visible => "visible",
            PostState::Pending => "pending",
            PostState::Hidden => "hidden",
        }
    }

    pub fn from_code(code: &str) -> Option<PostState> {
        [PostState::Visible, PostState::Pending, PostState::Hidden]
            .into_iter()
            .find(|s| s.code() == code)
    }
}

impl TryFrom<String> for PostState {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        PostState::from_code(&s).ok_or(s)
    }
}

/// A reaction to a post.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ReactionKind {
    Like,
    Thanks,
    Insightful,
}

impl ReactionKind {
    pub const ALL: [ReactionKind; 3] = [
        ReactionKind::Like,
        ReactionKind::Thanks,
        ReactionKind::Insightful,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ReactionKind::Like => "like",
            ReactionKind::Thanks => "thanks",
            ReactionKind::Insightful => "insightful",
        }
    }

    pub fn from_code(code: &str) -> Option<ReactionKind> {
        ReactionKind::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn label(self) -> T {
        match self {
            ReactionKind::Like => T::ForumReactLike,
            ReactionKind::Thanks => T::ForumReactThanks,
            ReactionKind::Insightful => T::ForumReactInsightful,
        }
    }
}

/// Why a member flags a post.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum FlagReason {
    Spam,
    OffTopic,
    Inappropriate,
    /// Says why in a note.
    Other,
}

impl FlagReason {
    pub const ALL: [FlagReason; 4] = [
        FlagReason::Spam,
        FlagReason::OffTopic,
        FlagReason::Inappropriate,
        FlagReason::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            FlagReason::Spam => "spam",
            FlagReason::OffTopic => "off_topic",
            FlagReason::Inappropriate => "inappropriate",
            FlagReason::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<FlagReason> {
        FlagReason::ALL.into_iter().find(|r| r.code() == code)
    }

    pub fn label(self) -> T {
        match self {
            FlagReason::Spam => T::ForumFlagSpam,
            FlagReason::OffTopic => T::ForumFlagOffTopic,
            FlagReason::Inappropriate => T::ForumFlagInappropriate,
            FlagReason::Other => T::ForumFlagOther,
        }
    }
}

/// A tutor's decision about a member.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RestrictionChoice {
    Warning,
    Silence,
    Suspension,
}

impl RestrictionChoice {
    pub const ALL: [RestrictionChoice; 3] = [
        RestrictionChoice::Warning,
        RestrictionChoice::Silence,
        RestrictionChoice::Suspension,
    ];

    pub fn code(self) -> &'static str {
        match self {
            RestrictionChoice::Warning => "warning",
            RestrictionChoice::Silence => "silence",
            RestrictionChoice::Suspension => "suspension",
        }
    }

    pub fn from_code(code: &str) -> Option<RestrictionChoice> {
        RestrictionChoice::ALL
            .into_iter()
            .find(|r| r.code() == code)
    }

    pub fn label(self) -> T {
        match self {
            RestrictionChoice::Warning => T::ForumRestrictWarning,
            RestrictionChoice::Silence => T::ForumRestrictSilence,
            RestrictionChoice::Suspension => T::ForumRestrictSuspension,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct CategoryView {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub description: String,
    pub threads: i64,
    pub posts: i64,
    pub watched: bool,
}

/// A thread in a list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ThreadSummary {
    pub id: i64,
    pub title: String,
    pub category_slug: String,
    pub category_name: String,
    pub author: String,
    pub started: String,
    pub last_post: String,
    pub replies: i64,
    /// Posts the reader has not seen (all of them when never opened).
    pub unread: i64,
    /// The reader never opened it.
    pub is_new: bool,
    pub pinned: bool,
    pub locked: bool,
    pub solved: bool,
}

/// `/comunita/{slug}/forum`
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ForumIndex {
    pub bar: CommunityBar,
    pub categories: Vec<CategoryView>,
    pub latest: Vec<ThreadSummary>,
}

/// `/comunita/{slug}/forum/{category}`
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CategoryPage {
    pub bar: CommunityBar,
    pub category: CategoryView,
    pub threads: Paged<ThreadSummary>,
    /// The reader's kept draft of a new thread: title and text.
    pub draft_title: String,
    pub draft_body: String,
    /// How many threads the reader has started here (see `forum/save-draft`).
    pub started: i64,
}

/// One post as the reader sees it. Hidden and pending posts come without their
/// text to whoever may not moderate (and, pending, is not their author).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PostView {
    pub id: i64,
    pub number: i64,
    pub author: String,
    /// What to type after `@` to mention the author (empty for an erased account).
    pub handle: String,
    pub at: String,
    /// Sanitized on the server when the post was written.
    pub html: String,
    /// The Markdown as written, for tutors' edits (empty for others).
    pub source: String,
    pub state: PostState,
    /// Pending because its author is new: waits for a tutor's approval.
    pub held: bool,
    pub hidden_reason: String,
    pub edit_note: String,
    pub edited: bool,
    /// (kind, how many, whether the reader gave it)
    pub reactions: Vec<(ReactionKind, i64, bool)>,
    pub mine: bool,
    pub flagged: bool,
    /// Open flags (for tutors only; 0 for others).
    pub flags: i64,
    pub solution: bool,
    /// Files attached to the post (for those who see its text).
    pub attachments: Vec<crate::upload::model::FileView>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ThreadInfo {
    pub id: i64,
    pub title: String,
    pub category_slug: String,
    pub category_name: String,
    pub pinned: bool,
    pub locked: bool,
    pub solved: bool,
    pub watching: bool,
    /// The reader started it (and may mark the answer that solved it).
    pub mine: bool,
    /// Where its posts went, when tutors merged it into another thread: (id, title).
    pub merged_into: Option<(i64, String)>,
}

/// `/comunita/{slug}/forum/t/{id}`
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ThreadPage {
    pub bar: CommunityBar,
    pub thread: ThreadInfo,
    pub posts: Paged<PostView>,
    /// The reply box's text: a quote when the page was opened to quote a post,
    /// otherwise the reader's kept draft.
    pub draft: String,
    /// Categories a tutor may move the thread to: (id, name).
    pub categories: Vec<(i64, String)>,
}

/// `/comunita/{slug}/forum/cerca`
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ForumSearch {
    pub bar: CommunityBar,
    pub query: String,
    pub hits: Paged<crate::search::model::Hit>,
}

/// A flag as tutors see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FlagView {
    pub reason: FlagReason,
    pub note: String,
    pub by: String,
    pub at: String,
}

/// A post waiting for a tutor, with its thread and the post it answered.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QueueItem {
    pub thread_id: i64,
    pub thread_title: String,
    pub post: PostView,
    pub flags: Vec<FlagView>,
    /// The post before it, as context (already sanitized HTML), if any.
    pub previous: Option<String>,
}

/// A member as tutors see them in the moderation page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MemberRow {
    pub account_id: AccountId,
    pub name: String,
    pub handle: String,
    pub posts: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RestrictionView {
    pub id: i64,
    pub name: String,
    pub kind: RestrictionChoice,
    pub reason: String,
    pub at: String,
    /// Empty for a warning.
    pub until: String,
    pub in_force: bool,
}

/// `/comunita/{slug}/moderazione`
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ModerationQueue {
    /// The community's id (its live topic).
    pub community: CommunityId,
    pub bar: CommunityBar,
    pub items: Vec<QueueItem>,
    pub members: Vec<MemberRow>,
    pub restrictions: Vec<RestrictionView>,
}

/// The forum of a community.
pub fn forum_path(community: &str) -> String {
    format!("/comunita/{community}/forum")
}

/// The address of post `number` of a thread (on its page, at its anchor).
pub fn post_path(community: &str, thread: i64, number: i64) -> String {
    let page = (number - 1).max(0) / POSTS_PER_PAGE + 1;
    format!("/comunita/{community}/forum/t/{thread}?page={page}#post-{number}")
}

/// A post's Markdown as a quote to reply to: each line behind `> `, after a line
/// naming its author.
pub fn quote(author: &str, body: &str) -> String {
    let quoted: Vec<String> = body.lines().map(|l| format!("> {l}")).collect();
    format!("> **{author}:**\n{}\n\n", quoted.join("\n"))
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
    pub bar: CommunityBar,
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

/// Why a reply sent as a plain form was refused, as its redirect carries it back
/// (`?errore=corto`); a file's problems use the codes of `upload::model::PROBLEMS`.
pub const REPLY_PROBLEMS: [(&str, T); 6] = [
    ("titolo", T::ForumTitleTooShort),
    ("titolo-lungo", T::ForumTitleTooLong),
    ("corto", T::ForumBodyTooShort),
    ("troppo", T::ForumBodyTooLong),
    ("chiusa", T::ForumThreadLocked),
    ("troppi", T::FilesTooMany),
];

pub fn reply_problem(code: &str) -> Option<T> {
    REPLY_PROBLEMS
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, t)| *t)
        .or_else(|| crate::upload::model::problem_of(code))
}

pub fn reply_code(problem: T) -> &'static str {
    REPLY_PROBLEMS
        .iter()
        .find(|(_, t)| *t == problem)
        .map(|(c, _)| *c)
        .unwrap_or_else(|| crate::upload::model::problem_code(problem))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_keep_every_line() {
        assert_eq!(quote("Sara", "uno\ndue"), "> **Sara:**\n> uno\n> due\n\n");
    }

    #[test]
    fn codes_round_trip() {
        for r in FlagReason::ALL {
            assert_eq!(FlagReason::from_code(r.code()), Some(r));
        }
        for k in ReactionKind::ALL {
            assert_eq!(ReactionKind::from_code(k.code()), Some(k));
        }
        for c in RestrictionChoice::ALL {
            assert_eq!(RestrictionChoice::from_code(c.code()), Some(c));
        }
    }
}
