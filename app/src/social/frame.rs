//! The sidebar every page of the social-media team shares, and the `:ente` of their
//! addresses.

use crate::components::shell::SideLink;
use crate::i18n::{Lang, T};
use crate::social::paths::plan_path;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The sidebar of the social-media pages.
pub fn links(lang: Lang, ente: &str) -> Vec<SideLink> {
    let link = |href: String, label: T| SideLink {
        href,
        label: lang.t(label).to_string(),
    };
    vec![
        link(format!("/gestione/{ente}"), T::WorkOverview),
        link(format!("/gestione/{ente}/social"), T::SocialTitle),
        link(plan_path(ente), T::EditorialTitle),
        link(format!("/gestione/{ente}/social/canali"), T::ChannelsTitle),
        link(crate::social::paths::kpi_path(ente), T::KpiTitle),
        link(
            format!("/gestione/{ente}/social/strategia"),
            T::StrategyTitle,
        ),
        link(format!("/gestione/{ente}/social/policy"), T::PolicyTitle),
        link(crate::social::paths::training_path(ente), T::TrainingTitle),
        link(format!("/{ente}"), T::WorkPublicSite),
    ]
}

/// The `:ente` of a social page's address.
pub(crate) fn ente_param() -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let params = use_params_map();
    move || params.read().get("ente").unwrap_or_default()
}
