//! Recurring events: the part of RFC 5545's RRULE that a Comune's agenda needs (every
//! n days, every n weeks on given weekdays, every n months on a day of the month or
//! on the first…fourth or last weekday), always with an end (`UNTIL`, at most two
//! years after the first occurrence), and days skipped (`EXDATE`). Rules are kept
//! as RRULE text, so calendars get them as they are; occurrences are expanded here
//! in Rome's local time, so a 21:00 concert stays at 21:00 across summer time.

use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveDateTime, TimeZone, Utc, Weekday};
use chrono_tz::Europe::Rome;
use serde::{Deserialize, Serialize};

/// How far a rule may reach after its first occurrence.
pub const MAX_DAYS: u64 = 731;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Freq {
    Daily,
    Weekly,
    Monthly,
}

/// Which day of the month a monthly rule falls on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MonthDay {
    /// The first occurrence's day of the month (the 15th).
    Date,
    /// The nth weekday (1 to 4), or the last one (-1): "the second Saturday".
    Nth(i8, Weekday),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rule {
    pub freq: Freq,
    pub interval: u32,
    /// Weekly rules: the weekdays (none: the first occurrence's).
    pub weekdays: Vec<Weekday>,
    pub month_day: MonthDay,
    /// The last day an occurrence may start on (Rome's calendar).
    pub until: NaiveDate,
}

const CODES: [(Weekday, &str); 7] = [
    (Weekday::Mon, "MO"),
    (Weekday::Tue, "TU"),
    (Weekday::Wed, "WE"),
    (Weekday::Thu, "TH"),
    (Weekday::Fri, "FR"),
    (Weekday::Sat, "SA"),
    (Weekday::Sun, "SU"),
];

pub fn weekday_code(day: Weekday) -> &'static str {
    CODES
        .iter()
        .find(|(d, _)| *d == day)
        .map_or("MO", |(_, c)| c)
}

pub fn weekday_of(code: &str) -> Option<Weekday> {
    CODES.iter().find(|(_, c)| *c == code).map(|(d, _)| *d)
}

/// The last moment of `day` in Rome, in UTC, as `UNTIL` must be written.
fn end_of_day(day: NaiveDate) -> DateTime<Utc> {
    let last = day.and_hms_opt(23, 59, 59).unwrap_or_default();
    Rome.from_local_datetime(&last)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|| Utc.from_utc_datetime(&last))
}

impl Rule {
    /// The rule as an RRULE value.
    pub fn to_rrule(&self) -> String {
        let freq = match self.freq {
            Freq::Daily => "DAILY",
            Freq::Weekly => "WEEKLY",
            Freq::Monthly => "MONTHLY",
        };
        let mut out = format!("FREQ={freq};INTERVAL={}", self.interval);
        match (self.freq, self.month_day) {
            (Freq::Weekly, _) if !self.weekdays.is_empty() => {
                let days: Vec<&str> = self.weekdays.iter().map(|d| weekday_code(*d)).collect();
                out.push_str(&format!(";BYDAY={}", days.join(",")));
            }
            (Freq::Monthly, MonthDay::Nth(n, day)) => {
                out.push_str(&format!(";BYDAY={n}{}", weekday_code(day)));
            }
            _ => {}
        }
        out.push_str(&format!(
            ";UNTIL={}",
            end_of_day(self.until).format("%Y%m%dT%H%M%SZ")
        ));
        out
    }

    /// A rule this module wrote (or one of the same shape); None for anything else.
    pub fn parse(rrule: &str) -> Option<Rule> {
        let mut rule = Rule {
            freq: Freq::Daily,
            interval: 1,
            weekdays: Vec::new(),
            month_day: MonthDay::Date,
            until: NaiveDate::MIN,
        };
        let mut by_day = None;
        for part in rrule.trim().split(';') {
            let (key, value) = part.split_once('=')?;
            match key {
                "FREQ" => {
                    rule.freq = match value {
                        "DAILY" => Freq::Daily,
                        "WEEKLY" => Freq::Weekly,
                        "MONTHLY" => Freq::Monthly,
                        _ => return None,
                    }
                }
                "INTERVAL" => {
                    rule.interval = value.parse().ok().filter(|i| (1..=52).contains(i))?
                }
                "BYDAY" => by_day = Some(value.to_string()),
                "UNTIL" => {
                    let at = NaiveDateTime::parse_from_str(value, "%Y%m%dT%H%M%SZ").ok()?;
                    rule.until = Utc.from_utc_datetime(&at).with_timezone(&Rome).date_naive();
                }
                _ => return None,
            }
        }
        if rule.until == NaiveDate::MIN {
            return None;
        }
        match (rule.freq, by_day) {
            (_, None) => {}
            (Freq::Weekly, Some(days)) => {
                rule.weekdays = days.split(',').map(weekday_of).collect::<Option<_>>()?;
            }
            (Freq::Monthly, Some(day)) => {
                let split = day.len().checked_sub(2)?;
                let n: i8 = day.get(..split)?.parse().ok()?;
                if !(1..=4).contains(&n) && n != -1 {
                    return None;
                }
                rule.month_day = MonthDay::Nth(n, weekday_of(day.get(split..)?)?);
            }
            _ => return None,
        }
        Some(rule)
    }

