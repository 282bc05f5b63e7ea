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
    /// A free page of the site.
    Page,
    /// A post in a community's forum (found only by the forum's search).
    ForumPost,
}

impl DocKind {
    pub const ALL: [DocKind; 7] = [
        DocKind::News,
        DocKind::Event,
        DocKind::Place,
        DocKind::Service,
        DocKind::Unit,
        DocKind::Person,
        DocKind::Page,
    ];

    pub fn code(self) -> &'static str {
        match self {
            DocKind::News => "news",
            DocKind::Event => "event",
            DocKind::Place => "place",
            DocKind::Service => "service",
            DocKind::Unit => "unit",
            DocKind::Person => "person",
            DocKind::Page => "page",
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
            DocKind::Page => T::SearchKindPage,
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

/// Where a matched word starts and ends in an excerpt (two characters of Unicode's
/// private use area, which the engines put around what matched).
pub const MARK_START: char = '\u{E000}';
pub const MARK_END: char = '\u{E001}';

/// An excerpt in pieces: (whether the piece matched the query, its text).
pub fn marked(excerpt: &str) -> Vec<(bool, String)> {
    let mut out = Vec::new();
    let mut piece = String::new();
    let mut inside = false;
    for c in excerpt.chars() {
        if c == MARK_START || c == MARK_END {
            if !piece.is_empty() {
                out.push((inside, std::mem::take(&mut piece)));
            }
            inside = c == MARK_START;
        } else {
            piece.push(c);
        }
    }
    if !piece.is_empty() {
        out.push((inside, piece));
    }
    out
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
    fn an_excerpt_comes_in_matched_and_plain_pieces() {
        let text = format!("Lavori in via {MARK_START}Mazzini{MARK_END} da lunedì");
        assert_eq!(
            marked(&text),
            vec![
                (false, "Lavori in via ".to_string()),
                (true, "Mazzini".to_string()),
                (false, " da lunedì".to_string()),
            ]
        );
        assert_eq!(marked("niente"), vec![(false, "niente".to_string())]);
        // A stray end mark marks nothing.
        assert_eq!(
            marked(&format!("a{MARK_END}b")),
            vec![(false, "a".to_string()), (false, "b".to_string())]
        );
    }

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
