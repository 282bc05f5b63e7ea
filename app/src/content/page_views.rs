//! A free page of the ente's site, `/{ente}/pagine/{slug}`: its section in the
//! breadcrumb, its text, its topic.

use super::model::{FreePage, PageSection};
use crate::components::header::Breadcrumbs;
use crate::components::layout::{resource_page, PublicLayout};
use crate::components::nav::route_param as param;
use crate::components::sharing::{JsonLd, SharingMeta};
use crate::ente::model::EnteFrame;
use crate::ente::paths::sections;
use crate::error::AppError;
use crate::i18n::{use_lang, T};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FreePageView {
    pub frame: EnteFrame,
    pub page: FreePage,
    /// Its address, whole (for sharing and search engines).
    pub url: String,
}

/// One free page of an ente (module Site).
#[server(endpoint = "content/page")]
pub async fn load_free_page(ente: String, slug: String) -> Result<FreePageView, AppError> {
    use crate::ente::{model::Module, server::module_frame};
    let (state, frame) = module_frame(&ente, Module::Site).await?;
    let page = super::page_repo::by_slug(&state.db, frame.ente.id, &slug)
        .await?
        .ok_or_else(|| crate::auth::server::fail(AppError::NotFound))?;
    let url = state.link(&super::model::page_path(&frame.ente.slug, &page.slug));
    Ok(FreePageView { frame, page, url })
}

#[component]
pub fn FreePagePage() -> impl IntoView {
    let (ente, slug) = (param("ente"), param("slug"));
    let data = Resource::new(move || (ente(), slug()), |(e, s)| load_free_page(e, s));
    resource_page(data, |data| view! { <FreePageBody data/> })
}

#[component]
fn FreePageBody(data: FreePageView) -> impl IntoView {
    let lang = use_lang();
    let FreePageView { frame, page, url } = data;
    let brand = crate::ente::brand::ente_brand(&frame, lang);
    let ente = frame.ente;
    let (section, section_href) = match page.section {
        PageSection::Administration => (T::NavAdministration, sections::administration(&ente.slug)),
        PageSection::Live if ente.kind.is_aggregation() => {
            (T::NavLiveUnione, sections::live(&ente.slug))
        }
        PageSection::Live => (T::NavLive, sections::live(&ente.slug)),
    };
    let schema = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "WebPage",
        "name": page.title,
        "description": page.summary,
        "dateModified": page.updated_at.with_timezone(&chrono_tz::Europe::Rome).to_rfc3339(),
        "inLanguage": "it",
        "url": url,
        "publisher": {"@type": "GovernmentOrganization", "name": ente.name},
    });
    let topic = page.topic.map(|(slug, name)| {
        view! {
            <p class="mt-4">
                <span class="me-2">{lang.t(T::TopicsLabel)}</span>
                <a class="chip chip-simple" href=sections::topic(&ente.slug, &slug)>
                    <span class="chip-label">{name}</span>
                </a>
            </p>
        }
    });
    view! {
        <SharingMeta kind="website" title=page.title.clone() description=page.summary.clone()
            url site=ente.name.clone()/>
        <JsonLd data=schema/>
        <PublicLayout brand title=page.title.clone()>
            <Breadcrumbs
                trail=vec![
                    (ente.name.clone(), format!("/{}", ente.slug)),
                    (lang.t(section).to_string(), section_href),
                ]
                current=page.title.clone()
            />
            <article>
                <h1 data-element="page-name">{page.title.clone()}</h1>
                <p class="lead">{page.summary.clone()}</p>
                <div class="piazza-news-body" inner_html=page.body_html.clone()></div>
                {topic}
                <p class="text-muted small mt-4">
                    {lang.tf(T::PageUpdated, &[("date", &lang.date(crate::i18n::Lang::local_date(page.updated_at)))])}
                </p>
            </article>
        </PublicLayout>
    }
}
