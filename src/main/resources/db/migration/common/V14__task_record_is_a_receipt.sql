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

-- Notes written on chases, reminders and warnings (督办, 提醒): what was done about them.
CREATE SEQUENCE task_note_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE task_note (
    id          BIGINT        PRIMARY KEY,
    contact_id  BIGINT        NOT NULL REFERENCES contact (id),
    case_id     BIGINT        REFERENCES case_file (id),
    task_key    VARCHAR(64)   NOT NULL,
    note        VARCHAR(2000) NOT NULL,
    written_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    written_by  VARCHAR(64)   NOT NULL
);
CREATE INDEX task_note_contact_ix ON task_note (contact_id, written_at);
