-- Text typed but not yet saved (a debrief, the questions editor, a message draft), kept as it is typed so a
-- reload - phones reload tabs often - offers it back instead of losing it. One row per editor and field;
-- the editor's own save (or Discard) removes them. The links join lib/integrity.py's graph.
CREATE TABLE unsaved_text (
    scope TEXT NOT NULL,          -- which editor: 'debrief:12', 'questions:12', 'message:12', 'outreach:7'
    field TEXT NOT NULL,
    text TEXT NOT NULL,
    interview_id BIGINT,
    contact_id BIGINT,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (scope, field)
);
