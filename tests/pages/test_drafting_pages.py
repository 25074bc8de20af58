"""Drafting through the pages (AppTest): offline by default, the model when set up, failures kept."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from lib import contacts, interviews, messages, outreach, profile, questions
from lib.db import Database
from lib.drafting import calls, live
from lib.ui import drafting as drafting_ui
from tests.conftest import table_contents
from tests.fakes.answers import QUESTION_ANSWERS, TEXTS, THANK_YOU_ANSWERS, THANKS, Answer
from tests.fakes.openai_server import MODEL
from tests.fixtures.model_answers import model_answers
from tests.pages.conftest import shown, texts

INTERVIEW = "pages/interview.py"
CONTACT = "pages/contact.py"


@pytest.fixture
def planned(app_db: Database) -> int:
    profile.save(app_db, name="Sam Rivera", target_roles="UX researcher", offers="Workshop facilitation tips")
    ana = contacts.create(app_db, full_name="Ana Okafor", organisation="Ledgerly", role="Head of Research",
                          email="ana@ledgerly.example")
    return interviews.schedule(app_db, ana, datetime.now() + timedelta(days=2), purpose="Learn research ops")


@pytest.fixture
def model_env(monkeypatch, fake_llm):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-abcdef123456")
    monkeypatch.setenv("OPENAI_BASE_URL", fake_llm.url)
    monkeypatch.setenv("RAPPORT_LLM_MODEL", MODEL)
    return fake_llm


def test_with_no_model_set_up_questions_are_drafted_offline_and_added(app_db, planned, open_app) -> None:
    at = open_app(INTERVIEW, id=str(planned))
    assert "No model is set up" in texts(at)
    at.button(key=f"draft_q_{planned}").click().run()
    assert not at.exception
    assert "**10 drafted questions** (offline)" in texts(at)
    at.button(key=f"accept_q_{planned}").click().run()
    saved = questions.of(app_db, planned)
    assert len(saved) == 10 and {q["source"] for q in saved} == {"offline"}


def test_with_a_model_the_questions_come_from_it(app_db, planned, model_env, open_app) -> None:
    at = open_app(INTERVIEW, id=str(planned))
    assert at.radio(key=f"provider_{planned}").value == "openai"
    at.button(key=f"draft_q_{planned}").click().run()
    assert "drafted questions** (openai)" in texts(at)
    assert calls.last(app_db)["outcome"] == "ok"


def test_a_failing_model_says_why_and_offers_the_offline_draft(app_db, planned, model_env, open_app) -> None:
    model_env.mode = "rate_limited"
    at = open_app(INTERVIEW, id=str(planned))
    at.button(key=f"draft_q_{planned}").click().run()
    assert "limiting requests (429)" in shown(at.error[0].value)
    at.button(key=f"offline_q_{planned}").click().run()
    assert "drafted questions** (offline)" in texts(at)


def test_regenerating_one_question_keeps_the_others(app_db, planned, open_app) -> None:
    for text, category in (("Where is fintech heading?", "trends"), ("What is your week like?", "insights")):
        questions.add(app_db, planned, text, category)
    at = open_app(INTERVIEW, id=str(planned))
    first = questions.of(app_db, planned)[0]["id"]
    at.selectbox(key=f"regen_pick_{planned}").select(first).run()
    at.button(key=f"regen_{planned}").click().run()
    saved = questions.of(app_db, planned)
    assert saved[0]["text"] != "Where is fintech heading?" and saved[0]["category"] == "trends"
    assert saved[1]["text"] == "What is your week like?"


def _completed(db: Database, planned: int) -> int:
    ana = interviews.get(db, planned)["contact_id"]
    past = interviews.schedule(db, ana, datetime.now() - timedelta(hours=3))
    interviews.complete(db, past, {"advice": "Join the research ops community"})
    return past


def test_a_drafted_thank_you_fills_the_composer_and_can_be_sent(app_db, planned, open_app) -> None:
    past = _completed(app_db, planned)
    at = open_app(INTERVIEW, id=str(past))
    key = f"compose_{past}"
    at.button(key=f"{key}_draft_it").click().run()
    assert not at.exception
    body = at.text_area(key=f"{key}_body").value
    assert body.startswith("Hi Ana,") and "join the research ops community" in body
    assert at.text_input(key=f"{key}_subject").value == "Thank you for your time, Ana"
    at.button(key=f"{key}_sent").click().run()
    assert interviews.get(app_db, past)["thank_you_sent_at"] is not None


def test_a_failed_thank_you_draft_leaves_the_typed_text_alone(app_db, planned, model_env, open_app) -> None:
    past = _completed(app_db, planned)
    model_env.mode = "cut"
    at = open_app(INTERVIEW, id=str(past))
    key = f"compose_{past}"
    at.text_area(key=f"{key}_body").input("Dear Ana, my own words so far")
    at.button(key=f"{key}_draft_it").click().run()
    assert "stopped half-way" in shown(at.error[0].value)
    assert at.text_area(key=f"{key}_body").value == "Dear Ana, my own words so far"
    at.button(key=f"{key}_offline").click().run()
    assert at.text_area(key=f"{key}_body").value.startswith("Hi Ana,")
    assert messages.for_interview(app_db, past) == []


def test_an_outreach_request_is_drafted_checked_and_logged(app_db, open_app) -> None:
    bo = contacts.create(app_db, full_name="Bo Chen", organisation="Greenline", source="event")
    at = open_app(CONTACT, id=str(bo))
    at.button(key=f"outreach_{bo}_draft_it").click().run()
    body = at.text_area(key=f"outreach_{bo}_body").value
    assert body.startswith("Hi Bo,") and body.rstrip().count("?") >= 1
    assert "Under 75 words" in texts(at) and "Ends with a question" in texts(at)
    at.button(key=f"outreach_{bo}_log").click().run()
    assert outreach.open_for(app_db, bo)[0]["text"] == body


def test_settings_shows_the_key_masked_and_tests_the_connection(app_db, model_env, open_app) -> None:
    at = open_app("pages/settings.py")
    page = texts(at)
    assert "sk-…3456" in page and "sk-test-abcdef123456" not in page and "the key from OPENAI_API_KEY" in page
    at.button(key="llm_test").click().run()
    assert "'fake-model' is available" in shown(at.success[0].value)
    model_env.mode = "unauthorized"
    at.button(key="llm_test").click().run()
    assert "refused the API key (401)" in shown(at.error[0].value)


def test_a_session_key_typed_in_settings_outlives_a_visit_to_another_page(app_db, planned, model_env,
                                                                          open_app) -> None:
    at = open_app("pages/settings.py")
    at.text_input(key=drafting_ui.KEY_FIELD).input("sk-typed-for-now-5150").run()
    at.switch_page(INTERVIEW)
    at.query_params["id"] = str(planned)
    at.run()
    assert "the key from this session (sk-…5150)" in texts(at)
    at.button(key=f"draft_q_{planned}").click().run()
    assert model_env.requests[-1]["headers"]["authorization"] == "Bearer sk-typed-for-now-5150"
    at.switch_page("pages/settings.py").run()
    assert at.text_input(key=drafting_ui.KEY_FIELD).value == "sk-typed-for-now-5150"
    assert "sk-typed-for-now-5150" not in texts(at)
    at.button(key="llm_session_key_forget").click().run()
    assert "the key from OPENAI_API_KEY" in texts(at)


def test_neither_key_appears_in_the_database_exports_backups_output_or_call_log(app_db, planned, model_env,
                                                                               open_app, tmp_path, capfd,
                                                                               monkeypatch) -> None:
    import subprocess
    import sys
    import zipfile

    from lib.io import backup, exports
    from tests.conftest import ROOT

    env_key, typed_key = "sk-env-UNIQUE-31337", "sk-typed-UNIQUE-8080"
    monkeypatch.setenv("OPENAI_API_KEY", env_key)
    outputs = []
    for mode in ("ok", "unauthorized", "server_error"):  # a draft that succeeds, a 401 and a 500
        model_env.mode = mode
        run = subprocess.run([sys.executable, "-m", "lib.cli", "draft", "questions", "--interview", str(planned),
                              "--db", app_db.path, "--json"], cwd=ROOT, capture_output=True, text=True, timeout=120)
        outputs += [run.stdout, run.stderr]
    at = open_app("pages/settings.py")
    at.text_input(key=drafting_ui.KEY_FIELD).input(typed_key).run()
    at.switch_page(INTERVIEW)
    at.query_params["id"] = str(planned)
    for mode in ("ok", "unauthorized", "server_error"):
        model_env.mode = mode
        at.run()
        at.button(key=f"draft_q_{planned}").click().run()
        assert not at.exception
    sent = {r["headers"].get("authorization") for r in model_env.requests}
    assert {f"Bearer {env_key}", f"Bearer {typed_key}"} <= sent  # both keys really were used
    assert len(calls.recent(app_db)) >= 6

    backup.write(app_db, tmp_path / "b.zip")
    restored = Database(tmp_path / "restored.duckdb")
    backup.restore(restored, tmp_path / "b.zip", safety_dir=tmp_path)
    with zipfile.ZipFile(tmp_path / "b.zip") as archive:
        zipped = b"".join(archive.read(n) for n in archive.namelist())
    places = {
        "database tables": str(table_contents(app_db)),
        "database file": (Path(app_db.path).read_bytes()).decode("latin-1"),
        "restored backup": str(table_contents(restored)),
        "backup zip": zipped.decode("latin-1"),
        "exports": (exports.contacts_csv(app_db) + exports.contacts_vcard(app_db)
                    + exports.everything_json(app_db)).decode("utf-8", "replace"),
        "command output": "".join(outputs),
        "logs": "".join(capfd.readouterr()),
        "call log": calls.recent(app_db).to_string(),
    }
    for place, text in places.items():
        for key in (env_key, typed_key):
            assert key not in text and key[-10:] not in text, f"{key} found in {place}"


def test_a_thank_you_typed_by_hand_is_checked_like_a_draft(app_db, planned, open_app) -> None:
    past = _completed(app_db, planned)
    at = open_app(INTERVIEW, id=str(past))
    key = f"compose_{past}"
    at.text_area(key=f"{key}_body").input(
        "Hi Ana,\n\nThanks! I will read the book; join the meetup; email Jo. I will introduce Ana to my team.").run()
    page = texts(at)
    assert "Join “I will read the book; join the meetup; email Jo” as a sentence, or keep one item" in page
    assert "Write “you” instead of their name" in page


# -- drafts from the way real models answer (tests/fakes/answers.py, replayed by the local server) -------

@pytest.mark.parametrize("shape", ["think", "reasoning_content", "fenced", "strings", "labels", "sections"])
def test_questions_from_any_answer_shape_are_listed_as_meant(app_db, planned, model_env, open_app, shape) -> None:
    model_env.enqueue(QUESTION_ANSWERS[shape])
    at = open_app(INTERVIEW, id=str(planned))
    at.button(key=f"draft_q_{planned}").click().run()
    assert not at.exception and not at.error
    page = texts(at)
    assert "drafted questions** (openai)" in page and all(t in page for t in TEXTS[2:7])
    assert "Rapport openers first" not in page and "<think>" not in page and live.THINKING not in page
    assert ":red[:material/error:] Covers all of TIARA" not in page


@pytest.mark.parametrize(("shape", "says"), [("cut", "length limit"), ("filtered", "content filter"),
                                             ("thinking_cut", "while still thinking")])
def test_questions_cut_short_say_why_keep_what_arrived_and_offer_the_offline_draft(app_db, planned, model_env,
                                                                                   open_app, shape, says) -> None:
    model_env.enqueue(QUESTION_ANSWERS[shape])
    at = open_app(INTERVIEW, id=str(planned))
    at.button(key=f"draft_q_{planned}").click().run()
    assert not at.exception and says in shown(at.error[0].value)
    assert "drafted questions**" not in texts(at) and "Rapport openers first" not in texts(at)
    if shape == "cut":
        assert "Incomplete - this is what arrived" in texts(at) and TEXTS[0] in at.code[-1].value
    at.button(key=f"offline_q_{planned}").click().run()
    assert "drafted questions** (offline)" in texts(at)


@pytest.mark.parametrize("shape", ["think", "reasoning_content", "fenced", "chatty"])
def test_a_thank_you_from_any_answer_shape_fills_the_composer_with_the_message_only(app_db, planned, model_env,
                                                                                    open_app, shape) -> None:
    past = _completed(app_db, planned)
    model_env.enqueue(THANK_YOU_ANSWERS[shape])
    at = open_app(INTERVIEW, id=str(past))
    key = f"compose_{past}"
    at.button(key=f"{key}_draft_it").click().run()
    assert not at.exception and not at.error
    assert at.text_area(key=f"{key}_body").value == THANKS["body"]
    assert at.text_input(key=f"{key}_subject").value == THANKS["subject"]
    assert "Talks to them, not about itself" in texts(at)


def test_a_thank_you_cut_at_the_length_limit_leaves_the_composer_alone(app_db, planned, model_env, open_app) -> None:
    past = _completed(app_db, planned)
    model_env.enqueue(THANK_YOU_ANSWERS["cut"])
    at = open_app(INTERVIEW, id=str(past))
    key = f"compose_{past}"
    at.button(key=f"{key}_draft_it").click().run()
    assert "length limit" in shown(at.error[0].value) and at.text_area(key=f"{key}_body").value == ""
    assert at.code[-1].value.startswith("Hi Ana,") and '"subject"' not in at.code[-1].value


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                HealthCheck.too_slow])
@given(text=model_answers())
def test_any_answer_shows_a_draft_or_a_reason_on_the_page_never_an_exception(app_db, planned, model_env,
                                                                             open_app, text) -> None:
    model_env.enqueue(Answer(text))
    at = open_app(INTERVIEW, id=str(planned))
    at.button(key=f"draft_q_{planned}").click().run()
    assert not at.exception
    assert bool(at.error) != ("drafted questions** (openai)" in texts(at))
