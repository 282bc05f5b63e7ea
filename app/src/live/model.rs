//! Topics, kinds and the message a browser receives (shared by browser and server).

use crate::ids::{AccountId, CommunityId, EnteId};
use serde::{Deserialize, Serialize};

/// Where an event is heard: one account, a community's moderation queue, the answers
/// of a consultation, an ente's editorial plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Topic {
    Account(AccountId),
    Moderation(CommunityId),
    Results(i64),
    Plan(EnteId),
    /// An ente's newsletter issues being sent.
    Newsletter(EnteId),
}

impl Topic {
    /// The topic as stored and as browsers name it, e.g. `moderation:3`.
    pub fn key(self) -> String {
        let (name, id) = match self {
            Topic::Account(id) => ("account", id.get()),
            Topic::Moderation(id) => ("moderation", id.get()),
            Topic::Results(id) => ("results", id),
            Topic::Plan(id) => ("plan", id.get()),
            Topic::Newsletter(id) => ("newsletter", id.get()),
        };
        format!("{name}:{id}")
    }

    pub fn parse(key: &str) -> Option<Topic> {
        let (name, id) = key.split_once(':')?;
        if id.is_empty() || id.len() > 18 || !id.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let id: i64 = id.parse().ok()?;
        match name {
            "account" => Some(Topic::Account(AccountId(id))),
            "moderation" => Some(Topic::Moderation(CommunityId(id))),
            "results" => Some(Topic::Results(id)),
            "plan" => Some(Topic::Plan(EnteId(id))),
            "newsletter" => Some(Topic::Newsletter(EnteId(id))),
            _ => None,
        }
    }
}

/// What a browser asks to hear: its own account (`me`: nobody names another's), or
/// a topic that the policy then decides on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wanted {
    Me,
    Topic(Topic),
}

impl Wanted {
    pub fn parse(key: &str) -> Option<Wanted> {
        match key {
            ME => Some(Wanted::Me),
            _ => match Topic::parse(key)? {
                Topic::Account(_) => None,
                topic => Some(Wanted::Topic(topic)),
            },
        }
    }
}

/// The key of one's own account's topic, as browsers ask for it.
pub const ME: &str = "me";

/// At most this many topics in one subscription.
pub const MAX_TOPICS: usize = 8;

/// The kinds of events.
pub mod kind {
    /// A notification was added (subject: its id).
    pub const NOTIFICATION: &str = "notification";
    /// Notifications were marked read (subject: the account).
    pub const READ: &str = "read";
    /// The moderation queue changed (subject: the post).
    pub const QUEUE: &str = "queue";
    /// An answer arrived (subject: the consultation).
    pub const ANSWER: &str = "answer";
    /// An item of the editorial plan moved in its review (subject: the item).
    pub const REVIEW: &str = "review";
    /// An issue's mails went out (subject: the issue).
    pub const PROGRESS: &str = "progress";
    /// Too much was missed to replay: read the whole state again.
    pub const RESET: &str = "reset";
}

/// One event as a browser receives it: the topic by the key it asked with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveMessage {
    pub topic: String,
    pub kind: String,
    pub subject: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_go_both_ways_and_strangers_are_refused() {
        for t in [
            Topic::Account(AccountId(1)),
            Topic::Moderation(CommunityId(22)),
            Topic::Results(333),
            Topic::Plan(EnteId(4)),
            Topic::Newsletter(EnteId(5)),
        ] {
            assert_eq!(Topic::parse(&t.key()), Some(t));
        }
        for bad in [
            "",
            "account",
            "account:",
            "account:-1",
            "forum:1",
            "results:1e3",
            "results: 1",
            "plan:99999999999999999999",
        ] {
            assert_eq!(Topic::parse(bad), None, "{bad}");
        }
        // Browsers name their own account only as `me`.
        assert_eq!(Wanted::parse("me"), Some(Wanted::Me));
        assert_eq!(Wanted::parse("account:1"), None);
        assert_eq!(
            Wanted::parse("results:5"),
            Some(Wanted::Topic(Topic::Results(5)))
        );
    }
}
