//! Server functions of the newsletters. Public while the ente's Newsletter module is
//! on: the subscription page and form (`newsletter/page`, `newsletter/subscribe`),
//! confirming (`newsletter/confirm`), the preferences page reached from a mail
//! (`newsletter/preferences`, `newsletter/choose`) and leaving by a mail's link
//! (`newsletter/leave`); the links' tokens are the key, no sign-in. The desk
//! (`newsletter/desk`, `newsletter/issue`, `newsletter/progress`, `newsletter/add-list`,
//! `newsletter/compose`, `newsletter/send`, `newsletter/test`) asks for
//! `ManageNewsletter` in the ente.

use super::model::{Desk, IssuePage, Preferences, SubscribePage};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::model::paths,
    crate::auth::policy::Action,
    crate::auth::server::{fail, go_to, request_info},
    crate::ente::model::Module,
    crate::ente::server::{at_work, module_frame},
};

/// How many issues the desk lists.
#[cfg(feature = "ssr")]
const ISSUES_SHOWN: i64 = 30;

/// Ids from a form's boxes (what is not a number is dropped, and so refused later).
#[cfg(feature = "ssr")]
fn ids(values: Option<Vec<String>>) -> Vec<i64> {
    values
        .unwrap_or_default()
        .iter()
        .take(100)
        .map(|v| v.trim().parse().unwrap_or(-1))
        .collect()
}

/// The desk: the ente, where the Newsletter module is on.
#[cfg(feature = "ssr")]
async fn desk_of(
    ente: &str,
) -> Result<
    (
        crate::state::AppState,
        crate::ente::model::Ente,
        crate::auth::model::Actor,
    ),
    AppError,
> {
    let (state, ente, actor) = at_work(ente, Action::ManageNewsletter).await?;
    let today = state
        .clock
        .now()
        .with_timezone(&chrono_tz::Europe::Rome)
        .date_naive();
    let on = crate::ente::repo::modules(&state.db, ente.id)
        .await?
        .iter()
        .any(|m| m.module == Module::Newsletter && m.is_active_on(today));
    if !on {
        return Err(fail(AppError::NotFound));
    }
    Ok((state, ente, actor))
}

/// `/{ente}/newsletter`.
#[server(endpoint = "newsletter/page")]
pub async fn load_subscribe_page(ente: String) -> Result<SubscribePage, AppError> {
    let (state, frame) = module_frame(&ente, Module::Newsletter).await?;
    let lists = super::repo::lists(&state.db, frame.ente.id).await?;
    Ok(SubscribePage { frame, lists })
}

#[server(endpoint = "newsletter/subscribe")]
pub async fn subscribe(
    ente: String,
    email: String,
    liste: Option<Vec<String>>,
    consenso: Option<String>,
) -> Result<String, AppError> {
    let (state, frame) = module_frame(&ente, Module::Newsletter).await?;
    let ask = super::subscribe::Ask {
        email,
        lists: ids(liste),
        consent: consenso.as_deref() == Some("1"),
    };
    super::subscribe::ask(&state, &request_info(), &frame.ente, ask)
        .await
        .map_err(fail)?;
    Ok(go_to(&format!(
        "{}?inviata=1",
        paths::subscribe(&frame.ente.slug)
    )))
}

#[server(endpoint = "newsletter/confirm")]
pub async fn confirm_subscription(ente: String, token: String) -> Result<String, AppError> {
    let (state, frame) = module_frame(&ente, Module::Newsletter).await?;
    let token: String = token.chars().take(100).collect();
    super::subscribe::confirm(&state, &request_info(), &frame.ente, &token)
        .await
        .map_err(fail)?;
    Ok(go_to(&format!(
        "{}?fatto=1",
        paths::confirm(&frame.ente.slug)
    )))
}

/// The subscriber a preferences token names, in this ente.
#[cfg(feature = "ssr")]
async fn holder(
    state: &crate::state::AppState,
    ente: &crate::ente::model::Ente,
    token: &str,
) -> Result<(i64, String), AppError> {
    let keys = super::links::Keys::load(&state.db).await?;
    let id = keys
        .check_preferences(token.get(..100).unwrap_or(token))
        .ok_or(AppError::Refused(crate::i18n::T::NewsletterLinkUnknown))?;
    match super::repo::subscriber_by_id(&state.db, id).await? {
        Some((owner, email, _)) if owner == ente.id => Ok((id, email)),
        _ => Err(AppError::Refused(crate::i18n::T::NewsletterLinkUnknown)),
    }
}

