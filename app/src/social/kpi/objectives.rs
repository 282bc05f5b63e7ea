//! The strategy's objectives (server only): saved with their checks, and measured
//! against the KPIs (the latest month that has a value), for the strategy's page,
//! the KPI charts and the monthly report.

use crate::audit::model::AuditAction;
use crate::audit::repo::Record;
use crate::auth::server::RequestInfo;
use crate::ente::model::Ente;
use crate::error::{AppError, FieldError};
use crate::i18n::{Lang, T};
use crate::social::kpi::goal::{Goal, ObjectiveView};
use crate::social::kpi::model::MonthKpi;
use crate::social::kpi::objective_repo::{self as repo, ObjectiveInput};
use crate::state::AppState;
use crate::text::Bounded;
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// An objective as its form sent it.
pub struct ObjectiveForm {
    pub id: Option<i64>,
    pub title: String,
    pub goal: String,
    pub channel: Option<i64>,
    pub target: String,
    pub deadline: String,
    pub active: bool,
}

pub async fn save_objective(
    state: &AppState,
    info: &RequestInfo,
    ente: &Ente,
    form: ObjectiveForm,
) -> Result<i64, AppError> {
    let mut errors = Vec::new();
    let problem = |field: &str, problem: T| FieldError {
        field: field.into(),
        problem,
        limit: None,
    };
    let title = form.title.trim();
    if Bounded::<1, 200>::parse(title).is_err() {
        errors.push(problem("title", T::StrategyObjectiveTitle));
    }
    let goal = Goal::from_code(form.goal.trim());
    if goal.is_none() {
        errors.push(problem("goal", T::ValidationRequired));
    }
    let target = crate::table_import::number(&form.target).filter(|n| *n > 0.0);
    match (target, goal) {
        (None, _) => errors.push(problem("target", T::StrategyTargetInvalid)),
        (Some(t), Some(Goal::EngagementRate)) if t > 100.0 => {
            errors.push(problem("target", T::StrategyRateInvalid))
        }
        _ => {}
    }
    let deadline = NaiveDate::parse_from_str(form.deadline.trim(), "%Y-%m-%d").ok();
    if deadline.is_none() {
        errors.push(problem("deadline", T::ValidationDate));
    }
    let channels = crate::social::plan::channel_repo::channels(&state.db, ente.id).await?;
    let channel = form.channel.filter(|c| *c > 0);
    if channel.is_some_and(|c| !channels.iter().any(|x| x.id == c)) {
        errors.push(problem("channel", T::EditorialUnknownChannel));
    }
    let (Some(goal), Some(target), Some(deadline)) = (goal, target, deadline) else {
        return Err(AppError::Invalid(errors));
    };
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let input = ObjectiveInput {
        title,
        metric: goal.code(),
        channel_id: channel,
        target,
        deadline,
        active: form.active,
    };
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let id = repo::save_objective(&mut tx, ente.id, form.id, &input, now)
        .await?
        .ok_or(AppError::NotFound)?;
    crate::audit::repo::record(
        &mut tx,
        info,
        Record::new(AuditAction::SocialObjectiveSaved)
            .target("social_objective", Some(id), title)
            .ente(Some(ente.id))
            .details(format!("{} → {target} ({deadline})", goal.code())),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// The latest month's value of a goal (the last month that has one).
pub fn current(months: &[MonthKpi], goal: Goal) -> Option<f64> {
    months.iter().rev().find_map(|m| match goal {
        Goal::Metric(crate::social::kpi::model::Metric::Followers) => m.followers,
        Goal::Metric(metric) => {
            let v = match metric {
                crate::social::kpi::model::Metric::Reach => m.reach,
                crate::social::kpi::model::Metric::Impressions => m.impressions,
                crate::social::kpi::model::Metric::Engagements => m.engagements,
                crate::social::kpi::model::Metric::Clicks => m.clicks,
                _ => m.views,
            };
            (v > 0.0).then_some(v)
        }
        Goal::EngagementRate => m.engagement_rate(),
    })
}

/// Every objective of the ente with where it stands: the latest month's value of
/// its goal (of its channel, or of all) against its target.
pub async fn list(
    state: &AppState,
    ente: &Ente,
    lang: Lang,
) -> Result<Vec<ObjectiveView>, AppError> {
    let year = crate::social::kpi::charts::Year::load(state, ente.id).await?;
    let mut months_of: BTreeMap<Option<i64>, Vec<MonthKpi>> = BTreeMap::new();
    let mut objectives = Vec::new();
    for o in repo::objectives(&state.db, ente.id).await? {
        let Some(goal) = Goal::from_code(&o.metric) else {
            continue;
        };
        let months = months_of
            .entry(o.channel_id)
            .or_insert_with(|| year.months(o.channel_id, lang));
        let now = current(months, goal);
        objectives.push(ObjectiveView {
            id: o.id,
            title: o.title,
            goal,
            channel_id: o.channel_id,
            channel: o.channel_name.unwrap_or_default(),
            target: o.target,
            deadline_input: o.deadline.to_string(),
            deadline: lang.date(o.deadline),
            active: o.active,
            progress: now.map(|v| (v / o.target * 100.0).round()),
            current: now,
        });
    }
    Ok(objectives)
}
