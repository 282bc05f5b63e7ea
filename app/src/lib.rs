//! Piazza: components, routes, server functions and the types shared by the browser
//! and the server. Server-only parts are behind the `ssr` feature.

#![recursion_limit = "512"]

pub mod account;
pub mod administration;
pub mod audit;
pub mod auth;
pub mod blog;
pub mod catalogue;
pub mod community;
pub mod components;
pub mod consultation;
pub mod content;
pub mod dashboard;
pub mod editor;
pub mod ente;
pub mod error;
pub mod feedback;
pub mod files;
pub mod forum;
pub mod i18n;
pub mod ids;
pub mod invite;
pub mod live;
pub mod mail;
#[cfg(feature = "ssr")]
pub mod markdown;
pub mod newsletter;
pub mod notify;
pub mod paging;
pub mod press;
pub mod privacy;
pub mod questionnaire;
pub mod routes;
pub mod search;
pub mod site;
pub mod social;
pub mod table_import;
pub mod text;
pub mod tiles;
pub mod upload;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod lease;
#[cfg(feature = "ssr")]
pub mod memo;
#[cfg(feature = "ssr")]
pub mod state;

pub use routes::{shell, App};
