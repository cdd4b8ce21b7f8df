-- Issue 19: notifications. A notification is written in the transaction of the event that causes it (a task
-- created for or handed to someone): it exists exactly when the event does. Nothing here names a party of a
-- case: a case number, a task's name, a due date and a link only.

-- In-app: one row per recipient and event (the unique key keeps a second announcement of the same event out),
-- kept 90 days.
CREATE SEQUENCE notification_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE notification (
    id           BIGINT                   NOT NULL PRIMARY KEY,
    recipient    VARCHAR(64)              NOT NULL,
    event_key    VARCHAR(200)             NOT NULL,
    kind         VARCHAR(24)              NOT NULL,
    urgent       BOOLEAN                  NOT NULL,
    case_number  VARCHAR(40),
    task_id      VARCHAR(64),
    task_name    VARCHAR(200)             NOT NULL,
    due          TIMESTAMP WITH TIME ZONE,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    read_at      TIMESTAMP WITH TIME ZONE,
    CONSTRAINT notification_once UNIQUE (recipient, event_key)
);
CREATE INDEX notification_recipient_ix ON notification (recipient, created_at);
CREATE INDEX notification_created_ix ON notification (created_at);

-- The outbox: what is still to be sent outside (e-mail, the gateway's webhook), one row per recipient, event
-- and channel. Sent by the dispatcher after the commit; a row is claimed (SENDING) before it is sent and
-- marked SENT after, so that no two nodes send it and no row is sent twice.
CREATE SEQUENCE notification_outbox_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE notification_outbox (
    id            BIGINT                   NOT NULL PRIMARY KEY,
    notification_id BIGINT                 NOT NULL REFERENCES notification (id) ON DELETE CASCADE,
    recipient     VARCHAR(64)              NOT NULL,
    event_key     VARCHAR(200)             NOT NULL,
    channel       VARCHAR(16)              NOT NULL,
    state         VARCHAR(16)              NOT NULL,
    attempts      INTEGER                  NOT NULL,
    not_before    TIMESTAMP WITH TIME ZONE NOT NULL,
    claimed_until TIMESTAMP WITH TIME ZONE,
    -- why the last attempt failed, as a kind (an exception's type or an HTTP status), never a message
    last_error    VARCHAR(200),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    done_at       TIMESTAMP WITH TIME ZONE,
    CONSTRAINT notification_outbox_once UNIQUE (recipient, event_key, channel)
);
CREATE INDEX notification_outbox_due_ix ON notification_outbox (state, not_before);

-- Each user's choice: her e-mail address (for notifications only) and how she wants e-mail.
CREATE TABLE notification_preference (
    username   VARCHAR(64)  NOT NULL PRIMARY KEY,
    email      VARCHAR(254),
    email_mode VARCHAR(24)  NOT NULL,
    version    BIGINT       NOT NULL
);
