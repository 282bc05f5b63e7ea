//! The site editor's calls as the tests make them: the id an answer leads to, Rome
//! moments as the form writes them, an entry's state and version, and its steps.

use super::social::call;
use super::web::{Client, Response};
use app::db::{sql, Db};
use chrono::{Duration, Utc};
use chrono_tz::Europe::Rome;

/// The id at the end of the address a change answers with.
pub fn id_from(res: &Response) -> i64 {
    let path = res.json();
    let path = path.as_str().unwrap();
    let tail = path.split('?').next().unwrap().rsplit('/').next().unwrap();
    tail.parse().unwrap()
}

/// `datetime-local` text for `days` from now at `hour`, Rome time.
pub fn local(days: i64, hour: u32) -> String {
    let day = (Utc::now().with_timezone(&Rome) + Duration::days(days)).date_naive();
    format!("{day}T{hour:02}:00")
}

pub async fn state_of(db: &Db, id: i64) -> String {
    let (s,): (String,) = db
        .fetch_one(sql("SELECT state FROM site_entry WHERE id = $1").bind(id))
        .await
        .unwrap();
    s
}

pub async fn version_of(db: &Db, id: i64) -> i64 {
    let (v,): (i64,) = db
        .fetch_one(sql("SELECT version FROM site_entry WHERE id = $1").bind(id))
        .await
        .unwrap();
    v
}

/// A step on the entry's current version.
pub async fn step(c: &mut Client, db: &Db, id: i64, step: &str, note: &str) -> Response {
    let version = version_of(db, id).await;
    step_on(c, id, version, step, note).await
}

/// A step on the version `version`, as a reader who saw it takes it.
pub async fn step_on(c: &mut Client, id: i64, version: i64, step: &str, note: &str) -> Response {
    call(
        c,
        "site-editor/step",
        &[
            ("id", id.to_string()),
            ("step", step.into()),
            ("note", note.into()),
            ("version", version.to_string()),
        ],
    )
    .await
}
