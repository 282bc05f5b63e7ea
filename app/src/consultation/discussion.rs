//! Texts put to discussion with a consultation (collaborative drafting, like a draft
//! regulation): the operator's text split in paragraphs, participants' comments on a
//! paragraph, their support, the operators' answers (accepted or rejected, with the
//! reason) and moderation (reports, hiding with a reason).

use crate::i18n::T;
use crate::text::Bounded;
use serde::{Deserialize, Serialize};

/// At most this many paragraphs in a text…
pub const MAX_PARAGRAPHS: usize = 300;
/// …of at most this many characters each.
pub const MAX_PARAGRAPH_CHARS: usize = 10_000;
/// A comment's length, in characters.
pub const COMMENT_MIN_CHARS: usize = 3;
pub const COMMENT_MAX_CHARS: usize = 3_000;
/// The length of an operator's answer, a hiding reason, a report's note.
pub const REPLY_MAX_CHARS: usize = 3_000;

/// A paragraph (or article) of the text: its heading may be empty.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paragraph {
    pub heading: String,
    pub body: String,
}

/// Splits an operator's text into paragraphs: blank lines separate them, and a line
/// starting with `#` is the heading of the paragraph that follows it ("# Art. 1 –
/// Finalità"). An empty text has no paragraphs (no discussion).
pub fn parse_text(text: &str) -> Result<Vec<Paragraph>, T> {
    let text = text.replace("\r\n", "\n");
    let mut out = Vec::new();
    let mut heading: Option<String> = None;
    for block in text.split("\n\n").map(str::trim).filter(|b| !b.is_empty()) {
        let (first, rest) = block.split_once('\n').unwrap_or((block, ""));
        let body = if let Some(h) = first.strip_prefix('#') {
            if heading.is_some() {
                return Err(T::DiscussionHeadingWithoutText);
            }
            heading = Some(h.trim_start_matches('#').trim().to_string());
            rest.trim()
        } else {
            block
        };
        if body.is_empty() {
            continue;
        }
        Bounded::<0, MAX_PARAGRAPH_CHARS>::parse(body)
            .map_err(|_| T::DiscussionParagraphTooLong)?;
        out.push(Paragraph {
            heading: heading.take().unwrap_or_default(),
            body: body.to_string(),
        });
    }
    if heading.is_some() {
        return Err(T::DiscussionHeadingWithoutText);
    }
    if out.len() > MAX_PARAGRAPHS {
        return Err(T::DiscussionTooManyParagraphs);
    }
    Ok(out)
}

/// The text back from its paragraphs, as the operator typed it.
pub fn text_of(paragraphs: &[Paragraph]) -> String {
    paragraphs
        .iter()
        .map(|p| {
            if p.heading.is_empty() {
                p.body.clone()
            } else {
                format!("# {}\n{}", p.heading, p.body)
            }
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Where the operators' answer to a comment stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CommentStatus {
    /// Not answered yet (or answered without a decision).
    Open,
    Accepted,
    Rejected,
}

impl CommentStatus {
    pub const ALL: [CommentStatus; 3] = [
        CommentStatus::Open,
        CommentStatus::Accepted,
        CommentStatus::Rejected,
    ];

    pub fn code(self) -> &'static str {
        match self {
            CommentStatus::Open => "open",
            CommentStatus::Accepted => "accepted",
            CommentStatus::Rejected => "rejected",
        }
    }

    pub fn from_code(code: &str) -> Option<CommentStatus> {
        CommentStatus::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label(self) -> T {
        match self {
            CommentStatus::Open => T::DiscussionStatusOpen,
            CommentStatus::Accepted => T::DiscussionStatusAccepted,
            CommentStatus::Rejected => T::DiscussionStatusRejected,
        }
    }
}

impl TryFrom<String> for CommentStatus {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        CommentStatus::from_code(&s).ok_or(s)
    }
}

/// Why someone reports a comment to the moderators.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReportReason {
    Spam,
    Offensive,
    OffTopic,
    Other,
}

