-- Indicator counters (issue 16): the report's additive figures kept per accepted station and Beijing month, so that a
-- county year reads a few thousand counter rows instead of every case of the year. Kept by row triggers in the
-- transaction that writes the contact, the case or the mediation session, whichever path writes it (the services,
-- the ledger import, a repair in psql); back-filled here from the rows that exist. PostgreSQL only: on H2 the
-- report computes every figure from the case tables (IndicatorQueries says which it uses).
--
-- The trigger functions are plpgsql with static statements only: plpgsql prepares and keeps their plans per
-- connection. (Statements built with EXECUTE format(...) are planned again on every call, which made closing a case
-- 4 to 14 times dearer in an earlier attempt.)
--
-- The triggers are deferred to the commit: a transaction adds to a counter row (and locks it) only as it commits,
-- so that two transactions registering at the same station in the same month wait for each other's counter row
-- for the length of a commit, not for the rest of the other's work (the engine's, the timeline's).

-- The words of the domain the counts compare with, as IndicatorVocabulary holds them (IndicatorCountersTest checks
-- that the two agree: a new constant needs a migration here and a rebuild of the counters).
CREATE TABLE indicator_term (
    term VARCHAR(16) NOT NULL,
    name VARCHAR(40) NOT NULL,
    CONSTRAINT indicator_term_pk PRIMARY KEY (term, name)
);
INSERT INTO indicator_term (term, name) VALUES
    ('claim', 'CLAIM'),
    ('dispute', 'CHILD_CUSTODY_SUPPORT'), ('dispute', 'DIVORCE_PROPERTY'), ('dispute', 'ELDER_SUPPORT'),
    ('dispute', 'EMPLOYMENT_DISCRIMINATION'), ('dispute', 'INHERITANCE'), ('dispute', 'MARRIAGE_DISPUTE'),
    ('dispute', 'RURAL_LAND_RIGHTS'),
    ('resolving', 'CLAIM_SUPPORTED'), ('resolving', 'MEDIATED_ORAL'), ('resolving', 'MEDIATED_WRITTEN'),
    ('concluding', 'ORAL_AGREEMENT'), ('concluding', 'REFUSED'), ('concluding', 'TERMINATED'),
    ('concluding', 'WRITTEN_AGREEMENT'),
    ('agreement', 'ORAL_AGREEMENT'), ('agreement', 'WRITTEN_AGREEMENT'),
    ('notAccepting', 'NOT_ACCEPTED'), ('transferring', 'TRANSFERRED'), ('consulting', 'CONSULTATION_ANSWERED'),
    ('approving', 'APPROVED');

-- Per station and month: contacts by the station they count to (received by the month received, decisions by the
-- month decided), cases by the station that accepted them (accepted by the month of acceptance, closed by the month
-- of the final closure), mediations concluded by the month of the session, closures approved by the month of the
-- approval (every approval: the report takes off those of a case approved twice in its period, found through the
-- reopenings, which are few).
CREATE TABLE indicator_month (
    station_id           BIGINT        NOT NULL,
    month                DATE          NOT NULL,
    received             BIGINT        NOT NULL DEFAULT 0,
    not_accepted         BIGINT        NOT NULL DEFAULT 0,
    transferred          BIGINT        NOT NULL DEFAULT 0,
    consultations        BIGINT        NOT NULL DEFAULT 0,
    accepted             BIGINT        NOT NULL DEFAULT 0,
    cohort               BIGINT        NOT NULL DEFAULT 0,
    repeat_visits        BIGINT        NOT NULL DEFAULT 0,
    closed               BIGINT        NOT NULL DEFAULT 0,
    claims_closed        BIGINT        NOT NULL DEFAULT 0,
    resolved             BIGINT        NOT NULL DEFAULT 0,
    on_time              BIGINT        NOT NULL DEFAULT 0,
    days_counted         BIGINT        NOT NULL DEFAULT 0,
    days_sum             NUMERIC(18, 2) NOT NULL DEFAULT 0,
    mediations_concluded BIGINT        NOT NULL DEFAULT 0,
    mediations_agreed    BIGINT        NOT NULL DEFAULT 0,
    closures_approved    BIGINT        NOT NULL DEFAULT 0,
    CONSTRAINT indicator_month_pk PRIMARY KEY (station_id, month)
);

