"""Where each sync stopped, and what each run did: the cursor tables and sync_run, written only here.

Cursors are written inside the transaction that commits what was read (the importers' `also` hook), so
a run that fails half-way leaves the old cursor, and the next run reads the same messages again.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from lib import clock
from lib.db import Database


def mail(db: Database, account: str) -> dict[str, tuple[int, int]]:
    """Each folder's (UIDVALIDITY, last UID read) for one mail account."""
    return {r["folder"]: (r["uidvalidity"], r["last_uid"]) for r in db.rows(
        "SELECT folder, uidvalidity, last_uid FROM mail_sync_cursor WHERE account = ?", [account])}


def move_mail_in(con: Any, account: str, folder: str, uidvalidity: int, last_uid: int, now: datetime) -> None:
    """Where reading this folder stopped, inside the committing transaction."""
    con.execute("INSERT OR REPLACE INTO mail_sync_cursor (account, folder, uidvalidity, last_uid, synced_at)"
                " VALUES (?, ?, ?, ?, ?)", [account, folder, uidvalidity, last_uid, now])


def forget_mail_in(con: Any, account: str, folder: str) -> None:
    """A folder that vanished from the server: its cursor goes, so a folder of that name starts afresh."""
    con.execute("DELETE FROM mail_sync_cursor WHERE account = ? AND folder = ?", [account, folder])


def calendar(db: Database, account: str) -> dict[str, str]:
    """Each calendar's last sync-token (or ETag) for one calendar account."""
    return {r["calendar"]: r["token"] for r in db.rows(
        "SELECT calendar, token FROM calendar_sync_cursor WHERE account = ?", [account])}


def move_calendar_in(con: Any, account: str, name: str, token: str, now: datetime) -> None:
    """The token a calendar answered, inside the committing transaction."""
    con.execute("INSERT OR REPLACE INTO calendar_sync_cursor (account, calendar, token, synced_at)"
                " VALUES (?, ?, ?, ?)", [account, name, token, now])


def record(db: Database, source: str, summary: dict[str, Any], batch: int | None = None, error: str = "") -> None:
    """What one run did (or the sentence that stopped it), for Settings → Sync."""
    with db.transaction() as con:
        con.execute("INSERT INTO sync_run (source, ran_at, import_batch_id, summary, error) VALUES (?, ?, ?, ?, ?)",
                    [source, clock.utcnow(), batch, json.dumps(summary, default=str), error])


def last_runs(db: Database) -> list[dict[str, Any]]:
    """The latest run of each source, newest first, with its summary read back."""
    rows = db.rows("SELECT * FROM sync_run WHERE id IN (SELECT max(id) FROM sync_run GROUP BY source) "
                   "ORDER BY id DESC")
    return [r | {"summary": json.loads(r["summary"] or "{}")} for r in rows]


def last_undoable(db: Database) -> dict[str, Any] | None:
    """The newest sync whose import batch is still in place: what *Undo the last sync* takes back."""
    return db.row("SELECT r.id, r.source, r.ran_at, r.import_batch_id, b.created FROM sync_run r "
                  "JOIN import_batch b ON b.id = r.import_batch_id WHERE b.undone_at IS NULL "
                  "ORDER BY r.id DESC LIMIT 1")
