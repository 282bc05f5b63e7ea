//! KPIs (server only): a platform's export is uploaded, read (any encoding and
//! separator), mapped to metrics (the mapping saved per platform is proposed
//! again next time), checked row by row — a single bad cell refuses the whole file,
//! naming its line and column, and nothing is written — then imported in one
//! transaction. Manual entry sets a day's values. The page aggregates by month.

use crate::audit::model::AuditAction;
use crate::audit::repo::Record;
use crate::auth::model::Actor;
use crate::auth::server::RequestInfo;
use crate::ente::model::Ente;
use crate::error::{AppError, FieldError};
use crate::i18n::T;
use crate::social::kpi::model::*;
use crate::social::kpi::repo;
use crate::social::paths::kpi_path;
use crate::social::plan::model::Channel;
use crate::state::AppState;
use crate::table_import::{self, number, DayOrder, Problem, ReadError, Table, MAX_PROBLEMS};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// A row of an import, checked.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportRow {
    pub day: NaiveDate,
    /// (id, link, text) when the row is a post.
    pub post: Option<(String, String, String)>,
    pub values: Vec<(Metric, f64)>,
}

/// Whether a row is a total line (YouTube's "Total", a spreadsheet's "Totale").
fn is_total(row: &table_import::Row) -> bool {
    row.cells.iter().take(2).any(|c| {
        matches!(
            c.trim().to_lowercase().as_str(),
            "total" | "totale" | "totals" | "totali"
        )
    })
}

/// Checks that a mapping names columns the file has, a date and a metric.
pub fn check_mapping(headers: &[String], m: &Mapping) -> Result<(), AppError> {
    let mut errors = Vec::new();
    let known = |c: &String| c.is_empty() || headers.contains(c);
    if m.date.is_empty() {
        errors.push(FieldError {
            field: "date".into(),
            problem: T::KpiMapDate,
            limit: None,
        });
    }
    for (field, c) in [
        ("date", &m.date),
        ("post", &m.post),
        ("link", &m.link),
        ("text", &m.text),
    ] {
        if !known(c) {
            errors.push(FieldError {
                field: field.into(),
                problem: T::KpiMapUnknownColumn,
                limit: None,
            });
        }
    }
    for (metric, cols) in &m.metrics {
        if !cols.iter().all(known) {
            errors.push(FieldError {
                field: metric.code().into(),
                problem: T::KpiMapUnknownColumn,
                limit: None,
            });
        }
    }
    if m.metrics.iter().all(|(_, c)| c.is_empty()) {
        errors.push(FieldError {
            field: "metrics".into(),
            problem: T::KpiMapMetric,
            limit: None,
        });
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::Invalid(errors))
    }
}

