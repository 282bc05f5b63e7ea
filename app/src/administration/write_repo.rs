//! What the site's editor writes of the administration (server only): a unit or a
//! person as its entry holds it, the units a person sits in, and taking either off
//! the site. Every id that comes from a form is taken only when it is the ente's own.

use super::model::UnitKind;
use super::repo::{NewPerson, NewUnit};
use crate::db::{sql, Db, DbError, Tx};
use crate::ids::EnteId;
use chrono::{DateTime, Utc};

/// Every unit of the ente (id, kind, name), by name: the editor's choices.
pub async fn units(db: &Db, ente: EnteId) -> Result<Vec<(i64, UnitKind, String)>, DbError> {
    let rows: Vec<(i64, String, String)> = db
        .fetch_all(
            sql("SELECT id, kind, name FROM org_unit WHERE ente_id = $1 ORDER BY name, id")
                .bind(ente),
        )
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, kind, name)| UnitKind::from_code(&kind).map(|k| (id, k, name)))
        .collect())
}

/// Writes a unit: its row `live` updated, or a new one; its id. The parent is kept
/// only when it is an area of the same ente.
pub async fn save_unit(
    tx: &mut Tx,
    live: Option<i64>,
    u: &NewUnit<'_>,
    now: DateTime<Utc>,
) -> Result<i64, DbError> {
    let parent: Option<(i64,)> = match u.parent {
        Some(p) => {
            tx.fetch_optional(
                sql("SELECT id FROM org_unit WHERE id = $1 AND ente_id = $2 AND kind = 'area'")
                    .bind(p)
                    .bind(u.ente),
            )
            .await?
        }
        None => None,
    };
    let u = NewUnit {
        parent: parent.map(|(p,)| p).filter(|p| Some(*p) != live),
        ..*u
    };
    let Some(id) = live else {
        return super::repo::insert_unit(tx, &u).await;
    };
    tx.execute(
        sql(
            "UPDATE org_unit SET kind = $3, name = $4, summary = $5, body = $6, parent_id = $7,
                    place_id = $8, phone = $9, email = $10, pec = $11, opening_hours = $12,
                    updated_at = $13
              WHERE id = $1 AND ente_id = $2",
        )
        .bind(id)
        .bind(u.ente)
        .bind(u.kind.code())
        .bind(u.name)
        .bind(u.summary)
        .bind(u.body)
        .bind(u.parent)
        .bind(u.place)
        .bind(u.phone)
        .bind(u.email)
        .bind(u.pec)
        .bind(u.opening_hours)
        .bind(now),
    )
    .await?;
    Ok(id)
}

/// Writes a person: their row `live` updated, or a new one; their id.
pub async fn save_person(
    tx: &mut Tx,
    live: Option<i64>,
    p: &NewPerson<'_>,
    now: DateTime<Utc>,
) -> Result<i64, DbError> {
    let Some(id) = live else {
        return super::repo::insert_person(tx, p).await;
    };
    tx.execute(
        sql("UPDATE person SET kind = $3, name = $4, role = $5, summary = $6, body = $7, email = $8,
                    phone = $9, updated_at = $10
              WHERE id = $1 AND ente_id = $2")
        .bind(id)
        .bind(p.ente)
        .bind(p.kind.code())
        .bind(p.name)
        .bind(p.role)
        .bind(p.summary)
        .bind(p.body)
        .bind(p.email)
        .bind(p.phone)
        .bind(now),
    )
    .await?;
    Ok(id)
}

/// Seats a person in exactly these units (unit id, role there): a seat they keep
/// keeps its place in the unit's list, a new one comes last, the others go. Units of
/// another ente, or gone since the form was written, are skipped.
pub async fn set_seats(
    tx: &mut Tx,
    ente: EnteId,
    person: i64,
    seats: &[(i64, &str)],
) -> Result<(), DbError> {
    let kept: Vec<(i64,)> = tx
        .fetch_all(sql("SELECT unit_id FROM unit_member WHERE person_id = $1").bind(person))
        .await?;
    for (unit,) in kept {
        if !seats.iter().any(|(u, _)| *u == unit) {
            tx.execute(
                sql("DELETE FROM unit_member WHERE unit_id = $1 AND person_id = $2")
                    .bind(unit)
                    .bind(person),
            )
            .await?;
        }
    }
    for (unit, role) in seats {
        tx.execute(
            sql(
                "INSERT INTO unit_member (unit_id, person_id, role, position)
                 SELECT u.id, $2, $3, COALESCE((SELECT MAX(m.position) + 1 FROM unit_member m
                                                 WHERE m.unit_id = u.id), 0)
                   FROM org_unit u WHERE u.id = $1 AND u.ente_id = $4
                 ON CONFLICT (unit_id, person_id) DO UPDATE SET role = excluded.role",
            )
            .bind(*unit)
            .bind(person)
            .bind(*role)
            .bind(ente),
        )
        .await?;
    }
    Ok(())
}

/// Takes a unit off the site: its seats go with it; its offices and services stay,
/// belonging to no area or office.
pub async fn remove_unit(tx: &mut Tx, ente: EnteId, id: i64) -> Result<(), DbError> {
    tx.execute(
        sql("DELETE FROM org_unit WHERE id = $1 AND ente_id = $2")
            .bind(id)
            .bind(ente),
    )
    .await?;
    Ok(())
}

/// Takes a person off the site, with their seats.
pub async fn remove_person(tx: &mut Tx, ente: EnteId, id: i64) -> Result<(), DbError> {
    tx.execute(
        sql("DELETE FROM person WHERE id = $1 AND ente_id = $2")
            .bind(id)
            .bind(ente),
    )
    .await?;
    Ok(())
}
