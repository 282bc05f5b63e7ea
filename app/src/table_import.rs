//! Reading the tables people export from other tools (server only): CSV in UTF-8
//! (with or without a byte-order mark), UTF-16 (Meta's daily exports) or
//! Windows-1252 (Italian Excel); separated by commas, semicolons or tabs (guessed
//! from the header, or named by Excel's `sep=` line); numbers written the Italian
//! or the English way; dates day or month first. Every problem names its line and
//! column, so that a refused file can be corrected; importers check every row
//! before writing any.

use crate::i18n::T;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The largest file read (a year of daily rows for many posts fits easily).
pub const MAX_BYTES: usize = 5 * 1024 * 1024;
/// The most rows read from one file.
pub const MAX_ROWS: usize = 50_000;
/// The most problems reported at once.
pub const MAX_PROBLEMS: usize = 20;

/// A table: its header and its rows, each with the line it starts on.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Row>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// The line of the file the row starts on (1 is the first line of the file).
    pub line: u64,
    pub cells: Vec<String>,
}

impl Row {
    /// The cell under header `index`, trimmed ("" when the row is short).
    pub fn cell(&self, index: usize) -> &str {
        self.cells.get(index).map(|c| c.trim()).unwrap_or_default()
    }
}

/// Something wrong in a file: where (line, and column when it is one cell) and what.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Problem {
    pub line: u64,
    /// The column's header, empty when the whole line is at fault.
    pub column: String,
    /// What the cell holds (cut to 40 characters).
    pub value: String,
    pub problem: T,
}

impl Problem {
    pub fn at(line: u64, column: &str, value: &str, problem: T) -> Problem {
        Problem {
            line,
            column: column.to_string(),
            value: value.chars().take(40).collect(),
            problem,
        }
    }
}

#[cfg(feature = "ssr")]
/// Why a file cannot be read at all.
#[derive(Clone, Debug, PartialEq)]
pub enum ReadError {
    TooLarge,
    /// Not text (a spreadsheet file, an image…).
    NotText,
    /// No header, or no row under it.
    Empty,
    TooManyRows,
    /// Lines that do not fit the header (a different number of cells, a broken quote).
    Lines(Vec<Problem>),
}

#[cfg(feature = "ssr")]
impl ReadError {
    pub fn message(&self) -> T {
        match self {
            ReadError::TooLarge => T::ImportTooLarge,
            ReadError::NotText => T::ImportNotText,
            ReadError::Empty => T::ImportEmpty,
            ReadError::TooManyRows => T::ImportTooManyRows,
            ReadError::Lines(_) => T::ImportBadLines,
        }
    }
}

#[cfg(feature = "ssr")]
/// The text of a file: UTF-16 when it says so with a byte-order mark, UTF-8 when
/// it is valid UTF-8, otherwise Windows-1252; None for what is not text.
pub fn decode(bytes: &[u8]) -> Option<String> {
    let text = if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _, bad) = enc.decode(&bytes[bom..]);
        if bad {
            return None;
        }
        text.into_owned()
    } else if let Ok(text) = std::str::from_utf8(bytes) {
        text.to_string()
    } else {
        let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
        text.into_owned()
    };
    let binary = text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'));
    (!binary).then_some(text)
}

