"""Touchpoints on a contact's timeline; the latest one resets the keep-in-touch clock."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from lib import clock
from lib.db import Database
from lib.validation import LINE_LIMIT, Invalid

KINDS: dict[str, str] = {
    "meeting": "Meeting",
    "call": "Call",
    "message": "Message sent",
    "outreach": "Outreach sent",
    "reply": "Reply received",
    "intro_made": "Introduction made",
    "help_given": "Help given",
    "help_received": "Help received",
    "note": "Note",
}
# A little slack so a time typed "now" on a machine whose clock runs ahead is not refused.
FUTURE_SLACK = timedelta(minutes=5)
NOTE_LIMIT = LINE_LIMIT  # the note is one line on the timeline, as the README says


def summary(text: str) -> str:
    """Stored text (an offer, a purpose) as a note that fits on one timeline line."""
    line = " ".join(text.split())
    return line if len(line) <= NOTE_LIMIT else line[: NOTE_LIMIT - 1].rstrip() + "…"


def log(
    db: Database,
    contact_id: int,
    kind: str,
    occurred_at: datetime | None = None,
    note: str = "",
) -> int:
    """Record a touchpoint (UTC `occurred_at`, default now); it must not lie in the future."""
    if kind not in KINDS:
        raise Invalid({"kind": f"Unknown kind of interaction '{kind}'"})
    when = occurred_at or clock.utcnow()
    if when > clock.utcnow() + FUTURE_SLACK:
        raise Invalid({"occurred_at": "An interaction cannot be in the future; "
                                      "plan it as a follow-up instead"})
    if len(note.strip()) > NOTE_LIMIT:
        raise Invalid({"note": f"A note is one line of at most {NOTE_LIMIT} characters ({len(note.strip()):,} "
                               "typed); keep longer notes on the contact's Notes"})
    if not db.value("SELECT count(*) FROM contact WHERE id = ?", [contact_id]):
        raise Invalid({"contact_id": f"No contact {contact_id}"})
    with db.connect() as con:
        return insert(con, contact_id, kind, when, note.strip())


def insert(con: Any, contact_id: int, kind: str, occurred_at: datetime, note: str) -> int:
    """The row itself, inside the caller's transaction: imports write many at once, already checked."""
    return con.execute("INSERT INTO interaction (contact_id, kind, occurred_at, note, created_at) "
                       "VALUES (?, ?, ?, ?, ?) RETURNING id",
                       [contact_id, kind, occurred_at, note, clock.utcnow()]).fetchall()[0][0]


def update_in(con: Any, interaction_id: int, occurred_at: datetime, note: str) -> None:
    """A logged touchpoint that moved (its calendar event did), inside the caller's transaction."""
    con.execute("UPDATE interaction SET occurred_at = ?, note = ? WHERE id = ?", [occurred_at, note, interaction_id])


def delete_in(con: Any, interaction_id: int) -> None:
    """Take back a touchpoint an import logged."""
    con.execute("DELETE FROM interaction WHERE id = ?", [interaction_id])


def timeline(db: Database, contact_id: int) -> list[dict[str, Any]]:
    """A contact's touchpoints, newest first."""
    return db.rows(
        "SELECT id, kind, occurred_at, note FROM interaction WHERE contact_id = ? "
        "ORDER BY occurred_at DESC, id DESC",
        [contact_id],
    )
