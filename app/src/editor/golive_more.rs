//! Going live for the administration's units and people and for free pages (server
//! only): their live rows written from an entry's values, their public address, and
//! taking them down. `golive` calls these for the three kinds.

use super::model::EntryKind;
use super::repo::EntryRow;
use super::schema::SEATS;
use crate::administration::model::{detail_path, PersonKind, Section, UnitKind};
use crate::administration::repo::{NewPerson, NewUnit};
use crate::administration::write_repo as admin;
use crate::content::model::{page_path, PageSection};
use crate::content::page_repo::{self, NewPage};
use crate::db::{DbError, Tx};
use crate::error::AppError;
use chrono::{DateTime, Utc};
use std::collections::BTreeMap;

type Values = BTreeMap<String, String>;

fn get<'a>(v: &'a Values, k: &str) -> &'a str {
    v.get(k).map(String::as_str).unwrap_or_default()
}

/// The public page of an entry's live row, from its values (a unit's or a person's
/// page depends on what they are).
pub fn live_url(ente: &str, kind: EntryKind, slug: &str, v: &Values) -> String {
    match kind {
        EntryKind::News => format!("/{ente}/notizie/{slug}"),
        EntryKind::Event => crate::content::model::event_path(ente, slug),
        EntryKind::Place => format!("/{ente}/luoghi#luogo-{slug}"),
        EntryKind::Service => crate::ente::paths::sections::service(ente, slug),
        EntryKind::Unit => detail_path(ente, Section::Units(unit_kind(v)), slug),
        EntryKind::Person => detail_path(ente, Section::People(person_kind(v)), slug),
        EntryKind::Page => page_path(ente, slug),
    }
}

fn unit_kind(v: &Values) -> UnitKind {
    UnitKind::from_code(get(v, "unit_kind")).unwrap_or(UnitKind::Office)
}

fn person_kind(v: &Values) -> PersonKind {
    PersonKind::from_code(get(v, "person_kind")).unwrap_or(PersonKind::Staff)
}

/// Writes the live row of a unit, a person or a page; its id.
pub async fn write(
    tx: &mut Tx,
    entry: &EntryRow,
    v: &Values,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    let (ente, slug, live) = (entry.ente_id, entry.slug.as_str(), entry.live_id);
    let id = match entry.kind() {
        EntryKind::Unit => {
            let place = match get(v, "place") {
                "" => None,
                place => crate::content::write_repo::place_id(tx, ente, place).await?,
            };
            let unit = NewUnit {
                ente,
                slug,
                kind: unit_kind(v),
                name: &entry.title,
                summary: get(v, "summary"),
                body: get(v, "body"),
                parent: get(v, "parent").parse().ok(),
                place,
                phone: get(v, "phone"),
                email: get(v, "email"),
                pec: get(v, "pec"),
                opening_hours: get(v, "opening_hours"),
            };
            admin::save_unit(tx, live, &unit, now).await?
        }
        EntryKind::Person => {
            let person = NewPerson {
                ente,
                slug,
                kind: person_kind(v),
                name: &entry.title,
                role: get(v, "role"),
                summary: get(v, "summary"),
                body: get(v, "body"),
                email: get(v, "email"),
                phone: get(v, "phone"),
            };
            let id = admin::save_person(tx, live, &person, now).await?;
            let seats: Vec<(i64, &str)> = SEATS
                .iter()
                .filter_map(|(unit, role)| Some((get(v, unit).parse().ok()?, get(v, role))))
                .collect();
            admin::set_seats(tx, ente, id, &seats).await?;
            id
        }
        EntryKind::Page => {
            let html = crate::markdown::render(get(v, "body"), &Default::default());
            let page = NewPage {
                slug,
                section: PageSection::from_code(get(v, "page_section"))
                    .unwrap_or(PageSection::Live),
                title: &entry.title,
                summary: get(v, "summary"),
                body: get(v, "body"),
                body_html: &html,
                topic: get(v, "topic"),
            };
            page_repo::save(tx, ente, live, &page, now).await?
        }
        _ => return Err(AppError::Internal),
    };
    Ok(id)
}

/// Takes down the live row of a unit, a person or a page; false for another kind.
pub async fn remove(tx: &mut Tx, entry: &EntryRow, live: i64) -> Result<bool, DbError> {
    let ente = entry.ente_id;
    match entry.kind() {
        EntryKind::Unit => admin::remove_unit(tx, ente, live).await?,
        EntryKind::Person => admin::remove_person(tx, ente, live).await?,
        EntryKind::Page => page_repo::remove(tx, ente, live).await?,
        _ => return Ok(false),
    }
    Ok(true)
}
