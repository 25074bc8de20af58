"""Follow-ups: dated promises and reminders, the 3B7 rule in business days, and their states.

States, as the dashboard counts them: done on time (done by the due time), done late, overdue (open
and past due), snoozed (open, hidden until a later time), open (not yet due). A follow-up that no
longer applies - a reply came, the meeting was cancelled - is dismissed and counts as none of these.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

import pandas as pd

from lib import clock
from lib import profile as profiles
from lib.db import Database
from lib.validation import Invalid

KINDS: dict[str, str] = {
    "thank_you": "Thank-you",
    "offer": "Keep a promise",
    "report_back": "Report back",
    "ask_second_person": "3B7: ask a second person",
    "follow_up_once": "3B7: follow up once",
    "reach_out": "Reach out to a referral",
    "check_in": "Keep-in-touch check-in",
    "custom": "To do",
}
STATE_LABELS = {
    "overdue": "Overdue", "open": "Open", "snoozed": "Snoozed",
    "done_on_time": "Done on time", "done_late": "Done late", "dismissed": "No longer needed",
}
SNOOZES = {"1 day": timedelta(days=1), "3 days": timedelta(days=3), "1 week": timedelta(weeks=1)}


class FollowupNotFound(LookupError):
    """No follow-up with that id."""


# -- business days and the 3B7 rule ------------------------------------------------------------

def add_business_days(start: date, n: int, holidays: Iterable[date] = ()) -> date:
    """The date `n` working days after `start`, skipping weekends and the given holidays."""
    days_off = set(holidays)
    current, remaining = start, n
    while remaining > 0:
        current += timedelta(days=1)
        if current.weekday() < 5 and current not in days_off:
            remaining -= 1
    return current


def classify_responder(sent_on: date, replied_on: date | None, followed_up_on: date | None,
                       today: date) -> str:
    """Label a contact by how they answered an outreach, as the 2-Hour Job Search does.

    Booster: replied within 3 business days. Obligate: replied, but later. Curmudgeon: still no reply
    7 business days after the follow-up. Pending: none of these yet.
    """
    if replied_on is not None:
        return "booster" if replied_on <= add_business_days(sent_on, 3) else "obligate"
    if followed_up_on is not None and today >= add_business_days(followed_up_on, 7):
        return "curmudgeon"
    return "pending"


# -- creating and changing ----------------------------------------------------------------------

def end_of_day(day: date, tz: str) -> datetime:
    """A date-only deadline as the UTC moment the user's day ends."""
    return clock.to_utc(datetime.combine(day, time(23, 59)), tz)


TITLE_LIMIT = 300


def create(db: Database, contact_id: int, kind: str, title: str, due_at: datetime, *,
           interview_id: int | None = None, outreach_id: int | None = None,
           offer_id: int | None = None, notes: str = "", since: datetime | None = None) -> int:
    """Add a follow-up due at `due_at` (UTC); `since` is when it arose (default now), which the
    dashboard's follow-up history counts from."""
    if kind not in KINDS:
        raise Invalid({"kind": f"Unknown kind of follow-up '{kind}'"})
    if not title.strip():
        raise Invalid({"title": "Say what needs doing"})
    title = " ".join(title.split())
    if len(title) > TITLE_LIMIT:  # titles are made from offers and names, which can run long
        title = title[:TITLE_LIMIT - 1].rstrip() + "…"
    now = clock.utcnow()
    return db.value(
        "INSERT INTO followup (contact_id, interview_id, outreach_id, offer_id, kind, title, notes,"
        " due_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        [contact_id, interview_id, outreach_id, offer_id, kind, title.strip(), notes.strip(),
         due_at, min(since or now, now), now],
    )


def get(db: Database, followup_id: int) -> dict[str, Any]:
    """One follow-up, or FollowupNotFound."""
    found = db.row("SELECT * FROM followup WHERE id = ?", [followup_id])
    if not found:
        raise FollowupNotFound(f"No follow-up {followup_id}")
    return found


def complete(db: Database, followup_id: int, when: datetime | None = None) -> None:
    """Mark done (now, unless told when); on time or late follows from the due time."""
    get(db, followup_id)
    stamp = when or clock.utcnow()
    db.execute("UPDATE followup SET done_at = ?, snoozed_until = NULL, updated_at = ? WHERE id = ?",
               [stamp, clock.utcnow(), followup_id])


def reopen(db: Database, followup_id: int) -> None:
    """Undo a completion made by mistake."""
    get(db, followup_id)
    with db.transaction() as con:
        reopen_in(con, followup_id)


def reopen_in(con: Any, followup_id: int) -> None:
    """Open a follow-up again inside the caller's transaction (an import's undo reopens what it closed)."""
    con.execute("UPDATE followup SET done_at = NULL, dismissed_at = NULL, updated_at = ? WHERE id = ?",
                [clock.utcnow(), followup_id])


