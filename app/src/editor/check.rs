//! Checking what the editor's form sent, field by field as `schema` describes them,
//! then what holds between fields (an event ends after it starts, repeats until a
//! day at most two years on). Pure: the choices come from the caller.

use super::model::EntryKind;
use super::schema::{fields, Spec, Widget, SEATS, WEEKDAYS};
use crate::content::model::NewsKind;
use crate::content::recurrence::{Freq, MonthDay, Rule};
use crate::error::FieldError;
use crate::i18n::{Lang, T};
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc, Weekday};
use std::collections::BTreeMap;

/// The years a date of the site may fall in.
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// Whether a moment falls in [`YEARS`].
pub fn in_years(at: DateTime<Utc>) -> bool {
    YEARS.contains(&at.year())
}

/// The values a choosing field accepts, by `Choices::key`.
pub type Allowed = BTreeMap<&'static str, Vec<String>>;

fn problem(spec: &Spec, problem: T, limit: Option<i64>) -> FieldError {
    FieldError {
        field: spec.input.to_string(),
        problem,
        limit,
    }
}

/// One field's value, trimmed and checked; what it holds afterwards is kept as text.
fn one(spec: &Spec, raw: &str, allowed: &Allowed, errors: &mut Vec<FieldError>) -> String {
    let mut text = raw.replace("\r\n", "\n").trim().to_string();
    if crate::text::is_blank(&text) {
        text.clear();
    }
    if spec.widget == Widget::Check {
        return if text.is_empty() { "" } else { "1" }.to_string();
    }
    if text.is_empty() {
        if spec.required {
            errors.push(problem(spec, T::ValidationRequired, None));
        }
        return text;
    }
    if text.chars().count() > spec.max {
        errors.push(problem(spec, T::ValidationTooLong, Some(spec.max as i64)));
        return text;
    }
    if crate::text::has_control_chars(&text, spec.widget == Widget::Line) {
        errors.push(problem(spec, T::ValidationBadCharacters, None));
        return text;
    }
    let bad = match spec.widget {
        Widget::Url => {
            !(text.starts_with("https://") || text.starts_with("http://"))
                || text.contains(char::is_whitespace)
        }
        Widget::Email => crate::account::model::Email::parse(&text).is_err(),
        Widget::Phone => !is_phone(&text),
        Widget::Moment => !Lang::parse_local_input(&text).is_some_and(in_years),
        Widget::Date => {
            !NaiveDate::parse_from_str(&text, "%Y-%m-%d").is_ok_and(|d| YEARS.contains(&d.year()))
        }
        Widget::Number(min, max) => !text
            .replace(',', ".")
            .parse::<f64>()
            .is_ok_and(|n| n.is_finite() && (min..=max).contains(&n)),
        Widget::Choose(c) => !allowed.get(c.key()).is_some_and(|v| v.contains(&text)),
        _ => false,
    };
    if bad {
        let why = match spec.widget {
            Widget::Url => T::ValidationUrl,
            Widget::Email => T::ValidationEmail,
            Widget::Phone => T::ValidationPhone,
            Widget::Moment => T::SiteEditorBadMoment,
            Widget::Date => T::ValidationDate,
            Widget::Number(..) => T::SiteEditorBadNumber,
            _ => T::SiteEditorBadChoice,
        };
        errors.push(problem(spec, why, None));
    }
    match spec.widget {
        Widget::Number(..) => text.replace(',', "."),
        Widget::Email => text.to_lowercase(),
        _ => text,
    }
}

/// A telephone number as people write it: digits (six at least), spaces, and the
/// signs of a prefix or an extension (`+39 0545 38 500`, `(0545) 38.500/2`).
fn is_phone(text: &str) -> bool {
    text.chars()
        .all(|c| c.is_ascii_digit() || " +./-()".contains(c))
        && text.chars().filter(char::is_ascii_digit).count() >= 6
}

/// Only an office belongs to an area.
fn unit_parent(values: &BTreeMap<String, String>) -> Option<FieldError> {
    let get = |k: &str| values.get(k).map(String::as_str).unwrap_or_default();
    (!get("parent").is_empty() && get("unit_kind") != "office").then(|| {
        problem(
            spec_of(EntryKind::Unit, "parent"),
            T::SiteEditorParentOnlyOffice,
            None,
        )
    })
}

/// A role where the person sits needs its unit, and a unit is named once.
fn seats(values: &BTreeMap<String, String>) -> Vec<FieldError> {
    let get = |k: &str| values.get(k).map(String::as_str).unwrap_or_default();
    let mut seen = Vec::new();
    let mut errors = Vec::new();
    for (unit, role) in SEATS {
        if get(unit).is_empty() {
            if !get(role).is_empty() {
                let spec = spec_of(EntryKind::Person, unit);
                errors.push(problem(spec, T::SiteEditorSeatNeedsUnit, None));
            }
        } else if seen.contains(&get(unit)) {
            let spec = spec_of(EntryKind::Person, unit);
            errors.push(problem(spec, T::SiteEditorSeatTwice, None));
        } else {
            seen.push(get(unit));
        }
    }
    errors
}

