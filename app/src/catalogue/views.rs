//! Servizi: the landing page (categories, every service, how to get help) and a
//! category's page. One service's card is `service_views.rs`.

use super::model::{category_path, ServiceCard};
use super::server::{load_services, ServicesPage};
use crate::administration::model::{section_path, Section, UnitKind};
use crate::components::cards::{CategoryCard, CategoryCards};
use crate::components::layout::resource_page;
use crate::components::nav::route_param;
use crate::ente::brand::SectionPage;
use crate::ente::paths::sections;
use crate::i18n::{use_lang, T};
use leptos::prelude::*;

/// `/{ente}/servizi`: the categories, then every service.
#[component]
pub fn ServicesHomePage() -> impl IntoView {
    let ente = route_param("ente");
    let data = Resource::new(ente, |e| load_services(e, String::new()));
    resource_page(data, |page| view! { <Services page/> })
}

/// `/{ente}/servizi/categoria/{categoria}`: the services of one category.
#[component]
pub fn ServiceCategoryPage() -> impl IntoView {
    let (ente, category) = (route_param("ente"), route_param("categoria"));
    let key = move || (ente(), category());
    let data = Resource::new(key, |(e, c)| load_services(e, c));
    resource_page(data, |page| view! { <Services page/> })
}

#[component]
fn Services(page: ServicesPage) -> impl IntoView {
    let lang = use_lang();
    let ServicesPage {
        frame,
        category,
        categories,
        items,
    } = page;
    let slug = frame.ente.slug.clone();
    let (title, up) = match category {
        None => (T::NavServices, Vec::new()),
        Some(c) => (
            c.label(),
            vec![(
                lang.t(T::NavServices).to_string(),
                sections::services(&slug),
            )],
        ),
    };
    let cards = category.is_none().then(|| {
        let cards = categories
            .into_iter()
            .map(|(c, n)| CategoryCard {
                title: lang.t(c.label()).to_string(),
                href: category_path(&slug, c),
                blurb: String::new(),
                count: Some(lang.tf(T::ServicesCount, &[("n", &lang.number(n as i64))])),
                element: "service-category-link",
            })
            .collect();
        view! {
            <h2 class="h4">{lang.t(T::ServicesCategories)}</h2>
            <CategoryCards items=cards level=3/>
        }
    });
    view! {
        <SectionPage frame title up>
            <p class="lead">{lang.t(if category.is_none() { T::ServicesIntro } else { T::ServicesCategoryIntro })}</p>
            {cards}
            <h2 class="h4">{lang.tf(T::ServicesAll, &[("n", &lang.number(items.len() as i64))])}</h2>
            <ServiceList ente=slug.clone() items/>
            <HelpBox ente=slug/>
        </SectionPage>
    }
}

/// Services in a list: title (the link the model marks `service-link`), category,
/// summary, and whether it is not active.
#[component]
pub fn ServiceList(ente: String, items: Vec<ServiceCard>) -> impl IntoView {
    let lang = use_lang();
    if items.is_empty() {
        return view! { <p class="text-muted">{lang.t(T::ServicesEmpty)}</p> }.into_any();
    }
    view! {
        <div class="row g-4 mb-5">
            {items
                .into_iter()
                .map(|s| view! {
                    <div class="col-12 col-md-6 col-lg-4">
                        <div class="card card-bg h-100">
                            <div class="card-body">
                                <p class="category-top mb-1">{lang.t(s.category.label())}</p>
                                <h3 class="card-title h5">
                                    <a href=sections::service(&ente, &s.slug) data-element="service-link">{s.title.clone()}</a>
                                </h3>
                                <p class="card-text">{s.summary.clone()}</p>
                                {(!s.active).then(|| view! { <span class="badge bg-secondary">{lang.t(T::ServiceInactive)}</span> })}
                            </div>
                        </div>
                    </div>
                })
                .collect_view()}
        </div>
    }
    .into_any()
}

/// "Contatta il comune": the FAQ, booking an appointment (the link the model marks
/// `appointment-booking`), reporting an inefficiency.
#[component]
pub fn HelpBox(ente: String) -> impl IntoView {
    let lang = use_lang();
    let offices = section_path(&ente, Section::Units(UnitKind::Office));
    view! {
        <section class="card card-bg mt-4" aria-labelledby="piazza-help-title">
            <div class="card-body">
                <h2 id="piazza-help-title" class="h4 card-title">{lang.t(T::HelpTitle)}</h2>
                <div class="link-list-wrapper">
                    <ul class="link-list">
                        <li><a class="list-item" href=sections::faq(&ente)>{lang.t(T::HelpFaq)}</a></li>
                        <li>
                            <a class="list-item" href=sections::booking(&ente) data-element="appointment-booking">
                                {lang.t(T::HelpBooking)}
                            </a>
                        </li>
                        <li><a class="list-item" href=offices>{lang.t(T::HelpOffices)}</a></li>
                    </ul>
                </div>
            </div>
        </section>
    }
}
