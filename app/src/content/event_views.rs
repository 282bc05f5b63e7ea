//! The agenda (`/{ente}/eventi`: month, week and list, filtered by kind, topic and,
//! in an Unione, Comune) and an event's page (`/{ente}/eventi/{slug}`), with the
//! calendars to subscribe to and schema.org's Event for search engines.

use super::agenda_more::MoreEvents;
use super::model::{EventCard, EventCategory, EventDetail};
use super::recurrence::{Freq, MonthDay, Rule};
use super::server::{load_agenda, load_event, Agenda, EventPage};
use super::views::ente_param;
use crate::components::calendar::{weekday_label, Calendar, CalendarEntry, CalendarView};
use crate::components::form::SelectField;
use crate::components::header::Breadcrumbs;
use crate::components::layout::{resource_page, PublicLayout};
use crate::components::nav::{encode_query_value, query_value};
use crate::components::sharing::{JsonLd, SharingMeta};
use crate::ente::brand::{ente_brand, SectionPage};
use crate::ente::paths::feeds;
use crate::i18n::{use_lang, Lang, T};
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// `/{ente}/eventi`
#[component]
pub fn EventsPage() -> impl IntoView {
    let ente = ente_param();
    let keys = ["vista", "data", "categoria", "argomento", "comune"].map(query_value);
    let agenda = Resource::new(
        move || (ente(), keys.map(|k| k.get())),
        |(e, [v, d, c, a, m])| load_agenda(e, v, d, c, a, m),
    );
    resource_page(agenda, |agenda| view! { <AgendaView agenda/> })
}

/// "21:00", in Rome.
fn time_of(at: DateTime<Utc>) -> String {
    at.with_timezone(&chrono_tz::Europe::Rome)
        .format("%H:%M")
        .to_string()
}

/// A calendar entry on each day an occurrence covers, within the days shown.
fn entries(lang: Lang, cards: &[EventCard], gathered: bool) -> Vec<CalendarEntry> {
    let mut out = Vec::new();
    for (i, card) in cards.iter().enumerate() {
        let first = Lang::local_date(card.starts_at);
        let last = Lang::local_date(card.ends_at).max(first);
        for day in first.iter_days().take_while(|d| *d <= last).take(31) {
            out.push(CalendarEntry {
                id: i as i64,
                day,
                time: if day == first {
                    time_of(card.starts_at)
                } else {
                    String::new()
                },
                title: card.title.clone(),
                href: card.path(),
                badge: lang.t(card.category.label()).to_string(),
                badge_class: "badge bg-primary".into(),
                tags: card
                    .place_name
                    .iter()
                    .cloned()
                    .chain(gathered.then(|| card.ente_name.clone()))
                    .collect(),
                warning: None,
                movable: false,
            });
        }
    }
    out
}

/// The agenda's filters: kind, topic and, in an Unione, Comune (a plain GET form that
/// keeps the view and the period).
#[component]
fn AgendaFilters(agenda: Agenda) -> impl IntoView {
    let lang = use_lang();
    let none = || (String::new(), lang.t(T::AgendaAny).to_string());
    let options =
        |list: Vec<(String, String)>| std::iter::once(none()).chain(list).collect::<Vec<_>>();
    let categories = options(
        EventCategory::ALL
            .iter()
            .map(|c| (c.code().to_string(), lang.t(c.label()).to_string()))
            .collect(),
    );
    let topics = options(
        agenda
            .topics
            .iter()
            .map(|t| (t.clone(), t.clone()))
            .collect(),
    );
    let comuni = options(
        agenda
            .members
            .iter()
            .map(|m| (m.slug.clone(), m.name.clone()))
            .collect(),
    );
    let no_errors = Signal::derive(|| None);
    view! {
        <form method="get" action=format!("/{}/eventi", agenda.frame.ente.slug) class="row g-2 align-items-end mb-3 piazza-agenda-filters"
            aria-label=lang.t(T::AgendaFilters)>
            <input type="hidden" name="vista" value=agenda.view.code()/>
            <input type="hidden" name="data" value=agenda.anchor.to_string()/>
            <div class="col-12 col-md-3">
                <SelectField form="agenda" name="categoria" label=T::AgendaCategory errors=no_errors options=categories
                    selected=agenda.category.map(|c| c.code().to_string()).unwrap_or_default()/>
            </div>
            <div class="col-12 col-md-3">
                <SelectField form="agenda" name="argomento" label=T::AgendaTopic errors=no_errors options=topics
                    selected=agenda.topic.clone().unwrap_or_default()/>
            </div>
            {(!agenda.members.is_empty()).then(|| view! {
                <div class="col-12 col-md-3">
                    <SelectField form="agenda" name="comune" label=T::AgendaComune errors=no_errors options=comuni
                        selected=agenda.comune.clone().unwrap_or_default()/>
                </div>
            })}
            <div class="col-12 col-md-3">
                <button type="submit" class="btn btn-outline-primary mb-3">{lang.t(T::AgendaApply)}</button>
            </div>
        </form>
    }
}

