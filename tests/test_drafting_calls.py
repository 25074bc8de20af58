"""lib/drafting/calls.py: the call log keeps what Settings shows, newest first."""

from lib.db import Database
from lib.drafting import calls


def test_calls_are_listed_newest_first_with_their_outcome(db: Database) -> None:
    calls.record(db, "openai", "m1", "questions", 120, "ok", 50, 80)
    calls.record(db, "openai", "m1", "thank_you", 30, "unauthorized", detail="refused the API key (401)")
    log = calls.recent(db)
    assert list(log["outcome"]) == ["unauthorized", "ok"]
    assert calls.last(db)["detail"] == "refused the API key (401)"


def test_whether_the_plain_text_fallback_ran_is_in_the_call_log_and_the_json(db, fake_llm, monkeypatch) -> None:
    import json
    from datetime import timedelta

    from lib import clock, contacts, interviews
    from lib.drafting import service
    from lib.drafting.provider import OpenAIProvider
    from lib.drafting.settings import ModelSettings
    from tests.fakes.openai_server import MODEL, QUESTIONS

    meeting = interviews.schedule(db, contacts.create(db, full_name="Ana Okafor"), clock.utcnow() + timedelta(days=1))
    model = OpenAIProvider(ModelSettings(None, fake_llm.url, MODEL, "test"), retries=0)
    structured = service.finish(service.questions(db, meeting, model))
    assert structured.as_json()["output"] == "structured" and calls.last(db)["output"] == "structured"
    fake_llm.mode = "no_response_format"
    fake_llm.enqueue(json.dumps(QUESTIONS))
    fallback = service.finish(service.questions(db, meeting, OpenAIProvider(ModelSettings(None, fake_llm.url, MODEL,
                                                                                          "test"), retries=0)))
    assert fallback.ok and fallback.as_json()["output"] == "plain_text_fallback"
    assert calls.last(db)["output"] == "plain_text_fallback"
    assert list(calls.recent(db)["output"][:2]) == ["plain_text_fallback", "structured"]
