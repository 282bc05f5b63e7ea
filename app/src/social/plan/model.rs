//! The editorial plan as the interface sees it: channels, items and their states,
//! the steps between states, the pages' data. Shared by browser and server.

use crate::components::calendar::{CalendarEntry, CalendarView};
use crate::i18n::T;
use crate::ids::{AccountId, EnteId};
use crate::social::channel::Platform;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A channel of the ente.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Channel {
    pub id: i64,
    pub platform: Platform,
    pub name: String,
    pub handle: String,
    pub url: String,
    pub owner_id: Option<AccountId>,
    pub owner_name: String,
    pub goal: String,
    /// The channel's own limit, if it sets one.
    pub char_limit: Option<i64>,
    pub active: bool,
}

impl Channel {
    /// The limit that applies (the channel's own, or its platform's).
    pub fn limit(&self) -> Option<usize> {
        crate::social::channel::effective_limit(self.platform, self.char_limit)
    }
}

/// Where an item is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ItemState {
    Draft,
    Review,
    Approved,
    Scheduled,
    Published,
    Dropped,
}

impl ItemState {
    pub const ALL: [ItemState; 6] = [
        ItemState::Draft,
        ItemState::Review,
        ItemState::Approved,
        ItemState::Scheduled,
        ItemState::Published,
        ItemState::Dropped,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ItemState::Draft => "draft",
            ItemState::Review => "review",
            ItemState::Approved => "approved",
            ItemState::Scheduled => "scheduled",
            ItemState::Published => "published",
            ItemState::Dropped => "dropped",
        }
    }

    pub fn from_code(code: &str) -> Option<ItemState> {
        ItemState::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label(self) -> T {
        match self {
            ItemState::Draft => T::EditorialStateDraft,
            ItemState::Review => T::EditorialStateReview,
            ItemState::Approved => T::EditorialStateApproved,
            ItemState::Scheduled => T::EditorialStateScheduled,
            ItemState::Published => T::EditorialStatePublished,
            ItemState::Dropped => T::EditorialStateDropped,
        }
    }

    /// The Bootstrap Italia badge of the state (contrast checked on white).
    pub fn badge(self) -> &'static str {
        match self {
            ItemState::Draft => "badge bg-secondary",
            ItemState::Review => "badge bg-warning text-dark",
            ItemState::Approved => "badge bg-info text-dark",
            ItemState::Scheduled => "badge bg-primary",
            ItemState::Published => "badge bg-success",
            ItemState::Dropped => "badge bg-dark",
        }
    }

    /// Whether texts, channels and title may still change (before approval).
    pub fn editable(self) -> bool {
        matches!(self, ItemState::Draft | ItemState::Review)
    }

    /// Whether the item still counts in the plan (for conflicts and gaps).
    pub fn planned(self) -> bool {
        self != ItemState::Dropped
    }
}

/// A move from one state to another.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Step {
    /// Draft → in review.
    Submit,
    /// In review → approved, by someone other than the author.
    Approve,
    /// In review → draft, with what to change.
    Return,
    /// Approved → scheduled on the platforms.
    Schedule,
    /// Approved or scheduled → published, with the link.
    Publish,
    /// Not published yet → dropped, with the reason.
    Drop,
    /// Approved, scheduled or dropped → draft again (an approval does not survive it).
    Reopen,
}

