//! Server functions for news, events and places.

use super::model::{
    EventCard, EventCategory, EventDetail, NewsCard, NewsItem, NewsKind, PlacesPage,
};
use crate::components::calendar::CalendarView;
use crate::ente::model::{EnteFrame, EnteRef, Listing};
use crate::error::AppError;
use crate::paging::Paged;
use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::ente::server::{module_frame as section_frame, public_frame};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NewsPage {
    pub frame: EnteFrame,
    pub item: NewsItem,
    /// Its address, whole (for sharing and search engines).
    pub url: String,
}

/// News per page on the news list.
#[cfg(feature = "ssr")]
const NEWS_PER_PAGE: i64 = 12;

/// One published news item of an ente.
#[server(endpoint = "content/news")]
pub async fn load_news_page(ente: String, slug: String) -> Result<NewsPage, AppError> {
    let (state, frame) = public_frame(&ente).await?;
    let item = super::repo::news_by_slug(&state.db, frame.ente.id, &slug, state.clock.now())
        .await?
        .ok_or_else(|| crate::auth::server::fail(AppError::NotFound))?;
    let url = state.link(&format!("/{}/notizie/{}", frame.ente.slug, item.slug));
    Ok(NewsPage { frame, item, url })
}

/// The published news of one kind (`tipo`: notizie, comunicati, avvisi), newest
/// first, a page at a time.
#[server(endpoint = "content/news-list")]
pub async fn load_news_list(
    ente: String,
    tipo: String,
    page: Option<i64>,
) -> Result<Listing<(NewsKind, Paged<NewsCard>)>, AppError> {
    let (state, frame) = section_frame(&ente, crate::ente::model::Module::Site).await?;
    let kind =
        NewsKind::from_path(&tipo).ok_or_else(|| crate::auth::server::fail(AppError::NotFound))?;
    let (page, limit, offset) = crate::paging::window(page, NEWS_PER_PAGE);
    let (items, total) = super::repo::news_page(
        &state.db,
        frame.ente.id,
        state.clock.now(),
        kind,
        limit,
        offset,
    )
    .await?;
    let paged = Paged {
        items,
        total,
        page,
        per_page: limit,
    };
    Ok(Listing {
        frame,
        items: (kind, paged),
    })
}

/// Novità: how many news of each kind, and the latest.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NovitaPage {
    pub frame: EnteFrame,
    pub kinds: Vec<(NewsKind, i64)>,
    pub latest: Vec<NewsCard>,
}

#[server(endpoint = "content/novita")]
pub async fn load_novita(ente: String) -> Result<NovitaPage, AppError> {
    let (state, frame) = section_frame(&ente, crate::ente::model::Module::Site).await?;
    let now = state.clock.now();
    Ok(NovitaPage {
        kinds: super::repo::news_kinds(&state.db, frame.ente.id, now).await?,
        latest: super::repo::latest_news(&state.db, frame.ente.id, state.clock.now(), 6).await?,
        frame,
    })
}

/// Vivere il Comune: the next events (when the agenda is on) and the places.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LivePage {
    pub frame: EnteFrame,
    pub events: Option<Vec<EventCard>>,
    pub places: usize,
    /// The free pages listed here (with the institutional site).
    pub pages: Vec<super::model::PageLink>,
}

#[server(endpoint = "content/live")]
pub async fn load_live(ente: String) -> Result<LivePage, AppError> {
    use crate::ente::model::Module;
    let (state, frame) = public_frame(&ente).await?;
    if !frame.has(Module::Site) && !frame.has(Module::Events) {
        return Err(crate::auth::server::fail(AppError::NotFound));
    }
    let id = frame.ente.id;
    let events = match frame.has(Module::Events) {
        true => Some(super::event_repo::upcoming(&state.db, id, state.clock.now(), 6).await?),
        false => None,
    };
    let places = super::repo::places(&state.db, id).await?.len();
    let pages = match frame.has(Module::Site) {
        true => super::page_repo::links(&state.db, id, super::model::PageSection::Live).await?,
        false => Vec::new(),
    };
    Ok(LivePage {
        frame,
        events,
        places,
        pages,
    })
}

/// An ente's agenda for one period, in one of the calendar's views, filtered.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Agenda {
    pub frame: EnteFrame,
    pub view: CalendarView,
    pub anchor: NaiveDate,
    pub today: NaiveDate,
    pub entries: Vec<EventCard>,
    /// The filters' choices: the topics of its events, an Unione's Comuni.
    pub topics: Vec<String>,
    pub members: Vec<EnteRef>,
    pub category: Option<EventCategory>,
    pub topic: Option<String>,
    pub comune: Option<String>,
}

/// The most occurrences one period shows.
#[cfg(feature = "ssr")]
const AGENDA_ENTRIES: usize = 500;

