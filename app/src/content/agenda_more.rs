//! "Carica altri eventi" under the agenda's list: the next month's events, added
//! below without leaving the page. Before (and without) the wasm it is a link to the
//! next month's list. AgID's validator clicks it (`load-other-cards`) to gather the
//! events' links (`event-link`).

use super::model::EventCard;
use super::server::{load_agenda, Agenda};
use super::views::EventCards;
use crate::components::calendar::CalendarView;
use crate::i18n::{use_lang, T};
use leptos::prelude::*;

/// `base` is the agenda's address with its filters, ending in `?` or `&`.
#[component]
pub fn MoreEvents(agenda: Agenda, base: String) -> impl IntoView {
    let lang = use_lang();
    let next = RwSignal::new(CalendarView::List.shift(agenda.anchor, true));
    let loaded: RwSignal<Vec<EventCard>> = RwSignal::new(Vec::new());
    let busy = RwSignal::new(false);
    let filters = StoredValue::new((
        agenda.frame.ente.slug.clone(),
        agenda
            .category
            .map(|c| c.code().to_string())
            .unwrap_or_default(),
        agenda.topic.clone().unwrap_or_default(),
        agenda.comune.clone().unwrap_or_default(),
    ));
    let href = move || format!("{base}vista=elenco&data={}", next.get());
    let more = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let day = next.get_untracked();
        let (ente, category, topic, comune) = filters.get_value();
        leptos::task::spawn_local(async move {
            let got = load_agenda(
                ente,
                "elenco".into(),
                day.to_string(),
                category,
                topic,
                comune,
            )
            .await;
            if let Ok(page) = got {
                loaded.update(|list| list.extend(page.entries));
                next.set(CalendarView::List.shift(day, true));
            }
            busy.set(false);
        });
    };
    view! {
        <div class="piazza-more-events" aria-live="polite">
            {move || {
                let items = loaded.get();
                (!items.is_empty()).then(|| view! { <EventCards items/> })
            }}
        </div>
        <p>
            <a class="btn btn-outline-primary" href=href data-element="load-other-cards"
                aria-disabled=move || busy.get().then_some("true") on:click=more>
                {lang.t(T::AgendaMore)}
            </a>
        </p>
    }
}
