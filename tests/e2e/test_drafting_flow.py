"""Drafting questions in the browser, streamed from a real local OpenAI-compatible server."""

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from lib import contacts, interviews, profile, questions
from lib.db import Database
from tests.e2e.helpers import click_button, expect_text, expect_title, open_page, press_and_wait, wait_for_app
from tests.e2e.servers import start_server
from tests.fakes.openai_server import MODEL, QUESTIONS


@pytest.fixture
def server_with_model(tmp_path: Path, fake_llm):
    db = Database(tmp_path / "rapport.duckdb")
    db.migrate()
    profile.save(db, name="Sam Rivera", target_roles="UX researcher", time_zone="UTC")
    ana = contacts.create(db, full_name="Ana Okafor", organisation="Ledgerly", role="Head of Research")
    meeting = interviews.schedule(db, ana, datetime.now() + timedelta(days=2), purpose="Learn research ops")
    server = start_server(tmp_path, env={"OPENAI_API_KEY": "sk-test-e2e-0000", "OPENAI_BASE_URL": fake_llm.url,
                                         "RAPPORT_LLM_MODEL": MODEL})
    yield server, meeting
    server.stop()


def test_questions_stream_from_the_model_and_an_edited_list_is_saved(server_with_model, page: Page,
                                                                     fake_llm, screenshot_dir: Path) -> None:
    server, meeting = server_with_model
    open_page(page, f"{server.url}/interview?id={meeting}")
    expect_title(page, "Ana Okafor")
    page.get_by_text("Draft questions for this meeting").click()
    expect(page.get_by_text(f"Model {MODEL} at")).to_be_visible()
    wait_for_app(page)  # a click while the script still runs can be lost
    click_button(page, "Draft questions")
    expect_text(page, "9 drafted questions")
    # Once streamed, one list: the questions' words (never the JSON), and no second copy of them.
    expect(page.get_by_text("How did your years in teaching shape the way you run research?")).to_have_count(1)
    expect(page.get_by_text("• How did your years in teaching")).to_have_count(0)
    assert fake_llm.requests[-1]["body"]["stream"] is True
    page.get_by_text("9 drafted questions").scroll_into_view_if_needed()
    page.screenshot(path=str(screenshot_dir / "drafting.png"), full_page=False)
    click_button(page, "Add to my questions")
    expect_text(page, "all five covered")  # the list below now holds the drafted questions
    wait_for_app(page)
    db = Database(server.db_path)
    assert [q["text"] for q in questions.of(db, meeting)] == [q["text"] for q in QUESTIONS["questions"]]

    grid = page.get_by_test_id("stDataFrame").first
    expect(grid).to_be_visible()
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    editor = page.locator("#portal textarea, [data-testid='data-grid-overlay-editor'] textarea").first
    for _ in range(3):  # the grid may still be settling after the rerun that filled it
        page.mouse.click(box["x"] + 420, box["y"] + 52)  # select the first row's Question cell
        page.keyboard.press("Enter")  # open its editor
        try:
            expect(editor).to_be_visible(timeout=5_000)
            break
        except AssertionError:
            box = grid.bounding_box()
    expect(editor).to_be_visible()
    editor.fill("How did teaching shape your research practice?")
    press_and_wait(page, editor, "Tab")  # commit and move on: the edit is kept as typed (a run)
    click_button(page, "Save questions")
    expect_text(page, "Saved 9 questions.")
    saved = questions.of(db, meeting)
    assert saved[0]["text"] == "How did teaching shape your research practice?"
    assert len(saved) == len(QUESTIONS["questions"])
