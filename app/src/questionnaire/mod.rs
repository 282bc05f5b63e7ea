//! The questionnaire engine: questions of eleven kinds in sections, conditions between
//! them, checking of the design before publication, and checking of answers sent by a
//! form (with or without JavaScript). Consultations use it; so will training-needs
//! surveys and any other survey.

pub mod answers;
pub mod edit;
pub mod form_view;
pub mod model;
pub mod results;
pub mod tally;
#[cfg(test)]
mod tests;
