-- As on PostgreSQL (db/migration/postgresql/V100): a contact's tasks that have no case yet from one index that holds
-- both columns, so that the schemas stay alike.
CREATE INDEX IF NOT EXISTS inbox_task_contact_case_ix ON inbox_task (contact_id, case_number);
DROP INDEX IF EXISTS inbox_task_contact_ix;
