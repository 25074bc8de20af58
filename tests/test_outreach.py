"""lib/outreach.py: a request for a conversation and its 3B7 reminders."""

from datetime import date, timedelta

import pytest

from lib import clock, contacts, followups, interactions, outreach, profile
from lib.db import Database
from lib.validation import Invalid

SENT = date(2026, 11, 20)  # a Friday


@pytest.fixture
def ana(db: Database) -> int:
    profile.save(db, time_zone="Europe/London")
    return contacts.create(db, full_name="Ana Okafor", organisation="Ledgerly")


def _open(db: Database) -> list[tuple[str, str, date]]:
    frame = followups.listing(db, include_closed=False)
    return [(r["kind"], r["title"], clock.to_local(r["due_at"].to_pydatetime(), "Europe/London").date())
            for r in frame.to_dict("records")]


def test_an_outreach_sets_the_3b7_reminders_in_business_days(db: Database, ana: int) -> None:
    outreach.log(db, ana, "email", SENT, "Would you have 20 minutes?")
    assert _open(db) == [
        ("ask_second_person", "Ask a second person at Ledgerly", date(2026, 11, 25)),
        ("follow_up_once", "Follow up once with Ana Okafor", date(2026, 12, 1)),
    ]
    assert interactions.timeline(db, ana)[0]["kind"] == "outreach"


def test_a_reply_closes_both_reminders_and_lands_on_the_timeline(db: Database, ana: int) -> None:
    request = outreach.log(db, ana, "linkedin", SENT)
    outreach.record_reply(db, request, SENT + timedelta(days=3))
    assert _open(db) == []
    assert followups.health(db)["overdue"] == 0
    assert interactions.timeline(db, ana)[0]["kind"] == "reply"
    assert outreach.listing(db, date(2026, 11, 27))[0]["responder"] == "booster"


def test_sending_the_one_follow_up_completes_its_reminder_and_starts_the_curmudgeon_clock(
        db: Database, ana: int) -> None:
    request = outreach.log(db, ana, "email", SENT)
    outreach.record_follow_up_sent(db, request, date(2026, 11, 27))
    assert [kind for kind, _, _ in _open(db)] == ["ask_second_person"]
    assert outreach.get(db, request)["followed_up_on"] == date(2026, 11, 27)


def test_impossible_dates_and_channels_are_refused_with_a_reason(db: Database, ana: int) -> None:
    future = clock.today("Europe/London") + timedelta(days=2)
    with pytest.raises(Invalid, match="cannot be sent in the future"):
        outreach.log(db, ana, "email", future)
    with pytest.raises(Invalid, match="email, LinkedIn or introduction"):
        outreach.log(db, ana, "carrier pigeon", SENT)
    request = outreach.log(db, ana, "email", SENT)
    with pytest.raises(Invalid, match="before the request"):
        outreach.record_reply(db, request, SENT - timedelta(days=1))
    with pytest.raises(Invalid, match="in the future"):
        outreach.record_reply(db, request, future)
    assert outreach.open_for(db, ana)[0]["id"] == request
