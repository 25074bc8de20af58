-- Reminders that leave the app (lib/reminders.py): when they go out, in the user's own time zone, and
-- which reminder went to which channel. A channel is named by a fingerprint of its redacted address,
-- never by its URL: the URLs carry passwords and tokens and live only in .streamlit/secrets.toml.
ALTER TABLE profile ADD COLUMN digest_hour INTEGER NOT NULL DEFAULT 7;
ALTER TABLE profile ADD COLUMN prep_lead_hours INTEGER NOT NULL DEFAULT 2;
ALTER TABLE profile ADD COLUMN nudge_hours INTEGER NOT NULL DEFAULT 4;
ALTER TABLE profile ADD COLUMN weekly_review BOOLEAN NOT NULL DEFAULT true;

CREATE TABLE reminder_sent (
    reminder TEXT NOT NULL,      -- the reminder's stable key: digest:2026-12-01, prep:12:2026-12-02T09:00 …
    channel TEXT NOT NULL,       -- sha256 of the channel's redacted address, first 16 hex digits
    kind TEXT NOT NULL,          -- digest, prep, thank_you, weekly
    attempted_at TIMESTAMP NOT NULL,
    ok BOOLEAN NOT NULL,
    reason TEXT NOT NULL DEFAULT '',  -- why it failed, with nothing of the URL in it
    PRIMARY KEY (reminder, channel)
);
