//! Communities of practice (CO-OP): who belongs, and their reserved area. The forum,
//! blog and files come with the community module; this is the shared core.

pub mod model;
#[cfg(feature = "ssr")]
pub mod repo;
