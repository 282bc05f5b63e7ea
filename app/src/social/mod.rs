//! The social-media team's work (RiformAttiva 1.3): the ente's channels and the
//! editorial plan (piano redazionale) with its review, calendar and exports; the
//! KPIs imported from the platforms' exports (`kpi*`); the strategy, its
//! objectives and the policies, in versions (`strategy*`); the team's training
//! needs (`training*`, on the questionnaire engine). `channel` knows each
//! platform's limits; `model` the plan's states and steps.

pub mod channel;
#[cfg(feature = "ssr")]
pub mod channels;
pub mod item_views;
pub mod kpi;
#[cfg(feature = "ssr")]
pub mod kpi_charts;
#[cfg(feature = "ssr")]
pub mod kpi_repo;
pub mod kpi_server;
#[cfg(feature = "ssr")]
pub mod kpi_service;
pub mod kpi_views;
#[cfg(feature = "ssr")]
pub mod media;
pub mod model;
#[cfg(feature = "ssr")]
pub mod plan;
#[cfg(feature = "ssr")]
pub mod repo;
pub mod report_views;
pub mod server;
#[cfg(feature = "ssr")]
pub mod service;
pub mod strategy;
#[cfg(feature = "ssr")]
pub mod strategy_repo;
pub mod strategy_server;
#[cfg(feature = "ssr")]
pub mod strategy_service;
pub mod strategy_views;
pub mod training;
#[cfg(feature = "ssr")]
pub mod training_repo;
pub mod training_server;
#[cfg(feature = "ssr")]
pub mod training_service;
pub mod training_views;
pub mod views;
