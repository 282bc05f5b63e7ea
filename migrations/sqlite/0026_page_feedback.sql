-- The model's feedback widget: how clear visitors found a page of an ente's site
-- (1 to 5 stars), the follow-up answer (a code: chiare, non-complete…) and a short
-- detail. Nothing says who: no account, no address. Keep in step with
-- ../postgres/0026_page_feedback.sql.
CREATE TABLE page_feedback (
    id         INTEGER PRIMARY KEY,
    ente_id    INTEGER NOT NULL REFERENCES ente (id) ON DELETE CASCADE,
    path       TEXT NOT NULL,
    rating     INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    answer     TEXT NOT NULL DEFAULT '',
    detail     TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX page_feedback_ente_path_idx ON page_feedback (ente_id, path);
