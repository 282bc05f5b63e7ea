//! What the strategy's objectives measure (a metric of the KPIs, or the engagement
//! rate) and an objective as the pages show it, with its progress.

use crate::i18n::T;
use crate::social::kpi::model::Metric;
use serde::{Deserialize, Serialize};

/// What an objective measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Goal {
    Metric(Metric),
    EngagementRate,
}

impl Goal {
    pub fn all() -> Vec<Goal> {
        let mut v: Vec<Goal> = Metric::ALL.into_iter().map(Goal::Metric).collect();
        v.push(Goal::EngagementRate);
        v
    }

    pub fn code(self) -> &'static str {
        match self {
            Goal::Metric(m) => m.code(),
            Goal::EngagementRate => "engagement_rate",
        }
    }

    pub fn from_code(code: &str) -> Option<Goal> {
        Goal::all().into_iter().find(|g| g.code() == code)
    }

    pub fn label(self) -> T {
        match self {
            Goal::Metric(m) => m.label(),
            Goal::EngagementRate => T::KpiEngagementRate,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ObjectiveView {
    pub id: i64,
    pub title: String,
    pub goal: Goal,
    pub channel_id: Option<i64>,
    /// The channel's name, or empty for all channels.
    pub channel: String,
    pub target: f64,
    /// `YYYY-MM-DD`
    pub deadline_input: String,
    pub deadline: String,
    pub active: bool,
    /// The latest month's value, and how far it is to the target (%).
    pub current: Option<f64>,
    pub progress: Option<f64>,
}
