"""Bringing a LinkedIn export in through the browser: preview, duplicates, import, undo."""

from pathlib import Path

from playwright.sync_api import Page, expect

from lib import contacts
from lib.db import Database
from tests.e2e.helpers import click_button, expect_text, expect_title, open_page, wait_for_app
from tests.test_io_imports import LINKEDIN


def test_upload_a_linkedin_file_see_the_preview_import_it_and_undo_it(fresh_server, page: Page,
                                                                      tmp_path: Path, screenshot_dir: Path) -> None:
    db = Database(fresh_server.db_path)
    db.migrate()
    contacts.create(db, full_name="Ana Okafor", linkedin_url="linkedin.com/in/ana-okafor")
    source = tmp_path / "Connections.csv"
    source.write_bytes(LINKEDIN.encode("utf-8"))

    open_page(page, f"{fresh_server.url}/settings")
    expect_title(page, "Settings")
    page.get_by_role("tab", name="Data").click()
    page.locator("input[type='file'][accept*='.csv']").set_input_files(str(source))
    wait_for_app(page)
    expect_text(page, "LinkedIn connections")
    values = page.get_by_test_id("stMetricValue")
    expect(values.nth(1)).to_have_text("2")  # new contacts
    expect(values.nth(2)).to_have_text("1 / 0")  # duplicates / invalid
    expect_text(page, "Already in Rapport - these are flagged, not created")
    expect_text(page, "Imported, with something left out")  # the unreadable date
    expect(page.locator("[data-testid='stDataFrame'] canvas").first).to_be_visible()
    page.screenshot(path=str(screenshot_dir / "import.png"), full_page=False)
    assert contacts.count(db) == 1  # the preview wrote nothing

    click_button(page, "Import 2 new contacts")
    expect_text(page, "Imported 2 contacts from Connections.csv")
    assert contacts.count(db) == 3
    page.get_by_role("button", name="Undo the last import").click()
    wait_for_app(page)
    expect_text(page, "Import undone: 2 contacts removed.")
    expect(page.get_by_role("button", name="Undo the last import")).to_have_count(0)
    assert list(contacts.search(db)["name"]) == ["Ana Okafor"]


def calendar_export(days: dict[str, int]) -> str:
    """A small Apple-style export (floating times) with events days from now: title -> offset in days."""
    from datetime import datetime, timedelta

    events = []
    for n, (title, offset) in enumerate(days.items()):
        when = datetime.now() + timedelta(days=offset)
        status = "STATUS:CANCELLED\r\n" if "cancelled" in title else ""
        events.append(f"BEGIN:VEVENT\r\nUID:e2e-{n}@example\r\nDTSTART:{when:%Y%m%d}T100000\r\nDURATION:PT30M\r\n"
                      f"SUMMARY:{title}\r\n{status}END:VEVENT\r\n")
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Apple Inc.//macOS//EN\r\n{''.join(events)}END:VCALENDAR\r\n"


def test_upload_a_calendar_see_whom_it_logs_import_it_and_undo_it(fresh_server, page: Page, tmp_path: Path,
                                                                   screenshot_dir: Path) -> None:
    from lib import interactions, interviews

    db = Database(fresh_server.db_path)
    db.migrate()
    ana = contacts.create(db, full_name="Ana Okafor")
    source = tmp_path / "calendar.ics"
    source.write_text(calendar_export({"Coffee with Ana Okafor": -3, "Research chat - Ana Okafor": 5,
                                       "Lunch with Ana Okafor (cancelled)": -1, "Dentist": -2}))

    open_page(page, f"{fresh_server.url}/settings")
    page.get_by_role("tab", name="Data").click()
    page.locator("input[type='file'][accept*='.ics']").set_input_files(str(source))
    wait_for_app(page)
    values = page.get_by_test_id("stMetricValue")
    expect(values.nth(0)).to_have_text("4")  # events
    expect(values.nth(1)).to_have_text("1")  # meetings to log
    expect(values.nth(2)).to_have_text("1")  # interviews to plan
    expect(values.nth(3)).to_have_text("1")  # the dentist: no known contact
    expect_text(page, "Skipped:")
    expect(page.locator("[data-testid='stDataFrame'] canvas").first).to_be_visible()
    page.get_by_text("Meetings from your calendar").scroll_into_view_if_needed()
    page.screenshot(path=str(screenshot_dir / "calendar-import.png"), full_page=False)
    assert interactions.timeline(db, ana) == []  # the preview wrote nothing

    click_button(page, "Import 2 calendar events")
    expect_text(page, "From calendar.ics: 1 meeting logged, 1 interview planned, no interviews attached or updated.")
    assert [e["kind"] for e in interactions.timeline(db, ana)] == ["meeting"]
    assert len(interviews.listing(db)) == 1
    page.get_by_role("button", name="Undo the last import").click()
    wait_for_app(page)
    expect_text(page, "Import undone: 2 calendar events taken back.")
    assert interactions.timeline(db, ana) == [] and interviews.listing(db).empty


def test_upload_a_mailbox_see_the_thank_you_it_finds_import_it_and_undo_it(fresh_server, page: Page,
                                                                           tmp_path: Path) -> None:
    from datetime import datetime, timedelta
    from email.utils import format_datetime

    from lib import interviews, profile

    db = Database(fresh_server.db_path)
    db.migrate()
    profile.save(db, name="Sam", email="sam@example.com")
    ana = contacts.create(db, full_name="Ana Okafor", email="ana@ledgerly.example")
    met = datetime.now() - timedelta(days=2)
    meeting = interviews.schedule(db, ana, met)
    interviews.complete(db, meeting, {})
    sent = format_datetime((met + timedelta(hours=5)).astimezone())
    source = tmp_path / "Sent.mbox"
    source.write_text(f"From 1@xxx Mon Nov 23 10:00:00 +0000 2026\nMessage-ID: <t1@x>\nDate: {sent}\n"
                      "From: Sam <sam@example.com>\nTo: Ana Okafor <ana@ledgerly.example>\n"
                      "Subject: Thank you\n\nThank you for your time.\n\n"
                      f"From 2@xxx Mon Nov 23 10:00:00 +0000 2026\nMessage-ID: <t2@x>\nDate: {sent}\n"
                      "From: shop@example.net\nTo: sam@example.com\nSubject: Sale\n\nBuy.\n")

    open_page(page, f"{fresh_server.url}/settings")
    page.get_by_role("tab", name="Data").click()
    page.locator("input[type='file'][accept*='.mbox']").set_input_files(str(source))
    wait_for_app(page)
    values = page.get_by_test_id("stMetricValue")
    expect(values.nth(0)).to_have_text("2")  # messages
    expect(values.nth(2)).to_have_text("1")  # the thank-you
    expect(values.nth(3)).to_have_text("1")  # the shop: no known contact
    assert len(interviews.stages(db)["awaiting_thank_you"]) == 1  # the preview wrote nothing

    click_button(page, "Import 1 message")
    expect_text(page, "From Sent.mbox: no emails logged, 1 thank-you marked sent, no replies recorded.")
    assert interviews.stages(db)["awaiting_thank_you"].empty
    page.get_by_role("button", name="Undo the last import").click()
    wait_for_app(page)
    expect_text(page, "Import undone: 1 message taken back.")
    assert len(interviews.stages(db)["awaiting_thank_you"]) == 1
