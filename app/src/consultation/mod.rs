//! OpenConsultazioni: public consultations of an ente, built by its operators with
//! the questionnaire engine, answered by citizens (also without JavaScript), with a
//! results dashboard and exports.

pub mod admin_views;
#[cfg(feature = "ssr")]
pub mod answering;
pub mod builder_view;
pub mod discussion;
pub mod discussion_admin_views;
#[cfg(feature = "ssr")]
pub mod discussion_repo;
pub mod discussion_server;
#[cfg(feature = "ssr")]
pub mod discussion_service;
pub mod discussion_views;
#[cfg(feature = "ssr")]
pub mod file_repo;
pub mod model;
#[cfg(feature = "ssr")]
pub mod phases;
pub mod public;
pub mod public_views;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod results;
pub mod results_view;
pub mod server;
#[cfg(feature = "ssr")]
pub mod service;
