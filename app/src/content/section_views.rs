//! The model's first-level pages that gather content: Novità (its three kinds of
//! news and the latest) and Vivere il Comune (places and events), and the list of
//! one kind of news.

use super::model::NewsKind;
use super::server::{load_live, load_news_list, load_novita, LivePage, NovitaPage};
use super::views::{ente_param, EventCards, NewsCards};
use crate::components::cards::{CategoryCard, CategoryCards, LinkCards};
use crate::components::layout::resource_page;
use crate::ente::brand::SectionPage;
use crate::ente::paths::{feeds, sections};
use crate::i18n::{use_lang, T};
use leptos::prelude::*;

/// `/{ente}/notizie`, `/{ente}/comunicati`, `/{ente}/avvisi`: one kind of news, a
/// page at a time.
#[component]
pub fn NewsListPage(kind: NewsKind) -> impl IntoView {
    let ente = ente_param();
    let page = crate::components::nav::query_value("page");
    let list = Resource::new(
        move || (ente(), page.get()),
        move |(e, p)| load_news_list(e, kind.path().to_string(), p.parse().ok()),
    );
    resource_page(list, |list| {
        let lang = use_lang();
        let slug = list.frame.ente.slug.clone();
        let (kind, paged) = list.items;
        let pages = paged.pages();
        let up = vec![(lang.t(T::NavNovita).to_string(), sections::news(&slug))];
        // The press releases' list names their own feeds.
        let ((rss, rss_label), (atom, atom_label)) = match kind {
            NewsKind::Release => (
                (feeds::releases_rss(&slug), T::FeedsReleasesRss),
                (feeds::releases_atom(&slug), T::FeedsReleasesAtom),
            ),
            _ => (
                (feeds::news_rss(&slug), T::FeedsNewsRss),
                (feeds::news_atom(&slug), T::FeedsNewsAtom),
            ),
        };
        view! {
            <SectionPage frame=list.frame title=kind.title() up>
                <p class="lead">{lang.t(kind.blurb())}</p>
                <NewsCards ente=slug.clone() items=paged.items/>
                <crate::components::table::Pager page=paged.page pages base=format!("/{slug}/{}", kind.path())/>
                <p class="small mt-4 piazza-feeds">
                    {lang.t(T::FeedsFollowNews)} " "
                    <a href=rss>{lang.t(rss_label)}</a>
                    " · "
                    <a href=atom>{lang.t(atom_label)}</a>
                </p>
            </SectionPage>
        }
    })
}

/// `/{ente}/novita`: news, press releases and notices, and the latest of them.
#[component]
pub fn NovitaPage() -> impl IntoView {
    let ente = ente_param();
    let data = Resource::new(ente, load_novita);
    resource_page(data, |page| {
        let lang = use_lang();
        let NovitaPage {
            frame,
            kinds,
            latest,
        } = page;
        let slug = frame.ente.slug.clone();
        let cards = kinds
            .into_iter()
            .map(|(k, n)| CategoryCard {
                title: lang.t(k.title()).to_string(),
                href: format!("/{slug}/{}", k.path()),
                blurb: lang.t(k.blurb()).to_string(),
                count: Some(lang.tf(T::NewsCount, &[("n", &lang.number(n))])),
                element: "news-category-link",
            })
            .collect();
        view! {
            <SectionPage frame title=T::NavNovita>
                <CategoryCards items=cards/>
                <h2 class="h4">{lang.t(T::NewsLatest)}</h2>
                <NewsCards ente=slug items=latest/>
            </SectionPage>
        }
    })
}

/// `/{ente}/vivere-il-comune`: the places (with the site) and the events (with the
/// agenda). The two buttons carry the model's marks; AgID's validator follows their
/// `href` (the model's older `onclick` would be refused by the page's CSP).
#[component]
pub fn LivePage() -> impl IntoView {
    let ente = ente_param();
    let data = Resource::new(ente, load_live);
    resource_page(data, |page| {
        let lang = use_lang();
        let LivePage {
            frame,
            events,
            places,
            pages,
        } = page;
        let slug = frame.ente.slug.clone();
        let pages = page_cards(&slug, pages);
        let title = if frame.ente.kind.is_aggregation() {
            T::NavLiveUnione
        } else {
            T::NavLive
        };
        let (places_href, events_href) = (format!("/{slug}/luoghi"), format!("/{slug}/eventi"));
        let places = (frame.has(crate::ente::model::Module::Site)).then_some(places);
        view! {
            <SectionPage frame title>
                <p class="lead">{lang.t(T::LiveIntro)}</p>
                <div class="row g-4 mb-5">
                    {places.map(|n| view! {
                        <div class="col-12 col-md-6">
                            <div class="card card-teaser shadow rounded h-100">
                                <div class="card-body">
                                    <h2 class="card-title h4">{lang.t(T::NavPlaces)}</h2>
                                    <p class="card-text">{lang.tf(T::LivePlaces, &[("n", &lang.number(n as i64))])}</p>
                                    <a class="btn btn-primary" href=places_href data-element="live-button-locations">
                                        {lang.t(T::LiveSeePlaces)}
                                    </a>
                                </div>
                            </div>
                        </div>
                    })}
                    {events.is_some().then(|| view! {
                        <div class="col-12 col-md-6">
                            <div class="card card-teaser shadow rounded h-100">
                                <div class="card-body">
                                    <h2 class="card-title h4">{lang.t(T::NavEvents)}</h2>
                                    <p class="card-text">{lang.t(T::LiveEvents)}</p>
                                    <a class="btn btn-primary" href=events_href.clone() data-element="live-button-events">
                                        {lang.t(T::LiveSeeEvents)}
                                    </a>
                                </div>
                            </div>
                        </div>
                    })}
                </div>
                {events.map(|items| view! {
                    <h2 class="h4">{lang.t(T::EventsUpcomingTitle)}</h2>
                    <EventCards items/>
                })}
                {pages}
            </SectionPage>
        }
    })
}

/// A section's free pages, as link cards under their heading (nothing when none).
pub fn page_cards(ente: &str, pages: Vec<super::model::PageLink>) -> impl IntoView {
    let lang = use_lang();
    let items: Vec<(String, String, String)> = pages
        .into_iter()
        .map(|p| (p.title, super::model::page_path(ente, &p.slug), p.summary))
        .collect();
    (!items.is_empty()).then(|| {
        view! {
            <h2 class="h4 mt-5">{lang.t(T::PageMore)}</h2>
            <LinkCards items element="page-link"/>
        }
    })
}
