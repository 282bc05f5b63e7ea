//! The list of enti (`/`) and an ente's home page (`/{ente}`).

use super::server::{load_ente_home, EnteHome};
use super::topics::DatedLinks;
use crate::components::brand::Brand;
use crate::components::form::Submit;
use crate::components::layout::{resource_page, PublicLayout};
use crate::components::nav::{follow_destination, query_value};
use crate::content::views::{EventCards, NewsCards, PlaceList};
use crate::ente::brand::ente_brand;
use crate::ente::model::{EnteSummary, Module};
use crate::ente::server::list_enti;
use crate::i18n::{use_lang, Lang, T};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// `/`: every ente of the deployment, with a filter that works once the page is live.
#[component]
pub fn EntiPage() -> impl IntoView {
    let enti = Resource::new(|| (), |_| list_enti());
    resource_page(enti, |list| view! { <EntiList enti=list/> })
}

fn matches(ente: &EnteSummary, query: &str) -> bool {
    let query = query.trim().to_lowercase();
    query.is_empty()
        || ente.name.to_lowercase().contains(&query)
        || ente
            .parent_name
            .as_ref()
            .is_some_and(|p| p.to_lowercase().contains(&query))
}

#[component]
fn EntiList(enti: Vec<EnteSummary>) -> impl IntoView {
    let lang = use_lang();
    let query = RwSignal::new(String::new());
    let enti = StoredValue::new(enti);
    let shown = move || {
        enti.with_value(|all| {
            all.iter()
                .filter(|e| matches(e, &query.get()))
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let count = move || {
        let n = shown().len();
        lang.tf(T::EntiShownCount, &[("count", &lang.number(n as i64))])
    };
    view! {
        <PublicLayout brand=Brand::platform(lang) title=lang.t(T::EntiTitle).to_string()>
            <h1>{lang.t(T::EntiTitle)}</h1>
            <p class="lead">{lang.t(T::EntiIntro)}</p>
            <div class="form-group mb-4">
                <label for="enti-filter" class="active">{lang.t(T::EntiFilterLabel)}</label>
                <input
                    id="enti-filter"
                    type="search"
                    class="form-control"
                    autocomplete="off"
                    prop:value=move || query.get()
                    on:input=move |ev| query.set(event_target_value(&ev))
                />
                <p class="form-text" aria-live="polite" id="enti-count">{count}</p>
            </div>
            <div class="row">
                <For each=shown key=|e| e.id let:ente>
                    <div class="col-12 col-md-6 col-lg-4 mb-4">
                        <EnteCard ente lang/>
                    </div>
                </For>
            </div>
        </PublicLayout>
    }
}

#[component]
fn EnteCard(ente: EnteSummary, lang: Lang) -> impl IntoView {
    let href = format!("/{}", ente.slug);
    let detail = if ente.kind.is_aggregation() {
        Some(lang.tf(
            T::EnteMembersCount,
            &[("count", &ente.member_count.to_string())],
        ))
    } else {
        ente.parent_name
            .clone()
            .map(|p| lang.tf(T::EntePartOf, &[("name", &p)]))
    };
    view! {
        <article class="card card-bg h-100 piazza-ente-card">
            <div class="card-body">
                <p class="category-top">{lang.t(ente.kind.label())}</p>
                <h2 class="card-title h5">
                    <a href=href>{ente.name.clone()}</a>
                </h2>
                <p class="card-text">{ente.description.clone()}</p>
                {detail.map(|d| view! { <p class="card-text small text-muted">{d}</p> })}
            </div>
        </article>
    }
}

/// For someone signed in: what the site holds on the topics they follow (or, when
/// they follow none, where to choose them).
#[component]
fn ForYou(items: Vec<(String, String, String)>, follows_nothing: bool) -> impl IntoView {
    let lang = use_lang();
    if follows_nothing {
        return view! {
            <p class="piazza-for-you-none"><a href="/account">{lang.t(T::SiteForYouChoose)}</a></p>
        }
        .into_any();
    }
    (!items.is_empty())
        .then(|| {
            view! {
                <section aria-labelledby="for-you-title" class="mb-5 piazza-for-you">
                    <h2 id="for-you-title" class="h4">{lang.t(T::SiteForYou)}</h2>
                    <DatedLinks items/>
                </section>
            }
        })
        .into_any()
}

/// Following the ente: a button for someone signed in (a plain form), a link to
/// log in for anyone else.
#[component]
fn Follow(ente: String, name: String, following: Option<bool>) -> impl IntoView {
    let lang = use_lang();
    let follow = ServerAction::<crate::account::follows::FollowEnte>::new();
    follow_destination(follow);
    let Some(on) = following else {
        let login = format!("/account/accedi?next=/{ente}");
        return view! {
            <p id="segui" class="piazza-follow"><a href=login>{lang.tf(T::FollowLogin, &[("ente", &name)])}</a></p>
        }
        .into_any();
    };
    let (label, note) = match on {
        true => (T::FollowStop, lang.tf(T::FollowOn, &[("ente", &name)])),
        false => (T::FollowStart, lang.tf(T::FollowOff, &[("ente", &name)])),
    };
    view! {
        <ActionForm action=follow attr:class="piazza-follow mb-4" attr:id="segui">
            <input type="hidden" name="ente" value=ente/>
            {(!on).then(|| view! { <input type="hidden" name="on" value="1"/> })}
            <p class="mb-2">{note}</p>
            <Submit action=follow label=label class="btn btn-outline-primary btn-sm"/>
        </ActionForm>
    }
    .into_any()
}

/// `/{ente}`: the home page of one ente.
#[component]
pub fn EnteHomePage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("ente").unwrap_or_default();
    // Loaded again when following changes (`?seguito=`), so the button turns.
    let followed = query_value("seguito");
    let home = Resource::new(move || (slug(), followed.get()), |(s, _)| load_ente_home(s));
    resource_page(home, |home| view! { <EnteHomeView home=home/> })
}

#[component]
fn EnteHomeView(home: EnteHome) -> impl IntoView {
    let lang = use_lang();
    let brand = ente_brand(&home.frame, lang);
    let active = home.frame.active.clone();
    let events = home.frame.has(Module::Events);
    let kit = home.kit;
    let ente_slug = home.frame.ente.slug.clone();
    let members = home.members.clone();
    view! {
        <PublicLayout brand title=home.frame.ente.name.clone()>
            <h1>{home.frame.ente.name.clone()}</h1>
            <p class="lead">{home.frame.ente.description.clone()}</p>
            <Follow ente=ente_slug.clone() name=home.frame.ente.name.clone() following=home.following/>
            <ForYou items=home.for_you.clone() follows_nothing=home.follows_nothing/>
            {(!members.is_empty())
                .then(|| {
                    view! {
                        <section aria-labelledby="members-title" class="mb-5">
                            <h2 id="members-title" class="h4">{lang.t(T::EnteMembersTitle)}</h2>
                            <ul class="list-inline piazza-members">
                                {members
                                    .into_iter()
                                    .map(|m| {
                                        view! {
                                            <li class="list-inline-item">
                                                <a class="chip chip-lg" href=format!("/{}", m.slug)>
                                                    <span class="chip-label">{m.name}</span>
                                                </a>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        </section>
                    }
                })}
            <section aria-labelledby="news-title" class="mb-5">
                <h2 id="news-title" class="h4">{lang.t(T::NewsLatestTitle)}</h2>
                <NewsCards ente=ente_slug.clone() items=home.news.clone()/>
            </section>
            {events.then(|| view! {
                <section aria-labelledby="events-title" class="mb-5">
                    <h2 id="events-title" class="h4">{lang.t(T::EventsUpcomingTitle)}</h2>
                    <EventCards items=home.events.clone()/>
                </section>
            })}
            <section aria-labelledby="places-title" class="mb-5">
                <h2 id="places-title" class="h4">{lang.t(T::PlacesTitle)}</h2>
                <PlaceList items=home.places.clone()/>
            </section>
            <section aria-labelledby="kit-title" class="mb-5">
                <h2 id="kit-title" class="h4">{lang.t(T::EnteServicesTitle)}</h2>
                <p>{lang.tf(T::EnteKitIs, &[("kit", lang.t(kit.label()))])}</p>
                <ul class="piazza-modules">
                    {active
                        .into_iter()
                        .map(|m| view! { <li>{lang.t(m.label())}</li> })
                        .collect_view()}
                </ul>
            </section>
        </PublicLayout>
    }
}
