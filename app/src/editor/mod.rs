//! The site's editor (`/gestione/{ente}/sito`): operators write news items (news,
//! press releases, notices), events, places, services, the administration's units
//! and people, and free pages as entries with versions;
//! an entry goes through draft → review (a colleague approves, where the ente asks
//! for it) → published at its date, and comes down when withdrawn or at its expiry.
//! What the public sees are the live tables of `content`, `catalogue` and
//! `administration`, written by `golive` (and `golive_more`) when an entry goes live.

#[cfg(feature = "ssr")]
pub mod adopt;
pub mod check;
#[cfg(feature = "ssr")]
pub mod choices;
pub mod form_views;
#[cfg(feature = "ssr")]
pub mod golive;
#[cfg(feature = "ssr")]
pub mod golive_more;
#[cfg(feature = "ssr")]
pub mod image_repo;
#[cfg(feature = "ssr")]
pub mod media;
pub mod model;
#[cfg(feature = "ssr")]
pub mod pages;
#[cfg(feature = "ssr")]
pub mod release;
#[cfg(feature = "ssr")]
pub mod repo;
pub mod schema;
pub mod server;
#[cfg(feature = "ssr")]
pub mod service;
pub mod views;