/// `s…@example.it`: enough to recognise one's address, not to learn another's.
#[cfg(feature = "ssr")]
fn half_hidden(email: &str) -> String {
    match email.split_once('@') {
        Some((local, domain)) => {
            let first: String = local.chars().take(1).collect();
            format!("{first}…@{domain}")
        }
        None => String::new(),
    }
}

#[server(endpoint = "newsletter/preferences")]
pub async fn load_preferences(ente: String, token: String) -> Result<Preferences, AppError> {
    let (state, frame) = module_frame(&ente, Module::Newsletter).await?;
    let (id, email) = holder(&state, &frame.ente, &token).await.map_err(fail)?;
    let active = super::repo::active_lists(&state.db, id).await?;
    let choices = super::repo::lists(&state.db, frame.ente.id)
        .await?
        .into_iter()
        .map(|list| super::model::Choice {
            on: active.contains(&list.id),
            list,
        })
        .collect();
    Ok(Preferences {
        frame,
        email: half_hidden(&email),
        choices,
    })
}

#[server(endpoint = "newsletter/choose")]
pub async fn choose_lists(
    ente: String,
    token: String,
    liste: Option<Vec<String>>,
) -> Result<String, AppError> {
    let (state, frame) = module_frame(&ente, Module::Newsletter).await?;
    let (id, _) = holder(&state, &frame.ente, &token).await.map_err(fail)?;
    super::subscribe::choose(&state, &request_info(), &frame.ente, id, &ids(liste))
        .await
        .map_err(fail)?;
    Ok(go_to(&format!(
        "{}?token={token}&salvate=1",
        paths::preferences(&frame.ente.slug)
    )))
}

/// Leaves the list a mail's link names (the page's button; mail clients use the
/// one-click address of `List-Unsubscribe`, served by the server's `newsletter`).
#[server(endpoint = "newsletter/leave")]
pub async fn leave_list(ente: String, token: String) -> Result<String, AppError> {
    let (state, frame) = module_frame(&ente, Module::Newsletter).await?;
    let keys = super::links::Keys::load(&state.db).await?;
    let (subscriber, list) = keys
        .check_leave(token.get(..100).unwrap_or(&token))
        .ok_or_else(|| fail(AppError::Refused(crate::i18n::T::NewsletterLinkUnknown)))?;
    match super::repo::subscriber_by_id(&state.db, subscriber).await? {
        Some((owner, _, _)) if owner == frame.ente.id => {}
        _ => {
            return Err(fail(AppError::Refused(
                crate::i18n::T::NewsletterLinkUnknown,
            )))
        }
    }
    super::subscribe::leave(&state, &request_info(), subscriber, list, "link")
        .await
        .map_err(fail)?;
    Ok(go_to(&format!(
        "{}?fatto=1",
        paths::leave(&frame.ente.slug)
    )))
}

/// `/account/newsletter`: what the signed-in person receives, with each ente's
/// preferences link (theirs: the address is the account's, and confirmed).
#[server(endpoint = "newsletter/mine")]
pub async fn load_mine() -> Result<super::model::Mine, AppError> {
    use super::model::{Mine, MyEnte};
    let actor = crate::auth::server::require(
        Action::ViewOwnAccount,
        crate::auth::policy::Target::OwnAccount,
    )?;
    if !actor.verified {
        return Ok(Mine {
            verified: false,
            enti: Vec::new(),
        });
    }
    let state = crate::state::app_state()?;
    let keys = super::links::Keys::load(&state.db).await?;
    let mut enti = Vec::new();
    for (id, ente, ente_name, slug) in super::repo::subscribers_of(&state.db, &actor.email).await? {
        let active = super::repo::active_lists(&state.db, id).await?;
        let lists = super::repo::lists(&state.db, ente)
            .await?
            .into_iter()
            .filter(|l| active.contains(&l.id))
            .map(|l| l.name)
            .collect();
        let preferences = format!(
            "{}?token={}",
            paths::preferences(&slug),
            keys.preferences(id)
        );
        enti.push(MyEnte {
            ente_name,
            preferences,
            lists,
        });
    }
    Ok(Mine {
        verified: true,
        enti,
    })
}

