-- The news lists by kind (PostgreSQL). Keep in step with ../sqlite/0031_news_list_index.sql.
--
-- /{ente}/notizie, /comunicati and /avvisi read one kind of an ente's news, newest
-- first, a page at a time: this index serves their order and their count without a
-- sort, however many items the ente has published (measured in bench/REPORT.md).
CREATE INDEX news_ente_kind_published_idx ON news (ente_id, kind, published_at, id);
