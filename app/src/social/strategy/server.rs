//! Server functions of the strategy and the policies (`social/strategy…`,
//! `social/policy…`) for the ente's social-media team, and the public page of the
//! external policy for anyone.

use crate::error::AppError;
use crate::social::strategy::model::{PolicyPage, PublicPolicy, StrategyPage};
use leptos::prelude::*;
use std::collections::BTreeMap;

#[cfg(feature = "ssr")]
use {
    crate::auth::server::{fail, go_to, request_info},
    crate::i18n::detect_lang,
    crate::social::access::team,
    crate::social::strategy::model::DocKind,
};

#[server(endpoint = "social/strategy")]
pub async fn load_strategy(ente: String, version: Option<i64>) -> Result<StrategyPage, AppError> {
    let (state, ente, _) = team(&ente).await?;
    crate::social::strategy::service::strategy_page(&state, &ente, detect_lang(), version)
        .await
        .map_err(fail)
}

/// Saves a new version of the strategy or of a policy (`kind`); its sections come
/// as `sections[<section>]`.
#[server(endpoint = "social/save-doc")]
pub async fn save_doc(
    ente: String,
    kind: String,
    sections: Option<BTreeMap<String, String>>,
    note: Option<String>,
) -> Result<String, AppError> {
    let (state, ente, actor) = team(&ente).await?;
    let kind = DocKind::from_code(kind.trim()).ok_or_else(|| fail(AppError::NotFound))?;
    crate::social::strategy::service::save_doc(
        &state,
        &request_info(),
        &ente,
        &actor,
        kind,
        &sections.unwrap_or_default(),
        note.as_deref().unwrap_or_default(),
    )
    .await
    .map_err(fail)?;
    let page = if kind == DocKind::Strategy {
        "strategia"
    } else {
        "policy"
    };
    Ok(go_to(&format!(
        "/gestione/{}/social/{page}?salvato=1#{}",
        ente.slug,
        kind.code()
    )))
}

#[server(endpoint = "social/save-objective")]
#[allow(clippy::too_many_arguments)]
pub async fn save_objective(
    ente: String,
    id: Option<i64>,
    title: String,
    goal: String,
    channel: Option<String>,
    target: String,
    deadline: String,
    active: Option<String>,
) -> Result<String, AppError> {
    let (state, ente, _) = team(&ente).await?;
    let form = crate::social::kpi::objectives::ObjectiveForm {
        id,
        title,
        goal,
        channel: channel.and_then(|c| c.trim().parse().ok()),
        target,
        deadline,
        active: active.is_some(),
    };
    crate::social::kpi::objectives::save_objective(&state, &request_info(), &ente, form)
        .await
        .map_err(fail)?;
    Ok(go_to(&format!(
        "/gestione/{}/social/strategia?salvato=1#obiettivi",
        ente.slug
    )))
}

#[server(endpoint = "social/policy")]
pub async fn load_policy(
    ente: String,
    internal: Option<i64>,
    external: Option<i64>,
) -> Result<PolicyPage, AppError> {
    let (state, ente, _) = team(&ente).await?;
    crate::social::strategy::service::policy_page(&state, &ente, detect_lang(), internal, external)
        .await
        .map_err(fail)
}

/// Puts a version of the external policy on the ente's public site.
#[server(endpoint = "social/publish-policy")]
pub async fn publish_policy(ente: String, version: i64) -> Result<String, AppError> {
    let (state, ente, _) = team(&ente).await?;
    crate::social::strategy::service::publish(&state, &request_info(), &ente, version)
        .await
        .map_err(fail)?;
    Ok(go_to(&format!(
        "/gestione/{}/social/policy?pubblicata=1#policy_external",
        ente.slug
    )))
}

/// The public social media policy of an ente (404 until one is published).
#[server(endpoint = "social/public-policy")]
pub async fn load_public_policy(ente: String) -> Result<PublicPolicy, AppError> {
    let (state, frame) = crate::ente::server::public_frame(&ente).await?;
    crate::social::strategy::service::public_policy(&state, frame, detect_lang())
        .await
        .map_err(fail)
}