/// The calendars to subscribe to: the whole agenda, and the topic chosen.
#[component]
fn AgendaFeeds(slug: String, topic: Option<String>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <section class="mt-4 piazza-feeds" aria-labelledby="agenda-feed">
            <h2 id="agenda-feed" class="h5">{lang.t(T::FeedsSubscribeAgenda)}</h2>
            <p class="small mb-1">{lang.t(T::FeedsSubscribeHelp)}</p>
            <ul class="list-unstyled mb-0">
                <li><a href=feeds::agenda(&slug)>{lang.t(T::FeedsAgenda)}</a></li>
                {topic.map(|t| {
                    let href = format!("{}?argomento={}", feeds::agenda(&slug), encode_query_value(&t));
                    view! { <li><a href=href>{format!("{}: {t}", lang.t(T::AgendaTopicFeed))}</a></li> }
                })}
            </ul>
        </section>
    }
}

#[component]
fn AgendaView(agenda: Agenda) -> impl IntoView {
    let lang = use_lang();
    let slug = agenda.frame.ente.slug.clone();
    let filters = [
        ("categoria", agenda.category.map(|c| c.code().to_string())),
        ("argomento", agenda.topic.clone()),
        ("comune", agenda.comune.clone()),
    ];
    // The calendar's links keep the filters.
    let base = filters
        .iter()
        .fold(format!("/{slug}/eventi?"), |acc, (k, v)| match v {
            Some(v) => format!("{acc}{k}={}&", encode_query_value(v)),
            None => acc,
        });
    let gathered = !agenda.members.is_empty();
    view! {
        <SectionPage frame=agenda.frame.clone() title=T::AgendaTitle>
            <AgendaFilters agenda=agenda.clone()/>
            <Calendar view=agenda.view anchor=agenda.anchor today=agenda.today
                entries=entries(lang, &agenda.entries, gathered) base=base.clone() link_element="event-link"/>
            {(agenda.view == CalendarView::List).then(|| view! { <MoreEvents agenda=agenda.clone() base/> })}
            <AgendaFeeds slug topic=agenda.topic.clone()/>
        </SectionPage>
    }
}

