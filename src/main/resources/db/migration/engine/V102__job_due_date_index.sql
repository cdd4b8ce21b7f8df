-- Issue 16: every node's job executor asks for the jobs that are due (RES.DUEDATE_ IS NULL OR RES.DUEDATE_ <= now)
-- every few seconds when idle and after every job it runs. The engine has no index on the due date, so each
-- acquisition read every job: one timer per open case and contact, 94 ms at 161,000 timers, growing with them; and
-- the handling deadlines of a day's contacts fall due together at midnight, three jobs an acquisition. With the
-- index an acquisition reads the due jobs only (0.14 ms). The same statement on PostgreSQL and H2.
CREATE INDEX IF NOT EXISTS wq_job_due_ix ON ACT_RU_JOB (DUEDATE_);
