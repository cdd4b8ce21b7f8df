-- Closure-quality audits: a sample of closed cases drawn with a recorded seed (so the draw can be
-- repeated), each reviewed against a checklist.
CREATE SEQUENCE closure_audit_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE closure_audit (
    id          BIGINT      PRIMARY KEY,
    station_id  BIGINT      NOT NULL REFERENCES station (id),
    period_from DATE        NOT NULL,
    period_to   DATE        NOT NULL,
    seed        BIGINT      NOT NULL,
    sample_size INTEGER     NOT NULL,
    drawn_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    drawn_by    VARCHAR(64) NOT NULL
);

CREATE SEQUENCE closure_audit_item_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE closure_audit_item (
    id                BIGINT        PRIMARY KEY,
    audit_id          BIGINT        NOT NULL REFERENCES closure_audit (id),
    case_id           BIGINT        NOT NULL REFERENCES case_file (id),
    evidence_present  BOOLEAN,
    reason_consistent BOOLEAN,
    follow_up_done    BOOLEAN,
    person_satisfied  BOOLEAN,
    passed            BOOLEAN,
    audit_comment     VARCHAR(1000),
    reviewed_at       TIMESTAMP WITH TIME ZONE,
    reviewed_by       VARCHAR(64),
    version           BIGINT        NOT NULL,
    CONSTRAINT closure_audit_item_uk UNIQUE (audit_id, case_id)
);
CREATE INDEX closure_audit_item_reviewed_ix ON closure_audit_item (reviewed_at);
