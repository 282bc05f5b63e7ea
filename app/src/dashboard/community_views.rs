//! The community area's own pages: `/comunita/{slug}/membri` (members with their
//! profiles, requests to join) and `/comunita/{slug}/impostazioni` (description,
//! visibility, moderation settings, cover). Their actions are the community's
//! server functions (`community::server`).

use super::server::{load_members, load_settings};
use crate::community::frame::CommunityFrame;
use crate::community::model::*;
use crate::community::server::{DecideRequest, SaveSettings, SetAuthor};
use crate::components::form::{
    action_error, ErrorSummary, Field, Notice, SelectField, Submit, TextArea,
};
use crate::components::layout::resource_page;
use crate::components::nav::{query_flag, query_value};
use crate::i18n::{use_lang, T};
use crate::upload::model::problem_of;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

fn slug_param() -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let params = use_params_map();
    move || params.read().get("slug").unwrap_or_default()
}

#[component]
pub fn MembersPageView() -> impl IntoView {
    let slug = slug_param();
    let decide = ServerAction::<DecideRequest>::new();
    let author = ServerAction::<SetAuthor>::new();
    let data = Resource::new(
        move || (slug(), decide.version().get(), author.version().get()),
        |(s, ..)| load_members(s),
    );
    resource_page(data, move |page| view! { <Members page decide author/> })
}

#[component]
fn Members(
    page: MembersPage,
    decide: ServerAction<DecideRequest>,
    author: ServerAction<SetAuthor>,
) -> impl IntoView {
    let lang = use_lang();
    let slug = page.bar.slug.clone();
    let errors = action_error(decide);
    let invite = format!("/gestione/persone?ambito=comunita:{slug}");
    let count = page.members.len().to_string();
    view! {
        <CommunityFrame bar=page.bar.clone() title=lang.t(T::CommunityMembersTitle).to_string()>
            <div class="d-flex flex-wrap align-items-center gap-3 mb-3">
                <h1 class="mb-0 me-auto">{lang.t(T::CommunityMembersTitle)}</h1>
                {page.may_invite.then(|| view! { <a class="btn btn-primary" href=invite>{lang.t(T::CommunityInvite)}</a> })}
            </div>
            <ErrorSummary form="decide" errors/>
            {(!page.requests.is_empty()).then(|| {
                let requests = page.requests.clone();
                view! {
                    <section class="mb-5" aria-labelledby="requests-title">
                        <h2 id="requests-title" class="h4">{lang.tf(T::CommunityRequests, &[("count", &requests.len().to_string())])}</h2>
                        <ul class="list-unstyled">
                            {requests.into_iter().map(|r| view! { <RequestItem r slug=slug.clone() decide/> }).collect_view()}
                        </ul>
                    </section>
                }
            })}
            <section aria-labelledby="members-list-title">
                <h2 id="members-list-title" class="h4">{lang.tf(T::CommunityMembers, &[("count", &count)])}</h2>
                <ul class="row list-unstyled piazza-members">
                    {page.members.into_iter().map(|m| {
                        let tools = (page.bar.may_moderate && !m.tutor).then(|| (slug.clone(), author));
                        view! { <MemberCard m tools/> }
                    }).collect_view()}
                </ul>
            </section>
        </CommunityFrame>
    }
}

