-- The search's facet by topic (SQLite). Keep in step with ../postgres/0030_search_topic.sql.
--
-- Each document of an ente's site carries the slug of its topic in the model's
-- vocabulary (news items, events; a service its first topic), or '' when it has
-- none, so results can be counted and narrowed by topic.
ALTER TABLE search_document ADD COLUMN topic TEXT NOT NULL DEFAULT '';
UPDATE search_document SET topic = COALESCE((SELECT t.slug FROM news n JOIN topic t ON t.id = n.topic_id
                                               WHERE n.id = search_document.ref_id), '')
 WHERE kind = 'news';
UPDATE search_document SET topic = COALESCE((SELECT t.slug FROM event v JOIN topic t ON t.id = v.topic_id
                                               WHERE v.id = search_document.ref_id), '')
 WHERE kind = 'event';
UPDATE search_document SET topic = COALESCE((SELECT MIN(t.slug) FROM service_topic s JOIN topic t ON t.id = s.topic_id
                                               WHERE s.service_id = search_document.ref_id), '')
 WHERE kind = 'service';
CREATE INDEX search_document_topic_idx ON search_document (ente_id, topic);
