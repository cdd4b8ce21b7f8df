-- The follow-up visits' words of the counters (postgresql/V96), so that IndicatorCountersTest checks the vocabulary
-- table against IndicatorVocabulary on H2 too. H2 keeps no counters (h2/V90).
INSERT INTO indicator_term (term, name) VALUES
    ('answered', 'NOT_SATISFIED'), ('answered', 'SATISFIED'), ('unanswered', 'UNREACHABLE'),
    ('satisfied', 'SATISFIED');
