//! The topics (argomenti) of an ente's site: every topic of the model's vocabulary,
//! and one topic's page with what the site holds about it.

use crate::catalogue::model::{ServiceCard, TopicRef};
use crate::catalogue::views::ServiceList;
use crate::components::header::Breadcrumbs;
use crate::components::layout::{resource_page, PublicLayout};
use crate::components::nav::route_param;
use crate::ente::brand::SectionPage;
use crate::ente::model::{EnteFrame, Listing};
use crate::ente::paths::sections;
use crate::error::AppError;
use crate::i18n::{use_lang, T};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Every topic, with how many services are about it.
#[server(endpoint = "site/topics")]
pub async fn load_topics(ente: String) -> Result<Listing<Vec<(TopicRef, i64)>>, AppError> {
    let (state, frame) =
        crate::ente::server::module_frame(&ente, crate::ente::model::Module::Site).await?;
    let topics = crate::catalogue::repo::topics(&state.db, crate::i18n::detect_lang()).await?;
    let counts = crate::catalogue::repo::topic_counts(&state.db, frame.ente.id).await?;
    let items = topics
        .into_iter()
        .map(|t| {
            let n = counts
                .iter()
                .find(|(s, _)| *s == t.slug)
                .map_or(0, |(_, n)| *n);
            (t, n)
        })
        .collect();
    Ok(Listing { frame, items })
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TopicPage {
    pub frame: EnteFrame,
    pub topic: TopicRef,
    pub services: Vec<ServiceCard>,
    /// News items and events on the topic: (title, address, date).
    pub news: Vec<(String, String, String)>,
}

/// One topic and the services about it.
#[server(endpoint = "site/topic")]
pub async fn load_topic(ente: String, slug: String) -> Result<TopicPage, AppError> {
    let (state, frame) =
        crate::ente::server::module_frame(&ente, crate::ente::model::Module::Site).await?;
    let topic = crate::catalogue::repo::topics(&state.db, crate::i18n::detect_lang())
        .await?
        .into_iter()
        .find(|t| t.slug == slug)
        .ok_or_else(|| crate::auth::server::fail(AppError::NotFound))?;
    let services = crate::catalogue::repo::about(&state.db, frame.ente.id, &topic.slug).await?;
    let interest = crate::content::repo::Interest::Topic(&topic.slug);
    let rows =
        crate::content::repo::on_topics(&state.db, frame.ente.id, interest, state.clock.now(), 12)
            .await?;
    let news =
        crate::content::model::topic_links(&frame.ente.slug, crate::i18n::detect_lang(), rows);
    Ok(TopicPage {
        news,
        frame,
        topic,
        services,
    })
}

/// News items and events as links, each with its date: (title, address, date).
#[component]
pub fn DatedLinks(items: Vec<(String, String, String)>) -> impl IntoView {
    view! {
        <ul class="link-list">
            {items.into_iter().map(|(title, href, when)| view! {
                <li><a href=href>{title}</a>{" · "}<span class="small text-muted">{when}</span></li>
            }).collect_view()}
        </ul>
    }
}

/// `/{ente}/argomenti`: every topic (the link holds only its name, as the model asks).
#[component]
pub fn TopicsPage() -> impl IntoView {
    let ente = route_param("ente");
    let data = Resource::new(ente, load_topics);
    resource_page(data, |list| {
        let lang = use_lang();
        let slug = list.frame.ente.slug.clone();
        view! {
            <SectionPage frame=list.frame title=T::TopicsAll>
                <p class="lead">{lang.t(T::TopicsIntro)}</p>
                <ul class="row list-unstyled g-3">
                    {list.items.into_iter().map(|(t, n)| view! {
                        <li class="col-12 col-md-6 col-lg-4">
                            <div class="card card-bg h-100">
                                <div class="card-body">
                                    <a href=sections::topic(&slug, &t.slug) data-element="topic-element">
                                        <h2 class="card-title h6 mb-1">{t.name}</h2>
                                    </a>
                                    <p class="card-text small text-muted mb-0">
                                        {lang.tf(T::ServicesCount, &[("n", &lang.number(n))])}
                                    </p>
                                </div>
                            </div>
                        </li>
                    }).collect_view()}
                </ul>
            </SectionPage>
        }
    })
}

/// `/{ente}/argomenti/{slug}`: what the site holds about one topic.
#[component]
pub fn TopicDetailPage() -> impl IntoView {
    let (ente, slug) = (route_param("ente"), route_param("slug"));
    let key = move || (ente(), slug());
    let data = Resource::new(key, |(e, s)| load_topic(e, s));
    resource_page(data, |page| {
        let lang = use_lang();
        let TopicPage {
            frame,
            topic,
            services,
            news,
        } = page;
        let brand = crate::ente::brand::ente_brand(&frame, lang);
        let slug = frame.ente.slug.clone();
        let trail = vec![
            (frame.ente.name.clone(), format!("/{slug}")),
            (lang.t(T::TopicsAll).to_string(), sections::topics(&slug)),
        ];
        view! {
            <PublicLayout brand title=topic.name.clone()>
                <Breadcrumbs trail current=topic.name.clone()/>
                <p class="category-top mb-1">{lang.t(T::TopicsOne)}</p>
                <h1 class="mb-4">{topic.name.clone()}</h1>
                {(!news.is_empty()).then(|| view! {
                    <h2 class="h4">{lang.t(T::TopicsNews)}</h2>
                    <div class="mb-5"><DatedLinks items=news/></div>
                })}
                <h2 class="h4">{lang.t(T::NavServices)}</h2>
                <ServiceList ente=slug items=services/>
            </PublicLayout>
        }
    })
}