/// Whether `url` is an http(s) address, the only kind an event may link to.
fn web_address(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

/// `/{ente}/eventi/{slug}`
#[component]
pub fn EventDetailPage() -> impl IntoView {
    let params = use_params_map();
    let key = move || {
        let p = params.read();
        (
            p.get("ente").unwrap_or_default(),
            p.get("slug").unwrap_or_default(),
        )
    };
    let page = Resource::new(key, |(ente, slug)| load_event(ente, slug));
    resource_page(page, |page| view! { <EventView page/> })
}

/// How a series repeats, in words: "Ogni settimana il martedì, fino al 30 giugno 2027".
pub fn describe(lang: Lang, rule: &Rule, first: chrono::NaiveDate) -> String {
    let n = rule.interval.to_string();
    let every = match (rule.freq, rule.interval) {
        (Freq::Daily, 1) => lang.t(T::AgendaEveryDay).to_string(),
        (Freq::Daily, _) => lang.tf(T::AgendaEveryDays, &[("n", &n)]),
        (Freq::Weekly, 1) => lang.t(T::AgendaEveryWeek).to_string(),
        (Freq::Weekly, _) => lang.tf(T::AgendaEveryWeeks, &[("n", &n)]),
        (Freq::Monthly, 1) => lang.t(T::AgendaEveryMonth).to_string(),
        (Freq::Monthly, _) => lang.tf(T::AgendaEveryMonths, &[("n", &n)]),
    };
    let on = match (rule.freq, rule.month_day) {
        (Freq::Weekly, _) => {
            let days = if rule.weekdays.is_empty() {
                vec![chrono::Datelike::weekday(&first)]
            } else {
                rule.weekdays.clone()
            };
            let names: Vec<&str> = days.iter().map(|d| weekday_label(lang, *d)).collect();
            lang.tf(T::AgendaOnDays, &[("days", &names.join(", "))])
        }
        (Freq::Monthly, MonthDay::Date) => lang.tf(
            T::AgendaOnDate,
            &[("day", &chrono::Datelike::day(&first).to_string())],
        ),
        (Freq::Monthly, MonthDay::Nth(n, day)) => {
            let nth = match n {
                1 => T::AgendaNth1,
                2 => T::AgendaNth2,
                3 => T::AgendaNth3,
                4 => T::AgendaNth4,
                _ => T::AgendaNthLast,
            };
            lang.tf(
                T::AgendaOnNth,
                &[("nth", lang.t(nth)), ("day", weekday_label(lang, day))],
            )
        }
        (Freq::Daily, _) => String::new(),
    };
    let until = lang.tf(T::AgendaUntil, &[("date", &lang.date(rule.until))]);
    [every, on, until]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// schema.org's Event.
fn schema(e: &EventDetail, url: &str) -> serde_json::Value {
    let rome = |t: DateTime<Utc>| t.with_timezone(&chrono_tz::Europe::Rome).to_rfc3339();
    let organiser = if e.organiser.is_empty() {
        &e.card.ente_name
    } else {
        &e.organiser
    };
    let mut ld = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Event",
        "name": e.card.title,
        "description": e.card.summary,
        "startDate": rome(e.card.starts_at),
        "endDate": rome(e.card.ends_at),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "url": url,
        "organizer": {"@type": "Organization", "name": organiser},
    });
    if let Some(p) = &e.place {
        ld["location"] = serde_json::json!({
            "@type": "Place",
            "name": p.name,
            "address": {"@type": "PostalAddress", "streetAddress": p.address, "addressCountry": "IT"},
            "geo": {"@type": "GeoCoordinates", "latitude": p.lat, "longitude": p.lon},
        });
    }
    ld
}

/// "9 dicembre 2026, dalle 08:00 alle 13:00" (an occurrence over several days: both ends).
fn when(lang: Lang, (s, end): (DateTime<Utc>, DateTime<Utc>)) -> String {
    if Lang::local_date(s) == Lang::local_date(end) {
        let hours = lang.tf(
            T::AgendaFromTo,
            &[("from", &time_of(s)), ("to", &time_of(end))],
        );
        format!("{}, {hours}", lang.date(Lang::local_date(s)))
    } else {
        format!("{} – {}", lang.datetime(s), lang.datetime(end))
    }
}

