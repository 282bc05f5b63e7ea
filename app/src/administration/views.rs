//! The pages of Amministrazione: the landing page with its sections, a section's
//! list, and the page of a unit (organ, area, office) or a person.

use super::model::{detail_path, section_path, Detail, Member, Section};
use super::server::{load_administration, load_detail, load_section, DetailPage};
use crate::components::cards::{CategoryCard, CategoryCards, LinkCards};
use crate::components::header::Breadcrumbs;
use crate::components::layout::{resource_page, PublicLayout};
use crate::components::nav::route_param as param;
use crate::components::sharing::SharingMeta;
use crate::ente::brand::{ente_brand, SectionPage};
use crate::ente::paths::sections;
use crate::i18n::{use_lang, T};
use leptos::prelude::*;

/// `/{ente}/amministrazione`: the model's sections of the administration.
#[component]
pub fn AdministrationPage() -> impl IntoView {
    let ente = param("ente");
    let data = Resource::new(ente, load_administration);
    resource_page(data, |home| {
        let lang = use_lang();
        let slug = home.frame.ente.slug.clone();
        let pages = crate::content::section_views::page_cards(&slug, home.items.pages);
        let cards = home
            .items
            .sections
            .into_iter()
            .map(|(section, n)| CategoryCard {
                title: lang.t(section.title()).to_string(),
                href: section_path(&slug, section),
                blurb: lang.t(section.blurb()).to_string(),
                count: Some(lang.tf(T::AdminCount, &[("n", &lang.number(n))])),
                element: "management-category-link",
            })
            .collect();
        view! {
            <SectionPage frame=home.frame title=T::NavAdministration>
                <p class="lead">{lang.t(T::AdminIntro)}</p>
                <CategoryCards items=cards/>
                {pages}
            </SectionPage>
        }
    })
}

/// `/{ente}/amministrazione/{sezione}`: the organs, areas, offices, politicians or staff.
#[component]
pub fn AdministrationSectionPage() -> impl IntoView {
    let (ente, sezione) = (param("ente"), param("sezione"));
    let data = Resource::new(move || (ente(), sezione()), |(e, s)| load_section(e, s));
    resource_page(data, |list| {
        let lang = use_lang();
        let slug = list.frame.ente.slug.clone();
        let section = list.section;
        let up = vec![(
            lang.t(T::NavAdministration).to_string(),
            sections::administration(&slug),
        )];
        let items: Vec<(String, String, String)> = list
            .items
            .into_iter()
            .map(|c| {
                let line = [c.role.as_str(), c.summary.as_str()]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(" · ");
                (c.name, detail_path(&slug, section, &c.slug), line)
            })
            .collect();
        let empty = items.is_empty();
        view! {
            <SectionPage frame=list.frame title=section.title() up>
                <p class="lead">{lang.t(section.blurb())}</p>
                {empty.then(|| view! { <p class="text-muted">{lang.t(T::AdminEmpty)}</p> })}
                <LinkCards items element="administration-link"/>
            </SectionPage>
        }
    })
}

/// `/{ente}/amministrazione/{sezione}/{slug}`: one unit or one person.
#[component]
pub fn AdministrationDetailPage() -> impl IntoView {
    let (ente, sezione, slug) = (param("ente"), param("sezione"), param("slug"));
    let data = Resource::new(
        move || (ente(), sezione(), slug()),
        |(e, s, x)| load_detail(e, s, x),
    );
    resource_page(data, |page| view! { <DetailView page/> })
}

