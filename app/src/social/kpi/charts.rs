//! The KPIs counted for people (server only): months of a channel or of all (followers:
//! each channel's last value of the month, added up; the rest summed; the year read
//! once), the page's charts against the strategy's targets and the best posts. The
//! monthly report is `report.rs`.

use crate::components::chart::Bar;
use crate::ente::model::Ente;
use crate::error::AppError;
use crate::i18n::{Lang, T};
use crate::ids::EnteId;
use crate::social::kpi::model::*;
use crate::social::kpi::repo;
use crate::state::AppState;
use chrono::{Datelike, Duration, Months, NaiveDate};
use std::collections::BTreeMap;

/// The first day of the month `back` months before `day`'s.
pub(crate) fn month_start(day: NaiveDate, back: u32) -> NaiveDate {
    day.with_day(1)
        .and_then(|d| d.checked_sub_months(Months::new(back)))
        .unwrap_or(day)
}

/// A year of an ente's KPIs, read once (its daily values and its posts), from
/// which the months of any channel, or of all, are counted.
pub struct Year {
    today: NaiveDate,
    values: Vec<(i64, NaiveDate, String, f64)>,
    posts: Vec<repo::PostRow>,
}

impl Year {
    pub async fn load(state: &AppState, ente: EnteId) -> Result<Year, AppError> {
        let today = Lang::local_date(state.clock.now());
        let from = month_start(today, 11);
        Ok(Year {
            today,
            values: repo::values(&state.db, ente, from).await?,
            posts: repo::posts(&state.db, ente, from).await?,
        })
    }

    /// The last 12 months of one channel (or of all), oldest first.
    pub fn months(&self, channel: Option<i64>, lang: Lang) -> Vec<MonthKpi> {
        let (today, values, posts) = (self.today, &self.values, &self.posts);
        let keep = |c: i64| channel.is_none_or(|x| x == c);
        let key = |d: NaiveDate| format!("{:04}-{:02}", d.year(), d.month());
        let mut out: Vec<MonthKpi> = (0..12)
            .rev()
            .map(|back| {
                let start = month_start(today, back);
                MonthKpi {
                    label: format!(
                        "{} {}",
                        lang.month(start.month())
                            .chars()
                            .take(3)
                            .collect::<String>(),
                        start.year() % 100
                    ),
                    month: key(start),
                    followers: None,
                    reach: 0.0,
                    impressions: 0.0,
                    engagements: 0.0,
                    clicks: 0.0,
                    views: 0.0,
                }
            })
            .collect();
        // Followers: each channel's last value of the month, added over channels.
        let mut last_followers: BTreeMap<(String, i64), (NaiveDate, f64)> = BTreeMap::new();
        for (c, day, metric, value) in values.iter().filter(|v| keep(v.0)) {
            let Some(m) = out.iter_mut().find(|m| m.month == key(*day)) else {
                continue;
            };
            match Metric::from_code(metric) {
                Some(Metric::Followers) => {
                    let slot = last_followers
                        .entry((key(*day), *c))
                        .or_insert((*day, *value));
                    if *day >= slot.0 {
                        *slot = (*day, *value);
                    }
                }
                Some(Metric::Reach) => m.reach += value,
                Some(Metric::Impressions) => m.impressions += value,
                Some(Metric::Engagements) => m.engagements += value,
                Some(Metric::Clicks) => m.clicks += value,
                Some(Metric::Views) => m.views += value,
                None => {}
            }
        }
        for ((month, _), (_, v)) in last_followers {
            if let Some(m) = out.iter_mut().find(|m| m.month == month) {
                m.followers = Some(m.followers.unwrap_or(0.0) + v);
            }
        }
        for p in posts.iter().filter(|p| keep(p.channel_id)) {
            if let Some(m) = out.iter_mut().find(|m| m.month == key(p.day)) {
                m.reach += p.reach.unwrap_or(0.0);
                m.impressions += p.impressions.unwrap_or(0.0);
                m.engagements += p.engagements.unwrap_or(0.0);
                m.clicks += p.clicks.unwrap_or(0.0);
                m.views += p.views.unwrap_or(0.0);
            }
        }
        out
    }
}

pub(crate) fn top_post(p: repo::PostRow, lang: Lang) -> TopPost {
    let engagements = p.engagements.unwrap_or(0.0);
    let base = p.reach.or(p.impressions).unwrap_or(0.0);
    TopPost {
        channel: p.channel,
        day: lang.date(p.day),
        text: p.text,
        link: p.link,
        reach: p.reach.unwrap_or(0.0),
        engagements,
        rate: (base > 0.0).then(|| engagements * 100.0 / base),
    }
}

/// The KPI page: the months as charts, the best posts of the last 90 days, the
/// imports, and the problems of a refused file (`refused` token).
pub async fn page(
    state: &AppState,
    ente: &Ente,
    lang: Lang,
    channel: Option<i64>,
    refused: Option<&str>,
) -> Result<KpiPage, AppError> {
    let channels = crate::social::plan::channel_repo::channels(&state.db, ente.id).await?;
    let channel = channel.filter(|c| channels.iter().any(|x| x.id == *c));
    let months = Year::load(state, ente.id).await?.months(channel, lang);
    let bars = |f: &dyn Fn(&MonthKpi) -> f64| -> Vec<Bar> {
        months
            .iter()
            .map(|m| Bar {
                label: m.label.clone(),
                value: f(m),
            })
            .collect()
    };
    let targets = crate::social::kpi::objective_repo::targets(&state.db, ente.id, channel).await?;
    let target = |metric: &str| {
        targets
            .iter()
            .find(|(m, _, _)| m == metric)
            .map(|(_, v, d)| (*v, lang.date(*d)))
    };
    let charts = vec![
        KpiChart {
            title: lang.t(T::KpiFollowersChart).to_string(),
            bars: bars(&|m| m.followers.unwrap_or(0.0)),
            target: target("followers"),
        },
        KpiChart {
            title: lang.t(T::KpiReachChart).to_string(),
            bars: bars(&|m| m.reach),
            target: target("reach"),
        },
        KpiChart {
            title: lang.t(T::KpiRateChart).to_string(),
            bars: bars(&|m| (m.engagement_rate().unwrap_or(0.0) * 100.0).round() / 100.0),
            target: target("engagement_rate"),
        },
    ];
    let today = Lang::local_date(state.clock.now());
    let mut top: Vec<TopPost> = repo::posts(&state.db, ente.id, today - Duration::days(90))
        .await?
        .into_iter()
        .filter(|p| channel.is_none_or(|c| c == p.channel_id))
        .map(|p| top_post(p, lang))
        .collect();
    top.sort_by(|a, b| b.engagements.total_cmp(&a.engagements));
    top.truncate(10);
    let imports = repo::imports(&state.db, ente.id)
        .await?
        .into_iter()
        .map(
            |(channel, file_name, rows, first, last, by, at)| ImportDone {
                channel,
                file_name,
                rows,
                first_day: lang.date(first),
                last_day: lang.date(last),
                by: by.unwrap_or_default(),
                at: lang.datetime(at),
            },
        )
        .collect();
    let problems = match refused {
        Some(token) => repo::upload(&state.db, ente.id, token)
            .await?
            .map(|r| crate::social::kpi::import::problems_of(&r))
            .unwrap_or_default(),
        None => vec![],
    };
    Ok(KpiPage {
        ente_slug: ente.slug.clone(),
        ente_name: ente.name.clone(),
        channels,
        channel: channel.map(|c| c.to_string()).unwrap_or_default(),
        months,
        charts,
        top,
        imports,
        problems,
    })
}
