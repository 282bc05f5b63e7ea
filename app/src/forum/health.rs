//! Community health for tutors (server only): activity per week over the last 12
//! weeks (active members, new threads, replies, median hours to a first reply),
//! threads waiting for an answer, and members at risk of dropping out. Weeks are
//! Rome weeks, Monday first.

use super::model::{AtRisk, Health, Waiting};
use crate::auth::model::Actor;
use crate::community::model::CommunityRef;
use crate::components::chart::Bar;
use crate::db::sql;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::ids::AccountId;
use crate::state::AppState;
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use std::collections::{BTreeMap, BTreeSet};

/// Weeks shown.
pub const WEEKS: i64 = 12;
/// Silent this many days, after taking part: at risk.
pub const SILENT_DAYS: i64 = 30;
/// A member since this many days who never wrote: at risk too.
pub const NEVER_DAYS: i64 = 14;

/// The Monday of a moment's Rome week.
fn week_of(t: DateTime<Utc>) -> NaiveDate {
    let d = Lang::local_date(t);
    d - Duration::days(d.weekday().num_days_from_monday() as i64)
}

/// The median of some numbers (0 when there are none).
pub fn median(values: &mut [f64]) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    values.sort_by(|a, b| a.total_cmp(b));
    let n = values.len();
    if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    }
}

#[derive(sqlx::FromRow)]
struct PostRow {
    number: i64,
    author_id: Option<AccountId>,
    created_at: DateTime<Utc>,
}

#[derive(sqlx::FromRow)]
struct ThreadRow {
    id: i64,
    title: String,
    post_count: i64,
    locked: bool,
    author: Option<String>,
    started: DateTime<Utc>,
    first_reply: Option<DateTime<Utc>>,
}

#[derive(sqlx::FromRow)]
struct MemberRow {
    display_name: String,
    joined: DateTime<Utc>,
    last_post: Option<DateTime<Utc>>,
    posts: i64,
}

pub async fn health(
    state: &AppState,
    actor: &Actor,
    c: &CommunityRef,
    lang: Lang,
) -> Result<Health, AppError> {
    let db = &state.db;
    let now = state.clock.now();
    let this_week = week_of(now);
    let weeks: Vec<NaiveDate> = (0..WEEKS)
        .map(|i| this_week - Duration::weeks(WEEKS - 1 - i))
        .collect();
    let since = now - Duration::weeks(WEEKS + 1);
    let posts: Vec<PostRow> = db
        .fetch_all(
            sql("SELECT p.number, p.author_id, p.created_at
                   FROM forum_post p JOIN forum_thread t ON t.id = p.thread_id
                  WHERE t.community_id = $1 AND p.created_at >= $2")
            .bind(c.id)
            .bind(since),
        )
        .await?;
    let mut active: BTreeMap<NaiveDate, BTreeSet<AccountId>> = BTreeMap::new();
    let mut threads: BTreeMap<NaiveDate, f64> = BTreeMap::new();
    let mut replies: BTreeMap<NaiveDate, f64> = BTreeMap::new();
    for p in &posts {
        let w = week_of(p.created_at);
        if let Some(a) = p.author_id {
            active.entry(w).or_default().insert(a);
        }
        let bucket = if p.number == 1 {
            &mut threads
        } else {
            &mut replies
        };
        *bucket.entry(w).or_default() += 1.0;
    }
    let rows: Vec<ThreadRow> = db
        .fetch_all(
            sql("SELECT t.id, t.title, t.post_count, t.locked, a.display_name AS author,
                        t.created_at AS started,
                        (SELECT p.created_at FROM forum_post p WHERE p.thread_id = t.id AND p.number = 2) AS first_reply
                   FROM forum_thread t LEFT JOIN account a ON a.id = t.author_id
                  WHERE t.community_id = $1 AND t.merged_into IS NULL AND (t.created_at >= $2 OR t.post_count = 1)
                  ORDER BY t.created_at")
            .bind(c.id)
            .bind(since),
        )
        .await?;
    let mut waits: BTreeMap<NaiveDate, Vec<f64>> = BTreeMap::new();
    let mut unanswered = Vec::new();
    for t in &rows {
        if let Some(r) = t.first_reply {
            let hours = (r - t.started).num_minutes() as f64 / 60.0;
            waits.entry(week_of(t.started)).or_default().push(hours);
        }
        if t.post_count == 1 && !t.locked {
            unanswered.push(Waiting {
                id: t.id,
                title: t.title.clone(),
                author: t.author.clone().unwrap_or_default(),
                since: lang.datetime(t.started),
                days: (now - t.started).num_days(),
            });
        }
    }
    let label = |w: &NaiveDate| format!("{:02}/{:02}", w.day(), w.month());
    let series = |get: &dyn Fn(&NaiveDate) -> f64| -> Vec<Bar> {
        weeks
            .iter()
            .map(|w| Bar {
                label: label(w),
                value: get(w),
            })
            .collect()
    };
    let members: Vec<MemberRow> = db
        .fetch_all(
            sql("SELECT a.display_name, MIN(g.created_at) AS joined,
                        (SELECT MAX(p.created_at) FROM forum_post p JOIN forum_thread t ON t.id = p.thread_id
                          WHERE t.community_id = $1 AND p.author_id = a.id) AS last_post,
                        (SELECT COUNT(*) FROM forum_post p JOIN forum_thread t ON t.id = p.thread_id
                          WHERE t.community_id = $1 AND p.author_id = a.id) AS posts
                   FROM role_grant g JOIN account a ON a.id = g.account_id
                  WHERE g.community_id = $1 AND g.role = 'community_member' AND a.deleted_at IS NULL
                  GROUP BY a.id, a.display_name
                  ORDER BY a.display_name")
            .bind(c.id),
        )
        .await?;
    let at_risk = members
        .iter()
        .filter(|m| match m.last_post {
            Some(last) => now - last > Duration::days(SILENT_DAYS),
            None => now - m.joined > Duration::days(NEVER_DAYS),
        })
        .map(|m| AtRisk {
            name: m.display_name.clone(),
            last_active: m.last_post.map(|t| lang.date(Lang::local_date(t))),
            posts: m.posts,
        })
        .collect();
    Ok(Health {
        bar: super::service::bar(state, actor, c).await?,
        members: members.len() as i64,
        active: series(&|w| active.get(w).map(|s| s.len() as f64).unwrap_or(0.0)),
        threads: series(&|w| threads.get(w).copied().unwrap_or(0.0)),
        replies: series(&|w| replies.get(w).copied().unwrap_or(0.0)),
        first_reply: series(&|w| {
            let mut v = waits.get(w).cloned().unwrap_or_default();
            (median(&mut v) * 10.0).round() / 10.0
        }),
        unanswered,
        at_risk,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn medians() {
        assert_eq!(super::median(&mut []), 0.0);
        assert_eq!(super::median(&mut [5.0, 1.0, 3.0]), 3.0);
        assert_eq!(super::median(&mut [4.0, 1.0, 3.0, 2.0]), 2.5);
    }
}
