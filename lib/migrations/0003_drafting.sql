-- Drafting: every language-model call is logged (never the key), and Settings may override the
-- endpoint's base URL and model. The key itself is never stored in the database.

CREATE SEQUENCE llm_call_id_seq START 1;
CREATE TABLE llm_call (
    id BIGINT PRIMARY KEY DEFAULT nextval('llm_call_id_seq'),
    called_at TIMESTAMP NOT NULL,
    provider TEXT NOT NULL,
    model TEXT NOT NULL DEFAULT '',
    purpose TEXT NOT NULL,
    tokens_in INTEGER,
    tokens_out INTEGER,
    latency_ms INTEGER NOT NULL,
    outcome TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT ''
);

CREATE TABLE setting (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
