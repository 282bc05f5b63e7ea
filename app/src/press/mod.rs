//! The press office (OpenUfficioStampa's part of the site): the ente's journalists
//! list (outlet, beat, the consent recorded when they were added), press releases
//! mailed to it through the outbox (ahead of publication under embargo, or when
//! they go live), the office's contacts, and the public press kit page
//! (`/{ente}/ufficio-stampa`: contacts, the emblem, the latest releases and their
//! feeds). Releases are written in the site's editor (`editor`), which calls
//! `mailing` when one goes out.

#[cfg(feature = "ssr")]
pub mod mailing;
pub mod model;
#[cfg(feature = "ssr")]
pub mod repo;
pub mod server;
#[cfg(feature = "ssr")]
pub mod service;
pub mod views;
