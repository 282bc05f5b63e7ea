//! `/{ente}/cerca?q=…`: the search of an ente's site (a plain GET form), with a
//! facet per kind of result (`&tipo=`, plain links) and the matched words marked.

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
    let results = Resource::new(
        move || (ente(), q.get(), page.get(), tipo.get()),
        |(e, q, p, t)| search_ente(e, q, p.parse().ok(), (!t.is_empty()).then_some(t)),
    );
    resource_page(results, move |results| {
        let lang = use_lang();
        let query = q.get_untracked();
        let slug = results.frame.ente.slug.clone();
        let hits = results.hits;
        let pages = hits.pages();
        let all = format!("/{slug}/cerca?q={}", encode_query_value(&query));
        let base = match results.kind {
            Some(k) => format!("{all}&tipo={}", k.code()),
            None => all.clone(),
        };
        let facets = (!results.facets.is_empty()).then(|| {
            view! {
                <Facets all facets=results.facets.clone() kind=results.kind/>
            }
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

/// The kinds of result and how many of each, as links that narrow the search (and
/// one back to all of them).
#[component]
fn Facets(all: String, facets: Vec<(DocKind, i64)>, kind: Option<DocKind>) -> impl IntoView {
    let lang = use_lang();
    let total: i64 = facets.iter().map(|(_, n)| n).sum();
    let link = move |href: String, label: String, current: bool| {
        view! {
            <li class="list-inline-item mb-2">
                <a class="chip chip-lg" class:chip-primary=current href=href
                    aria-current=current.then_some("page")>
                    <span class="chip-label">{label}</span>
                </a>
            </li>
        }
    };
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
