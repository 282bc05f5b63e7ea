//! Who may do what. `model` (roles, scopes, the signed-in actor) and `policy` (the one
//! `can(actor, action, resource)`) are shared with the browser; sessions, tokens,
//! rate limits and the per-request checks are server only.

pub mod model;
pub mod policy;
#[cfg(feature = "ssr")]
pub mod ratelimit;
#[cfg(feature = "ssr")]
pub mod server;
#[cfg(feature = "ssr")]
pub mod session;
#[cfg(feature = "ssr")]
pub mod ticket;
#[cfg(feature = "ssr")]
pub mod token;

pub use model::{Actor, Grant, Role, Scope, ScopeKind};
pub use policy::{can, Action, Target};
