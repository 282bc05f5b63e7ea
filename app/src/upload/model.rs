//! Files as pages show them.

use crate::i18n::{Lang, T};
use serde::{Deserialize, Serialize};

/// The largest file accepted.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;

/// A stored file, with the text that goes with it where it is used (an image's
/// alternative text, a document's title).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FileView {
    pub token: String,
    pub name: String,
    pub mime: String,
    pub size: i64,
    pub label: String,
}

impl FileView {
    /// Where the file is served; the name is only for people (and their downloads).
    pub fn url(&self) -> String {
        let name: String = self
            .name
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '.' || c == '-' || c == '_' {
                    c
                } else {
                    '-'
                }
            })
            .collect();
        format!("/file/{}/{name}", self.token)
    }

    pub fn is_image(&self) -> bool {
        self.mime.starts_with("image/")
    }

    /// "PDF, 240 kB": what a download link says of the file.
    pub fn describe(&self, lang: Lang) -> String {
        format!("{}, {}", kind_name(&self.mime), size_text(self.size, lang))
    }
}

/// A refused upload's problem, as the plain form post carries it back in the query
/// string (`?errore=tipo`), and the text it stands for.
pub const PROBLEMS: [(&str, T); 7] = [
    ("vuoto", T::UploadEmpty),
    ("dimensione", T::UploadTooLarge),
    ("tipo", T::UploadTypeRefused),
    ("danneggiato", T::UploadDamaged),
    ("alt", T::UploadAltRequired),
    ("lungo", T::ValidationTooLong),
    ("file", T::UploadMissing),
];

pub fn problem_code(problem: T) -> &'static str {
    PROBLEMS
        .iter()
        .find(|(_, t)| *t == problem)
        .map(|(c, _)| *c)
        .unwrap_or("file")
}

pub fn problem_of(code: &str) -> Option<T> {
    PROBLEMS.iter().find(|(c, _)| *c == code).map(|(_, t)| *t)
}

/// The short name of a type of file.
pub fn kind_name(mime: &str) -> &'static str {
    match mime {
        "application/pdf" => "PDF",
        "image/png" => "PNG",
        "image/jpeg" => "JPEG",
        "image/webp" => "WebP",
        "image/gif" => "GIF",
        "application/vnd.oasis.opendocument.text" => "ODT",
        "application/vnd.oasis.opendocument.spreadsheet" => "ODS",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => "DOCX",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => "XLSX",
        "text/csv" => "CSV",
        _ => "TXT",
    }
}

/// A size as people read it: "820 byte", "240 kB", "1,2 MB".
pub fn size_text(bytes: i64, lang: Lang) -> String {
    if bytes < 1000 {
        return format!("{bytes} byte");
    }
    if bytes < 1_000_000 {
        return format!("{} kB", (bytes + 500) / 1000);
    }
    let tenths = (bytes + 50_000) / 100_000;
    let sep = if lang == Lang::It { ',' } else { '.' };
    format!("{}{sep}{} MB", tenths / 10, tenths % 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_urls_read_well() {
        assert_eq!(size_text(820, Lang::It), "820 byte");
        assert_eq!(size_text(240_400, Lang::It), "240 kB");
        assert_eq!(size_text(1_249_000, Lang::It), "1,2 MB");
        assert_eq!(size_text(1_249_000, Lang::En), "1.2 MB");
        let f = FileView {
            token: "abc".into(),
            name: "Relazione tecnica (def).pdf".into(),
            mime: "application/pdf".into(),
            size: 1,
            label: String::new(),
        };
        assert_eq!(f.url(), "/file/abc/Relazione-tecnica--def-.pdf");
        assert_eq!(f.describe(Lang::It), "PDF, 1 byte");
    }
}
