//! The fields of each kind of entry: what the form shows, in order, and what the
//! check asks of each. One list serves the form (`form_views`) and the check
//! (`check`), so they never disagree.

use super::model::EntryKind;
use crate::i18n::T;

/// How a field is written.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Widget {
    Line,
    /// Several lines of plain text.
    Text,
    /// Markdown, made safe HTML when it goes live.
    Markdown,
    Url,
    /// An email address (lowercased when kept).
    Email,
    /// A telephone number.
    Phone,
    /// A moment in Rome's time (`datetime-local`).
    Moment,
    Date,
    /// A decimal number within the range.
    Number(f64, f64),
    /// One of the choices of its kind.
    Choose(Choices),
    Check,
}

/// Where a choosing field's choices come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choices {
    NewsKind,
    /// The model's vocabulary of topics.
    Topic,
    EventCategory,
    /// The ente's places (or none).
    Place,
    Repeat,
    MonthDay,
    ServiceCategory,
    /// The ente's offices (or none).
    Unit,
    /// What a unit is: organ of government, area, office.
    UnitKind,
    /// The ente's areas, an office's parent (or none).
    Area,
    /// Any unit of the ente (or none): where a person sits.
    AnyUnit,
    /// What a person is: politician, staff.
    PersonKind,
    /// Where a free page is listed.
    PageSection,
}

impl Choices {
    pub const ALL: [Choices; 13] = [
        Choices::NewsKind,
        Choices::Topic,
        Choices::EventCategory,
        Choices::Place,
        Choices::Repeat,
        Choices::MonthDay,
        Choices::ServiceCategory,
        Choices::Unit,
        Choices::UnitKind,
        Choices::Area,
        Choices::AnyUnit,
        Choices::PersonKind,
        Choices::PageSection,
    ];

    /// The key the page's choices are sent under.
    pub fn key(self) -> &'static str {
        match self {
            Choices::NewsKind => "news_kind",
            Choices::Topic => "topic",
            Choices::EventCategory => "category",
            Choices::Place => "place",
            Choices::Repeat => "repeat",
            Choices::MonthDay => "month_day",
            Choices::ServiceCategory => "service_category",
            Choices::Unit => "unit",
            Choices::UnitKind => "unit_kind",
            Choices::Area => "area",
            Choices::AnyUnit => "any_unit",
            Choices::PersonKind => "person_kind",
            Choices::PageSection => "page_section",
        }
    }
}

/// One field of a kind's form.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Spec {
    /// The key in the entry's fields.
    pub key: &'static str,
    /// The form's input name (`f[key]`).
    pub input: &'static str,
    pub label: T,
    pub help: Option<T>,
    pub widget: Widget,
    pub max: usize,
    pub required: bool,
}

macro_rules! spec {
    ($key:literal, $label:ident, $widget:expr, $max:expr, $required:expr) => {
        Spec {
            key: $key,
            input: concat!("f[", $key, "]"),
            label: T::$label,
            help: None,
            widget: $widget,
            max: $max,
            required: $required,
        }
    };
    ($key:literal, $label:ident, $widget:expr, $max:expr, $required:expr, $help:ident) => {
        Spec {
            help: Some(T::$help),
            ..spec!($key, $label, $widget, $max, $required)
        }
    };
}

use Widget::*;

const NEWS: &[Spec] = &[
    spec!(
        "news_kind",
        SiteEditorNewsKind,
        Choose(Choices::NewsKind),
        20,
        true
    ),
    spec!("title", SiteEditorTitle, Line, 200, true),
    spec!(
        "summary",
        SiteEditorSummary,
        Text,
        400,
        true,
        SiteEditorSummaryHelp
    ),
    spec!(
        "body",
        SiteEditorBody,
        Markdown,
        20_000,
        true,
        SiteEditorMarkdownHelp
    ),
    spec!("topic", SiteEditorTopic, Choose(Choices::Topic), 80, true),
    spec!("embargo", PressEmbargo, Moment, 20, false, PressEmbargoHelp),
    spec!("to_press", PressToList, Check, 2, false, PressToListHelp),
];

