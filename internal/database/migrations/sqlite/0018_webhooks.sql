-- Webhooks: the addresses where an organisation's own systems receive the
-- events of its dossiers (and later of profile changes), signed under the
-- Standard Webhooks specification. The secret is sealed with the instance
-- key; a delivery's body is sealed too, since it may name a person.
CREATE TABLE webhook_endpoints (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    url TEXT NOT NULL,
    -- events: a JSON array of event types, such as ["dossier.submitted"].
    events TEXT NOT NULL,
    secret TEXT NOT NULL,
    created_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    disabled_at TIMESTAMP
);
CREATE INDEX webhook_endpoints_org ON webhook_endpoints (org_id);

-- One event for one endpoint: its message id (webhook-id) stays the same
-- across retries and replays. status: pending, delivered, failed.
CREATE TABLE webhook_deliveries (
    id INTEGER PRIMARY KEY,
    endpoint_id INTEGER NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    message_id TEXT NOT NULL,
    event_type TEXT NOT NULL,
    body TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL,
    next_attempt_at TIMESTAMP,
    finished_at TIMESTAMP,
    UNIQUE (endpoint_id, message_id)
);
CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, created_at);

-- Each try of a delivery: when, the receiver's status code (0 when none
-- came back), how long it took and what went wrong.
CREATE TABLE webhook_attempts (
    id INTEGER PRIMARY KEY,
    delivery_id INTEGER NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
    at TIMESTAMP NOT NULL,
    status_code INTEGER NOT NULL,
    duration_ms INTEGER NOT NULL,
    error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery_id, at);
