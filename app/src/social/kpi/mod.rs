//! KPIs: a platform's analytics export (any CSV from Meta, X or YouTube Studio)
//! mapped to metrics and imported whole or not at all (`import`), months counted from
//! a year of values (`year`), the charts against the strategy's targets and the
//! monthly report (`report`); the strategy's objectives, which are targets of the KPIs
//! (`goal`, `objectives`, `objective_repo`).

#[cfg(feature = "ssr")]
pub mod charts;
#[cfg(feature = "ssr")]
pub mod entry;
pub mod goal;
#[cfg(feature = "ssr")]
pub mod import;
pub mod model;
#[cfg(feature = "ssr")]
pub mod objective_repo;
#[cfg(feature = "ssr")]
pub mod objectives;
#[cfg(feature = "ssr")]
pub mod repo;
pub mod report;
pub mod report_views;
pub mod server;
pub mod views;
