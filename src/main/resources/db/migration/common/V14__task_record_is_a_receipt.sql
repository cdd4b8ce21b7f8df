-- After V13 moved what the forms recorded into the case's records, a completed task keeps only its
-- receipt (task, who, when, which record it produced); the case keeps no copies of its rounds' data.
DROP INDEX task_record_key_ix;
DROP INDEX task_record_case_ix;
ALTER TABLE task_record DROP COLUMN data;
ALTER TABLE task_record DROP COLUMN outcome;
CREATE INDEX task_record_case_ix ON task_record (case_id, completed_at);
ALTER TABLE case_file DROP COLUMN extension_reason;
ALTER TABLE case_file DROP COLUMN closure_note;
ALTER TABLE case_file DROP COLUMN closure_requested_at;
