-- Issue 16: the engine reads an execution's variables (EXECUTION_ID_ = ? AND TASK_ID_ IS NULL) at every claim and
-- completion. It indexes the two columns apart; PostgreSQL without statistics of ACT_RU_VARIABLE (a new
-- installation, or autovacuum off) combined both, and TASK_ID_'s gave every variable of every open process: 84 ms a
-- read at 1.1 million variables, twice per claim + complete. With one index holding both, the read is the execution's
-- rows whatever the statistics. The same statement on PostgreSQL and H2.
CREATE INDEX IF NOT EXISTS wq_variable_execution_ix ON ACT_RU_VARIABLE (EXECUTION_ID_, TASK_ID_);
