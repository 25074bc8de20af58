"""lib/io/ics.py: calendars that parse back, with UIDs that stay put across exports."""

from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar

from lib import clock, contacts, followups, interviews, profile
from lib.db import Database
from lib.io import ics


def _events(data: bytes) -> dict[str, object]:
    return {str(e["uid"]): e for e in Calendar.from_ical(data).walk("VEVENT")}


def test_the_agenda_holds_upcoming_interviews_and_open_follow_ups(db: Database) -> None:
    profile.save(db, time_zone="Europe/London")
    ana = contacts.create(db, full_name="Ana Okafor", organisation="Ledgerly")
    ahead = clock.utcnow().replace(second=0, microsecond=0) + timedelta(days=2)
    meeting = interviews.schedule(db, ana, ahead, duration_minutes=45, place="Café Nero", purpose="Learn")
    task = followups.create(db, ana, "custom", "Send the article", followups.end_of_day(date(2026, 12, 3),
                                                                                     "Europe/London"))
    done = followups.create(db, ana, "custom", "Already done", clock.utcnow())
    followups.complete(db, done)
    events = _events(ics.agenda(db))
    assert set(events) == {f"interview-{meeting}@rapport.local", f"followup-{task}@rapport.local"}
    talk = events[f"interview-{meeting}@rapport.local"]
    assert str(talk["summary"]) == "Informational interview with Ana Okafor (Ledgerly)"
    assert talk.decoded("dtstart") == ahead.replace(tzinfo=UTC)
    assert talk.decoded("dtend") - talk.decoded("dtstart") == timedelta(minutes=45)
    assert str(talk["location"]) == "Café Nero"
    reminder = events[f"followup-{task}@rapport.local"]
    assert reminder.decoded("dtstart") == date(2026, 12, 3)
    assert str(reminder["summary"]) == "Rapport: Send the article"


def test_a_second_export_keeps_uids_and_raises_the_sequence_of_what_changed(db: Database) -> None:
    ana = contacts.create(db, full_name="Ana")
    meeting = interviews.schedule(db, ana, clock.utcnow() + timedelta(days=2))
    uid = f"interview-{meeting}@rapport.local"
    db.execute("UPDATE interview SET updated_at = updated_at - INTERVAL 1 HOUR WHERE id = ?", [meeting])
    first = _events(ics.agenda(db))[uid]  # exported an hour ago, as it were
    assert _events(ics.agenda(db))[uid]["sequence"] == first["sequence"]
    interviews.reschedule(db, meeting, duration_minutes=60)
    second = _events(ics.agenda(db))[uid]
    assert int(second["sequence"]) > int(first["sequence"])


def test_an_invitation_holds_one_event(db: Database) -> None:
    ana = contacts.create(db, full_name="Ana")
    meeting = interviews.schedule(db, ana, datetime(2026, 12, 1, 10))
    cal = Calendar.from_ical(ics.invitation(db, meeting))
    assert [str(e["uid"]) for e in cal.walk("VEVENT")] == [f"interview-{meeting}@rapport.local"]
    assert str(cal["method"]) == "PUBLISH"
