"""Text typed but not saved yet, kept in the database as it is typed, so a reload offers it back.

An editor is a `scope` ("debrief:12"); each of its fields is a row. Saving the real thing, or choosing
Discard, forgets the scope. Times are UTC, as everywhere.
"""

from __future__ import annotations

from datetime import datetime

from lib import clock
from lib.db import Database
from lib.validation import TEXT_LIMIT


def keep(db: Database, scope: str, field: str, text: str, *, interview_id: int | None = None,
         contact_id: int | None = None) -> None:
    """Remember what is typed in one field (an emptied field is forgotten, so blank forms offer nothing)."""
    if not text.strip():
        db.execute("DELETE FROM unsaved_text WHERE scope = ? AND field = ?", [scope, field])
        return
    db.execute(
        "INSERT INTO unsaved_text (scope, field, text, interview_id, contact_id, updated_at) VALUES (?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (scope, field) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at",
        [scope, field, text[:TEXT_LIMIT], interview_id, contact_id, clock.utcnow()])


def of(db: Database, scope: str) -> dict[str, str]:
    """Every field kept for `scope`, by name; empty when nothing waits."""
    return {row["field"]: row["text"] for row in db.rows(
        "SELECT field, text FROM unsaved_text WHERE scope = ? ORDER BY field", [scope])}


def since(db: Database, scope: str) -> datetime | None:
    """When the kept text of `scope` was last typed (UTC), or None."""
    return db.value("SELECT max(updated_at) FROM unsaved_text WHERE scope = ?", [scope])


def forget(db: Database, scope: str) -> None:
    """The editor was saved or its text discarded: nothing to offer back any more."""
    db.execute("DELETE FROM unsaved_text WHERE scope = ?", [scope])
