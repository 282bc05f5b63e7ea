//! OpenConsultazioni: public consultations of an ente, built by its operators with
//! the questionnaire engine, answered by citizens (also without JavaScript), with a
//! results dashboard and exports.

pub mod model;
#[cfg(feature = "ssr")]
pub mod repo;
