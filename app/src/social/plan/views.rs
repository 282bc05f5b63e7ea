//! The social-media team's pages: `/gestione/{ente}/social` (the overview),
//! `…/social/piano` (the editorial plan's calendar) and `…/social/canali` (the
//! ente's channels). The editor of one item is `item_views`.

use crate::components::calendar::Calendar;
use crate::components::chart::{Bar, BarChart};
use crate::components::form::{
    action_error, CheckField, ErrorSummary, Field, Notice, SelectField, Submit, TextArea,
};
use crate::components::layout::resource_page;
use crate::components::nav::{follow_destination, query_flag, query_value};
use crate::components::shell::WorkShell;
use crate::components::table::EmptyState;
use crate::i18n::{use_lang, Lang, T};
use crate::social::channel::Platform;
use crate::social::frame::{ente_param, links};
use crate::social::paths::{item_path, plan_path};
use crate::social::plan::model::{
    Channel, ChannelsPage, ItemCard, ItemState, PlanPage, SocialHome,
};
use crate::social::plan::server::{
    load_channels, load_home, load_plan, FromContent, MoveItem, SaveChannel,
};
use leptos::form::ActionForm;
use leptos::prelude::*;

/// The two exports of the plan.
#[component]
fn Exports(ente: String) -> impl IntoView {
    let lang = use_lang();
    view! {
        <p class="piazza-exports">
            <a class="btn btn-outline-primary btn-sm me-2" href=format!("/gestione/{ente}/social/piano.csv") download>
                {lang.t(T::EditorialExportCsv)}
            </a>
            <a class="btn btn-outline-primary btn-sm" href=format!("/gestione/{ente}/social/piano.ics") download>
                {lang.t(T::EditorialExportIcs)}
            </a>
        </p>
    }
}

#[component]
pub fn SocialHomePage() -> impl IntoView {
    let ente = ente_param();
    let home = Resource::new(ente, load_home);
    resource_page(home, |home| view! { <SocialHomeView home/> })
}

