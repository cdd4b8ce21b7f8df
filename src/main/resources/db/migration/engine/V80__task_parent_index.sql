-- Issue 16: completing a task looks for its subtasks (ACT_RU_TASK.PARENT_TASK_ID_), which the engine does not
-- index: every completion scanned the whole task table. Run after the engine has created its tables (see
-- DatabaseMigrations.engineTables); the same statement on PostgreSQL and H2.
CREATE INDEX IF NOT EXISTS wq_task_parent_ix ON ACT_RU_TASK (PARENT_TASK_ID_);
