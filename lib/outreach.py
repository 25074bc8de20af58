"""Outreach: asking for a conversation, and the 3B7 routine that follows each request.

3 business days with no reply: ask a second person at the same organisation. 7 business days with
no reply: follow up once with the first person. A reply closes both.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from lib import clock, followups, interactions
from lib import profile as profiles
from lib.db import Database
from lib.validation import Invalid

CHANNELS = {"email": "Email", "linkedin": "LinkedIn", "introduction": "Introduction"}
RESPONDER_LABELS = {"booster": "Booster", "obligate": "Obligate", "curmudgeon": "Curmudgeon",
                    "pending": "Pending"}


class OutreachNotFound(LookupError):
    """No outreach with that id."""


def log(db: Database, contact_id: int, channel: str, sent_on: date, text: str = "") -> int:
    """Record a request for a conversation and schedule its 3B7 reminders."""
    if channel not in CHANNELS:
        raise Invalid({"channel": "Pick email, LinkedIn or introduction"})
    tz = profiles.get(db).time_zone
    if sent_on > clock.today(tz):
        raise Invalid({"sent_on": "An outreach cannot be sent in the future"})
    person = db.row("SELECT c.full_name, o.name AS organisation FROM contact c "
                    "LEFT JOIN organisation o ON o.id = c.organisation_id WHERE c.id = ?", [contact_id])
    if not person:
        raise Invalid({"contact_id": f"No contact {contact_id}"})
    where = person["organisation"] or "their organisation"
    with db.transaction() as con:
        outreach_id = con.execute(
            "INSERT INTO outreach (contact_id, channel, sent_on, text, created_at) "
            "VALUES (?, ?, ?, ?, ?) RETURNING id",
            [contact_id, channel, sent_on, text.strip(), clock.utcnow()]).fetchall()[0][0]
        interactions.log(db, contact_id, "outreach", _at_noon(sent_on, tz), f"{CHANNELS[channel]} request")
        followups.create(db, contact_id, "ask_second_person", f"Ask a second person at {where}",
                         followups.end_of_day(followups.add_business_days(sent_on, 3), tz),
                         outreach_id=outreach_id, since=_at_noon(sent_on, tz))
        followups.create(db, contact_id, "follow_up_once", f"Follow up once with {person['full_name']}",
                         followups.end_of_day(followups.add_business_days(sent_on, 7), tz),
                         outreach_id=outreach_id, since=_at_noon(sent_on, tz))
    return outreach_id


def get(db: Database, outreach_id: int) -> dict[str, Any]:
    """One outreach, or OutreachNotFound."""
    found = db.row("SELECT * FROM outreach WHERE id = ?", [outreach_id])
    if not found:
        raise OutreachNotFound(f"No outreach {outreach_id}")
    return found


def record_reply(db: Database, outreach_id: int, replied_on: date) -> None:
    """A reply came: close the 3B7 reminders and log it on the timeline."""
    sent = get(db, outreach_id)
    tz = profiles.get(db).time_zone
    if replied_on < sent["sent_on"]:
        raise Invalid({"replied_on": "The reply cannot come before the request was sent"})
    if replied_on > clock.today(tz):
        raise Invalid({"replied_on": "A reply cannot come in the future"})
    with db.transaction() as con:
        reply_in(con, outreach_id, sent["contact_id"], replied_on, _at_noon(replied_on, tz))


def reply_in(con: Any, outreach_id: int, contact_id: int, replied_on: date, at: datetime,
             note: str = "") -> tuple[list[int], int]:
    """The 3B7 rule for a reply, inside the caller's transaction (the form's, or a mailbox import's): the
    request is answered, its reminders close as of the reply, and the timeline has it. Returns the
    follow-ups it closed and the timeline entry, for an undo."""
    con.execute("UPDATE outreach SET replied_on = ? WHERE id = ?", [replied_on, outreach_id])
    closed = followups.dismiss_where(con, "outreach_id", outreach_id, when=at)
    return closed, interactions.insert(con, contact_id, "reply", at, note)


def forget_reply_in(con: Any, outreach_id: int) -> None:
    """Undo a reply an import recorded: the request is open again (its reminders are reopened by id)."""
    con.execute("UPDATE outreach SET replied_on = NULL WHERE id = ?", [outreach_id])


def record_follow_up_sent(db: Database, outreach_id: int, sent_on: date) -> None:
    """The one follow-up went out: note it (for the Curmudgeon clock) and complete its reminder."""
    sent = get(db, outreach_id)
    tz = profiles.get(db).time_zone
    if sent_on < sent["sent_on"] or sent_on > clock.today(tz):
        raise Invalid({"followed_up_on": "The follow-up goes between the request and today"})
    when = _at_noon(sent_on, tz)
    with db.transaction() as con:
        con.execute("UPDATE outreach SET followed_up_on = ? WHERE id = ?", [sent_on, outreach_id])
        followups.complete_where(con, "outreach_id", outreach_id, "follow_up_once", when)
        interactions.log(db, sent["contact_id"], "message", when, "Followed up on my request")


def _at_noon(day: date, tz: str) -> datetime:
    """A date-only event placed at local noon, or now if that is still ahead today."""
    return min(clock.to_utc(datetime.combine(day, time(12)), tz), clock.utcnow())


def listing(db: Database, today: date | None = None) -> list[dict[str, Any]]:
    """Every outreach with its contact and the responder label as of `today`."""
    tz = profiles.get(db).time_zone
    today = today or clock.today(tz)
    rows = db.rows(
        "SELECT r.*, c.full_name AS contact, coalesce(o.name, '') AS organisation FROM outreach r "
        "JOIN contact c ON c.id = r.contact_id LEFT JOIN organisation o ON o.id = c.organisation_id "
        "ORDER BY r.sent_on DESC, r.id DESC")
    for row in rows:
        row["responder"] = followups.classify_responder(row["sent_on"], row["replied_on"],
                                                        row["followed_up_on"], today)
    return rows


def open_for(db: Database, contact_id: int) -> list[dict[str, Any]]:
    """A contact's outreach still waiting for a reply, newest first."""
    return db.rows("SELECT * FROM outreach WHERE contact_id = ? AND replied_on IS NULL "
                   "ORDER BY sent_on DESC", [contact_id])