/// The form's values checked: the values to keep, or every problem found.
pub fn check(
    kind: EntryKind,
    raw: &BTreeMap<String, String>,
    allowed: &Allowed,
) -> Result<BTreeMap<String, String>, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut values = BTreeMap::new();
    for spec in fields(kind) {
        let raw = raw.get(spec.key).map(String::as_str).unwrap_or_default();
        values.insert(spec.key.to_string(), one(spec, raw, allowed, &mut errors));
    }
    if kind == EntryKind::Event {
        let skipped = values
            .get("skipped")
            .map(String::as_str)
            .unwrap_or_default();
        let bad = skipped
            .split(',')
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .any(|d| {
                !NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok_and(|d| YEARS.contains(&d.year()))
            });
        if bad {
            errors.push(problem(
                spec_of(kind, "skipped"),
                T::SiteEditorBadSkipped,
                None,
            ));
        }
    }
    if kind == EntryKind::News
        && values.get("news_kind").map(String::as_str) != Some(NewsKind::Release.code())
    {
        for key in ["embargo", "to_press"] {
            if values.get(key).is_some_and(|v| !v.is_empty()) {
                errors.push(problem(spec_of(kind, key), T::PressOnlyReleases, None));
            }
        }
    }
    match kind {
        EntryKind::Unit => errors.extend(unit_parent(&values)),
        EntryKind::Person => errors.extend(seats(&values)),
        _ => {}
    }
    if errors.is_empty() && kind == EntryKind::Event {
        if let Err(e) = event_times(&values) {
            errors.push(e);
        }
    }
    if errors.is_empty() {
        Ok(values)
    } else {
        Err(errors)
    }
}

/// A release's embargo: not to be published before this moment.
pub fn embargo(v: &BTreeMap<String, String>) -> Option<DateTime<Utc>> {
    v.get("embargo")
        .and_then(|text| Lang::parse_local_input(text))
        .filter(|at| in_years(*at))
}

fn spec_of(kind: EntryKind, key: &str) -> &'static Spec {
    fields(kind)
        .iter()
        .find(|s| s.key == key)
        .unwrap_or(&fields(kind)[0])
}

