//! The values every choosing field of the editor accepts in an ente, with the labels
//! to show (server only): the form offers them and the check accepts nothing else.

use super::check::Allowed;
use super::schema::Choices;
use crate::administration::model::{PersonKind, UnitKind};
use crate::ente::model::Ente;
use crate::error::AppError;
use crate::i18n::{Lang, T};
use crate::state::AppState;
use std::collections::BTreeMap;

/// A field's choices: (value, label).
pub type Options = Vec<(String, String)>;

/// The choices of every choosing field, by `Choices::key`.
pub async fn choices(
    state: &AppState,
    ente: &Ente,
    lang: Lang,
) -> Result<BTreeMap<String, Options>, AppError> {
    use crate::catalogue::model::Category;
    use crate::content::model::{EventCategory, NewsKind, PageSection};
    let db = &state.db;
    let mut out: BTreeMap<String, Options> = BTreeMap::new();
    let t = |k: T| lang.t(k).to_string();
    let pair = |v: &str, k: T| (v.to_string(), lang.t(k).to_string());
    let none_first = |mut v: Options, none: T| {
        v.insert(0, (String::new(), t(none)));
        v
    };
    let news_kinds = NewsKind::ALL.iter().map(|k| pair(k.code(), k.title()));
    out.insert(Choices::NewsKind.key().into(), news_kinds.collect());
    let mut topics: Options = crate::account::repo::topics(db)
        .await?
        .into_iter()
        .map(|x| (x.slug.clone(), x.name(lang).to_string()))
        .collect();
    topics.sort_by_key(|(_, name)| name.to_lowercase());
    out.insert(
        Choices::Topic.key().into(),
        none_first(topics, T::SiteEditorChoose),
    );
    let categories = EventCategory::ALL.iter().map(|c| pair(c.code(), c.label()));
    out.insert(Choices::EventCategory.key().into(), categories.collect());
    let places = crate::content::repo::places(db, ente.id).await?;
    let places = places.into_iter().map(|p| (p.slug, p.name)).collect();
    out.insert(
        Choices::Place.key().into(),
        none_first(places, T::SiteEditorNoPlace),
    );
    out.insert(
        Choices::Repeat.key().into(),
        vec![
            pair("", T::SiteEditorRepeatNever),
            pair("daily", T::AgendaEveryDay),
            pair("weekly", T::AgendaEveryWeek),
            pair("monthly", T::AgendaEveryMonth),
        ],
    );
    out.insert(
        Choices::MonthDay.key().into(),
        vec![
            pair("date", T::SiteEditorMonthDate),
            pair("nth", T::SiteEditorMonthNth),
            pair("last", T::SiteEditorMonthLast),
        ],
    );
    let service_categories = Category::ALL.iter().map(|c| pair(c.code(), c.label()));
    out.insert(
        Choices::ServiceCategory.key().into(),
        service_categories.collect(),
    );
    let units = crate::administration::write_repo::units(db, ente.id).await?;
    let of_kind = |kind: Option<UnitKind>| -> Options {
        units
            .iter()
            .filter(|(_, k, _)| kind.is_none_or(|kind| *k == kind))
            .map(|(id, _, name)| (id.to_string(), name.clone()))
            .collect()
    };
    out.insert(
        Choices::Unit.key().into(),
        none_first(of_kind(Some(UnitKind::Office)), T::SiteEditorChoose),
    );
    out.insert(
        Choices::Area.key().into(),
        none_first(of_kind(Some(UnitKind::Area)), T::SiteEditorNoParent),
    );
    out.insert(
        Choices::AnyUnit.key().into(),
        none_first(of_kind(None), T::SiteEditorNoSeat),
    );
    let unit_kinds = UnitKind::ALL.iter().map(|k| pair(k.code(), k.label()));
    out.insert(Choices::UnitKind.key().into(), unit_kinds.collect());
    let person_kinds = PersonKind::ALL.iter().map(|k| pair(k.code(), k.label()));
    out.insert(Choices::PersonKind.key().into(), person_kinds.collect());
    let sections = PageSection::ALL.iter().map(|s| pair(s.code(), s.label()));
    out.insert(Choices::PageSection.key().into(), sections.collect());
    Ok(out)
}

/// What each choosing field accepts: the values of its choices.
pub fn allowed_of(choices: &BTreeMap<String, Options>) -> Allowed {
    Choices::ALL
        .into_iter()
        .map(|c| {
            let values = choices
                .get(c.key())
                .map(|v| v.iter().map(|(value, _)| value.clone()).collect())
                .unwrap_or_default();
            (c.key(), values)
        })
        .collect()
}
