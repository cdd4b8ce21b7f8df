-- The report's ways into the case's work (IndicatorQueries). The rounds started by a reopening (a few in a
-- hundred) near a period, by their start reason and start, with their case, from the index alone; the approved
-- closures of those cases, by the case; and the follow-up visits of a period's closures with all that the
-- follow-up rate and satisfaction look at, from the index alone (it replaces the index on the closure date and
-- station only).
CREATE INDEX handling_round_reopened_ix ON handling_round (start_reason, started_at, case_id);
CREATE INDEX closure_request_case_ix ON closure_request (case_id, decision, decided_at);
DROP INDEX follow_up_visit_closed_ix;
CREATE INDEX follow_up_visit_report_ix ON follow_up_visit (closed_on, accepted_station_id, due_on, visited_at,
    cancelled_at, result);
