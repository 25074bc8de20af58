-- Two different messages can carry one Message-ID (a careless mailer, or a forger): each imported message
-- also keeps a fingerprint of its sender, date and subject, so a repeat is told from the message it copies.
-- Rows from before have none ('') and match any message with their Message-ID, as they did.
ALTER TABLE mail_message ADD COLUMN fingerprint TEXT NOT NULL DEFAULT '';