/// The agenda of an ente (an Unione's gathers its Comuni's events): `vista` (mese,
/// settimana, elenco) around `data`, of one `categoria`, `argomento` or `comune`.
#[server(endpoint = "content/agenda")]
pub async fn load_agenda(
    ente: String,
    vista: String,
    data: String,
    categoria: String,
    argomento: String,
    comune: String,
) -> Result<Agenda, AppError> {
    use super::event_repo::{self, AgendaFilter};
    use crate::i18n::Lang;
    let (state, frame) = section_frame(&ente, crate::ente::model::Module::Events).await?;
    let today = Lang::local_date(state.clock.now());
    // On a phone a month's grid is wide: the agenda opens as a list.
    let view = match vista.trim() {
        "" => CalendarView::List,
        code => CalendarView::from_code(code),
    };
    // A day a calendar can show (years of four digits): otherwise today.
    let anchor = NaiveDate::parse_from_str(data.trim(), "%Y-%m-%d")
        .ok()
        .filter(|d| (1900..=2200).contains(&chrono::Datelike::year(d)))
        .unwrap_or(today);
    let (first, last) = view.range(anchor);
    let window = (
        Lang::day_start(first),
        Lang::day_start(last.succ_opt().unwrap_or(last)),
    );
    let filter = AgendaFilter {
        category: EventCategory::from_code(categoria.trim()),
        // A value too long for any topic or Comune matches nothing; it is never dropped.
        topic: Some(argomento.trim().to_string()).filter(|t| !t.is_empty()),
        comune: Some(comune.trim().to_string()).filter(|c| !c.is_empty()),
    };
    let rows = event_repo::period(&state.db, frame.ente.id, window, &filter).await?;
    Ok(Agenda {
        entries: event_repo::cards(&rows, window, AGENDA_ENTRIES),
        topics: event_repo::topics(&state.db, frame.ente.id).await?,
        members: event_repo::gathered(&state.db, frame.ente.id).await?,
        frame,
        view,
        anchor,
        today,
        category: filter.category,
        topic: filter.topic,
        comune: filter.comune,
    })
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventPage {
    pub frame: EnteFrame,
    pub event: EventDetail,
    /// Its address, whole (for sharing and search engines).
    pub url: String,
}

/// One event of an ente, with its next occurrences.
#[server(endpoint = "content/event")]
pub async fn load_event(ente: String, slug: String) -> Result<EventPage, AppError> {
    let (state, frame) = section_frame(&ente, crate::ente::model::Module::Events).await?;
    let row = super::event_repo::by_slug(&state.db, frame.ente.id, &slug)
        .await?
        .ok_or_else(|| crate::auth::server::fail(AppError::NotFound))?;
    let now = state.clock.now();
    let next = row.occurrences((now, chrono::DateTime::<chrono::Utc>::MAX_UTC), 12);
    let shown = next
        .first()
        .copied()
        .unwrap_or((row.starts_at, row.ends_at));
    let place = match (&row.place_slug, &row.place_name, row.lat, row.lon) {
        (Some(slug), Some(name), Some(lat), Some(lon)) => Some(super::model::Place {
            slug: slug.clone(),
            name: name.clone(),
            kind: String::new(),
            description: String::new(),
            address: row.place_address.clone().unwrap_or_default(),
            lat,
            lon,
            opening_hours: String::new(),
            accessibility: String::new(),
            image_token: None,
            image_alt: None,
        }),
        _ => None,
    };
    let event = EventDetail {
        card: row.card(shown),
        body: row.body.clone(),
        topic: row.topic.clone(),
        audience: row.audience.clone(),
        price: row.price.clone(),
        organiser: row.organiser.clone(),
        registration_url: row.registration_url.clone(),
        place,
        rule: row.rule(),
        skipped: row.skipped(),
        next,
    };
    let url = state.link(&event.card.path());
    Ok(EventPage { frame, event, url })
}

/// The places of an ente, by name: of one `tipo`, whose name or address holds `q`.
#[server(endpoint = "content/places")]
pub async fn load_places(ente: String, tipo: String, q: String) -> Result<PlacesPage, AppError> {
    let (state, frame) = section_frame(&ente, crate::ente::model::Module::Site).await?;
    let all = super::repo::places(&state.db, frame.ente.id).await?;
    let (kind, q): (String, String) = (
        tipo.trim().chars().take(100).collect(),
        q.trim().chars().take(200).collect(),
    );
    let mut kinds: Vec<String> = all.iter().map(|p| p.kind.clone()).collect();
    kinds.sort();
    kinds.dedup();
    Ok(PlacesPage {
        items: all.into_iter().filter(|p| p.matches(&kind, &q)).collect(),
        kinds,
        frame,
        kind,
        q,
        tiles: state.tiles.clone(),
    })
}
