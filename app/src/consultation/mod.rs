//! OpenConsultazioni: public consultations of an ente, built by its operators with
//! the questionnaire engine, answered by citizens (also without JavaScript), with a
//! results dashboard and exports.

pub mod model;
pub mod public;
#[cfg(feature = "ssr")]
pub mod results;
pub mod server;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod repo;
