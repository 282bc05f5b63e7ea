//! What every file download shares: the attachment headers, spreadsheet-safe CSV
//! cells and CSV with a byte-order mark (so that spreadsheets read accents).

use axum::http::header;
use axum::response::{IntoResponse, Response};

/// A cell a spreadsheet will show as text, never run.
pub fn cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// A response that the browser saves as `name`, never kept in a cache.
pub fn attachment(content_type: &str, name: &str, body: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        body,
    )
        .into_response()
}

/// A CSV file in UTF-8 with a byte-order mark, every cell defused; None if it
/// cannot be written.
pub fn csv_bytes<R, C>(header_row: &[String], rows: R) -> Option<Vec<u8>>
where
    R: IntoIterator<Item = C>,
    C: IntoIterator<Item = String>,
{
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(header_row.iter().map(|h| cell(h))).ok()?;
    for row in rows {
        out.write_record(row.into_iter().map(|v| cell(&v))).ok()?;
    }
    let body = out.into_inner().ok()?;
    let mut with_bom = "\u{feff}".as_bytes().to_vec();
    with_bom.extend(body);
    Some(with_bom)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_defused() {
        assert_eq!(cell("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(cell("-2"), "'-2");
        assert_eq!(cell("Piazza"), "Piazza");
    }

    #[test]
    fn csv_starts_with_a_byte_order_mark_and_quotes_what_needs_it() {
        let bytes = csv_bytes(
            &["a".to_string(), "b".to_string()],
            vec![vec!["x, y".to_string(), "=1".to_string()]],
        )
        .unwrap_or_default();
        let text = String::from_utf8(bytes).unwrap_or_default();
        assert_eq!(text, "\u{feff}a,b\n\"x, y\",'=1\n");
    }
}
