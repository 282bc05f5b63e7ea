-- A consultation's number of answers, kept with it (PostgreSQL).
-- Keep in step with ../sqlite/0022_response_count.sql.

-- Every page of a consultation shows it; counting 100,000 rows each time cost more than
-- the rest of the page. `consultation::repo::insert_response` adds one in the answer's
-- own transaction (answers are never deleted one by one).
ALTER TABLE consultation ADD COLUMN response_count BIGINT NOT NULL DEFAULT 0;
UPDATE consultation SET response_count =
    (SELECT COUNT(*) FROM response r WHERE r.consultation_id = consultation.id);
