-- A transferred case keeps its number, which names the station that accepted it; uniqueness of the
-- number itself (case_number_uk) is the rule, not uniqueness per current station.
ALTER TABLE case_file DROP CONSTRAINT case_station_seq_uk;
