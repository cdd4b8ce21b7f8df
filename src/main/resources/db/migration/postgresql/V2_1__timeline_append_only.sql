-- The timeline is the legal record of a case: rows are added, never changed or removed.
CREATE FUNCTION refuse_timeline_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'case_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER case_event_append_only
    BEFORE UPDATE OR DELETE ON case_event
    FOR EACH ROW EXECUTE FUNCTION refuse_timeline_change();

CREATE TRIGGER case_event_no_truncate
    BEFORE TRUNCATE ON case_event
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_timeline_change();