def snooze(db: Database, followup_id: int, until: datetime) -> None:
    """Hide an open follow-up until `until` (UTC); the due time, and so lateness, stays."""
    current = get(db, followup_id)
    if current["done_at"] is not None:
        raise Invalid({"snoozed_until": "This follow-up is already done"})
    if until <= clock.utcnow():
        raise Invalid({"snoozed_until": "Snooze until a time in the future"})
    db.execute("UPDATE followup SET snoozed_until = ?, updated_at = ? WHERE id = ?",
               [until, clock.utcnow(), followup_id])


def edit(db: Database, followup_id: int, *, title: str | None = None, due_at: datetime | None = None,
         notes: str | None = None) -> None:
    """Change what a follow-up says or when it is due."""
    current = get(db, followup_id)
    new_title = current["title"] if title is None else title.strip()
    if not new_title:
        raise Invalid({"title": "Say what needs doing"})
    if len(new_title) > TITLE_LIMIT:
        raise Invalid({"title": f"Keep it to one line (at most {TITLE_LIMIT} characters)"})
    db.execute(
        "UPDATE followup SET title = ?, due_at = ?, notes = ?, updated_at = ? WHERE id = ?",
        [new_title, due_at or current["due_at"], current["notes"] if notes is None else notes.strip(),
         clock.utcnow(), followup_id],
    )


def dismiss_where(con: Any, column: str, value: int, kinds: Iterable[str] | None = None,
                  when: datetime | None = None) -> list[int]:
    """Close open follow-ups that no longer apply, as of `when` (inside the caller's transaction); returns
    their ids, so an import can reopen them on undo."""
    sql = f"UPDATE followup SET dismissed_at = ?, updated_at = ? WHERE {column} = ? " \
          "AND done_at IS NULL AND dismissed_at IS NULL"
    params: list[Any] = [min(when or clock.utcnow(), clock.utcnow()), clock.utcnow(), value]
    if kinds:
        kinds = list(kinds)
        sql += f" AND kind IN ({', '.join('?' for _ in kinds)})"
        params += kinds
    return [row[0] for row in con.execute(sql + " RETURNING id", params).fetchall()]


def complete_where(con: Any, column: str, value: int, kind: str, when: datetime) -> list[int]:
    """Complete the open follow-ups of one kind tied to a record (inside the caller's transaction); returns
    their ids."""
    return [row[0] for row in con.execute(
        f"UPDATE followup SET done_at = ?, snoozed_until = NULL, updated_at = ? WHERE {column} = ? "
        "AND kind = ? AND done_at IS NULL AND dismissed_at IS NULL RETURNING id",
        [when, clock.utcnow(), value, kind],
    ).fetchall()]


# -- reading ------------------------------------------------------------------------------------

STATE_SQL = """
    CASE WHEN f.dismissed_at IS NOT NULL THEN 'dismissed'
         WHEN f.done_at IS NOT NULL AND f.done_at <= f.due_at THEN 'done_on_time'
         WHEN f.done_at IS NOT NULL THEN 'done_late'
         WHEN f.snoozed_until IS NOT NULL AND f.snoozed_until > $now THEN 'snoozed'
         WHEN f.due_at < $now THEN 'overdue'
         ELSE 'open' END
"""


def listing(db: Database, now: datetime | None = None, include_closed: bool = True) -> pd.DataFrame:
    """Every follow-up with its contact, organisation and state as of `now` (UTC)."""
    where = "" if include_closed else "WHERE f.done_at IS NULL AND f.dismissed_at IS NULL"
    return db.frame(
        f"SELECT f.*, c.full_name AS contact, coalesce(o.name, '') AS organisation, "
        f"{STATE_SQL} AS state FROM followup f "
        "JOIN contact c ON c.id = f.contact_id LEFT JOIN organisation o ON o.id = c.organisation_id "
        f"{where} ORDER BY f.due_at, f.id",
        {"now": now or clock.utcnow()},
    )


@dataclass
class Board:
    """Follow-ups grouped by urgency, as the Follow-ups page and Today show them."""

    overdue: pd.DataFrame
    today: pd.DataFrame
    this_week: pd.DataFrame
    later: pd.DataFrame
    snoozed: pd.DataFrame
    done: pd.DataFrame


def board(db: Database, now: datetime | None = None) -> Board:
    """Open follow-ups by urgency in the user's time zone, then snoozed and done ones."""
    now = now or clock.utcnow()
    tz = profiles.get(db).time_zone
    frame = listing(db, now)
    local_today = clock.to_local(now, tz).date()
    due_day = clock.local_dates(frame["due_at"], tz)
    week_end = local_today + timedelta(days=6 - local_today.weekday())
    open_ = frame["state"].isin(["open", "overdue"])
    return Board(
        overdue=frame[frame["state"] == "overdue"],
        today=frame[open_ & (frame["state"] != "overdue") & (due_day == local_today)],
        this_week=frame[open_ & (due_day > local_today) & (due_day <= week_end)],
        later=frame[open_ & (due_day > week_end)],
        snoozed=frame[frame["state"] == "snoozed"],
        done=frame[frame["state"].isin(["done_on_time", "done_late"])].sort_values(
            "done_at", ascending=False),
    )


