-- Public holidays and make-up working days (调休): deadlines in working days skip the first and count the second.
CREATE TABLE calendar_day (
    calendar_date DATE PRIMARY KEY,
    kind VARCHAR(8)  NOT NULL,
    name VARCHAR(50) NOT NULL,
    CONSTRAINT calendar_day_kind_ck CHECK (kind IN ('HOLIDAY', 'WORKDAY'))
);