/// `/gestione/{ente}/newsletter`.
#[server(endpoint = "newsletter/desk")]
pub async fn load_desk(ente: String) -> Result<Desk, AppError> {
    let (state, ente, _) = desk_of(&ente).await?;
    Ok(Desk {
        lists: super::repo::lists_counted(&state.db, ente.id).await?,
        issues: super::issue_repo::latest(&state.db, ente.id, ISSUES_SHOWN).await?,
        candidates: super::compose::candidates(&state, &ente).await?,
        ente_slug: ente.slug,
        ente_name: ente.name,
    })
}

/// `/gestione/{ente}/newsletter/{id}`.
#[server(endpoint = "newsletter/issue")]
pub async fn load_issue(ente: String, id: i64) -> Result<IssuePage, AppError> {
    let (state, ente, _) = desk_of(&ente).await?;
    let (issue, body_text) = super::issue_repo::one(&state.db, ente.id, id)
        .await?
        .ok_or_else(|| fail(AppError::NotFound))?;
    Ok(IssuePage {
        ente_id: ente.id,
        ente_slug: ente.slug,
        ente_name: ente.name,
        issue,
        body_text,
    })
}

/// An issue's figures, for its page's progress bar while it is being sent.
#[server(endpoint = "newsletter/progress")]
pub async fn issue_progress(ente: String, id: i64) -> Result<super::model::IssueStats, AppError> {
    let (state, ente, _) = desk_of(&ente).await?;
    let (issue, _) = super::issue_repo::one(&state.db, ente.id, id)
        .await?
        .ok_or_else(|| fail(AppError::NotFound))?;
    Ok(issue.stats)
}

#[server(endpoint = "newsletter/add-list")]
pub async fn add_list(
    ente: String,
    nome: String,
    descrizione: Option<String>,
) -> Result<String, AppError> {
    let (state, ente, _) = desk_of(&ente).await?;
    let description = descrizione.unwrap_or_default();
    super::compose::add_list(&state, &request_info(), &ente, &nome, &description)
        .await
        .map_err(fail)?;
    Ok(go_to(&format!("{}?lista=1#liste", paths::desk(&ente.slug))))
}

#[server(endpoint = "newsletter/compose")]
pub async fn compose_issue(
    ente: String,
    lista: String,
    oggetto: String,
    testo: Option<String>,
    contenuti: Option<Vec<String>>,
    quando: String,
    send_at: Option<String>,
) -> Result<String, AppError> {
    let (state, ente, actor) = desk_of(&ente).await?;
    let draft = super::compose::Draft {
        list: lista.trim().parse().unwrap_or(-1),
        subject: oggetto,
        intro: testo.unwrap_or_default(),
        picks: contenuti
            .unwrap_or_default()
            .into_iter()
            .take(100)
            .collect(),
        when: quando,
        send_at: send_at.unwrap_or_default(),
    };
    let id = super::compose::compose(&state, &request_info(), &ente, &actor, draft)
        .await
        .map_err(fail)?;
    Ok(go_to(&paths::issue(&ente.slug, id)))
}

#[server(endpoint = "newsletter/send")]
pub async fn send_issue(ente: String, id: i64) -> Result<String, AppError> {
    let (state, ente, _) = desk_of(&ente).await?;
    super::compose::send_now(&state, &request_info(), &ente, id)
        .await
        .map_err(fail)?;
    Ok(go_to(&paths::issue(&ente.slug, id)))
}

#[server(endpoint = "newsletter/test")]
pub async fn send_test(ente: String, id: i64) -> Result<String, AppError> {
    let (state, ente, actor) = desk_of(&ente).await?;
    super::compose::send_test(&state, &ente, &actor, id)
        .await
        .map_err(fail)?;
    Ok(go_to(&format!("{}?prova=1", paths::issue(&ente.slug, id))))
}
