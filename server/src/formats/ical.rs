//! iCalendar (RFC 5545) for every calendar Piazza publishes: an ente's agenda, one
//! event, an editorial plan. Times are written in Europe/Rome local time with the
//! zone's `VTIMEZONE` (so a calendar shows 18:00 as the Comune meant it, summer or
//! winter), text is escaped and long lines folded as the RFC asks.

use chrono::{DateTime, LocalResult, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Europe::Rome;

/// Europe/Rome's rules (EU summer time since 1996), as RFC 5545 §3.6.5 writes them.
const ROME: &[&str] = &[
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Rome",
    "X-LIC-LOCATION:Europe/Rome",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
];

/// An event's state, as `STATUS` names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Tentative,
    Confirmed,
    Cancelled,
}

impl Status {
    fn code(self) -> &'static str {
        match self {
            Status::Tentative => "TENTATIVE",
            Status::Confirmed => "CONFIRMED",
            Status::Cancelled => "CANCELLED",
        }
    }
}

/// One `VEVENT`. Empty texts are left out.
pub struct Event<'a> {
    /// Stable across exports, so that a calendar importing again updates the event.
    pub uid: String,
    /// When it last changed (`DTSTAMP` and `LAST-MODIFIED`).
    pub changed: DateTime<Utc>,
    pub starts: DateTime<Utc>,
    pub ends: DateTime<Utc>,
    pub summary: &'a str,
    pub description: &'a str,
    pub location: &'a str,
    /// Latitude and longitude.
    pub geo: Option<(f64, f64)>,
    pub url: &'a str,
    pub categories: &'a [&'a str],
    pub status: Status,
    /// How it repeats (an RRULE value; empty: once), and the days it does not
    /// (the occurrences' starts, in Rome's local time).
    pub rrule: &'a str,
    pub skipped: &'a [NaiveDateTime],
}

/// A `VCALENDAR` being written.
pub struct Calendar {
    out: String,
}

impl Calendar {
    /// A calendar named `name` (RFC 7986 `NAME`, and `X-WR-CALNAME` for older
    /// clients), which subscribers refresh every hour.
    pub fn new(name: &str, description: &str) -> Calendar {
        let mut cal = Calendar { out: String::new() };
        cal.line("BEGIN", "VCALENDAR");
        cal.line("VERSION", "2.0");
        cal.line("PRODID", "-//Piazza//Piazza 1.0//IT");
        cal.line("CALSCALE", "GREGORIAN");
        cal.line("METHOD", "PUBLISH");
        cal.line("NAME", &text(name));
        cal.line("X-WR-CALNAME", &text(name));
        if !description.is_empty() {
            cal.line("DESCRIPTION", &text(description));
            cal.line("X-WR-CALDESC", &text(description));
        }
        cal.line("X-WR-TIMEZONE", "Europe/Rome");
        cal.line("REFRESH-INTERVAL;VALUE=DURATION", "PT1H");
        cal.line("X-PUBLISHED-TTL", "PT1H");
        for l in ROME {
            cal.raw(l);
        }
        cal
    }

    pub fn event(&mut self, e: &Event<'_>) {
        self.line("BEGIN", "VEVENT");
        self.line("UID", &text(&e.uid));
        self.line("DTSTAMP", &utc(e.changed));
        self.line("LAST-MODIFIED", &utc(e.changed));
        self.time("DTSTART", e.starts);
        self.time("DTEND", e.ends.max(e.starts));
        if !e.rrule.is_empty() {
            self.line("RRULE", e.rrule);
            for day in e.skipped {
                self.line("EXDATE;TZID=Europe/Rome", &stamp(*day));
            }
        }
        self.line("SUMMARY", &text(e.summary));
        for (name, value) in [("DESCRIPTION", e.description), ("LOCATION", e.location)] {
            if !value.trim().is_empty() {
                self.line(name, &text(value));
            }
        }
        if let Some((lat, lon)) = e.geo {
            self.line("GEO", &format!("{lat:.6};{lon:.6}"));
        }
        if !e.url.is_empty() {
            self.line("URL", e.url);
        }
        if !e.categories.is_empty() {
            let list: Vec<String> = e.categories.iter().map(|c| text(c)).collect();
            self.line("CATEGORIES", &list.join(","));
        }
        self.line("STATUS", e.status.code());
        self.line("END", "VEVENT");
    }

    pub fn finish(mut self) -> String {
        self.line("END", "VCALENDAR");
        self.out
    }

    /// A date-time in Rome's local time; in UTC when that local time happens twice
    /// (the hour clocks go back) and this is its second occurrence, which `TZID`
    /// alone would read as the first.
    fn time(&mut self, name: &str, at: DateTime<Utc>) {
        let local = at.with_timezone(&Rome).naive_local();
        if first_occurrence(local) == Some(at) {
            self.line(&format!("{name};TZID=Europe/Rome"), &stamp(local));
        } else {
            self.line(name, &utc(at));
        }
    }

