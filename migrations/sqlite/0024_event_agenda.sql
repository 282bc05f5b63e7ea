-- The events agenda: what an event is about and for whom, what it costs, who organises
-- it and where to register; recurring events; and the end of an event's last occurrence.
-- Keep in step with ../postgres/0024_event_agenda.sql.

-- The topic (from the site's topics), the kind of event (a code: cultura, sport,
-- mercato, incontro, festa, formazione, altro) and the audience, in words.
ALTER TABLE event ADD COLUMN topic TEXT NOT NULL DEFAULT '';
ALTER TABLE event ADD COLUMN category TEXT NOT NULL DEFAULT 'altro';
ALTER TABLE event ADD COLUMN audience TEXT NOT NULL DEFAULT '';
ALTER TABLE event ADD COLUMN price TEXT NOT NULL DEFAULT '';
ALTER TABLE event ADD COLUMN organiser TEXT NOT NULL DEFAULT '';
ALTER TABLE event ADD COLUMN registration_url TEXT NOT NULL DEFAULT '';

-- A recurring event repeats by an RFC 5545 RRULE (empty: it happens once), in Rome's
-- local time from its first occurrence (starts_at, ends_at), except on the days listed
-- (2026-12-24,2026-12-31). last_ends_at is when its last occurrence ends (ends_at
-- for one that happens once), so a period's events are one range query.
ALTER TABLE event ADD COLUMN rrule TEXT NOT NULL DEFAULT '';
ALTER TABLE event ADD COLUMN skipped_days TEXT NOT NULL DEFAULT '';
ALTER TABLE event ADD COLUMN last_ends_at TIMESTAMP;
UPDATE event SET last_ends_at = ends_at;
CREATE INDEX event_ente_last_idx ON event (ente_id, last_ends_at);
