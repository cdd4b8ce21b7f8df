-- Counters of the whole station tree (issue 16): the report of a scope that holds every station (the county's) reads
-- its groups and its days to close from these, a few hundred rows a year, instead of the stations' counters (~90 k
-- group rows a year of 300 stations) and the period's closed cases (the days to close, whose median and P90 do not
-- add up per station). Kept with the stations' counters, by the same deferred triggers (V90), in the transaction that
-- writes the contact or the case. A station that moves stays in the tree: these need no change then.
--
-- Every closure of a month with the same days to close adds to one row here, whatever its station: the triggers run
-- at the commit, so a transaction waits for another's row only for the length of that other's commit.

-- The stations' indicator_group_month added up over the stations.
CREATE TABLE indicator_tree_group_month (
    month     DATE        NOT NULL,
    dimension VARCHAR(8)  NOT NULL,
    name      VARCHAR(40) NOT NULL,
    received  BIGINT      NOT NULL DEFAULT 0,
    accepted  BIGINT      NOT NULL DEFAULT 0,
    closed    BIGINT      NOT NULL DEFAULT 0,
    CONSTRAINT indicator_tree_group_month_pk PRIMARY KEY (month, dimension, name)
);

-- The closed cases by Beijing month of their final closure and days to close (whole days, DESIGN §3: a few hundred
-- values), those with days to close: the histogram the median and P90 are taken from, exactly.
CREATE TABLE indicator_tree_days (
    month DATE          NOT NULL,
    days  NUMERIC(9, 2) NOT NULL,
    cases BIGINT        NOT NULL DEFAULT 0,
    CONSTRAINT indicator_tree_days_pk PRIMARY KEY (month, days)
);

-- V90's functions with the tree's rows added: a contact's received month by category and channel; a case's accepted
-- and closed months by category and channel, and its days to close.
CREATE OR REPLACE FUNCTION indicator_contact_add(r contact, s INTEGER, received_side BOOLEAN, decision_side BOOLEAN)
    RETURNS VOID LANGUAGE plpgsql AS $$
DECLARE
    counted BIGINT;
BEGIN
    counted := CASE WHEN r.transferred_from_station_id IS NOT NULL
                         AND r.decision IN (SELECT name FROM indicator_term WHERE term = 'transferring')
                    THEN r.transferred_from_station_id ELSE r.station_id END;
    IF received_side THEN
        INSERT INTO indicator_month AS m (station_id, month, received)
        VALUES (counted, indicator_month_of(r.received_at), s)
        ON CONFLICT (station_id, month) DO UPDATE SET received = m.received + EXCLUDED.received;
        INSERT INTO indicator_group_month AS g (station_id, month, dimension, name, received)
        VALUES (counted, indicator_month_of(r.received_at), 'category', COALESCE(r.primary_category, 'OTHER'), s),
               (counted, indicator_month_of(r.received_at), 'channel', r.channel, s)
        ON CONFLICT (month, dimension, station_id, name) DO UPDATE SET received = g.received + EXCLUDED.received;
        INSERT INTO indicator_tree_group_month AS g (month, dimension, name, received)
        VALUES (indicator_month_of(r.received_at), 'category', COALESCE(r.primary_category, 'OTHER'), s),
               (indicator_month_of(r.received_at), 'channel', r.channel, s)
        ON CONFLICT (month, dimension, name) DO UPDATE SET received = g.received + EXCLUDED.received;
    END IF;
    IF decision_side AND r.decided_at IS NOT NULL THEN
        INSERT INTO indicator_month AS m (station_id, month, not_accepted, transferred, consultations)
        VALUES (counted, indicator_month_of(r.decided_at),
                CASE WHEN r.decision IN (SELECT name FROM indicator_term WHERE term = 'notAccepting') THEN s ELSE 0 END,
                CASE WHEN r.decision IN (SELECT name FROM indicator_term WHERE term = 'transferring') THEN s ELSE 0 END,
                CASE WHEN r.decision IN (SELECT name FROM indicator_term WHERE term = 'consulting') THEN s ELSE 0 END)
        ON CONFLICT (station_id, month) DO UPDATE SET not_accepted = m.not_accepted + EXCLUDED.not_accepted,
            transferred = m.transferred + EXCLUDED.transferred, consultations = m.consultations + EXCLUDED.consultations;
    END IF;
END $$;

CREATE OR REPLACE FUNCTION indicator_case_add(r case_file, s INTEGER, acceptance_side BOOLEAN, closure_side BOOLEAN,
                                              cohort_side BOOLEAN, open_side BOOLEAN)
    RETURNS VOID LANGUAGE plpgsql AS $$
DECLARE
    claim BOOLEAN;