impl Step {
    pub const ALL: [Step; 7] = [
        Step::Submit,
        Step::Approve,
        Step::Return,
        Step::Schedule,
        Step::Publish,
        Step::Drop,
        Step::Reopen,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Step::Submit => "submit",
            Step::Approve => "approve",
            Step::Return => "return",
            Step::Schedule => "schedule",
            Step::Publish => "publish",
            Step::Drop => "drop",
            Step::Reopen => "reopen",
        }
    }

    pub fn from_code(code: &str) -> Option<Step> {
        Step::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label(self) -> T {
        match self {
            Step::Submit => T::EditorialStepSubmit,
            Step::Approve => T::EditorialStepApprove,
            Step::Return => T::EditorialStepReturn,
            Step::Schedule => T::EditorialStepSchedule,
            Step::Publish => T::EditorialStepPublish,
            Step::Drop => T::EditorialStepDrop,
            Step::Reopen => T::EditorialStepReopen,
        }
    }

    /// Where the step leads from `from`, if it may be taken there.
    pub fn leads(self, from: ItemState) -> Option<ItemState> {
        use ItemState::*;
        match (self, from) {
            (Step::Submit, Draft) => Some(Review),
            (Step::Approve, Review) => Some(Approved),
            (Step::Return, Review) => Some(Draft),
            (Step::Schedule, Approved) => Some(Scheduled),
            (Step::Publish, Approved | Scheduled) => Some(Published),
            (Step::Drop, Draft | Review | Approved | Scheduled) => Some(Dropped),
            (Step::Reopen, Approved | Scheduled | Dropped) => Some(Draft),
            _ => None,
        }
    }

    /// Whether the step asks for a note (what to change, why it is dropped).
    pub fn needs_note(self) -> bool {
        matches!(self, Step::Return | Step::Drop)
    }

    /// The steps that may be taken from `state` by someone who is (or is not) the
    /// item's author: an author does not approve their own item.
    pub fn open_from(state: ItemState, author: bool) -> Vec<Step> {
        Step::ALL
            .into_iter()
            .filter(|s| s.leads(state).is_some())
            .filter(|s| !(author && *s == Step::Approve))
            .collect()
    }
}

/// How often a new item repeats (each occurrence is an item of its own).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Repeat {
    Never,
    Weekly,
    Fortnightly,
    Monthly,
}

impl Repeat {
    pub const ALL: [Repeat; 4] = [
        Repeat::Never,
        Repeat::Weekly,
        Repeat::Fortnightly,
        Repeat::Monthly,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Repeat::Never => "never",
            Repeat::Weekly => "weekly",
            Repeat::Fortnightly => "fortnightly",
            Repeat::Monthly => "monthly",
        }
    }

    pub fn from_code(code: &str) -> Option<Repeat> {
        Repeat::ALL.into_iter().find(|r| r.code() == code)
    }

    pub fn label(self) -> T {
        match self {
            Repeat::Never => T::EditorialRepeatNever,
            Repeat::Weekly => T::EditorialRepeatWeekly,
            Repeat::Fortnightly => T::EditorialRepeatFortnightly,
            Repeat::Monthly => T::EditorialRepeatMonthly,
        }
    }

    /// The days of the occurrences from `first` to `until` (both included), at most
    /// [`MAX_OCCURRENCES`]. A monthly item on the 31st falls on each month's last day.
    pub fn days(self, first: NaiveDate, until: NaiveDate) -> Vec<NaiveDate> {
        let mut out = vec![first];
        let step = |n: u32| -> Option<NaiveDate> {
            match self {
                Repeat::Never => None,
                Repeat::Weekly => first.checked_add_days(chrono::Days::new(7 * u64::from(n))),
                Repeat::Fortnightly => first.checked_add_days(chrono::Days::new(14 * u64::from(n))),
                Repeat::Monthly => first.checked_add_months(chrono::Months::new(n)),
            }
        };
        for n in 1.. {
            match step(n) {
                Some(day) if day <= until && out.len() < MAX_OCCURRENCES => out.push(day),
                _ => break,
            }
        }
        out
    }
}

/// The most occurrences a recurring item makes at once (a year of weekly posts).
pub const MAX_OCCURRENCES: usize = 53;

/// An entry of an item's timeline.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NoteView {
    pub author: String,
    pub at: String,
    pub from: Option<ItemState>,
    pub to: Option<ItemState>,
    pub body: String,
}

/// One channel's box in the editor: the channel and the item's text there.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TextBox {
    pub channel: Channel,
    pub body: String,
}

/// The editor of an item (`id` None: a new one).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ItemPage {
    pub ente_id: EnteId,
    pub ente_slug: String,
    pub ente_name: String,
    pub id: Option<i64>,
    pub title: String,
    pub campaign: String,
    pub media: String,
    pub state: ItemState,
    /// `YYYY-MM-DDTHH:MM`, Rome time.
    pub planned_input: String,
    pub planned_label: String,
    /// `YYYY-MM-DD`, or empty.
    pub due_input: String,
    pub author: String,
    pub approved_by: String,
    pub published_url: String,
    /// Every active channel, and inactive ones the item has a text for.
    pub texts: Vec<TextBox>,
    pub notes: Vec<NoteView>,
    /// The steps the reader may take now.
    pub steps: Vec<Step>,
    /// The reader wrote the item (so may not approve it).
    pub mine: bool,
    /// Where it came from on the site: (label, address).
    pub source: Option<(String, String)>,
    /// Other items of its series still to come: (id, day).
    pub series: Vec<(i64, String)>,
    /// Campaigns already used in the plan, offered as the campaign's choices.
    pub campaigns: Vec<String>,
    /// The item's images: (position, file with its alternative text).
    pub images: Vec<(i64, crate::upload::model::FileView)>,
}

