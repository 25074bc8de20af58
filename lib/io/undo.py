"""Undoing the last import, whichever importer wrote it: each takes back its own batch."""

from __future__ import annotations

from lib.db import Database
from lib.io import calendars, imports, mailboxes

UNDO = {"ics": calendars.undo, "mail": mailboxes.undo}


def undo(db: Database, batch: int) -> int:
    """Take back everything an import wrote; returns how many of its rows were taken back."""
    kind = db.value("SELECT format FROM import_batch WHERE id = ?", [batch])
    return UNDO.get(kind, imports.undo_contacts)(db, batch)
