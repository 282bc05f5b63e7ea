//! A database-neutral copy of every table, for `piazza backup` and `piazza restore`.
//!
//! Values travel as JSON (null, integer, float, bool, text); on the way back each
//! value is bound with the type of its destination column, so a backup taken on
//! SQLite restores on PostgreSQL and the other way round.

use super::{Arg, Backend, Db, DbError, Sql, Tx};
use chrono::{DateTime, NaiveDate, Utc};
use serde_json::Value;
use sqlx::{Column, Row, TypeInfo, ValueRef};

/// A table that backups carry, in an order that respects foreign keys.
#[derive(Clone, Copy, Debug)]
pub struct Table {
    pub name: &'static str,
    /// The whole SELECT of the table, ordered so that referenced rows come first.
    select: &'static str,
    /// Whether the table has an `id` identity column (its sequence is reset on restore).
    has_id: bool,
    /// Whether migrations fill it (reference data such as topics): a restore replaces
    /// those rows instead of requiring the table to be empty.
    pub seeded: bool,
}

/// Every application table. A test checks this list against the migrated schema.
pub const TABLES: &[Table] = &[
    Table::with_id(
        "ente",
        "SELECT * FROM ente ORDER BY CASE WHEN parent_id IS NULL THEN 0 ELSE 1 END, id",
    ),
    Table::keyed(
        "ente_module",
        "SELECT * FROM ente_module ORDER BY ente_id, module",
    ),
    Table::with_id("place", "SELECT * FROM place ORDER BY id"),
    Table::with_id("news", "SELECT * FROM news ORDER BY id"),
    Table::with_id("event", "SELECT * FROM event ORDER BY id"),
    Table::with_id("account", "SELECT * FROM account ORDER BY id"),
    Table::keyed(
        "external_identity",
        "SELECT * FROM external_identity ORDER BY issuer, subject",
    ),
    Table::with_id("topic", "SELECT * FROM topic ORDER BY id").seeded(),
    Table::keyed(
        "account_topic",
        "SELECT * FROM account_topic ORDER BY account_id, topic_id",
    ),
    // Before communities: a community's cover is an upload.
    Table::keyed("file_blob", "SELECT * FROM file_blob ORDER BY sha256"),
    Table::with_id("upload", "SELECT * FROM upload ORDER BY id"),
    Table::with_id("community", "SELECT * FROM community ORDER BY id"),
    Table::with_id("role_grant", "SELECT * FROM role_grant ORDER BY id"),
    Table::with_id("session", "SELECT * FROM session ORDER BY id"),
    Table::keyed(
        "account_token",
        "SELECT * FROM account_token ORDER BY token_hash",
    ),
    Table::with_id("invitation", "SELECT * FROM invitation ORDER BY id"),
    Table::with_id("outbox", "SELECT * FROM outbox ORDER BY id"),
    Table::with_id("audit_log", "SELECT * FROM audit_log ORDER BY id"),
    Table::keyed(
        "rate_limit",
        "SELECT * FROM rate_limit ORDER BY bucket, window_start",
    ),
    Table::with_id("consultation", "SELECT * FROM consultation ORDER BY id"),
    Table::keyed(
        "consultation_comune",
        "SELECT * FROM consultation_comune ORDER BY consultation_id, ente_id",
    ),
    Table::keyed(
        "consultation_topic",
        "SELECT * FROM consultation_topic ORDER BY consultation_id, topic_id",
    ),
    Table::with_id("response", "SELECT * FROM response ORDER BY id"),
    Table::keyed(
        "response_draft",
        "SELECT * FROM response_draft ORDER BY consultation_id, owner",
    ),
    Table::with_id(
        "consultation_paragraph",
        "SELECT * FROM consultation_paragraph ORDER BY id",
    ),
    Table::with_id(
        "paragraph_comment",
        "SELECT * FROM paragraph_comment ORDER BY id",
    ),
    Table::keyed(
        "comment_support",
        "SELECT * FROM comment_support ORDER BY comment_id, account_id",
    ),
    Table::keyed(
        "comment_report",
        "SELECT * FROM comment_report ORDER BY comment_id, account_id",
    ),
    Table::keyed(
        "consultation_file",
        "SELECT * FROM consultation_file ORDER BY consultation_id, position",
    ),
    Table::with_id("notification", "SELECT * FROM notification ORDER BY id"),
    Table::keyed("site_secret", "SELECT * FROM site_secret ORDER BY name"),
    Table::with_id("forum_category", "SELECT * FROM forum_category ORDER BY id"),
    Table::with_id("forum_thread", "SELECT * FROM forum_thread ORDER BY id"),
    Table::with_id("forum_post", "SELECT * FROM forum_post ORDER BY id"),
    Table::keyed(
        "forum_reaction",
        "SELECT * FROM forum_reaction ORDER BY post_id, account_id, kind",
    ),
    Table::keyed(
        "forum_read",
        "SELECT * FROM forum_read ORDER BY thread_id, account_id",
    ),
    Table::keyed(
        "forum_thread_watch",
        "SELECT * FROM forum_thread_watch ORDER BY thread_id, account_id",
    ),
    Table::keyed(
        "forum_category_watch",
        "SELECT * FROM forum_category_watch ORDER BY category_id, account_id",
    ),
    Table::keyed(
        "forum_flag",
        "SELECT * FROM forum_flag ORDER BY post_id, account_id",
    ),
    Table::with_id(
        "community_restriction",
        "SELECT * FROM community_restriction ORDER BY id",
    ),
    Table::with_id(
        "community_request",
        "SELECT * FROM community_request ORDER BY id",
    ),
    // A folder is made after the folder it is in, so ids keep parents first.
    Table::with_id(
        "community_folder",
        "SELECT * FROM community_folder ORDER BY id",
    ),
    Table::with_id("community_file", "SELECT * FROM community_file ORDER BY id"),
    Table::with_id(
        "community_file_version",
        "SELECT * FROM community_file_version ORDER BY id",
    ),
    Table::keyed(
        "forum_attachment",
        "SELECT * FROM forum_attachment ORDER BY post_id, position",
    ),
    Table::with_id("forum_draft", "SELECT * FROM forum_draft ORDER BY id"),
    Table::keyed(
        "blog_author",
        "SELECT * FROM blog_author ORDER BY community_id, account_id",
    ),
    Table::with_id("blog_post", "SELECT * FROM blog_post ORDER BY id"),
    Table::keyed("blog_tag", "SELECT * FROM blog_tag ORDER BY post_id, tag"),
    Table::with_id("blog_comment", "SELECT * FROM blog_comment ORDER BY id"),
    Table::with_id("social_channel", "SELECT * FROM social_channel ORDER BY id"),
    Table::with_id("editorial_item", "SELECT * FROM editorial_item ORDER BY id"),
    Table::keyed(
        "editorial_text",
        "SELECT * FROM editorial_text ORDER BY item_id, channel_id",
    ),
    Table::with_id("editorial_note", "SELECT * FROM editorial_note ORDER BY id"),
    Table::keyed(
        "editorial_media",
        "SELECT * FROM editorial_media ORDER BY item_id, position",
    ),
    Table::keyed(
        "kpi_mapping",
        "SELECT * FROM kpi_mapping ORDER BY ente_id, platform",
    ),
    Table::with_id("kpi_upload", "SELECT * FROM kpi_upload ORDER BY id"),
    Table::with_id("kpi_import", "SELECT * FROM kpi_import ORDER BY id"),
    Table::keyed(
        "kpi_value",
        "SELECT * FROM kpi_value ORDER BY channel_id, day, metric",
    ),
    Table::keyed(
        "kpi_post",
        "SELECT * FROM kpi_post ORDER BY channel_id, post_key",
    ),
    Table::with_id(
        "social_document",
        "SELECT * FROM social_document ORDER BY id",
    ),
    Table::with_id(
        "social_objective",
        "SELECT * FROM social_objective ORDER BY id",
    ),
    Table::with_id(
        "training_survey",
        "SELECT * FROM training_survey ORDER BY id",
    ),
    Table::keyed(
        "training_answer",
        "SELECT * FROM training_answer ORDER BY survey_id, account_id",
    ),
];