#[component]
fn DetailView(page: DetailPage) -> impl IntoView {
    let lang = use_lang();
    let DetailPage { frame, detail, url } = page;
    let brand = ente_brand(&frame, lang);
    let ente = frame.ente;
    let section = detail.section;
    let trail = vec![
        (ente.name.clone(), format!("/{}", ente.slug)),
        (
            lang.t(T::NavAdministration).to_string(),
            sections::administration(&ente.slug),
        ),
        (
            lang.t(section.title()).to_string(),
            section_path(&ente.slug, section),
        ),
    ];
    let Detail {
        card,
        body_html,
        contacts,
        place,
        parent,
        members,
        services,
        ..
    } = detail;
    let slug = ente.slug.clone();
    let link = move |m: &Member| detail_path(&slug, m.section, &m.slug);
    let members = members
        .iter()
        .map(|m| {
            let role = (!m.role.is_empty()).then(|| format!(" · {}", m.role));
            view! { <li><a href=link(m)>{m.name.clone()}</a>{role}</li> }
        })
        .collect_view();
    let members_title = match section {
        Section::Units(_) => T::AdminMembers,
        Section::People(_) => T::AdminSitsIn,
    };
    view! {
        <SharingMeta kind="website" title=card.name.clone() description=card.summary.clone() url site=ente.name.clone()/>
        <PublicLayout brand title=card.name.clone()>
            <Breadcrumbs trail current=card.name.clone()/>
            <article>
                <h1>{card.name.clone()}</h1>
                {(!card.role.is_empty()).then(|| view! { <p class="h5 text-muted">{card.role.clone()}</p> })}
                <p class="lead">{card.summary.clone()}</p>
                {parent.map(|p| view! {
                    <p>{lang.t(T::AdminPartOf)} " " <a href=detail_path(&ente.slug, p.section, &p.slug)>{p.name}</a></p>
                })}
                <div class="piazza-richtext" inner_html=body_html></div>
                <ContactsBox contacts place/>
                {(!members.is_empty()).then(|| view! {
                    <section class="mt-4">
                        <h2 class="h4">{lang.t(members_title)}</h2>
                        <ul>{members}</ul>
                    </section>
                })}
                {(!services.is_empty()).then(|| view! {
                    <section class="mt-4">
                        <h2 class="h4">{lang.t(T::AdminServices)}</h2>
                        <ul>
                            {services.into_iter().map(|(title, s)| view! {
                                <li><a href=sections::service(&ente.slug, &s)>{title}</a></li>
                            }).collect_view()}
                        </ul>
                    </section>
                })}
            </article>
        </PublicLayout>
    }
}

/// How to reach a unit or a person: phone, mail, PEC, hours, where.
#[component]
fn ContactsBox(
    contacts: super::model::Contacts,
    place: Option<super::model::Whereabouts>,
) -> impl IntoView {
    let lang = use_lang();
    let super::model::Contacts {
        phone,
        email,
        pec,
        hours,
    } = contacts;
    if phone.is_empty() && email.is_empty() && pec.is_empty() && hours.is_empty() && place.is_none()
    {
        return ().into_any();
    }
    view! {
        <section class="mt-4 card card-bg">
            <div class="card-body">
                <h2 class="h4 card-title">{lang.t(T::AdminContacts)}</h2>
                <ul class="list-unstyled mb-0">
                    {place.map(|p| view! { <li>{format!("{}: {} · {}", lang.t(T::ContactAddress), p.name, p.address)}</li> })}
                    {(!phone.is_empty()).then(|| view! {
                        <li>{lang.t(T::ContactPhone)} ": " <a href=format!("tel:{}", phone.replace(' ', ""))>{phone.clone()}</a></li>
                    })}
                    {(!email.is_empty()).then(|| view! {
                        <li>{lang.t(T::ContactEmail)} ": " <a href=format!("mailto:{email}")>{email.clone()}</a></li>
                    })}
                    {(!pec.is_empty()).then(|| view! { <li>{format!("{}: {pec}", lang.t(T::ContactPec))}</li> })}
                </ul>
                {(!hours.is_empty()).then(|| view! {
                    <h3 class="h6 mt-3">{lang.t(T::AdminHours)}</h3>
                    <ul class="mb-0">{hours.into_iter().map(|h| view! { <li>{h}</li> }).collect_view()}</ul>
                })}
            </div>
        </section>
    }
    .into_any()
}

/// `/{ente}/prenota-appuntamento`: until the booking engine (the spaces module) is
/// built, an appointment is asked of the office itself: its page has its hours and
/// contacts.
#[component]
pub fn BookingPage() -> impl IntoView {
    let ente = param("ente");
    let data = Resource::new(ente, |e| {
        load_section(
            e,
            Section::Units(super::model::UnitKind::Office)
                .path()
                .to_string(),
        )
    });
    resource_page(data, |list| {
        let lang = use_lang();
        let slug = list.frame.ente.slug.clone();
        let items: Vec<(String, String, String)> = list
            .items
            .into_iter()
            .map(|c| (c.name, detail_path(&slug, list.section, &c.slug), c.summary))
            .collect();
        view! {
            <SectionPage frame=list.frame title=T::HelpBooking>
                <p class="lead">{lang.t(T::BookingIntro)}</p>
                <LinkCards items element="booking-office-link"/>
            </SectionPage>
        }
    })
}
