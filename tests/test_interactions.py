"""lib/interactions.py: the timeline, and refusing what cannot have happened yet."""

from datetime import datetime, timedelta

import pytest

from lib import clock, contacts, interactions
from lib.db import Database
from lib.validation import Invalid


def test_the_timeline_lists_touchpoints_newest_first(db: Database) -> None:
    person = contacts.create(db, full_name="Ana")
    interactions.log(db, person, "meeting", datetime(2026, 1, 5, 10), "coffee")
    interactions.log(db, person, "message", datetime(2026, 2, 1, 9), "thanks")
    assert [e["note"] for e in interactions.timeline(db, person)] == ["thanks", "coffee"]
    assert interactions.timeline(db, person)[0]["occurred_at"] == datetime(2026, 2, 1, 9)  # the last touch


def test_a_touchpoint_in_the_future_is_refused_and_suggests_a_follow_up(db: Database) -> None:
    person = contacts.create(db, full_name="Ana")
    with pytest.raises(Invalid, match="follow-up"):
        interactions.log(db, person, "meeting", clock.utcnow() + timedelta(days=1))
    assert interactions.timeline(db, person) == []


def test_an_unknown_kind_or_contact_is_refused(db: Database) -> None:
    person = contacts.create(db, full_name="Ana")
    with pytest.raises(Invalid, match="Unknown kind"):
        interactions.log(db, person, "telepathy")
    with pytest.raises(Invalid, match="No contact 999"):
        interactions.log(db, 999, "meeting")
