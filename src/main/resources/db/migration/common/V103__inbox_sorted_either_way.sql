-- Issue 16, the same on PostgreSQL and H2: the inbox's table can be sorted by risk, due date, case number and station
-- (and, in the API, by creation), either way. V93's indexes hold each order ascending only, with the ties (risk, then
-- due date with none last, then creation) always ascending too; a descending page matches no index, so PostgreSQL
-- read and sorted every task of the scope for its first 50: 30-90 ms at 70,000 open tasks of one station (the
-- station's own column, descending, the slowest), growing with the tasks. One index per descending order, in the
-- page's exact order, and one for creation; each page then reads its 50 rows whatever the scope's size.
CREATE INDEX IF NOT EXISTS inbox_task_risk_desc_ix ON inbox_task (risk_rank DESC, due_date, created, task_id);
CREATE INDEX IF NOT EXISTS inbox_task_due_desc_ix ON inbox_task (due_date DESC NULLS LAST, risk_rank, created, task_id);
CREATE INDEX IF NOT EXISTS inbox_task_case_desc_ix
    ON inbox_task (case_number DESC NULLS LAST, risk_rank, due_date, created, task_id);
CREATE INDEX IF NOT EXISTS inbox_task_path_desc_ix
    ON inbox_task (station_path DESC, risk_rank, due_date, created, task_id);
-- creation is all but unique: either way, the index gives the order and ties are sorted among a few rows
CREATE INDEX IF NOT EXISTS inbox_task_created_ix ON inbox_task (created, task_id);
