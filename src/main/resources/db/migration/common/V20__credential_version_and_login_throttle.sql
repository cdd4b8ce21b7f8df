-- Sessions and tokens die with the credentials they were opened with: a password change or reset, a
-- disable or a role change bumps the user's credential version, and a token or session carrying an
-- older one is refused.
ALTER TABLE app_user ADD COLUMN credential_version BIGINT DEFAULT 0 NOT NULL;
-- a password set by an administrator (a reset) must be replaced by the user at the next login
ALTER TABLE app_user ADD COLUMN must_change_password BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE api_token ADD COLUMN credential_version BIGINT DEFAULT 0 NOT NULL;

-- The per-account lock (anyone could lock anyone out) gives way to login_throttle.
ALTER TABLE app_user DROP COLUMN failed_logins;
ALTER TABLE app_user DROP COLUMN locked_until;

-- Failed logins, counted whether or not the account exists (so that the answers do not tell):
--   (account, address)  one account from one address;
--   (account, '*')      one account from anywhere (does not hold back addresses the user logged in from);
--   ('*', address)      one address, whatever the account.
-- account_key is the SHA-256 of the user name as typed (lower case): what was typed is not kept.
CREATE TABLE login_throttle (
    account_key     VARCHAR(64) NOT NULL,
    address         VARCHAR(64) NOT NULL,
    failures        INTEGER     NOT NULL,
    last_failure_at TIMESTAMP WITH TIME ZONE,
    blocked_until   TIMESTAMP WITH TIME ZONE,
    known_at        TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (account_key, address)
);
CREATE INDEX login_throttle_last_failure_ix ON login_throttle (last_failure_at);