#[cfg(feature = "ssr")]
/// The separator of a header line: the most frequent of `,`, `;` and tab outside
/// quotes (a comma when there is none).
fn separator(header: &str) -> u8 {
    let mut counts = [(b',', 0), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for c in header.bytes() {
        if c == b'"' {
            quoted = !quoted;
        } else if !quoted {
            for (sep, n) in counts.iter_mut() {
                if c == *sep {
                    *n += 1;
                }
            }
        }
    }
    counts
        .iter()
        .max_by_key(|(_, n)| *n)
        .filter(|(_, n)| *n > 0)
        .map(|(s, _)| *s)
        .unwrap_or(b',')
}

#[cfg(feature = "ssr")]
/// Reads a CSV file into a table; empty lines are skipped.
pub fn read(bytes: &[u8]) -> Result<Table, ReadError> {
    if bytes.len() > MAX_BYTES {
        return Err(ReadError::TooLarge);
    }
    let text = decode(bytes).ok_or(ReadError::NotText)?;
    // Excel writes `sep=;` as the first line when asked to name the separator.
    let (first_line, skipped) = {
        let first = text.lines().next().unwrap_or_default();
        let named = first
            .trim()
            .strip_prefix("sep=")
            .and_then(|s| s.bytes().next());
        match named {
            Some(sep) => (sep, 1u64),
            None => (separator(first), 0),
        }
    };
    let body = if skipped == 1 {
        text.split_once('\n')
            .map(|(_, rest)| rest)
            .unwrap_or_default()
    } else {
        text.as_str()
    };
    // The line a record starts on, from its byte offset (csv's own line count
    // leaves out the empty lines it skips).
    let breaks: Vec<usize> = body
        .bytes()
        .enumerate()
        .filter(|(_, b)| *b == b'\n')
        .map(|(i, _)| i)
        .collect();
    let line_at = |byte: u64| breaks.partition_point(|i| (*i as u64) < byte) as u64 + 1;
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(first_line)
        .flexible(true)
        .has_headers(false)
        .from_reader(body.as_bytes());
    let mut headers: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    let raw = body.as_bytes();
    let mut end = 0usize;
    let mut record = csv::StringRecord::new();
    loop {
        // A record starts after the previous one's end and any empty lines.
        let mut start = end;
        while raw.get(start).is_some_and(|b| matches!(b, b'\n' | b'\r')) {
            start += 1;
        }
        let line = line_at(start as u64) + skipped;
        let read = reader.read_record(&mut record);
        end = reader.position().byte() as usize;
        match read {
            Ok(false) => break,
            Ok(true) => {}
            Err(_) => {
                problems.push(Problem::at(line, "", "", T::ImportBrokenLine));
                if problems.len() >= MAX_PROBLEMS || end <= start {
                    break;
                }
                continue;
            }
        }
        let cells: Vec<String> = record.iter().map(str::to_string).collect();
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        match &headers {
            None => headers = Some(cells.iter().map(|c| c.trim().to_string()).collect()),
            Some(h) => {
                if cells.len() != h.len() {
                    problems.push(Problem::at(
                        line,
                        "",
                        &format!("{} / {}", cells.len(), h.len()),
                        T::ImportCellCount,
                    ));
                    if problems.len() >= MAX_PROBLEMS {
                        break;
                    }
                    continue;
                }
                if rows.len() >= MAX_ROWS {
                    return Err(ReadError::TooManyRows);
                }
                rows.push(Row { line, cells });
            }
        }
    }
    if !problems.is_empty() {
        return Err(ReadError::Lines(problems));
    }
    match headers {
        Some(headers) if !rows.is_empty() => Ok(Table { headers, rows }),
        _ => Err(ReadError::Empty),
    }
}

/// A number as people write it: `1250`, `1.250` or `1,250` (thousands), `12,5` or
/// `12.5`, `1.234,5`, `1,234.5`, with spaces or a trailing `%`. None otherwise.
pub fn number(text: &str) -> Option<f64> {
    let t: String = text
        .trim()
        .trim_end_matches('%')
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\''))
        .collect();
    if t.is_empty() || !t.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let grouped = |sep: char| {
        let mut parts = t.trim_start_matches('-').split(sep);
        let first = parts.next().unwrap_or_default();
        (1..=3).contains(&first.len())
            && first.chars().all(|c| c.is_ascii_digit())
            && t.contains(sep)
            && parts.all(|p| p.len() == 3 && p.chars().all(|c| c.is_ascii_digit()))
    };
    let normal = match (t.rfind(','), t.rfind('.')) {
        (Some(c), Some(d)) if c > d => t.replace('.', "").replace(',', "."),
        (Some(_), Some(_)) => t.replace(',', ""),
        (Some(_), None) if grouped(',') => t.replace(',', ""),
        (Some(_), None) => t.replace(',', "."),
        (None, Some(_)) if grouped('.') => t.replace('.', ""),
        _ => t,
    };
    normal.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// Which comes first in a date written with slashes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DayOrder {
    /// 31/12/2026, as in Italy.
    DayFirst,
    /// 12/31/2026, as Meta's exports write it.
    MonthFirst,
}

