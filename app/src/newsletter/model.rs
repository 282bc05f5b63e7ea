//! Newsletters as pages see them: the lists, a subscriber's choices, the issues and
//! their statistics. Shared by browser and server.

use crate::ente::model::EnteFrame;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The version of the consent text a subscriber agrees to: kept with every consent
/// row, so that what each person accepted can be shown later. Change it whenever
/// the text (`T::NewsletterConsent`) or the privacy notice's newsletter part changes.
pub const NOTICE_VERSION: &str = "newsletter-2026-12";
/// How long a confirmation link works.
pub const CONFIRM_DAYS: i64 = 7;
/// Permanent failures (5xx) after which an address gets no more mail.
pub const BOUNCES_TO_SUPPRESS: i64 = 3;
/// The longest a list's name, and its description, may be.
pub const LIST_NAME_MAX: usize = 80;
pub const LIST_TEXT_MAX: usize = 300;
/// The most lists one ente may have.
pub const LISTS_MAX: i64 = 30;
/// The longest an issue's subject, and its free text (Markdown), may be.
pub const SUBJECT_MAX: usize = 150;
pub const INTRO_MAX: usize = 20_000;
/// The most content cards one issue may carry.
pub const ITEMS_MAX: usize = 20;

/// A list of an ente.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct NewsletterList {
    pub id: i64,
    pub name: String,
    pub description: String,
    /// The general list (everyone's first choice).
    pub is_general: bool,
    /// How many people receive it (confirmed, not suppressed): the desk only
    /// (`repo::lists_counted`); 0 elsewhere.
    pub subscribers: i64,
}

/// `/{ente}/newsletter`: the lists to choose from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SubscribePage {
    pub frame: EnteFrame,
    pub lists: Vec<NewsletterList>,
}

/// A list on someone's preferences page, and whether they receive it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Choice {
    pub list: NewsletterList,
    pub on: bool,
}

/// The preferences page reached from a mail (no sign-in: the link's token is the key).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Preferences {
    pub frame: EnteFrame,
    /// Shown half hidden (`s…@example.it`), since links are forwarded.
    pub email: String,
    pub choices: Vec<Choice>,
}

/// `/account/newsletter`: the lists a signed-in person receives, ente by ente.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mine {
    /// Only an address the account confirmed shows what it receives.
    pub verified: bool,
    pub enti: Vec<MyEnte>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyEnte {
    pub ente_name: String,
    /// The ente's preferences page, with this person's own link.
    pub preferences: String,
    /// The lists received now.
    pub lists: Vec<String>,
}

/// Where an issue is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum IssueState {
    Draft,
    Scheduled,
    Sending,
    Sent,
}

impl IssueState {
    pub const ALL: [IssueState; 4] = [
        IssueState::Draft,
        IssueState::Scheduled,
        IssueState::Sending,
        IssueState::Sent,
    ];

    pub fn code(self) -> &'static str {
        match self {
            IssueState::Draft => "draft",
            IssueState::Scheduled => "scheduled",
            IssueState::Sending => "sending",
            IssueState::Sent => "sent",
        }
    }

    pub fn from_code(code: &str) -> Option<IssueState> {
        IssueState::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label(self) -> crate::i18n::T {
        use crate::i18n::T;
        match self {
            IssueState::Draft => T::NewsletterStateDraft,
            IssueState::Scheduled => T::NewsletterStateScheduled,
            IssueState::Sending => T::NewsletterStateSending,
            IssueState::Sent => T::NewsletterStateSent,
        }
    }
}

/// What became of an issue's mails.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssueStats {
    /// Every recipient the issue was queued for.
    pub queued: i64,
    pub sent: i64,
    pub failed: i64,
    /// Not sent: the address had failed too often.
    pub suppressed: i64,
    /// People who left the list since the issue started (some before their mail).
    pub unsubscribed: i64,
}

