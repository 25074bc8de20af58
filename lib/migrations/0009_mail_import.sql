-- Mail imports: every message an import has logged, per contact, by its Message-ID (so the same mailbox
-- imported again changes nothing), with what undoing it must put back (a reply's request, a thank-you's
-- follow-up) as JSON.
CREATE TABLE mail_message (
    message_id TEXT NOT NULL,
    contact_id BIGINT NOT NULL,
    interaction_id BIGINT NOT NULL,
    undo TEXT NOT NULL DEFAULT '{}',
    import_batch_id BIGINT NOT NULL,
    PRIMARY KEY (message_id, contact_id)
);
