-- As on PostgreSQL (db/migration/postgresql/V103): an index for each descending order of the inbox's page and one for
-- creation, so that the schemas stay alike.
CREATE INDEX IF NOT EXISTS inbox_task_risk_desc_ix ON inbox_task (risk_rank DESC, due_date, created, task_id);
CREATE INDEX IF NOT EXISTS inbox_task_due_desc_ix ON inbox_task (due_date DESC NULLS LAST, risk_rank, created, task_id);
CREATE INDEX IF NOT EXISTS inbox_task_case_desc_ix
    ON inbox_task (case_number DESC NULLS LAST, risk_rank, due_date, created, task_id);
CREATE INDEX IF NOT EXISTS inbox_task_path_desc_ix
    ON inbox_task (station_path DESC, risk_rank, due_date, created, task_id);
CREATE INDEX IF NOT EXISTS inbox_task_created_ix ON inbox_task (created, task_id);
