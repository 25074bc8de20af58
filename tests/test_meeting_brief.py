"""lib/meeting_brief.py: the one-page brief carries who, history and questions."""

from datetime import date, datetime, timedelta

from lib import contacts, interviews, meeting_brief, profile, questions
from lib.db import Database


def test_the_brief_names_the_person_how_we_met_what_we_said_and_what_to_ask(db: Database) -> None:
    profile.save(db, time_zone="Europe/London")
    ana = contacts.create(db, full_name="Ana Okafor", organisation="Ledgerly", industry="Fintech",
                          role="UX Researcher", source="alumni", first_met_on=date(2025, 3, 1),
                          rapport_notes="Also taught science")
    first = interviews.schedule(db, ana, datetime(2026, 6, 1, 9))
    interviews.complete(db, first, {"realities": "Mostly synthesis", "advice": "Take the course"},
                        now=datetime(2026, 6, 1, 11))
    second = interviews.schedule(db, ana, datetime(2026, 12, 1, 10), purpose="Hear about the new team")
    interviews.set_research_notes(db, second, "They hired two researchers in October")
    questions.add(db, second, "How did the course change your work?", "advice")
    brief = meeting_brief.markdown(db, second)
    for expected in ["# Meeting brief: Ana Okafor", "UX Researcher at Ledgerly (Fintech)", "How we met: Alumni",
                     "Also taught science", "Hear about the new team", "They hired two researchers",
                     "01 Jun 2026: Mostly synthesis", "Advice: Take the course",
                     "1. How did the course change your work? _(Advice)_", "Tuesday 01 December 2026, 10:00"]:
        assert expected in brief
    assert "first conversation" not in brief.lower()


def test_a_first_meeting_says_so(db: Database) -> None:
    ana = contacts.create(db, full_name="Ana")
    meeting = interviews.schedule(db, ana, datetime.now() + timedelta(days=1))
    assert "_This is our first conversation._" in meeting_brief.markdown(db, meeting)
