//! The pages every site must have: the privacy notice (GDPR art. 13) and the
//! accessibility statement (Legge Stanca, AgID model), for each ente and for the
//! platform. Texts are in the i18n files, filled with the ente's own data.

use crate::components::brand::Brand;
use crate::components::header::Breadcrumbs;
use crate::components::layout::{resource_page, PublicLayout};
use crate::components::nav::route_param;
use crate::ente::brand::ente_brand;
use crate::ente::model::EnteFrame;
use crate::ente::server::{list_enti, load_ente_frame};
use crate::i18n::{use_lang, Lang, T};
use leptos::prelude::*;

/// A heading and its paragraphs (paragraphs separated by a blank line in the text).
fn section(lang: Lang, heading: T, text: String) -> impl IntoView {
    view! {
        <section class="mb-4">
            <h2 class="h4">{lang.t(heading)}</h2>
            {text.split("\n\n").map(|p| view! { <p>{p.to_string()}</p> }).collect_view()}
        </section>
    }
}

fn contact_values(frame: &EnteFrame) -> Vec<(&'static str, String)> {
    let e = &frame.ente;
    vec![
        ("ente", e.name.clone()),
        ("address", e.address.clone()),
        ("email", e.email.clone()),
        ("pec", e.pec.clone()),
        ("site", format!("/{}", e.slug)),
    ]
}

fn slug_param() -> impl Fn() -> String + Copy + Send + Sync + 'static {
    route_param("ente")
}

/// An ente's legal page: its sections, filled with the ente's data.
#[component]
fn EnteLegal(frame: EnteFrame, title: T, intro: Option<T>, sections: Vec<(T, T)>) -> impl IntoView {
    let lang = use_lang();
    let owned = contact_values(&frame);
    let values: Vec<(&str, &str)> = owned.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let intro = intro.map(|key| lang.tf(key, &values));
    let sections: Vec<(T, String)> = sections
        .into_iter()
        .map(|(h, body)| (h, lang.tf(body, &values)))
        .collect();
    let brand = ente_brand(&frame, lang);
    let ente = frame.ente;
    view! {
        <PublicLayout brand title=lang.t(title)>
            <Breadcrumbs trail=vec![(ente.name.clone(), format!("/{}", ente.slug))] current=lang.t(title)/>
            <h1 class="mb-4">{lang.t(title)}</h1>
            <div class="piazza-legal">
                {intro.map(|text| view! { <p class="lead">{text}</p> })}
                {sections.into_iter().map(|(heading, text)| section(lang, heading, text)).collect_view()}
            </div>
        </PublicLayout>
    }
}

/// `/{ente}/privacy`
#[component]
pub fn EntePrivacyPage() -> impl IntoView {
    let frame = Resource::new(slug_param(), load_ente_frame);
    resource_page(frame, |frame| {
        let mut sections = vec![
            (T::PrivacyControllerTitle, T::PrivacyController),
            (T::PrivacyDataTitle, T::PrivacyData),
            (T::PrivacyPurposeTitle, T::PrivacyPurpose),
            (T::PrivacyRetentionTitle, T::PrivacyRetention),
            (T::PrivacyRightsTitle, T::PrivacyRights),
        ];
        if frame.has(crate::ente::model::Module::Newsletter) {
            sections.insert(3, (T::PrivacyNewsletterTitle, T::PrivacyNewsletter));
        }
        view! { <EnteLegal frame title=T::PrivacyTitle intro=None sections/> }
    })
}

/// `/{ente}/accessibilita`
#[component]
pub fn EnteAccessibilityPage() -> impl IntoView {
    let frame = Resource::new(slug_param(), load_ente_frame);
    resource_page(frame, |frame| {
        let sections = vec![
            (T::A11yStatusTitle, T::A11yStatus),
            (T::A11yLimitsTitle, T::A11yLimits),
            (T::A11yHowTitle, T::A11yHow),
            (T::A11yFeedbackTitle, T::A11yFeedback),
            (T::A11yEnforcementTitle, T::A11yEnforcement),
        ];
        view! { <EnteLegal frame title=T::A11yTitle intro=Some(T::A11yIntro) sections/> }
    })
}

/// The platform's pages list each ente's own, since each ente answers for its site.
#[component]
fn PlatformLegal(title: T, intro: T, suffix: &'static str) -> impl IntoView {
    let enti = Resource::new(|| (), |_| list_enti());
    resource_page(enti, move |enti| {
        let lang = use_lang();
        view! {
            <PublicLayout brand=Brand::platform(lang) title=lang.t(title)>
                <h1 class="mb-4">{lang.t(title)}</h1>
                <div class="piazza-legal">
                    {lang.t(intro).split("\n\n").map(|p| view! { <p>{p.to_string()}</p> }).collect_view()}
                    <ul>
                        {enti.into_iter().map(|e| view! {
                            <li><a href=format!("/{}/{suffix}", e.slug)>{e.name}</a></li>
                        }).collect_view()}
                    </ul>
                </div>
            </PublicLayout>
        }
    })
}

/// `/privacy`
#[component]
pub fn PlatformPrivacyPage() -> impl IntoView {
    view! { <PlatformLegal title=T::PrivacyTitle intro=T::PrivacyPlatform suffix="privacy"/> }
}

/// `/accessibilita`
#[component]
pub fn PlatformAccessibilityPage() -> impl IntoView {
    view! { <PlatformLegal title=T::A11yTitle intro=T::A11yPlatform suffix="accessibilita"/> }
}

/// `/{ente}/note-legali`: the model's legal notes, with its licence text marked as
/// AgID's validator reads it (one section title, one body, the words exactly so).
#[component]
pub fn EnteLegalNotesPage() -> impl IntoView {
    let frame = Resource::new(slug_param(), load_ente_frame);
    resource_page(frame, |frame| {
        let lang = use_lang();
        let owned = contact_values(&frame);
        let values: Vec<(&str, &str)> = owned.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let brand = ente_brand(&frame, lang);
        let ente = frame.ente;
        let title = lang.t(T::LegalNotesTitle);
        let (usage, links) = (
            lang.tf(T::LegalNotesUse, &values),
            lang.tf(T::LegalNotesLinks, &values),
        );
        view! {
            <PublicLayout brand title=title>
                <Breadcrumbs trail=vec![(ente.name.clone(), format!("/{}", ente.slug))] current=title/>
                <h1 class="mb-4">{title}</h1>
                <div class="piazza-legal">
                    <section class="mb-4">
                        <h2 class="h4" data-element="legal-notes-section">{lang.t(T::LegalNotesLicenceTitle)}</h2>
                        <p data-element="legal-notes-body">{lang.t(T::LegalNotesLicence)}</p>
                        <p>
                            <a href="https://creativecommons.org/licenses/by/4.0/legalcode.it" hreflang="it">
                                {lang.t(T::LegalNotesLicenceLink)}
                            </a>
                        </p>
                    </section>
                    {section(lang, T::LegalNotesUseTitle, usage)}
                    {section(lang, T::LegalNotesLinksTitle, links)}
                </div>
            </PublicLayout>
        }
    })
}
