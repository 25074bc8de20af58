"""lib/drafting/service.py: drafts end to end - parse, check, log, fall back, accept, regenerate."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lib import contacts, interviews, profile, questions
from lib.db import Database
from lib.drafting import calls, errors, live, service
from lib.drafting.provider import OpenAIProvider
from lib.drafting.settings import ModelSettings
from tests.fakes.answers import QUESTION_ANSWERS, TEXTS, THANK_YOU_ANSWERS, THANKS, Answer
from tests.fakes.openai_server import MODEL, QUESTIONS
from tests.fixtures.model_answers import model_answers


@pytest.fixture
def meeting(db: Database) -> int:
    profile.save(db, name="Sam Rivera", background="Seven years teaching science", target_roles="UX researcher",
                 offers="Workshop facilitation tips")
    ana = contacts.create(db, full_name="Ana Okafor", organisation="Ledgerly", industry="Fintech",
                          role="Head of Research", rapport_notes="Runs the city's UX meetup",
                          first_met_on=date(2026, 1, 5))
    return interviews.schedule(db, ana, datetime(2026, 12, 1, 10), duration_minutes=30,
                               purpose="Learn how research ops works")


def model(fake_llm) -> OpenAIProvider:
    return OpenAIProvider(ModelSettings("sk-test", fake_llm.url, MODEL, "test"), retries=0, read_timeout=2)


def test_the_offline_draft_streams_and_carries_checks(db: Database, meeting: int) -> None:
    run = service.questions(db, meeting, None)
    pieces = list(run.stream())
    assert len(pieces) > 20
    draft = run.draft
    assert draft.ok and draft.provider == "offline" and len(draft.questions) == 10
    assert all(c.ok for c in draft.checks)
    assert calls.last(db) is None  # offline drafts call nothing


def test_a_model_draft_is_parsed_checked_and_logged_without_the_key(db: Database, meeting: int, fake_llm) -> None:
    draft = service.finish(service.questions(db, meeting, model(fake_llm)))
    assert [q.text for q in draft.questions] == [q["text"] for q in QUESTIONS["questions"]]
    assert {c.name: c.ok for c in draft.checks}["Covers all of TIARA"]
    logged = calls.last(db)
    assert (logged["provider"], logged["model"], logged["purpose"], logged["outcome"]) == (
        "openai", MODEL, "questions", "ok")
    assert logged["tokens_in"] > 0 and logged["tokens_out"] > 0 and logged["latency_ms"] >= 0
    assert "sk-test" not in json.dumps(db.rows("SELECT * FROM llm_call"), default=str)


def test_the_prompt_carries_the_context(db: Database, meeting: int, fake_llm) -> None:
    interviews.set_research_notes(db, meeting, "They launched a research repository in October")
    service.finish(service.questions(db, meeting, model(fake_llm)))
    sent = "\n".join(m["content"] for m in fake_llm.requests[-1]["body"]["messages"])
    for fact in ["Sam Rivera", "Seven years teaching science", "UX researcher", "Workshop facilitation tips",
                 "Ana Okafor", "Head of Research", "Ledgerly", "Fintech", "Runs the city's UX meetup",
                 "Learn how research ops works", "research repository in October", "Write 10 questions"]:
        assert fact in sent, fact


def test_plain_text_answers_are_parsed_when_json_is_not_given(db: Database, meeting: int, fake_llm) -> None:
    fake_llm.mode = "no_response_format"
    fake_llm.enqueue("Here you go:\n1. [Trends] Where is fintech research heading?\n"
                     "2. **Insights**: What is a week like for you?\n- Advice: What would you do first?\n"
                     "3. Who else should I meet?")
    draft = service.finish(service.questions(db, meeting, model(fake_llm)))
    assert [(q.category, q.text) for q in draft.questions] == [
        ("trends", "Where is fintech research heading?"), ("insights", "What is a week like for you?"),
        ("advice", "What would you do first?"), ("insights", "Who else should I meet?")]


@pytest.mark.parametrize("mode", ["unauthorized", "rate_limited", "server_error", "cut", "bad_shape"])
def test_a_failure_is_kept_with_its_partial_text_and_logged(db: Database, meeting: int, fake_llm, mode) -> None:
    fake_llm.mode = mode
    draft = service.finish(service.questions(db, meeting, model(fake_llm)))
    assert draft.error is not None and not draft.questions
    assert calls.last(db)["outcome"] == draft.error.outcome
    if mode in ("cut", "bad_shape"):
        assert draft.text  # what arrived is kept for the user to see


def test_after_a_failure_the_offline_draft_is_one_call_away(db: Database, meeting: int, fake_llm) -> None:
    fake_llm.mode = "server_error"
    assert service.finish(service.questions(db, meeting, model(fake_llm))).error
    assert service.finish(service.questions(db, meeting, None)).ok


def test_accepting_appends_the_drafts_marked_by_source(db: Database, meeting: int, fake_llm) -> None:
    questions.add(db, meeting, "My own question?")
    service.accept_questions(db, meeting, service.finish(service.questions(db, meeting, model(fake_llm))))
    saved = questions.of(db, meeting)
    assert saved[0]["text"] == "My own question?" and saved[0]["source"] == "manual"
    assert {q["source"] for q in saved[1:]} == {"llm"}


def test_regenerating_one_question_changes_only_that_one(db: Database, meeting: int) -> None:
    service.accept_questions(db, meeting, service.finish(service.questions(db, meeting, None)))
    before = questions.of(db, meeting)
    target = next(q for q in before if q["category"] == "advice")
    db.execute("UPDATE question SET answer = 'my notes' WHERE id = ?", [before[0]["id"]])
    fresh = service.regenerate(db, meeting, target["id"], None)
    after = questions.of(db, meeting)
    assert fresh.category == "advice" and fresh.text != target["text"]
    assert [q["text"] for q in after if q["id"] != target["id"]] == [
        q["text"] for q in before if q["id"] != target["id"]]
    assert after[0]["answer"] == "my notes"


def test_a_thank_you_after_the_debrief_refers_to_the_advice(db: Database, meeting: int, fake_llm) -> None:
    ana = interviews.get(db, meeting)["contact_id"]
    past = interviews.schedule(db, ana, datetime.now() - timedelta(hours=3))
    interviews.complete(db, past, {"advice": "Join the research ops community", "offers": "Send my checklist"})
    draft = service.finish(service.thank_you(db, past, None, "email", "warm"))
    assert "join the research ops community" in draft.message.body
    assert "send my checklist" in draft.message.body
    assert all(c.ok for c in draft.checks)
    fake_llm.enqueue(json.dumps({"subject": "Thank you", "body": "Hi Ana, thanks - I will join the community."}))
    modelled = service.finish(service.thank_you(db, past, model(fake_llm), "linkedin_note"))
    assert modelled.message.subject == "" and modelled.message.body.startswith("Hi Ana")
    sent = fake_llm.requests[-1]["body"]["messages"][1]["content"]
    assert "Join the research ops community" in sent and "at most 200 characters" in sent


@settings(max_examples=150, deadline=None)
@given(body=st.text(max_size=80), cuts=st.lists(st.integers(min_value=0, max_value=400), max_size=12))
def test_any_split_of_a_json_answer_streams_to_the_same_text(body: str, cuts: list[int]) -> None:
    answer = json.dumps({"subject": "Thanks", "body": body})  # ASCII: \\u2014, surrogate pairs
    points = sorted({min(c, len(answer)) for c in cuts} | {0, len(answer)})
    pieces = [answer[a:b] for a, b in zip(points, points[1:], strict=False) if b > a]
    assert "".join(service.readable(iter(pieces))) == body.replace("\n", "  \n")


def test_a_dash_split_across_three_character_chunks_shows_as_a_dash(fake_llm) -> None:
    fake_llm.chunk_size = 3
    fake_llm.enqueue('{"subject": "Thank you", "body": "Hi Ana \\u2014 thank you \\ud83d\\ude4f"}')
    shown = "".join(service.readable(iter(["{", '"body": "Hi Ana \\', "u20", "14 ok", '"}'])))
    assert shown == "Hi Ana — ok"
    provider = OpenAIProvider(ModelSettings(None, fake_llm.url, "fake-model", "test"), retries=0)
    streamed = "".join(service.readable(provider.stream([{"role": "user", "content": "x"}])))
    assert streamed == "Hi Ana — thank you 🙏" and "\\u" not in streamed


# -- answers as real models give them, through the local model server ----------------------------------

def _debriefed(db: Database, meeting: int) -> int:
    ana = interviews.get(db, meeting)["contact_id"]
    past = interviews.schedule(db, ana, datetime.now() - timedelta(hours=3))
    interviews.complete(db, past, {"advice": "Join the research ops community",
                                   "offers": "Send my workshop facilitation checklist"})
    return past


@pytest.mark.parametrize("shape", ["think", "reasoning_content", "fenced", "strings", "labels", "sections"])
def test_questions_read_as_meant_however_the_model_answered(db: Database, meeting: int, fake_llm, shape) -> None:
    fake_llm.enqueue(QUESTION_ANSWERS[shape])
    run = service.questions(db, meeting, model(fake_llm))
    streamed = "".join(p for p in run.readable() if not isinstance(p, live.Note))
    draft = run.draft
    assert draft.ok and draft.questions
    assert {q.text for q in draft.questions} <= set(TEXTS)
    assert {c.name: c.ok for c in draft.checks}["Covers all of TIARA"]
    for shown in (streamed, draft.text, draft.as_text()):
        assert "Rapport openers first" not in shown and "<think>" not in shown
    assert all(q.text in streamed for q in draft.questions)


@pytest.mark.parametrize(("shape", "outcome", "says"), [
    ("cut", "length", "length limit"), ("filtered", "content_filter", "content filter"),
    ("thinking_cut", "length", "while still thinking")])
def test_a_cut_answer_is_kept_as_incomplete_never_as_a_draft(db: Database, meeting: int, fake_llm, shape, outcome,
                                                             says) -> None:
    fake_llm.enqueue(QUESTION_ANSWERS[shape])
    draft = service.finish(service.questions(db, meeting, model(fake_llm)))
    assert isinstance(draft.error, errors.Truncated) and draft.incomplete and not draft.questions
    assert says in draft.error.message and calls.last(db)["outcome"] == outcome
    assert "{" not in draft.text and "Rapport openers" not in draft.text
    if shape == "cut":
        assert draft.text.startswith(f"• {TEXTS[0]}")
    assert draft.as_json()["incomplete"] is True


@pytest.mark.parametrize("shape", ["think", "reasoning_content", "fenced", "chatty"])
def test_a_thank_you_reads_as_meant_however_the_model_answered(db: Database, meeting: int, fake_llm, shape) -> None:
    past = _debriefed(db, meeting)
    fake_llm.enqueue(THANK_YOU_ANSWERS[shape])
    run = service.thank_you(db, past, model(fake_llm))
    streamed = "".join(p for p in run.readable() if not isinstance(p, live.Note))
    draft = run.draft
    assert draft.ok and (draft.message.subject, draft.message.body) == (THANKS["subject"], THANKS["body"])
    assert "{" not in streamed and "Ana's advice was" not in streamed and "signed up this morning" in streamed
    assert [c.name for c in draft.checks if not c.ok] == []


def test_a_thank_you_cut_at_the_length_limit_is_no_message(db: Database, meeting: int, fake_llm) -> None:
    past = _debriefed(db, meeting)
    fake_llm.enqueue(THANK_YOU_ANSWERS["cut"])
    draft = service.finish(service.thank_you(db, past, model(fake_llm)))
    assert isinstance(draft.error, errors.Truncated) and draft.message is None
    assert draft.text.startswith("Hi Ana,") and '"subject"' not in draft.text


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=model_answers(), reasoning=st.text(max_size=20),
       finish=st.sampled_from(["stop", "stop", "length", "content_filter"]),
       purpose=st.sampled_from(["questions", "thank_you"]))
def test_any_answer_from_the_server_streams_and_ends_in_a_draft_or_a_draft_error(
        db: Database, meeting: int, fake_llm, text: str, reasoning: str, finish: str, purpose: str) -> None:
    fake_llm.enqueue(Answer(text, reasoning, finish))
    run = service.questions(db, meeting, model(fake_llm)) if purpose == "questions" else \
        service.thank_you(db, meeting, model(fake_llm), "linkedin_note")
    streamed = "".join(run.readable())
    draft = run.draft
    assert draft.ok != isinstance(draft.error, errors.DraftError)
    assert bool(draft.questions or draft.message) == draft.ok
    if finish != "stop":
        assert not draft.ok
    assert "<think>" not in streamed.lower() and "<think>" not in draft.as_text().lower()
