//! The files area as pages show it.

use crate::community::model::CommunityBar;
use crate::upload::model::FileView;
use serde::{Deserialize, Serialize};

/// The longest title of a document, or name of a folder.
pub const TITLE_MAX_CHARS: usize = 120;
/// The longest description of a document, or note of a version.
pub const NOTE_MAX_CHARS: usize = 500;
/// Folders inside folders, at most this deep.
pub const MAX_DEPTH: usize = 5;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FolderView {
    pub id: i64,
    pub name: String,
    pub documents: i64,
}

/// A document with its newest version.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocSummary {
    pub id: i64,
    pub title: String,
    pub description: String,
    pub current: FileView,
    pub versions: i64,
    pub downloads: i64,
    /// Who uploaded the newest version, and when.
    pub by: String,
    pub at: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VersionView {
    pub number: i64,
    pub file: FileView,
    pub note: String,
    pub by: String,
    pub at: String,
}

/// `/comunita/{slug}/file[?cartella=ID]`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FilesPage {
    pub bar: CommunityBar,
    /// The folder shown (None: the top level) and the folders above it, top first.
    pub folder: Option<FolderView>,
    pub trail: Vec<(i64, String)>,
    pub folders: Vec<FolderView>,
    pub documents: Vec<DocSummary>,
    /// Folders may still be made inside this one.
    pub may_nest: bool,
}

/// `/comunita/{slug}/file/{id}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FileDetail {
    pub bar: CommunityBar,
    pub doc: DocSummary,
    pub trail: Vec<(i64, String)>,
    pub versions: Vec<VersionView>,
    /// The reader may upload a new version (its author or a tutor).
    pub may_update: bool,
}

/// Where a community's files and one document are.
pub fn files_path(slug: &str, folder: Option<i64>) -> String {
    match folder {
        Some(id) => format!("/comunita/{slug}/file?cartella={id}"),
        None => format!("/comunita/{slug}/file"),
    }
}

pub fn document_path(slug: &str, id: i64) -> String {
    format!("/comunita/{slug}/file/{id}")
}

/// The counted download of a version (`/file/…` serves previews, uncounted).
pub fn download_path(slug: &str, id: i64, version: i64) -> String {
    format!("/comunita/{slug}/file/{id}/scarica?versione={version}")
}