#[component]
fn MemberCard(m: MemberProfile, tools: Option<(String, ServerAction<SetAuthor>)>) -> impl IntoView {
    let lang = use_lang();
    let who = m.name.clone();
    view! {
        <li class="col-12 col-md-6 col-xl-4 mb-3">
            <div class="card card-bg h-100 piazza-member">
                <div class="card-body">
                    <p class="h6 mb-1">
                        {m.name.clone()}
                        {m.tutor.then(|| view! { " "<span class="badge bg-primary">{lang.t(T::RoleCommunityTutor)}</span> })}
                    </p>
                    {(!m.handle.is_empty()).then(|| view! { <p class="small text-muted mb-1">{format!("@{}", m.handle)}</p> })}
                    {(!m.job_title.is_empty()).then(|| view! { <p class="mb-1">{m.job_title.clone()}</p> })}
                    {m.ente.clone().map(|e| view! { <p class="small mb-1">{e}</p> })}
                    {(!m.skills.is_empty()).then(|| view! {
                        <p class="mb-1">
                            <span class="visually-hidden">{lang.t(T::CommunitySkills)}": "</span>
                            {m.skills.iter().map(|s| view! { <span class="badge bg-light text-dark border me-1">{s.clone()}</span> }).collect_view()}
                        </p>
                    })}
                    <p class="small mb-0">{lang.tf(T::CommunityMemberSince, &[("date", &m.since)])}</p>
                    {m.blog_author.then(|| view! { <p class="small mb-0"><span class="badge bg-secondary">{lang.t(T::BlogAuthor)}</span></p> })}
                    {tools.map(|(slug, action)| view! {
                        <ActionForm action attr:class="mt-2">
                            <input type="hidden" name="community" value=slug/>
                            <input type="hidden" name="account" value=m.account_id.to_string()/>
                            {(!m.blog_author).then(|| view! { <input type="hidden" name="on" value="on"/> })}
                            <button type="submit" class="btn btn-sm btn-outline-primary">
                                {lang.tf(if m.blog_author { T::BlogStopAuthor } else { T::BlogMakeAuthor }, &[("who", &who)])}
                            </button>
                        </ActionForm>
                    })}
                </div>
            </div>
        </li>
    }
}

#[component]
fn RequestItem(r: JoinRequest, slug: String, decide: ServerAction<DecideRequest>) -> impl IntoView {
    let lang = use_lang();
    let id = r.id.to_string();
    let reason_id = format!("decline-{}-reason", r.id);
    let (slug2, id2) = (slug.clone(), id.clone());
    view! {
        <li class="card card-bg mb-3 piazza-request">
            <div class="card-body">
                <p class="h6 mb-1">{r.name.clone()}" · "<span class="small">{r.email.clone()}</span></p>
                {(!r.job_title.is_empty()).then(|| view! { <p class="mb-1">{r.job_title.clone()}</p> })}
                {r.ente.clone().map(|e| view! { <p class="small mb-1">{e}</p> })}
                {(!r.message.is_empty()).then(|| view! { <blockquote class="mb-2">{r.message.clone()}</blockquote> })}
                <p class="small">{r.at.clone()}</p>
                <div class="d-flex flex-wrap gap-3 align-items-start">
                    <ActionForm action=decide attr:class="d-inline">
                        <input type="hidden" name="community" value=slug/>
                        <input type="hidden" name="request" value=id/>
                        <input type="hidden" name="decision" value="approve"/>
                        <button type="submit" class="btn btn-success btn-sm">{lang.tf(T::CommunityApprove, &[("who", &r.name)])}</button>
                    </ActionForm>
                    <details>
                        <summary class="btn btn-outline-danger btn-sm">{lang.t(T::CommunityDecline)}</summary>
                        <ActionForm action=decide attr:class="piazza-form mt-2">
                            <input type="hidden" name="community" value=slug2/>
                            <input type="hidden" name="request" value=id2/>
                            <input type="hidden" name="decision" value="decline"/>
                            <div class="form-group">
                                <label for=reason_id.clone() class="active">{lang.t(T::CommunityDeclineReason)}</label>
                                <input type="text" id=reason_id name="reason" class="form-control" maxlength=MESSAGE_MAX_CHARS.to_string()/>
                            </div>
                            <button type="submit" class="btn btn-danger btn-sm">{lang.t(T::CommunityDeclineSend)}</button>
                        </ActionForm>
                    </details>
                </div>
            </div>
        </li>
    }
}

#[component]
pub fn SettingsPage() -> impl IntoView {
    let slug = slug_param();
    let data = Resource::new(slug, load_settings);
    resource_page(data, |s| view! { <SettingsView s/> })
}

