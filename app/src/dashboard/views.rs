//! `/gestione`, `/gestione/{ente}` and `/comunita/{slug}`.

use super::model::{CommunityHome, Dashboard, WorkArea, WorkPlace};
use super::server::{load_community, load_dashboard, load_work_area};
use crate::auth::model::Role;
use crate::components::chart::BarChart;
use crate::components::layout::resource_page;
use crate::components::nav::query_value;
use crate::components::shell::{platform_links, SideLink, Switcher, WorkShell};
use crate::components::table::EmptyState;
use crate::i18n::{use_lang, Lang, T};
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_params_map;

fn roles_text(lang: Lang, roles: &[Role]) -> String {
    roles
        .iter()
        .map(|r| lang.t(r.label()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `/gestione`: where the person works; `?tipo=…&luogo=…` (the switcher) goes there.
#[component]
pub fn WorkAreaPage() -> impl IntoView {
    let kind = query_value("tipo");
    let place = query_value("luogo");
    let target = move || {
        let place: String = place
            .get()
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        match (kind.get().as_str(), place.is_empty()) {
            (_, true) => None,
            ("comunita", false) => Some(format!("/comunita/{place}")),
            (_, false) => Some(format!("/gestione/{place}")),
        }
    };
    if let Some(path) = target() {
        return view! { <Redirect path/> }.into_any();
    }
    let area = Resource::new(|| (), |_| load_work_area());
    resource_page(area, |area| view! { <WorkAreaView area/> }).into_any()
}

#[component]
fn WorkAreaView(area: WorkArea) -> impl IntoView {
    let lang = use_lang();
    let links = if area.platform_admin {
        platform_links(lang)
    } else {
        vec![SideLink {
            href: "/gestione".into(),
            label: lang.t(T::WorkTitle).into(),
        }]
    };
    let place_list = move |places: Vec<WorkPlace>, prefix: &'static str| {
        places
            .into_iter()
            .map(|p| {
                let roles = roles_text(lang, &p.roles);
                view! {
                    <div class="col-12 col-md-6 col-xl-4 mb-4">
                        <article class="card card-bg h-100 piazza-work-card">
                            <div class="card-body">
                                <h3 class="card-title h5"><a href=format!("{prefix}{}", p.slug)>{p.name}</a></h3>
                                {(!roles.is_empty()).then(|| view! { <p class="card-text small">{roles}</p> })}
                            </div>
                        </article>
                    </div>
                }
            })
            .collect_view()
    };
    let no_enti = area.enti.is_empty();
    let no_communities = area.communities.is_empty();
    view! {
        <WorkShell place=lang.t(T::AppName) title=lang.t(T::WorkTitle) links>
            <h1>{lang.t(T::WorkTitle)}</h1>
            <section class="mb-5" aria-labelledby="work-enti">
                <h2 id="work-enti" class="h4">{lang.t(T::WorkEnti)}</h2>
                {if no_enti { view! { <EmptyState text=T::WorkNoEnti/> }.into_any() }
                 else { view! { <div class="row">{place_list(area.enti, "/gestione/")}</div> }.into_any() }}
            </section>
            <section class="mb-5" aria-labelledby="work-communities">
                <h2 id="work-communities" class="h4">{lang.t(T::WorkCommunities)}</h2>
                {if no_communities { view! { <EmptyState text=T::WorkNoCommunities/> }.into_any() }
                 else { view! { <div class="row">{place_list(area.communities, "/comunita/")}</div> }.into_any() }}
                <a class="btn btn-outline-primary" href="/comunita">{lang.t(T::CommunityBrowse)}</a>
            </section>
        </WorkShell>
    }
}

/// The sidebar of an ente's dashboard: only what this person may use there.
fn ente_links(lang: Lang, d: &Dashboard) -> Vec<SideLink> {
    let slug = &d.ente.slug;
    let mut links = vec![SideLink {
        href: format!("/gestione/{slug}"),
        label: lang.t(T::WorkOverview).into(),
    }];
    if d.manage_consultations {
        links.push(SideLink {
            href: format!("/gestione/{slug}/consultazioni"),
            label: lang.t(T::ConsultationsTitle).into(),
        });
    }
    if d.manage_social {
        links.push(SideLink {
            href: format!("/gestione/{slug}/social"),
            label: lang.t(T::SocialTitle).into(),
        });
    }
    if d.manage_site {
        links.push(SideLink {
            href: format!("/gestione/{slug}/sito"),
            label: lang.t(T::SiteEditorTitlePage).into(),
        });
        links.push(SideLink {
            href: format!("/gestione/{slug}/valutazioni"),
            label: lang.t(T::FeedbackResultsTitle).into(),
        });
    }
    if d.manage_press {
        links.push(SideLink {
            href: crate::press::server::desk_path(slug),
            label: lang.t(T::PressDeskTitle).into(),
        });
    }
    if d.manage_team {
        links.push(SideLink {
            href: format!("/gestione/persone?ambito=ente:{slug}"),
            label: lang.t(T::WorkPeople).into(),
        });
    }
    if d.view_audit {
        links.push(SideLink {
            href: format!("/admin/registro?ente={slug}"),
            label: lang.t(T::AuditTitle).into(),
        });
    }
    links.push(SideLink {
        href: format!("/{slug}"),
        label: lang.t(T::WorkPublicSite).into(),
    });
    links
}

/// `/gestione/{ente}`
#[component]
pub fn DashboardPage() -> impl IntoView {
    let params = use_params_map();
    let ente = move || params.read().get("ente").unwrap_or_default();
    let dashboard = Resource::new(ente, load_dashboard);
    resource_page(dashboard, |d| view! { <DashboardView d/> })
}

#[component]
fn DashboardView(d: Dashboard) -> impl IntoView {
    let lang = use_lang();
    let links = ente_links(lang, &d);
    let switcher = Switcher {
        kind: "ente",
        label: T::WorkSwitchEnte,
        current: d.ente.slug.clone(),
        choices: d.switcher.clone(),
    };
    let roles = roles_text(lang, &d.roles);
    let chart_title = lang.t(T::WorkActivityChart).to_string();
    view! {
        <WorkShell place=d.ente.name.clone() title=lang.t(T::WorkOverview) links switcher>
            <h1>{d.ente.name.clone()}</h1>
            {(!roles.is_empty()).then(|| view! { <p class="lead">{lang.tf(T::WorkYourRoles, &[("roles", &roles)])}</p> })}
            <div class="row mb-4">
                <div class="col-12 col-md-4 mb-3">
                    <div class="card card-bg h-100"><div class="card-body">
                        <p class="h2 mb-0">{lang.number(d.team_size)}</p>
                        <p class="mb-0">{lang.t(T::WorkTeamSize)}</p>
                    </div></div>
                </div>
                <div class="col-12 col-md-4 mb-3">
                    <div class="card card-bg h-100"><div class="card-body">
                        <p class="h2 mb-0">{lang.number(d.pending_invitations)}</p>
                        <p class="mb-0">{lang.t(T::WorkPendingInvitations)}</p>
                    </div></div>
                </div>
                <div class="col-12 col-md-4 mb-3">
                    <div class="card card-bg h-100"><div class="card-body">
                        <p class="h2 mb-0">{lang.t(d.kit.label())}</p>
                        <p class="mb-0">{lang.t(T::WorkKit)}</p>
                    </div></div>
                </div>
            </div>
            <section class="mb-5" aria-labelledby="activity-title">
                <h2 id="activity-title" class="h4">{lang.t(T::WorkActivity)}</h2>
                <BarChart title=chart_title bars=d.activity.clone() label_every=5/>
            </section>
            <section class="mb-5" aria-labelledby="modules-title">
                <h2 id="modules-title" class="h4">{lang.t(T::WorkModules)}</h2>
                <div class="table-responsive">
                    <table class="table">
                        <thead>
                            <tr>
                                <th scope="col">{lang.t(T::WorkModule)}</th>
                                <th scope="col">{lang.t(T::WorkModuleFrom)}</th>
                                <th scope="col">{lang.t(T::WorkModuleTo)}</th>
                                <th scope="col">{lang.t(T::WorkModuleState)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {d.modules.into_iter().map(|m| view! {
                                <tr>
                                    <td>{lang.t(m.module.label())}</td>
                                    <td>{m.starts_on}</td>
                                    <td>{m.ends_on.unwrap_or_else(|| lang.t(T::WorkModuleOpenEnded).to_string())}</td>
                                    <td>{lang.t(if m.active { T::WorkModuleActive } else { T::WorkModuleInactive })}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </section>
        </WorkShell>
    }
}

/// `/comunita/{slug}`
#[component]
pub fn CommunityPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let home = Resource::new(slug, load_community);
    resource_page(home, |home| view! { <CommunityView home/> })
}

#[component]
fn CommunityView(home: CommunityHome) -> impl IntoView {
    let lang = use_lang();
    let slug = home.community.slug.clone();
    let links = crate::community::frame::community_links(lang, &slug, home.manage, 0);
    let switcher = Switcher {
        kind: "comunita",
        label: T::WorkSwitchCommunity,
        current: slug.clone(),
        choices: home.switcher.clone(),
    };
    let tutors: Vec<_> = home
        .people
        .iter()
        .filter(|p| p.role == Role::CommunityTutor.code())
        .cloned()
        .collect();
    let members: Vec<_> = home
        .people
        .iter()
        .filter(|p| p.role != Role::CommunityTutor.code())
        .cloned()
        .collect();
    let person = move |p: crate::community::model::CommunityPerson| {
        view! {
            <li class="mb-2">
                <strong>{p.name}</strong>
                {p.ente.map(|e| view! { <br/><span class="small">{e}</span> })}
            </li>
        }
    };
    view! {
        <WorkShell place=home.community.name.clone() title=lang.t(T::CommunityHome) links switcher>
            {home.cover.clone().map(|f| view! { <img class="piazza-cover mb-3" src=f.url() alt=""/> })}
            <h1>{home.community.name.clone()}</h1>
            <p class="lead">{home.community.description.clone()}</p>
            {home.ente_name.clone().map(|e| view! { <p>{lang.tf(T::CommunityRunBy, &[("ente", &e)])}</p> })}
            <div class="row">
                <section class="col-12 col-md-6 mb-4" aria-labelledby="tutors-title">
                    <h2 id="tutors-title" class="h4">{lang.t(T::CommunityTutors)}</h2>
                    <ul class="list-unstyled">{tutors.into_iter().map(person).collect_view()}</ul>
                </section>
                <section class="col-12 col-md-6 mb-4" aria-labelledby="members-title">
                    <h2 id="members-title" class="h4"><a href=format!("/comunita/{slug}/membri")>{lang.tf(T::CommunityMembers, &[("count", &members.len().to_string())])}</a></h2>
                    {if members.is_empty() { view! { <EmptyState text=T::CommunityNoMembers/> }.into_any() }
                     else { view! { <ul class="list-unstyled">{members.into_iter().map(person).collect_view()}</ul> }.into_any() }}
                </section>
            </div>
            <section class="mb-4" aria-labelledby="latest-threads-title">
                <h2 id="latest-threads-title" class="h4">{lang.t(T::ForumLatest)}</h2>
                <crate::forum::views::ThreadList threads=home.latest.clone() community=slug.clone() show_category=true/>
                <a class="btn btn-outline-primary" href=crate::forum::model::forum_path(&slug)>{lang.t(T::ForumOpen)}</a>
            </section>
        </WorkShell>
    }
}
