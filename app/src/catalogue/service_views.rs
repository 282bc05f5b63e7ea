//! One service's card, as the model lays it out (`sito/servizio-dettaglio.html` of
//! Design Comuni): title, status, description, the index of its sections, the
//! sections with the `data-element`s AgID's validator reads, the office to contact,
//! its topics, how to get help, and its GovernmentService JSON-LD.

use super::model::{category_path, Part, ServiceDetail};
use super::server::{load_service, ServicePage};
use super::views::HelpBox;
use crate::components::header::Breadcrumbs;
use crate::components::layout::{resource_page, PublicLayout};
use crate::components::nav::route_param;
use crate::components::sharing::{JsonLd, SharingMeta};
use crate::ente::brand::ente_brand;
use crate::ente::paths::sections;
use crate::i18n::{use_lang, T};
use leptos::prelude::*;

/// `/{ente}/servizi/{slug}`: one service.
#[component]
pub fn ServiceDetailPage() -> impl IntoView {
    let (ente, slug) = (route_param("ente"), route_param("slug"));
    let key = move || (ente(), slug());
    let data = Resource::new(key, |(e, s)| load_service(e, s));
    resource_page(data, |page| view! { <ServiceView page/> })
}

#[component]
fn ServiceView(page: ServicePage) -> impl IntoView {
    let lang = use_lang();
    let ServicePage {
        frame,
        service,
        url,
        schema,
    } = page;
    let brand = ente_brand(&frame, lang);
    let ente = frame.ente;
    let trail = vec![
        (ente.name.clone(), format!("/{}", ente.slug)),
        (
            lang.t(T::NavServices).to_string(),
            sections::services(&ente.slug),
        ),
        (
            lang.t(service.card.category.label()).to_string(),
            category_path(&ente.slug, service.card.category),
        ),
    ];
    let title = service.card.title.clone();
    view! {
        <SharingMeta kind="website" title=title.clone() description=service.card.summary.clone() url site=ente.name.clone()/>
        <JsonLd data=schema element="metatag"/>
        <PublicLayout brand title=title.clone()>
            <Breadcrumbs trail current=title/>
            <ServiceHead service=service.clone()/>
            <div class="row">
                <ServiceIndex service=service.clone()/>
                <div class="col-12 col-lg-9">
                    <ServiceParts ente=ente.slug.clone() service/>
                    <HelpBox ente=ente.slug.clone()/>
                </div>
            </div>
        </PublicLayout>
    }
}

/// Title, status (and why it is not active), short description.
#[component]
fn ServiceHead(service: ServiceDetail) -> impl IntoView {
    let lang = use_lang();
    let status = if service.card.active {
        T::ServiceActive
    } else {
        T::ServiceInactive
    };
    let reason = service.status_reason;
    view! {
        <h1 data-element="service-title">{service.card.title}</h1>
        <ul class="list-unstyled d-flex flex-wrap gap-1 my-3">
            <li>
                <div class="chip chip-simple" data-element="service-status">
                    <span class="chip-label">{lang.t(status)}</span>
                </div>
            </li>
        </ul>
        {(!reason.is_empty()).then(|| view! { <p class="alert alert-warning">{reason}</p> })}
        <p class="lead" data-element="service-description">{service.card.summary}</p>
    }
}

/// The page's index: the sections written, and those the model always has.
#[component]
fn ServiceIndex(service: ServiceDetail) -> impl IntoView {
    let lang = use_lang();
    let index = service
        .parts
        .iter()
        .filter(|(p, html)| {
            !html.is_empty() || matches!(p, Part::Access | Part::Conditions | Part::Contacts)
        })
        .map(|(p, _)| *p)
        .collect::<Vec<_>>();
    view! {
        <nav class="col-12 col-lg-3 mb-4" aria-labelledby="piazza-index-title">
            <h2 id="piazza-index-title" class="h6 text-uppercase">{lang.t(T::ServiceIndex)}</h2>
            <div class="link-list-wrapper">
                <ul class="link-list" data-element="page-index">
                    {index.into_iter().map(|p| view! {
                        <li class="nav-item"><a class="nav-link" href=format!("#{}", p.anchor())>{lang.t(p.title())}</a></li>
                    }).collect_view()}
                </ul>
            </div>
        </nav>
    }
}

