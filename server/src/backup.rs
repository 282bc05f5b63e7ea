//! `piazza backup --to FILE` and `piazza restore --from FILE`.
//!
//! The file is JSON lines: a header, then for each table a line naming its columns
//! followed by one line per row. Restore runs in one transaction into an empty,
//! migrated database: it loads everything or nothing.

use app::db::portable::{self, PortableError, TABLES};
use app::db::{Db, Tx};
use chrono::Utc;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::Path;

const FORMAT: &str = "piazza-backup";
const FORMAT_VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct Header {
    format: String,
    version: u32,
    schema_version: i64,
    source: String,
    created_at: String,
}

#[derive(Serialize, Deserialize)]
#[serde(untagged)]
enum Line {
    Table { table: String, columns: Vec<String> },
    Row { row: Vec<Value> },
}

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error(transparent)]
    Data(#[from] PortableError),
    #[error(transparent)]
    Db(#[from] app::db::DbError),
    #[error("{path}, line {line}: {problem}")]
    Format {
        path: String,
        line: usize,
        problem: String,
    },
    #[error("{0}")]
    Refused(String),
}

async fn schema_version(tx: &mut Tx) -> Result<i64, app::db::DbError> {
    let (v,): (Option<i64>,) = tx
        .fetch_one(app::db::sql(
            "SELECT MAX(version) FROM _sqlx_migrations WHERE success = TRUE",
        ))
        .await?;
    Ok(v.unwrap_or(0))
}

/// Writes every table to `path`, all read from one snapshot of the database (what is
/// written meanwhile is in none of the tables, never in some of them). Returns the
/// number of rows written.
pub async fn backup(db: &Db, path: &Path) -> Result<u64, BackupError> {
    let io = |source| BackupError::Io {
        path: path.display().to_string(),
        source,
    };
    let file = std::fs::File::create(path).map_err(io)?;
    let mut out = BufWriter::new(file);
    let mut snapshot = db.snapshot().await?;
    let header = Header {
        format: FORMAT.into(),
        version: FORMAT_VERSION,
        schema_version: schema_version(&mut snapshot).await?,
        source: db.backend().name().into(),
        created_at: Utc::now().to_rfc3339(),
    };
    let mut rows = 0;
    write_json(&mut out, &header).map_err(io)?;
    for table in TABLES {
        let columns = snapshot.column_names(table).await?;
        write_json(
            &mut out,
            &Line::Table {
                table: table.name.into(),
                columns,
            },
        )
        .map_err(io)?;
        // Row by row as the database hands them over: a backup holds one row in memory.
        snapshot
            .each_row(table, &mut |row| {
                write_json(&mut out, &Line::Row { row })?;
                rows += 1;
                Ok(())
            })
            .await?;
    }
    out.flush().map_err(io)?;
    Ok(rows)
}

fn write_json(out: &mut impl Write, value: &impl Serialize) -> std::io::Result<()> {
    serde_json::to_writer(&mut *out, value)?;
    out.write_all(b"\n")
}

/// Loads `path` into `db`, which must be migrated and empty but for the reference
/// rows migrations insert (those are replaced). Returns the rows loaded.
pub async fn restore(db: &Db, path: &Path) -> Result<u64, BackupError> {
    let shown = path.display().to_string();
    let file = std::fs::File::open(path).map_err(|source| BackupError::Io {
        path: shown.clone(),
        source,
    })?;
    let format_error = |line: usize, problem: String| BackupError::Format {
        path: shown.clone(),
        line,
        problem,
    };

    for table in TABLES.iter().filter(|t| !t.seeded) {
        let n = db.count(table).await?;
        if n > 0 {
            return Err(BackupError::Refused(format!(
                "restore needs an empty database, but table {} has {n} rows",
                table.name
            )));
        }
    }

    let mut lines = BufReader::new(file).lines().enumerate();
    let header: Header = match lines.next() {
        Some((_, Ok(text))) => {
            serde_json::from_str(&text).map_err(|e| format_error(1, e.to_string()))?
        }
        Some((_, Err(e))) => return Err(format_error(1, e.to_string())),
        None => return Err(format_error(1, "the file is empty".into())),
    };
    if header.format != FORMAT || header.version != FORMAT_VERSION {
        return Err(format_error(
            1,
            "not a Piazza backup of a supported version".into(),
        ));
    }
    let mut tx = db.begin().await?;
    let ours = schema_version(&mut tx).await?;
    if header.schema_version != ours {
        return Err(BackupError::Refused(format!(
            "the backup has schema version {}, this Piazza has {ours}: restore it with the matching version",
            header.schema_version
        )));
    }

    for table in TABLES.iter().rev().filter(|t| t.seeded) {
        tx.clear(table).await?;
    }
    let mut current: Option<(&portable::Table, Vec<(String, portable::Kind)>)> = None;
    let mut restored_tables = Vec::new();
    let mut rows = 0;
    for (index, line) in lines {
        let number = index + 1;
        let text = line.map_err(|e| format_error(number, e.to_string()))?;
        if text.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Line>(&text)
            .map_err(|e| format_error(number, e.to_string()))?
        {
            Line::Table { table, columns } => {
                let spec = portable::table(&table)
                    .ok_or_else(|| format_error(number, format!("unknown table {table:?}")))?;
                let known = tx.columns(spec).await?;
                // Every column of the backup must exist here; they are bound in the file's order.
                let mut ordered = Vec::with_capacity(columns.len());
                for name in &columns {
                    let found = known.iter().find(|(n, _)| n == name).ok_or_else(|| {
                        format_error(number, format!("table {table} has no column {name:?}"))
                    })?;
                    ordered.push(found.clone());
                }
                if let Some((previous, _)) = current.take() {
                    restored_tables.push(previous);
                }
                current = Some((spec, ordered));
            }
            Line::Row { row } => {
                let (spec, columns) = current
                    .as_ref()
                    .ok_or_else(|| format_error(number, "a row before any table".into()))?;
                tx.insert_values(spec, columns, &row)
                    .await
                    .map_err(|e| format_error(number, e.to_string()))?;
                rows += 1;
            }
        }
    }
    if let Some((previous, _)) = current.take() {
        restored_tables.push(previous);
    }
    for table in restored_tables {
        tx.reset_identity(table).await?;
    }
    tx.commit().await?;
    app::search::repo::reindex_all(db).await?;
    app::consultation::repo::recount(db).await?;
    Ok(rows)
}
