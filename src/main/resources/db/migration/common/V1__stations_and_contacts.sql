-- Start-up coordination: one row to lock, and a record of what seed data was loaded.
CREATE TABLE startup_lock (
    id INTEGER PRIMARY KEY
);
INSERT INTO startup_lock (id) VALUES (1);

CREATE TABLE seed_log (
    name      VARCHAR(100) PRIMARY KEY,
    checksum  VARCHAR(64)  NOT NULL,
    loaded_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The station hierarchy: county -> sub-district -> community / village.
-- path holds the ids from the root down ('/1/7/23/'), so a subtree is one prefix match.
CREATE SEQUENCE station_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE station (
    id        BIGINT       PRIMARY KEY,
    code      VARCHAR(32)  NOT NULL,
    name      VARCHAR(100) NOT NULL,
    level     VARCHAR(16)  NOT NULL,
    parent_id BIGINT       REFERENCES station (id),
    path      VARCHAR(1000) NOT NULL,
    version   BIGINT       NOT NULL,
    CONSTRAINT station_code_uk UNIQUE (code),
    CONSTRAINT station_level_ck CHECK (level IN ('COUNTY', 'SUBDISTRICT', 'COMMUNITY', 'VILLAGE'))
);
CREATE INDEX station_parent_ix ON station (parent_id);
CREATE INDEX station_path_ix ON station (path);

-- Every letter, visit, call or message, registered before anyone decides what it is.
CREATE SEQUENCE contact_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE contact (
    id            BIGINT        PRIMARY KEY,
    station_id    BIGINT        NOT NULL REFERENCES station (id),
    channel       VARCHAR(32)   NOT NULL,
    received_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    summary       VARCHAR(4000) NOT NULL,
    status        VARCHAR(32)   NOT NULL,
    registered_at TIMESTAMP WITH TIME ZONE NOT NULL,
    registered_by VARCHAR(64)   NOT NULL,
    version       BIGINT        NOT NULL
);
CREATE INDEX contact_station_received_ix ON contact (station_id, received_at);