impl DayOrder {
    pub fn code(self) -> &'static str {
        match self {
            DayOrder::DayFirst => "dmy",
            DayOrder::MonthFirst => "mdy",
        }
    }

    pub fn from_code(code: &str) -> Option<DayOrder> {
        match code {
            "dmy" => Some(DayOrder::DayFirst),
            "mdy" => Some(DayOrder::MonthFirst),
            _ => None,
        }
    }

    /// The order a column's dates must be in, when one of them says so (a first
    /// number over 12 is a day; a second one is).
    pub fn evident(dates: &[&str]) -> Option<DayOrder> {
        for d in dates {
            let parts: Vec<u32> = d
                .split([' ', 'T'])
                .next()
                .unwrap_or_default()
                .split(['/', '.', '-'])
                .filter_map(|p| p.parse().ok())
                .collect();
            if let [a, b, y] = parts[..] {
                if y > 31 && a > 12 {
                    return Some(DayOrder::DayFirst);
                }
                if y > 31 && b > 12 {
                    return Some(DayOrder::MonthFirst);
                }
            }
        }
        None
    }
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];
const MESI: [&str; 12] = [
    "gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set", "ott", "nov", "dic",
];

/// A date, with or without a time after it: `2026-11-03`, `2026-11-03T10:00:00`,
/// `03/11/2026 10:00` (in `order`), `3.11.2026`, `Nov 3, 2026`, `3 nov 2026`.
pub fn date(text: &str, order: DayOrder) -> Option<NaiveDate> {
    let t = text.trim();
    let head = t.split(['T', ' ']).next().unwrap_or_default();
    if let Ok(d) = NaiveDate::parse_from_str(head, "%Y-%m-%d") {
        return Some(d);
    }
    let nums: Vec<&str> = head.split(['/', '.', '-']).collect();
    if let [a, b, y] = nums[..] {
        let (a, b, y): (u32, u32, i32) = (a.parse().ok()?, b.parse().ok()?, y.parse().ok()?);
        let y = if y < 100 { 2000 + y } else { y };
        let (d, m) = match order {
            DayOrder::DayFirst => (a, b),
            DayOrder::MonthFirst => (b, a),
        };
        return NaiveDate::from_ymd_opt(y, m, d);
    }
    // Month names: "Nov 3, 2026", "3 nov 2026", "3 novembre 2026".
    let words: Vec<String> = t
        .replace(',', " ")
        .split_whitespace()
        .map(str::to_lowercase)
        .collect();
    let month_of = |w: &str| {
        let w: String = w.chars().take(3).collect();
        MONTHS
            .iter()
            .position(|m| *m == w)
            .or_else(|| MESI.iter().position(|m| *m == w))
            .map(|i| i as u32 + 1)
    };
    match words.as_slice() {
        [m, d, y, ..] if month_of(m).is_some() => {
            NaiveDate::from_ymd_opt(y.parse().ok()?, month_of(m)?, d.parse().ok()?)
        }
        [d, m, y, ..] if month_of(m).is_some() => {
            NaiveDate::from_ymd_opt(y.parse().ok()?, month_of(m)?, d.parse().ok()?)
        }
        _ => None,
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn numbers_are_read_the_italian_and_the_english_way() {
        for (text, n) in [
            ("1250", 1250.0),
            ("1.250", 1250.0),
            ("1,250", 1250.0),
            ("12,5", 12.5),
            ("12.5", 12.5),
            ("1.234,5", 1234.5),
            ("1,234.5", 1234.5),
            ("1 234 567", 1_234_567.0),
            ("3,2%", 3.2),
            ("-4", -4.0),
        ] {
            assert_eq!(number(text), Some(n), "{text}");
        }
        for text in ["", "n/d", "12a", "--", "1,2,3.4.5"] {
            assert_eq!(number(text), None, "{text}");
        }
    }

    #[test]
    fn dates_in_the_forms_exports_use() {
        let d = day(2026, 11, 3);
        assert_eq!(date("2026-11-03", DayOrder::DayFirst), Some(d));
        assert_eq!(date("2026-11-03T10:15:00", DayOrder::DayFirst), Some(d));
        assert_eq!(date("03/11/2026 10:15", DayOrder::DayFirst), Some(d));
        assert_eq!(date("11/03/2026 10:15", DayOrder::MonthFirst), Some(d));
        assert_eq!(date("3.11.26", DayOrder::DayFirst), Some(d));
        assert_eq!(date("Nov 3, 2026", DayOrder::DayFirst), Some(d));
        assert_eq!(date("3 novembre 2026", DayOrder::MonthFirst), Some(d));
        assert_eq!(date("31/02/2026", DayOrder::DayFirst), None);
        assert_eq!(date("Total", DayOrder::DayFirst), None);
        assert_eq!(
            DayOrder::evident(&["01/02/2026", "12/25/2026 09:00"]),
            Some(DayOrder::MonthFirst)
        );
        assert_eq!(DayOrder::evident(&["25/12/2026"]), Some(DayOrder::DayFirst));
        assert_eq!(DayOrder::evident(&["01/02/2026"]), None);
    }

    #[test]
    fn encodings_and_separators_are_recognised() {
        // Italian Excel: semicolons, Windows-1252 ("Città" with 0xE0).
        let mut cp1252 = b"Data;Citt".to_vec();
        cp1252.push(0xE0);
        cp1252.extend(b";Copertura\r\n03/11/2026;Lugo;1.250\r\n");
        let t = read(&cp1252).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(t.headers, vec!["Data", "Città", "Copertura"]);
        assert_eq!(t.rows[0].cell(2), "1.250");
        assert_eq!(t.rows[0].line, 2);
        // Meta: UTF-16LE with a BOM and Excel's sep= line.
        let text = "sep=,\nDate,Reach\n2026-11-03,\"1,250\"\n";
        let mut utf16 = vec![0xFF, 0xFE];
        for u in text.encode_utf16() {
            utf16.extend(u.to_le_bytes());
        }
        let t = read(&utf16).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(t.headers, vec!["Date", "Reach"]);
        assert_eq!(t.rows[0].cell(1), "1,250");
        assert_eq!(t.rows[0].line, 3);
        // UTF-8 with a BOM and tabs.
        let t = read(b"Data;Follower\r\n26/11/2026;2.410\r\n27/11/2026;2.415\r\n")
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(
            t.rows.iter().map(|r| r.line).collect::<Vec<_>>(),
            vec![2, 3]
        );
        let t = read("\u{feff}Giorno\tFollower\n2026-11-03\t812\n".as_bytes())
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(t.headers, vec!["Giorno", "Follower"]);
    }

    #[test]
    fn broken_files_name_their_lines() {
        let bad = "Date,Reach\n2026-11-03,10\n2026-11-04\n\n2026-11-05,3,4\n";
        match read(bad.as_bytes()) {
            Err(ReadError::Lines(p)) => {
                assert_eq!(p.iter().map(|p| p.line).collect::<Vec<_>>(), vec![3, 5]);
                assert_eq!(p[0].problem, T::ImportCellCount);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(read(b"Date,Reach\n"), Err(ReadError::Empty));
        assert_eq!(read(b"\x89PNG\r\n\x1a\n\0\0\0"), Err(ReadError::NotText));
        assert_eq!(read(&vec![b'a'; MAX_BYTES + 1]), Err(ReadError::TooLarge));
    }
}
