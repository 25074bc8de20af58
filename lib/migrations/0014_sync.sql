-- Live sync (lib/sync/): where each source stopped, so the next run reads only what is new. A cursor moves
-- only in the transaction that commits what was read, so a run that fails half-way leaves the old one.
-- Mail: UIDVALIDITY and the last UID read, per account and folder. An account is named by host and user
-- name; passwords and secret calendar links never reach the database (a link is named by a fingerprint).
CREATE TABLE mail_sync_cursor (
    account TEXT NOT NULL,
    folder TEXT NOT NULL,
    uidvalidity BIGINT NOT NULL,
    last_uid BIGINT NOT NULL,
    synced_at TIMESTAMP NOT NULL,
    PRIMARY KEY (account, folder)
);

-- Calendars: the sync-token (or ETag) each calendar answered last, per account and calendar.
CREATE TABLE calendar_sync_cursor (
    account TEXT NOT NULL,
    calendar TEXT NOT NULL,
    token TEXT NOT NULL DEFAULT '',
    synced_at TIMESTAMP NOT NULL,
    PRIMARY KEY (account, calendar)
);

-- What each sync did, for Settings → Sync: its summary as JSON (counts, what was skipped and why) or the
-- one sentence that stopped it, and the import batch it committed (to undo it as an import).
CREATE SEQUENCE sync_run_id_seq START 1;
CREATE TABLE sync_run (
    id BIGINT PRIMARY KEY DEFAULT nextval('sync_run_id_seq'),
    source TEXT NOT NULL,          -- mail, calendar
    ran_at TIMESTAMP NOT NULL,
    import_batch_id BIGINT,
    summary TEXT NOT NULL DEFAULT '{}',
    error TEXT NOT NULL DEFAULT ''
);
