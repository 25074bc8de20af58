"""Import batches: every import is one batch, so the last one can be undone as a whole.

Contacts imports, calendar imports and mailbox imports each open a batch in their committing
transaction, and each takes back its own batches (`lib/io/undo.py` picks which). The words the
Settings page shows about a batch live here too, one place for what each kind of import brings.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from lib import clock
from lib.db import Database

# What one row of each kind of batch is, for the user: (one, many).
NOUNS = {"ics": ("calendar event", "calendar events"), "mail": ("message", "messages")}
CONTACTS = ("contact", "contacts")


def open_in(con: Any, format: str, file_name: str, rows_read: int, created: int, now: datetime) -> int:
    """A new batch, inside the importing transaction; returns its id."""
    return con.execute("INSERT INTO import_batch (format, file_name, rows_read, created, created_at) "
                       "VALUES (?, ?, ?, ?, ?) RETURNING id",
                       [format, file_name, rows_read, created, now]).fetchall()[0][0]


def close_in(con: Any, batch: int) -> None:
    """Mark a batch undone (its rows are already taken back)."""
    con.execute("UPDATE import_batch SET undone_at = ? WHERE id = ?", [clock.utcnow(), batch])


def last(db: Database) -> dict[str, Any] | None:
    """The most recent import that has not been undone."""
    return db.row("SELECT * FROM import_batch WHERE undone_at IS NULL ORDER BY id DESC LIMIT 1")


def noun(batch: dict[str, Any], count: int) -> str:
    """What the batch's rows are, in words that agree with the count."""
    one, many = NOUNS.get(batch["format"], CONTACTS)
    return one if count == 1 else many
