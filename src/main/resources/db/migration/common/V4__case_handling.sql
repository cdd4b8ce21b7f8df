-- Handling a case: who mediates, its risk, its deadlines, its closure and reopenings.
ALTER TABLE case_file ADD COLUMN mediator VARCHAR(64);
ALTER TABLE case_file ADD COLUMN risk_level VARCHAR(8);
ALTER TABLE case_file ADD COLUMN extended_due TIMESTAMP WITH TIME ZONE;
ALTER TABLE case_file ADD COLUMN extension_reason VARCHAR(1000);
ALTER TABLE case_file ADD COLUMN closure_reason VARCHAR(32);
ALTER TABLE case_file ADD COLUMN closure_note VARCHAR(1000);
ALTER TABLE case_file ADD COLUMN closure_requested_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE case_file ADD COLUMN closed_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE case_file ADD COLUMN closed_by VARCHAR(64);
ALTER TABLE case_file ADD COLUMN reopen_count INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE case_file ADD COLUMN withdrawn_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX case_closed_ix ON case_file (station_id, closed_at);

-- What each completed task recorded: its form (JSON) and, for the indicators, its outcome in a column
-- (risk band, mediation outcome, follow-up result, referral answer ...).
CREATE SEQUENCE task_record_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE task_record (
    id           BIGINT        PRIMARY KEY,
    case_id      BIGINT        NOT NULL REFERENCES case_file (id),
    task_id      VARCHAR(64)   NOT NULL,
    task_key     VARCHAR(64)   NOT NULL,
    outcome      VARCHAR(32),
    completed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    completed_by VARCHAR(64)   NOT NULL,
    data         VARCHAR(8000) NOT NULL,
    CONSTRAINT task_record_task_uk UNIQUE (task_id)
);
CREATE INDEX task_record_case_ix ON task_record (case_id, completed_at);
CREATE INDEX task_record_key_ix ON task_record (task_key, outcome, completed_at);
