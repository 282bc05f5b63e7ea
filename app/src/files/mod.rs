//! A community's files: folders, documents with their versions (who uploaded what
//! and when), previews of images and PDFs, download counts. Members read and
//! upload; a document's author or a tutor adds versions; tutors make folders and
//! delete. The bytes are stored and checked by `crate::upload`; the uploads
//! themselves are plain multipart posts handled in `server/src/community_files.rs`.

pub mod model;
#[cfg(feature = "ssr")]
pub mod repo;
pub mod server;
#[cfg(feature = "ssr")]
pub mod service;
pub mod views;
