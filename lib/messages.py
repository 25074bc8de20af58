"""Messages: thank-yous, report-backs and check-ins, written here and marked as sent.

Marking a message sent records the time, logs it on the contact's timeline, and completes the
follow-up it answers; a thank-you's latency (meeting end to sent) is then known for the dashboard.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import quote

from lib import clock, followups, interactions
from lib import profile as profiles
from lib.db import Database
from lib.validation import Invalid

KINDS = {"thank_you": "Thank-you", "report_back": "Report-back", "check_in": "Check-in",
         "outreach": "Outreach", "follow_up": "Follow-up"}
CHANNELS = {"email": "Email", "linkedin_note": "LinkedIn connection note",
            "linkedin_inmail": "LinkedIn InMail"}
INMAIL_LIMIT = 1900
# Which follow-up a sent message of each kind answers.
ANSWERS = {"thank_you": "thank_you", "report_back": "report_back", "check_in": "check_in"}


def limit(db: Database, channel: str) -> int | None:
    """Characters allowed on a channel: 200 (free) or 300 (Premium) for a note, 1,900 for InMail."""
    if channel == "linkedin_note":
        return 300 if profiles.get(db).linkedin_plan == "premium" else 200
    if channel == "linkedin_inmail":
        return INMAIL_LIMIT
    return None


def problems(db: Database, channel: str, subject: str, body: str) -> dict[str, str]:
    """What stops a message from being sent as it is."""
    found: dict[str, str] = {}
    if channel not in CHANNELS:
        found["channel"] = "Pick email, a LinkedIn note or InMail"
        return found
    if not body.strip():
        found["body"] = "The message is empty"
    cap = limit(db, channel)
    if cap is not None and len(body) > cap:
        found["body"] = f"{CHANNELS[channel]} allows {cap} characters; this one has {len(body)}"
    if channel == "email" and not subject.strip():
        found["subject"] = "An email needs a subject"
    return found


def save_draft(db: Database, contact_id: int, kind: str, channel: str, subject: str, body: str,
               interview_id: int | None = None, message_id: int | None = None) -> int:
    """Keep a draft (new, or replacing `message_id`); drafts may still break the rules."""
    if kind not in KINDS:
        raise Invalid({"kind": f"Unknown kind of message '{kind}'"})
    if channel not in CHANNELS:
        raise Invalid({"channel": "Pick email, a LinkedIn note or InMail"})
    now = clock.utcnow()
    if message_id is not None:
        db.execute("UPDATE message SET kind = ?, channel = ?, subject = ?, body = ?, updated_at = ? "
                   "WHERE id = ? AND status = 'draft'", [kind, channel, subject, body, now, message_id])
        return message_id
    return db.value(
        "INSERT INTO message (contact_id, interview_id, kind, channel, subject, body, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        [contact_id, interview_id, kind, channel, subject, body, now, now])


def get(db: Database, message_id: int) -> dict[str, Any]:
    """One message."""
    found = db.row("SELECT * FROM message WHERE id = ?", [message_id])
    if not found:
        raise Invalid({"message": f"No message {message_id}"})
    return found


def mark_sent(db: Database, message_id: int, when: datetime | None = None) -> None:
    """Sent: stamp it, log it, and complete the follow-up it answers - all or nothing."""
    message = get(db, message_id)
    found = problems(db, message["channel"], message["subject"], message["body"])
    if found:
        raise Invalid(found)
    when = when or clock.utcnow()
    with db.transaction() as con:
        con.execute("UPDATE message SET status = 'sent', sent_at = ?, updated_at = ? WHERE id = ?",
                    [when, clock.utcnow(), message_id])
        interactions.log(db, message["contact_id"], "message", when,
                         f"{KINDS[message['kind']]} sent ({CHANNELS[message['channel']]})")
        _answer(con, message["kind"], message["interview_id"], message["contact_id"], when)


def _answer(con: Any, kind: str, interview_id: int | None, contact_id: int, when: datetime) -> list[int]:
    """Complete the follow-up a sent message answers (a thank-you's, a report-back's); returns their ids."""
    answered = ANSWERS.get(kind)
    if not answered:
        return []
    if interview_id is not None:
        return followups.complete_where(con, "interview_id", interview_id, answered, when)
    return followups.complete_where(con, "contact_id", contact_id, answered, when)


def record_sent_in(con: Any, contact_id: int, interview_id: int | None, kind: str, channel: str, subject: str,
                   sent_at: datetime) -> tuple[int, list[int]]:
    """A message the user sent outside Rapport (found in their mailbox), inside the caller's transaction:
    kept as sent at its real time (its text is not known) and its follow-up completed by the same rule as
    *Mark as sent*. Returns the message and the follow-ups it completed, for an undo."""
    now = clock.utcnow()
    message = con.execute(
        "INSERT INTO message (contact_id, interview_id, kind, channel, subject, body, status, sent_at, created_at,"
        " updated_at) VALUES (?, ?, ?, ?, ?, '', 'sent', ?, ?, ?) RETURNING id",
        [contact_id, interview_id, kind, channel, subject, sent_at, now, now]).fetchall()[0][0]
    return message, _answer(con, kind, interview_id, contact_id, sent_at)


def delete_in(con: Any, message_id: int) -> None:
    """Take back a message an import recorded."""
    con.execute("DELETE FROM message WHERE id = ?", [message_id])


def for_interview(db: Database, interview_id: int) -> list[dict[str, Any]]:
    """Messages tied to an interview, newest first."""
    return db.rows("SELECT * FROM message WHERE interview_id = ? ORDER BY created_at DESC, id DESC",
                   [interview_id])


def mailto(to: str, subject: str, body: str) -> str:
    """A mailto: link that opens the user's mail client with the message filled in."""
    return f"mailto:{quote(to)}?subject={quote(subject)}&body={quote(body)}"
