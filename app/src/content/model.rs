//! The public content of an ente's site: news, events and places.

use crate::i18n::T;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct NewsCard {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub topic: String,
    pub published_at: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct NewsItem {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub body: String,
    /// The body as safe HTML, for items written in the site's editor (else empty,
    /// and the body's paragraphs are shown as text).
    pub body_html: String,
    pub topic: String,
    pub published_at: DateTime<Utc>,
    /// The image's upload token and alternative text.
    pub image_token: Option<String>,
    pub image_alt: Option<String>,
}

/// The model's three kinds of news (its second-level pages of Novità).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum NewsKind {
    News,
    Release,
    Notice,
}

impl NewsKind {
    pub const ALL: [NewsKind; 3] = [NewsKind::News, NewsKind::Release, NewsKind::Notice];

    /// The value stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            NewsKind::News => "notizia",
            NewsKind::Release => "comunicato",
            NewsKind::Notice => "avviso",
        }
    }

    /// Its list's address under the ente, `/{ente}/{path}`.
    pub fn path(self) -> &'static str {
        match self {
            NewsKind::News => "notizie",
            NewsKind::Release => "comunicati",
            NewsKind::Notice => "avvisi",
        }
    }

    pub fn from_path(path: &str) -> Option<NewsKind> {
        NewsKind::ALL.into_iter().find(|k| k.path() == path)
    }

    pub fn title(self) -> T {
        match self {
            NewsKind::News => T::NavNews,
            NewsKind::Release => T::NewsReleases,
            NewsKind::Notice => T::NewsNotices,
        }
    }

    pub fn blurb(self) -> T {
        match self {
            NewsKind::News => T::NewsNewsBlurb,
            NewsKind::Release => T::NewsReleasesBlurb,
            NewsKind::Notice => T::NewsNoticesBlurb,
        }
    }
}

/// One occurrence of an event, as lists and calendars show it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventCard {
    /// The ente it belongs to (an Unione's agenda shows its Comuni's too).
    pub ente_slug: String,
    pub ente_name: String,
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub category: EventCategory,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub place_name: Option<String>,
    /// Whether this is one occurrence of several.
    pub recurring: bool,
}

impl EventCard {
    pub fn path(&self) -> String {
        event_path(&self.ente_slug, &self.slug)
    }
}

/// The page of an event.
pub fn event_path(ente: &str, slug: &str) -> String {
    format!("/{ente}/eventi/{slug}")
}

/// What kind of event it is (the agenda's filter).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EventCategory {
    Culture,
    Sport,
    Market,
    Meeting,
    Festival,
    Training,
    #[default]
    Other,
}

impl EventCategory {
    pub const ALL: [EventCategory; 7] = [
        EventCategory::Culture,
        EventCategory::Sport,
        EventCategory::Market,
        EventCategory::Meeting,
        EventCategory::Festival,
        EventCategory::Training,
        EventCategory::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            EventCategory::Culture => "cultura",
            EventCategory::Sport => "sport",
            EventCategory::Market => "mercato",
            EventCategory::Meeting => "incontro",
            EventCategory::Festival => "festa",
            EventCategory::Training => "formazione",
            EventCategory::Other => "altro",
        }
    }

    pub fn from_code(code: &str) -> Option<EventCategory> {
        EventCategory::ALL.into_iter().find(|c| c.code() == code)
    }

    pub fn label(self) -> T {
        match self {
            EventCategory::Culture => T::AgendaCategoryCulture,
            EventCategory::Sport => T::AgendaCategorySport,
            EventCategory::Market => T::AgendaCategoryMarket,
            EventCategory::Meeting => T::AgendaCategoryMeeting,
            EventCategory::Festival => T::AgendaCategoryFestival,
            EventCategory::Training => T::AgendaCategoryTraining,
            EventCategory::Other => T::AgendaCategoryOther,
        }
    }
}

/// An event's page: the event, its place, and its next occurrences.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventDetail {
    pub card: EventCard,
    pub body: String,
    pub topic: String,
    pub audience: String,
    pub price: String,
    pub organiser: String,
    pub registration_url: String,
    pub place: Option<Place>,
    /// How it repeats, and the days it does not.
    pub rule: Option<super::recurrence::Rule>,
    pub skipped: Vec<chrono::NaiveDate>,
    /// The occurrences still to come (at most twelve), first the one shown.
    pub next: Vec<(DateTime<Utc>, DateTime<Utc>)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Place {
    pub slug: String,
    pub name: String,
    pub kind: String,
    pub description: String,
    pub address: String,
    pub lat: f64,
    pub lon: f64,
    pub opening_hours: String,
    pub accessibility: String,
    /// The photo's upload token and alternative text.
    pub image_token: Option<String>,
    pub image_alt: Option<String>,
}

impl Place {
    /// Whether the place is of `kind` (any when empty) and its name or address holds
    /// every word of `q` (the places' search, on the list and on the map alike).
    pub fn matches(&self, kind: &str, q: &str) -> bool {
        let text = format!("{} {}", self.name, self.address).to_lowercase();
        (kind.is_empty() || self.kind == kind)
            && q.to_lowercase()
                .split_whitespace()
                .all(|w| text.contains(w))
    }
}

/// The places of an ente, with what the map needs and the filters chosen.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlacesPage {
    pub frame: crate::ente::model::EnteFrame,
    /// The places that match, and every kind there is (the filter's choices).
    pub items: Vec<Place>,
    pub kinds: Vec<String>,
    pub kind: String,
    pub q: String,
    pub tiles: Option<crate::tiles::MapTiles>,
}

/// News items and events on some topics as links: (title, address, date), from
/// (kind, slug, title, when) as `repo::on_topics` gives them.
pub fn topic_links(
    ente: &str,
    lang: crate::i18n::Lang,
    rows: Vec<(String, String, String, DateTime<Utc>)>,
) -> Vec<(String, String, String)> {
    rows.into_iter()
        .map(|(kind, slug, title, at)| {
            let href = match kind.as_str() {
                "event" => event_path(ente, &slug),
                _ => format!("/{ente}/notizie/{slug}"),
            };
            (title, href, lang.date(crate::i18n::Lang::local_date(at)))
        })
        .collect()
}

/// Where a free page of the site is listed: the landing page of Amministrazione or
/// of Vivere il Comune (its breadcrumb goes through it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PageSection {
    Administration,
    Live,
}

impl PageSection {
    pub const ALL: [PageSection; 2] = [PageSection::Administration, PageSection::Live];

    /// The value stored in the database (the section's address too).
    pub fn code(self) -> &'static str {
        match self {
            PageSection::Administration => "amministrazione",
            PageSection::Live => "vivere-il-comune",
        }
    }

    pub fn from_code(code: &str) -> Option<PageSection> {
        PageSection::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label(self) -> T {
        match self {
            PageSection::Administration => T::NavAdministration,
            PageSection::Live => T::NavLive,
        }
    }
}

/// A free page in its section's list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct PageLink {
    pub slug: String,
    pub title: String,
    pub summary: String,
}

/// A free page as the public reads it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FreePage {
    pub slug: String,
    pub section: PageSection,
    pub title: String,
    pub summary: String,
    /// Safe HTML, made from the Markdown when the page went live.
    pub body_html: String,
    /// The topic's slug and name, when it has one.
    pub topic: Option<(String, String)>,
    pub updated_at: DateTime<Utc>,
}

/// A free page's address.
pub fn page_path(ente: &str, slug: &str) -> String {
    format!("/{ente}/pagine/{slug}")
}
