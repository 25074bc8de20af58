"""*What happened?* on a phone, in Chromium: notes typed, a memo uploaded and transcribed by the local server,
the proposal reviewed and saved; axe-core finds nothing; the README's phone screenshot comes from here."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from playwright.sync_api import Page, expect

from lib import clock, contacts, interviews, profile
from lib.db import Database
from tests.e2e.helpers import click_button, expect_text, expect_title, open_page
from tests.e2e.servers import start_server
from tests.e2e.test_accessibility import WIDTHS, sideways_scroll, violations
from tests.fakes.openai_server import MODEL, FakeOpenAI
from tests.test_drafting_transcribe import wav

TYPED = ("recruiting teachers is the hardest part\nloves seeing teachers use what she researched\n"
         "teacher -> UX research -> lead\nadvice: turn a school project into a case study\n"
         "intro to Tom Kelly (Researcher, Canva)")
SAID = "I'll send her my consent templates by Friday. Next: plan a parent survey."


def test_notes_and_a_memo_become_a_saved_debrief_on_a_phone(tmp_path: Path, page: Page, screenshot_dir: Path) -> None:
    db = Database(tmp_path / "rapport.duckdb")
    db.migrate()
    profile.save(db, name="Maya Chen")
    priya = contacts.create(db, full_name="Priya Raman", organisation="Canva", role="UX Research Lead")
    meeting = interviews.schedule(db, priya, clock.utcnow() - timedelta(hours=1), duration_minutes=30)
    model = FakeOpenAI().start()
    model.transcript = SAID
    server = start_server(tmp_path, env={"OPENAI_BASE_URL": model.url, "OPENAI_API_KEY": "sk-e2e-memo-0123456789",
                                         "RAPPORT_LLM_MODEL": MODEL})
    try:
        width, height = WIDTHS["phone"]
        page.set_viewport_size({"width": width, "height": height})
        open_page(page, f"{server.url}/interview?id={meeting}")
        expect_title(page, "Priya Raman")
        notes = page.get_by_label("Your notes", exact=True)
        box = notes.bounding_box()
        assert box is not None and box["y"] < height, f"'Your notes' starts at {box}, below the fold"
        notes.fill(TYPED)
        notes.press("Control+Enter")
        page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
            files=[{"name": "Priya.wav", "mimeType": "audio/wav", "buffer": wav()}])
        click_button(page, "Transcribe the memo")
        expect(page.get_by_label("Your notes", exact=True)).to_have_value(f"{TYPED}\n{SAID}")
        assert model.uploads[-1]["filename"] == "Priya.wav"
        page.get_by_text("Rapport's own sorter (no network)").click()
        click_button(page, "Sort into the debrief")
        expect(page.get_by_label("Challenges", exact=True).first).to_have_value("recruiting teachers is the hardest part")
        expect(page.get_by_label("My next steps - one per line", exact=True)).to_have_value("plan a parent survey")
        assert violations(page, f"/interview at phone width ({width}px), the proposal shown") == []
        main, main_visible, whole, whole_visible = sideways_scroll(page)
        assert main <= main_visible and whole <= whole_visible
        assert page.get_by_text("Not found in your notes").count() == 0  # typed and said: all traced
        page.get_by_role("heading", name="What happened?").evaluate("h => h.scrollIntoView({block: 'start'})")
        page.screenshot(path=str(screenshot_dir / "debrief-phone.png"), full_page=False)
        click_button(page, "Save debrief and complete")
        expect_text(page, "Completed from your notes: 1 promise and 1 referral added to follow-ups.")
        assert interviews.get(db, meeting)["status"] == "completed"
        assert interviews.debrief_of(db, meeting)["notes"] == f"{TYPED}\n{SAID}"
        assert "sk-e2e-memo-0123456789" not in page.content()
    finally:
        server.stop()
        model.stop()


def test_a_server_without_the_audio_endpoint_is_one_sentence_and_keeps_notes_and_memo(tmp_path: Path,
                                                                                      page: Page) -> None:
    db = Database(tmp_path / "rapport.duckdb")
    db.migrate()
    priya = contacts.create(db, full_name="Priya Raman", organisation="Canva")
    meeting = interviews.schedule(db, priya, clock.utcnow() - timedelta(hours=1), duration_minutes=30)
    model = FakeOpenAI().start()
    model.serve_audio = False
    server = start_server(tmp_path, env={"OPENAI_BASE_URL": model.url, "OPENAI_API_KEY": "sk-e2e-memo-0123456789"})
    try:
        open_page(page, f"{server.url}/interview?id={meeting}")
        notes = page.get_by_label("Your notes", exact=True)
        notes.fill(TYPED)
        notes.press("Control+Enter")
        page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
            files=[{"name": "Priya.wav", "mimeType": "audio/wav", "buffer": wav()}])
        click_button(page, "Transcribe the memo")
        expect_text(page, "has no audio transcription endpoint (/v1/audio/transcriptions)")
        expect(page.get_by_label("Your notes", exact=True)).to_have_value(TYPED)
        expect(page.get_by_text("Priya.wav")).to_be_visible()
        assert interviews.get(db, meeting)["status"] == "planned"
    finally:
        server.stop()
        model.stop()