#[component]
fn SettingsView(s: Settings) -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<SaveSettings>::new();
    let errors = action_error(action);
    let saved = query_flag("salvato");
    let uploaded = query_flag("caricato");
    let refused = query_value("errore");
    let slug = s.bar.slug.clone();
    let visibilities: Vec<(String, String)> = Visibility::ALL
        .into_iter()
        .map(|v| (v.code().to_string(), lang.t(v.label()).to_string()))
        .collect();
    let cover_action = community_path(&slug, "copertina");
    let approvals: Vec<(String, String)> = APPROVE_FIRST_POSTS
        .map(|n| {
            let label = match n {
                0 => lang.t(T::CommunityApproveNone).to_string(),
                1 => lang.t(T::CommunityApproveFirst).to_string(),
                n => lang.tf(T::CommunityApproveFirstN, &[("count", &n.to_string())]),
            };
            (n.to_string(), label)
        })
        .collect();
    let approve_selected = s.approve_first_posts.to_string();
    view! {
        <CommunityFrame bar=s.bar.clone() title=lang.t(T::CommunitySettings).to_string()>
            <h1>{lang.t(T::CommunitySettings)}</h1>
            <Show when=move || saved.get() || action.value().get().is_some_and(|r| r.is_ok())>
                <Notice text=T::CommunitySaved/>
            </Show>
            <section class="mb-5" aria-labelledby="settings-title">
                <h2 id="settings-title" class="h4">{s.name.clone()}</h2>
                <ActionForm action attr:class="piazza-form" attr:novalidate=true>
                    <ErrorSummary form="settings" errors/>
                    <input type="hidden" name="community" value=slug.clone()/>
                    <TextArea form="settings" name="description" label=T::CommunityDescription maxlength=DESCRIPTION_MAX_CHARS as u32 value=s.description.clone() errors/>
                    <SelectField form="settings" name="visibility" label=T::CommunityVisibility options=visibilities selected=s.visibility.code() help=T::CommunityVisibilityHelp errors/>
                    <Field form="settings" name="flag_threshold" kind="number" label=T::CommunityFlagThreshold help=T::CommunityFlagThresholdHelp
                        value=s.flag_threshold.to_string() maxlength=2 errors/>
                    <SelectField form="settings" name="approve_first_posts" label=T::CommunityApproveFirstPosts options=approvals
                        selected=approve_selected help=T::CommunityApproveFirstPostsHelp errors/>
                    <Submit action label=T::CommunitySave/>
                </ActionForm>
            </section>
            <section class="mb-5" aria-labelledby="cover-title">
                <h2 id="cover-title" class="h4">{lang.t(T::CommunityCover)}</h2>
                {move || uploaded.get().then(|| view! { <Notice text=T::CommunityCoverSaved/> })}
                {move || problem_of(&refused.get()).map(|t| view! {
                    <div class="alert alert-danger" role="alert"><p class="mb-0">{lang.t(t)}</p></div>
                })}
                {match s.cover.clone() {
                    Some(f) => view! { <img class="piazza-cover-preview mb-3" src=f.url() alt=lang.tf(T::CommunityCoverAlt, &[("community", &s.name)])/> }.into_any(),
                    None => view! { <p>{lang.t(T::CommunityNoCover)}</p> }.into_any(),
                }}
                <form method="post" action=cover_action enctype="multipart/form-data" class="piazza-form">
                    <div class="form-group">
                        <label for="cover-file" class="active">{lang.t(T::CommunityCoverFile)}</label>
                        <input type="file" id="cover-file" name="file" class="form-control" accept="image/png,image/jpeg,image/webp,image/gif" aria-describedby="cover-file-help"/>
                        <small id="cover-file-help" class="form-text">{lang.t(T::CommunityCoverHelp)}</small>
                    </div>
                    <button type="submit" class="btn btn-primary">{lang.t(T::CommunityCoverUpload)}</button>
                </form>
            </section>
        </CommunityFrame>
    }
}