#[component]
fn Cards(items: Vec<ItemCard>, ente: String, empty: T) -> impl IntoView {
    let lang = use_lang();
    if items.is_empty() {
        return view! { <EmptyState text=empty/> }.into_any();
    }
    view! {
        <ul class="list-group mb-4 piazza-item-cards">
            {items.into_iter().map(|c| view! {
                <li class="list-group-item">
                    <a href=item_path(&ente, c.id) class="fw-semibold">{c.title}</a>
                    " " <span class=c.state.badge()>{lang.t(c.state.label())}</span>
                    <div class="small">
                        {c.when} " · " {c.author}
                        {(!c.channels.is_empty()).then(|| format!(" · {}", c.channels.join(", ")))}
                    </div>
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn SocialHomeView(home: SocialHome) -> impl IntoView {
    let lang = use_lang();
    let ente = home.ente_slug.clone();
    let bars: Vec<Bar> = home
        .counts
        .iter()
        .map(|(s, n)| Bar {
            label: lang.t(s.label()).to_string(),
            value: *n as f64,
        })
        .collect();
    view! {
        <WorkShell place=home.ente_name.clone() title=lang.t(T::SocialTitle) links=links(lang, &ente)>
            <h1>{lang.t(T::SocialTitle)}</h1>
            <p class="lead">{lang.t(T::SocialIntro)}</p>
            <p>
                <a class="btn btn-primary me-2" href=format!("{}/nuovo", plan_path(&ente))>{lang.t(T::EditorialNew)}</a>
                <a class="btn btn-outline-primary" href=plan_path(&ente)>{lang.t(T::EditorialTitle)}</a>
            </p>
            {home.channels.is_empty().then(|| view! {
                <div class="alert alert-info" role="status">
                    {lang.t(T::ChannelsNoneYet)} " "
                    <a href=format!("/gestione/{ente}/social/canali")>{lang.t(T::ChannelsAdd)}</a>
                </div>
            })}
            <div class="row">
                <section class="col-12 col-lg-6" aria-labelledby="to-review">
                    <h2 id="to-review" class="h4">{lang.t(T::EditorialToReview)}</h2>
                    <Cards items=home.to_review ente=ente.clone() empty=T::EditorialToReviewEmpty/>
                </section>
                <section class="col-12 col-lg-6" aria-labelledby="my-drafts">
                    <h2 id="my-drafts" class="h4">{lang.t(T::EditorialMyDrafts)}</h2>
                    <Cards items=home.my_drafts ente=ente.clone() empty=T::EditorialMyDraftsEmpty/>
                </section>
            </div>
            <section aria-labelledby="upcoming">
                <h2 id="upcoming" class="h4">{lang.t(T::EditorialUpcoming)}</h2>
                <Cards items=home.upcoming ente=ente.clone() empty=T::EditorialUpcomingEmpty/>
            </section>
            <section aria-labelledby="plan-states">
                <h2 id="plan-states" class="h4">{lang.t(T::EditorialNext30)}</h2>
                <BarChart title=lang.t(T::EditorialNext30) bars caption=false/>
            </section>
            <Exports ente=ente.clone()/>
        </WorkShell>
    }
}

#[component]
pub fn PlanPageView() -> impl IntoView {
    let ente = ente_param();
    let view_q = query_value("vista");
    let day = query_value("data");
    let channel = query_value("canale");
    let state = query_value("stato");
    let moved = ServerAction::<MoveItem>::new();
    let plan = Resource::new(
        move || {
            (
                ente(),
                view_q.get(),
                day.get(),
                channel.get(),
                state.get(),
                moved.version().get(),
            )
        },
        |(ente, v, d, c, s, _)| load_plan(ente, v, d, c, s),
    );
    resource_page(plan, move |plan| view! { <PlanView plan moved/> })
}

#[component]
fn PlanView(plan: PlanPage, moved: ServerAction<MoveItem>) -> impl IntoView {
    let lang = use_lang();
    let ente = plan.ente_slug.clone();
    let reuse = ServerAction::<FromContent>::new();
    let reuse_errors = action_error(reuse);
    follow_destination(reuse);
    let move_errors = action_error(moved);
    let on_move = {
        let ente = ente.clone();
        Callback::new(move |(id, day): (i64, chrono::NaiveDate)| {
            moved.dispatch(MoveItem {
                ente: ente.clone(),
                id,
                day: day.to_string(),
            });
        })
    };
    let mut query = format!("{}?", plan_path(&ente));
    if !plan.channel.is_empty() {
        query.push_str(&format!("canale={}&", plan.channel));
    }
    if !plan.state.is_empty() {
        query.push_str(&format!("stato={}&", plan.state));
    }
    let channel_options: Vec<(String, String)> =
        std::iter::once((String::new(), lang.t(T::EditorialAllChannels).to_string()))
            .chain(
                plan.channels
                    .iter()
                    .map(|c| (c.id.to_string(), c.name.clone())),
            )
            .collect();
    let state_options: Vec<(String, String)> =
        std::iter::once((String::new(), lang.t(T::EditorialAllStates).to_string()))
            .chain(
                ItemState::ALL
                    .iter()
                    .map(|s| (s.code().to_string(), lang.t(s.label()).to_string())),
            )
            .collect();
    let no_errors = Signal::derive(|| None);
    let gaps = plan.gaps.clone();
    view! {
        <WorkShell place=plan.ente_name.clone() title=lang.t(T::EditorialTitle) links=links(lang, &ente)>
            <h1>{lang.t(T::EditorialTitle)}</h1>
            <div class="d-flex flex-wrap gap-2 mb-3">
                <a class="btn btn-primary" href=format!("{}/nuovo", plan_path(&ente))>{lang.t(T::EditorialNew)}</a>
                <Exports ente=ente.clone()/>
            </div>
            <form method="get" action=plan_path(&ente) class="row g-2 align-items-end mb-3 piazza-plan-filters">
                <input type="hidden" name="vista" value=plan.view.code()/>
                <input type="hidden" name="data" value=plan.anchor.to_string()/>
                <div class="col-12 col-md-4">
                    <SelectField form="filter" name="canale" label=T::EditorialChannel errors=no_errors options=channel_options selected=plan.channel.clone()/>
                </div>
                <div class="col-12 col-md-4">
                    <SelectField form="filter" name="stato" label=T::EditorialState errors=no_errors options=state_options selected=plan.state.clone()/>
                </div>
                <div class="col-12 col-md-4">
                    <button type="submit" class="btn btn-outline-primary mb-3">{lang.t(T::EditorialFilter)}</button>
                </div>
            </form>
            {(plan.conflicts > 0).then(|| view! {
                <div class="alert alert-warning" role="status">
                    {lang.tf(T::EditorialConflictsCount, &[("n", &plan.conflicts.to_string())])}
                </div>
            })}
            {(!gaps.is_empty()).then(|| {
                let mut list = gaps.iter().take(10).map(|d| lang.day_month(*d)).collect::<Vec<_>>().join(", ");
                if gaps.len() > 10 {
                    list.push_str(&lang.tf(T::EditorialGapsMore, &[("n", &(gaps.len() - 10).to_string())]));
                }
                view! {
                    <div class="alert alert-info piazza-gaps" role="status">
                        {lang.tf(T::EditorialGaps, &[("n", &gaps.len().to_string()), ("days", &list)])}
                    </div>
                }
            })}
            {move || move_errors.get().map(|e| view! {
                <div class="alert alert-danger" role="alert">{e.message(lang)}</div>
            })}
            <p class="small text-muted">{lang.t(T::EditorialDragHelp)}</p>
            <Calendar view=plan.view anchor=plan.anchor today=plan.today entries=plan.entries.clone()
                base=query gaps=plan.gaps.clone() on_move=on_move/>
            <section aria-labelledby="reuse" class="mt-5">
                <h2 id="reuse" class="h4">{lang.t(T::EditorialReuse)}</h2>
                <p class="small">{lang.t(T::EditorialReuseHelp)}</p>
                {move || reuse_errors.get().map(|e| view! {
                    <div class="alert alert-danger" role="alert">{e.message(lang)}</div>
                })}
                {if plan.reusable.is_empty() {
                    view! { <EmptyState text=T::EditorialReuseEmpty/> }.into_any()
                } else {
                    view! {
                        <ul class="list-group piazza-reuse">
                            {plan.reusable.clone().into_iter().map(|(code, label)| {
                                let ente = ente.clone();
                                view! {
                                <li class="list-group-item d-flex flex-wrap align-items-center justify-content-between gap-2">
                                    <span>{label.clone()}</span>
                                    <ActionForm action=reuse>
                                        <input type="hidden" name="ente" value=ente.clone()/>
                                        <input type="hidden" name="source" value=code/>
                                        <button type="submit" class="btn btn-outline-primary btn-sm">
                                            {lang.t(T::EditorialReuseSubmit)}
                                            <span class="visually-hidden">": " {label.clone()}</span>
                                        </button>
                                    </ActionForm>
                                </li>
                            }}).collect_view()}
                        </ul>
                    }
                    .into_any()
                }}
            </section>
        </WorkShell>
    }
}

#[component]
pub fn ChannelsPageView() -> impl IntoView {
    let ente = ente_param();
    let page = Resource::new(ente, load_channels);
    resource_page(page, |page| view! { <ChannelsView page/> })
}

fn limit_text(lang: Lang, c: &Channel) -> String {
    match c.limit() {
        Some(n) => lang.number(n as i64),
        None => lang.t(T::ChannelNoLimit).to_string(),
    }
}

#[component]
fn ChannelsView(page: ChannelsPage) -> impl IntoView {
    let lang = use_lang();
    let ente = page.ente_slug.clone();
    let save = ServerAction::<SaveChannel>::new();
    let errors = action_error(save);
    follow_destination(save);
    let saved = query_flag("salvato");
    let editing = query_value("canale").get_untracked().parse::<i64>().ok();
    let current = editing.and_then(|id| page.channels.iter().find(|c| c.id == id).cloned());
    let platforms: Vec<(String, String)> = Platform::ALL
        .iter()
        .map(|p| (p.code().to_string(), lang.t(p.label()).to_string()))
        .collect();
    let owners: Vec<(String, String)> =
        std::iter::once((String::new(), lang.t(T::ChannelNoOwner).to_string()))
            .chain(
                page.team
                    .iter()
                    .map(|(id, name)| (id.to_string(), name.clone())),
            )
            .collect();
    let c = current.clone();
    view! {
        <WorkShell place=page.ente_name.clone() title=lang.t(T::ChannelsTitle) links=links(lang, &ente)>
            <h1>{lang.t(T::ChannelsTitle)}</h1>
            <p>{lang.t(T::ChannelsIntro)}</p>
            {move || saved.get().then(|| view! { <Notice text=T::ChannelSaved/> })}
            {if page.channels.is_empty() {
                view! { <EmptyState text=T::ChannelsNoneYet/> }.into_any()
            } else {
                view! {
                    <div class="table-responsive mb-5">
                        <table class="table piazza-channels">
                            <thead>
                                <tr>
                                    <th scope="col">{lang.t(T::ChannelName)}</th>
                                    <th scope="col">{lang.t(T::ChannelPlatform)}</th>
                                    <th scope="col">{lang.t(T::ChannelHandle)}</th>
                                    <th scope="col">{lang.t(T::ChannelOwner)}</th>
                                    <th scope="col">{lang.t(T::ChannelLimit)}</th>
                                    <th scope="col">{lang.t(T::ChannelGoal)}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {page.channels.iter().map(|ch| view! {
                                    <tr class:text-muted=!ch.active>
                                        <td>
                                            <a href=format!("/gestione/{ente}/social/canali?canale={}#channel-form", ch.id)>{ch.name.clone()}</a>
                                            {(!ch.active).then(|| view! { " " <span class="badge bg-secondary">{lang.t(T::ChannelInactive)}</span> })}
                                        </td>
                                        <td>{lang.t(ch.platform.label())}</td>
                                        <td>{if ch.url.is_empty() {
                                            ch.handle.clone().into_any()
                                        } else {
                                            view! { <a href=ch.url.clone() rel="noopener noreferrer">{if ch.handle.is_empty() { ch.url.clone() } else { ch.handle.clone() }}</a> }.into_any()
                                        }}</td>
                                        <td>{ch.owner_name.clone()}</td>
                                        <td>{limit_text(lang, ch)}</td>
                                        <td>{ch.goal.clone()}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }
                .into_any()
            }}
            <section aria-labelledby="channel-form-title" id="channel-form">
                <h2 id="channel-form-title" class="h4">
                    {if c.is_some() { lang.t(T::ChannelEdit) } else { lang.t(T::ChannelsAdd) }}
                </h2>
                <ActionForm action=save attr:class="piazza-form" attr:novalidate=true>
                    <ErrorSummary form="channel" errors/>
                    <input type="hidden" name="ente" value=ente.clone()/>
                    {c.as_ref().map(|c| view! { <input type="hidden" name="id" value=c.id/> })}
                    <SelectField form="channel" name="platform" label=T::ChannelPlatform errors options=platforms
                        selected=c.as_ref().map(|c| c.platform.code().to_string()).unwrap_or_default()/>
                    <Field form="channel" name="name" label=T::ChannelName required=true maxlength=80 errors
                        value=c.as_ref().map(|c| c.name.clone()).unwrap_or_default() help=T::ChannelNameHelp/>
                    <Field form="channel" name="handle" label=T::ChannelHandle maxlength=100 errors
                        value=c.as_ref().map(|c| c.handle.clone()).unwrap_or_default()/>
                    <Field form="channel" name="url" kind="url" label=T::ChannelUrl maxlength=500 errors
                        value=c.as_ref().map(|c| c.url.clone()).unwrap_or_default()/>
                    <SelectField form="channel" name="owner" label=T::ChannelOwner errors options=owners
                        selected=c.as_ref().and_then(|c| c.owner_id).map(|o| o.to_string()).unwrap_or_default()/>
                    <TextArea form="channel" name="goal" label=T::ChannelGoal maxlength=500 rows=2 errors
                        value=c.as_ref().map(|c| c.goal.clone()).unwrap_or_default() help=T::ChannelGoalHelp/>
                    <Field form="channel" name="char_limit" kind="number" label=T::ChannelLimitField errors
                        value=c.as_ref().and_then(|c| c.char_limit).map(|n| n.to_string()).unwrap_or_default() help=T::ChannelLimitHelp/>
                    <CheckField form="channel" name="active" value="1" errors checked=c.as_ref().is_none_or(|c| c.active)>
                        {lang.t(T::ChannelActive)}
                    </CheckField>
                    <Submit action=save label=T::ChannelSave/>
                </ActionForm>
            </section>
        </WorkShell>
    }
}