-- The same months by primary category and by channel (dimension 'category' or 'channel'), for the report's groups.
CREATE TABLE indicator_group_month (
    station_id BIGINT      NOT NULL,
    month      DATE        NOT NULL,
    dimension  VARCHAR(8)  NOT NULL,
    name       VARCHAR(40) NOT NULL,
    received   BIGINT      NOT NULL DEFAULT 0,
    accepted   BIGINT      NOT NULL DEFAULT 0,
    closed     BIGINT      NOT NULL DEFAULT 0,
    CONSTRAINT indicator_group_month_pk PRIMARY KEY (month, dimension, station_id, name)
);

-- Cases by accepted station, month of acceptance and month of closure (9999-12-01 while open): what was open at the
-- start of a period, and which of a period's cases were closed by the cut-off.
CREATE TABLE indicator_cohort (
    station_id     BIGINT   NOT NULL,
    accepted_month DATE     NOT NULL,
    closed_month   DATE     NOT NULL,
    cases          BIGINT   NOT NULL DEFAULT 0,
    cohort         BIGINT   NOT NULL DEFAULT 0,
    CONSTRAINT indicator_cohort_pk PRIMARY KEY (station_id, accepted_month, closed_month)
);

-- Cases open now by accepted station and the Beijing month their deadline in force passes in: the overdue cases at a
-- cut-off are those of the months long past, from here, and the few of the last months, from the rows.
CREATE TABLE indicator_open (
    station_id BIGINT NOT NULL,
    due_month  DATE   NOT NULL,
    cases      BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT indicator_open_pk PRIMARY KEY (station_id, due_month)
);

