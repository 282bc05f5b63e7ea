//! Server functions of the training-needs analysis (`social/training…`), for the
//! ente's social-media team: each member answers for themselves.

use crate::error::AppError;
use crate::social::training::model::TrainingPage;
use leptos::prelude::*;
use std::collections::BTreeMap;

#[cfg(feature = "ssr")]
use {
    crate::auth::server::{fail, go_to},
    crate::i18n::detect_lang,
    crate::social::access::team,
    crate::social::paths::training_path,
};

#[server(endpoint = "social/training")]
pub async fn load_training(ente: String) -> Result<TrainingPage, AppError> {
    let (state, ente, actor) = team(&ente).await?;
    crate::social::training::service::page(&state, &ente, &actor, detect_lang())
        .await
        .map_err(fail)
}

#[server(endpoint = "social/training-start")]
pub async fn start_training(ente: String) -> Result<String, AppError> {
    let (state, ente, actor) = team(&ente).await?;
    crate::social::training::service::start(&state, &ente, &actor, detect_lang())
        .await
        .map_err(fail)?;
    Ok(go_to(&training_path(&ente.slug)))
}

/// The reader's answers (`answers[q1__s1]`…).
#[server(endpoint = "social/training-answer")]
pub async fn answer_training(
    ente: String,
    answers: Option<BTreeMap<String, String>>,
) -> Result<String, AppError> {
    let (state, ente, actor) = team(&ente).await?;
    let raw = answers.unwrap_or_default();
    if raw.len() > 100 || raw.values().map(String::len).sum::<usize>() > 20_000 {
        return Err(fail(AppError::invalid(
            "answers",
            crate::i18n::T::ValidationTooLong,
        )));
    }
    crate::social::training::service::answer(&state, &ente, &actor, &raw)
        .await
        .map_err(fail)?;
    Ok(go_to(&format!(
        "{}?risposto=1#matrice",
        training_path(&ente.slug)
    )))
}

/// The level the ente needs for each skill (`levels[s1]` = `l3`…).
#[server(endpoint = "social/training-required")]
pub async fn set_required(
    ente: String,
    levels: Option<BTreeMap<String, String>>,
) -> Result<String, AppError> {
    let (state, ente, _) = team(&ente).await?;
    crate::social::training::service::set_required(&state, &ente, &levels.unwrap_or_default())
        .await
        .map_err(fail)?;
    Ok(go_to(&format!(
        "{}?salvato=1#matrice",
        training_path(&ente.slug)
    )))
}