/// The sections, in the model's order, each with the mark the model gives its text.
#[component]
fn ServiceParts(ente: String, service: ServiceDetail) -> impl IntoView {
    let lang = use_lang();
    let ServiceDetail {
        card,
        parts,
        access_url,
        office,
        topics,
        ..
    } = service;
    let booking = sections::booking(&ente);
    let file = format!("{}/condizioni.txt", sections::service(&ente, &card.slug));
    parts
        .into_iter()
        .map(|(part, html)| {
            let body = match part {
                Part::Access => view! { <AccessPart html access_url=access_url.clone() booking=booking.clone()/> }.into_any(),
                Part::Conditions => view! { <ConditionsPart html file=file.clone()/> }.into_any(),
                Part::Contacts => view! {
                    <ContactsPart ente=ente.clone() office=office.clone() topics=topics.clone()/>
                }
                .into_any(),
                _ if html.is_empty() => return ().into_any(),
                _ => view! { <div class="piazza-richtext" data-element=part.element() inner_html=html></div> }.into_any(),
            };
            view! {
                <section id=part.anchor() class="mb-5">
                    <h2 class="h3">{lang.t(part.title())}</h2>
                    {body}
                </section>
            }
            .into_any()
        })
        .collect_view()
}

/// "Accedi al servizio": the other channels, online access, booking an appointment.
#[component]
fn AccessPart(html: String, access_url: String, booking: String) -> impl IntoView {
    let lang = use_lang();
    let online = (access_url.starts_with("https://") || access_url.starts_with("http://"))
        .then_some(access_url);
    view! {
        <div class="piazza-richtext" data-element="service-generic-access" inner_html=html></div>
        <p class="d-flex flex-wrap gap-2">
            {online.map(|href| view! {
                <a class="btn btn-primary" href=href data-element="service-online-access">{lang.t(T::ServiceOnline)}</a>
            })}
            <a class="btn btn-outline-primary" href=booking data-element="service-booking-access">{lang.t(T::HelpBooking)}</a>
        </p>
    }
}

/// "Condizioni di servizio": the conditions, and the same as a file.
#[component]
fn ConditionsPart(html: String, file: String) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div class="piazza-richtext" inner_html=html></div>
        <p><a class="list-item" href=file data-element="service-file">{lang.t(T::ServiceConditionsFile)}</a></p>
    }
}

/// "Contatti": the office that answers for it, and the topics it is about.
#[component]
fn ContactsPart(
    ente: String,
    office: Option<super::model::Office>,
    topics: Vec<super::model::TopicRef>,
) -> impl IntoView {
    let lang = use_lang();
    let office_path = |slug: &str| {
        crate::administration::model::detail_path(
            &ente,
            crate::administration::model::Section::Units(
                crate::administration::model::UnitKind::Office,
            ),
            slug,
        )
    };
    view! {
        {office.map(|o| view! {
            <div class="card card-bg mb-3">
                <div class="card-body">
                    <p class="card-title h5"><a href=office_path(&o.slug) data-element="service-area">{o.name.clone()}</a></p>
                    <ul class="list-unstyled mb-0">
                        {(!o.address.is_empty()).then(|| view! { <li>{o.address.clone()}</li> })}
                        {(!o.phone.is_empty()).then(|| view! { <li>{lang.t(T::ContactPhone)} ": " {o.phone.clone()}</li> })}
                        {(!o.email.is_empty()).then(|| view! {
                            <li>{lang.t(T::ContactEmail)} ": " <a href=format!("mailto:{}", o.email)>{o.email.clone()}</a></li>
                        })}
                    </ul>
                </div>
            </div>
        })}
        {(!topics.is_empty()).then(|| view! {
            <p class="mb-1">{lang.t(T::TopicsLabel)}</p>
            <ul class="list-unstyled d-flex flex-wrap gap-2">
                {topics.into_iter().map(|t| view! {
                    <li>
                        <a class="chip chip-simple" href=sections::topic(&ente, &t.slug) data-element="service-topic">
                            <span class="chip-label">{t.name}</span>
                        </a>
                    </li>
                }).collect_view()}
            </ul>
        })}
    }
}
