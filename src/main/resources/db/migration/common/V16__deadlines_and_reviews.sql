-- Issue 12: review and re-review of a written reply (复查/复核), the receiving station's objection to a
-- transferred matter, mediators' absences, and the years of the working-day calendar the administrator
-- has checked against the State Council's notice.
CREATE SEQUENCE reply_review_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE reply_review (
    id                     BIGINT        PRIMARY KEY,
    case_id                BIGINT        NOT NULL REFERENCES case_file (id),
    kind                   VARCHAR(12)   NOT NULL,
    reply_id               BIGINT        NOT NULL REFERENCES written_reply (id),
    earlier_review_id      BIGINT        REFERENCES reply_review (id),
    reviewing_station_id   BIGINT        NOT NULL REFERENCES station (id),
    accepted_station_id    BIGINT        NOT NULL REFERENCES station (id),
    requested_on           DATE          NOT NULL,
    reason                 VARCHAR(2000) NOT NULL,
    answer_due_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    answered_on            DATE,
    upheld                 BOOLEAN,
    answer                 VARCHAR(4000),
    answered_by            VARCHAR(64),
    recorded_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    recorded_by            VARCHAR(64)   NOT NULL,
    version                BIGINT        DEFAULT 0 NOT NULL,
    CONSTRAINT reply_review_kind_ck CHECK (kind IN ('REVIEW', 'RE_REVIEW')),
    CONSTRAINT reply_review_once_uk UNIQUE (reply_id, kind)
);
CREATE INDEX reply_review_case_ix ON reply_review (case_id);
CREATE INDEX reply_review_requested_ix ON reply_review (requested_on, accepted_station_id);

ALTER TABLE contact ADD COLUMN objected_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE contact ADD COLUMN objected_by VARCHAR(64);
ALTER TABLE contact ADD COLUMN objection_reason VARCHAR(1000);

CREATE SEQUENCE absence_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE absence (
    id          BIGINT        PRIMARY KEY,
    username    VARCHAR(64)   NOT NULL,
    from_date   DATE          NOT NULL,
    to_date     DATE          NOT NULL,
    reason      VARCHAR(500)  NOT NULL,
    set_by      VARCHAR(64)   NOT NULL,
    set_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT absence_dates_ck CHECK (to_date >= from_date)
);
CREATE INDEX absence_user_ix ON absence (username, from_date, to_date);

CREATE TABLE calendar_year (
    calendar_year INTEGER     PRIMARY KEY,
    confirmed_by VARCHAR(64)  NOT NULL,
    confirmed_at TIMESTAMP WITH TIME ZONE NOT NULL
);
-- the year the seed held before this version was checked against the State Council's notice
INSERT INTO calendar_year (calendar_year, confirmed_by, confirmed_at) VALUES (2026, 'seed', CURRENT_TIMESTAMP);
