//! The frame of a community's reserved area: the sidebar of its pages, the place
//! switcher and the breadcrumbs. Forum, files, blog and members' pages all use it.

use super::model::{community_path, CommunityBar};
use crate::components::shell::{SideLink, Switcher, WorkShell};
use crate::i18n::{use_lang, Lang, T};
use leptos::prelude::*;

/// The sidebar of a community's reserved area.
pub fn community_links(lang: Lang, slug: &str, manage: bool, queue: i64) -> Vec<SideLink> {
    let mut links = vec![
        SideLink {
            href: community_path(slug, ""),
            label: lang.t(T::CommunityHome).into(),
        },
        SideLink {
            href: community_path(slug, "forum"),
            label: lang.t(T::ForumTitle).into(),
        },
        SideLink {
            href: community_path(slug, "file"),
            label: lang.t(T::FilesTitle).into(),
        },
        SideLink {
            href: community_path(slug, "blog"),
            label: lang.t(T::BlogOpen).into(),
        },
        SideLink {
            href: community_path(slug, "membri"),
            label: lang.t(T::CommunityMembersTitle).into(),
        },
    ];
    if manage {
        links.push(SideLink {
            href: community_path(slug, "moderazione"),
            label: if queue > 0 {
                lang.tf(T::ForumModerationCount, &[("count", &queue.to_string())])
            } else {
                lang.t(T::ForumModeration).into()
            },
        });
        links.push(SideLink {
            href: format!("/gestione/persone?ambito=comunita:{slug}"),
            label: lang.t(T::WorkPeople).into(),
        });
        links.push(SideLink {
            href: community_path(slug, "salute"),
            label: lang.t(T::CommunityHealth).into(),
        });
        links.push(SideLink {
            href: community_path(slug, "impostazioni"),
            label: lang.t(T::CommunitySettings).into(),
        });
    }
    links
}

/// The work-area frame of every page of a community's reserved area.
#[component]
pub fn CommunityFrame(
    bar: CommunityBar,
    #[prop(into)] title: String,
    children: Children,
) -> impl IntoView {
    let lang = use_lang();
    let links = community_links(lang, &bar.slug, bar.may_moderate, bar.queue);
    let switcher = Switcher {
        kind: "comunita",
        label: T::WorkSwitchCommunity,
        current: bar.slug.clone(),
        choices: bar.switcher.clone(),
    };
    view! {
        <WorkShell place=bar.name.clone() title links switcher>
            {bar.silenced.then(|| view! {
                <div class="alert alert-warning" role="status"><p class="mb-0">{lang.t(T::ForumSilenced)}</p></div>
            })}
            {children()}
        </WorkShell>
    }
}

/// Breadcrumbs inside the community area.
#[component]
pub fn Trail(trail: Vec<(String, String)>, #[prop(into)] current: String) -> impl IntoView {
    let lang = use_lang();
    view! {
        <nav class="breadcrumb-container" aria-label=lang.t(T::BreadcrumbLabel)>
            <ol class="breadcrumb p-0">
                {trail.into_iter().map(|(href, label)| view! {
                    <li class="breadcrumb-item"><a href=href>{label}</a><span class="separator">"/"</span></li>
                }).collect_view()}
                <li class="breadcrumb-item active" aria-current="page">{current}</li>
            </ol>
        </nav>
    }
}