/// Every row of the table under the mapping; or every problem found (at most
/// [`MAX_PROBLEMS`]), with its line and column.
pub fn apply(table: &Table, m: &Mapping) -> Result<Vec<ImportRow>, Vec<Problem>> {
    let index = |c: &str| table.headers.iter().position(|h| h == c);
    let date_col = index(&m.date);
    let dates: Vec<&str> = table
        .rows
        .iter()
        .filter_map(|r| date_col.map(|i| r.cell(i)))
        .collect();
    let order = m
        .order
        .or_else(|| DayOrder::evident(&dates))
        .unwrap_or(DayOrder::DayFirst);
    let mut problems = Vec::new();
    let mut rows = Vec::new();
    for row in &table.rows {
        if problems.len() >= MAX_PROBLEMS {
            break;
        }
        if is_total(row) {
            continue;
        }
        let date_text = date_col.map(|i| row.cell(i)).unwrap_or_default();
        let Some(day) = table_import::date(date_text, order) else {
            problems.push(Problem::at(row.line, &m.date, date_text, T::ImportNotADate));
            continue;
        };
        let post = match index(&m.post) {
            Some(i) if row.cell(i).is_empty() => {
                problems.push(Problem::at(row.line, &m.post, "", T::ImportMissing));
                continue;
            }
            Some(i) => Some((
                row.cell(i).to_string(),
                index(&m.link)
                    .map(|j| row.cell(j).to_string())
                    .unwrap_or_default(),
                index(&m.text)
                    .map(|j| row.cell(j).chars().take(280).collect())
                    .unwrap_or_default(),
            )),
            None => None,
        };
        let mut values = Vec::new();
        for (metric, cols) in &m.metrics {
            let mut sum = None;
            for col in cols {
                let text = index(col).map(|i| row.cell(i)).unwrap_or_default();
                if text.is_empty() || matches!(text, "-" | "--" | "n/a" | "N/A") {
                    continue;
                }
                match number(text) {
                    Some(n) if n < 0.0 => {
                        problems.push(Problem::at(row.line, col, text, T::ImportNegative))
                    }
                    Some(n) => sum = Some(sum.unwrap_or(0.0) + n),
                    None => problems.push(Problem::at(row.line, col, text, T::ImportNotANumber)),
                }
            }
            if let Some(v) = sum {
                values.push((*metric, v));
            }
        }
        rows.push(ImportRow { day, post, values });
    }
    problems.truncate(MAX_PROBLEMS);
    if !problems.is_empty() {
        return Err(problems);
    }
    if rows.iter().all(|r| r.values.is_empty()) {
        return Err(vec![Problem::at(0, "", "", T::ImportNothing)]);
    }
    Ok(rows)
}

pub(crate) fn channel_of(channels: &[Channel], id: i64) -> Result<Channel, AppError> {
    channels
        .iter()
        .find(|c| c.id == id)
        .cloned()
        .ok_or_else(|| AppError::invalid("channel", T::EditorialUnknownChannel))
}

/// Keeps an uploaded file; where to go next: the mapping, or the page with the
/// reasons it cannot be read.
pub async fn upload(
    state: &AppState,
    ente: &Ente,
    actor: &Actor,
    channel: i64,
    name: &str,
    bytes: Vec<u8>,
) -> Result<String, AppError> {
    let channels = crate::social::plan::channel_repo::channels(&state.db, ente.id).await?;
    channel_of(&channels, channel)?;
    let (token, _) = crate::auth::token::new_token();
    let token = token[..32].to_string();
    let read = table_import::read(&bytes);
    let problems = match &read {
        Ok(_) => None,
        Err(ReadError::Lines(p)) => Some(p.clone()),
        Err(e) => Some(vec![Problem::at(0, "", "", e.message())]),
    };
    let name = crate::upload::check::clean_name(name);
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let kept = if problems.is_some() {
        Vec::new()
    } else {
        bytes
    };
    repo::add_upload(
        &mut tx,
        ente.id,
        channel,
        &token,
        &name,
        kept,
        actor.account_id,
        now,
    )
    .await?;
    tx.commit().await?;
    let path = kpi_path(&ente.slug);
    Ok(match problems {
        None => format!("{path}/importa/{token}"),
        Some(p) => {
            if let Some(row) = repo::upload(&state.db, ente.id, &token).await? {
                repo::set_problems(
                    &state.db,
                    row.id,
                    &serde_json::to_string(&p).unwrap_or_default(),
                )
                .await?;
            }
            format!("{path}?rifiutato={token}")
        }
    })
}

pub(crate) fn problems_of(row: &repo::UploadRow) -> Vec<Problem> {
    row.problems
        .as_deref()
        .and_then(|p| serde_json::from_str(p).ok())
        .unwrap_or_default()
}

