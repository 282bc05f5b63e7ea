//! Italian first, English second. Texts live in `app/i18n/{it,en}.toml`; the build
//! turns their keys into the [`T`] enum, so a missing key does not compile.

use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};
use chrono_tz::Europe::Rome;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

include!(concat!(env!("OUT_DIR"), "/i18n.rs"));

/// A language of the interface.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    It,
    En,
}

/// The cookie that keeps the language chosen with the header switch.
pub const LANG_COOKIE: &str = "piazza_lang";

/// `Set-Cookie` that remembers a language for a year.
pub fn lang_cookie(lang: Lang) -> String {
    format!(
        "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
        lang.code()
    )
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::It, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::It => "it",
            Lang::En => "en",
        }
    }

    /// The language of a stored code, Italian when it is none we know.
    pub fn of(code: &str) -> Lang {
        Lang::from_code(code).unwrap_or_default()
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "it" => Some(Lang::It),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// Picks the first supported language of an `Accept-Language` header, honouring
    /// q-values; Italian when none is supported.
    pub fn from_accept_language(header: &str) -> Lang {
        let mut choices: Vec<(f32, Lang)> = header
            .split(',')
            .filter_map(|item| {
                let mut parts = item.split(';');
                let tag = parts.next()?.trim();
                let primary = tag.split('-').next()?;
                let lang = Lang::from_code(primary)?;
                let q = parts
                    .find_map(|p| {
                        p.trim()
                            .strip_prefix("q=")
                            .and_then(|v| v.parse::<f32>().ok())
                    })
                    .unwrap_or(1.0);
                Some((q, lang))
            })
            .collect();
        choices.sort_by(|a, b| b.0.total_cmp(&a.0));
        choices.first().map(|c| c.1).unwrap_or_default()
    }

    /// Text of a key in this language.
    pub fn t(self, key: T) -> &'static str {
        key.text(self)
    }

    /// Text of a key with its `{name}` placeholders filled in.
    pub fn tf(self, key: T, values: &[(&str, &str)]) -> String {
        let mut text = key.text(self).to_string();
        for (name, value) in values {
            text = text.replace(&format!("{{{name}}}"), value);
        }
        text
    }

    pub fn month(self, month: u32) -> &'static str {
        const MONTHS: [T; 12] = [
            T::DateMonth1,
            T::DateMonth2,
            T::DateMonth3,
            T::DateMonth4,
            T::DateMonth5,
            T::DateMonth6,
            T::DateMonth7,
            T::DateMonth8,
            T::DateMonth9,
            T::DateMonth10,
            T::DateMonth11,
            T::DateMonth12,
        ];
        let index = (month as usize).clamp(1, 12) - 1;
        self.t(MONTHS[index])
    }

    /// "23 novembre 2026" / "23 November 2026".
    pub fn date(self, date: NaiveDate) -> String {
        format!(
            "{} {} {}",
            date.day(),
            self.month(date.month()),
            date.year()
        )
    }

    /// A short day and month for chart axes: "24 nov" / "24 Nov".
    pub fn day_month(self, date: NaiveDate) -> String {
        let month: String = self.month(date.month()).chars().take(3).collect();
        format!("{} {month}", date.day())
    }

    /// A moment shown in Europe/Rome time: "23 novembre 2026, 15:30".
    pub fn datetime(self, at: DateTime<Utc>) -> String {
        let local = at.with_timezone(&Rome);
        format!(
            "{}, {:02}:{:02}",
            self.date(local.date_naive()),
            local.hour(),
            local.minute()
        )
    }

    /// `YYYY-MM-DDTHH:MM` in Rome time, the value of an `<input type="datetime-local">`.
    pub fn local_input(at: DateTime<Utc>) -> String {
        at.with_timezone(&Rome).format("%Y-%m-%dT%H:%M").to_string()
    }

    /// What a `datetime-local` input sent, read as Rome time (the earlier moment when
    /// the clock goes back; None for a time that does not exist or bad text).
    pub fn parse_local_input(text: &str) -> Option<DateTime<Utc>> {
        let naive = chrono::NaiveDateTime::parse_from_str(text.trim(), "%Y-%m-%dT%H:%M").ok()?;
        naive
            .and_local_timezone(Rome)
            .earliest()
            .map(|t| t.with_timezone(&Utc))
    }

    /// The calendar day of a moment in Europe/Rome.
    pub fn local_date(at: DateTime<Utc>) -> NaiveDate {
        at.with_timezone(&Rome).date_naive()
    }

    /// `hour:minute` of a Rome day, as a moment (None in the hour skipped by summer time).
    pub fn local_moment(day: NaiveDate, time: chrono::NaiveTime) -> Option<DateTime<Utc>> {
        day.and_time(time)
            .and_local_timezone(Rome)
            .earliest()
            .map(|t| t.with_timezone(&Utc))
    }

    /// The first moment of a Rome day.
    pub fn day_start(day: NaiveDate) -> DateTime<Utc> {
        Lang::local_moment(day, chrono::NaiveTime::MIN).unwrap_or_default()
    }

    /// A number to two decimals at most, written the locale's way: 1.234,5 / 1,234.5
    /// (whole numbers without decimals: 76.000 / 76,000).
    pub fn decimal(self, v: f64) -> String {
        let rounded = (v * 100.0).round() / 100.0;
        if rounded.fract() == 0.0 {
            return self.number(rounded as i64);
        }
        let whole = rounded.trunc() as i64;
        let cents = (rounded.abs().fract() * 100.0).round() as i64;
        let sign = if rounded < 0.0 && whole == 0 { "-" } else { "" };
        let sep = match self {
            Lang::It => ',',
            Lang::En => '.',
        };
        format!("{sign}{}{sep}{cents:02}", self.number(whole))
    }

    /// A whole number with the locale's thousands separator: 76.000 / 76,000.
    pub fn number(self, n: i64) -> String {
        let sep = match self {
            Lang::It => '.',
            Lang::En => ',',
        };
        let digits = n.unsigned_abs().to_string();
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(sep);
            }
            out.push(c);
        }
        if n < 0 {
            out.insert(0, '-');
        }
        out
    }
}

