//! Full-text search, built once for every module: a `search_document` row per
//! searchable thing, indexed by SQLite FTS5 or PostgreSQL's Italian text search, and
//! one query that ranks them. Modules add their documents with `repo::index` (or an
//! INSERT … SELECT like `repo::reindex_content`). The search page of an ente's site
//! is `site::search`.

pub mod model;
#[cfg(feature = "ssr")]
pub mod repo;
pub mod views;
