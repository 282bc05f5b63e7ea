//! The site's editor as the interface sees it: the kinds of entry, their states in
//! the review, the steps between states, the pages' data. Shared by browser and
//! server.

use crate::i18n::T;
use crate::ids::EnteId;
use crate::upload::model::FileView;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What an entry becomes on the site.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EntryKind {
    /// A news item, a press release or a notice (`news.kind`).
    News,
    Event,
    Place,
    Service,
    /// A unit of the administration: an organ of government, an area, an office.
    Unit,
    /// A person of the administration (a politician, a member of staff).
    Person,
    /// A free page of the site, listed in Amministrazione or Vivere il Comune.
    Page,
}

impl EntryKind {
    pub const ALL: [EntryKind; 7] = [
        EntryKind::News,
        EntryKind::Event,
        EntryKind::Place,
        EntryKind::Service,
        EntryKind::Unit,
        EntryKind::Person,
        EntryKind::Page,
    ];

    /// The value stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            EntryKind::News => "news",
            EntryKind::Event => "event",
            EntryKind::Place => "place",
            EntryKind::Service => "service",
            EntryKind::Unit => "unit",
            EntryKind::Person => "person",
            EntryKind::Page => "page",
        }
    }

    pub fn from_code(code: &str) -> Option<EntryKind> {
        EntryKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The editor's address of the kind: `/gestione/{ente}/sito/{path}`.
    pub fn path(self) -> &'static str {
        match self {
            EntryKind::News => "notizie",
            EntryKind::Event => "eventi",
            EntryKind::Place => "luoghi",
            EntryKind::Service => "servizi",
            EntryKind::Unit => "unita",
            EntryKind::Person => "persone",
            EntryKind::Page => "pagine",
        }
    }

    pub fn from_path(path: &str) -> Option<EntryKind> {
        EntryKind::ALL.into_iter().find(|k| k.path() == path)
    }

    pub fn label(self) -> T {
        match self {
            EntryKind::News => T::SiteEditorKindNews,
            EntryKind::Event => T::SiteEditorKindEvent,
            EntryKind::Place => T::SiteEditorKindPlace,
            EntryKind::Service => T::SiteEditorKindService,
            EntryKind::Unit => T::SiteEditorKindUnit,
            EntryKind::Person => T::SiteEditorKindPerson,
            EntryKind::Page => T::SiteEditorKindPage,
        }
    }

    /// Whether its entries carry an image: a news item's, a place's photo.
    pub fn carries_image(self) -> bool {
        matches!(self, EntryKind::News | EntryKind::Place)
    }

    /// "Nuova notizia", "Nuovo evento"…
    pub fn new_label(self) -> T {
        match self {
            EntryKind::News => T::SiteEditorNewNews,
            EntryKind::Event => T::SiteEditorNewEvent,
            EntryKind::Place => T::SiteEditorNewPlace,
            EntryKind::Service => T::SiteEditorNewService,
            EntryKind::Unit => T::SiteEditorNewUnit,
            EntryKind::Person => T::SiteEditorNewPerson,
            EntryKind::Page => T::SiteEditorNewPage,
        }
    }
}

/// Where an entry is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EntryState {
    Draft,
    /// Waiting for a colleague's approval (when the ente asks for one).
    Review,
    /// Approved, waiting for its publication date.
    Approved,
    Published,
    Withdrawn,
    Expired,
}

impl EntryState {
    pub const ALL: [EntryState; 6] = [
        EntryState::Draft,
        EntryState::Review,
        EntryState::Approved,
        EntryState::Published,
        EntryState::Withdrawn,
        EntryState::Expired,
    ];

    pub fn code(self) -> &'static str {
        match self {
            EntryState::Draft => "draft",
            EntryState::Review => "review",
            EntryState::Approved => "approved",
            EntryState::Published => "published",
            EntryState::Withdrawn => "withdrawn",
            EntryState::Expired => "expired",
        }
    }

    pub fn from_code(code: &str) -> Option<EntryState> {
        EntryState::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label(self) -> T {
        match self {
            EntryState::Draft => T::SiteEditorStateDraft,
            EntryState::Review => T::SiteEditorStateReview,
            EntryState::Approved => T::SiteEditorStateApproved,
            EntryState::Published => T::SiteEditorStatePublished,
            EntryState::Withdrawn => T::SiteEditorStateWithdrawn,
            EntryState::Expired => T::SiteEditorStateExpired,
        }
    }

    /// The badge's colour class.
    pub fn badge(self) -> &'static str {
        match self {
            EntryState::Draft => "bg-secondary",
            EntryState::Review => "bg-warning text-dark",
            EntryState::Approved => "bg-info text-dark",
            EntryState::Published => "bg-success",
            EntryState::Withdrawn | EntryState::Expired => "bg-dark",
        }
    }
}