/// The language of a request: the language cookie, then `Accept-Language`, then Italian.
#[cfg(feature = "ssr")]
pub fn lang_from_headers(headers: &axum::http::HeaderMap) -> Lang {
    let from_cookie = headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().split_once('='))
        .find(|(name, _)| *name == LANG_COOKIE)
        .and_then(|(_, value)| Lang::from_code(value));
    from_cookie
        .or_else(|| {
            headers
                .get(axum::http::header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .map(Lang::from_accept_language)
        })
        .unwrap_or_default()
}

/// The language of this request: the language cookie, then `Accept-Language`
/// (on the server); the `lang` attribute the server wrote (in the browser).
pub fn detect_lang() -> Lang {
    #[cfg(feature = "ssr")]
    if let Some(parts) = use_context::<axum::http::request::Parts>() {
        return lang_from_headers(&parts.headers);
    }
    #[cfg(feature = "hydrate")]
    {
        if let Some(code) = document()
            .document_element()
            .and_then(|html| html.get_attribute("lang"))
        {
            return Lang::of(&code);
        }
    }
    Lang::default()
}

/// The language of the page being rendered (provided by [`crate::App`]).
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_are_written_the_locales_way() {
        assert_eq!(Lang::It.decimal(1234.5), "1.234,50");
        assert_eq!(Lang::En.decimal(1234.5), "1,234.50");
        assert_eq!(Lang::It.decimal(4.0), "4");
        assert_eq!(Lang::It.decimal(-0.25), "-0,25");
        assert_eq!(Lang::It.decimal(2.005), "2,01");
    }

    #[test]
    fn accept_language_prefers_highest_quality_supported() {
        assert_eq!(
            Lang::from_accept_language("en-GB,en;q=0.9,it;q=0.8"),
            Lang::En
        );
        assert_eq!(
            Lang::from_accept_language("de-DE,it;q=0.5,en;q=0.7"),
            Lang::En
        );
        assert_eq!(Lang::from_accept_language("fr,de"), Lang::It);
        assert_eq!(Lang::from_accept_language(""), Lang::It);
    }

    #[test]
    fn dates_are_shown_in_rome_time() {
        let at =
            DateTime::parse_from_rfc3339("2026-11-23T23:30:00Z").map(|d| d.with_timezone(&Utc));
        let Ok(at) = at else { panic!("bad fixture") };
        assert_eq!(Lang::It.datetime(at), "24 novembre 2026, 00:30");
        assert_eq!(Lang::En.datetime(at), "24 November 2026, 00:30");
    }

    #[test]
    fn datetime_inputs_are_rome_time() {
        let at = Lang::parse_local_input("2026-07-01T09:30");
        assert_eq!(
            at.map(|t| t.to_rfc3339()),
            Some("2026-07-01T07:30:00+00:00".into())
        );
        assert_eq!(at.map(Lang::local_input), Some("2026-07-01T09:30".into()));
        assert_eq!(
            Lang::parse_local_input("2026-03-29T02:30"),
            None,
            "skipped by DST"
        );
        assert_eq!(Lang::parse_local_input("domani"), None);
    }

    #[test]
    fn numbers_use_locale_separators() {
        assert_eq!(Lang::It.number(76000), "76.000");
        assert_eq!(Lang::En.number(730123), "730,123");
        assert_eq!(Lang::It.number(-1234567), "-1.234.567");
        assert_eq!(Lang::It.number(12), "12");
    }

    #[test]
    fn placeholders_are_filled() {
        assert_eq!(
            Lang::It.tf(T::EnteMembersCount, &[("count", "3")]),
            "3 Comuni aderenti"
        );
    }

    /// The build refuses i18n files that disagree; this test proves the check itself by
    /// reading the files again and comparing their key sets.
    #[test]
    fn every_key_exists_in_both_languages() {
        fn keys(text: &str) -> Vec<String> {
            let table: toml::Table = match text.parse() {
                Ok(t) => t,
                Err(e) => panic!("i18n file does not parse: {e}"),
            };
            let mut out = Vec::new();
            fn walk(prefix: &str, t: &toml::Table, out: &mut Vec<String>) {
                for (k, v) in t {
                    let key = if prefix.is_empty() {
                        k.clone()
                    } else {
                        format!("{prefix}.{k}")
                    };
                    match v {
                        toml::Value::Table(inner) => walk(&key, inner, out),
                        _ => out.push(key),
                    }
                }
            }
            walk("", &table, &mut out);
            out.sort();
            out
        }
        let it = keys(include_str!("../i18n/it.toml"));
        let en = keys(include_str!("../i18n/en.toml"));
        assert!(!it.is_empty());
        assert_eq!(it, en);
    }
}
