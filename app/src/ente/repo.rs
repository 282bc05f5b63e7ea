//! Reading and writing enti and their modules (server only).

use super::model::{EnabledModule, Ente, EnteFrame, EnteKind, EnteRef, EnteSummary, Module};
use crate::db::{sql, Db, DbError, Tx};
use crate::ids::EnteId;
use chrono::{NaiveDate, Utc};

pub async fn list_summaries(db: &Db) -> Result<Vec<EnteSummary>, DbError> {
    db.fetch_all(sql(
        "SELECT e.id, e.slug, e.name, e.kind, e.description, p.name AS parent_name,
                (SELECT COUNT(*) FROM ente m WHERE m.parent_id = e.id) AS member_count
           FROM ente e LEFT JOIN ente p ON p.id = e.parent_id
          ORDER BY CASE WHEN e.parent_id IS NULL THEN 0 ELSE 1 END, e.name",
    ))
    .await
}

pub async fn by_slug(db: &Db, slug: &str) -> Result<Option<Ente>, DbError> {
    db.fetch_optional(
        sql(
            "SELECT id, slug, name, kind, parent_id, description, logo_path, address, phone,
                    email, pec, website, ipa_code, istat_code, lat, lon, accessibility_url
               FROM ente WHERE slug = $1",
        )
        .bind(slug),
    )
    .await
}

pub async fn by_id(db: &Db, id: EnteId) -> Result<Option<Ente>, DbError> {
    db.fetch_optional(
        sql(
            "SELECT id, slug, name, kind, parent_id, description, logo_path, address, phone,
                    email, pec, website, ipa_code, istat_code, lat, lon, accessibility_url
               FROM ente WHERE id = $1",
        )
        .bind(id),
    )
    .await
}

/// An ente by its URL name, with its aggregation and the modules active on `today`.
pub async fn frame(db: &Db, slug: &str, today: NaiveDate) -> Result<Option<EnteFrame>, DbError> {
    let Some(ente) = by_slug(db, slug).await? else {
        return Ok(None);
    };
    let parent = match ente.parent_id {
        Some(id) => reference(db, id).await?,
        None => None,
    };
    let active = modules(db, ente.id)
        .await?
        .into_iter()
        .filter(|m| m.is_active_on(today))
        .map(|m| m.module)
        .collect();
    let (policies,): (i64,) = db
        .fetch_one(
            sql("SELECT COUNT(*) FROM social_document
                  WHERE ente_id = $1 AND kind = 'policy_external' AND published_at IS NOT NULL")
            .bind(ente.id),
        )
        .await?;
    Ok(Some(EnteFrame {
        ente,
        parent,
        active,
        social_policy: policies > 0,
    }))
}

/// Every ente, by name.
pub async fn all(db: &Db) -> Result<Vec<EnteRef>, DbError> {
    db.fetch_all(sql("SELECT id, slug, name, kind FROM ente ORDER BY name"))
        .await
}

pub async fn reference(db: &Db, id: EnteId) -> Result<Option<EnteRef>, DbError> {
    db.fetch_optional(sql("SELECT id, slug, name, kind FROM ente WHERE id = $1").bind(id))
        .await
}

/// The Comuni of this deployment, by name: (id, name).
pub async fn comuni(db: &Db) -> Result<Vec<(EnteId, String)>, DbError> {
    db.fetch_all(sql(
        "SELECT id, name FROM ente WHERE kind = 'comune' ORDER BY name",
    ))
    .await
}

pub async fn members(db: &Db, id: EnteId) -> Result<Vec<EnteRef>, DbError> {
    db.fetch_all(
        sql("SELECT id, slug, name, kind FROM ente WHERE parent_id = $1 ORDER BY name").bind(id),
    )
    .await
}

pub async fn modules(db: &Db, id: EnteId) -> Result<Vec<EnabledModule>, DbError> {
    db.fetch_all(
        sql(
            "SELECT module, starts_on, ends_on FROM ente_module WHERE ente_id = $1 ORDER BY module",
        )
        .bind(id),
    )
    .await
}

/// How many modules an ente has, seen from inside a transaction.
pub async fn module_count(tx: &mut Tx, id: EnteId) -> Result<i64, DbError> {
    let (n,): (i64,) = tx
        .fetch_one(sql("SELECT COUNT(*) FROM ente_module WHERE ente_id = $1").bind(id))
        .await?;
    Ok(n)
}

/// What is needed to create an ente.
#[derive(Clone, Debug)]
pub struct NewEnte<'a> {
    pub slug: &'a str,
    pub name: &'a str,
    pub kind: EnteKind,
    pub parent_id: Option<EnteId>,
    pub description: &'a str,
    pub address: &'a str,
    pub phone: &'a str,
    pub email: &'a str,
    pub pec: &'a str,
    pub website: &'a str,
    pub ipa_code: Option<&'a str>,
    pub istat_code: Option<&'a str>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

impl<'a> NewEnte<'a> {
    /// An ente with only the required fields; set the others with `..`.
    pub const fn new(slug: &'a str, name: &'a str, kind: EnteKind) -> NewEnte<'a> {
        NewEnte {
            slug,
            name,
            kind,
            parent_id: None,
            description: "",
            address: "",
            phone: "",
            email: "",
            pec: "",
            website: "",
            ipa_code: None,
            istat_code: None,
            lat: None,
            lon: None,
        }
    }
}

/// Creates the ente unless one with the same slug exists; returns its id either way.
pub async fn ensure(tx: &mut Tx, e: &NewEnte<'_>) -> Result<EnteId, DbError> {
    let now = Utc::now();
    tx.execute(
        sql(
            "INSERT INTO ente (slug, name, kind, parent_id, description, address, phone, email,
                               pec, website, ipa_code, istat_code, lat, lon, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15)
             ON CONFLICT (slug) DO NOTHING",
        )
        .bind(e.slug)
        .bind(e.name)
        .bind(e.kind.code())
        .bind(e.parent_id)
        .bind(e.description)
        .bind(e.address)
        .bind(e.phone)
        .bind(e.email)
        .bind(e.pec)
        .bind(e.website)
        .bind(e.ipa_code)
        .bind(e.istat_code)
        .bind(e.lat)
        .bind(e.lon)
        .bind(now),
    )
    .await?;
    let (id,): (EnteId,) = tx
        .fetch_one(sql("SELECT id FROM ente WHERE slug = $1").bind(e.slug))
        .await?;
    Ok(id)
}

/// Switches a module on (or changes its dates).
pub async fn enable_module(
    tx: &mut Tx,
    ente_id: EnteId,
    module: Module,
    starts_on: NaiveDate,
    ends_on: Option<NaiveDate>,
) -> Result<(), DbError> {
    tx.execute(
        sql(
            "INSERT INTO ente_module (ente_id, module, starts_on, ends_on) VALUES ($1, $2, $3, $4)
             ON CONFLICT (ente_id, module) DO UPDATE SET starts_on = $3, ends_on = $4",
        )
        .bind(ente_id)
        .bind(module.code())
        .bind(starts_on)
        .bind(ends_on),
    )
    .await?;
    Ok(())
}