const EVENT: &[Spec] = &[
    spec!("title", SiteEditorTitle, Line, 200, true),
    spec!(
        "summary",
        SiteEditorSummary,
        Text,
        400,
        true,
        SiteEditorSummaryHelp
    ),
    spec!(
        "body",
        SiteEditorBody,
        Markdown,
        20_000,
        false,
        SiteEditorMarkdownHelp
    ),
    spec!(
        "category",
        AgendaCategory,
        Choose(Choices::EventCategory),
        20,
        true
    ),
    spec!("topic", SiteEditorTopic, Choose(Choices::Topic), 80, true),
    spec!("starts", SiteEditorStarts, Moment, 20, true),
    spec!("ends", SiteEditorEnds, Moment, 20, true),
    spec!(
        "place",
        AgendaWhere,
        Choose(Choices::Place),
        100,
        false,
        SiteEditorPlaceHelp
    ),
    spec!(
        "repeat",
        SiteEditorRepeat,
        Choose(Choices::Repeat),
        10,
        false
    ),
    spec!("interval", SiteEditorInterval, Number(1.0, 52.0), 2, false),
    spec!("wd_mo", DateWeekday1, Check, 2, false),
    spec!("wd_tu", DateWeekday2, Check, 2, false),
    spec!("wd_we", DateWeekday3, Check, 2, false),
    spec!("wd_th", DateWeekday4, Check, 2, false),
    spec!("wd_fr", DateWeekday5, Check, 2, false),
    spec!("wd_sa", DateWeekday6, Check, 2, false),
    spec!("wd_su", DateWeekday7, Check, 2, false),
    spec!(
        "month_day",
        SiteEditorMonthDay,
        Choose(Choices::MonthDay),
        10,
        false
    ),
    spec!(
        "until",
        SiteEditorUntil,
        Date,
        10,
        false,
        SiteEditorUntilHelp
    ),
    spec!(
        "skipped",
        AgendaSkipped,
        Line,
        400,
        false,
        SiteEditorSkippedHelp
    ),
    spec!("audience", AgendaAudience, Line, 300, false),
    spec!("price", AgendaPrice, Line, 200, false),
    spec!("organiser", AgendaOrganiser, Line, 200, false),
    spec!("registration_url", SiteEditorRegistration, Url, 500, false),
];

const PLACE: &[Spec] = &[
    spec!("title", SiteEditorPlaceName, Line, 200, true),
    spec!(
        "place_kind",
        SiteEditorPlaceKind,
        Line,
        80,
        true,
        SiteEditorPlaceKindHelp
    ),
    spec!("description", SiteEditorDescription, Text, 4_000, false),
    spec!("address", SiteEditorAddress, Line, 300, true),
    spec!(
        "lat",
        SiteEditorLat,
        Number(-90.0, 90.0),
        20,
        true,
        SiteEditorCoordinatesHelp
    ),
    spec!("lon", SiteEditorLon, Number(-180.0, 180.0), 20, true),
    spec!("opening_hours", SiteEditorOpeningHours, Text, 2_000, false),
    spec!("accessibility", SiteEditorAccessibility, Text, 2_000, false),
];

const SERVICE: &[Spec] = &[
    spec!("title", SiteEditorTitle, Line, 200, true),
    spec!(
        "summary",
        SiteEditorSummary,
        Text,
        400,
        true,
        SiteEditorSummaryHelp
    ),
    spec!(
        "service_category",
        SiteEditorServiceCategory,
        Choose(Choices::ServiceCategory),
        60,
        true
    ),
    spec!("topic", SiteEditorTopic, Choose(Choices::Topic), 80, true),
    spec!("active", SiteEditorActive, Check, 2, false),
    spec!(
        "status_reason",
        SiteEditorStatusReason,
        Line,
        300,
        false,
        SiteEditorStatusReasonHelp
    ),
    spec!("audience", ServicePartAudience, Markdown, 8_000, true),
    spec!(
        "description",
        ServicePartDescription,
        Markdown,
        8_000,
        false
    ),
    spec!("how_to", ServicePartHowTo, Markdown, 8_000, true),
    spec!("needed", ServicePartNeeded, Markdown, 8_000, true),
    spec!("outcome", ServicePartOutcome, Markdown, 8_000, true),
    spec!("times", ServicePartTimes, Markdown, 8_000, true),
    spec!("costs", ServicePartCosts, Markdown, 8_000, false),
    spec!("access_url", SiteEditorAccessUrl, Url, 500, false),
    spec!(
        "access_other",
        SiteEditorAccessOther,
        Markdown,
        8_000,
        false
    ),
    spec!("conditions", ServicePartConditions, Markdown, 8_000, false),
    spec!("unit", SiteEditorUnit, Choose(Choices::Unit), 100, true),
];

