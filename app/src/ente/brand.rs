//! How an ente's public site looks around each page: its brand (name, emblem,
//! aggregation, contacts), its main menu (only the sections of the modules it has
//! switched on), the footer's links, and the frame of a section page.

use super::model::{feeds, social_policy_path, EnteFrame, Module};
use crate::components::brand::Brand;
use crate::components::header::Breadcrumbs;
use crate::components::layout::PublicLayout;
use crate::i18n::{use_lang, Lang, T};
use leptos::prelude::*;

/// The header and footer brand of every page of an ente.
pub fn ente_brand(frame: &EnteFrame, lang: Lang) -> Brand {
    let e = &frame.ente;
    Brand {
        name: e.name.clone(),
        tagline: lang.t(e.kind.label()).to_string(),
        href: format!("/{}", e.slug),
        logo: e.logo_path.clone(),
        parent: frame
            .parent
            .as_ref()
            .map(|p| (p.name.clone(), format!("/{}", p.slug))),
        contacts: vec![
            (T::ContactAddress, e.address.clone()),
            (T::ContactPhone, e.phone.clone()),
            (T::ContactEmail, e.email.clone()),
            (T::ContactPec, e.pec.clone()),
        ],
        menu: ente_menu(frame, lang),
        search: Some(format!("/{}/cerca", e.slug)),
        legal: vec![
            (
                lang.t(T::FooterPrivacy).to_string(),
                format!("/{}/privacy", e.slug),
            ),
            (
                lang.t(T::FooterAccessibility).to_string(),
                format!("/{}/accessibilita", e.slug),
            ),
        ]
        .into_iter()
        .chain(frame.social_policy.then(|| {
            (
                lang.t(T::PolicyPublicTitle).to_string(),
                social_policy_path(&e.slug),
            )
        }))
        .chain(std::iter::once((
            lang.t(T::FooterPlatform).to_string(),
            "/".to_string(),
        )))
        .collect(),
        feeds: ente_feeds(frame, lang),
    }
}

/// The feeds of the sections an ente has switched on.
fn ente_feeds(frame: &EnteFrame, lang: Lang) -> Vec<(&'static str, String, String)> {
    let slug = &frame.ente.slug;
    let mut list = Vec::new();
    if frame.has(Module::Site) {
        list.push((
            "application/atom+xml",
            lang.t(T::FeedsNewsAtom).to_string(),
            feeds::news_atom(slug),
        ));
        list.push((
            "application/rss+xml",
            lang.t(T::FeedsNewsRss).to_string(),
            feeds::news_rss(slug),
        ));
    }
    if frame.has(Module::Events) {
        list.push((
            "text/calendar",
            lang.t(T::FeedsAgenda).to_string(),
            feeds::agenda(slug),
        ));
    }
    list
}

/// The main menu of an ente's site: only the sections of modules it has switched on.
fn ente_menu(frame: &EnteFrame, lang: Lang) -> Vec<(String, String)> {
    let slug = &frame.ente.slug;
    let mut menu = vec![(lang.t(T::NavHome).to_string(), format!("/{slug}"))];
    if frame.has(Module::Site) {
        menu.push((lang.t(T::NavNews).to_string(), format!("/{slug}/notizie")));
    }
    if frame.has(Module::Events) {
        menu.push((lang.t(T::NavEvents).to_string(), format!("/{slug}/eventi")));
    }
    if frame.has(Module::Site) {
        menu.push((lang.t(T::NavPlaces).to_string(), format!("/{slug}/luoghi")));
    }
    if frame.has(Module::Consultations) {
        menu.push((
            lang.t(T::ConsultationsTitle).to_string(),
            format!("/{slug}/consultazioni"),
        ));
    }
    menu
}

/// The frame of the list pages of an ente: brand, breadcrumbs, title.
#[component]
pub fn SectionPage(frame: EnteFrame, title: T, children: Children) -> impl IntoView {
    let lang = use_lang();
    let brand = ente_brand(&frame, lang);
    let ente = frame.ente;
    view! {
        <PublicLayout brand title=lang.t(title)>
            <Breadcrumbs trail=vec![(ente.name.clone(), format!("/{}", ente.slug))] current=lang.t(title)/>
            <h1 class="mb-4">{lang.t(title)}</h1>
            {children()}
        </PublicLayout>
    }
}
