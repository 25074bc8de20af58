"""What needs doing now: the Today page's sections, computed in one place."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pandas as pd

from lib import clock, contacts, followups, interviews, wording
from lib import profile as profiles
from lib.db import Database
from lib.drafting.material import join

COLD_LIMIT = 8


@dataclass
class Agenda:
    """Today's sections, each a DataFrame the page lays out."""

    meetings_today: pd.DataFrame
    meetings_this_week: pd.DataFrame
    thank_yous: pd.DataFrame
    overdue: pd.DataFrame
    due_today: pd.DataFrame
    going_cold: pd.DataFrame
    progress: dict[str, int]
    due_this_week: pd.DataFrame  # follow-ups due after today and within the week, thank-yous aside
    overdue_total: int  # every overdue follow-up, thank-yous and snoozed ones included: the Dashboard's count


def _due_within_a_week(frame: pd.DataFrame, tz: str, local_today: date) -> pd.DataFrame:
    """Open follow-ups due in the next seven days (not the calendar week: on a Sunday that is one day)."""
    day = clock.local_dates(frame["due_at"], tz)
    soon = frame[(day > local_today) & (day <= local_today + timedelta(days=7)) & (frame["kind"] != "thank_you")]
    return soon.sort_values("due_at")


def first_steps(db: Database) -> dict[str, tuple[str, bool]]:
    """A newcomer's three steps (a target employer, a contact, a request for a conversation) and which are done."""
    found = db.rows("SELECT (SELECT count(*) FROM organisation WHERE is_target) AS targets,"
                    " (SELECT count(*) FROM contact) AS people,"
                    " (SELECT count(*) FROM outreach) + (SELECT count(*) FROM interview) AS asked")[0]
    return {
        "target": ("Add a target employer - somewhere you would love to work", found["targets"] > 0),
        "contact": ("Add a contact - someone whose work you would like to learn about", found["people"] > 0),
        "ask": ("Ask for a conversation - log the request, and Rapport keeps track", found["asked"] > 0),
    }


def agenda(db: Database, now: datetime | None = None) -> Agenda:
    """Meetings, pending thank-yous with hours left, due follow-ups, cooling contacts, the weekly goal."""
    now = now or clock.utcnow()
    tz = profiles.get(db).time_zone
    local_today = clock.to_local(now, tz).date()
    upcoming = interviews.stages(db, now)["upcoming"]
    day = clock.local_dates(upcoming["scheduled_at"], tz)
    board = followups.board(db, now)
    still_open = pd.concat([board.overdue, board.today, board.this_week, board.later, board.snoozed])
    open_thanks = still_open[still_open["kind"] == "thank_you"].copy()
    open_thanks["hours_left"] = (open_thanks["due_at"] - now).dt.total_seconds() / 3600
    cooling = contacts.search(db, today=local_today, sort="next_due")
    cooling = cooling[cooling["keep_in_touch_state"].isin(["due_soon", "overdue"])].head(COLD_LIMIT)
    return Agenda(
        meetings_today=upcoming[day == local_today],
        meetings_this_week=upcoming[(day > local_today) & (day <= local_today + timedelta(days=7))],
        thank_yous=open_thanks.sort_values("due_at"),
        overdue=board.overdue[board.overdue["kind"] != "thank_you"],
        due_today=board.today[board.today["kind"] != "thank_you"],
        going_cold=cooling,
        progress=interviews.weekly_progress(db, local_today),
        due_this_week=_due_within_a_week(pd.concat([board.this_week, board.later]), tz, local_today),
        # A snooze takes a follow-up off today's list; past due and not done, it is still overdue.
        overdue_total=len(board.overdue) + int((board.snoozed["due_at"] < now).sum()),
    )


def _count(n: int, one: str, many: str) -> str:
    return wording.count(n, one, many, none=None)


def headline(plan: Agenda, tz: str | None) -> str:
    """Today's to-do in a sentence or two, first on the page: on a phone it is what the first screen has room for."""
    actions = []
    for meeting in plan.meetings_today.to_dict("records"):
        start = clock.to_local(pd.Timestamp(meeting["scheduled_at"]).to_pydatetime(), tz)
        actions.append(f"meet {meeting['contact']} at {start:%H:%M}")
    if len(plan.thank_yous):
        actions.append("send " + _count(len(plan.thank_yous), "thank-you", "thank-yous"))
    standing = []
    if plan.overdue_total:
        standing.append(_count(plan.overdue_total, "follow-up is overdue", "follow-ups are overdue"))
    if len(plan.due_today):
        standing.append(_count(len(plan.due_today), "follow-up is due today", "follow-ups are due today"))
    overdue = join(standing)
    said = ([f"To do today: {join(actions)}."] if actions else []) + (
        [overdue[:1].upper() + overdue[1:] + "."] if standing else [])
    return " ".join(said) or "Nothing is due today."
