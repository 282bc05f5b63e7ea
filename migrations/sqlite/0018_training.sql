-- Training-needs analysis of the social-media team (SQLite): a skills survey per
-- ente made with the questionnaire engine, each member's answers, and the level
-- the ente needs for each skill.
-- Keep in step with ../postgres/0018_training.sql.

-- A survey: its questionnaire (JSON, `questionnaire::Questionnaire`; question `q1`
-- is the skills matrix) and the level required for each skill (JSON: row → level).
CREATE TABLE training_survey (
    id            INTEGER PRIMARY KEY,
    ente_id       INTEGER NOT NULL REFERENCES ente (id) ON DELETE CASCADE,
    questionnaire TEXT NOT NULL,
    required      TEXT NOT NULL DEFAULT '{}',
    created_by    INTEGER REFERENCES account (id) ON DELETE SET NULL,
    created_at    TIMESTAMP NOT NULL
);
CREATE INDEX training_survey_ente_idx ON training_survey (ente_id, id);

-- A member's answers (JSON, `questionnaire::answers::Answers`); answering again
-- replaces them.
CREATE TABLE training_answer (
    survey_id  INTEGER NOT NULL REFERENCES training_survey (id) ON DELETE CASCADE,
    account_id INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    answers    TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (survey_id, account_id)
);
