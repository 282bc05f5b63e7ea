//! Server functions of texts in discussion. Operators (`ManageConsultations` in the
//! ente) write the text, answer comments and hide them; participants (`Participate`,
//! and admitted by the consultation) comment, support and report.

use super::discussion::Moderation;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::server::{admin_path, manage},
    crate::auth::policy::{Action, Target},
    crate::auth::server::{fail, go_to, request_info, require},
    crate::i18n::detect_lang,
};

#[server(endpoint = "consult/moderation")]
pub async fn load_moderation(ente: String, slug: String) -> Result<Moderation, AppError> {
    let (state, ente, actor) = manage(&ente).await?;
    let row = super::service::load(&state, ente.id, &slug).await?;
    let paragraphs =
        super::discussion_service::view(&state, &row, Some(&actor), true, detect_lang()).await?;
    let text = super::discussion::text_of(
        &paragraphs
            .iter()
            .map(|p| super::discussion::Paragraph {
                heading: p.heading.clone(),
                body: p.body.clone(),
            })
            .collect::<Vec<_>>(),
    );
    Ok(Moderation {
        text,
        locked: paragraphs.iter().any(|p| !p.comments.is_empty()),
        paragraphs,
    })
}

#[server(endpoint = "consult/text")]
pub async fn save_text(ente: String, slug: String, text: String) -> Result<(), AppError> {
    let (state, ente, _) = manage(&ente).await?;
    let row = super::service::load(&state, ente.id, &slug).await?;
    super::discussion_service::save_text(&state, &request_info(), &ente, &row, &text)
        .await
        .map_err(fail)?;
    go_to(&format!("{}&salvato=1", admin_path(&ente, &slug, "testo")));
    Ok(())
}

#[server(endpoint = "consult/reply")]
pub async fn reply_comment(
    ente: String,
    slug: String,
    comment: i64,
    status: String,
    reply: String,
) -> Result<(), AppError> {
    let (state, ente, actor) = manage(&ente).await?;
    let row = super::service::load(&state, ente.id, &slug).await?;
    super::discussion_service::reply(
        &state,
        &request_info(),
        &ente,
        &row,
        &actor,
        comment,
        &status,
        &reply,
    )
    .await
    .map_err(fail)?;
    go_to(&admin_at(&ente, &slug, comment));
    Ok(())
}

/// Hides a comment (`to` = `nascondi`, with a reason) or shows it again (`mostra`).
#[server(endpoint = "consult/hide")]
pub async fn hide_comment(
    ente: String,
    slug: String,
    comment: i64,
    to: String,
    reason: Option<String>,
) -> Result<(), AppError> {
    let (state, ente, _) = manage(&ente).await?;
    let row = super::service::load(&state, ente.id, &slug).await?;
    let hide = match to.as_str() {
        "nascondi" => true,
        "mostra" => false,
        _ => {
            return Err(fail(AppError::invalid(
                "to",
                crate::i18n::T::ValidationChoice,
            )))
        }
    };
    super::discussion_service::set_hidden(
        &state,
        &request_info(),
        &ente,
        &row,
        comment,
        hide,
        reason.as_deref().unwrap_or_default(),
    )
    .await
    .map_err(fail)?;
    go_to(&admin_at(&ente, &slug, comment));
    Ok(())
}

/// The operators' text tab, at a comment.
#[cfg(feature = "ssr")]
fn admin_at(ente: &crate::ente::model::Ente, slug: &str, comment: i64) -> String {
    format!("{}#commento-{comment}", admin_path(ente, slug, "testo"))
}

/// The public page of a consultation, at a comment.
#[cfg(feature = "ssr")]
fn public_at(ente: &str, slug: &str, comment: i64) -> String {
    format!("/{ente}/consultazioni/{slug}#commento-{comment}")
}

#[server(endpoint = "consult/comment")]
pub async fn add_comment(
    ente: String,
    slug: String,
    paragraph: i64,
    body: String,
) -> Result<i64, AppError> {
    let (state, _, row) = super::public::public_row(&ente, &slug).await?;
    let actor = require(Action::Participate, Target::Site)?;
    let id = super::discussion_service::comment(&state, &row, &actor, paragraph, &body)
        .await
        .map_err(fail)?;
    go_to(&public_at(&ente, &slug, id));
    Ok(id)
}

/// Supports a comment, or takes the support back.
#[server(endpoint = "consult/support")]
pub async fn support_comment(ente: String, slug: String, comment: i64) -> Result<bool, AppError> {
    let (state, _, row) = super::public::public_row(&ente, &slug).await?;
    let actor = require(Action::Participate, Target::Site)?;
    let now = super::discussion_service::support(&state, &row, &actor, comment)
        .await
        .map_err(fail)?;
    go_to(&public_at(&ente, &slug, comment));
    Ok(now)
}

#[server(endpoint = "consult/report")]
pub async fn report_comment(
    ente: String,
    slug: String,
    comment: i64,
    reason: String,
    note: Option<String>,
) -> Result<(), AppError> {
    let (state, _, row) = super::public::public_row(&ente, &slug).await?;
    let actor = require(Action::Participate, Target::Site)?;
    super::discussion_service::report(
        &state,
        &row,
        &actor,
        comment,
        &reason,
        note.as_deref().unwrap_or_default(),
    )
    .await
    .map_err(fail)?;
    go_to(&format!(
        "/{ente}/consultazioni/{slug}?segnalato={comment}#commento-{comment}"
    ));
    Ok(())
}
