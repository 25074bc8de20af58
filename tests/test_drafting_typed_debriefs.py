"""The offline drafter on debriefs as people type them (tests/fixtures/typed_debriefs.py): every sentence parses,
every promise is kept, everyone they introduced is thanked, and no note shorthand reaches a draft."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lib import interviews
from lib import profile as profiles
from lib.drafting import checks, material, offline, service
from lib.drafting.context import Context, Person
from tests.fixtures.drafting_scenarios import seed_scenario
from tests.fixtures.typed_debriefs import TYPED_DEBRIEFS, as_scenario

SHORTHAND = re.compile(r"->|→|=|\+|&|\bw/|\bb4\b|\blol\b|\bppl\b|\btbh\b|!!|\bto don['’]?t\b")


def _drafts(db, debrief):
    meeting = seed_scenario(db, as_scenario(debrief))
    asked = service.finish(service.questions(db, meeting, None))
    emails = [service.finish(service.thank_you(db, meeting, None, "email", tone)) for tone in offline.TONES]
    notes = [service.finish(service.thank_you(db, meeting, None, "linkedin_note", "warm"))]
    return asked, emails, notes


@pytest.mark.parametrize("debrief", TYPED_DEBRIEFS, ids=[d["id"] for d in TYPED_DEBRIEFS])
def test_a_debrief_typed_on_a_phone_gives_drafts_that_parse_and_keep_every_promise(db, debrief) -> None:
    asked, emails, notes = _drafts(db, debrief)
    for draft in [asked, *emails, *notes]:
        assert all(c.ok for c in draft.checks), ([c for c in draft.checks if not c.ok], draft.as_text())
        assert not SHORTHAND.search(draft.as_text()), draft.as_text()
    for email in emails:
        body = email.message.body
        assert re.match(r"(Hi|Dear) [A-Z][\w'’-]*,\n", body), body  # a name that is a name, never "Hi 🦄,"
        for promise in debrief["promises"]:
            assert promise.lower() in body.lower(), (promise, body)
        for person in debrief["referrals"]:
            assert person in body, (person, body)
        assert "your organisation" not in body and "chat about" not in body
    for note in notes:
        assert len(note.message.body) <= 200
        assert not re.search(r"Thank you, [^!.]+! Thank you", note.message.body)  # one opener
        for person in debrief["referrals"]:
            assert person in note.message.body, (person, note.message.body)


def test_the_nurses_thank_you_restates_her_advice_and_both_promises(db) -> None:
    _, emails, _ = _drafts(db, TYPED_DEBRIEFS[0])
    for email in emails:
        body = email.message.body
        assert body.startswith("Hi Ben,") or body.startswith("Dear Ben,")
        assert "Your advice not to hide the nursing was exactly what I needed." in body
        assert "something you." not in body and body.count("this week") <= 1
        assert "send you my ICU workflow notes" in body and "introduce you to Sam" in body


def test_the_nurses_questions_never_paste_her_research_notes_and_offer_help(db) -> None:
    asked, _, _ = _drafts(db, TYPED_DEBRIEFS[0])
    texts = [q.text for q in asked.questions]
    assert not any("=" in t or "Heidi is" in t for t in texts)
    assert "offer" in [q.category for q in asked.questions]
    assert not any(" too before" in t for t in texts)


FIELDS = ("realities", "loves", "loathes", "career_path", "advice", "offers", "next_steps", "referrals")
PIECES = {field: sorted({d["debrief"][field] for d in TYPED_DEBRIEFS if field in d["debrief"]}) for field in FIELDS}


def _lines(text: str) -> list[str]:
    return [line.strip(" -•\t") for line in text.splitlines() if line.strip(" -•\t")]


@st.composite
def mixed_debriefs(draw) -> tuple[Context, list[str]]:
    """One typed debrief's fields mixed with another's: advice from one meeting, promises from a second."""
    fields = {f: draw(st.one_of(st.just(""), st.sampled_from(PIECES[f]))) for f in FIELDS}
    base = draw(st.sampled_from(TYPED_DEBRIEFS))
    referrals = [r.full_name for r in interviews.parse_referrals(fields["referrals"])]
    person = Person(id=1, name=base["contact"]["full_name"], first_name=material.first_name(base["contact"]["full_name"]),
                    role=base["contact"]["role"], organisation=base["contact"]["organisation"])
    ctx = Context(profile=profiles.Profile(**base["profile"]), person=person, interview_id=1,
                  purpose=base["interview"]["purpose"], research_notes=base["interview"]["research_notes"],
                  debrief={f: fields[f] for f in FIELDS if f not in ("advice", "offers", "referrals")},
                  advice=_lines(fields["advice"]), offers_made=_lines(fields["offers"]), referrals=referrals)
    return ctx, referrals


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mixed_debriefs(), st.sampled_from(offline.TONES), st.sampled_from([("email", None), ("linkedin_note", 200),
                                                                            ("linkedin_note", 300)]))
def test_every_mix_of_typed_notes_drafts_sentences_that_parse(mixed, tone, channel) -> None:
    ctx, referrals = mixed
    note = offline.thank_you(ctx, channel[0], tone, channel[1])
    found = checks.for_message(note.body, ctx.person.name, channel[1], channel[0], subject=note.subject,
                               material=ctx.notes(), referrals=referrals, others=(ctx.person.organisation,))
    assert all(c.ok for c in found), ([c for c in found if not c.ok], note.body)
    assert not SHORTHAND.search(note.body), note.body
    for person in referrals:
        assert material.first_name(person) in note.body