/// An event's dates: the one shown, how it repeats, the next ones, the days skipped,
/// and its calendar file.
#[component]
fn EventWhen(e: EventDetail) -> impl IntoView {
    let lang = use_lang();
    let card = &e.card;
    let first_day = Lang::local_date(e.next.first().map_or(card.starts_at, |n| n.0));
    let skipped: Vec<String> = e.skipped.iter().map(|d| lang.date(*d)).collect();
    view! {
        <section aria-labelledby="event-when" class="mb-4">
            <h2 id="event-when" class="h4">{lang.t(T::AgendaWhen)}</h2>
            <p><time datetime=card.starts_at.to_rfc3339()>{when(lang, (card.starts_at, card.ends_at))}</time></p>
            {e.rule.as_ref().map(|rule| view! {
                <p><span class="badge bg-secondary me-2">{lang.t(T::AgendaRecurring)}</span>{describe(lang, rule, first_day)}</p>
            })}
            {(e.next.len() > 1).then(|| view! {
                <h3 class="h6">{lang.t(T::AgendaNextDates)}</h3>
                <ul class="piazza-next-dates">
                    {e.next.iter().map(|o| view! { <li><time datetime=o.0.to_rfc3339()>{when(lang, *o)}</time></li> }).collect_view()}
                </ul>
            })}
            {(!skipped.is_empty()).then(|| view! {
                <p class="small">{format!("{}: {}", lang.t(T::AgendaSkipped), skipped.join(", "))}</p>
            })}
            <a class="btn btn-outline-primary btn-sm" href=feeds::event(&card.ente_slug, &card.slug)>
                {lang.t(T::FeedsAddEvent)}
            </a>
        </section>
    }
}

/// Where, what kind, for whom, what it costs, who organises it.
#[component]
fn EventFacts(e: EventDetail) -> impl IntoView {
    let lang = use_lang();
    let facts: Vec<(T, String)> = [
        (
            T::AgendaCategory,
            lang.t(e.card.category.label()).to_string(),
        ),
        (T::AgendaTopic, e.topic.clone()),
        (T::AgendaAudience, e.audience.clone()),
        (T::AgendaPrice, e.price.clone()),
        (T::AgendaOrganiser, e.organiser.clone()),
    ]
    .into_iter()
    .filter(|(_, v)| !v.is_empty())
    .collect();
    view! {
        {e.place.clone().map(|p| view! {
            <section aria-labelledby="event-where" class="mb-4">
                <h2 id="event-where" class="h4">{lang.t(T::AgendaWhere)}</h2>
                <p class="mb-0"><a href=format!("/{}/luoghi#luogo-{}", e.card.ente_slug, p.slug)>{p.name.clone()}</a></p>
                <p>{p.address.clone()}</p>
            </section>
        })}
        <dl class="row piazza-event-facts">
            {facts.into_iter().map(|(k, v)| view! {
                <dt class="col-sm-3">{lang.t(k)}</dt>
                <dd class="col-sm-9">{v}</dd>
            }).collect_view()}
        </dl>
    }
}

#[component]
fn EventView(page: EventPage) -> impl IntoView {
    let lang = use_lang();
    let EventPage {
        frame,
        event: e,
        url,
    } = page;
    let brand = ente_brand(&frame, lang);
    let ente = frame.ente.clone();
    let card = e.card.clone();
    let ld = schema(&e, &url);
    view! {
        <SharingMeta kind="website" title=card.title.clone() description=card.summary.clone()
            url site=ente.name.clone()/>
        <JsonLd data=ld/>
        <PublicLayout brand title=card.title.clone()>
            <Breadcrumbs
                trail=vec![
                    (ente.name.clone(), format!("/{}", ente.slug)),
                    (lang.t(T::AgendaTitle).to_string(), format!("/{}/eventi", ente.slug)),
                ]
                current=card.title.clone()
            />
            <article class="piazza-event">
                <h1>{card.title.clone()}</h1>
                <p class="lead">{card.summary.clone()}</p>
                {e.next.is_empty().then(|| view! { <p class="alert alert-info">{lang.t(T::AgendaOver)}</p> })}
                <EventWhen e=e.clone()/>
                <EventFacts e=e.clone()/>
                {e.body.split("\n\n").filter(|p| !p.trim().is_empty()).map(|p| view! { <p>{p.to_string()}</p> }).collect_view()}
                // Only web addresses become links (never `javascript:` or the like).
                {web_address(&e.registration_url).then(|| view! {
                    <p><a class="btn btn-primary" href=e.registration_url.clone() rel="noopener">{lang.t(T::AgendaRegister)}</a></p>
                })}
            </article>
        </PublicLayout>
    }
}
