//! The social-media team's work (RiformAttiva 1.3): the ente's channels and the
//! editorial plan (piano redazionale) with its review, calendar and exports.
//! `channel` knows each platform's limits; `model` the states and steps.

pub mod channel;
pub mod item_views;
pub mod model;
#[cfg(feature = "ssr")]
pub mod repo;
pub mod server;
#[cfg(feature = "ssr")]
pub mod service;
pub mod views;
