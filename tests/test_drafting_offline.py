"""lib/drafting/offline.py: the built-in drafter obeys the rules on many generated people."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lib import profile as profiles
from lib.drafting import checks, offline
from lib.drafting.context import Context, Person
from lib.questions import TIARA
from tests.fixtures.drafting_scenarios import SCENARIOS

WORD = st.text(alphabet=st.characters(whitelist_categories=("Lu", "Ll")), min_size=2, max_size=10)
PHRASE = st.lists(WORD, min_size=0, max_size=6).map(" ".join)
NAME = st.tuples(WORD, WORD).map(lambda p: f"{p[0].capitalize()} {p[1].capitalize()}")


@st.composite
def contexts(draw) -> Context:
    profile = profiles.Profile(
        name=draw(NAME), stage=draw(st.sampled_from(list(profiles.STAGE_LABELS))),
        background=draw(PHRASE), target_roles=draw(PHRASE), target_industries=draw(PHRASE),
        offers=draw(st.lists(PHRASE.filter(bool), max_size=3).map("; ".join)))
    name = draw(NAME)
    person = Person(id=draw(st.integers(1, 10_000)), name=name, first_name=name.split()[0],
                    role=draw(st.sampled_from(["", "Head of Research", "Junior Analyst", "UX Researcher",
                                               "Engineering Manager", "Founder"])),
                    organisation=draw(PHRASE), industry=draw(st.sampled_from(
                        ["", "Fintech", "Healthtech", "Climate tech", "Education", "Media", "Software"])),
                    rapport_notes=draw(PHRASE), source=draw(st.sampled_from(
                        ["referral", "alumni", "event", "linkedin", "cold_outreach", "other"])),
                    introducer=draw(st.one_of(st.just(""), NAME)))
    advice = draw(st.lists(PHRASE.filter(bool), max_size=2))
    return Context(profile=profile, person=person, interview_id=draw(st.integers(1, 999)),
                   minutes=draw(st.integers(10, 120)), research_notes=draw(PHRASE), advice=advice,
                   offers_made=draw(st.lists(PHRASE.filter(bool), max_size=1)),
                   debrief={"realities": draw(PHRASE), "loves": draw(PHRASE), "next_steps": ""},
                   already_asked=draw(st.lists(st.sampled_from([
                       "What does a typical week look like for you as a Head of Research?",
                       "Who else would you suggest I speak to, and may I mention your name?"]), max_size=2)))


FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(contexts())
def test_question_lists_fit_the_meeting_cover_tiara_and_close(ctx: Context) -> None:
    drafted = offline.questions(ctx)
    categories = [q.category for q in drafted]
    offers = any(w.strip() for w in ctx.profile.offers.split(";"))
    assert len(drafted) == offline.question_count(ctx.minutes, offers)
    assert ("offer" in categories) == offers  # what I can give back is offered whenever the profile says it
    assert set(TIARA) <= set(categories)
    assert categories[-1] == "closing"
    assert categories.count("rapport") <= 2
    texts = [q.text for q in drafted]
    for check in checks.for_questions(list(zip(categories, texts, strict=True)), ctx.notes(), offline.names_in(ctx),
                                      ctx.prepared_notes()):
        assert check.ok, (check, texts)
    assert not any(offline.known(t, ctx.already_asked) for t in texts)


@FAST
@given(contexts())
def test_the_same_seed_and_context_give_the_same_questions(ctx: Context) -> None:
    assert offline.questions(ctx, seed=3) == offline.questions(ctx, seed=3)


@FAST
@given(contexts(), st.sampled_from(offline.TONES))
def test_thank_yous_name_the_person_cite_their_advice_and_ask_nothing(ctx: Context, tone: str) -> None:
    note = offline.thank_you(ctx, "email", tone)
    others = (ctx.person.organisation, ctx.person.introducer)
    assert all(c.ok for c in checks.for_message(note.body, ctx.person.name, None, "Email", subject=note.subject,
                                                others=others))
    if ctx.advice:  # named in a few words: at least its first word
        assert ctx.advice[0].split()[0].lower() in note.body.lower()
    short = offline.thank_you(ctx, "linkedin_note", limit=200)
    assert len(short.body) <= 200 and ctx.person.first_name in short.body


@FAST
@given(contexts(), st.sampled_from([200, 300]))
def test_outreach_is_short_about_them_and_ends_with_a_question(ctx: Context, limit: int) -> None:
    email = offline.outreach(ctx)
    found = checks.for_message(email.body, ctx.person.name, None, "Email", word_limit=75,
                               subject=email.subject, request=True,
                               others=(ctx.person.organisation, ctx.person.introducer, ctx.profile.target_roles))
    assert all(c.ok for c in found), found
    note = offline.outreach(ctx, "linkedin_note", limit=limit)
    assert len(note.body) <= limit and note.body.rstrip().endswith("?")


def test_research_notes_steer_the_choice_of_questions() -> None:
    base = dict(profile=profiles.Profile(target_roles="UX researcher"),
                person=Person(id=1, name="Ana Okafor", first_name="Ana", role="UX Researcher",
                              organisation="Ledgerly", industry="Fintech"), interview_id=1)
    plain = offline.questions(Context(**base))
    steered = offline.questions(Context(**base, research_notes="They just started a public data set and "
                                        "an open-source research tool"))
    assert [q.text for q in plain] != [q.text for q in steered]
    assert any("data set" in q.text or "open-source" in q.text for q in steered)


def test_a_topic_an_earlier_debrief_answered_is_not_asked_again() -> None:
    ctx = Context(profile=profiles.Profile(), person=Person(id=1, name="Ana", first_name="Ana"),
                  answered_topics=["realities", "career_path", "loves", "loathes", "benefits"], minutes=45)
    insight = [q.text for q in offline.questions(ctx) if q.category == "insights"]
    assert insight and all("typical week" not in t and "How did you come to be" not in t for t in insight)


def test_regenerating_one_question_gives_a_different_one_of_the_same_kind() -> None:
    ctx = Context(profile=profiles.Profile(), person=Person(id=1, name="Ana", first_name="Ana"))
    drafted = offline.questions(ctx)
    trends = next(q for q in drafted if q.category == "trends")
    fresh = offline.another(ctx, "trends", [q.text for q in drafted])
    assert fresh.category == "trends" and fresh.text != trends.text


# -- notes as people really type them (tests/fixtures/drafting_scenarios.py) --------------------------

def _drafts(db, scenario):
    from lib.drafting import service
    from tests.fixtures.drafting_scenarios import seed_scenario

    meeting = seed_scenario(db, scenario)
    asked = service.finish(service.questions(db, meeting, None))
    thanks = [service.finish(service.thank_you(db, meeting, None, "email", tone)) for tone in offline.TONES]
    thanks.append(service.finish(service.thank_you(db, meeting, None, "linkedin_note", "warm")))
    return meeting, asked, thanks


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s["id"] for s in SCENARIOS])
def test_drafts_from_realistic_notes_pass_every_check(db, scenario) -> None:
    _, asked, thanks = _drafts(db, scenario)
    for draft in [asked, *thanks]:
        assert draft.ok and all(c.ok for c in draft.checks), [c for c in draft.checks if not c.ok]
    categories = [q.category for q in asked.questions]
    order = {"rapport": 0, "offer": 2, "closing": 3}
    assert categories == sorted(categories, key=lambda c: order.get(c, 1))  # rapport, TIARA, offer, closing
    assert re.search(r"\b(who|whom|anyone)\b", asked.questions[-1].text, re.IGNORECASE)
    assert 3 <= sum(q.must for q in asked.questions) <= 5
    for note in thanks:
        assert ";" not in note.message.body


def test_the_teacher_meeting_priya_gets_questions_and_a_thank_you_she_could_be_sent(db) -> None:
    _, asked, thanks = _drafts(db, SCENARIOS[0])
    texts = [q.text for q in asked.questions]
    joined = "\n".join(texts)
    assert texts[0] == "Like me, you started out as a teacher - what made you move into research?"
    assert "“" not in joined and "Also started as a teacher" not in joined  # a hook, never a quote
    assert any("Your talk on consent" in t for t in texts)  # the research notes are used, in under five words
    assert sum("high-school science teacher" in t for t in texts) <= 1
    assert "Design software" not in joined
    assert asked.questions[-1].category == "closing" and "speak to" in texts[-1]
    email = thanks[0].message.body
    assert "Your advice to turn one of my school projects into a research case study" in email
    assert "introducing me to Tom Kelly" in email
    assert "I will introduce you to two heads of science" in email and "introduce Priya" not in email
    assert "I am going to read Just Enough Research and will let you know" in email
    assert "plan a small parent survey" not in email  # one next step, not the list
    linkedin = thanks[3].message.body
    assert len(linkedin) <= 200 and "Tom Kelly" in linkedin


def test_a_phrase_from_the_notes_never_ends_before_its_object(db) -> None:
    scenario = next(s for s in SCENARIOS if s["id"] == "classroom-visits")
    _, _, thanks = _drafts(db, scenario)
    email = thanks[0].message.body
    assert "It was good to hear how much you enjoy classroom visits." in email
    assert "students use." not in email


FRAGMENTS = st.sampled_from([
    "I learned that PMs spend half their week with customers", "she moved from ops to product",
    "- learn SQL\n- shadow a go-live", "read the book; join the meetup; email Jo Park",
    "Loves cycling", "Spoke at PyCon about data quality", "ex-teacher like me", "her team uses dbt",
    "Greenline raised a Series B", "Introduce Sam to my old manager", "send her my notes on returns",
    "You should build a portfolio first", "* ask my manager\n* book the course", "Jürgen's blog on trams",
    "seeing students use the product", "the tools her team likes to use for",
])
NOTES = st.lists(FRAGMENTS, min_size=0, max_size=3).map(". ".join)


@FAST
@given(rapport=NOTES, research=NOTES, advice=NOTES, offers=NOTES, steps=NOTES,
       referrals=st.sampled_from([[], ["Jo Park"], ["Ayşe Yılmaz", "Ben Ode"]]), tone=st.sampled_from(offline.TONES))
def test_drafts_from_generated_realistic_notes_pass_every_check(rapport, research, advice, offers, steps,
                                                                referrals, tone) -> None:
    from lib.drafting import material

    ctx = Context(profile=profiles.Profile(name="Sam Rivera", background="Teacher for 8 years", target_roles="analyst"),
                  person=Person(id=1, name="Priya Raman", first_name="Priya", role="Lead", organisation="Acme",
                                rapport_notes=rapport),
                  interview_id=1, research_notes=research, purpose="Learn the work",
                  debrief={"realities": rapport, "next_steps": steps}, advice=material.items(advice),
                  offers_made=material.items(offers), referrals=referrals)
    drafted = offline.questions(ctx)
    found = checks.for_questions([(q.category, q.text) for q in drafted], ctx.notes(), offline.names_in(ctx),
                                 ctx.prepared_notes())
    assert all(c.ok for c in found), ([c for c in found if not c.ok], [q.text for q in drafted])
    for channel, limit in (("email", None), ("linkedin_note", 200), ("linkedin_note", 300)):
        note = offline.thank_you(ctx, channel, tone, limit)
        found = checks.for_message(note.body, ctx.person.name, limit, channel, subject=note.subject,
                                   material=ctx.notes(), referrals=referrals, others=("Acme",))
        assert all(c.ok for c in found), ([c for c in found if not c.ok], note.body)




# -- issue 24: the ICU nurse in Melbourne ------------------------------------------------------------

def _nurse(**person) -> Context:
    fields = dict(id=1, name="🦄 Ben Walker", first_name="🦄", role="Product manager", organisation="Heidi Health",
                  industry="health tech", rapport_notes="ex-nurse too!! like me", source="event")
    fields.update(person)
    return Context(profile=profiles.Profile(name="Anika Sharma", background="ICU nurse, 9 yrs at the Alfred",
                                            target_roles="product manager", offers="clinical workflow feedback"),
                   person=Person(**fields), interview_id=1, purpose="coffee chat about UX research",
                   research_notes="Heidi = AI medical scribe")


def test_a_name_that_starts_with_an_emoji_is_greeted_by_its_first_name() -> None:
    note = offline.thank_you(_nurse(), "email", "warm")
    assert note.body.startswith("Hi Ben,") and note.subject == "Thank you for your time, Ben"
    assert "🦄" not in note.body + note.subject + offline.outreach(_nurse()).body


def test_a_thank_you_without_an_organisation_or_advice_says_what_the_chat_was_about() -> None:
    note = offline.thank_you(_nurse(organisation=""), "email", "formal").body
    assert "about your work." in note and "your organisation" not in note
    assert "Our conversation about UX research gave me a much clearer picture." in note


def test_outreach_says_when_an_event_was_the_role_as_said_and_the_background_we_share() -> None:
    email = offline.outreach(_nurse(first_met_on="2025-11-01")).body
    assert "recent event" not in email and "at an event in November 2025" in email
    assert "Product manager" not in email
    assert "Like you, I" in email and "nurse" in email


def test_the_nurses_questions_offer_help_and_keep_note_symbols_out() -> None:
    drafted = offline.questions(_nurse())
    texts = [q.text for q in drafted]
    assert not any(re.search(r"=|->|\+", t) for t in texts)
    assert any("clinical workflow feedback" in q.text for q in drafted if q.category == "offer")
    assert texts[0] == "Like me, you were a nurse before this - what made you change direction?"
