"""lib/drafting/context.py and prompts.py: the context gathers what a draft should know."""

from datetime import datetime, timedelta

from lib import contacts, interviews, profile, questions
from lib.db import Database
from lib.drafting import context, prompts


def test_earlier_debriefs_at_the_same_organisation_mark_topics_as_answered(db: Database) -> None:
    profile.save(db, stage="job_seeker")
    ana = contacts.create(db, full_name="Ana", organisation="Ledgerly", industry="Fintech", role="Senior PM")
    bo = contacts.create(db, full_name="Bo", organisation="Ledgerly", introduced_by_id=ana)
    first = interviews.schedule(db, ana, datetime.now() - timedelta(days=10))
    questions.add(db, first, "What trends matter?", "trends")
    db.execute("UPDATE question SET asked = true")
    interviews.complete(db, first, {"realities": "Lots of meetings", "advice": "Learn SQL"})
    second = interviews.schedule(db, bo, datetime.now() + timedelta(days=1))
    ctx = context.for_interview(db, second)
    assert "realities" in ctx.answered_topics
    assert ctx.already_asked == []  # asked of Ana, not of Bo
    assert ctx.earlier_debriefs[0]["contact"] == "Ana" and ctx.earlier_debriefs[0]["advice"] == ["Learn SQL"]
    assert ctx.person.introducer == "Ana"
    again = interviews.schedule(db, ana, datetime.now() + timedelta(days=2))
    assert context.for_interview(db, again).already_asked == ["What trends matter?"]
    assert {"seeker", "finance", "senior"} <= context.for_interview(db, again).tags()


def test_the_preview_shows_the_exact_messages(db: Database) -> None:
    ana = contacts.create(db, full_name="Ana Okafor", organisation="Ledgerly")
    ctx = context.for_contact(db, ana)
    shown = prompts.preview(prompts.outreach(ctx, "email", None))
    assert shown.startswith("[system]\n") and "[user]\n" in shown
    assert "Ana Okafor" in shown and "under 75 words" in shown and "never a job" in shown


def test_a_context_is_built_once_per_state_of_the_data_and_each_caller_gets_its_own(db: Database) -> None:
    ana = contacts.create(db, full_name="Ana Okafor", organisation="Ledgerly")
    meeting = interviews.schedule(db, ana, datetime.now() + timedelta(days=1))
    first = context.for_interview(db, meeting)
    first.already_asked.append("changed by one caller")
    assert context.for_interview(db, meeting).already_asked == []  # a copy, not the shared one
    interviews.set_research_notes(db, meeting, "Wrote a book on service design")
    assert context.for_interview(db, meeting).research_notes == "Wrote a book on service design"
