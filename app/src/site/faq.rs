//! `/{ente}/faq`: the questions people ask about an ente's site and its services,
//! answered with the ente's own contacts and addresses. Each answer opens in place
//! (`<details>`), without JavaScript.

use crate::components::header::Breadcrumbs;
use crate::components::layout::{resource_page, PublicLayout};
use crate::components::nav::route_param;
use crate::ente::brand::ente_brand;
use crate::ente::paths::sections;
use crate::ente::server::load_ente_frame;
use crate::i18n::{use_lang, T};
use leptos::prelude::*;

/// The offices' list.
fn offices(ente: &str) -> String {
    format!("{}/uffici", sections::administration(ente))
}

/// The account pages are the platform's.
fn account(_: &str) -> String {
    "/account".to_string()
}

/// The questions, each with its answer and the page it leads to.
type Question = (T, T, T, fn(&str) -> String);
const QUESTIONS: [Question; 6] = [
    (
        T::FaqFindServiceQ,
        T::FaqFindServiceA,
        T::NavServices,
        sections::services,
    ),
    (T::FaqOfficeQ, T::FaqOfficeA, T::AdminOffices, offices),
    (
        T::FaqBookingQ,
        T::FaqBookingA,
        T::HelpBooking,
        sections::booking,
    ),
    (T::FaqReportQ, T::FaqReportA, T::AdminOffices, offices),
    (T::FaqNewsQ, T::FaqNewsA, T::NavNovita, sections::news),
    (T::FaqAccountQ, T::FaqAccountA, T::HeaderLogin, account),
];

#[component]
pub fn EnteFaqPage() -> impl IntoView {
    let slug = route_param("ente");
    let frame = Resource::new(slug, load_ente_frame);
    resource_page(frame, |frame| {
        let lang = use_lang();
        let e = &frame.ente;
        let values = [
            ("ente", e.name.clone()),
            ("email", e.email.clone()),
            ("phone", e.phone.clone()),
        ];
        let values: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let brand = ente_brand(&frame, lang);
        let ente = frame.ente.clone();
        let title = lang.t(T::FaqTitle);
        let answers: Vec<(T, String, T, String)> = QUESTIONS
            .into_iter()
            .map(|(q, a, link, path)| (q, lang.tf(a, &values), link, path(&ente.slug)))
            .collect();
        view! {
            <PublicLayout brand title=title>
                <Breadcrumbs trail=vec![(ente.name.clone(), format!("/{}", ente.slug))] current=title/>
                <h1 class="mb-4">{title}</h1>
                <div class="piazza-faq">
                    {answers.into_iter().map(|(q, a, link, href)| view! {
                        <details class="mb-3">
                            <summary class="h5">{lang.t(q)}</summary>
                            <p class="mt-2">{a}</p>
                            <p><a href=href>{lang.t(link)}</a></p>
                        </details>
                    }).collect_view()}
                </div>
            </PublicLayout>
        }
    })
}