async fn waiting(
    state: &AppState,
    ente: &Ente,
    token: &str,
) -> Result<(repo::UploadRow, Channel, Table), AppError> {
    // The token is the key: anyone of the team may finish an import a colleague began.
    let row = repo::upload(&state.db, ente.id, token)
        .await?
        .ok_or(AppError::NotFound)?;
    let channels = crate::social::plan::channel_repo::channels(&state.db, ente.id).await?;
    let channel = channel_of(&channels, row.channel_id)?;
    let table = table_import::read(&row.bytes).map_err(|_| AppError::NotFound)?;
    Ok((row, channel, table))
}

/// The mapping step: the file's columns and first rows, the mapping saved for the
/// platform (or the one its headers suggest), and what was wrong last time.
pub async fn import_page(
    state: &AppState,
    ente: &Ente,
    token: &str,
) -> Result<(ImportPage, Vec<Problem>), AppError> {
    let (row, channel, table) = waiting(state, ente, token).await?;
    let saved = repo::mapping(&state.db, ente.id, channel.platform.code())
        .await?
        .filter(|m| check_mapping(&table.headers, m).is_ok());
    let mapping = saved.clone().unwrap_or_else(|| {
        let mut guess = Mapping::guess(channel.platform, &table.headers);
        // The data says how its dates are written better than the platform does.
        if let Some(i) = table.headers.iter().position(|h| *h == guess.date) {
            let dates: Vec<&str> = table.rows.iter().map(|r| r.cell(i)).collect();
            if let Some(order) = DayOrder::evident(&dates) {
                guess.order = Some(order);
            }
        }
        guess
    });
    let problems = problems_of(&row);
    Ok((
        ImportPage {
            ente_slug: ente.slug.clone(),
            ente_name: ente.name.clone(),
            token: token.to_string(),
            file_name: row.name.clone(),
            headers: table.headers.clone(),
            sample: table.rows.iter().take(5).map(|r| r.cells.clone()).collect(),
            rows: table.rows.len(),
            mapping,
            saved: saved.is_some(),
            channel,
        },
        problems,
    ))
}

