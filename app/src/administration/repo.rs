//! Reading and writing the ente's units and people (server only).

use super::model::{Card, Contacts, Detail, Member, PersonKind, Section, UnitKind, Whereabouts};
use crate::db::{sql, Db, DbError, Tx};
use crate::ids::EnteId;
use chrono::Utc;

/// A section's units or people: units by name; people as their units list them
/// (the mayor first), then by name.
pub async fn cards(db: &Db, ente: EnteId, section: Section) -> Result<Vec<Card>, DbError> {
    match section {
        Section::Units(kind) => {
            db.fetch_all(
                sql("SELECT slug, name, '' AS role, summary FROM org_unit
                      WHERE ente_id = $1 AND kind = $2 ORDER BY name, id")
                .bind(ente)
                .bind(kind.code()),
            )
            .await
        }
        Section::People(kind) => {
            db.fetch_all(
                sql("SELECT p.slug, p.name, p.role, p.summary FROM person p
                      WHERE p.ente_id = $1 AND p.kind = $2
                      ORDER BY COALESCE((SELECT MIN(m.position) FROM unit_member m
                                          WHERE m.person_id = p.id), 1000000), p.name, p.id")
                .bind(ente)
                .bind(kind.code()),
            )
            .await
        }
    }
}

/// How many units or people each section has, in `Section::ALL`'s order.
pub async fn counts(db: &Db, ente: EnteId) -> Result<Vec<(Section, i64)>, DbError> {
    let units: Vec<(String, i64)> = db
        .fetch_all(
            sql("SELECT kind, COUNT(*) FROM org_unit WHERE ente_id = $1 GROUP BY kind").bind(ente),
        )
        .await?;
    let people: Vec<(String, i64)> = db
        .fetch_all(
            sql("SELECT kind, COUNT(*) FROM person WHERE ente_id = $1 GROUP BY kind").bind(ente),
        )
        .await?;
    let count = |rows: &[(String, i64)], code: &str| {
        rows.iter().find(|(k, _)| k == code).map_or(0, |(_, n)| *n)
    };
    Ok(Section::ALL
        .into_iter()
        .map(|s| match s {
            Section::Units(k) => (s, count(&units, k.code())),
            Section::People(k) => (s, count(&people, k.code())),
        })
        .collect())
}

#[derive(sqlx::FromRow)]
struct UnitRow {
    id: i64,
    slug: String,
    name: String,
    summary: String,
    body: String,
    phone: String,
    email: String,
    pec: String,
    opening_hours: String,
    parent_slug: Option<String>,
    parent_name: Option<String>,
    place_name: Option<String>,
    place_address: Option<String>,
    lat: Option<f64>,
    lon: Option<f64>,
}

/// A unit's page: its contacts, its place, its area, its people and offices, and the
/// services it answers for. `render` turns its Markdown into safe HTML.
pub async fn unit(
    db: &Db,
    ente: EnteId,
    kind: UnitKind,
    slug: &str,
    render: impl Fn(&str) -> String,
) -> Result<Option<Detail>, DbError> {
    let row: Option<UnitRow> = db
        .fetch_optional(
            sql(
                "SELECT u.id, u.slug, u.name, u.summary, u.body, u.phone, u.email, u.pec,
                        u.opening_hours, a.slug AS parent_slug, a.name AS parent_name,
                        p.name AS place_name, p.address AS place_address, p.lat, p.lon
                   FROM org_unit u
                   LEFT JOIN org_unit a ON a.id = u.parent_id
                   LEFT JOIN place p ON p.id = u.place_id
                  WHERE u.ente_id = $1 AND u.kind = $2 AND u.slug = $3",
            )
            .bind(ente)
            .bind(kind.code())
            .bind(slug),
        )
        .await?;
    let Some(r) = row else { return Ok(None) };
    let (members, services) = unit_links(db, r.id).await?;
    Ok(Some(Detail {
        section: Section::Units(kind),
        card: Card {
            slug: r.slug,
            name: r.name,
            role: String::new(),
            summary: r.summary,
        },
        body_html: render(&r.body),
        contacts: Contacts {
            phone: r.phone,
            email: r.email,
            pec: r.pec,
            hours: lines(&r.opening_hours),
        },
        place: match (r.place_name, r.place_address, r.lat, r.lon) {
            (Some(name), Some(address), Some(lat), Some(lon)) => Some(Whereabouts {
                name,
                address,
                lat,
                lon,
            }),
            _ => None,
        },
        parent: r.parent_slug.zip(r.parent_name).map(|(slug, name)| Member {
            section: Section::Units(UnitKind::Area),
            slug,
            name,
            role: String::new(),
        }),
        members,
        services,
    }))
}

/// A unit's people (in its order), its offices, and the services it answers for.
async fn unit_links(db: &Db, unit: i64) -> Result<(Vec<Member>, Vec<(String, String)>), DbError> {
    let people: Vec<(String, String, String, String)> = db
        .fetch_all(
            sql("SELECT p.kind, p.slug, p.name, m.role FROM unit_member m
                   JOIN person p ON p.id = m.person_id
                  WHERE m.unit_id = $1 ORDER BY m.position, p.name, p.id")
            .bind(unit),
        )
        .await?;
    let offices: Vec<(String, String)> = db
        .fetch_all(
            sql("SELECT slug, name FROM org_unit WHERE parent_id = $1 ORDER BY name, id")
                .bind(unit),
        )
        .await?;
    let services: Vec<(String, String)> = db
        .fetch_all(
            sql("SELECT title, slug FROM service WHERE unit_id = $1 ORDER BY title, id").bind(unit),
        )
        .await?;
    let mut members: Vec<Member> = people
        .into_iter()
        .filter_map(|(k, slug, name, role)| {
            let section = Section::People(PersonKind::from_code(&k)?);
            Some(Member {
                section,
                slug,
                name,
                role,
            })
        })
        .collect();
    members.extend(offices.into_iter().map(|(slug, name)| Member {
        section: Section::Units(UnitKind::Office),
        slug,
        name,
        role: String::new(),
    }));
    Ok((members, services))
}

/// The non-empty lines of a text, trimmed.
fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect()
}

#[derive(sqlx::FromRow)]
struct PersonRow {
    id: i64,
    slug: String,
    name: String,
    role: String,
    summary: String,
    body: String,
    email: String,
    phone: String,
}

/// A person's page: their role, curriculum, contacts and the units they sit in.
pub async fn person(
    db: &Db,
    ente: EnteId,
    kind: PersonKind,
    slug: &str,
    render: impl Fn(&str) -> String,
) -> Result<Option<Detail>, DbError> {
    let row: Option<PersonRow> = db
        .fetch_optional(
            sql(
                "SELECT id, slug, name, role, summary, body, email, phone FROM person
                  WHERE ente_id = $1 AND kind = $2 AND slug = $3",
            )
            .bind(ente)
            .bind(kind.code())
            .bind(slug),
        )
        .await?;
    let Some(r) = row else { return Ok(None) };
    let units: Vec<(String, String, String, String)> = db
        .fetch_all(
            sql("SELECT u.kind, u.slug, u.name, m.role FROM unit_member m
                   JOIN org_unit u ON u.id = m.unit_id
                  WHERE m.person_id = $1
                  ORDER BY CASE u.kind WHEN 'organ' THEN 0 WHEN 'area' THEN 1 ELSE 2 END, u.name, u.id")
            .bind(r.id),
        )
        .await?;
    Ok(Some(Detail {
        section: Section::People(kind),
        card: Card {
            slug: r.slug,
            name: r.name,
            role: r.role,
            summary: r.summary,
        },
        body_html: render(&r.body),
        contacts: Contacts {
            phone: r.phone,
            email: r.email,
            ..Contacts::default()
        },
        place: None,
        parent: None,
        members: units
            .into_iter()
            .filter_map(|(k, slug, name, role)| {
                let section = Section::Units(UnitKind::from_code(&k)?);
                Some(Member {
                    section,
                    slug,
                    name,
                    role,
                })
            })
            .collect(),
        services: Vec::new(),
    }))
}

/// A new unit (the demo data and the site's editor write through it).
#[derive(Clone, Copy)]
pub struct NewUnit<'a> {
    pub ente: EnteId,
    pub slug: &'a str,
    pub kind: UnitKind,
    pub name: &'a str,
    pub summary: &'a str,
    pub body: &'a str,
    pub parent: Option<i64>,
    pub place: Option<i64>,
    pub phone: &'a str,
    pub email: &'a str,
    pub pec: &'a str,
    pub opening_hours: &'a str,
}

pub async fn insert_unit(tx: &mut Tx, u: &NewUnit<'_>) -> Result<i64, DbError> {
    let now = Utc::now();
    let (id,): (i64,) = tx
        .fetch_one(
            sql("INSERT INTO org_unit (ente_id, slug, kind, name, summary, body, parent_id, place_id,
                                       phone, email, pec, opening_hours, created_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13) RETURNING id")
            .bind(u.ente)
            .bind(u.slug)
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

/// A new person.
pub struct NewPerson<'a> {
    pub ente: EnteId,
    pub slug: &'a str,
    pub kind: PersonKind,
    pub name: &'a str,
    pub role: &'a str,
    pub summary: &'a str,
    pub body: &'a str,
    pub email: &'a str,
    pub phone: &'a str,
}

pub async fn insert_person(tx: &mut Tx, p: &NewPerson<'_>) -> Result<i64, DbError> {
    let now = Utc::now();
    let (id,): (i64,) = tx
        .fetch_one(
            sql(
                "INSERT INTO person (ente_id, slug, kind, name, role, summary, body, email, phone,
                                     created_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id",
            )
            .bind(p.ente)
            .bind(p.slug)
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

/// Seats a person in a unit, with their role there, at `position` in its list.
pub async fn seat(
    tx: &mut Tx,
    unit: i64,
    person: i64,
    role: &str,
    position: i64,
) -> Result<(), DbError> {
    tx.execute(
        sql("INSERT INTO unit_member (unit_id, person_id, role, position) VALUES ($1, $2, $3, $4)")
            .bind(unit)
            .bind(person)
            .bind(role)
            .bind(position),
    )
    .await?;
    Ok(())
}
