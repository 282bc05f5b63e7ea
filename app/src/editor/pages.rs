//! The editor's pages as data (server only): a kind's list with what waits for
//! approval, and one entry with its form, its steps and its versions.

use super::model::*;
use super::repo::{self, ListRow};
use crate::auth::model::{Actor, Scope};
use crate::auth::policy::{can, Action, Target};
use crate::ente::model::Ente;
use crate::error::AppError;
use crate::i18n::{Lang, T};
use crate::state::AppState;

fn line(lang: Lang, r: ListRow) -> EntryLine {
    EntryLine {
        id: r.id,
        kind: EntryKind::from_code(&r.kind).unwrap_or(EntryKind::News),
        title: r.title,
        state: EntryState::from_code(&r.state).unwrap_or(EntryState::Draft),
        publish: r
            .published_at
            .or(r.publish_at)
            .map(|at| lang.datetime(at))
            .unwrap_or_default(),
        updated: lang.datetime(r.updated_at),
        changed_by: r.changed_by.unwrap_or_default(),
    }
}

/// A kind's list: its entries, what waits for approval, what the site shows
/// without an entry.
pub async fn home(
    state: &AppState,
    ente: &Ente,
    actor: &Actor,
    lang: Lang,
    kind: EntryKind,
) -> Result<EditorHome, AppError> {
    let db = &state.db;
    let counts = repo::counts(db, ente.id).await?;
    Ok(EditorHome {
        ente_id: ente.id,
        ente_slug: ente.slug.clone(),
        ente_name: ente.name.clone(),
        kind,
        counts: EntryKind::ALL
            .into_iter()
            .map(|k| {
                let n = counts
                    .iter()
                    .find(|(c, _)| c == k.code())
                    .map_or(0, |(_, n)| *n);
                (k, n)
            })
            .collect(),
        entries: repo::list(db, ente.id, kind, 200)
            .await?
            .into_iter()
            .map(|r| line(lang, r))
            .collect(),
        waiting: repo::waiting(db, ente.id)
            .await?
            .into_iter()
            .map(|r| line(lang, r))
            .collect(),
        live: repo::unheld(db, ente.id, kind, 50)
            .await?
            .into_iter()
            .map(|(slug, title)| LiveLine { slug, title })
            .collect(),
        review: repo::review(db, ente.id).await?,
        may_configure: can(
            Some(actor),
            Action::ConfigureSite,
            Target::In(Scope::Ente(ente.id)),
        ),
    })
}

/// The steps the reader may take now.
fn steps(state: EntryState, review: bool, live: bool, own: bool) -> Vec<Step> {
    Step::ALL
        .into_iter()
        .filter(|s| s.leads(state, review, live).is_some())
        .filter(|s| !(*s == Step::Approve && review && own))
        .collect()
}

/// One entry's editor (`id` None: a new one of `kind`).
pub async fn entry_page(
    state: &AppState,
    ente: &Ente,
    actor: &Actor,
    lang: Lang,
    kind: EntryKind,
    id: Option<i64>,
) -> Result<EntryPage, AppError> {
    let db = &state.db;
    let review = repo::review(db, ente.id).await?;
    let choices = super::choices::choices(state, ente, lang).await?;
    let mut page = EntryPage {
        ente_id: ente.id,
        ente_slug: ente.slug.clone(),
        ente_name: ente.name.clone(),
        id,
        kind,
        state: EntryState::Draft,
        values: Default::default(),
        choices,
        publish_at: String::new(),
        expires_at: String::new(),
        steps: Vec::new(),
        version: 0,
        versions: Vec::new(),
        live_url: None,
        image: None,
        review,
        own_change: false,
        plan_source: None,
    };
    let Some(id) = id else {
        if kind == EntryKind::Service {
            page.values.insert("active".into(), "1".into());
        }
        return Ok(page);
    };
    let entry = repo::entry(db, ente.id, id)
        .await?
        .filter(|e| e.kind() == kind)
        .ok_or(AppError::NotFound)?;
    let own =
        entry.changed_by == Some(actor.account_id) || entry.submitted_by == Some(actor.account_id);
    page.state = entry.state();
    page.values = entry.values();
    page.publish_at = entry.publish_at.map(Lang::local_input).unwrap_or_default();
    page.expires_at = entry.expires_at.map(Lang::local_input).unwrap_or_default();
    page.steps = steps(page.state, review, entry.live_id.is_some(), own);
    page.version = entry.version;
    page.own_change = own && review && page.state == EntryState::Review;
    page.live_url = entry
        .live_id
        .map(|_| super::golive_more::live_url(&ente.slug, kind, &entry.slug, &page.values));
    let social = can(
        Some(actor),
        Action::ManageSocial,
        Target::In(Scope::Ente(ente.id)),
    );
    page.plan_source = match (kind, entry.live_id) {
        (EntryKind::News | EntryKind::Event, Some(live)) if social => {
            Some(format!("{}:{live}", kind.code()))
        }
        _ => None,
    };
    page.versions = repo::versions(db, id)
        .await?
        .into_iter()
        .map(|(number, state, who, at, note)| {
            let state = EntryState::from_code(&state).unwrap_or(EntryState::Draft);
            // Going live at its date and expiring are Piazza's own steps.
            let by_piazza = matches!(state, EntryState::Published | EntryState::Expired);
            VersionView {
                number,
                state,
                who: who.unwrap_or_else(|| {
                    if by_piazza {
                        lang.t(T::SiteEditorByPiazza).to_string()
                    } else {
                        String::new()
                    }
                }),
                at: lang.datetime(at),
                note,
            }
        })
        .collect();
    if let Some(upload) = entry.image_id {
        page.image = crate::upload::repo::view_of(db, upload, &entry.image_alt).await?;
    }
    Ok(page)
}
