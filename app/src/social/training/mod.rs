//! The team's training needs (rilevazione dei fabbisogni formativi): a skills survey
//! on the questionnaire engine, the levels the ente requires, the skills-gap matrix
//! and the CO-OP path suggested for each gap.

pub mod model;
#[cfg(feature = "ssr")]
pub mod repo;
pub mod server;
#[cfg(feature = "ssr")]
pub mod service;
pub mod views;
