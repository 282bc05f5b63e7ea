//! Cards for news, events and places, and the news page.

use super::model::PlacesPage;
use super::model::{EventCard, NewsCard, Place};
use super::server::{load_news_page, load_places, NewsPage};
use crate::components::form::{Field, SelectField};
use crate::components::header::Breadcrumbs;
use crate::components::layout::{resource_page, PublicLayout};
use crate::components::map::PlacesMap;
use crate::components::nav::{encode_query_value, query_value};
use crate::components::sharing::{JsonLd, SharingMeta};
use crate::ente::paths::feeds;
use crate::i18n::{use_lang, T};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn NewsCards(ente: String, items: Vec<NewsCard>) -> impl IntoView {
    let lang = use_lang();
    if items.is_empty() {
        return view! { <p class="text-muted">{lang.t(T::NewsEmpty)}</p> }.into_any();
    }
    view! {
        <div class="row">
            {items
                .into_iter()
                .map(|n| {
                    let href = format!("/{ente}/notizie/{}", n.slug);
                    view! {
                        <div class="col-12 col-md-6 col-lg-4 mb-4">
                            <article class="card card-bg h-100 piazza-news-card">
                                <div class="card-body">
                                    <p class="category-top">
                                        <span>{n.topic.clone()}</span>
                                        " · "
                                        <time datetime=n.published_at.to_rfc3339()>
                                            {lang.date(crate::i18n::Lang::local_date(n.published_at))}
                                        </time>
                                    </p>
                                    <h3 class="card-title h5">
                                        <a href=href>{n.title.clone()}</a>
                                    </h3>
                                    <p class="card-text">{n.summary.clone()}</p>
                                </div>
                            </article>
                        </div>
                    }
                })
                .collect_view()}
        </div>
    }
    .into_any()
}