-- The contacts decided in a part of a month the counters do not cover (a period's last, unfinished month).
CREATE INDEX contact_decided_ix ON contact (decided_at);

-- The open cases whose deadline passes in the last months before a cut-off (the overdue count reads them).
CREATE INDEX case_open_due_ix ON case_file ((COALESCE(extended_due, handling_due)))
    INCLUDE (accepted_station_id, accepted_at) WHERE closed_at IS NULL;

CREATE FUNCTION indicator_month_of(at TIMESTAMP WITH TIME ZONE) RETURNS DATE
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT date_trunc('month', at AT TIME ZONE 'Asia/Shanghai')::date $$;

-- ---------------------------------------------------------------- contacts

CREATE FUNCTION indicator_contact_add(r contact, s INTEGER, received_side BOOLEAN, decision_side BOOLEAN)
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

CREATE FUNCTION indicator_contact_counts() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE
    station_moved BOOLEAN;
    received_side BOOLEAN;
    decision_side BOOLEAN;
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM indicator_contact_add(NEW, 1, TRUE, TRUE);
        RETURN NULL;
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM indicator_contact_add(OLD, -1, TRUE, TRUE);
        RETURN NULL;
    END IF;
    -- the station a contact counts to follows its decision (a transfer counts where it came from)
    station_moved := OLD.station_id IS DISTINCT FROM NEW.station_id
        OR OLD.transferred_from_station_id IS DISTINCT FROM NEW.transferred_from_station_id
        OR OLD.decision IS DISTINCT FROM NEW.decision;
    received_side := station_moved OR OLD.received_at IS DISTINCT FROM NEW.received_at
        OR OLD.primary_category IS DISTINCT FROM NEW.primary_category OR OLD.channel IS DISTINCT FROM NEW.channel;
    decision_side := station_moved OR OLD.decided_at IS DISTINCT FROM NEW.decided_at;
    IF received_side OR decision_side THEN
        PERFORM indicator_contact_add(OLD, -1, received_side, decision_side);
        PERFORM indicator_contact_add(NEW, 1, received_side, decision_side);
    END IF;
    RETURN NULL;
END $$;

-- ---------------------------------------------------------------- cases

-- A case's part of the counters, with sign s: by its month of acceptance (acceptance side), by its month of
-- closure (closure side), and in the cohort table.
CREATE FUNCTION indicator_case_add(r case_file, s INTEGER, acceptance_side BOOLEAN, closure_side BOOLEAN,
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

CREATE FUNCTION indicator_case_counts() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE
    acceptance_side BOOLEAN;
    closure_side BOOLEAN;
    cohort_side BOOLEAN;
    open_side BOOLEAN;
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM indicator_case_add(NEW, 1, TRUE, TRUE, TRUE, TRUE);
        RETURN NULL;
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM indicator_case_add(OLD, -1, TRUE, TRUE, TRUE, TRUE);
        RETURN NULL;
    END IF;
    acceptance_side := OLD.accepted_station_id IS DISTINCT FROM NEW.accepted_station_id
        OR OLD.accepted_at IS DISTINCT FROM NEW.accepted_at OR OLD.station_id IS DISTINCT FROM NEW.station_id
        OR OLD.repeat_of_contact_id IS DISTINCT FROM NEW.repeat_of_contact_id
        OR OLD.primary_category IS DISTINCT FROM NEW.primary_category OR OLD.channel IS DISTINCT FROM NEW.channel;
    closure_side := OLD.accepted_station_id IS DISTINCT FROM NEW.accepted_station_id
        OR OLD.closed_at IS DISTINCT FROM NEW.closed_at OR OLD.closure_reason IS DISTINCT FROM NEW.closure_reason
        OR OLD.petition_type IS DISTINCT FROM NEW.petition_type
        OR OLD.primary_category IS DISTINCT FROM NEW.primary_category OR OLD.channel IS DISTINCT FROM NEW.channel
        OR OLD.handling_due IS DISTINCT FROM NEW.handling_due OR OLD.extended_due IS DISTINCT FROM NEW.extended_due
        OR OLD.days_to_close IS DISTINCT FROM NEW.days_to_close;
    cohort_side := OLD.accepted_station_id IS DISTINCT FROM NEW.accepted_station_id
        OR OLD.accepted_at IS DISTINCT FROM NEW.accepted_at OR OLD.station_id IS DISTINCT FROM NEW.station_id
        OR OLD.closed_at IS DISTINCT FROM NEW.closed_at;
    open_side := OLD.accepted_station_id IS DISTINCT FROM NEW.accepted_station_id
        OR (OLD.closed_at IS NULL) <> (NEW.closed_at IS NULL)
        OR OLD.handling_due IS DISTINCT FROM NEW.handling_due OR OLD.extended_due IS DISTINCT FROM NEW.extended_due;
    IF acceptance_side OR closure_side OR cohort_side OR open_side THEN
        PERFORM indicator_case_add(OLD, -1, acceptance_side, closure_side, cohort_side, open_side);
        PERFORM indicator_case_add(NEW, 1, acceptance_side, closure_side, cohort_side, open_side);
    END IF;
    RETURN NULL;
END $$;

-- ---------------------------------------------------------------- mediation sessions

CREATE FUNCTION indicator_session_add(r mediation_session, s INTEGER) RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
    IF r.outcome IN (SELECT name FROM indicator_term WHERE term = 'concluding') THEN
        INSERT INTO indicator_month AS m (station_id, month, mediations_concluded, mediations_agreed)
        VALUES (r.accepted_station_id, indicator_month_of(r.held_at), s,
                CASE WHEN r.outcome IN (SELECT name FROM indicator_term WHERE term = 'agreement') THEN s ELSE 0 END)
        ON CONFLICT (station_id, month) DO UPDATE SET
            mediations_concluded = m.mediations_concluded + EXCLUDED.mediations_concluded,
            mediations_agreed = m.mediations_agreed + EXCLUDED.mediations_agreed;
    END IF;
END $$;

CREATE FUNCTION indicator_session_counts() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM indicator_session_add(OLD, -1);
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        PERFORM indicator_session_add(NEW, 1);
    END IF;
    RETURN NULL;
END $$;

-- ---------------------------------------------------------------- closure requests

CREATE FUNCTION indicator_closure_add(r closure_request, s INTEGER) RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
    IF r.decided_at IS NOT NULL AND r.decision IN (SELECT name FROM indicator_term WHERE term = 'approving') THEN
        INSERT INTO indicator_month AS m (station_id, month, closures_approved)
        VALUES (r.accepted_station_id, indicator_month_of(r.decided_at), s)
        ON CONFLICT (station_id, month) DO UPDATE SET closures_approved = m.closures_approved + EXCLUDED.closures_approved;
    END IF;
END $$;

CREATE FUNCTION indicator_closure_counts() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM indicator_closure_add(OLD, -1);
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        PERFORM indicator_closure_add(NEW, 1);
    END IF;
    RETURN NULL;
END $$;

-- Deferred to the commit (see above). Only the columns a count reads fire the triggers on update; the WHEN of each
-- leaves out updates that set them to what they were (EclipseLink sets only changed columns, a hand-written UPDATE
-- may set more).
CREATE CONSTRAINT TRIGGER indicator_contact_insert_delete AFTER INSERT OR DELETE ON contact
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION indicator_contact_counts();
CREATE CONSTRAINT TRIGGER indicator_contact_update
    AFTER UPDATE OF station_id, transferred_from_station_id, decision, received_at, primary_category, channel,
        decided_at ON contact
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    WHEN (OLD.station_id IS DISTINCT FROM NEW.station_id
          OR OLD.transferred_from_station_id IS DISTINCT FROM NEW.transferred_from_station_id
          OR OLD.decision IS DISTINCT FROM NEW.decision OR OLD.received_at IS DISTINCT FROM NEW.received_at
          OR OLD.primary_category IS DISTINCT FROM NEW.primary_category OR OLD.channel IS DISTINCT FROM NEW.channel
          OR OLD.decided_at IS DISTINCT FROM NEW.decided_at)
    EXECUTE FUNCTION indicator_contact_counts();

CREATE CONSTRAINT TRIGGER indicator_case_insert_delete AFTER INSERT OR DELETE ON case_file
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION indicator_case_counts();
CREATE CONSTRAINT TRIGGER indicator_case_update
    AFTER UPDATE OF accepted_station_id, accepted_at, station_id, repeat_of_contact_id, primary_category, channel,
        closed_at, closure_reason, petition_type, handling_due, extended_due, days_to_close ON case_file
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    WHEN (OLD.accepted_station_id IS DISTINCT FROM NEW.accepted_station_id
          OR OLD.accepted_at IS DISTINCT FROM NEW.accepted_at OR OLD.station_id IS DISTINCT FROM NEW.station_id
          OR OLD.repeat_of_contact_id IS DISTINCT FROM NEW.repeat_of_contact_id
          OR OLD.primary_category IS DISTINCT FROM NEW.primary_category OR OLD.channel IS DISTINCT FROM NEW.channel
          OR OLD.closed_at IS DISTINCT FROM NEW.closed_at OR OLD.closure_reason IS DISTINCT FROM NEW.closure_reason
          OR OLD.petition_type IS DISTINCT FROM NEW.petition_type
          OR OLD.handling_due IS DISTINCT FROM NEW.handling_due OR OLD.extended_due IS DISTINCT FROM NEW.extended_due
          OR OLD.days_to_close IS DISTINCT FROM NEW.days_to_close)
    EXECUTE FUNCTION indicator_case_counts();

CREATE CONSTRAINT TRIGGER indicator_session_counts AFTER INSERT OR DELETE OR UPDATE OF accepted_station_id, held_at,
    outcome ON mediation_session DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION indicator_session_counts();

CREATE CONSTRAINT TRIGGER indicator_closure_counts AFTER INSERT OR DELETE OR UPDATE OF accepted_station_id, decision,
    decided_at ON closure_request DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    EXECUTE FUNCTION indicator_closure_counts();

-- ---------------------------------------------------------------- the counters from the rows

-- Makes the counters again from the rows (here, for the rows that exist; and after a bulk load made with the
-- triggers disabled, or a change of indicator_term). Takes the counter tables' locks until commit.
CREATE FUNCTION indicator_counts_rebuild() RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
    LOCK TABLE indicator_month, indicator_group_month, indicator_cohort, indicator_open IN EXCLUSIVE MODE;
    DELETE FROM indicator_month;
    DELETE FROM indicator_group_month;
    DELETE FROM indicator_cohort;
    DELETE FROM indicator_open;
    INSERT INTO indicator_open (station_id, due_month, cases)
    SELECT c.accepted_station_id, indicator_month_of(COALESCE(c.extended_due, c.handling_due)), COUNT(*)
    FROM case_file c WHERE c.closed_at IS NULL
    GROUP BY 1, 2;
    INSERT INTO indicator_month (station_id, month, received, not_accepted, transferred, consultations, accepted,
        cohort, repeat_visits, closed, claims_closed, resolved, on_time, days_counted, days_sum, mediations_concluded,
        mediations_agreed, closures_approved)
    SELECT station_id, month, SUM(received), SUM(not_accepted), SUM(transferred), SUM(consultations),
           SUM(accepted), SUM(cohort), SUM(repeat_visits), SUM(closed), SUM(claims_closed), SUM(resolved),
           SUM(on_time), SUM(days_counted), SUM(days_sum), SUM(mediations_concluded), SUM(mediations_agreed),
           SUM(closures_approved)
    FROM (
        SELECT k.counted AS station_id, indicator_month_of(k.received_at) AS month, 1 AS received, 0 AS not_accepted,
               0 AS transferred, 0 AS consultations, 0 AS accepted, 0 AS cohort, 0 AS repeat_visits, 0 AS closed,
               0 AS claims_closed, 0 AS resolved, 0 AS on_time, 0 AS days_counted, 0 AS days_sum,
               0 AS mediations_concluded, 0 AS mediations_agreed, 0 AS closures_approved
        FROM contact_counted k
        UNION ALL
        SELECT k.counted, indicator_month_of(k.decided_at), 0,
               CASE WHEN k.decision IN (SELECT name FROM indicator_term WHERE term = 'notAccepting') THEN 1 ELSE 0 END,
               CASE WHEN k.decision IN (SELECT name FROM indicator_term WHERE term = 'transferring') THEN 1 ELSE 0 END,
               CASE WHEN k.decision IN (SELECT name FROM indicator_term WHERE term = 'consulting') THEN 1 ELSE 0 END,
               0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
        FROM contact_counted k WHERE k.decided_at IS NOT NULL
        UNION ALL
        SELECT c.accepted_station_id, indicator_month_of(c.accepted_at), 0, 0, 0, 0, 1,
               CASE WHEN c.station_id = c.accepted_station_id THEN 1 ELSE 0 END,
               CASE WHEN c.repeat_of_contact_id IS NOT NULL AND EXISTS (SELECT 1 FROM contact e
                        JOIN case_file ec ON ec.contact_id = e.id WHERE e.id = c.repeat_of_contact_id
                        AND e.received_at >= c.accepted_at - INTERVAL '365' DAY) THEN 1 ELSE 0 END,
               0, 0, 0, 0, 0, 0, 0, 0, 0
        FROM case_file c
        UNION ALL
        SELECT c.accepted_station_id, indicator_month_of(c.closed_at), 0, 0, 0, 0, 0, 0, 0, 1,
               CASE WHEN x.claim THEN 1 ELSE 0 END,
               CASE WHEN x.claim AND c.closure_reason IN (SELECT name FROM indicator_term WHERE term = 'resolving')
                    THEN 1 ELSE 0 END,
               CASE WHEN c.closed_at < COALESCE(c.extended_due, c.handling_due) THEN 1 ELSE 0 END,
               CASE WHEN c.days_to_close IS NOT NULL THEN 1 ELSE 0 END, COALESCE(c.days_to_close, 0), 0, 0, 0
        FROM case_file c
        CROSS JOIN LATERAL (SELECT c.petition_type IN (SELECT name FROM indicator_term WHERE term = 'claim')
                OR c.primary_category IN (SELECT name FROM indicator_term WHERE term = 'dispute') AS claim) x
        WHERE c.closed_at IS NOT NULL
        UNION ALL
        SELECT m.accepted_station_id, indicator_month_of(m.held_at), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
               CASE WHEN m.outcome IN (SELECT name FROM indicator_term WHERE term = 'agreement') THEN 1 ELSE 0 END, 0
        FROM mediation_session m WHERE m.outcome IN (SELECT name FROM indicator_term WHERE term = 'concluding')
        UNION ALL
        SELECT q.accepted_station_id, indicator_month_of(q.decided_at), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1
        FROM closure_request q WHERE q.decided_at IS NOT NULL
            AND q.decision IN (SELECT name FROM indicator_term WHERE term = 'approving')
    ) e
    GROUP BY station_id, month
    ORDER BY station_id, month;

    INSERT INTO indicator_group_month (station_id, month, dimension, name, received, accepted, closed)
    SELECT station_id, month, dimension, name, SUM(received), SUM(accepted), SUM(closed)
    FROM (
        SELECT k.counted AS station_id, indicator_month_of(k.received_at) AS month, d.dimension, d.name,
               1 AS received, 0 AS accepted, 0 AS closed
        FROM contact_counted k
        CROSS JOIN LATERAL (VALUES ('category', COALESCE(k.primary_category, 'OTHER')), ('channel', k.channel))
            AS d (dimension, name)
        UNION ALL
        SELECT c.accepted_station_id, indicator_month_of(c.accepted_at), d.dimension, d.name, 0, 1, 0
        FROM case_file c
        CROSS JOIN LATERAL (VALUES ('category', COALESCE(c.primary_category, 'OTHER')), ('channel', c.channel))
            AS d (dimension, name)
        UNION ALL
        SELECT c.accepted_station_id, indicator_month_of(c.closed_at), d.dimension, d.name, 0, 0, 1
        FROM case_file c
        CROSS JOIN LATERAL (VALUES ('category', COALESCE(c.primary_category, 'OTHER')), ('channel', c.channel))
            AS d (dimension, name)
        WHERE c.closed_at IS NOT NULL
    ) e
    GROUP BY station_id, month, dimension, name
    -- in the order of the key, months first: a report reads a period's months together (later months are added at
    -- the end as they come)
    ORDER BY month, dimension, station_id, name;

    INSERT INTO indicator_cohort (station_id, accepted_month, closed_month, cases, cohort)
    SELECT c.accepted_station_id, indicator_month_of(c.accepted_at),
           COALESCE(indicator_month_of(c.closed_at), DATE '9999-12-01'), COUNT(*),
           COUNT(*) FILTER (WHERE c.station_id = c.accepted_station_id)
    FROM case_file c
    GROUP BY 1, 2, 3;
END $$;

-- The station a contact counts to, as the report counts it (IndicatorQueries.CONTACTS).
CREATE VIEW contact_counted AS
SELECT CASE WHEN c.transferred_from_station_id IS NOT NULL
                 AND c.decision IN (SELECT name FROM indicator_term WHERE term = 'transferring')
            THEN c.transferred_from_station_id ELSE c.station_id END AS counted,
       c.received_at, c.decided_at, c.decision, c.primary_category, c.channel
FROM contact c;

SELECT indicator_counts_rebuild();
