-- Notifications (internal/notify): templates per organisation, people's
-- preferences, the messages sent and the collective sends.

-- One row per saved version of a template; the highest version of an
-- (organisation, kind, channel) is the one in use.
CREATE TABLE notify_templates (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL,
    kind TEXT NOT NULL,
    channel TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
    version INTEGER NOT NULL,
    subject TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL,
    transliterate BOOLEAN NOT NULL DEFAULT FALSE,
    created_by BIGINT NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (org_id, kind, channel, version)
);

-- A person's choices. The phone is sealed with the instance key; the code
-- that confirms it is kept as a hash only.
CREATE TABLE notify_preferences (
    user_id BIGINT PRIMARY KEY,
    channels TEXT NOT NULL DEFAULT 'email' CHECK (channels IN ('email', 'sms', 'both', 'none')),
    phone_sealed TEXT NOT NULL DEFAULT '',
    phone_confirmed_at TIMESTAMP,
    pending_phone_sealed TEXT NOT NULL DEFAULT '',
    code_hash TEXT NOT NULL DEFAULT '',
    code_expires_at TIMESTAMP,
    code_attempts INTEGER NOT NULL DEFAULT 0,
    updated_at TIMESTAMP NOT NULL
);

-- A collective send: an agent's CSV turned into messages, kept as a draft
-- while the agent reviews it.
CREATE TABLE notify_batches (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL,
    created_by BIGINT NOT NULL,
    channel TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
    subject TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL,
    transliterate BOOLEAN NOT NULL DEFAULT FALSE,
    status TEXT NOT NULL CHECK (status IN ('draft', 'sent')),
    recipients INTEGER NOT NULL,
    parts INTEGER NOT NULL DEFAULT 0,
    -- The checked rows and the problems of a draft, as JSON, until it is
    -- sent: the agent reviews them between the upload and the send.
    rows_json TEXT NOT NULL DEFAULT '',
    problems_json TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    sent_at TIMESTAMP
);

-- One row per message per channel. idempotency_key is unique: an event
-- notified twice, or a job run twice, never makes a second message.
CREATE TABLE notify_messages (
    id INTEGER PRIMARY KEY,
    idempotency_key TEXT NOT NULL UNIQUE,
    org_id BIGINT NOT NULL DEFAULT 0,
    user_id BIGINT NOT NULL DEFAULT 0,
    batch_id BIGINT NOT NULL DEFAULT 0,
    event TEXT NOT NULL,
    channel TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL,
    parts INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL CHECK (status IN ('created', 'sending', 'delivered', 'permanent-failure', 'temporary-failure', 'technical-failure')),
    provider_id TEXT NOT NULL DEFAULT '',
    error TEXT NOT NULL DEFAULT '',
    attempts INTEGER NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL,
    send_after TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX notify_messages_user ON notify_messages (user_id, created_at);
CREATE INDEX notify_messages_batch ON notify_messages (batch_id);
CREATE INDEX notify_messages_provider ON notify_messages (provider_id);

-- How many messages an organisation may hand to the providers per minute.
CREATE TABLE notify_rate_limits (
    org_id BIGINT PRIMARY KEY,
    per_minute INTEGER NOT NULL CHECK (per_minute > 0)
);