/// An event's start, end, rule and skipped days, from checked values.
#[allow(clippy::type_complexity)]
pub fn event_times(
    v: &BTreeMap<String, String>,
) -> Result<(DateTime<Utc>, DateTime<Utc>, Option<Rule>, Vec<NaiveDate>), FieldError> {
    let get = |k: &str| v.get(k).map(String::as_str).unwrap_or_default();
    let at = |k: &str| {
        Lang::parse_local_input(get(k))
            .ok_or_else(|| problem(spec_of(EntryKind::Event, k), T::SiteEditorBadMoment, None))
    };
    let (starts, ends) = (at("starts")?, at("ends")?);
    if ends < starts {
        return Err(problem(
            spec_of(EntryKind::Event, "ends"),
            T::SiteEditorEndsBeforeStarts,
            None,
        ));
    }
    if ends - starts > Duration::days(60) {
        return Err(problem(
            spec_of(EntryKind::Event, "ends"),
            T::SiteEditorTooLong,
            None,
        ));
    }
    let skipped: Vec<NaiveDate> = crate::content::recurrence::parse_days(get("skipped"));
    let freq = match get("repeat") {
        "daily" => Freq::Daily,
        "weekly" => Freq::Weekly,
        "monthly" => Freq::Monthly,
        _ => return Ok((starts, ends, None, Vec::new())),
    };
    let first = Lang::local_date(starts);
    let until_spec = spec_of(EntryKind::Event, "until");
    let until = NaiveDate::parse_from_str(get("until"), "%Y-%m-%d")
        .map_err(|_| problem(until_spec, T::SiteEditorUntilNeeded, None))?;
    if until <= first || until > first + Duration::days(731) {
        return Err(problem(until_spec, T::SiteEditorUntilRange, None));
    }
    let weekdays: Vec<Weekday> = WEEKDAYS
        .iter()
        .filter(|(key, _)| !get(key).is_empty())
        .filter_map(|(_, code)| crate::content::recurrence::weekday_of(code))
        .collect();
    let month_day = match get("month_day") {
        "last" => MonthDay::Nth(-1, first.weekday()),
        "nth" => MonthDay::Nth((first.day0() / 7 + 1).min(4) as i8, first.weekday()),
        _ => MonthDay::Date,
    };
    let rule = Rule {
        freq,
        interval: get("interval")
            .parse::<f64>()
            .map_or(1, |n| n as u32)
            .max(1),
        weekdays: if freq == Freq::Weekly {
            weekdays
        } else {
            Vec::new()
        },
        month_day: if freq == Freq::Monthly {
            month_day
        } else {
            MonthDay::Date
        },
        until,
    };
    Ok((starts, ends, Some(rule), skipped))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn allowed() -> Allowed {
        let mut a = Allowed::new();
        a.insert("news_kind", vec!["notizia".into()]);
        a.insert("topic", vec!["sport".into()]);
        a.insert("category", vec!["sport".into()]);
        a.insert("place", vec!["".into(), "palazzetto".into()]);
        a.insert("repeat", vec!["".into(), "weekly".into()]);
        a.insert("month_day", vec!["date".into()]);
        a
    }

    fn form(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn a_news_item_needs_its_fields_and_a_topic_of_the_vocabulary() {
        let errors = check(EntryKind::News, &form(&[("title", "  ")]), &allowed()).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "f[news_kind]",
                "f[title]",
                "f[summary]",
                "f[body]",
                "f[topic]"
            ]
        );
        let bad = form(&[
            ("news_kind", "notizia"),
            ("title", "Titolo"),
            ("summary", "Breve"),
            ("body", "Testo"),
            ("topic", "astrologia"),
        ]);
        let errors = check(EntryKind::News, &bad, &allowed()).unwrap_err();
        assert_eq!(errors[0].field, "f[topic]");
        assert_eq!(errors[0].problem, T::SiteEditorBadChoice);
        let mut good = bad.clone();
        good.insert("topic".into(), "sport".into());
        good.insert("title".into(), "  Titolo\r\n".into());
        let values = check(EntryKind::News, &good, &allowed()).unwrap();
        assert_eq!(values["title"], "Titolo");
    }

    #[test]
    fn an_event_ends_after_it_starts_and_repeats_until_a_day_within_two_years() {
        let mut f = form(&[
            ("title", "Torneo"),
            ("summary", "Ogni martedì"),
            ("category", "sport"),
            ("topic", "sport"),
            ("starts", "2027-01-05T18:00"),
            ("ends", "2027-01-05T17:00"),
        ]);
        let errors = check(EntryKind::Event, &f, &allowed()).unwrap_err();
        assert_eq!(errors[0].problem, T::SiteEditorEndsBeforeStarts);
        f.insert("ends".into(), "2027-01-05T20:00".into());
        f.insert("repeat".into(), "weekly".into());
        let errors = check(EntryKind::Event, &f, &allowed()).unwrap_err();
        assert_eq!(errors[0].problem, T::SiteEditorUntilNeeded);
        f.insert("until".into(), "2030-01-01".into());
        let errors = check(EntryKind::Event, &f, &allowed()).unwrap_err();
        assert_eq!(errors[0].problem, T::SiteEditorUntilRange);
        f.insert("until".into(), "2027-03-30".into());
        f.insert("wd_tu".into(), "1".into());
        f.insert("wd_th".into(), "on".into());
        let values = check(EntryKind::Event, &f, &allowed()).unwrap();
        assert_eq!(values["wd_th"], "1");
        let (_, _, rule, _) = event_times(&values).unwrap();
        let rule = rule.unwrap();
        assert_eq!(rule.weekdays, vec![Weekday::Tue, Weekday::Thu]);
        assert!(rule
            .to_rrule()
            .starts_with("FREQ=WEEKLY;INTERVAL=1;BYDAY=TU,TH;UNTIL=2027033"));
    }

    #[test]
    fn dates_stay_within_the_years_of_a_site_and_skipped_days_are_dates() {
        let spec = spec_of(EntryKind::Event, "starts");
        let mut errors = Vec::new();
        for text in ["+10000-01-01T00:00", "0001-01-01T00:00", "1999-12-31T10:00"] {
            one(spec, text, &allowed(), &mut errors);
        }
        assert_eq!(errors.len(), 3, "{errors:?}");
        let mut f = form(&[
            ("title", "Torneo"),
            ("summary", "Una volta"),
            ("category", "sport"),
            ("topic", "sport"),
            ("starts", "2027-01-05T18:00"),
            ("ends", "2027-01-05T20:00"),
            ("skipped", "2027-01-06, junk"),
        ]);
        let errors = check(EntryKind::Event, &f, &allowed()).unwrap_err();
        assert_eq!(errors[0].problem, T::SiteEditorBadSkipped);
        f.insert("skipped".into(), "2027-01-06, 2027-01-13".into());
        assert!(check(EntryKind::Event, &f, &allowed()).is_ok());
    }

    #[test]
    fn numbers_take_a_comma_and_stay_in_range() {
        let spec = spec_of(EntryKind::Place, "lat");
        let mut errors = Vec::new();
        assert_eq!(one(spec, "44,41", &allowed(), &mut errors), "44.41");
        assert!(errors.is_empty());
        one(spec, "91", &allowed(), &mut errors);
        one(spec, "NaN", &allowed(), &mut errors);
        assert_eq!(errors.len(), 2);
    }
}
