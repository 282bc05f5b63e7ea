//! `/account/newsletter`: the lists a signed-in person receives, ente by ente, each
//! with the way to its preferences page (linked from the account page).

use super::model::{Mine, MyEnte};
use super::server::load_mine;
use crate::components::brand::Brand;
use crate::components::layout::{resource_page, PublicLayout};
use crate::components::table::EmptyState;
use crate::i18n::{use_lang, T};
use leptos::prelude::*;

#[component]
pub fn MyNewslettersPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| load_mine());
    resource_page(data, |mine| {
        let lang = use_lang();
        let title = lang.t(T::NewsletterMineTitle).to_string();
        let Mine { verified, enti } = mine;
        let body = match (verified, enti.is_empty()) {
            (false, _) => view! { <p>{lang.t(T::NewsletterMineUnverified)}</p> }.into_any(),
            (true, true) => view! { <EmptyState text=T::NewsletterMineNone/> }.into_any(),
            (true, false) => enti
                .into_iter()
                .map(|e| view! { <EnteCard e/> })
                .collect_view()
                .into_any(),
        };
        view! {
            <PublicLayout brand=Brand::platform(lang) title=title.clone()>
                <h1>{title}</h1>
                <p class="lead">{lang.t(T::NewsletterMineIntro)}</p>
                {body}
                <p><a href="/account">{lang.t(T::NewsletterMineBack)}</a></p>
            </PublicLayout>
        }
    })
}

#[component]
fn EnteCard(e: MyEnte) -> impl IntoView {
    let lang = use_lang();
    let lists = if e.lists.is_empty() {
        lang.t(T::NewsletterMineNothing).to_string()
    } else {
        e.lists.join(", ")
    };
    view! {
        <section class="card card-bg mb-3">
            <div class="card-body">
                <h2 class="h4">{e.ente_name}</h2>
                <p>{lists}</p>
                <a class="btn btn-outline-primary btn-sm" href=e.preferences>{lang.t(T::NewsletterMailPreferences)}</a>
            </div>
        </section>
    }
}
