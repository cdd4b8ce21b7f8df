-- Users of a station, with their roles. Passwords are PBKDF2 hashes (salted, slow).
CREATE SEQUENCE app_user_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE app_user (
    id              BIGINT       PRIMARY KEY,
    username        VARCHAR(64)  NOT NULL,
    display_name    VARCHAR(100) NOT NULL,
    station_id      BIGINT       NOT NULL REFERENCES station (id),
    password_hash   VARCHAR(400) NOT NULL,
    enabled         BOOLEAN      NOT NULL,
    failed_logins   INTEGER      DEFAULT 0 NOT NULL,
    locked_until    TIMESTAMP WITH TIME ZONE,
    password_set_at TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    version         BIGINT       NOT NULL,
    CONSTRAINT app_user_username_uk UNIQUE (username)
);

CREATE TABLE app_user_role (
    user_id BIGINT      NOT NULL REFERENCES app_user (id),
    role    VARCHAR(16) NOT NULL,
    PRIMARY KEY (user_id, role),
    CONSTRAINT app_user_role_ck CHECK (role IN ('INTAKE', 'MEDIATOR', 'SUPERVISOR', 'ADMIN'))
);

-- API tokens: only a SHA-256 of the token is kept; expiry by idle time and by age.
CREATE TABLE api_token (
    token_hash   VARCHAR(64) PRIMARY KEY,
    user_id      BIGINT      NOT NULL REFERENCES app_user (id),
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX api_token_user_ix ON api_token (user_id);

-- Who opened, exported or changed which case, when and from where. Append-only.
CREATE SEQUENCE access_log_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE access_log (
    id             BIGINT       PRIMARY KEY,
    occurred_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    username       VARCHAR(64)  NOT NULL,
    station_code   VARCHAR(32),
    action         VARCHAR(32)  NOT NULL,
    contact_id     BIGINT,
    case_number    VARCHAR(48),
    client_address VARCHAR(64),
    detail         VARCHAR(500)
);
CREATE INDEX access_log_contact_ix ON access_log (contact_id, occurred_at);
CREATE INDEX access_log_case_ix ON access_log (case_number);
CREATE INDEX access_log_user_ix ON access_log (username, occurred_at);
