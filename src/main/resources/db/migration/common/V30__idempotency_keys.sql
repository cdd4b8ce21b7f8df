-- A client's Idempotency-Key and the first answer to its request, replayed when the client sends the same
-- request again (from any node), kept 24 hours. The row is written in the request's own transaction: it
-- exists exactly when the request's changes do, so a request that failed leaves no key behind and can be
-- retried. A second request with the same key waits on the primary key until the first one ends.
CREATE TABLE idempotency_key (
    username         VARCHAR(64)              NOT NULL,
    idem_key         VARCHAR(255)             NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    node             VARCHAR(64)              NOT NULL,
    -- keyed hash of method, path, content type and body: the same key with another request is refused
    request_hash     VARCHAR(64),
    response_status  INTEGER,
    -- Content-Type, Location, ETag, Content-Disposition of the first answer, one "name: value" per line
    response_headers VARCHAR(4000),
    -- the first answer's body, encrypted with the data key (it may name the people of a contact)
    response_body    BYTEA,
    CONSTRAINT idempotency_key_pk PRIMARY KEY (username, idem_key)
);
CREATE INDEX idempotency_key_created_at_ix ON idempotency_key (created_at);
