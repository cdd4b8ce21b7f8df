-- The timeline is the legal record of a case: rows are added, never changed or removed.
CREATE TRIGGER case_event_append_only BEFORE UPDATE, DELETE ON case_event FOR EACH ROW
    CALL 'org.weiquan.infrastructure.AppendOnlyTrigger';
