//! What a search finds, and how a query typed by a person becomes search terms.

use crate::i18n::T;
use serde::{Deserialize, Serialize};

/// What kind of thing a result is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DocKind {
    News,
    Event,
    Place,
    /// A service card, a unit of the administration (organ, area, office), a person.
    Service,
    Unit,
    Person,
    /// A post in a community's forum (found only by the forum's search).
    ForumPost,
}

impl DocKind {
    pub const ALL: [DocKind; 6] = [
        DocKind::News,
        DocKind::Event,
        DocKind::Place,
        DocKind::Service,
        DocKind::Unit,
        DocKind::Person,
    ];

    pub fn code(self) -> &'static str {
        match self {
            DocKind::News => "news",
            DocKind::Event => "event",
            DocKind::Place => "place",
            DocKind::Service => "service",
            DocKind::Unit => "unit",
            DocKind::Person => "person",
            DocKind::ForumPost => "forum_post",
        }
    }

    pub fn label(self) -> T {
        match self {
            DocKind::News => T::SearchKindNews,
            DocKind::Event => T::SearchKindEvent,
            DocKind::Place => T::SearchKindPlace,
            DocKind::Service => T::SearchKindService,
            DocKind::Unit => T::SearchKindUnit,
            DocKind::Person => T::SearchKindPerson,
            DocKind::ForumPost => T::SearchKindForumPost,
        }
    }
}

impl TryFrom<String> for DocKind {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        DocKind::ALL
            .into_iter()
            .chain([DocKind::ForumPost])
            .find(|k| k.code() == s)
            .ok_or(s)
    }
}

/// One result.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Hit {
    #[cfg_attr(feature = "ssr", sqlx(try_from = "String"))]
    pub kind: DocKind,
    pub title: String,
    pub url: String,
    pub excerpt: String,
}

/// The words of a query: letters and digits only (anything else separates words),
/// lowercased, at most eight, each of one character or more. Operators of either
/// search engine therefore never reach it.
pub fn terms(query: &str) -> Vec<String> {
    query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .take(8)
        .collect()
}

/// The FTS5 query: every word as a quoted prefix, all required.
pub fn fts5_query(terms: &[String]) -> String {
    terms
        .iter()
        .map(|t| format!("\"{t}\"*"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The PostgreSQL `to_tsquery` text: every word as a prefix, all required.
pub fn tsquery(terms: &[String]) -> String {
    terms
        .iter()
        .map(|t| format!("{t}:*"))
        .collect::<Vec<_>>()
        .join(" & ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_queries_become_plain_words() {
        let t = terms("Viabilità  \"OR\" NEAR(x y) -- ' ; DROP:* &|!");
        assert_eq!(t, ["viabilità", "or", "near", "x", "y", "drop"]);
        assert_eq!(fts5_query(&t[..2]), "\"viabilità\"* \"or\"*");
        assert_eq!(tsquery(&t[..2]), "viabilità:* & or:*");
        assert!(terms("   ...  ").is_empty());
        assert_eq!(terms(&"parola ".repeat(20)).len(), 8);
    }
}
