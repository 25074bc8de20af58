"""Calendar files (.ics) that Google Calendar and Outlook accept.

UIDs are stable (`interview-7@rapport.local`, `followup-12@rapport.local`) and SEQUENCE grows with
each change, so importing a newer export updates the events instead of duplicating them.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from icalendar import Calendar, Event

from lib import clock, followups, interviews
from lib import profile as profiles
from lib.db import Database

DOMAIN = "rapport.local"


def _calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", "-//Rapport//Informational interviews//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    return cal


def _utc(ts: datetime) -> datetime:
    return ts.replace(tzinfo=UTC)


def _sequence(updated_at: datetime) -> int:
    """A number that grows with every edit, as calendar clients expect of a changed event."""
    return int(updated_at.replace(tzinfo=UTC).timestamp())


def interview_event(meeting: dict[str, Any]) -> Event:
    """One interview as a timed event, with who, where and why."""
    event = Event()
    event.add("uid", f"interview-{meeting['id']}@{DOMAIN}")
    event.add("dtstamp", _utc(clock.utcnow()))
    event.add("sequence", _sequence(meeting["updated_at"]))
    event.add("dtstart", _utc(meeting["scheduled_at"]))
    event.add("dtend", _utc(meeting["scheduled_at"] + timedelta(minutes=int(meeting["duration_minutes"]))))
    where = f" ({meeting['organisation']})" if meeting.get("organisation") else ""
    event.add("summary", f"Informational interview with {meeting['contact']}{where}")
    if meeting.get("place"):
        event.add("location", meeting["place"])
    details = [f"Mode: {interviews.MODES[meeting['mode']]}"]
    if meeting.get("purpose"):
        details.append(f"Purpose: {meeting['purpose']}")
    if meeting.get("goals"):
        details.append(f"My goals: {meeting['goals']}")
    event.add("description", "\n".join(details))
    event.add("status", "CANCELLED" if meeting["status"] in ("cancelled", "no_show") else "CONFIRMED")
    return event


def followup_event(item: dict[str, Any], tz: str) -> Event:
    """One open follow-up as an all-day event on its due date."""
    event = Event()
    event.add("uid", f"followup-{item['id']}@{DOMAIN}")
    event.add("dtstamp", _utc(clock.utcnow()))
    event.add("sequence", _sequence(item["updated_at"]))
    day = clock.to_local(item["due_at"], tz).date()
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", f"Rapport: {item['title']}")
    event.add("description", f"{followups.KINDS[item['kind']]} - {item['contact']}"
              + (f"\n{item['notes']}" if item.get("notes") else ""))
    event.add("transp", "TRANSPARENT")
    return event


def invitation(db: Database, interview_id: int) -> bytes:
    """An .ics holding one interview, to add it to the user's calendar."""
    cal = _calendar("Rapport interview")
    cal.add_component(interview_event(interviews.get(db, interview_id)))
    return cal.to_ical()


def agenda(db: Database, now: datetime | None = None) -> bytes:
    """Upcoming interviews and every open follow-up, as one calendar."""
    now = now or clock.utcnow()
    tz = profiles.get(db).time_zone
    cal = _calendar("Rapport")
    for meeting in interviews.listing(db, "planned").to_dict("records"):
        if meeting["ends_at"] >= now:
            cal.add_component(interview_event(_plain(meeting)))
    for item in followups.listing(db, now, include_closed=False).to_dict("records"):
        cal.add_component(followup_event(_plain(item), tz))
    return cal.to_ical()


def _plain(record: dict[str, Any]) -> dict[str, Any]:
    """pandas Timestamps back to datetimes for icalendar."""
    return {k: v.to_pydatetime() if hasattr(v, "to_pydatetime") else v for k, v in record.items()}