/// The plan: a calendar of items, with conflicts and gaps.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanPage {
    pub ente_slug: String,
    pub ente_name: String,
    pub view: CalendarView,
    pub anchor: NaiveDate,
    pub today: NaiveDate,
    pub entries: Vec<CalendarEntry>,
    /// Working days from today in the range with nothing planned.
    pub gaps: Vec<NaiveDate>,
    /// How many items of the range are on the same channel on the same day as another.
    pub conflicts: usize,
    pub channels: Vec<Channel>,
    /// The filters in force ("" for none).
    pub channel: String,
    pub state: String,
    /// Published site content that can become an item: (code `news:12`, label).
    pub reusable: Vec<(String, String)>,
}

/// The channels page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChannelsPage {
    pub ente_slug: String,
    pub ente_name: String,
    pub channels: Vec<Channel>,
    /// The team, for the owner's choice: (account id, name).
    pub team: Vec<(AccountId, String)>,
}

/// An item as the overview lists it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ItemCard {
    pub id: i64,
    pub title: String,
    pub state: ItemState,
    pub when: String,
    pub author: String,
    pub channels: Vec<String>,
}

/// The social-media overview of an ente.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SocialHome {
    pub ente_slug: String,
    pub ente_name: String,
    pub channels: Vec<Channel>,
    /// Items in review the reader may approve (written by others).
    pub to_review: Vec<ItemCard>,
    /// The reader's own drafts and returned items.
    pub my_drafts: Vec<ItemCard>,
    /// The next items going out.
    pub upcoming: Vec<ItemCard>,
    /// Items per state over the coming 30 days.
    pub counts: Vec<(ItemState, i64)>,
}

/// The most images an item carries (a plan names the main ones).
pub const MAX_IMAGES: i64 = 4;

/// A channel for unit tests: on `platform`, with its own limit if any.
#[cfg(test)]
pub(crate) fn sample_channel(
    platform: crate::social::channel::Platform,
    limit: Option<i64>,
) -> Channel {
    Channel {
        id: 1,
        platform,
        name: "X".into(),
        handle: String::new(),
        url: String::new(),
        owner_id: None,
        owner_name: String::new(),
        goal: String::new(),
        char_limit: limit,
        active: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn the_author_cannot_approve_and_published_is_final() {
        assert_eq!(
            Step::open_from(ItemState::Review, false),
            vec![Step::Approve, Step::Return, Step::Drop]
        );
        assert_eq!(
            Step::open_from(ItemState::Review, true),
            vec![Step::Return, Step::Drop]
        );
        assert!(Step::open_from(ItemState::Published, false).is_empty());
        assert_eq!(Step::Publish.leads(ItemState::Draft), None);
        assert_eq!(
            Step::Reopen.leads(ItemState::Approved),
            Some(ItemState::Draft)
        );
    }

    #[test]
    fn repeats_stop_at_the_end_and_months_keep_their_last_day() {
        let weekly = Repeat::Weekly.days(day(2026, 12, 1), day(2026, 12, 22));
        assert_eq!(weekly.len(), 4);
        assert_eq!(weekly[3], day(2026, 12, 22));
        let monthly = Repeat::Monthly.days(day(2027, 1, 31), day(2027, 4, 30));
        assert_eq!(
            monthly,
            vec![
                day(2027, 1, 31),
                day(2027, 2, 28),
                day(2027, 3, 31),
                day(2027, 4, 30)
            ]
        );
        assert_eq!(
            Repeat::Never.days(day(2026, 1, 1), day(2027, 1, 1)).len(),
            1
        );
        assert_eq!(
            Repeat::Weekly.days(day(2026, 1, 1), day(2030, 1, 1)).len(),
            MAX_OCCURRENCES
        );
    }
}
