//! `/{ente}/cerca?q=…`: the search of an ente's site (a plain GET form), with a
//! facet per kind of result (`&tipo=`) and per topic (`&argomento=`), plain links,
//! and the matched words marked.

use super::server::search_ente;
use crate::components::layout::resource_page;
use crate::components::nav::{encode_query_value, query_value};
use crate::components::table::{EmptyState, Pager};
use crate::ente::brand::SectionPage;
use crate::i18n::{use_lang, T};
use crate::search::model::{DocKind, Hit};
use crate::search::views::Excerpt;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn SearchPage() -> impl IntoView {
    let params = use_params_map();
    let ente = move || params.read().get("ente").unwrap_or_default();
    let q = query_value("q");
    let page = query_value("page");
    let tipo = query_value("tipo");
    let argomento = query_value("argomento");
    let results = Resource::new(
        move || (ente(), q.get(), page.get(), tipo.get(), argomento.get()),
        |(e, q, p, t, a)| {
            let some = |v: String| (!v.is_empty()).then_some(v);
            search_ente(e, q, p.parse().ok(), some(t), some(a))
        },
    );
    resource_page(results, move |results| {
        let lang = use_lang();
        let query = q.get_untracked();
        let slug = results.frame.ente.slug.clone();
        let hits = results.hits;
        let pages = hits.pages();
        let all = format!("/{slug}/cerca?q={}", encode_query_value(&query));
        let kind = results
            .kind
            .map(|k| format!("&tipo={}", k.code()))
            .unwrap_or_default();
        let topic = results
            .topic
            .as_ref()
            .map(|t| format!("&argomento={t}"))
            .unwrap_or_default();
        let base = format!("{all}{kind}{topic}");
        let facets = (!results.facets.is_empty()).then(|| {
            let all = format!("{all}{topic}");
            view! {
                <Facets all facets=results.facets.clone() kind=results.kind/>
            }
        });
        let topics = (!results.topics.is_empty()).then(|| {
            let all = format!("{all}{kind}");
            view! { <TopicFacets all topics=results.topics.clone() topic=results.topic.clone()/> }
        });
        view! {
            <SectionPage frame=results.frame title=T::SearchTitle>
                <form method="get" action=format!("/{slug}/cerca") role="search" class="row g-2 align-items-end mb-4">
                    <div class="col-12 col-md-9">
                        <div class="form-group mb-0">
                            <label for="search-q" class="active">{lang.t(T::SearchLabel)}</label>
                            <input id="search-q" type="search" name="q" class="form-control" value=query.clone()/>
                        </div>
                    </div>
                    <div class="col-12 col-md-3">
                        <button type="submit" class="btn btn-primary">{lang.t(T::SearchSubmit)}</button>
                    </div>
                </form>
                {(!query.trim().is_empty()).then(|| view! {
                    <p aria-live="polite" class="piazza-search-count">
                        {lang.tf(T::SearchCount, &[("count", &lang.number(hits.total)), ("query", query.trim())])}
                    </p>
                })}
                {facets}
                {topics}
                {if hits.items.is_empty() {
                    (!query.trim().is_empty()).then(|| view! { <EmptyState text=T::SearchEmpty/> }).into_any()
                } else {
                    view! {
                        <ol class="list-unstyled piazza-search-results">
                            {hits.items.into_iter().map(|h| view! { <Result h/> }).collect_view()}
                        </ol>
                    }
                    .into_any()
                }}
                <Pager page=hits.page pages base/>
            </SectionPage>
        }
    })
}

#[component]
fn Result(h: Hit) -> impl IntoView {
    let lang = use_lang();
    view! {
        <li class="mb-4">
            <p class="category-top mb-1">{lang.t(h.kind.label())}</p>
            <h2 class="h5 mb-1"><a href=h.url>{h.title}</a></h2>
            <p class="mb-0"><Excerpt text=h.excerpt/></p>
        </li>
    }
}

/// One facet: a link that narrows the search, marked when it is the current one.
fn facet_link(href: String, label: String, current: bool) -> impl IntoView {
    view! {
        <li class="list-inline-item mb-2">
            <a class="chip chip-lg" class:chip-primary=current href=href
                aria-current=current.then_some("page")>
                <span class="chip-label">{label}</span>
            </a>
        </li>
    }
}

/// The topics of the results and how many of each, as links that narrow the search
/// (and one back to every topic).
#[component]
fn TopicFacets(
    all: String,
    topics: Vec<(String, String, i64)>,
    topic: Option<String>,
) -> impl IntoView {
    let lang = use_lang();
    let link = facet_link;
    view! {
        <nav aria-label=lang.t(T::SearchTopicFacets) class="mb-4 piazza-search-topics">
            <ul class="list-inline">
                {link(all.clone(), lang.t(T::SearchAllTopics).to_string(), topic.is_none())}
                {topics.into_iter().map(|(slug, name, n)| link(
                    format!("{all}&argomento={slug}"),
                    lang.tf(T::SearchFacet, &[("kind", &name), ("n", &lang.number(n))]),
                    topic.as_deref() == Some(slug.as_str()),
                )).collect_view()}
            </ul>
        </nav>
    }
}

/// The kinds of result and how many of each, as links that narrow the search (and
/// one back to all of them).
#[component]
fn Facets(all: String, facets: Vec<(DocKind, i64)>, kind: Option<DocKind>) -> impl IntoView {
    let lang = use_lang();
    let total: i64 = facets.iter().map(|(_, n)| n).sum();
    let link = facet_link;
    view! {
        <nav aria-label=lang.t(T::SearchFacets) class="mb-4 piazza-search-facets">
            <ul class="list-inline">
                {link(all.clone(), lang.tf(T::SearchFacet, &[("kind", lang.t(T::SearchAllKinds)), ("n", &lang.number(total))]), kind.is_none())}
                {facets.into_iter().map(|(k, n)| link(
                    format!("{all}&tipo={}", k.code()),
                    lang.tf(T::SearchFacet, &[("kind", lang.t(k.label())), ("n", &lang.number(n))]),
                    kind == Some(k),
                )).collect_view()}
            </ul>
        </nav>
    }
}
