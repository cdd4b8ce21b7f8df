-- A case counts to the station that accepted it (DESIGN §5), also after a transfer; and its days to
-- close are kept with the closure so that mean, median and P90 are computed by the database.
ALTER TABLE case_file ADD COLUMN accepted_station_id BIGINT REFERENCES station (id);
UPDATE case_file SET accepted_station_id = station_id;
ALTER TABLE case_file ALTER COLUMN accepted_station_id SET NOT NULL;
ALTER TABLE case_file ADD COLUMN days_to_close DECIMAL(9, 2);
CREATE INDEX case_accepted_station_accepted_ix ON case_file (accepted_station_id, accepted_at);
CREATE INDEX case_accepted_station_closed_ix ON case_file (accepted_station_id, closed_at);
CREATE INDEX contact_received_ix ON contact (received_at, station_id);
