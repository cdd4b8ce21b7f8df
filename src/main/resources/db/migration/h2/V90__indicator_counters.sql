-- Indicator counters (issue 16): on PostgreSQL, kept by triggers (postgresql/V90). H2 keeps no counters: the
-- report computes every figure from the case tables there (IndicatorQueries). The vocabulary table is made here
-- too, so that IndicatorCountersTest can check it against IndicatorVocabulary on the zero-setup database.
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

CREATE INDEX contact_decided_ix ON contact (decided_at);
