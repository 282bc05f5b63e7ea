"""Reads what an ente's site publishes with independent parsers, and says what they
saw as JSON on stdout (server/tests/site_feeds.rs compares it with the database).

Usage: read_feeds.py DIR FROM TO, where DIR holds news.atom, news.rss, agenda.ics
and places.geojson, and FROM and TO (RFC 3339) bound the occurrences to expand from
the agenda's rules. Exits non-zero when a parser refuses a file.
"""

import json
import pathlib
import sys
from datetime import datetime, timezone

import feedparser
import geojson
import icalendar
import recurring_ical_events


def feed(path, version):
    parsed = feedparser.parse(path.read_bytes())
    if parsed.bozo:
        sys.exit(f"{path.name}: not well formed: {parsed.bozo_exception}")
    if parsed.version != version:
        sys.exit(f"{path.name}: read as {parsed.version!r}, not {version!r}")
    for entry in parsed.entries:
        if not (entry.get("title") and entry.get("link") and entry.get("published_parsed")):
            sys.exit(f"{path.name}: an entry without title, link or date: {entry}")
    return {
        "title": parsed.feed.get("title"),
        "links": [e.link for e in parsed.entries],
    }


def utc(moment):
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def calendar(path, start, end):
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    zones = [str(z.get("TZID")) for z in cal.walk("VTIMEZONE")]
    events = {}
    for ev in cal.walk("VEVENT"):
        first = ev.decoded("DTSTART")
        last = ev.decoded("DTEND")
        if first.tzinfo is None:
            sys.exit(f"{path.name}: {ev.get('UID')} starts at a floating time")
        events[str(ev.get("UID"))] = {
            "start": utc(first),
            "end": utc(last),
            "tzid": ev["DTSTART"].params.get("TZID"),
            "summary": str(ev.get("SUMMARY")),
        }
    occurrences = sorted(
        [str(o.get("UID")), utc(o.decoded("DTSTART"))]
        for o in recurring_ical_events.of(cal).between(start, end)
    )
    return {"zones": zones, "events": events, "occurrences": occurrences}


def places(path):
    collection = geojson.loads(path.read_text(encoding="utf-8"))
    if not collection.is_valid:
        sys.exit(f"{path.name}: invalid GeoJSON: {collection.errors()}")
    if "crs" in collection:
        sys.exit(f"{path.name}: RFC 7946 has no crs member")
    return {
        str(f["id"]): f["geometry"]["coordinates"]
        for f in collection["features"]
    }


def main():
    folder = pathlib.Path(sys.argv[1])
    start, end = (datetime.fromisoformat(a) for a in sys.argv[2:4])
    print(json.dumps({
        "atom": feed(folder / "news.atom", "atom10"),
        "rss": feed(folder / "news.rss", "rss20"),
        "agenda": calendar(folder / "agenda.ics", start, end),
        "places": places(folder / "places.geojson"),
    }))


if __name__ == "__main__":
    main()
