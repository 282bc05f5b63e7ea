//! `/comunita/{slug}/salute`: the health of a community's forum, for its tutors —
//! activity per week as charts, threads waiting for an answer, members at risk of
//! dropping out. The numbers are computed in `health.rs` (server only).

use super::model::Health;
use crate::community::frame::CommunityFrame;
use crate::components::layout::resource_page;
use crate::components::table::EmptyState;
use crate::error::AppError;
use crate::i18n::{use_lang, T};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// `/comunita/{slug}/salute`: the community's health, for tutors.
#[server(endpoint = "community/health")]
pub async fn load_health(community: String) -> Result<Health, AppError> {
    let (state, c, actor) =
        crate::community::server::enter(&community, crate::auth::policy::Action::ModerateCommunity)
            .await?;
    super::health::health(&state, &actor, &c, crate::i18n::detect_lang())
        .await
        .map_err(crate::auth::server::fail)
}

#[component]
pub fn HealthPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let data = Resource::new(slug, load_health);
    resource_page(data, |h| view! { <HealthView h/> })
}

#[component]
fn HealthView(h: Health) -> impl IntoView {
    use crate::components::chart::BarChart;
    let lang = use_lang();
    let slug = h.bar.slug.clone();
    view! {
        <CommunityFrame bar=h.bar.clone() title=lang.t(T::CommunityHealth).to_string()>
            <h1>{lang.t(T::CommunityHealth)}</h1>
            <p class="lead">{lang.tf(T::CommunityHealthIntro, &[("count", &h.members.to_string())])}</p>
            <div class="row">
                <section class="col-12 col-xl-6 mb-4"><BarChart title=lang.t(T::CommunityHealthActive).to_string() bars=h.active.clone() label_every=2/></section>
                <section class="col-12 col-xl-6 mb-4"><BarChart title=lang.t(T::CommunityHealthThreads).to_string() bars=h.threads.clone() label_every=2/></section>
                <section class="col-12 col-xl-6 mb-4"><BarChart title=lang.t(T::CommunityHealthReplies).to_string() bars=h.replies.clone() label_every=2/></section>
                <section class="col-12 col-xl-6 mb-4"><BarChart title=lang.t(T::CommunityHealthFirstReply).to_string() bars=h.first_reply.clone() label_every=2/></section>
            </div>
            <section class="mb-4" aria-labelledby="unanswered-title">
                <h2 id="unanswered-title" class="h4">{lang.tf(T::CommunityHealthUnanswered, &[("count", &h.unanswered.len().to_string())])}</h2>
                {if h.unanswered.is_empty() {
                    view! { <EmptyState text=T::CommunityHealthNoneUnanswered/> }.into_any()
                } else {
                    view! {
                        <ul class="list-unstyled">
                            {h.unanswered.iter().map(|w| view! {
                                <li class="mb-2">
                                    <a href=format!("/comunita/{slug}/forum/t/{}", w.id)>{w.title.clone()}</a>
                                    <span class="small">" · "{w.author.clone()}" · "{lang.tf(T::CommunityHealthWaiting, &[("days", &w.days.to_string())])}</span>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>
            <section class="mb-4" aria-labelledby="risk-title">
                <h2 id="risk-title" class="h4">{lang.tf(T::CommunityHealthAtRisk, &[("count", &h.at_risk.len().to_string())])}</h2>
                <p>{lang.t(T::CommunityHealthAtRiskHelp)}</p>
                {if h.at_risk.is_empty() {
                    view! { <EmptyState text=T::CommunityHealthNoneAtRisk/> }.into_any()
                } else {
                    view! {
                        <div class="table-responsive">
                            <table class="table">
                                <caption class="visually-hidden">{lang.t(T::CommunityHealthAtRiskCaption)}</caption>
                                <thead><tr>
                                    <th scope="col">{lang.t(T::CommunityHealthMember)}</th>
                                    <th scope="col">{lang.t(T::CommunityHealthLastPost)}</th>
                                    <th scope="col">{lang.t(T::CommunityHealthPosts)}</th>
                                </tr></thead>
                                <tbody>
                                    {h.at_risk.iter().map(|m| view! {
                                        <tr>
                                            <th scope="row">{m.name.clone()}</th>
                                            <td>{m.last_active.clone().unwrap_or_else(|| lang.t(T::CommunityHealthNever).to_string())}</td>
                                            <td>{m.posts}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any()
                }}
            </section>
        </CommunityFrame>
    }
}
