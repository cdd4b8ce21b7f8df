-- Issue 16: the inbox read from a table of Weiquan's own, one row per open user task, instead of the engine's task,
-- variable and identity-link tables joined with the case, the contact and the station at every page. The engine's
-- task listeners (workflow.engine.InboxRows) write it in the same transaction as the task changes: created,
-- claimed, assigned, delegated, due date moved, completed, deleted with its process. What lives in Weiquan's own
-- tables — where the case (or, before there is a case, the contact) lies now, the case's risk — is copied by the
-- triggers below whenever it changes, in the same transaction, whichever order the engine and the case tables are
-- written in. The rows are filled for the tasks already open by the engine migration V94 (after the engine has
-- made its tables). The same table on H2 in db/migration/h2/V93.
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
    -- byte order, so that a scope (a path prefix) is a range of the index whatever the database's collation
    station_path        VARCHAR(1000) COLLATE "C"
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
-- with what the filters read, so that counting a scope reads this index only (when the visibility map is current)
CREATE INDEX inbox_task_path_ix ON inbox_task (station_path, risk_rank, due_date, created, task_id)
    INCLUDE (assignee, task_key, group_1, group_2, group_3, more_groups);
CREATE INDEX inbox_task_assignee_ix ON inbox_task (assignee, risk_rank, due_date, created, task_id);
-- for the triggers
CREATE INDEX inbox_task_case_ix ON inbox_task (case_number);
CREATE INDEX inbox_task_contact_ix ON inbox_task (contact_id);
CREATE INDEX inbox_task_station_ix ON inbox_task (station_id);

CREATE FUNCTION inbox_risk_rank(level VARCHAR) RETURNS SMALLINT AS $$
    SELECT CAST(CASE level WHEN 'HIGH' THEN 0 WHEN 'MEDIUM' THEN 1 WHEN 'LOW' THEN 2 ELSE 3 END AS SMALLINT)
$$ LANGUAGE sql IMMUTABLE;

-- a case accepted, moved to another station, its risk assessed: its tasks follow
CREATE FUNCTION inbox_follow_case() RETURNS trigger AS $$
BEGIN
    UPDATE inbox_task SET station_id = NEW.station_id,
        station_path = (SELECT s.path FROM station s WHERE s.id = NEW.station_id),
        risk_rank = inbox_risk_rank(COALESCE(NEW.risk_level, process_risk))
    WHERE case_number = NEW.number;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER case_file_inbox_insert AFTER INSERT ON case_file
    FOR EACH ROW EXECUTE FUNCTION inbox_follow_case();
CREATE TRIGGER case_file_inbox_update AFTER UPDATE OF station_id, risk_level ON case_file
    FOR EACH ROW WHEN (OLD.station_id IS DISTINCT FROM NEW.station_id OR OLD.risk_level IS DISTINCT FROM NEW.risk_level)
    EXECUTE FUNCTION inbox_follow_case();

-- a contact registered, or transferred to another station during its review: its review's tasks follow
CREATE FUNCTION inbox_follow_contact() RETURNS trigger AS $$
BEGIN
    UPDATE inbox_task SET station_id = NEW.station_id,
        station_path = (SELECT s.path FROM station s WHERE s.id = NEW.station_id)
    WHERE contact_id = NEW.id AND case_number IS NULL;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER contact_inbox_insert AFTER INSERT ON contact
    FOR EACH ROW EXECUTE FUNCTION inbox_follow_contact();
CREATE TRIGGER contact_inbox_update AFTER UPDATE OF station_id ON contact
    FOR EACH ROW WHEN (OLD.station_id IS DISTINCT FROM NEW.station_id)
    EXECUTE FUNCTION inbox_follow_contact();

-- a station moved in the network (its path and those below it rewritten): the tasks there follow
CREATE FUNCTION inbox_follow_station() RETURNS trigger AS $$
BEGIN
    UPDATE inbox_task SET station_path = NEW.path WHERE station_id = NEW.id;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER station_inbox_update AFTER UPDATE OF path ON station
    FOR EACH ROW WHEN (OLD.path IS DISTINCT FROM NEW.path)
    EXECUTE FUNCTION inbox_follow_station();
