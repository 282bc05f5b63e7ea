//! Uploaded files, for every module: checked by their content (not their name or
//! the browser's word), images cleaned of their metadata (a phone photo's EXIF can
//! carry where it was taken), stored once per content (in the database, or in the
//! object store `db::blobs` names), served at `/file/{token}/{name}` to whoever may read
//! them.

#[cfg(feature = "ssr")]
pub mod check;
#[cfg(feature = "ssr")]
pub mod images;
pub mod model;
#[cfg(feature = "ssr")]
pub mod repo;

pub mod views;