    /// Whether an occurrence may start on `day`, for a series that starts on `first`.
    fn falls_on(&self, first: NaiveDate, day: NaiveDate) -> bool {
        let every = i64::from(self.interval.max(1));
        match self.freq {
            Freq::Daily => (day - first).num_days() % every == 0,
            Freq::Weekly => {
                let weeks = (monday(day) - monday(first)).num_days() / 7;
                let on = if self.weekdays.is_empty() {
                    day.weekday() == first.weekday()
                } else {
                    self.weekdays.contains(&day.weekday())
                };
                on && weeks % every == 0
            }
            Freq::Monthly => {
                let months = i64::from(day.year() * 12 + day.month0() as i32)
                    - i64::from(first.year() * 12 + first.month0() as i32);
                let on = match self.month_day {
                    MonthDay::Date => day.day() == first.day(),
                    MonthDay::Nth(n, weekday) => {
                        day.weekday() == weekday && (nth(day) == n || (n == -1 && is_last(day)))
                    }
                };
                on && months % every == 0
            }
        }
    }
}

fn monday(day: NaiveDate) -> NaiveDate {
    day - Days::new(u64::from(day.weekday().num_days_from_monday()))
}

/// Which weekday of its month a day is (1 to 5).
fn nth(day: NaiveDate) -> i8 {
    ((day.day() - 1) / 7 + 1) as i8
}

fn is_last(day: NaiveDate) -> bool {
    day.checked_add_days(Days::new(7))
        .is_none_or(|next| next.month() != day.month())
}

/// Rome's local time as an instant (the hour skipped in spring moves forward one).
pub fn rome(local: NaiveDateTime) -> DateTime<Utc> {
    Rome.from_local_datetime(&local)
        .earliest()
        .or_else(|| {
            Rome.from_local_datetime(&(local + chrono::Duration::hours(1)))
                .earliest()
        })
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|| Utc.from_utc_datetime(&local))
}

/// The occurrences (start, end) of an event that starts at `starts` and lasts until
/// `ends`, repeated by `rule` except on `skipped` days: those that end at or after
/// `from` and start before `to`, at most `limit`. Without a rule, the event itself.
pub fn occurrences(
    starts: DateTime<Utc>,
    ends: DateTime<Utc>,
    rule: Option<&Rule>,
    skipped: &[NaiveDate],
    (from, to): (DateTime<Utc>, DateTime<Utc>),
    limit: usize,
) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
    let overlaps = |s: DateTime<Utc>, e: DateTime<Utc>| e >= from && s < to;
    let Some(rule) = rule else {
        return if overlaps(starts, ends) {
            vec![(starts, ends)]
        } else {
            Vec::new()
        };
    };
    let local = starts.with_timezone(&Rome).naive_local();
    let length = ends - starts;
    let first = local.date();
    let last = rule.until.min(first + Days::new(MAX_DAYS));
    let mut out = Vec::new();
    for day in first.iter_days().take_while(|d| *d <= last) {
        if out.len() >= limit {
            break;
        }
        if skipped.contains(&day) || !rule.falls_on(first, day) {
            continue;
        }
        let s = rome(day.and_time(local.time()));
        if s >= to {
            break;
        }
        if overlaps(s, s + length) {
            out.push((s, s + length));
        }
    }
    out
}

/// The end of the last occurrence (the event's own end without a rule).
pub fn last_end(
    starts: DateTime<Utc>,
    ends: DateTime<Utc>,
    rule: Option<&Rule>,
    skipped: &[NaiveDate],
) -> DateTime<Utc> {
    let all = occurrences(
        starts,
        ends,
        rule,
        skipped,
        (starts, DateTime::<Utc>::MAX_UTC),
        usize::MAX,
    );
    all.last().map_or(ends, |(_, e)| *e)
}

