//! A press release leaving the editor for the ente's journalists list (server
//! only), when its author ticked "send to the journalists": at approval when it is
//! under embargo (the mail says until when), else when it goes live. Mailed once
//! per entry (`press::mailing`).

use super::check::embargo;
use super::model::EntryKind;
use super::repo::EntryRow;
use crate::auth::server::RequestInfo;
use crate::content::model::NewsKind;
use crate::db::Tx;
use crate::ente::model::Ente;
use crate::error::AppError;
use crate::press::mailing::{send, Release};
use crate::state::AppState;
use chrono::{DateTime, Utc};
use std::collections::BTreeMap;

/// When the mail may go.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Moment {
    /// The entry was approved: only a release under embargo goes now.
    Approved,
    /// The entry went live.
    Live,
}

pub async fn mail(
    tx: &mut Tx,
    (state, info): (&AppState, &RequestInfo),
    ente: &Ente,
    entry: &EntryRow,
    values: &BTreeMap<String, String>,
    moment: Moment,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let get = |k: &str| values.get(k).map(String::as_str).unwrap_or_default();
    let release = entry.kind() == EntryKind::News
        && get("news_kind") == NewsKind::Release.code()
        && get("to_press") == "1";
    let until = embargo(values).filter(|at| *at > now);
    if !release || (moment == Moment::Approved && until.is_none()) {
        return Ok(());
    }
    let path = format!("/{}/notizie/{}", ente.slug, entry.slug);
    let out = Release {
        entry: entry.id,
        title: &entry.title,
        summary: get("summary"),
        body: get("body"),
        path: &path,
        embargo: until,
    };
    send(tx, state, info, ente, &out, now).await?;
    Ok(())
}
