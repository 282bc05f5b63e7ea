//! Communities of practice (CO-OP): who belongs, how one joins (invitation, or a
//! request a tutor approves), the members' profiles, the community's settings and
//! its health for tutors (`health`).
//! The forum (`crate::forum`) and the files (`crate::files`) live in their own modules.

#[cfg(feature = "ssr")]
pub mod health;
pub mod model;
#[cfg(feature = "ssr")]
pub mod repo;
pub mod server;
#[cfg(feature = "ssr")]
pub mod service;
pub mod views;