/// Imports a waiting file with `mapping`: every row is checked first; the number of
/// rows imported, or `Refused` with the problems kept for the page.
pub async fn confirm(
    state: &AppState,
    info: &RequestInfo,
    ente: &Ente,
    actor: &Actor,
    token: &str,
    mapping: Mapping,
) -> Result<usize, AppError> {
    let (row, channel, table) = waiting(state, ente, token).await?;
    check_mapping(&table.headers, &mapping)?;
    let rows = match apply(&table, &mapping) {
        Ok(rows) => rows,
        Err(problems) => {
            repo::set_problems(
                &state.db,
                row.id,
                &serde_json::to_string(&problems).unwrap_or_default(),
            )
            .await?;
            return Err(AppError::Refused(T::KpiImportRefused));
        }
    };
    let first = rows.iter().map(|r| r.day).min().unwrap_or_default();
    let last = rows.iter().map(|r| r.day).max().unwrap_or_default();
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let import = repo::add_import(
        &mut tx,
        ente.id,
        channel.id,
        &row.name,
        rows.len() as i64,
        (first, last),
        actor.account_id,
        now,
    )
    .await?;
    // Days: additive metrics add up within a day, followers keep the day's last.
    let mut daily: BTreeMap<(NaiveDate, Metric), f64> = BTreeMap::new();
    for r in &rows {
        match &r.post {
            Some((key, link, text)) => {
                let get = |m: Metric| r.values.iter().find(|(x, _)| *x == m).map(|(_, v)| *v);
                let post = repo::PostInput {
                    key,
                    day: r.day,
                    link,
                    text,
                    reach: get(Metric::Reach),
                    impressions: get(Metric::Impressions),
                    engagements: get(Metric::Engagements),
                    clicks: get(Metric::Clicks),
                    views: get(Metric::Views),
                };
                repo::put_post(&mut tx, channel.id, &post, import).await?;
            }
            None => {
                for (m, v) in &r.values {
                    let slot = daily.entry((r.day, *m)).or_insert(0.0);
                    *slot = if *m == Metric::Followers {
                        *v
                    } else {
                        *slot + v
                    };
                }
            }
        }
    }
    for ((day, metric), value) in daily {
        repo::put_value(&mut tx, channel.id, day, metric, value, Some(import), now).await?;
    }
    repo::save_mapping(
        &mut tx,
        ente.id,
        channel.platform.code(),
        &mapping,
        actor.account_id,
        now,
    )
    .await?;
    repo::remove_upload(&mut tx, row.id).await?;
    crate::audit::repo::record(
        &mut tx,
        info,
        Record::new(AuditAction::KpiImported)
            .target("kpi_import", Some(import), row.name.as_str())
            .ente(Some(ente.id))
            .details(format!(
                "{}: {} ({first} – {last})",
                channel.name,
                rows.len()
            )),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(rows.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::social::channel::Platform;

    fn table(text: &str) -> Table {
        table_import::read(text.as_bytes()).unwrap_or_else(|e| panic!("{e:?}"))
    }

    const META: &str = "Post ID,Publish time,Permalink,Title,Reach,Reactions,Comments,Shares\n\
        101,11/03/2026 10:00,https://fb.com/p/101,Isola ecologica,1.250,40,5,3\n\
        102,11/05/2026 18:30,https://fb.com/p/102,Consiglio comunale,980,12,,1\n";

    #[test]
    fn a_meta_export_becomes_posts_with_summed_engagements() {
        let t = table(META);
        let m = Mapping::guess(Platform::Facebook, &t.headers);
        assert!(check_mapping(&t.headers, &m).is_ok());
        let rows = apply(&t, &m).unwrap_or_else(|p| panic!("{p:?}"));
        assert_eq!(rows.len(), 2);
        assert_eq!(
            rows[0].day,
            NaiveDate::from_ymd_opt(2026, 11, 3).unwrap_or_default()
        );
        assert_eq!(rows[0].post.as_ref().map(|p| p.0.as_str()), Some("101"));
        assert!(rows[0].values.contains(&(Metric::Reach, 1250.0)));
        assert!(rows[0].values.contains(&(Metric::Engagements, 48.0)));
        assert!(rows[1].values.contains(&(Metric::Engagements, 13.0)));
    }

    #[test]
    fn every_bad_cell_is_named_and_nothing_passes() {
        let t = table("Data,Follower,Copertura\n2026-11-01,812,1200\n2026-13-02,815,1100\n2026-11-03,dodici,900\n2026-11-04,820,-5\n");
        let m = Mapping::guess(Platform::Instagram, &t.headers);
        let problems = apply(&t, &m).err().unwrap_or_default();
        let found: Vec<(u64, &str, T)> = problems
            .iter()
            .map(|p| (p.line, p.column.as_str(), p.problem))
            .collect();
        assert_eq!(
            found,
            vec![
                (3, "Data", T::ImportNotADate),
                (4, "Follower", T::ImportNotANumber),
                (5, "Copertura", T::ImportNegative),
            ]
        );
    }

    #[test]
    fn totals_are_skipped_and_a_mapping_must_name_real_columns() {
        let t = table("Content,Video title,Video publish time,Views\nTotal,,,5000\nabc123,Consiglio,\"Nov 3, 2026\",4200\n");
        let m = Mapping::guess(Platform::YouTube, &t.headers);
        let rows = apply(&t, &m).unwrap_or_else(|p| panic!("{p:?}"));
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].values, vec![(Metric::Views, 4200.0)]);
        let mut wrong = m.clone();
        wrong.date = "Data".into();
        wrong.metrics = vec![];
        match check_mapping(&t.headers, &wrong) {
            Err(AppError::Invalid(e)) => {
                let fields: Vec<&str> = e.iter().map(|f| f.field.as_str()).collect();
                assert_eq!(fields, vec!["date", "metrics"]);
            }
            other => panic!("{other:?}"),
        }
    }
}