impl IssueStats {
    /// How many are done (sent, failed or not sent), for the progress bar.
    pub fn done(&self) -> i64 {
        self.sent + self.failed + self.suppressed
    }

    /// Per cent done, 0 to 100.
    pub fn percent(&self) -> i64 {
        if self.queued == 0 {
            0
        } else {
            (self.done() * 100 / self.queued).clamp(0, 100)
        }
    }
}

/// An issue in the desk's list and on its own page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IssueSummary {
    pub id: i64,
    pub subject: String,
    pub list_name: String,
    pub state: IssueState,
    pub send_at: Option<DateTime<Utc>>,
    pub started_at: Option<DateTime<Utc>>,
    pub finished_at: Option<DateTime<Utc>>,
    pub stats: IssueStats,
}

/// A piece of the site an issue may carry as a card.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PickKind {
    News,
    Event,
    Consultation,
}

impl PickKind {
    pub const ALL: [PickKind; 3] = [PickKind::News, PickKind::Event, PickKind::Consultation];

    pub fn code(self) -> &'static str {
        match self {
            PickKind::News => "news",
            PickKind::Event => "event",
            PickKind::Consultation => "consultation",
        }
    }

    pub fn from_code(code: &str) -> Option<PickKind> {
        PickKind::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn label(self) -> crate::i18n::T {
        use crate::i18n::T;
        match self {
            PickKind::News => T::NewsletterPickNews,
            PickKind::Event => T::NewsletterPickEvents,
            PickKind::Consultation => T::NewsletterPickConsultations,
        }
    }
}

/// A card an issue may carry: recent news, coming events, open consultations.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    pub kind: PickKind,
    pub slug: String,
    pub title: String,
    pub summary: String,
    /// The news item's date, the event's start, the consultation's closing.
    pub when: Option<DateTime<Utc>>,
    /// Its page on the site.
    pub path: String,
}

impl Candidate {
    /// The value of its box in the form: `kind:slug`.
    pub fn key(&self) -> String {
        format!("{}:{}", self.kind.code(), self.slug)
    }
}

/// `/gestione/{ente}/newsletter`: the lists and the issues.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Desk {
    pub ente_slug: String,
    pub ente_name: String,
    pub lists: Vec<NewsletterList>,
    pub issues: Vec<IssueSummary>,
    /// The cards a new issue may carry.
    pub candidates: Vec<Candidate>,
}

/// `/gestione/{ente}/newsletter/{id}`: one issue.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IssuePage {
    /// For the live topic of the ente's issues.
    pub ente_id: crate::ids::EnteId,
    pub ente_slug: String,
    pub ente_name: String,
    pub issue: IssueSummary,
    /// The mail's plain-text part, as recipients without HTML read it.
    pub body_text: String,
}

/// Where an ente's newsletter pages are.
pub mod paths {
    pub fn subscribe(ente: &str) -> String {
        crate::ente::paths::sections::newsletter(ente)
    }

    pub fn confirm(ente: &str) -> String {
        format!("/{ente}/newsletter/conferma")
    }

    pub fn preferences(ente: &str) -> String {
        format!("/{ente}/newsletter/preferenze")
    }

    pub fn leave(ente: &str) -> String {
        format!("/{ente}/newsletter/cancellazione")
    }

    /// The address of `List-Unsubscribe` (RFC 8058): a POST there leaves at once.
    pub fn one_click(token: &str) -> String {
        format!("/newsletter/uscita/{token}")
    }

    /// The signed-in person's lists, from the account page.
    pub const MINE: &str = "/account/newsletter";

    pub fn desk(ente: &str) -> String {
        format!("/gestione/{ente}/newsletter")
    }

    pub fn issue(ente: &str, id: i64) -> String {
        format!("/gestione/{ente}/newsletter/{id}")
    }

    /// The mail as recipients see it, for the issue page's frame.
    pub fn preview(ente: &str, id: i64) -> String {
        format!("/gestione/{ente}/newsletter/{id}/anteprima")
    }
}