BEGIN
    IF acceptance_side THEN
        INSERT INTO indicator_month AS m (station_id, month, accepted, cohort, repeat_visits)
        VALUES (r.accepted_station_id, indicator_month_of(r.accepted_at), s,
                CASE WHEN r.station_id = r.accepted_station_id THEN s ELSE 0 END,
                CASE WHEN r.repeat_of_contact_id IS NOT NULL AND EXISTS (SELECT 1 FROM contact e
                         JOIN case_file ec ON ec.contact_id = e.id WHERE e.id = r.repeat_of_contact_id
                         AND e.received_at >= r.accepted_at - INTERVAL '365' DAY) THEN s ELSE 0 END)
        ON CONFLICT (station_id, month) DO UPDATE SET accepted = m.accepted + EXCLUDED.accepted,
            cohort = m.cohort + EXCLUDED.cohort, repeat_visits = m.repeat_visits + EXCLUDED.repeat_visits;
        INSERT INTO indicator_group_month AS g (station_id, month, dimension, name, accepted)
        VALUES (r.accepted_station_id, indicator_month_of(r.accepted_at), 'category',
                COALESCE(r.primary_category, 'OTHER'), s),
               (r.accepted_station_id, indicator_month_of(r.accepted_at), 'channel', r.channel, s)
        ON CONFLICT (month, dimension, station_id, name) DO UPDATE SET accepted = g.accepted + EXCLUDED.accepted;
        INSERT INTO indicator_tree_group_month AS g (month, dimension, name, accepted)
        VALUES (indicator_month_of(r.accepted_at), 'category', COALESCE(r.primary_category, 'OTHER'), s),
               (indicator_month_of(r.accepted_at), 'channel', r.channel, s)
        ON CONFLICT (month, dimension, name) DO UPDATE SET accepted = g.accepted + EXCLUDED.accepted;
    END IF;
    IF closure_side AND r.closed_at IS NOT NULL THEN
        claim := r.petition_type IN (SELECT name FROM indicator_term WHERE term = 'claim')
            OR r.primary_category IN (SELECT name FROM indicator_term WHERE term = 'dispute');
        INSERT INTO indicator_month AS m (station_id, month, closed, claims_closed, resolved, on_time,
                                          days_counted, days_sum)
        VALUES (r.accepted_station_id, indicator_month_of(r.closed_at), s,
                CASE WHEN claim THEN s ELSE 0 END,
                CASE WHEN claim AND r.closure_reason IN (SELECT name FROM indicator_term WHERE term = 'resolving')
                     THEN s ELSE 0 END,
                CASE WHEN r.closed_at < COALESCE(r.extended_due, r.handling_due) THEN s ELSE 0 END,
                CASE WHEN r.days_to_close IS NOT NULL THEN s ELSE 0 END,
                s * COALESCE(r.days_to_close, 0))
        ON CONFLICT (station_id, month) DO UPDATE SET closed = m.closed + EXCLUDED.closed,
            claims_closed = m.claims_closed + EXCLUDED.claims_closed, resolved = m.resolved + EXCLUDED.resolved,
            on_time = m.on_time + EXCLUDED.on_time, days_counted = m.days_counted + EXCLUDED.days_counted,
            days_sum = m.days_sum + EXCLUDED.days_sum;
        INSERT INTO indicator_group_month AS g (station_id, month, dimension, name, closed)
        VALUES (r.accepted_station_id, indicator_month_of(r.closed_at), 'category',
                COALESCE(r.primary_category, 'OTHER'), s),
               (r.accepted_station_id, indicator_month_of(r.closed_at), 'channel', r.channel, s)
        ON CONFLICT (month, dimension, station_id, name) DO UPDATE SET closed = g.closed + EXCLUDED.closed;
        INSERT INTO indicator_tree_group_month AS g (month, dimension, name, closed)
        VALUES (indicator_month_of(r.closed_at), 'category', COALESCE(r.primary_category, 'OTHER'), s),
               (indicator_month_of(r.closed_at), 'channel', r.channel, s)
        ON CONFLICT (month, dimension, name) DO UPDATE SET closed = g.closed + EXCLUDED.closed;
        IF r.days_to_close IS NOT NULL THEN
            INSERT INTO indicator_tree_days AS d (month, days, cases)
            VALUES (indicator_month_of(r.closed_at), r.days_to_close, s)
            ON CONFLICT (month, days) DO UPDATE SET cases = d.cases + EXCLUDED.cases;
        END IF;
    END IF;
    IF cohort_side THEN
        INSERT INTO indicator_cohort AS k (station_id, accepted_month, closed_month, cases, cohort)
        VALUES (r.accepted_station_id, indicator_month_of(r.accepted_at),
                COALESCE(indicator_month_of(r.closed_at), DATE '9999-12-01'), s,
                CASE WHEN r.station_id = r.accepted_station_id THEN s ELSE 0 END)
        ON CONFLICT (station_id, accepted_month, closed_month) DO UPDATE SET cases = k.cases + EXCLUDED.cases,
            cohort = k.cohort + EXCLUDED.cohort;
    END IF;
    IF open_side AND r.closed_at IS NULL THEN
        INSERT INTO indicator_open AS o (station_id, due_month, cases)
        VALUES (r.accepted_station_id, indicator_month_of(COALESCE(r.extended_due, r.handling_due)), s)
        ON CONFLICT (station_id, due_month) DO UPDATE SET cases = o.cases + EXCLUDED.cases;
    END IF;
END $$;

-- The rebuild (V90's) makes the tree's counters too: the groups from the stations' groups, the days from the cases.
ALTER FUNCTION indicator_counts_rebuild() RENAME TO indicator_station_counts_rebuild;

CREATE FUNCTION indicator_counts_rebuild() RETURNS VOID LANGUAGE plpgsql AS $$
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
END $$;

-- Only the tree's counters here: the stations' are right already.
INSERT INTO indicator_tree_group_month (month, dimension, name, received, accepted, closed)
SELECT g.month, g.dimension, g.name, SUM(g.received), SUM(g.accepted), SUM(g.closed)
FROM indicator_group_month g
GROUP BY g.month, g.dimension, g.name;
INSERT INTO indicator_tree_days (month, days, cases)
SELECT indicator_month_of(c.closed_at), c.days_to_close, COUNT(*)
FROM case_file c WHERE c.closed_at IS NOT NULL AND c.days_to_close IS NOT NULL
GROUP BY 1, 2;
