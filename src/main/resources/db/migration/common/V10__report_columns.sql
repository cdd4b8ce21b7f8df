-- The indicator report reads a year of cases in one pass, without joining their contacts: a case keeps
-- what the report groups and filters it by (category, channel, petition type, repeat link) beside its
-- own columns. The application writes them when it opens the case and when the case file is edited.
ALTER TABLE case_file ADD COLUMN primary_category VARCHAR(40);
ALTER TABLE case_file ADD COLUMN channel VARCHAR(32);
ALTER TABLE case_file ADD COLUMN petition_type VARCHAR(16);
ALTER TABLE case_file ADD COLUMN repeat_of_contact_id BIGINT REFERENCES contact (id);
UPDATE case_file SET
    primary_category = (SELECT k.primary_category FROM contact k WHERE k.id = case_file.contact_id),
    channel = (SELECT k.channel FROM contact k WHERE k.id = case_file.contact_id),
    petition_type = (SELECT k.petition_type FROM contact k WHERE k.id = case_file.contact_id),
    repeat_of_contact_id = (SELECT k.repeat_of_contact_id FROM contact k WHERE k.id = case_file.contact_id);
ALTER TABLE case_file ALTER COLUMN channel SET NOT NULL;

-- A task record counts to the station that accepted its case (a transfer does not change it), so the
-- report counts mediations, follow-ups and closures without joining the cases.
ALTER TABLE task_record ADD COLUMN accepted_station_id BIGINT REFERENCES station (id);
UPDATE task_record SET accepted_station_id =
    (SELECT c.accepted_station_id FROM case_file c WHERE c.id = task_record.case_id);
ALTER TABLE task_record ALTER COLUMN accepted_station_id SET NOT NULL;

-- The report's ways in, each with the columns its statements need so that the database can read the
-- index alone: the cases accepted and closed in a period (with their station, repeat link, days to
-- close, category and channel), a station's closures, the task records of a period by kind, and a
-- case's task records and reopenings (for the closures reopened and the high-risk cases handled in time),
-- and when the contact a repeat visit goes back to was received.
CREATE INDEX case_accepted_ix ON case_file (accepted_at, accepted_station_id, repeat_of_contact_id, primary_category,
    channel);
CREATE INDEX case_closed_at_ix ON case_file (closed_at, accepted_station_id, days_to_close, primary_category, channel);
DROP INDEX case_accepted_station_closed_ix;
CREATE INDEX case_accepted_station_closed_ix ON case_file (accepted_station_id, closed_at, days_to_close);
DROP INDEX task_record_key_ix;
CREATE INDEX task_record_key_ix ON task_record (task_key, completed_at, outcome, accepted_station_id, case_id);
DROP INDEX task_record_case_ix;
CREATE INDEX task_record_case_ix ON task_record (case_id, completed_at, task_key, outcome, accepted_station_id);
CREATE INDEX case_event_type_ix ON case_event (type, case_id, occurred_at);
CREATE INDEX contact_id_received_ix ON contact (id, received_at);