/// A step of the review, taken from the entry's page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Step {
    /// Draft → Review: ask a colleague to approve.
    Submit,
    /// Review → Approved (then live at its date), by someone else than the author.
    Approve,
    /// Review → Draft, with a note saying what to change.
    Return,
    /// Draft → Approved where the ente asks for no second person.
    Publish,
    /// Published or Approved → Withdrawn: off the site.
    Withdraw,
}

impl Step {
    pub const ALL: [Step; 5] = [
        Step::Submit,
        Step::Approve,
        Step::Return,
        Step::Publish,
        Step::Withdraw,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Step::Submit => "submit",
            Step::Approve => "approve",
            Step::Return => "return",
            Step::Publish => "publish",
            Step::Withdraw => "withdraw",
        }
    }

    pub fn from_code(code: &str) -> Option<Step> {
        Step::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label(self) -> T {
        match self {
            Step::Submit => T::SiteEditorStepSubmit,
            Step::Approve => T::SiteEditorStepApprove,
            Step::Return => T::SiteEditorStepReturn,
            Step::Publish => T::SiteEditorStepPublish,
            Step::Withdraw => T::SiteEditorStepWithdraw,
        }
    }

    /// The state the step leads to from `from`, if it may be taken there; `review`
    /// is whether the ente asks for a second person, `live` whether a version of it
    /// shows on the site.
    pub fn leads(self, from: EntryState, review: bool, live: bool) -> Option<EntryState> {
        use EntryState::*;
        match (self, from) {
            // What shows on the site comes down whatever the next version's state.
            (Step::Withdraw, _) if live => Some(Withdrawn),
            (Step::Submit, Draft) if review => Some(Review),
            (Step::Approve, Review) => Some(Approved),
            (Step::Return, Review) => Some(Draft),
            (Step::Publish, Draft | Withdrawn | Expired) if !review => Some(Approved),
            (Step::Submit, Withdrawn | Expired) if review => Some(Review),
            (Step::Withdraw, Published | Approved) => Some(Withdrawn),
            _ => None,
        }
    }

    pub fn needs_note(self) -> bool {
        matches!(self, Step::Return | Step::Withdraw)
    }
}

/// One line of the editor's lists.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EntryLine {
    pub id: i64,
    pub kind: EntryKind,
    pub title: String,
    pub state: EntryState,
    /// When it goes (or went) live, as people read it; empty when not set.
    pub publish: String,
    pub updated: String,
    pub changed_by: String,
}

/// Something on the site that no entry holds yet (written before the editor, or
/// by the demo): opening it in the editor makes its entry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LiveLine {
    pub slug: String,
    pub title: String,
}

/// `/gestione/{ente}/sito` and each kind's list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EditorHome {
    pub ente_id: EnteId,
    pub ente_slug: String,
    pub ente_name: String,
    pub kind: EntryKind,
    /// How many entries each kind has.
    pub counts: Vec<(EntryKind, i64)>,
    pub entries: Vec<EntryLine>,
    /// Waiting for approval, of every kind (for the colleagues who approve).
    pub waiting: Vec<EntryLine>,
    pub live: Vec<LiveLine>,
    pub review: bool,
    /// Whether the reader may change `review` (the ente's admins).
    pub may_configure: bool,
}

/// One version of an entry, or one step of its review.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VersionView {
    pub number: i64,
    pub state: EntryState,
    pub who: String,
    pub at: String,
    pub note: String,
}

/// The editor of one entry (or a new one).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EntryPage {
    pub ente_id: EnteId,
    pub ente_slug: String,
    pub ente_name: String,
    pub id: Option<i64>,
    pub kind: EntryKind,
    pub state: EntryState,
    /// The form's values by field key.
    pub values: BTreeMap<String, String>,
    /// The choices of the fields that choose (topics, places, offices).
    pub choices: BTreeMap<String, Vec<(String, String)>>,
    pub publish_at: String,
    pub expires_at: String,
    pub steps: Vec<Step>,
    /// The version shown: a step is taken on it, and refused if it changed since.
    pub version: i64,
    pub versions: Vec<VersionView>,
    /// The public page, once live.
    pub live_url: Option<String>,
    pub image: Option<FileView>,
    pub review: bool,
    /// Why the reader cannot approve it themselves, when that is so.
    pub own_change: bool,
    /// The editorial plan's name of the live news item or event (`news:12`), when
    /// the reader works in the social-media team too: a button makes a draft of it.
    pub plan_source: Option<String>,
}
