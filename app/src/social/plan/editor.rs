//! The editor page of one item (server only): its texts per channel with their
//! counts, its review steps and timeline, and what the reader may do next.

use super::channel_repo;
use crate::auth::model::Actor;
use crate::ente::model::Ente;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::social::plan::model::*;
use crate::social::plan::repo;
use crate::state::AppState;
use chrono::{Duration, NaiveDate, NaiveTime};

/// The editor of an item, or of a new one on `day` (10:00) when `id` is None.
pub async fn item_page(
    state: &AppState,
    ente: &Ente,
    actor: &Actor,
    lang: Lang,
    id: Option<i64>,
    day: Option<NaiveDate>,
) -> Result<ItemPage, AppError> {
    let channels = channel_repo::channels(&state.db, ente.id).await?;
    let campaigns = repo::campaigns(&state.db, ente.id).await?;
    let boxes = |texts: &[(i64, i64, String)]| -> Vec<TextBox> {
        channels
            .iter()
            .filter(|c| c.active || texts.iter().any(|(_, ch, _)| *ch == c.id))
            .map(|c| TextBox {
                channel: c.clone(),
                body: texts
                    .iter()
                    .find(|(_, ch, _)| *ch == c.id)
                    .map(|(_, _, b)| b.clone())
                    .unwrap_or_default(),
            })
            .collect()
    };
    let Some(id) = id else {
        let now = state.clock.now();
        let day = day
            .filter(|d| *d >= Lang::local_date(now))
            .unwrap_or(Lang::local_date(now) + Duration::days(1));
        let planned =
            Lang::local_moment(day, NaiveTime::from_hms_opt(10, 0, 0).unwrap_or_default())
                .unwrap_or(now);
        return Ok(ItemPage {
            ente_id: ente.id,
            ente_slug: ente.slug.clone(),
            ente_name: ente.name.clone(),
            id: None,
            title: String::new(),
            campaign: String::new(),
            media: String::new(),
            state: ItemState::Draft,
            planned_input: Lang::local_input(planned),
            planned_label: lang.datetime(planned),
            due_input: String::new(),
            author: actor.label().to_string(),
            approved_by: String::new(),
            published_url: String::new(),
            texts: boxes(&[]),
            notes: vec![],
            steps: vec![],
            mine: true,
            source: None,
            series: vec![],
            campaigns,
            images: vec![],
        });
    };
    let row = repo::item(&state.db, ente.id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let texts = repo::texts_of(&state.db, ente.id, &[id]).await?;
    let notes = repo::notes(&state.db, id)
        .await?
        .into_iter()
        .map(|n| NoteView {
            author: crate::account::model::author_label(
                n.author_name.as_deref().unwrap_or_default(),
                n.author_deleted.unwrap_or(true),
                lang,
            ),
            at: lang.datetime(n.created_at),
            from: ItemState::from_code(&n.from_state),
            to: ItemState::from_code(&n.to_state),
            body: n.body,
        })
        .collect();
    let mine = row.author_id == Some(actor.account_id);
    let source = match row.source_id {
        Some(sid) => repo::source(&state.db, ente.id, &row.source_kind, sid)
            .await?
            .map(|s| {
                let path = match s.kind.as_str() {
                    "news" => format!("/{}/notizie/{}", ente.slug, s.slug),
                    "event" => format!("/{}/eventi", ente.slug),
                    _ => format!("/{}/consultazioni/{}", ente.slug, s.slug),
                };
                (s.title, path)
            }),
        None => None,
    };
    let series = match row.series_id {
        Some(series) => repo::series_after(&state.db, ente.id, series, row.planned_at)
            .await?
            .into_iter()
            .map(|(id, at)| (id, lang.datetime(at)))
            .collect(),
        None => vec![],
    };
    Ok(ItemPage {
        ente_id: ente.id,
        ente_slug: ente.slug.clone(),
        ente_name: ente.name.clone(),
        id: Some(id),
        title: row.title.clone(),
        campaign: row.campaign.clone(),
        media: row.media.clone(),
        state: row.state(),
        planned_input: Lang::local_input(row.planned_at),
        planned_label: lang.datetime(row.planned_at),
        due_input: row.due_on.map(|d| d.to_string()).unwrap_or_default(),
        author: row.author(lang),
        approved_by: row.approved_name.clone().unwrap_or_default(),
        published_url: row.published_url.clone(),
        texts: boxes(&texts),
        notes,
        steps: Step::open_from(row.state(), mine),
        mine,
        source,
        series,
        campaigns,
        images: crate::social::plan::media::of_item(&state.db, id).await?,
    })
}