/// Occurrences of events, soonest first: title (a link to the event), when, where.
#[component]
pub fn EventCards(items: Vec<EventCard>) -> impl IntoView {
    let lang = use_lang();
    if items.is_empty() {
        return view! { <p class="text-muted">{lang.t(T::EventsEmpty)}</p> }.into_any();
    }
    view! {
        <ul class="list-unstyled piazza-events">
            {items
                .into_iter()
                .map(|e| {
                    view! {
                        <li class="mb-3">
                            <article>
                                <h3 class="h6 mb-1"><a href=e.path() data-element="event-link">{e.title.clone()}</a></h3>
                                <p class="mb-1 small">
                                    <time datetime=e.starts_at.to_rfc3339()>{lang.datetime(e.starts_at)}</time>
                                    {e.place_name.clone().map(|p| format!(" · {p}"))}
                                </p>
                                <p class="mb-1">{e.summary.clone()}</p>
                                <a class="small" href=feeds::event(&e.ente_slug, &e.slug)>
                                    {lang.t(T::FeedsAddEvent)}
                                    <span class="visually-hidden">{format!(": {}", e.title)}</span>
                                </a>
                            </article>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
pub fn PlaceList(items: Vec<Place>) -> impl IntoView {
    let lang = use_lang();
    if items.is_empty() {
        return view! { <p class="text-muted">{lang.t(T::PlacesEmpty)}</p> }.into_any();
    }
    view! {
        <ul class="list-unstyled piazza-places">
            {items
                .into_iter()
                .map(|p| {
                    view! {
                        <li class="mb-3" id=format!("luogo-{}", p.slug) data-lat=p.lat.to_string() data-lon=p.lon.to_string()>
                            {p.image_token.clone().map(|token| view! {
                                <img src=format!("/file/{token}/foto") alt=p.image_alt.clone().unwrap_or_default()
                                    class="img-fluid rounded mb-2 d-block piazza-place-photo" loading="lazy"/>
                            })}
                            <strong>{p.name.clone()}</strong>
                            <span class="text-muted">{format!(" · {}", p.kind)}</span>
                            <br/>
                            <span class="small">{p.address.clone()}</span>
                            {(!p.description.is_empty()).then(|| view! { <p class="small mb-0">{p.description.clone()}</p> })}
                            {(!p.opening_hours.is_empty()).then(|| view! {
                                <p class="small mb-0"><strong>{lang.t(T::SiteEditorOpeningHours)} ": "</strong>{p.opening_hours.clone()}</p>
                            })}
                            {(!p.accessibility.is_empty()).then(|| view! {
                                <p class="small mb-0"><strong>{lang.t(T::SiteEditorAccessibility)} ": "</strong>{p.accessibility.clone()}</p>
                            })}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

/// `/{ente}/notizie/{slug}`: one news item.
#[component]
pub fn NewsDetailPage() -> impl IntoView {
    let params = use_params_map();
    let key = move || {
        let p = params.read();
        (
            p.get("ente").unwrap_or_default(),
            p.get("slug").unwrap_or_default(),
        )
    };
    let page = Resource::new(key, |(ente, slug)| load_news_page(ente, slug));
    resource_page(page, |page| view! { <NewsDetail page=page/> })
}

#[component]
fn NewsDetail(page: NewsPage) -> impl IntoView {
    let lang = use_lang();
    let NewsPage { frame, item, url } = page;
    let brand = crate::ente::brand::ente_brand(&frame, lang);
    let ente = frame.ente;
    let published = item
        .published_at
        .with_timezone(&chrono_tz::Europe::Rome)
        .to_rfc3339();
    let schema = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": item.title,
        "description": item.summary,
        "datePublished": published,
        "articleSection": item.topic,
        "inLanguage": "it",
        "mainEntityOfPage": url,
        "publisher": {"@type": "GovernmentOrganization", "name": ente.name},
    });
    view! {
        <SharingMeta kind="article" title=item.title.clone() description=item.summary.clone()
            url site=ente.name.clone()/>
        <JsonLd data=schema/>
        <PublicLayout brand title=item.title.clone()>
            <Breadcrumbs
                trail=vec![
                    (ente.name.clone(), format!("/{}", ente.slug)),
                    (lang.t(T::NavNovita).to_string(), crate::ente::paths::sections::news(&ente.slug)),
                ]
                current=item.title.clone()
            />
            <article>
                <p class="category-top">
                    {item.topic.clone()} " · "
                    <time datetime=item.published_at.to_rfc3339()>
                        {lang.date(crate::i18n::Lang::local_date(item.published_at))}
                    </time>
                </p>
                <h1>{item.title.clone()}</h1>
                <p class="lead">{item.summary.clone()}</p>
                {item.image_token.clone().map(|token| view! {
                    <figure class="piazza-news-image">
                        <img src=format!("/file/{token}/immagine") alt=item.image_alt.clone().unwrap_or_default() class="img-fluid"/>
                    </figure>
                })}
                {if item.body_html.is_empty() {
                    item.body.split("\n\n").map(|para| view! { <p>{para.to_string()}</p> }).collect_view().into_any()
                } else {
                    view! { <div class="piazza-news-body" inner_html=item.body_html.clone()></div> }.into_any()
                }}
            </article>
        </PublicLayout>
    }
}

pub(super) fn ente_param() -> impl Fn() -> String + Copy + Send + Sync + 'static {
    crate::components::nav::route_param("ente")
}

/// `/{ente}/luoghi`: the places of the ente, as a list and on a map, of one kind or
/// found by name or address.
#[component]
pub fn PlacesPage() -> impl IntoView {
    let ente = ente_param();
    let (tipo, q) = (query_value("tipo"), query_value("q"));
    let list = Resource::new(
        move || (ente(), tipo.get(), q.get()),
        |(e, t, q)| load_places(e, t, q),
    );
    resource_page(list, |page| view! { <Places page/> })
}

#[component]
fn Places(page: PlacesPage) -> impl IntoView {
    let lang = use_lang();
    let slug = page.frame.ente.slug.clone();
    let kinds: Vec<(String, String)> =
        std::iter::once((String::new(), lang.t(T::PlacesAny).to_string()))
            .chain(page.kinds.iter().map(|k| (k.clone(), k.clone())))
            .collect();
    let query: String = [("tipo", &page.kind), ("q", &page.q)]
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", encode_query_value(v)))
        .collect::<Vec<_>>()
        .join("&");
    let geojson = if query.is_empty() {
        feeds::places(&slug)
    } else {
        format!("{}?{query}", feeds::places(&slug))
    };
    let no_errors = Signal::derive(|| None);
    view! {
        <crate::ente::brand::SectionPage frame=page.frame.clone() title=T::PlacesTitle>
            <form method="get" action=format!("/{slug}/luoghi") class="row g-2 align-items-end mb-3 piazza-places-filters">
                <div class="col-12 col-md-4">
                    <SelectField form="places" name="tipo" label=T::PlacesKind errors=no_errors options=kinds selected=page.kind.clone()/>
                </div>
                <div class="col-12 col-md-5">
                    <Field form="places" name="q" label=T::PlacesSearch errors=no_errors kind="search" value=page.q.clone() maxlength=200/>
                </div>
                <div class="col-12 col-md-3">
                    <button type="submit" class="btn btn-outline-primary mb-3">{lang.t(T::PlacesApply)}</button>
                </div>
            </form>
            <div class="row">
                <div class="col-12 col-lg-7">
                    <PlacesMap geojson tiles=page.tiles.clone() label=lang.t(T::PlacesMap)/>
                    <p class="small text-muted">{lang.t(T::PlacesMapHelp)}</p>
                </div>
                <div class="col-12 col-lg-5">
                    <PlaceList items=page.items.clone()/>
                </div>
            </div>
            <p class="small mt-4 piazza-feeds">
                <a href=feeds::places(&slug)>{lang.t(T::FeedsPlacesGeojson)}</a>
            </p>
        </crate::ente::brand::SectionPage>
    }
}