    fn line(&mut self, name: &str, value: &str) {
        self.raw(&format!("{name}:{value}"));
    }

    /// A content line, folded at 75 octets (RFC 5545 §3.1), never inside a character.
    fn raw(&mut self, line: &str) {
        let mut width = 0;
        for c in line.chars() {
            if width + c.len_utf8() > 75 {
                self.out.push_str("\r\n ");
                width = 1;
            }
            self.out.push(c);
            width += c.len_utf8();
        }
        self.out.push_str("\r\n");
    }
}

/// The first instant at which Rome's clocks show `local`.
fn first_occurrence(local: NaiveDateTime) -> Option<DateTime<Utc>> {
    match Rome.from_local_datetime(&local) {
        LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => Some(t.with_timezone(&Utc)),
        LocalResult::None => None,
    }
}

fn stamp(t: NaiveDateTime) -> String {
    t.format("%Y%m%dT%H%M%S").to_string()
}

fn utc(t: DateTime<Utc>) -> String {
    format!("{}Z", stamp(t.naive_utc()))
}

/// A TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and newline escaped.
pub fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// The host of the deployment's public address, for globally unique UIDs.
pub fn uid(kind: &str, id: i64, public_url: &str) -> String {
    let host = match app::state::host_of(public_url) {
        "" => "piazza",
        host => host,
    };
    format!("{kind}-{id}@{host}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Utc)
    }

    fn event(starts: DateTime<Utc>) -> String {
        let mut cal = Calendar::new("Agenda, Lugo", "");
        cal.event(&Event {
            uid: uid("event", 7, "https://www.comune.lugo.example.it:8443/x"),
            changed: at("2026-01-01T00:00:00Z"),
            starts,
            ends: starts + chrono::Duration::hours(2),
            summary: "Concerto; ingresso libero, \\ tutti\nbenvenuti",
            description: "",
            location: "Rocca Estense",
            geo: Some((44.4167, 11.9111)),
            url: "https://example.it/lugo/eventi",
            categories: &["Cultura", "Musica, dal vivo"],
            status: Status::Confirmed,
            rrule: "FREQ=WEEKLY;INTERVAL=1;UNTIL=20270101T225959Z",
            skipped: &[
                NaiveDateTime::parse_from_str("2026-12-24T21:00:00", "%Y-%m-%dT%H:%M:%S").unwrap(),
            ],
        });
        cal.finish()
    }

    #[test]
    fn local_time_with_the_zone_in_summer_and_winter() {
        let summer = event(at("2026-07-10T19:00:00Z"));
        assert!(summer.contains("\r\nDTSTART;TZID=Europe/Rome:20260710T210000\r\n"));
        let winter = event(at("2026-12-10T19:00:00Z"));
        assert!(winter.contains("\r\nDTSTART;TZID=Europe/Rome:20261210T200000\r\n"));
        assert!(winter.contains("\r\nBEGIN:VTIMEZONE\r\nTZID:Europe/Rome\r\n"));
        assert!(winter.contains("\r\nUID:event-7@www.comune.lugo.example.it\r\n"));
        assert!(winter.contains("\r\nDTSTAMP:20260101T000000Z\r\n"));
        assert!(winter.ends_with("END:VEVENT\r\nEND:VCALENDAR\r\n"));
    }

    #[test]
    fn the_repeated_hour_is_written_in_utc() {
        // 25 October 2026: 02:30 happens at 00:30 UTC (CEST) and again at 01:30 UTC (CET).
        let first = event(at("2026-10-25T00:30:00Z"));
        assert!(first.contains("DTSTART;TZID=Europe/Rome:20261025T023000\r\n"));
        let second = event(at("2026-10-25T01:30:00Z"));
        assert!(second.contains("\r\nDTSTART:20261025T013000Z\r\n"));
    }

    #[test]
    fn text_is_escaped() {
        let cal = event(at("2026-07-10T19:00:00Z"));
        assert!(cal.contains("SUMMARY:Concerto\\; ingresso libero\\, \\\\ tutti\\nbenvenuti"));
        assert!(cal.contains("CATEGORIES:Cultura,Musica\\, dal vivo\r\n"));
        assert!(cal.contains("NAME:Agenda\\, Lugo\r\n"));
        assert!(cal.contains("GEO:44.416700;11.911100\r\n"));
        assert!(cal.contains("\r\nRRULE:FREQ=WEEKLY;INTERVAL=1;UNTIL=20270101T225959Z\r\n"));
        assert!(cal.contains("\r\nEXDATE;TZID=Europe/Rome:20261224T210000\r\n"));
    }

    #[test]
    fn long_lines_are_folded_between_characters() {
        let mut cal = Calendar::new("x", "");
        let long = "è".repeat(100);
        cal.line("SUMMARY", &long);
        let out = cal.finish();
        for line in out.split("\r\n") {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        let unfolded = out.replace("\r\n ", "");
        assert!(unfolded.contains(&format!("SUMMARY:{long}\r\n")));
    }
}