impl Table {
    /// A table with an `id` identity column.
    const fn with_id(name: &'static str, select: &'static str) -> Table {
        Table {
            name,
            select,
            has_id: true,
            seeded: false,
        }
    }

    /// Marks a table that migrations fill.
    const fn seeded(self) -> Table {
        Table {
            seeded: true,
            ..self
        }
    }

    /// A table keyed by other columns.
    const fn keyed(name: &'static str, select: &'static str) -> Table {
        Table {
            name,
            select,
            has_id: false,
            seeded: false,
        }
    }
}

/// Tables of derived data (the search index): rebuilt from the others by a reindex
/// after a restore, never carried by backups.
pub fn is_derived(name: &str) -> bool {
    name.starts_with("search_")
}

pub fn table(name: &str) -> Option<&'static Table> {
    TABLES.iter().find(|t| t.name == name)
}

/// What a column holds, as far as a backup is concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Int,
    Float,
    Bool,
    Text,
    Date,
    Time,
    /// Bytes (uploaded files), written in backups as lowercase hexadecimal.
    Bytes,
}

fn from_hex(text: &str) -> Option<Vec<u8>> {
    if text.len() % 2 != 0 {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

/// Why a backup cannot be written or read.
#[derive(Debug, thiserror::Error)]
pub enum PortableError {
    #[error(transparent)]
    Db(#[from] DbError),
    #[error("table {table}, column {column}: {problem}")]
    Value {
        table: String,
        column: String,
        problem: String,
    },
    #[error("{0}")]
    Refused(String),
}

fn value_error(table: &str, column: &str, problem: impl Into<String>) -> PortableError {
    PortableError::Value {
        table: table.into(),
        column: column.into(),
        problem: problem.into(),
    }
}

impl Db {
    /// The names of the application tables that exist in the database.
    pub async fn table_names(&self) -> Result<Vec<String>, DbError> {
        let rows: Vec<(String,)> = self
            .fetch_all(Sql::per_backend(
                "SELECT name FROM sqlite_master WHERE type = 'table'
                   AND name NOT LIKE 'sqlite_%' AND name <> '_sqlx_migrations' ORDER BY name",
                "SELECT table_name::text FROM information_schema.tables
                  WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
                    AND table_name <> '_sqlx_migrations' ORDER BY table_name",
            ))
            .await?;
        Ok(rows.into_iter().map(|(n,)| n).collect())
    }

    /// The columns of a table and what they hold, in table order.
    pub async fn columns(&self, table: &Table) -> Result<Vec<(String, Kind)>, PortableError> {
        let rows: Vec<(String, String)> = match self.backend() {
            Backend::Sqlite => {
                self.fetch_all(Sql::checked_identifiers(format!(
                    "SELECT name, type FROM pragma_table_info('{}') ORDER BY cid",
                    table.name
                )))
                .await?
            }
            Backend::Postgres => {
                self.fetch_all(
                    super::sql(
                        "SELECT column_name::text, data_type::text FROM information_schema.columns
                          WHERE table_schema = current_schema() AND table_name = $1
                          ORDER BY ordinal_position",
                    )
                    .bind(table.name),
                )
                .await?
            }
        };
        rows.into_iter()
            .map(|(name, ty)| {
                let kind = kind_of(&ty).ok_or_else(|| {
                    value_error(table.name, &name, format!("unsupported type {ty}"))
                })?;
                Ok((name, kind))
            })
            .collect()
    }

    /// Every row of a table as JSON values, in column order.
    pub async fn dump(
        &self,
        table: &Table,
    ) -> Result<(Vec<String>, Vec<Vec<Value>>), PortableError> {
        let columns = self.columns(table).await?;
        let names: Vec<String> = columns.iter().map(|(n, _)| n.clone()).collect();
        let mut out = Vec::new();
        match self {
            Db::Sqlite(pool) => {
                for row in sqlx::query(table.select)
                    .fetch_all(pool)
                    .await
                    .map_err(DbError::from)?
                {
                    out.push(sqlite_values(table, &columns, &row)?);
                }
            }
            Db::Postgres(pool) => {
                for row in sqlx::query(table.select)
                    .fetch_all(pool)
                    .await
                    .map_err(DbError::from)?
                {
                    out.push(pg_values(table, &row)?);
                }
            }
        }
        Ok((names, out))
    }

    /// How many rows a table holds.
    pub async fn count(&self, table: &Table) -> Result<i64, DbError> {
        let (n,): (i64,) = self
            .fetch_one(Sql::checked_identifiers(format!(
                "SELECT COUNT(*) FROM {}",
                table.name
            )))
            .await?;
        Ok(n)
    }
}

impl Tx {
    /// Deletes every row of a table (a seeded table, before a restore refills it).
    pub async fn clear(&mut self, table: &Table) -> Result<(), DbError> {
        self.execute(Sql::checked_identifiers(format!(
            "DELETE FROM {}",
            table.name
        )))
        .await?;
        Ok(())
    }

    /// Inserts one row of a backup. `columns` must come from [`Db::columns`].
    pub async fn insert_values(
        &mut self,
        table: &Table,
        columns: &[(String, Kind)],
        values: &[Value],
    ) -> Result<(), PortableError> {
        if values.len() != columns.len() {
            return Err(PortableError::Refused(format!(
                "table {}: a row has {} values for {} columns",
                table.name,
                values.len(),
                columns.len()
            )));
        }
        let names: Vec<&str> = columns.iter().map(|(n, _)| n.as_str()).collect();
        let placeholders: Vec<String> = (1..=columns.len()).map(|i| format!("${i}")).collect();
        let mut q = Sql::checked_identifiers(format!(
            "INSERT INTO {} ({}) VALUES ({})",
            table.name,
            names.join(", "),
            placeholders.join(", ")
        ));
        for ((name, kind), value) in columns.iter().zip(values) {
            q = q.bind(to_arg(*kind, value).map_err(|p| value_error(table.name, name, p))?);
        }
        self.execute(q).await?;
        Ok(())
    }

    /// After explicit ids were inserted, moves PostgreSQL's identity past them.
    pub async fn reset_identity(&mut self, table: &Table) -> Result<(), DbError> {
        if table.has_id && self.backend() == Backend::Postgres {
            self.execute(Sql::checked_identifiers(format!(
                "SELECT setval(pg_get_serial_sequence('{0}', 'id'), COALESCE((SELECT MAX(id) FROM {0}), 0) + 1, false)",
                table.name
            )))
            .await?;
        }
        Ok(())
    }
}

fn kind_of(declared: &str) -> Option<Kind> {
    let t = declared.to_ascii_lowercase();
    Some(match t.as_str() {
        "integer" | "bigint" | "int" | "smallint" => Kind::Int,
        "real" | "double precision" | "double" | "float" => Kind::Float,
        "boolean" | "bool" => Kind::Bool,
        "text" | "character varying" | "varchar" => Kind::Text,
        "date" => Kind::Date,
        "timestamp" | "timestamptz" | "timestamp with time zone" | "datetime" => Kind::Time,
        "blob" | "bytea" => Kind::Bytes,
        _ => return None,
    })
}

fn to_arg(kind: Kind, value: &Value) -> Result<Arg, String> {
    let bad = || format!("{value} is not a valid {kind:?}");
    Ok(match (kind, value) {
        (Kind::Int, Value::Null) => Arg::I64(None),
        (Kind::Int, v) => Arg::I64(Some(v.as_i64().ok_or_else(bad)?)),
        (Kind::Float, Value::Null) => Arg::F64(None),
        (Kind::Float, v) => Arg::F64(Some(v.as_f64().ok_or_else(bad)?)),
        (Kind::Bool, Value::Null) => Arg::Bool(None),
        (Kind::Bool, Value::Bool(b)) => Arg::Bool(Some(*b)),
        (Kind::Bool, v) => Arg::Bool(Some(v.as_i64().ok_or_else(bad)? != 0)),
        (Kind::Text, Value::Null) => Arg::Text(None),
        (Kind::Text, Value::String(s)) => Arg::Text(Some(s.clone())),
        (Kind::Date, Value::Null) => Arg::Date(None),
        (Kind::Date, Value::String(s)) => Arg::Date(Some(
            NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| bad())?,
        )),
        (Kind::Bytes, Value::Null) => Arg::Bytes(None),
        (Kind::Bytes, Value::String(s)) => Arg::Bytes(Some(from_hex(s).ok_or_else(bad)?)),
        (Kind::Time, Value::Null) => Arg::Time(None),
        (Kind::Time, Value::String(s)) => Arg::Time(Some(
            DateTime::parse_from_rfc3339(s)
                .map_err(|_| bad())?
                .with_timezone(&Utc),
        )),
        _ => return Err(bad()),
    })
}

/// A SQLite row as JSON. Values are read by their storage class, except booleans:
/// SQLite keeps them as integers, and the column's declared kind says they are `true`
/// and `false` (as PostgreSQL gives them), so backups from both read the same.
fn sqlite_values(
    table: &Table,
    columns: &[(String, Kind)],
    row: &sqlx::sqlite::SqliteRow,
) -> Result<Vec<Value>, PortableError> {
    let mut values = Vec::with_capacity(row.len());
    for (i, column) in row.columns().iter().enumerate() {
        let err = |e: sqlx::Error| value_error(table.name, column.name(), e.to_string());
        let raw = row.try_get_raw(i).map_err(err)?;
        if raw.is_null() {
            values.push(Value::Null);
            continue;
        }
        // The storage class of this value, whatever the column was declared as.
        let storage = raw.type_info().name().to_string();
        let boolean = columns.get(i).is_some_and(|(_, k)| *k == Kind::Bool);
        values.push(match storage.as_str() {
            "INTEGER" if boolean => {
                Value::from(row.try_get_unchecked::<i64, _>(i).map_err(err)? != 0)
            }
            "INTEGER" => Value::from(row.try_get_unchecked::<i64, _>(i).map_err(err)?),
            "REAL" => Value::from(row.try_get_unchecked::<f64, _>(i).map_err(err)?),
            "TEXT" => Value::from(row.try_get_unchecked::<String, _>(i).map_err(err)?),
            "BLOB" => Value::from(crate::auth::token::hex(
                &row.try_get_unchecked::<Vec<u8>, _>(i).map_err(err)?,
            )),
            other => {
                return Err(value_error(
                    table.name,
                    column.name(),
                    format!("unsupported value type {other}"),
                ))
            }
        });
    }
    Ok(values)
}

fn pg_values(table: &Table, row: &sqlx::postgres::PgRow) -> Result<Vec<Value>, PortableError> {
    let mut values = Vec::with_capacity(row.len());
    for (i, column) in row.columns().iter().enumerate() {
        let err = |e: sqlx::Error| value_error(table.name, column.name(), e.to_string());
        let ty = column.type_info().name().to_string();
        let value = match ty.as_str() {
            "INT8" => row
                .try_get::<Option<i64>, _>(i)
                .map_err(err)?
                .map(Value::from),
            "INT4" => row
                .try_get::<Option<i32>, _>(i)
                .map_err(err)?
                .map(Value::from),
            "INT2" => row
                .try_get::<Option<i16>, _>(i)
                .map_err(err)?
                .map(Value::from),
            "FLOAT8" => row
                .try_get::<Option<f64>, _>(i)
                .map_err(err)?
                .map(Value::from),
            "FLOAT4" => row
                .try_get::<Option<f32>, _>(i)
                .map_err(err)?
                .map(|f| Value::from(f64::from(f))),
            "BOOL" => row
                .try_get::<Option<bool>, _>(i)
                .map_err(err)?
                .map(Value::from),
            "TEXT" | "VARCHAR" => row
                .try_get::<Option<String>, _>(i)
                .map_err(err)?
                .map(Value::from),
            "BYTEA" => row
                .try_get::<Option<Vec<u8>>, _>(i)
                .map_err(err)?
                .map(|b| Value::from(crate::auth::token::hex(&b))),
            "DATE" => row
                .try_get::<Option<NaiveDate>, _>(i)
                .map_err(err)?
                .map(|d| Value::from(d.format("%Y-%m-%d").to_string())),
            "TIMESTAMPTZ" => row
                .try_get::<Option<DateTime<Utc>>, _>(i)
                .map_err(err)?
                .map(|t| Value::from(t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, false))),
            other => {
                return Err(value_error(
                    table.name,
                    column.name(),
                    format!("unsupported type {other}"),
                ))
            }
        };
        values.push(value.unwrap_or(Value::Null));
    }
    Ok(values)
}
