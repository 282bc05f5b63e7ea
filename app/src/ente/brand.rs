//! How an ente's public site looks around each page: its brand (name, emblem,
//! aggregation, contacts), its main menu (only the sections of the modules it has
//! switched on), the footer's links, and the frame of a section page.

use super::model::{social_policy_path, EnteFrame, Module};
use super::paths::{feeds, sections};
use crate::components::brand::{Brand, Link};
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
        secondary: ente_secondary(frame, lang),
        search: Some(format!("/{}/cerca", e.slug)),
        legal: ente_footer(frame, lang),
        feedback: frame.has(Module::Site).then(|| e.slug.clone()),
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
        list.push((
            "application/rss+xml",
            lang.t(T::FeedsReleasesRss).to_string(),
            feeds::releases_rss(slug),
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

/// The main menu of an ente's site: the model's four sections, in its order, each
/// marked as the model asks. Their pages show only what the modules switched on hold.
fn ente_menu(frame: &EnteFrame, lang: Lang) -> Vec<Link> {
    let slug = &frame.ente.slug;
    let live = if frame.ente.kind.is_aggregation() {
        T::NavLiveUnione
    } else {
        T::NavLive
    };
    if !frame.has(Module::Site) {
        // Without the site, only the agenda may be there (in Vivere).
        return match frame.has(Module::Events) {
            true => vec![Link::marked(lang.t(live), sections::live(slug), "live")],
            false => vec![Link::new(lang.t(T::NavHome), format!("/{slug}"))],
        };
    }
    vec![
        Link::marked(
            lang.t(T::NavAdministration),
            sections::administration(slug),
            "management",
        ),
        Link::marked(lang.t(T::NavNovita), sections::news(slug), "news"),
        Link::marked(
            lang.t(T::NavServices),
            sections::services(slug),
            "all-services",
        ),
        Link::marked(lang.t(live), sections::live(slug), "live"),
    ]
}

/// The menu's second row: every topic, and the modules beyond the model's sections.
fn ente_secondary(frame: &EnteFrame, lang: Lang) -> Vec<Link> {
    let slug = &frame.ente.slug;
    let mut links = Vec::new();
    if frame.has(Module::Consultations) {
        links.push(Link::new(
            lang.t(T::ConsultationsTitle),
            format!("/{slug}/consultazioni"),
        ));
    }
    if frame.has(Module::Site) {
        links.push(Link::marked(
            lang.t(T::TopicsAll),
            sections::topics(slug),
            "all-topics",
        ));
    }
    links
}

/// The footer's links, as the model asks: FAQ, reporting an inefficiency, the
/// accessibility statement (AgID's, where the ente has published it), privacy and
/// the legal notes; then the social media policy and the platform.
fn ente_footer(frame: &EnteFrame, lang: Lang) -> Vec<Link> {
    let e = &frame.ente;
    let slug = &e.slug;
    let accessibility = match e.accessibility_url.as_str() {
        url if url.starts_with("https://") => url.to_string(),
        _ => format!("/{slug}/accessibilita"),
    };
    let mut links = vec![
        Link::marked(lang.t(T::FooterFaq), sections::faq(slug), "faq"),
        // Until the reports module is built, an inefficiency is reported by a form
        // that mails the ente.
        Link::marked(
            lang.t(T::FooterReport),
            sections::report_inefficiency(slug),
            "report-inefficiency",
        ),
        Link::marked(
            lang.t(T::FooterAccessibility),
            accessibility,
            "accessibility-link",
        ),
        Link::marked(
            lang.t(T::FooterPrivacy),
            format!("/{slug}/privacy"),
            "privacy-policy-link",
        ),
        Link::marked(
            lang.t(T::FooterLegalNotes),
            sections::legal_notes(slug),
            "legal-notes",
        ),
    ];
    if e.email.is_empty() {
        links.remove(1);
    }
    if frame.has(Module::Site) {
        links.push(Link::new(
            lang.t(T::PressKitTitle),
            sections::press_kit(slug),
        ));
    }
    if frame.has(Module::Newsletter) {
        links.push(Link::new(
            lang.t(T::NewsletterTitle),
            sections::newsletter(slug),
        ));
    }
    if frame.social_policy {
        links.push(Link::new(
            lang.t(T::PolicyPublicTitle),
            social_policy_path(slug),
        ));
    }
    links.push(Link::new(lang.t(T::FooterPlatform), "/"));
    links
}

/// The frame of the list pages of an ente: brand, breadcrumbs (the ente, then `up`,
/// the sections above this one), title.
#[component]
pub fn SectionPage(
    frame: EnteFrame,
    title: T,
    #[prop(optional)] up: Vec<(String, String)>,
    children: Children,
) -> impl IntoView {
    let lang = use_lang();
    let brand = ente_brand(&frame, lang);
    let ente = frame.ente;
    let mut trail = vec![(ente.name.clone(), format!("/{}", ente.slug))];
    trail.extend(up);
    view! {
        <PublicLayout brand title=lang.t(title)>
            <Breadcrumbs trail current=lang.t(title)/>
            <h1 class="mb-4" data-element="page-name">{lang.t(title)}</h1>
            {children()}
        </PublicLayout>
    }
}
