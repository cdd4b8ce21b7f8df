-- Issue 18: the administrator keeps the network. A station has its address, phone, opening hours and
-- staff contact, and may be closed (no new contacts; its cases stay counted where they were accepted).
ALTER TABLE station ADD COLUMN address VARCHAR(200);
ALTER TABLE station ADD COLUMN phone VARCHAR(40);
ALTER TABLE station ADD COLUMN opening_hours VARCHAR(100);
ALTER TABLE station ADD COLUMN staff_contact VARCHAR(100);
ALTER TABLE station ADD COLUMN closed_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE station ADD COLUMN closed_by VARCHAR(64);

-- A partner agency may be deactivated: it is offered for no new referral, earlier ones keep it.
ALTER TABLE partner_agency ADD COLUMN active BOOLEAN DEFAULT TRUE NOT NULL;
ALTER TABLE partner_agency ADD COLUMN version BIGINT DEFAULT 0 NOT NULL;

-- Every change of the network: who, when, what, before and after. Append-only.
CREATE SEQUENCE network_change_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE network_change (
    id          BIGINT        PRIMARY KEY,
    subject     VARCHAR(16)   NOT NULL,
    code        VARCHAR(32)   NOT NULL,
    change_kind VARCHAR(16)   NOT NULL,
    changed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    changed_by  VARCHAR(64)   NOT NULL,
    before_text VARCHAR(2000),
    after_text  VARCHAR(2000),
    CONSTRAINT network_change_subject_ck CHECK (subject IN ('STATION', 'AGENCY'))
);
CREATE INDEX network_change_code_ix ON network_change (subject, code, changed_at);
