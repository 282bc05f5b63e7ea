//! A database-neutral copy of every table, for `piazza backup` and `piazza restore`.
//!
//! Values travel as JSON (null, integer, float, bool, text); on the way back each
//! value is bound with the type of its destination column, so a backup taken on
//! SQLite restores on PostgreSQL and the other way round.

pub use super::tables::{is_derived, table, Table, TABLES};
use super::{Arg, Backend, Db, DbError, Sql, Tx};
use chrono::{DateTime, NaiveDate, Utc};
use serde_json::Value;
use sqlx::{Column, Row, TypeInfo, ValueRef};

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
    if !text.len().is_multiple_of(2) {
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
    #[error(transparent)]
    Io(#[from] std::io::Error),
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

    /// Every row of a table as JSON values, in column order (for tests and small
    /// tables: backups use [`Tx::each_row`] on a [`Db::snapshot`]).
    pub async fn dump(
        &self,
        table: &Table,
    ) -> Result<(Vec<String>, Vec<Vec<Value>>), PortableError> {
        let mut out = Vec::new();
        let names = self
            .snapshot()
            .await?
            .each_row(table, &mut |row| {
                out.push(row);
                Ok(())
            })
            .await?;
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
    /// The columns of a table and what they hold, in table order.
    pub async fn columns(&mut self, table: &Table) -> Result<Vec<(String, Kind)>, PortableError> {
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

    /// The table's columns, in order.
    pub async fn column_names(&mut self, table: &Table) -> Result<Vec<String>, PortableError> {
        Ok(self
            .columns(table)
            .await?
            .into_iter()
            .map(|(n, _)| n)
            .collect())
    }

    /// The table's column names, then every row handed to `each` as it is read from
    /// the database (a table larger than memory streams through), in column order,
    /// with mailed tokens taken out.
    pub async fn each_row(
        &mut self,
        table: &Table,
        each: &mut (dyn FnMut(Vec<Value>) -> Result<(), PortableError> + Send),
    ) -> Result<Vec<String>, PortableError> {
        use futures::TryStreamExt;
        let columns = self.columns(table).await?;
        let names: Vec<String> = columns.iter().map(|(n, _)| n.clone()).collect();
        let hidden: Vec<usize> = (0..names.len())
            .filter(|&i| table.hides_tokens.contains(&names[i].as_str()))
            .collect();
        let hide = |mut row: Vec<Value>| {
            for &i in &hidden {
                if let Some(Value::String(text)) = row.get(i) {
                    row[i] = Value::String(crate::text::hide_tokens(text));
                }
            }
            row
        };
        match self {
            Tx::Sqlite(t) => {
                let mut rows = sqlx::query(table.select).fetch(&mut **t);
                while let Some(row) = rows.try_next().await.map_err(DbError::from)? {
                    each(hide(sqlite_values(table, &columns, &row)?))?;
                }
            }
            Tx::Postgres(t) => {
                let mut rows = sqlx::query(table.select).fetch(&mut **t);
                while let Some(row) = rows.try_next().await.map_err(DbError::from)? {
                    each(hide(pg_values(table, &row)?))?;
                }
            }
        }
        Ok(names)
    }

    /// Deletes every row of a table (a seeded table, before a restore refills it).
    pub async fn clear(&mut self, table: &Table) -> Result<(), DbError> {
        self.execute(Sql::checked_identifiers(format!(
            "DELETE FROM {}",
            table.name
        )))
        .await?;
        Ok(())
    }

    /// Inserts one row of a backup. `columns` must come from [`Tx::columns`].
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
            "BLOB" => Value::from(crate::text::hex(
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
                .map(|b| Value::from(crate::text::hex(&b))),
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
