//! The model's feedback widget ("Quanto sono chiare le informazioni su questa
//! pagina?") on every page of an ente's site, and what visitors said, page by page,
//! for the ente's site operators. Nothing personal is kept: no account, no address.

pub mod model;
#[cfg(feature = "ssr")]
pub mod repo;
pub mod server;
pub mod views;
