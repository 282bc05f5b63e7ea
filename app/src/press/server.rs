//! Server functions of the press office: the desk (`press/desk`, `press/add`,
//! `press/remove`, `press/contact`) asks for `ManagePress` in the ente; the press
//! kit (`press/kit`) and leaving the list (`press/leave`) are public while the
//! ente's site is on. Changes return where to go next, so plain form posts are
//! redirected and JavaScript forms follow.

use super::model::{PressDesk, PressKit};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    crate::auth::policy::Action,
    crate::auth::server::{fail, go_to, request_info},
    crate::ente::model::Module,
    crate::ente::server::at_work,
};

/// How many mailed releases the desk shows.
#[cfg(feature = "ssr")]
const MAILINGS_SHOWN: i64 = 20;
/// How many releases the press kit shows.
#[cfg(feature = "ssr")]
const RELEASES_SHOWN: i64 = 10;

/// Where the desk is.
pub fn desk_path(ente: &str) -> String {
    format!("/gestione/{ente}/stampa")
}

#[server(endpoint = "press/desk")]
pub async fn load_press_desk(ente: String) -> Result<PressDesk, AppError> {
    let (state, ente, _) = at_work(&ente, Action::ManagePress).await?;
    Ok(PressDesk {
        contact: super::repo::contact(&state.db, ente.id).await?,
        journalists: super::repo::journalists(&state.db, ente.id).await?,
        mailings: super::repo::mailings(&state.db, ente.id, MAILINGS_SHOWN).await?,
        ente_slug: ente.slug,
        ente_name: ente.name,
    })
}

/// Adds a journalist to the list (`consented` is the box saying they agreed).
#[server(endpoint = "press/add")]
pub async fn add_journalist(
    ente: String,
    name: String,
    outlet: String,
    beat: Option<String>,
    email: String,
    consented: Option<String>,
    consent_note: Option<String>,
) -> Result<String, AppError> {
    let (state, ente, actor) = at_work(&ente, Action::ManagePress).await?;
    let form = super::service::JournalistForm {
        name,
        outlet,
        beat: beat.unwrap_or_default(),
        email,
        consented: consented.as_deref() == Some("1"),
        consent: consent_note.unwrap_or_default(),
    };
    super::service::add_journalist(&state, &request_info(), &ente, &actor, form)
        .await
        .map_err(fail)?;
    Ok(go_to(&format!(
        "{}?aggiunto=1#elenco",
        desk_path(&ente.slug)
    )))
}

#[server(endpoint = "press/remove")]
pub async fn remove_journalist(ente: String, id: i64) -> Result<String, AppError> {
    let (state, ente, _) = at_work(&ente, Action::ManagePress).await?;
    super::service::remove_journalist(&state, &request_info(), &ente, id)
        .await
        .map_err(fail)?;
    Ok(go_to(&format!("{}?tolto=1#elenco", desk_path(&ente.slug))))
}

/// The office's contacts on the press kit page.
#[server(endpoint = "press/contact")]
pub async fn save_press_contact(
    ente: String,
    press_contact: String,
    press_email: String,
    press_phone: String,
) -> Result<String, AppError> {
    let (state, ente, _) = at_work(&ente, Action::ManagePress).await?;
    let form = super::model::PressContact {
        press_contact,
        press_email,
        press_phone,
    };
    super::service::save_contact(&state, &request_info(), &ente, form)
        .await
        .map_err(fail)?;
    Ok(go_to(&format!("{}?contatti=1", desk_path(&ente.slug))))
}

/// `/{ente}/ufficio-stampa`.
#[server(endpoint = "press/kit")]
pub async fn load_press_kit(ente: String) -> Result<PressKit, AppError> {
    let (state, frame) = crate::ente::server::module_frame(&ente, Module::Site).await?;
    let now = state.clock.now();
    let kind = crate::content::model::NewsKind::Release;
    let (releases, total) =
        crate::content::repo::news_page(&state.db, frame.ente.id, now, kind, RELEASES_SHOWN, 0)
            .await?;
    Ok(PressKit {
        contact: super::repo::contact(&state.db, frame.ente.id).await?,
        releases,
        total,
        frame,
    })
}

/// Takes a journalist off the list by the link of a release they received.
#[server(endpoint = "press/leave")]
pub async fn leave_press_list(ente: String, token: String) -> Result<String, AppError> {
    let (state, frame) = crate::ente::server::module_frame(&ente, Module::Site).await?;
    let token: String = token.chars().take(100).collect();
    super::service::leave(&state, &request_info(), &frame.ente, &token)
        .await
        .map_err(fail)?;
    Ok(go_to(&format!(
        "{}?fatto=1",
        super::model::leave_path(&frame.ente.slug)
    )))
}
