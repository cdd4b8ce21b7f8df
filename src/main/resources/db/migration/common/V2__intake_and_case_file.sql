-- Intake: what a contact is about, who is involved, and how its review was decided.
ALTER TABLE contact ADD COLUMN petition_type VARCHAR(16);
ALTER TABLE contact ADD COLUMN primary_category VARCHAR(40);
ALTER TABLE contact ADD COLUMN minor_involved BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE contact ADD COLUMN without_capacity BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE contact ADD COLUMN disability BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE contact ADD COLUMN elderly BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE contact ADD COLUMN pregnant BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE contact ADD COLUMN group_visit BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE contact ADD COLUMN repeat_visit BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE contact ADD COLUMN repeat_of_contact_id BIGINT REFERENCES contact (id);
ALTER TABLE contact ADD COLUMN decision VARCHAR(32);
ALTER TABLE contact ADD COLUMN decided_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE contact ADD COLUMN decided_by VARCHAR(64);
ALTER TABLE contact ADD COLUMN decision_reason VARCHAR(1000);
ALTER TABLE contact ADD COLUMN referred_to VARCHAR(200);
ALTER TABLE contact ADD COLUMN transferred_from_station_id BIGINT REFERENCES station (id);
ALTER TABLE contact ADD COLUMN acknowledged_on DATE;
ALTER TABLE contact ADD COLUMN acknowledgement_form VARCHAR(16);
ALTER TABLE contact ADD COLUMN acknowledged_by VARCHAR(64);
ALTER TABLE contact ADD COLUMN case_number VARCHAR(48);
CREATE INDEX contact_status_ix ON contact (status);
CREATE INDEX contact_repeat_of_ix ON contact (repeat_of_contact_id);

CREATE TABLE contact_category (
    contact_id BIGINT      NOT NULL REFERENCES contact (id),
    category   VARCHAR(40) NOT NULL,
    PRIMARY KEY (contact_id, category)
);

-- Parties. Identity numbers, phones and addresses are stored encrypted (key id:ciphertext) with a
-- keyed hash (blind index) beside the numbers, so that search never decrypts.
CREATE SEQUENCE party_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE party (
    id                BIGINT       PRIMARY KEY,
    contact_id        BIGINT       NOT NULL REFERENCES contact (id),
    position          INTEGER      NOT NULL,
    role              VARCHAR(16)  NOT NULL,
    name              VARCHAR(100) NOT NULL,
    name_pinyin       VARCHAR(300) NOT NULL,
    gender            VARCHAR(8),
    birth_date        DATE,
    age               INTEGER,
    id_number_enc     VARCHAR(200),
    id_number_idx     VARCHAR(64),
    address_enc       VARCHAR(2000),
    address_safe      BOOLEAN DEFAULT TRUE NOT NULL,
    relation          VARCHAR(50),
    CONSTRAINT party_role_ck CHECK (role IN ('COMPLAINANT', 'RESPONDENT', 'CHILD', 'OTHER'))
);
CREATE INDEX party_contact_ix ON party (contact_id);
CREATE INDEX party_id_number_ix ON party (id_number_idx);
CREATE INDEX party_pinyin_ix ON party (name_pinyin);
CREATE INDEX party_name_ix ON party (name);

CREATE SEQUENCE party_phone_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE party_phone (
    id              BIGINT       PRIMARY KEY,
    party_id        BIGINT       NOT NULL REFERENCES party (id),
    position        INTEGER      NOT NULL,
    number_enc      VARCHAR(200) NOT NULL,
    number_idx      VARCHAR(64)  NOT NULL,
    safe_to_contact BOOLEAN DEFAULT TRUE NOT NULL
);
CREATE INDEX party_phone_party_ix ON party_phone (party_id);
CREATE INDEX party_phone_number_ix ON party_phone (number_idx);

-- Scanned letters and other evidence; the type is checked by content, not by name.
CREATE SEQUENCE attachment_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE attachment (
    id          BIGINT       PRIMARY KEY,
    contact_id  BIGINT       NOT NULL REFERENCES contact (id),
    file_name   VARCHAR(255) NOT NULL,
    media_type  VARCHAR(64)  NOT NULL,
    size_bytes  BIGINT       NOT NULL,
    sha256      VARCHAR(64)  NOT NULL,
    content     BYTEA        NOT NULL,
    uploaded_at TIMESTAMP WITH TIME ZONE NOT NULL,
    uploaded_by VARCHAR(64)  NOT NULL
);
CREATE INDEX attachment_contact_ix ON attachment (contact_id);

-- Cases: accepted contacts, numbered per station and year without gaps.
CREATE SEQUENCE case_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE case_file (
    id           BIGINT      PRIMARY KEY,
    number       VARCHAR(48) NOT NULL,
    station_id   BIGINT      NOT NULL REFERENCES station (id),
    number_year  INTEGER     NOT NULL,
    number_seq   INTEGER     NOT NULL,
    contact_id   BIGINT      NOT NULL REFERENCES contact (id),
    accepted_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    accepted_by  VARCHAR(64) NOT NULL,
    status       VARCHAR(16) NOT NULL,
    stage        VARCHAR(32) NOT NULL,
    handling_due TIMESTAMP WITH TIME ZONE NOT NULL,
    version      BIGINT      NOT NULL,
    CONSTRAINT case_number_uk UNIQUE (number),
    CONSTRAINT case_station_seq_uk UNIQUE (station_id, number_year, number_seq),
    CONSTRAINT case_contact_uk UNIQUE (contact_id)
);
CREATE INDEX case_station_accepted_ix ON case_file (station_id, accepted_at);
CREATE INDEX case_status_ix ON case_file (status, handling_due);

-- The timeline (办理记录): append-only, the legal record of a contact and its case.
-- UPDATE and DELETE are refused by a trigger (see the h2/ and postgresql/ migrations).
CREATE SEQUENCE case_event_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE case_event (
    id             BIGINT        PRIMARY KEY,
    contact_id     BIGINT        NOT NULL REFERENCES contact (id),
    case_id        BIGINT        REFERENCES case_file (id),
    occurred_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    actor          VARCHAR(64)   NOT NULL,
    actor_station  VARCHAR(32),
    client_address VARCHAR(64),
    type           VARCHAR(48)   NOT NULL,
    description    VARCHAR(2000) NOT NULL,
    changes        VARCHAR(8000)
);
CREATE INDEX case_event_contact_ix ON case_event (contact_id, occurred_at);
CREATE INDEX case_event_case_ix ON case_event (case_id);

-- Partner agencies that cases are referred to.
CREATE TABLE partner_agency (
    code       VARCHAR(32)  PRIMARY KEY,
    name       VARCHAR(200) NOT NULL,
    kind       VARCHAR(32)  NOT NULL,
    station_id BIGINT       REFERENCES station (id)
);
