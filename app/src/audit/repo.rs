//! Writing and reading the audit log (server only).

use super::model::{AuditAction, AuditEntry};
use crate::auth::server::RequestInfo;
use crate::db::{sql, Db, DbError, Tx};
use crate::ids::{AccountId, EnteId};
use crate::paging::Paged;
use chrono::{DateTime, Utc};

/// One privileged action to record. The actor, address and request id come from the
/// request unless `by` names the actor (e.g. an account that has just been created).
pub struct Record {
    pub action: AuditAction,
    pub by: Option<(AccountId, String)>,
    pub target_kind: &'static str,
    pub target_id: Option<i64>,
    pub target_label: String,
    pub ente_id: Option<EnteId>,
    pub details: String,
}

impl Record {
    pub fn new(action: AuditAction) -> Record {
        Record {
            action,
            by: None,
            target_kind: "",
            target_id: None,
            target_label: String::new(),
            ente_id: None,
            details: String::new(),
        }
    }

    pub fn by(mut self, account_id: AccountId, email: &str) -> Record {
        self.by = Some((account_id, email.to_string()));
        self
    }

    pub fn target(
        mut self,
        kind: &'static str,
        id: Option<impl Into<i64>>,
        label: impl Into<String>,
    ) -> Record {
        self.target_kind = kind;
        self.target_id = id.map(Into::into);
        self.target_label = label.into();
        self
    }

    /// An account as the target: its rows are the ones an erasure forgets the labels
    /// of (`forget_target`), so only an account's id is taken here.
    pub fn target_account(self, id: AccountId, label: impl Into<String>) -> Record {
        self.target("account", Some(id), label)
    }

    pub fn ente(mut self, ente_id: Option<EnteId>) -> Record {
        self.ente_id = ente_id;
        self
    }

    pub fn details(mut self, details: impl Into<String>) -> Record {
        self.details = details.into();
        self
    }
}

/// Writes one entry in the caller's transaction, so the log and the change commit
/// together or not at all.
pub async fn record(
    tx: &mut Tx,
    info: &RequestInfo,
    rec: Record,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let (actor_id, actor_email) = match rec.by {
        Some((id, email)) => (Some(id), email),
        None => match &info.actor {
            Some(a) => (Some(a.account_id), a.email.clone()),
            None => (None, String::new()),
        },
    };
    tx.execute(
        sql("INSERT INTO audit_log (at, actor_id, actor_email, action, target_kind, target_id, target_label, ente_id, ip, request_id, details)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)")
        .bind(now)
        .bind(actor_id)
        .bind(actor_email)
        .bind(rec.action.code())
        .bind(rec.target_kind)
        .bind(rec.target_id)
        .bind(rec.target_label)
        .bind(rec.ente_id)
        .bind(info.ip.as_str())
        .bind(info.request_id.as_str())
        .bind(rec.details),
    )
    .await?;
    Ok(())
}

/// What to list; `ente_id` also restricts ente admins to their own ente.
pub struct Query {
    pub action: Option<String>,
    pub actor: Option<String>,
    pub ente_id: Option<EnteId>,
    pub from: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
    pub page: i64,
    pub per_page: i64,
}

/// The WHERE clause both queries of [`list`] share (a literal, so that `concat!`
/// builds each query at compile time; values are bound).
macro_rules! filter {
    () => {
        " WHERE ($1 IS NULL OR a.action = $1)
            AND ($2 IS NULL OR a.actor_email LIKE $2)
            AND ($3 IS NULL OR a.ente_id = $3)
            AND ($4 IS NULL OR a.at >= $4)
            AND ($5 IS NULL OR a.at < $5)"
    };
}

/// When the actions recorded for an ente since a moment happened (for its activity chart).
pub async fn times(
    db: &Db,
    ente_id: EnteId,
    since: DateTime<Utc>,
) -> Result<Vec<DateTime<Utc>>, DbError> {
    let rows: Vec<(DateTime<Utc>,)> = db
        .fetch_all(
            sql("SELECT at FROM audit_log WHERE ente_id = $1 AND at >= $2")
                .bind(ente_id)
                .bind(since),
        )
        .await?;
    Ok(rows.into_iter().map(|(t,)| t).collect())
}

pub async fn list(db: &Db, q: Query) -> Result<Paged<AuditEntry>, DbError> {
    let actor = q.actor.map(|a| format!("%{}%", a.trim().to_lowercase()));
    let offset = (q.page - 1) * q.per_page;
    let bind = |s: crate::db::Sql| {
        s.bind(q.action.clone())
            .bind(actor.clone())
            .bind(q.ente_id)
            .bind(q.from)
            .bind(q.until)
    };
    let items = db
        .fetch_all(
            bind(sql(concat!(
                "SELECT a.id, a.at, a.actor_email, a.action, a.target_kind, a.target_label,
                        e.name AS ente_name, a.ip, a.details
                   FROM audit_log a LEFT JOIN ente e ON e.id = a.ente_id",
                filter!(),
                " ORDER BY a.id DESC LIMIT $6 OFFSET $7"
            )))
            .bind(q.per_page)
            .bind(offset),
        )
        .await?;
    let (total,): (i64,) = db
        .fetch_one(bind(sql(concat!(
            "SELECT COUNT(*) FROM audit_log a",
            filter!()
        ))))
        .await?;
    Ok(Paged {
        items,
        total,
        page: q.page,
        per_page: q.per_page,
    })
}

/// Keeps the log's facts about a deleted account but not who it was.
pub async fn forget_actor(tx: &mut Tx, account_id: AccountId) -> Result<(), DbError> {
    tx.execute(
        sql("UPDATE audit_log SET actor_email = '', ip = '' WHERE actor_id = $1").bind(account_id),
    )
    .await?;
    tx.execute(
        sql("UPDATE audit_log SET target_label = '' WHERE target_kind = 'account' AND target_id = $1")
            .bind(account_id),
    )
    .await?;
    Ok(())
}
