-- Issue 16: the inbox read from a table of Weiquan's own, one row per open user task, instead of the engine's task,
-- variable and identity-link tables joined with the case, the contact and the station at every page. The engine's
-- task listeners (workflow.engine.InboxRows) write it in the same transaction as the task changes: created,
-- claimed, assigned, delegated, due date moved, completed, deleted with its process. What lives in Weiquan's own
-- tables — where the case (or, before there is a case, the contact) lies now, the case's risk — is copied by the
-- triggers below (org.weiquan.infrastructure.InboxTrigger) whenever it changes, in the same transaction, whichever order the engine and the case tables are
-- written in. The rows are filled for the tasks already open by the engine migration V94 (after the engine has
-- made its tables). The same table on PostgreSQL in db/migration/postgresql/V93.
CREATE TABLE inbox_task (
    task_id             VARCHAR(64)   PRIMARY KEY,
    process_instance_id VARCHAR(64)   NOT NULL,
    task_key            VARCHAR(255)  NOT NULL,
    name                VARCHAR(255),
    business_key        VARCHAR(255),
    -- the task's process instance's variables caseNumber, contactId, referralKey, overdue and riskLevel, which are
    -- set before its tasks are created and not changed afterwards (riskLevel: see risk_rank)
    case_number         VARCHAR(48),
    contact_id          BIGINT,
    referral_key        VARCHAR(255),
    overdue             VARCHAR(64),
    process_risk        VARCHAR(16),
    -- the inbox's risk order: the case's risk level, else the process's; HIGH 0, MEDIUM 1, LOW 2, none 3
    risk_rank           SMALLINT      NOT NULL DEFAULT 3,
    assignee            VARCHAR(255),
    -- the candidate groups (station:<code>:<role>) in their order, the first three in the row itself: a station's or
    -- a supervisor's inbox (hundreds of groups) is then one table's filter, not a join (a task of today's models has
    -- one to three); a fourth and more in inbox_task_more_group
    group_1             VARCHAR(255),
    group_2             VARCHAR(255),
    group_3             VARCHAR(255),
    more_groups         BOOLEAN       DEFAULT FALSE NOT NULL,
    due_date            TIMESTAMP,
    created             TIMESTAMP     NOT NULL,
    -- where the case (or the contact) lies now; no row in the inbox while it is not known (a case being accepted)
    station_id          BIGINT,
    -- H2 compares strings by their characters: a scope (a path prefix) is a range of the index
    station_path        VARCHAR(1000)
);

-- the fourth and later candidate groups of a task (none in today's models)
CREATE TABLE inbox_task_more_group (
    task_id  VARCHAR(64)  NOT NULL,
    group_id VARCHAR(255) NOT NULL,
    PRIMARY KEY (task_id, group_id)
);
CREATE INDEX inbox_task_more_group_ix ON inbox_task_more_group (group_id);

-- the inbox's orders, walked from the first row: risk then due date (the default), due date; with a scope or a
-- holder the walk skips the rows of others, and a small scope is a range of station_path (a prefix), sorted
CREATE INDEX inbox_task_risk_ix ON inbox_task (risk_rank, due_date, created, task_id);
CREATE INDEX inbox_task_due_ix ON inbox_task (due_date, risk_rank, created, task_id);
CREATE INDEX inbox_task_path_ix ON inbox_task (station_path, risk_rank, due_date, created, task_id);
CREATE INDEX inbox_task_assignee_ix ON inbox_task (assignee, risk_rank, due_date, created, task_id);
-- for the triggers
CREATE INDEX inbox_task_case_ix ON inbox_task (case_number);
CREATE INDEX inbox_task_contact_ix ON inbox_task (contact_id);
CREATE INDEX inbox_task_station_ix ON inbox_task (station_id);

-- a case accepted, moved to another station, its risk assessed; a contact registered or transferred during its
-- review; a station moved in the network: their tasks follow (what PostgreSQL's inbox_follow_* functions do)
CREATE TRIGGER case_file_inbox AFTER INSERT, UPDATE ON case_file FOR EACH ROW
    CALL 'org.weiquan.infrastructure.InboxTrigger';
CREATE TRIGGER contact_inbox AFTER INSERT, UPDATE ON contact FOR EACH ROW
    CALL 'org.weiquan.infrastructure.InboxTrigger';
CREATE TRIGGER station_inbox AFTER UPDATE ON station FOR EACH ROW
    CALL 'org.weiquan.infrastructure.InboxTrigger';