const UNIT: &[Spec] = &[
    spec!(
        "unit_kind",
        SiteEditorUnitKind,
        Choose(Choices::UnitKind),
        20,
        true
    ),
    spec!("title", SiteEditorName, Line, 200, true),
    spec!(
        "summary",
        SiteEditorSummary,
        Text,
        400,
        true,
        SiteEditorSummaryHelp
    ),
    spec!(
        "body",
        SiteEditorUnitBody,
        Markdown,
        20_000,
        false,
        SiteEditorMarkdownHelp
    ),
    spec!(
        "parent",
        SiteEditorParent,
        Choose(Choices::Area),
        20,
        false,
        SiteEditorParentHelp
    ),
    spec!(
        "place",
        SiteEditorSeat,
        Choose(Choices::Place),
        100,
        false,
        SiteEditorPlaceHelp
    ),
    spec!("phone", SiteEditorPhone, Phone, 40, false),
    spec!("email", SiteEditorEmail, Email, 254, false),
    spec!("pec", SiteEditorPec, Email, 254, false),
    spec!(
        "opening_hours",
        SiteEditorOpeningHours,
        Text,
        2_000,
        false,
        SiteEditorHoursHelp
    ),
];

/// How many units a person's form can seat them in.
pub const SEATS: [(&str, &str); 3] = [
    ("seat_1", "seat_role_1"),
    ("seat_2", "seat_role_2"),
    ("seat_3", "seat_role_3"),
];

const PERSON: &[Spec] = &[
    spec!(
        "person_kind",
        SiteEditorPersonKind,
        Choose(Choices::PersonKind),
        20,
        true
    ),
    spec!("title", SiteEditorFullName, Line, 200, true),
    spec!("role", SiteEditorRole, Line, 200, true, SiteEditorRoleHelp),
    spec!("summary", SiteEditorSummary, Text, 400, false),
    spec!(
        "body",
        SiteEditorPersonBody,
        Markdown,
        20_000,
        false,
        SiteEditorMarkdownHelp
    ),
    spec!("email", SiteEditorEmail, Email, 254, false),
    spec!("phone", SiteEditorPhone, Phone, 40, false),
    spec!(
        "seat_1",
        SiteEditorSeatUnit,
        Choose(Choices::AnyUnit),
        20,
        false,
        SiteEditorSeatHelp
    ),
    spec!("seat_role_1", SiteEditorSeatRole, Line, 200, false),
    spec!(
        "seat_2",
        SiteEditorSeatUnit,
        Choose(Choices::AnyUnit),
        20,
        false
    ),
    spec!("seat_role_2", SiteEditorSeatRole, Line, 200, false),
    spec!(
        "seat_3",
        SiteEditorSeatUnit,
        Choose(Choices::AnyUnit),
        20,
        false
    ),
    spec!("seat_role_3", SiteEditorSeatRole, Line, 200, false),
];

const PAGE: &[Spec] = &[
    spec!(
        "page_section",
        SiteEditorPageSection,
        Choose(Choices::PageSection),
        30,
        true
    ),
    spec!("title", SiteEditorTitle, Line, 200, true),
    spec!(
        "summary",
        SiteEditorSummary,
        Text,
        400,
        true,
        SiteEditorSummaryHelp
    ),
    spec!(
        "body",
        SiteEditorBody,
        Markdown,
        40_000,
        true,
        SiteEditorMarkdownHelp
    ),
    spec!("topic", SiteEditorTopic, Choose(Choices::Topic), 80, false),
];

/// The fields of a kind, in the form's order.
pub fn fields(kind: EntryKind) -> &'static [Spec] {
    match kind {
        EntryKind::News => NEWS,
        EntryKind::Event => EVENT,
        EntryKind::Place => PLACE,
        EntryKind::Service => SERVICE,
        EntryKind::Unit => UNIT,
        EntryKind::Person => PERSON,
        EntryKind::Page => PAGE,
    }
}

/// The weekday fields of an event, with their RFC 5545 codes.
pub const WEEKDAYS: [(&str, &str); 7] = [
    ("wd_mo", "MO"),
    ("wd_tu", "TU"),
    ("wd_we", "WE"),
    ("wd_th", "TH"),
    ("wd_fr", "FR"),
    ("wd_sa", "SA"),
    ("wd_su", "SU"),
];

/// The longest a note on a step may be.
pub const NOTE_MAX: usize = 2_000;

/// The longest an image's alternative text may be.
pub const ALT_MAX: usize = 300;