impl ReportReason {
    pub const ALL: [ReportReason; 4] = [
        ReportReason::Spam,
        ReportReason::Offensive,
        ReportReason::OffTopic,
        ReportReason::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ReportReason::Spam => "spam",
            ReportReason::Offensive => "offensive",
            ReportReason::OffTopic => "off_topic",
            ReportReason::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<ReportReason> {
        ReportReason::ALL.into_iter().find(|r| r.code() == code)
    }

    pub fn label(self) -> T {
        match self {
            ReportReason::Spam => T::DiscussionReportSpam,
            ReportReason::Offensive => T::DiscussionReportOffensive,
            ReportReason::OffTopic => T::DiscussionReportOffTopic,
            ReportReason::Other => T::DiscussionReportOther,
        }
    }
}

/// A comment as a page shows it. A hidden comment reaches the public without its
/// author and text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CommentView {
    pub id: i64,
    pub author: String,
    pub at: String,
    pub body: String,
    pub supports: i64,
    /// The reader supports it.
    pub supported: bool,
    /// The reader wrote it.
    pub mine: bool,
    /// The reader reported it.
    pub reported: bool,
    pub status: CommentStatus,
    pub reply: String,
    pub replied_at: String,
    pub hidden: bool,
    pub hidden_reason: String,
    /// Reports received (operators only; 0 for the public).
    pub reports: i64,
    /// The reasons given, with how many times (operators only).
    pub report_reasons: Vec<(ReportReason, i64)>,
}

/// A paragraph and its comments, oldest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ParagraphView {
    pub id: i64,
    pub position: i64,
    pub heading: String,
    pub body: String,
    pub comments: Vec<CommentView>,
}

/// Whether the reader may comment, and if not why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum DiscussionState {
    Open,
    SignIn,
    Verify,
    Refused(T),
    /// The consultation is not open.
    Closed,
}

/// The operators' view of a discussion: the text as typed, whether it can still
/// change, the paragraphs with every comment (hidden ones too) and their reports.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Moderation {
    pub text: String,
    /// Someone has commented: the text is fixed.
    pub locked: bool,
    pub paragraphs: Vec<ParagraphView>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_split_into_paragraphs_with_headings() {
        let text = "# Art. 1 – Finalità\nIl Comune promuove…\n\nSecondo comma.\r\n\r\n# Art. 2\n\nDefinizioni.";
        let ps = parse_text(text).unwrap();
        assert_eq!(
            ps,
            vec![
                Paragraph {
                    heading: "Art. 1 – Finalità".into(),
                    body: "Il Comune promuove…".into()
                },
                Paragraph {
                    heading: String::new(),
                    body: "Secondo comma.".into()
                },
                Paragraph {
                    heading: "Art. 2".into(),
                    body: "Definizioni.".into()
                },
            ]
        );
        assert_eq!(parse_text(&text_of(&ps)).unwrap(), ps);
        assert_eq!(parse_text("  \n\n ").unwrap(), vec![]);
    }

    #[test]
    fn bad_texts_are_refused() {
        assert_eq!(
            parse_text("Testo\n\n# Titolo senza testo"),
            Err(T::DiscussionHeadingWithoutText)
        );
        assert_eq!(
            parse_text("# Uno\n\n# Due\nTesto"),
            Err(T::DiscussionHeadingWithoutText)
        );
        assert_eq!(
            parse_text(&"x".repeat(MAX_PARAGRAPH_CHARS + 1)),
            Err(T::DiscussionParagraphTooLong)
        );
        assert_eq!(
            parse_text(&vec!["p"; MAX_PARAGRAPHS + 1].join("\n\n")),
            Err(T::DiscussionTooManyParagraphs)
        );
        for s in CommentStatus::ALL {
            assert_eq!(CommentStatus::from_code(s.code()), Some(s));
        }
        for r in ReportReason::ALL {
            assert_eq!(ReportReason::from_code(r.code()), Some(r));
        }
    }
}
