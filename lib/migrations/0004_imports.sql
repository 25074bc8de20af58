-- Imports: each import is a batch that can be undone as a whole; contacts and organisations it
-- created remember their batch. Saved column mappings for "any CSV" live in the setting table.

CREATE SEQUENCE import_batch_id_seq START 1;
CREATE TABLE import_batch (
    id BIGINT PRIMARY KEY DEFAULT nextval('import_batch_id_seq'),
    format TEXT NOT NULL,
    file_name TEXT NOT NULL DEFAULT '',
    rows_read INTEGER NOT NULL,
    created INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    undone_at TIMESTAMP
);

ALTER TABLE contact ADD COLUMN import_batch_id BIGINT;
ALTER TABLE organisation ADD COLUMN import_batch_id BIGINT;
