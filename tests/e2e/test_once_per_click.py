"""Every button that writes acts once per intent: a double-click on a phone records one thing, not two."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from lib import clock, contacts, interactions, interviews, messages, outreach, profile
from lib.db import Database
from tests.e2e.helpers import expect_text, open_page, wait_for_app
from tests.e2e.servers import start_server


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    folder: Path = tmp_path_factory.mktemp("once")
    db = Database(folder / "rapport.duckdb")
    db.migrate()
    profile.save(db, name="Sam Rivera", time_zone="UTC")
    contacts.create(db, full_name="Ana Okafor", organisation="Ledgerly", email="ana@ledgerly.example")
    contacts.create(db, full_name="Priya Nair", organisation="Heidi Health")
    server = start_server(folder)
    yield server
    server.stop()


def contact_id(server, name: str) -> int:
    return int(contacts.search(Database(server.db_path), name).iloc[0]["id"])


def double_click(page: Page, name: str, scope=None) -> None:
    """Two clicks as fast as a thumb makes them, then the app's answer."""
    (scope or page.get_by_test_id("stMain")).get_by_role("button", name=name, exact=True).dblclick()
    wait_for_app(page)


def test_i_sent_it_logs_one_outreach_and_then_reads_logged(server, page: Page) -> None:
    ana = contact_id(server, "Ana Okafor")
    open_page(page, f"{server.url}/contact?id={ana}")
    page.get_by_text("Ask for a conversation").click()
    page.get_by_label("Request", exact=True).fill("Hello Ana, would you have 20 minutes for a chat?")
    page.get_by_label("Request", exact=True).press("Control+Enter")
    wait_for_app(page)
    double_click(page, "I sent it - log the outreach")
    expect(page.get_by_role("button", name="Logged ✓")).to_be_disabled()
    open_page(page, f"{server.url}/contact?id={ana}")
    assert len(outreach.open_for(Database(server.db_path), ana)) == 1


def test_log_interaction_on_a_contact_logs_once_clears_the_note_and_moves_the_clock(server, page: Page) -> None:
    priya = contact_id(server, "Priya Nair")
    open_page(page, f"{server.url}/contact?id={priya}")
    expect_text(page, "Last interaction never")
    page.get_by_label("Note", exact=True).fill("Coffee at the hospital")
    double_click(page, "Log interaction")
    expect_text(page, "Logged ✓ Meeting - the keep-in-touch clock starts again.")
    wait_for_app(page)  # the run that says so is still replacing the old form with the empty one
    expect(page.get_by_label("Note", exact=True)).to_have_value("")
    expect_text(page, "Last interaction today")  # without a reload
    notes = [e["note"] for e in interactions.timeline(Database(server.db_path), priya)]
    assert notes.count("Coffee at the hospital") == 1


def test_the_quick_log_interaction_on_today_logs_once(server, page: Page) -> None:
    ana = contact_id(server, "Ana Okafor")
    open_page(page, f"{server.url}/today")
    page.get_by_role("button", name=re.compile("Log an interaction")).click()
    wait_for_app(page)
    box = page.get_by_test_id("stPopoverBody")
    box.get_by_label("Contact", exact=True).click()
    page.get_by_role("option", name="Ana Okafor").click()
    box.get_by_label("Note", exact=True).fill("Quick call about research ops")
    double_click(page, "Log interaction", scope=box)
    expect_text(page, "Logged ✓ Meeting with Ana Okafor")
    wait_for_app(page)
    expect(box.get_by_label("Note", exact=True)).to_have_value("")
    notes = [e["note"] for e in interactions.timeline(Database(server.db_path), ana)]
    assert notes.count("Quick call about research ops") == 1


def test_mark_as_sent_records_one_thank_you_and_then_reads_sent(server, page: Page) -> None:
    db = Database(server.db_path)
    ana = contact_id(server, "Ana Okafor")
    meeting = interviews.schedule(db, ana, clock.utcnow() - timedelta(hours=3))
    interviews.complete(db, meeting, {"advice": "Read the research ops handbook"})
    open_page(page, f"{server.url}/interview?id={meeting}")
    page.get_by_role("tab", name="Thank-you and messages").click()
    page.get_by_label("Subject", exact=True).fill("Thank you for your time")
    page.get_by_label("Message", exact=True).fill("Dear Ana,\n\nThank you for the handbook tip.\n\nSam")
    page.get_by_label("Message", exact=True).press("Control+Enter")
    wait_for_app(page)
    double_click(page, "Mark as sent")
    expect(page.get_by_role("button", name="Sent ✓")).to_be_disabled()
    open_page(page, f"{server.url}/interview?id={meeting}")
    sent = [m for m in messages.for_interview(Database(server.db_path), meeting) if m["status"] == "sent"]
    assert len(sent) == 1


def test_the_quick_log_outreach_on_today_logs_one_request_and_three_b_seven_reminders(server, page: Page) -> None:
    priya = contact_id(server, "Priya Nair")
    open_page(page, f"{server.url}/today")
    page.get_by_role("button", name=re.compile("Log an outreach")).click()
    wait_for_app(page)
    box = page.get_by_test_id("stPopoverBody")
    box.get_by_label("Contact", exact=True).click()
    page.get_by_role("option", name="Priya Nair").click()
    double_click(page, "Log outreach", scope=box)
    expect_text(page, "Logged ✓ your request to Priya Nair")
    db = Database(server.db_path)
    assert len(outreach.open_for(db, priya)) == 1
    reminders = db.value("SELECT count(*) FROM followup WHERE contact_id = ? AND outreach_id IS NOT NULL", [priya])
    assert reminders == 2  # ask a second person, then follow up once: not four
