"""lib/messages.py: channel limits, and what marking a message sent sets in motion."""

from datetime import datetime, timedelta

import pytest

from lib import contacts, followups, interactions, interviews, messages, metrics, profile
from lib.db import Database
from lib.validation import Invalid

MEETING = datetime(2026, 11, 24, 10, 0)


def test_linkedin_note_limits_follow_the_profiles_plan_and_inmail_is_longer(db: Database) -> None:
    assert messages.limit(db, "linkedin_note") == 200
    profile.save(db, linkedin_plan="premium")
    assert messages.limit(db, "linkedin_note") == 300
    assert messages.limit(db, "linkedin_inmail") == 1900
    assert messages.limit(db, "email") is None


def test_problems_name_what_stops_a_message_from_being_sent(db: Database) -> None:
    assert messages.problems(db, "email", "", "Hello") == {"subject": "An email needs a subject"}
    assert messages.problems(db, "linkedin_note", "", "x" * 201) == {
        "body": "LinkedIn connection note allows 200 characters; this one has 201"}
    assert messages.problems(db, "email", "Thanks", "   ") == {"body": "The message is empty"}


@pytest.fixture
def completed(db: Database) -> tuple[int, int]:
    ana = contacts.create(db, full_name="Ana", email="ana@example.com")
    meeting = interviews.schedule(db, ana, MEETING)
    interviews.complete(db, meeting, {}, now=MEETING + timedelta(hours=1))
    return ana, meeting


def test_marking_a_thank_you_sent_completes_it_logs_it_and_keeps_the_latency(db: Database, completed) -> None:
    ana, meeting = completed
    draft = messages.save_draft(db, ana, "thank_you", "email", "Thank you", "Dear Ana, thank you.", meeting)
    messages.mark_sent(db, draft, when=MEETING + timedelta(hours=6, minutes=30))
    states = dict(zip(followups.listing(db)["kind"], followups.listing(db)["state"], strict=True))
    assert states["thank_you"] == "done_on_time"
    assert interactions.timeline(db, ana)[0]["note"] == "Thank-you sent (Email)"
    latency = metrics.thank_you_latency(db)
    assert (list(latency["interview_id"]), list(latency["hours"])) == ([meeting], [6.0])
    assert interviews.get(db, meeting)["thank_you_sent_at"] == MEETING + timedelta(hours=6, minutes=30)


def test_a_message_that_breaks_the_rules_is_not_sent_and_stays_a_draft(db: Database, completed) -> None:
    ana, meeting = completed
    draft = messages.save_draft(db, ana, "thank_you", "linkedin_note", "", "x" * 250, meeting)
    with pytest.raises(Invalid, match="allows 200 characters"):
        messages.mark_sent(db, draft)
    assert messages.get(db, draft)["status"] == "draft"
    assert messages.get(db, draft)["body"] == "x" * 250  # nothing the user wrote is lost


def test_saving_a_draft_again_updates_it_rather_than_adding_another(db: Database, completed) -> None:
    ana, meeting = completed
    draft = messages.save_draft(db, ana, "thank_you", "email", "Hi", "First", meeting)
    assert messages.save_draft(db, ana, "thank_you", "email", "Hi", "Second", meeting, message_id=draft) == draft
    assert [m["body"] for m in messages.for_interview(db, meeting)] == ["Second"]


def test_mailto_links_encode_subject_and_body() -> None:
    assert messages.mailto("ana@example.com", "Thank you & more", "Line one\nLine two") == (
        "mailto:ana%40example.com?subject=Thank%20you%20%26%20more&body=Line%20one%0ALine%20two")
