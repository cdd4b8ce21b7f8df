-- Follow-up visits counted per station (issue 16): what a report's follow-up figures need, kept by a row trigger as
-- V90's counters are, so that a county year reads a few thousand counter rows instead of the visits of the year.
--
-- Whether a visit is due, done, answered, satisfied or unreachable at a cut-off depends on the cut-off (IndicatorQueries:
-- due once its due day is over or once done; not when cancelled by then). It no longer does once the cut-off's Beijing
-- month is later than the month of its due day, of its visit and of its cancellation (the months it "settles" in):
-- then it is due unless cancelled, and done when visited. So the visits are counted by the station, the month of the
-- closure they follow (closed_on) and the month they settle in; a report takes from here those settled before the
-- cut-off's month and reads the others, few, from the rows (the index below finds them).

INSERT INTO indicator_term (term, name) VALUES
    ('answered', 'NOT_SATISFIED'), ('answered', 'SATISFIED'), ('unanswered', 'UNREACHABLE'),
    ('satisfied', 'SATISFIED');

-- The first Beijing month from whose start on a cut-off sees the visit as it is settled. Built-in functions only
-- (indicator_month_of written out): an index is made of it, and pg_restore builds indexes with an empty search_path,
-- where a call to another function of ours is not found and the restore of a backup fails (BackupRestoreIT).
CREATE FUNCTION indicator_visit_settles(due_on DATE, visited_at TIMESTAMP WITH TIME ZONE,
                                        cancelled_at TIMESTAMP WITH TIME ZONE) RETURNS DATE
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT (GREATEST(due_on - (EXTRACT(DAY FROM due_on)::INTEGER - 1),
                           date_trunc('month', visited_at AT TIME ZONE 'Asia/Shanghai')::date,
                           date_trunc('month', cancelled_at AT TIME ZONE 'Asia/Shanghai')::date)
                  + INTERVAL '1' MONTH)::date $$;

CREATE TABLE indicator_follow_up (
    station_id    BIGINT NOT NULL,
    closed_month  DATE   NOT NULL,
    settles_month DATE   NOT NULL,
    due           BIGINT NOT NULL DEFAULT 0,
    done          BIGINT NOT NULL DEFAULT 0,
    answered      BIGINT NOT NULL DEFAULT 0,
    satisfied     BIGINT NOT NULL DEFAULT 0,
    unreachable   BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT indicator_follow_up_pk PRIMARY KEY (station_id, closed_month, settles_month)
);

-- The visits not yet settled at a cut-off: those settling in its month or later.
CREATE INDEX follow_up_settles_ix ON follow_up_visit
    (indicator_visit_settles(due_on, visited_at, cancelled_at), closed_on, accepted_station_id);

CREATE FUNCTION indicator_visit_add(r follow_up_visit, s INTEGER) RETURNS VOID LANGUAGE plpgsql AS $$
DECLARE
    due BOOLEAN;
    done BOOLEAN;
BEGIN
    due := r.cancelled_at IS NULL;
    done := due AND r.visited_at IS NOT NULL;
    INSERT INTO indicator_follow_up AS u (station_id, closed_month, settles_month, due, done, answered, satisfied,
                                          unreachable)
    VALUES (r.accepted_station_id, r.closed_on - (EXTRACT(DAY FROM r.closed_on)::INTEGER - 1),
            indicator_visit_settles(r.due_on, r.visited_at, r.cancelled_at),
            CASE WHEN due THEN s ELSE 0 END, CASE WHEN done THEN s ELSE 0 END,
            CASE WHEN done AND r.result IN (SELECT name FROM indicator_term WHERE term = 'answered') THEN s ELSE 0 END,
            CASE WHEN done AND r.result IN (SELECT name FROM indicator_term WHERE term = 'satisfied') THEN s ELSE 0 END,
            CASE WHEN done AND r.result IN (SELECT name FROM indicator_term WHERE term = 'unanswered') THEN s ELSE 0 END)
    ON CONFLICT (station_id, closed_month, settles_month) DO UPDATE SET due = u.due + EXCLUDED.due,
        done = u.done + EXCLUDED.done, answered = u.answered + EXCLUDED.answered,
        satisfied = u.satisfied + EXCLUDED.satisfied, unreachable = u.unreachable + EXCLUDED.unreachable;
END $$;

CREATE FUNCTION indicator_visit_counts() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM indicator_visit_add(OLD, -1);
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        PERFORM indicator_visit_add(NEW, 1);
    END IF;
    RETURN NULL;
END $$;

-- Deferred to the commit, as V90's.
CREATE CONSTRAINT TRIGGER indicator_visit_counts AFTER INSERT OR DELETE OR UPDATE OF accepted_station_id, closed_on,
    due_on, visited_at, result, cancelled_at ON follow_up_visit DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    EXECUTE FUNCTION indicator_visit_counts();

CREATE FUNCTION indicator_visit_counts_rebuild() RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
    LOCK TABLE indicator_follow_up IN EXCLUSIVE MODE;
    DELETE FROM indicator_follow_up;
    INSERT INTO indicator_follow_up (station_id, closed_month, settles_month, due, done, answered, satisfied,
                                     unreachable)
    SELECT v.accepted_station_id, v.closed_on - (EXTRACT(DAY FROM v.closed_on)::INTEGER - 1),
           indicator_visit_settles(v.due_on, v.visited_at, v.cancelled_at),
           COUNT(*) FILTER (WHERE v.cancelled_at IS NULL),
           COUNT(*) FILTER (WHERE v.cancelled_at IS NULL AND v.visited_at IS NOT NULL),
           COUNT(*) FILTER (WHERE v.cancelled_at IS NULL AND v.visited_at IS NOT NULL
                            AND v.result IN (SELECT name FROM indicator_term WHERE term = 'answered')),
           COUNT(*) FILTER (WHERE v.cancelled_at IS NULL AND v.visited_at IS NOT NULL
                            AND v.result IN (SELECT name FROM indicator_term WHERE term = 'satisfied')),
           COUNT(*) FILTER (WHERE v.cancelled_at IS NULL AND v.visited_at IS NOT NULL
                            AND v.result IN (SELECT name FROM indicator_term WHERE term = 'unanswered'))
    FROM follow_up_visit v
    GROUP BY 1, 2, 3;
END $$;

-- The rebuild (V90's, V95's) makes these too.
CREATE OR REPLACE FUNCTION indicator_counts_rebuild() RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
    PERFORM indicator_station_counts_rebuild();
    LOCK TABLE indicator_tree_group_month, indicator_tree_days IN EXCLUSIVE MODE;
    DELETE FROM indicator_tree_group_month;
    DELETE FROM indicator_tree_days;
    INSERT INTO indicator_tree_group_month (month, dimension, name, received, accepted, closed)
    SELECT g.month, g.dimension, g.name, SUM(g.received), SUM(g.accepted), SUM(g.closed)
    FROM indicator_group_month g
    GROUP BY g.month, g.dimension, g.name;
    INSERT INTO indicator_tree_days (month, days, cases)
    SELECT indicator_month_of(c.closed_at), c.days_to_close, COUNT(*)
    FROM case_file c WHERE c.closed_at IS NOT NULL AND c.days_to_close IS NOT NULL
    GROUP BY 1, 2;
    PERFORM indicator_visit_counts_rebuild();
END $$;

SELECT indicator_visit_counts_rebuild();

-- The statistics of the new index's expression, without which the planner guesses that a third of the visits are
-- not settled and reads them all.
ANALYZE follow_up_visit;
