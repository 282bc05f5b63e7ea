//! The monthly report of the social-media team: each channel's month, the total,
//! what was published, the best posts and where the strategy's objectives stand.
//! Laid out for print (the browser's "save as PDF").

use crate::social::kpi::goal::ObjectiveView;
use crate::social::kpi::model::{MonthKpi, TopPost};
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use {
    crate::ente::model::Ente,
    crate::error::AppError,
    crate::i18n::Lang,
    crate::social::kpi::charts::{month_start, top_post, Year},
    crate::social::kpi::repo,
    crate::state::AppState,
    chrono::{Datelike, Months, NaiveDate},
};

/// The monthly report: each channel's month, the total, what was published, the
/// best posts and where the objectives stand.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportPage {
    pub ente_slug: String,
    pub ente_name: String,
    /// "novembre 2026"
    pub title: String,
    /// `YYYY-MM` of the month, the one before and the one after.
    pub month: String,
    pub previous: String,
    pub next: String,
    pub rows: Vec<(String, MonthKpi)>,
    pub total: MonthKpi,
    /// (day, title, channels, link)
    pub published: Vec<(String, String, String, String)>,
    pub planned: i64,
    pub top: Vec<TopPost>,
    pub objectives: Vec<ObjectiveView>,
}

#[cfg(feature = "ssr")]
/// The report of a month (`YYYY-MM`; the last full month when none is given).
pub async fn report(
    state: &AppState,
    ente: &Ente,
    lang: Lang,
    month: Option<&str>,
) -> Result<ReportPage, AppError> {
    let today = Lang::local_date(state.clock.now());
    let start = month
        .and_then(|m| NaiveDate::parse_from_str(&format!("{m}-01"), "%Y-%m-%d").ok())
        .filter(|d| *d >= month_start(today, 11) && *d <= today)
        .unwrap_or(month_start(today, 1));
    let end = start.checked_add_months(Months::new(1)).unwrap_or(start);
    let key = format!("{:04}-{:02}", start.year(), start.month());
    let pick = |months: Vec<MonthKpi>| months.into_iter().find(|m| m.month == key);
    let channels = crate::social::plan::channel_repo::channels(&state.db, ente.id).await?;
    let year = Year::load(state, ente.id).await?;
    let rows = channels
        .iter()
        .filter_map(|c| pick(year.months(Some(c.id), lang)).map(|m| (c.name.clone(), m)))
        .collect();
    let total = pick(year.months(None, lang)).ok_or(AppError::NotFound)?;
    let from = Lang::day_start(start);
    let to = Lang::day_start(end);
    let items = crate::social::plan::repo::items_between(&state.db, ente.id, from, to).await?;
    let ids: Vec<i64> = items.iter().map(|i| i.id).collect();
    let texts = crate::social::plan::repo::texts_of(&state.db, ente.id, &ids).await?;
    let published = items
        .iter()
        .filter(|i| i.state() == crate::social::plan::model::ItemState::Published)
        .map(|i| {
            let names: Vec<String> = texts
                .iter()
                .filter(|(item, _, _)| *item == i.id)
                .filter_map(|(_, c, _)| {
                    channels.iter().find(|x| x.id == *c).map(|x| x.name.clone())
                })
                .collect();
            (
                lang.date(Lang::local_date(i.planned_at)),
                i.title.clone(),
                names.join(", "),
                i.published_url.clone(),
            )
        })
        .collect();
    let planned = items.iter().filter(|i| i.state().planned()).count() as i64;
    let mut top: Vec<TopPost> = repo::posts(&state.db, ente.id, start)
        .await?
        .into_iter()
        .filter(|p| p.day < end)
        .map(|p| top_post(p, lang))
        .collect();
    top.sort_by(|a, b| b.engagements.total_cmp(&a.engagements));
    top.truncate(5);
    let objectives = crate::social::kpi::objectives::list(state, ente, lang)
        .await?
        .into_iter()
        .filter(|o| o.active)
        .collect();
    let shift = |back: bool| {
        let d = if back {
            start.checked_sub_months(Months::new(1))
        } else {
            start.checked_add_months(Months::new(1))
        };
        d.map(|d| format!("{:04}-{:02}", d.year(), d.month()))
            .unwrap_or_default()
    };
    Ok(ReportPage {
        ente_slug: ente.slug.clone(),
        ente_name: ente.name.clone(),
        title: format!("{} {}", lang.month(start.month()), start.year()),
        month: key,
        previous: shift(true),
        next: shift(false),
        rows,
        total,
        published,
        planned,
        top,
        objectives,
    })
}