/// Skipped days as stored: `2026-12-24,2026-12-31`.
pub fn parse_days(text: &str) -> Vec<NaiveDate> {
    text.split(',')
        .filter_map(|d| NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rome_at(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
        rome(
            NaiveDate::from_ymd_opt(y, m, d)
                .unwrap()
                .and_hms_opt(h, 0, 0)
                .unwrap(),
        )
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn all(starts: DateTime<Utc>, rule: &Rule, skipped: &[NaiveDate]) -> Vec<DateTime<Utc>> {
        let window = (starts, DateTime::<Utc>::MAX_UTC);
        occurrences(
            starts,
            starts + chrono::Duration::hours(2),
            Some(rule),
            skipped,
            window,
            1000,
        )
        .into_iter()
        .map(|(s, _)| s)
        .collect()
    }

    #[test]
    fn weekly_on_two_days_keeps_the_local_hour_across_summer_time() {
        let rule = Rule {
            freq: Freq::Weekly,
            interval: 1,
            weekdays: vec![Weekday::Tue, Weekday::Thu],
            month_day: MonthDay::Date,
            until: day(2027, 4, 1),
        };
        // Tuesday 23 March 2027, 21:00; summer time starts on Sunday 28 March.
        let got = all(rome_at(2027, 3, 23, 21), &rule, &[day(2027, 3, 25)]);
        assert_eq!(
            got,
            vec![
                rome_at(2027, 3, 23, 21),
                rome_at(2027, 3, 30, 21),
                rome_at(2027, 4, 1, 21)
            ]
        );
        assert_eq!(
            got[0].format("%H").to_string(),
            "20",
            "21:00 CET is 20:00 UTC"
        );
        assert_eq!(
            got[1].format("%H").to_string(),
            "19",
            "21:00 CEST is 19:00 UTC"
        );
    }

    #[test]
    fn monthly_on_the_second_saturday_and_on_the_last_friday() {
        let second_saturday = Rule {
            freq: Freq::Monthly,
            interval: 1,
            weekdays: Vec::new(),
            month_day: MonthDay::Nth(2, Weekday::Sat),
            until: day(2027, 3, 31),
        };
        let got: Vec<NaiveDate> = all(rome_at(2027, 1, 9, 8), &second_saturday, &[])
            .iter()
            .map(|t| t.with_timezone(&Rome).date_naive())
            .collect();
        assert_eq!(
            got,
            vec![day(2027, 1, 9), day(2027, 2, 13), day(2027, 3, 13)]
        );
        let last_friday = Rule {
            month_day: MonthDay::Nth(-1, Weekday::Fri),
            ..second_saturday
        };
        let got: Vec<NaiveDate> = all(rome_at(2027, 1, 29, 8), &last_friday, &[])
            .iter()
            .map(|t| t.with_timezone(&Rome).date_naive())
            .collect();
        assert_eq!(
            got,
            vec![day(2027, 1, 29), day(2027, 2, 26), day(2027, 3, 26)]
        );
    }

    #[test]
    fn every_other_week_and_the_window() {
        let rule = Rule {
            freq: Freq::Weekly,
            interval: 2,
            weekdays: Vec::new(),
            month_day: MonthDay::Date,
            until: day(2027, 12, 31),
        };
        let starts = rome_at(2027, 1, 4, 10);
        let window = (rome_at(2027, 2, 1, 0), rome_at(2027, 3, 1, 0));
        let got = occurrences(
            starts,
            starts + chrono::Duration::hours(1),
            Some(&rule),
            &[],
            window,
            10,
        );
        let days: Vec<u32> = got
            .iter()
            .map(|(s, _)| s.with_timezone(&Rome).day())
            .collect();
        assert_eq!(days, vec![1, 15]);
        assert_eq!(
            last_end(starts, starts, Some(&rule), &[])
                .with_timezone(&Rome)
                .date_naive(),
            day(2027, 12, 20)
        );
    }

    #[test]
    fn rules_read_back_as_written_and_strangers_are_refused() {
        for rule in [
            Rule {
                freq: Freq::Weekly,
                interval: 1,
                weekdays: vec![Weekday::Mon, Weekday::Fri],
                month_day: MonthDay::Date,
                until: day(2027, 6, 30),
            },
            Rule {
                freq: Freq::Monthly,
                interval: 2,
                weekdays: Vec::new(),
                month_day: MonthDay::Nth(-1, Weekday::Sun),
                until: day(2027, 1, 31),
            },
            Rule {
                freq: Freq::Daily,
                interval: 3,
                weekdays: Vec::new(),
                month_day: MonthDay::Date,
                until: day(2026, 12, 31),
            },
        ] {
            let text = rule.to_rrule();
            assert_eq!(Rule::parse(&text), Some(rule), "{text}");
        }
        assert!(
            Rule::to_rrule(&Rule::parse("FREQ=DAILY;UNTIL=20270630T215959Z").unwrap())
                .ends_with("UNTIL=20270630T215959Z")
        );
        for bad in [
            "FREQ=YEARLY;UNTIL=20270101T000000Z",
            "FREQ=DAILY",
            "FREQ=DAILY;COUNT=3",
            "FREQ=MONTHLY;BYDAY=5SA;UNTIL=20270101T000000Z",
            "FREQ=WEEKLY;BYDAY=XX;UNTIL=20270101T000000Z",
        ] {
            assert_eq!(Rule::parse(bad), None, "{bad}");
        }
    }
}
