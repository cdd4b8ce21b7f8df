-- Issue 18: the administrator drafts, reviews and publishes versions of the risk instrument. A version's
-- definition (questions, weights, critical questions, band thresholds) never changes once reviewed;
-- assessments keep the id of the version they were made with (risk_assessment.instrument_id). Until a
-- version is published, the instrument packaged in seeds/risk-instrument.json is the one in use.
CREATE TABLE risk_instrument_version (
    id           VARCHAR(64)   PRIMARY KEY,
    name         VARCHAR(200)  NOT NULL,
    definition   VARCHAR(20000) NOT NULL,
    state        VARCHAR(16)   NOT NULL,
    drafted_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    drafted_by   VARCHAR(64)   NOT NULL,
    reviewed_at  TIMESTAMP WITH TIME ZONE,
    reviewed_by  VARCHAR(64),
    published_at TIMESTAMP WITH TIME ZONE,
    published_by VARCHAR(64),
    version      BIGINT        NOT NULL,
    CONSTRAINT risk_instrument_state_ck CHECK (state IN ('DRAFT', 'REVIEWED', 'PUBLISHED'))
);
CREATE INDEX risk_instrument_published_ix ON risk_instrument_version (state, published_at);