def due(db: Database, today: date | None = None, days: int = 7) -> list[dict[str, Any]]:
    """Overdue follow-ups and those due within `days`, for the daily digest (`lib.cli due`).

    Snoozed ones stay out of the digest until their snooze ends.
    """
    tz = profiles.get(db).time_zone
    today = today or clock.today(tz)
    horizon = end_of_day(today + timedelta(days=days), tz)
    # For another day than today, judge lateness as that day begins.
    now = clock.utcnow() if today == clock.today(tz) else clock.to_utc(datetime.combine(today, time()), tz)
    frame = listing(db, now, include_closed=False)
    frame = frame[(frame["due_at"] <= horizon) & (frame["state"] != "snoozed")]
    return [
        {"id": int(r["id"]), "kind": r["kind"], "title": r["title"], "contact": r["contact"],
         "contact_id": int(r["contact_id"]), "organisation": r["organisation"] or None,
         "due": clock.to_local(r["due_at"].to_pydatetime(), tz).date().isoformat(),
         "state": r["state"]}
        for r in frame.to_dict("records")
    ]


def check_ins(db: Database, today: date | None = None) -> pd.DataFrame:
    """Contacts whose next keep-in-touch date has come: a check-in is due, most overdue first.

    Only people met (an interaction on their timeline, or a first meeting typed in by hand) or given a cadence
    of their own: a LinkedIn export's 500 connections never met would each be "due 7 years ago" and flood it."""
    from lib import contacts

    today = today or clock.today(profiles.get(db).time_zone)
    frame = contacts.search(db, today=today, sort="next_due")
    kept = (frame["last_interaction_at"].notna() | frame["cadence_days"].notna()
            | (frame["first_met_on"].notna() & frame["import_batch_id"].isna()))
    return frame[kept & (pd.to_datetime(frame["keep_in_touch_due"]).dt.date <= today)]


def health(db: Database, now: datetime | None = None,
           among: tuple[str, dict[str, Any]] | None = None) -> dict[str, int]:
    """The current split of follow-ups: done on time, done late, overdue, open.

    A snooze hides a follow-up from today's list; it does not make a missed date on time, so a snoozed
    follow-up past its due time counts as overdue, and one not yet due as open. `among` narrows to the
    contacts the dashboard's filters keep: a predicate on `f.contact_id`, with its parameters.
    """
    kept, params = among or ("TRUE", {})
    counts = {r["state"]: r["n"] for r in db.rows(
        "SELECT CASE WHEN state = 'snoozed' THEN CASE WHEN due_at < $now THEN 'overdue' ELSE 'open' END"
        f" ELSE state END AS state, count(*) AS n FROM (SELECT {STATE_SQL} AS state, f.due_at FROM followup f"
        f" WHERE {kept}) GROUP BY ALL", params | {"now": now or clock.utcnow()})}
    return {"on_time": counts.get("done_on_time", 0), "late": counts.get("done_late", 0),
            "overdue": counts.get("overdue", 0), "open": counts.get("open", 0)}


# As they stood at $at (naive UTC): made before it; done (on time or late) if done before it, and not after
# being dismissed; gone if dismissed before it; else overdue once due, or open. The dashboard's weekly
# series counts each week's end by this same rule, so a headline equals the last point of its chart.
STANDING_SQL = """
    CASE WHEN f.done_at < $at AND (f.dismissed_at IS NULL OR f.done_at <= f.dismissed_at)
              THEN CASE WHEN f.done_at <= f.due_at THEN 'on_time' ELSE 'late' END
         WHEN f.done_at < $at OR f.dismissed_at < $at THEN 'gone'
         WHEN f.due_at < $at THEN 'overdue'
         ELSE 'open' END
"""


def standing(db: Database, at: datetime, among: tuple[str, dict[str, Any]] | None = None) -> dict[str, int]:
    """The split of follow-ups as it stood at `at` (UTC): later completions, dismissals and follow-ups made
    later do not count, so a past day reads as it did then. Snoozed ones count by their due time."""
    kept, params = among or ("TRUE", {})
    counts = {r["state"]: int(r["n"]) for r in db.rows(
        f"SELECT {STANDING_SQL} AS state, count(*) AS n FROM followup f WHERE {kept} AND f.created_at < $at "
        "GROUP BY ALL", params | {"at": at})}
    return {k: counts.get(k, 0) for k in ("on_time", "late", "overdue", "open")}
