"""A reload (phones reload tabs often) loses nothing typed: the debrief and the message come back on offer."""

from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from lib import clock, contacts, interviews, profile, questions, unsaved
from lib.db import Database
from tests.e2e.helpers import click_button, expect_text, open_page, press_and_wait, wait_for_app
from tests.e2e.servers import start_server


@pytest.fixture
def meeting_just_ended(tmp_path: Path):
    db = Database(tmp_path / "rapport.duckdb")
    db.migrate()
    profile.save(db, name="Sam Rivera", time_zone="Australia/Melbourne")
    ana = contacts.create(db, full_name="Ana Okafor", organisation="Ledgerly", email="ana@ledgerly.example")
    meeting = interviews.schedule(db, ana, clock.utcnow() - timedelta(hours=2))
    server = start_server(tmp_path)
    yield server, meeting
    server.stop()


LABELS = [*interviews.DEBRIEF_FIELDS.values(), "Their advice - one item per line",
          "What I offered in return - one per line",
          "People they offered to introduce - one per line, as you would write it"]


def type_into(page: Page, label: str, text: str) -> None:
    box = page.get_by_label(label, exact=True)
    box.fill(text)
    press_and_wait(page, box, "Control+Enter")  # as leaving the field does: the change reaches the app


def test_all_twelve_debrief_fields_survive_a_reload_and_come_back_on_the_debrief_tab(
        meeting_just_ended, page: Page) -> None:
    server, meeting = meeting_just_ended
    open_page(page, f"{server.url}/interview?id={meeting}")
    page.get_by_role("tab", name="Debrief").click()
    wait_for_app(page)
    typed = {label: f"Note {n} about {label.lower()}" for n, label in enumerate(LABELS, 1)}
    for label, text in typed.items():
        type_into(page, label, text)
    kept = unsaved.of(Database(server.db_path), f"debrief:{meeting}")
    assert sorted(kept.values()) == sorted(typed.values())  # every field in the database before the reload

    page.reload()
    wait_for_app(page)
    local = clock.to_local(clock.utcnow(), "Australia/Melbourne")
    expect_text(page, "You have an unsaved debrief from ")
    assert f"{local:%H}:" in page.get_by_text("You have an unsaved debrief").inner_text()
    click_button(page, "Continue")
    expect(page.get_by_role("tab", name="Debrief")).to_have_attribute("aria-selected", "true")
    for label, text in typed.items():
        expect(page.get_by_label(label, exact=True)).to_have_value(text)

    click_button(page, "Save debrief and complete")
    expect_text(page, "Completed.")
    page.reload()
    wait_for_app(page)
    expect(page.get_by_text("You have an unsaved debrief")).to_have_count(0)  # saved: nothing to offer


def test_a_half_written_thank_you_survives_a_reload_until_it_is_discarded(meeting_just_ended, page: Page) -> None:
    server, meeting = meeting_just_ended
    open_page(page, f"{server.url}/interview?id={meeting}")
    page.get_by_role("tab", name="Thank-you and messages").click()
    wait_for_app(page)
    type_into(page, "Message", "Dear Ana, thank you for the tour of the ward")

    page.reload()
    wait_for_app(page)
    click_button(page, "Continue")
    expect(page.get_by_role("tab", name="Thank-you and messages")).to_have_attribute("aria-selected", "true")
    expect(page.get_by_label("Message", exact=True)).to_have_value("Dear Ana, thank you for the tour of the ward")

    page.reload()
    wait_for_app(page)
    click_button(page, "Discard")
    page.reload()
    wait_for_app(page)
    expect(page.get_by_text("You have an unsaved message")).to_have_count(0)
    expect(page.get_by_label("Message", exact=True)).to_have_value("")


def test_an_edited_question_survives_a_reload_and_is_saved_from_the_list_taken_back(
        meeting_just_ended, page: Page) -> None:
    server, meeting = meeting_just_ended
    db = Database(server.db_path)
    questions.add(db, meeting, "What trends matter?", "trends")
    questions.add(db, meeting, "What is a typical shift like?", "insights")
    open_page(page, f"{server.url}/interview?id={meeting}")
    grid = page.get_by_test_id("stDataFrame").first
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    editor = page.locator("#portal textarea, [data-testid='data-grid-overlay-editor'] textarea").first
    for _ in range(3):  # the grid may still be settling after the run that drew it
        page.mouse.click(box["x"] + 420, box["y"] + 52)  # the first row's Question cell
        page.keyboard.press("Enter")
        try:
            expect(editor).to_be_visible(timeout=5_000)
            break
        except AssertionError:
            box = grid.bounding_box()
    editor.fill("Which trends matter most in ICU informatics?")
    press_and_wait(page, editor, "Tab")  # commit the cell: the edit reaches the app and is kept

    page.reload()
    wait_for_app(page)
    expect_text(page, "You have an unsaved question list from ")
    click_button(page, "Continue")
    click_button(page, "Save questions")
    expect_text(page, "Saved 2 questions.")
    assert [q["text"] for q in questions.of(db, meeting)] == [
        "Which trends matter most in ICU informatics?", "What is a typical shift like?"]
