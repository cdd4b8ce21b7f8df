-- The reopen rate's ways in: the rounds started by a reopening (a few in a hundred) near a period, found by their
-- start reason and start, with their case, from the index alone; and the approved closures of those cases, found
-- by the case.
CREATE INDEX handling_round_reopened_ix ON handling_round (start_reason, started_at, case_id);
CREATE INDEX closure_request_case_ix ON closure_request (case_id, decision, decided_at);
