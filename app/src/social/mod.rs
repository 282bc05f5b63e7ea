//! The social-media team's work (RiformAttiva 1.3), in four parts:
//! - `plan`: the ente's channels and the editorial plan (piano redazionale) with its
//!   review, calendar and exports, and the team's overview page;
//! - `kpi`: the KPIs imported from the platforms' exports, their charts and the
//!   monthly report;
//! - `strategy`: the strategy, its objectives (measured against the KPIs) and the
//!   policies, in versions;
//! - `training`: the team's training needs, on the questionnaire engine.
//!
//! `channel` knows each platform's limits (for the plan and the KPIs); `paths` the
//! addresses of the team's pages; `frame` is the sidebar every page of the team shares; `access` the one check every server
//! function makes first.

#[cfg(feature = "ssr")]
pub mod access;
pub mod channel;
pub mod frame;
pub mod kpi;
pub mod paths;
pub mod plan;
pub mod strategy;
pub mod training;
