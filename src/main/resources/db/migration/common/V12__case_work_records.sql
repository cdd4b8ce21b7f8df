-- The case's work as records of their own (handling rounds, extensions, closures, follow-up visits,
-- written replies, mediation sessions and agreements, referrals, risk assessments, safety plans,
-- protection orders, mandatory reports), each with its columns and rules, instead of JSON in
-- task_record.data. V13 (Java) fills them from the JSON and the engine's tables; V14 drops the JSON.

-- When a timeline entry was written, beside when the step happened (a ledger's entries are written later).
-- V13 fills it for the entries already there and makes it NOT NULL: the timeline's append-only trigger refuses
-- the UPDATE, and lifting it for that one statement needs each database's own words.
ALTER TABLE case_event ADD COLUMN recorded_at TIMESTAMP WITH TIME ZONE;

CREATE SEQUENCE handling_round_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE handling_round (
    id              BIGINT       PRIMARY KEY,
    case_id         BIGINT       NOT NULL REFERENCES case_file (id),
    round_no        INTEGER      NOT NULL,
    started_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    start_reason    VARCHAR(24)  NOT NULL,
    start_note      VARCHAR(1000),
    due_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    extended_due_at TIMESTAMP WITH TIME ZONE,
    ended_at        TIMESTAMP WITH TIME ZONE,
    recorded_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    recorded_by     VARCHAR(64)  NOT NULL,
    version         BIGINT       DEFAULT 0 NOT NULL,
    CONSTRAINT handling_round_no_uk UNIQUE (case_id, round_no),
    CONSTRAINT handling_round_start_ck CHECK (start_reason IN ('ACCEPTED', 'REOPENED_AFTER_FOLLOW_UP',
        'REOPENED_AFTER_AUDIT', 'REOPENED_IN_LEDGER')),
    CONSTRAINT handling_round_due_ck CHECK (extended_due_at IS NULL OR extended_due_at > due_at)
);

-- One pending and one approved request per round at most: the unique columns hold the round's id only
-- while the request waits, or once it was approved.
CREATE SEQUENCE extension_request_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE extension_request (
    id                BIGINT        PRIMARY KEY,
    round_id          BIGINT        NOT NULL REFERENCES handling_round (id),
    days              INTEGER       NOT NULL,
    reason            VARCHAR(1000) NOT NULL,
    requested_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    requested_by      VARCHAR(64)   NOT NULL,
    late              BOOLEAN       NOT NULL,
    status            VARCHAR(12)   NOT NULL,
    pending_round_id  BIGINT        UNIQUE,
    approved_round_id BIGINT        UNIQUE,
    decided_at        TIMESTAMP WITH TIME ZONE,
    decided_by        VARCHAR(64),
    decision_comment  VARCHAR(2000),
    person_told_on    DATE,
    person_told_by    VARCHAR(8),
    recorded_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    version           BIGINT        DEFAULT 0 NOT NULL,
    CONSTRAINT extension_days_ck CHECK (days BETWEEN 1 AND 30),
    CONSTRAINT extension_status_ck CHECK (status IN ('REQUESTED', 'APPROVED', 'REFUSED', 'LAPSED'))
);
CREATE INDEX extension_request_round_ix ON extension_request (round_id);

CREATE SEQUENCE closure_request_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE closure_request (
    id                  BIGINT        PRIMARY KEY,
    round_id            BIGINT        NOT NULL REFERENCES handling_round (id),
    case_id             BIGINT        NOT NULL REFERENCES case_file (id),
    accepted_station_id BIGINT        NOT NULL REFERENCES station (id),
    reason              VARCHAR(32)   NOT NULL,
    note                VARCHAR(2000),
    requested_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    requested_by        VARCHAR(64)   NOT NULL,
    decision            VARCHAR(12),
    pending_round_id    BIGINT        UNIQUE,
    approved_round_id   BIGINT        UNIQUE,
    decided_at          TIMESTAMP WITH TIME ZONE,
    decided_by          VARCHAR(64),
    decision_comment    VARCHAR(2000),
    recorded_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    version             BIGINT        DEFAULT 0 NOT NULL,
    CONSTRAINT closure_decision_ck CHECK (decision IS NULL OR decision IN ('APPROVED', 'SENT_BACK'))
);
CREATE INDEX closure_request_round_ix ON closure_request (round_id);
-- the report counts approved closures of a period, per accepted station
CREATE INDEX closure_request_decided_ix ON closure_request (decided_at, decision, accepted_station_id, case_id);

CREATE TABLE contact_attempt (
    closure_request_id BIGINT      NOT NULL REFERENCES closure_request (id),
    position           INTEGER     NOT NULL,
    attempted_on       DATE        NOT NULL,
    means              VARCHAR(8)  NOT NULL,
    note               VARCHAR(500),
    PRIMARY KEY (closure_request_id, position)
);

CREATE SEQUENCE follow_up_visit_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE follow_up_visit (
    id                  BIGINT        PRIMARY KEY,
    case_id             BIGINT        NOT NULL REFERENCES case_file (id),
    round_id            BIGINT        NOT NULL REFERENCES handling_round (id),
    accepted_station_id BIGINT        NOT NULL REFERENCES station (id),
    closed_on           DATE          NOT NULL,
    due_on              DATE          NOT NULL,
    visited_at          TIMESTAMP WITH TIME ZONE,
    result              VARCHAR(16),
    agreement_performed VARCHAR(16),
    problem_back        BOOLEAN,
    note                VARCHAR(2000),
    visited_by          VARCHAR(64),
    recorded_at         TIMESTAMP WITH TIME ZONE,
    cancelled_at        TIMESTAMP WITH TIME ZONE,
    version             BIGINT        DEFAULT 0 NOT NULL,
    CONSTRAINT follow_up_result_ck CHECK (result IS NULL OR result IN ('SATISFIED', 'NOT_SATISFIED', 'UNREACHABLE')),
    CONSTRAINT follow_up_done_ck CHECK ((visited_at IS NULL) = (result IS NULL))
);
CREATE INDEX follow_up_visit_case_ix ON follow_up_visit (case_id);
CREATE INDEX follow_up_visit_closed_ix ON follow_up_visit (closed_on, accepted_station_id);

CREATE SEQUENCE written_reply_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE written_reply (
    id            BIGINT        PRIMARY KEY,
    case_id       BIGINT        NOT NULL REFERENCES case_file (id),
    round_no      INTEGER       NOT NULL,
    sent_on       DATE          NOT NULL,
    sent_by_means VARCHAR(16)   NOT NULL,
    summary       VARCHAR(2000) NOT NULL,
    recorded_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    recorded_by   VARCHAR(64)   NOT NULL
);
CREATE INDEX written_reply_case_ix ON written_reply (case_id);

CREATE SEQUENCE mediation_session_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE mediation_session (
    id                  BIGINT        PRIMARY KEY,
    case_id             BIGINT        NOT NULL REFERENCES case_file (id),
    accepted_station_id BIGINT        NOT NULL REFERENCES station (id),
    round_no            INTEGER       NOT NULL,
    session_no          INTEGER       NOT NULL,
    held_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    mediator            VARCHAR(64)   NOT NULL,
    attendees           VARCHAR(2000) NOT NULL,
    notes               VARCHAR(4000),
    outcome             VARCHAR(20)   NOT NULL,
    next_step           VARCHAR(2000),
    routes_explained    VARCHAR(2000),
    recorded_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    recorded_by         VARCHAR(64)   NOT NULL,
    CONSTRAINT mediation_session_no_uk UNIQUE (case_id, session_no),
    CONSTRAINT mediation_outcome_ck CHECK (outcome IN ('CONTINUE', 'WRITTEN_AGREEMENT', 'ORAL_AGREEMENT', 'TERMINATED',
        'REFUSED'))
);
-- the report counts concluded mediations of a period, per accepted station
CREATE INDEX mediation_session_held_ix ON mediation_session (held_at, outcome, accepted_station_id);

CREATE SEQUENCE mediation_agreement_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE mediation_agreement (
    id                       BIGINT        PRIMARY KEY,
    session_id               BIGINT        NOT NULL UNIQUE REFERENCES mediation_session (id),
    case_id                  BIGINT        NOT NULL REFERENCES case_file (id),
    kind                     VARCHAR(8)    NOT NULL,
    terms                    VARCHAR(4000) NOT NULL,
    signed_at                TIMESTAMP WITH TIME ZONE NOT NULL,
    confirmation_due_on      DATE,
    confirmation_status      VARCHAR(12),
    confirmation_recorded_at TIMESTAMP WITH TIME ZONE,
    version                  BIGINT        DEFAULT 0 NOT NULL,
    CONSTRAINT agreement_kind_ck CHECK (kind IN ('WRITTEN', 'ORAL'))
);
CREATE INDEX mediation_agreement_case_ix ON mediation_agreement (case_id);

CREATE SEQUENCE referral_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE referral (
    id                  BIGINT        PRIMARY KEY,
    case_id             BIGINT        NOT NULL REFERENCES case_file (id),
    case_number         VARCHAR(48)   NOT NULL,
    referral_no         INTEGER       NOT NULL,
    agency_code         VARCHAR(32)   NOT NULL REFERENCES partner_agency (code),
    urgent              BOOLEAN       NOT NULL,
    consent_recorded_at TIMESTAMP WITH TIME ZONE NOT NULL,
    sent_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    sent_by             VARCHAR(64)   NOT NULL,
    answer_due_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    status              VARCHAR(12)   NOT NULL,
    answered_at         TIMESTAMP WITH TIME ZONE,
    answered_by         VARCHAR(64),
    answer_note         VARCHAR(2000),
    done_at             TIMESTAMP WITH TIME ZONE,
    done_by             VARCHAR(64),
    outcome             VARCHAR(2000),
    revoked_at          TIMESTAMP WITH TIME ZONE,
    revoked_by          VARCHAR(64),
    revoke_reason       VARCHAR(1000),
    recorded_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    version             BIGINT        DEFAULT 0 NOT NULL,
    CONSTRAINT referral_no_uk UNIQUE (case_id, referral_no),
    CONSTRAINT referral_status_ck CHECK (status IN ('REQUESTED', 'ACCEPTED', 'REJECTED', 'DONE', 'REVOKED'))
);
CREATE INDEX referral_sent_ix ON referral (sent_at, agency_code, case_id);

CREATE SEQUENCE risk_assessment_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE risk_assessment (
    id                  BIGINT      PRIMARY KEY,
    case_id             BIGINT      NOT NULL REFERENCES case_file (id),
    accepted_station_id BIGINT      NOT NULL REFERENCES station (id),
    instrument_id       VARCHAR(64) NOT NULL,
    score               INTEGER     NOT NULL,
    level               VARCHAR(8)  NOT NULL,
    assessed_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    assessed_by         VARCHAR(64) NOT NULL,
    recorded_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT risk_level_ck CHECK (level IN ('LOW', 'MEDIUM', 'HIGH'))
);
CREATE INDEX risk_assessment_assessed_ix ON risk_assessment (assessed_at, level, accepted_station_id, case_id);
CREATE INDEX risk_assessment_case_ix ON risk_assessment (case_id);

CREATE TABLE risk_answer (
    assessment_id BIGINT      NOT NULL REFERENCES risk_assessment (id),
    question_id   VARCHAR(16) NOT NULL,
    yes           BOOLEAN     NOT NULL,
    PRIMARY KEY (assessment_id, question_id)
);

CREATE SEQUENCE safety_plan_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE safety_plan (
    id          BIGINT        PRIMARY KEY,
    case_id     BIGINT        NOT NULL REFERENCES case_file (id),
    plan        VARCHAR(4000) NOT NULL,
    made_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    made_by     VARCHAR(64)   NOT NULL,
    recorded_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX safety_plan_case_ix ON safety_plan (case_id, made_at);

CREATE SEQUENCE protection_order_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE protection_order (
    id                 BIGINT      PRIMARY KEY,
    case_id            BIGINT      NOT NULL REFERENCES case_file (id),
    status             VARCHAR(12) NOT NULL,
    offered_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    applied_at         TIMESTAMP WITH TIME ZONE,
    urgent             BOOLEAN     NOT NULL,
    ruling_due_at      TIMESTAMP WITH TIME ZONE,
    ruled_at           TIMESTAMP WITH TIME ZONE,
    valid_until        DATE,
    recorded_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    recorded_by        VARCHAR(64) NOT NULL,
    ruling_recorded_at TIMESTAMP WITH TIME ZONE,
    ruling_recorded_by VARCHAR(64),
    version            BIGINT      DEFAULT 0 NOT NULL,
    CONSTRAINT protection_order_status_ck CHECK (status IN ('DECLINED', 'APPLIED', 'GRANTED', 'REFUSED')),
    CONSTRAINT protection_order_ruling_ck CHECK (ruled_at IS NULL OR ruled_at >= applied_at)
);
CREATE INDEX protection_order_case_ix ON protection_order (case_id, applied_at);

CREATE SEQUENCE mandatory_report_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE mandatory_report (
    id          BIGINT       PRIMARY KEY,
    case_id     BIGINT       NOT NULL REFERENCES case_file (id),
    reported_to VARCHAR(200) NOT NULL,
    reported_at TIMESTAMP WITH TIME ZONE NOT NULL,
    method      VARCHAR(8)   NOT NULL,
    recorded_at TIMESTAMP WITH TIME ZONE NOT NULL,
    recorded_by VARCHAR(64)  NOT NULL
);
CREATE INDEX mandatory_report_case_ix ON mandatory_report (case_id);

-- Notes written on chases, reminders and warnings (督办, 提醒): what was done about them (V13 fills it from the
-- notes the old task records kept).
CREATE SEQUENCE task_note_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE task_note (
    id          BIGINT        PRIMARY KEY,
    contact_id  BIGINT        NOT NULL REFERENCES contact (id),
    case_id     BIGINT        REFERENCES case_file (id),
    task_key    VARCHAR(64)   NOT NULL,
    note        VARCHAR(2000) NOT NULL,
    written_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    written_by  VARCHAR(64)   NOT NULL
);
CREATE INDEX task_note_contact_ix ON task_note (contact_id, written_at);

-- A completed task is kept as a receipt: which task, who, when, and which record it produced.
ALTER TABLE task_record ADD COLUMN record_type VARCHAR(32);
ALTER TABLE task_record ADD COLUMN record_id BIGINT;
