-- Calendar imports: every event occurrence an import has seen, per contact it matched, so importing the
-- same export again updates what changed and creates nothing. The user's own email address, so that in a
-- calendar or a mailbox it is never taken for a contact's.
ALTER TABLE profile ADD COLUMN email TEXT NOT NULL DEFAULT '';

CREATE TABLE calendar_event (
    uid TEXT NOT NULL,
    recurrence_id TEXT NOT NULL DEFAULT '',
    contact_id BIGINT NOT NULL,
    starts_at TIMESTAMP NOT NULL,
    ends_at TIMESTAMP NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    place TEXT NOT NULL DEFAULT '',
    interaction_id BIGINT,
    interview_id BIGINT,
    created_interview BOOLEAN NOT NULL DEFAULT false,
    interview_before TEXT,  -- an attached interview's time, length and place before the import, as JSON
    import_batch_id BIGINT NOT NULL,
    PRIMARY KEY (uid, recurrence_id, contact_id)
);
