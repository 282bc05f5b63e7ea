//! `/{ente}/cerca?q=…`: the search of an ente's site (a plain GET form).

use super::server::search_ente;
use crate::components::layout::resource_page;
use crate::components::nav::{encode_query_value, query_value};
use crate::components::table::{EmptyState, Pager};
use crate::ente::brand::SectionPage;
use crate::i18n::{use_lang, T};
use crate::search::model::Hit;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn SearchPage() -> impl IntoView {
    let params = use_params_map();
    let ente = move || params.read().get("ente").unwrap_or_default();
    let q = query_value("q");
    let page = query_value("page");
    let results = Resource::new(
        move || (ente(), q.get(), page.get()),
        |(e, q, p)| search_ente(e, q, p.parse().ok()),
    );
    resource_page(results, move |results| {
        let lang = use_lang();
        let query = q.get_untracked();
        let slug = results.frame.ente.slug.clone();
        let hits = results.items;
        let pages = hits.pages();
        let base = format!("/{slug}/cerca?q={}", encode_query_value(&query));
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
            <p class="mb-0">{h.excerpt}</p>
        </li>
    }
}
