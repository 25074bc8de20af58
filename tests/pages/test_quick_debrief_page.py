"""The interview page's *What happened?* box through AppTest: typed notes sorted, reviewed, edited and saved."""

from __future__ import annotations

from datetime import timedelta

from lib import clock, contacts, followups, interviews
from lib.db import Database
from tests.pages.conftest import shown, texts

INTERVIEW = "pages/interview.py"
NOTES = ("- recruiting teachers is the hardest part\nadvice: turn a school project into a case study\n"
         "intro to Tom Kelly (Researcher, Canva)\nI'll send her my consent templates by Friday\n"
         "next: plan a parent survey")


def _past(db: Database, hours: float = 2) -> tuple[int, int]:
    priya = contacts.create(db, full_name="Priya Raman", organisation="Canva", role="UX Research Lead")
    return priya, interviews.schedule(db, priya, clock.utcnow() - timedelta(hours=hours), duration_minutes=30)


def test_the_box_is_first_once_the_meeting_is_over_and_not_before(app_db: Database, open_app) -> None:
    priya, over = _past(app_db)
    soon = interviews.schedule(app_db, priya, clock.utcnow() + timedelta(days=1))
    at = open_app(INTERVIEW, id=str(over))
    assert at.header[0].value == "What happened?" and at.text_area(key=f"qd_{over}_notes")
    assert "No transcription server is set up" in texts(at)  # the recorder says how, typed notes still work
    later = open_app(INTERVIEW, id=str(soon))
    assert "What happened?" not in [h.value for h in later.header]


def test_typed_notes_are_sorted_reviewed_edited_and_saved_in_one_go(app_db: Database, open_app) -> None:
    priya, meeting = _past(app_db)
    at = open_app(INTERVIEW, id=str(meeting))
    key = f"qd_{meeting}"
    at.text_area(key=f"{key}_notes").input(NOTES).run()
    at.button(key=f"{key}_sort").click().run()
    assert not at.exception
    assert at.text_area(key=f"{key}_r_f_challenges").value == "recruiting teachers is the hardest part"
    assert at.text_area(key=f"{key}_r_steps").value == "plan a parent survey"
    at.text_area(key=f"{key}_r_advice").input("turn a school project into a case study\nread Just Enough Research")
    at.button(key=f"FormSubmitter:{key}_review-Save debrief and complete").click().run()
    assert not at.exception
    assert "Completed from your notes: 1 promise and 1 referral added to follow-ups." in texts(at)
    assert interviews.get(app_db, meeting)["status"] == "completed"
    saved = interviews.debrief_of(app_db, meeting)
    assert saved["notes"] == NOTES and saved["next_steps"] == "plan a parent survey"
    assert [a["text"] for a in interviews.advice_of(app_db, meeting)][-1] == "read Just Enough Research"
    tom = contacts.search(app_db, "Tom Kelly").iloc[0]
    assert tom["introduced_by_id"] == priya
    assert {"thank_you", "offer", "reach_out", "report_back"} <= set(followups.listing(app_db)["kind"])


def test_a_model_that_fails_is_said_and_the_notes_are_sorted_offline_and_kept(app_db: Database, open_app,
                                                                             fake_llm, monkeypatch) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", fake_llm.url)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-page-test-987654321")
    fake_llm.mode = "unauthorized"
    _, meeting = _past(app_db)
    at = open_app(INTERVIEW, id=str(meeting))
    key = f"qd_{meeting}"
    at.text_area(key=f"{key}_notes").input(NOTES).run()
    at.radio(key=f"{key}_provider").set_value("openai").run()
    at.button(key=f"{key}_sort").click().run()
    assert not at.exception
    warning = shown(at.warning[0].value)
    assert "refused the API key" in warning and "sorted the notes offline instead" in warning
    assert "sk-page-test-987654321" not in texts(at)
    assert at.text_area(key=f"{key}_notes").value == NOTES
    assert interviews.get(app_db, meeting)["status"] == "planned"


def test_a_line_that_fits_nowhere_is_kept_as_other_notes_and_saved(app_db: Database, open_app) -> None:
    _, meeting = _past(app_db)
    at = open_app(INTERVIEW, id=str(meeting))
    key = f"qd_{meeting}"
    at.text_area(key=f"{key}_notes").input("good chat").run()
    at.button(key=f"{key}_sort").click().run()
    assert not at.exception
    assert at.text_area(key=f"{key}_r_other").value == "good chat"
    at.button(key=f"FormSubmitter:{key}_review-Save debrief and complete").click().run()
    assert not at.exception
    assert interviews.debrief_of(app_db, meeting)["notes"] == "good chat"
