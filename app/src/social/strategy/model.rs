//! The social-media strategy and policies as the interface sees them: documents
//! in sections, kept in numbered versions with who wrote each and what changed, and
//! the strategy's measurable objectives. Shared by browser and server.

use crate::ente::model::EnteFrame;
use crate::i18n::T;
use crate::social::kpi::goal::ObjectiveView;
use crate::social::plan::model::Channel;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DocKind {
    Strategy,
    /// Rules for the staff who run the channels.
    PolicyInternal,
    /// Rules of conduct for the public, moderation, response times: a public page.
    PolicyExternal,
}

impl DocKind {
    pub const ALL: [DocKind; 3] = [
        DocKind::Strategy,
        DocKind::PolicyInternal,
        DocKind::PolicyExternal,
    ];

    pub fn code(self) -> &'static str {
        match self {
            DocKind::Strategy => "strategy",
            DocKind::PolicyInternal => "policy_internal",
            DocKind::PolicyExternal => "policy_external",
        }
    }

    pub fn from_code(code: &str) -> Option<DocKind> {
        DocKind::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn label(self) -> T {
        match self {
            DocKind::Strategy => T::StrategyTitle,
            DocKind::PolicyInternal => T::PolicyInternal,
            DocKind::PolicyExternal => T::PolicyExternal,
        }
    }

    pub fn sections(self) -> &'static [Section] {
        match self {
            DocKind::Strategy => &[
                Section::Audiences,
                Section::Tone,
                Section::Channels,
                Section::Body,
            ],
            DocKind::PolicyInternal => &[Section::Body],
            DocKind::PolicyExternal => &[
                Section::Conduct,
                Section::Moderation,
                Section::ResponseTimes,
            ],
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Section {
    Audiences,
    Tone,
    Channels,
    Conduct,
    Moderation,
    ResponseTimes,
    Body,
}

impl Section {
    pub fn code(self) -> &'static str {
        match self {
            Section::Audiences => "audiences",
            Section::Tone => "tone",
            Section::Channels => "channels",
            Section::Conduct => "conduct",
            Section::Moderation => "moderation",
            Section::ResponseTimes => "response_times",
            Section::Body => "body",
        }
    }

    pub fn label(self) -> T {
        match self {
            Section::Audiences => T::StrategyAudiences,
            Section::Tone => T::StrategyTone,
            Section::Channels => T::StrategyChannels,
            Section::Conduct => T::PolicyConduct,
            Section::Moderation => T::PolicyModeration,
            Section::ResponseTimes => T::PolicyResponseTimes,
            Section::Body => T::StrategyBody,
        }
    }

    /// The name of the section's field in the editor's form.
    pub fn field(self) -> &'static str {
        match self {
            Section::Audiences => "sections[audiences]",
            Section::Tone => "sections[tone]",
            Section::Channels => "sections[channels]",
            Section::Conduct => "sections[conduct]",
            Section::Moderation => "sections[moderation]",
            Section::ResponseTimes => "sections[response_times]",
            Section::Body => "sections[body]",
        }
    }

    pub fn help(self) -> T {
        match self {
            Section::Audiences => T::StrategyAudiencesHelp,
            Section::Tone => T::StrategyToneHelp,
            Section::Channels => T::StrategyChannelsHelp,
            Section::Conduct => T::PolicyConductHelp,
            Section::Moderation => T::PolicyModerationHelp,
            Section::ResponseTimes => T::PolicyResponseTimesHelp,
            Section::Body => T::StrategyBodyHelp,
        }
    }
}

/// A version in a document's history.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VersionView {
    pub version: i64,
    pub author: String,
    pub at: String,
    pub note: String,
    /// The sections that differ from the version before.
    pub changed: Vec<Section>,
    pub published: bool,
}

/// A section as written (Markdown) and as shown (safe HTML).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SectionText {
    pub section: Section,
    pub source: String,
    pub html: String,
}

/// One document: the version shown (the latest unless an older one is asked for).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocView {
    pub kind: DocKind,
    /// The version shown (0: nothing written yet).
    pub version: i64,
    pub latest: i64,
    pub sections: Vec<SectionText>,
    pub history: Vec<VersionView>,
    /// The external policy's version on the public page.
    pub published: Option<i64>,
}

/// An objective changed, from the audit log.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChangeView {
    pub who: String,
    pub at: String,
    pub what: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StrategyPage {
    pub ente_slug: String,
    pub ente_name: String,
    pub doc: DocView,
    pub objectives: Vec<ObjectiveView>,
    pub channels: Vec<Channel>,
    pub changes: Vec<ChangeView>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PolicyPage {
    pub ente_slug: String,
    pub ente_name: String,
    pub internal: DocView,
    pub external: DocView,
}

/// The public page of the external policy.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicPolicy {
    pub frame: EnteFrame,
    pub version: i64,
    pub published: String,
    pub sections: Vec<SectionText>,
}
