"""One informational interview, start to finish, in the browser - and Today and Follow-ups following along."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from lib import clock, contacts, interviews, profile
from lib.db import Database
from tests.e2e.helpers import click_button, expect_text, expect_title, open_page, wait_for_app
from tests.e2e.servers import AppServer, start_server


@pytest.fixture
def onboarded_server(tmp_path: Path):
    db = Database(tmp_path / "rapport.duckdb")
    db.migrate()
    profile.save(db, name="Sam Rivera", time_zone="UTC", thank_you_window_hours=72)
    contacts.create(db, full_name="Ana Okafor", organisation="Ledgerly", role="UX Researcher",
                    email="ana@ledgerly.example")
    server = start_server(tmp_path)
    yield server
    server.stop()


def form(page: Page, heading: str):
    return page.get_by_test_id("stForm").filter(has_text=heading)


def pick(page: Page, scope, label: str, option: str) -> None:
    """Open a select box, narrow it by typing, and choose the option (re-opening if a rerun closed it)."""
    box = scope.get_by_label(label, exact=True)
    choice = page.get_by_role("option", name=option).first
    for _ in range(3):
        box.click()
        box.press_sequentially(option.split()[0])
        try:
            expect(choice).to_be_visible(timeout=5_000)
            break
        except AssertionError:
            page.keyboard.press("Escape")
    choice.click()


def set_date(page: Page, field, day) -> None:
    """Streamlit's date field is a row of segments: focus the first and type the digits."""
    field.locator("[role='spinbutton']").first.click()
    page.keyboard.type(day.strftime("%Y%m%d"))
    expect(field).to_contain_text(str(day.day))


def test_schedule_debrief_with_a_referral_thank_and_watch_today_and_follow_ups(
        onboarded_server: AppServer, page: Page, screenshot_dir: Path) -> None:
    server = onboarded_server
    yesterday = clock.today("UTC") - timedelta(days=1)
    open_page(page, f"{server.url}/interviews")
    page.get_by_text("Schedule an interview").click()
    schedule = form(page, "Schedule an informational interview")
    pick(page, schedule, "Contact", "Ana Okafor (Ledgerly)")
    set_date(page, schedule.get_by_label("Date", exact=True), yesterday)
    schedule.get_by_label("Purpose", exact=True).fill("Learn how research works at Ledgerly")
    click_button(page, "Schedule")
    expect_text(page, "is in the past. If this meeting already happened")  # asked, not filed silently
    assert interviews.listing(Database(server.db_path)).empty
    schedule.get_by_text("It already happened - record it so I can debrief it").click()
    click_button(page, "Schedule")
    expect_title(page, "Ana Okafor")  # straight to the new interview: no form left to submit twice
    expect_text(page, "Recorded. It is waiting for your debrief.")

    page.get_by_role("tab", name="Debrief").click()
    debrief = page.get_by_test_id("stMain")  # no form: each field is kept as it changes
    debrief.get_by_label("What the work is really like", exact=True).fill("Mostly synthesis, little fieldwork")
    debrief.get_by_label("Their advice - one item per line", exact=True).fill("Take the research course")
    debrief.get_by_label("People they offered to introduce - one per line, as you would write it",
                         exact=True).fill("Bo Chen, Greenline, Researcher")
    click_button(page, "Save debrief and complete")
    expect_text(page, "Completed. Thank-you due within ")

    db = Database(server.db_path)
    assert contacts.search(db, "Bo Chen").iloc[0]["source"] == "referral"

    open_page(page, f"{server.url}/today")
    expect(page.get_by_role("link", name="Thank Ana Okafor")).to_be_visible()
    # 72 hours from yesterday's meeting: hours or days left, depending on the time the test runs.
    expect(page.get_by_text(re.compile(r"^(\d+ hours|\d+ days) left$")).first).to_be_visible()
    open_page(page, f"{server.url}/followups")
    expect_text(page, "Send a thank-you to Ana Okafor")
    expect_text(page, "Reach out to Bo Chen (introduced by Ana Okafor)")

    meeting = int(interviews.listing(db)["id"].iloc[0])
    open_page(page, f"{server.url}/interview?id={meeting}")
    page.get_by_role("tab", name="Thank-you and messages").click()
    page.get_by_label("Subject", exact=True).fill("Thank you for your time")
    page.get_by_label("Message", exact=True).fill(
        "Dear Ana,\n\nThank you for walking me through research at Ledgerly. I have signed up for the "
        "research course you suggested.\n\nSam")
    page.get_by_label("Message", exact=True).press("Control+Enter")
    wait_for_app(page)
    page.screenshot(path=str(screenshot_dir / "interview.png"), full_page=False)
    click_button(page, "Mark as sent")
    expect_text(page, "hours after the meeting")

    open_page(page, f"{server.url}/today")
    expect_text(page, "Every thank-you is sent.")
    open_page(page, f"{server.url}/followups")
    expect(page.get_by_text("Send a thank-you to Ana Okafor")).to_be_hidden()  # folded away under Done
    expect(page.get_by_text("Done (1)")).to_be_visible()
    expect_text(page, "Reach out to Bo Chen (introduced by Ana Okafor)")


def test_the_morning_view_over_a_year_of_networking(demo_server: AppServer, page: Page,
                                                     screenshot_dir: Path) -> None:
    open_page(page, f"{demo_server.url}/today")
    expect_title(page, "Today")
    expect_text(page, "Weeks in a row at goal")
    expect(page.get_by_role("link", name="Thank ", exact=False).first).to_be_visible()
    page.screenshot(path=str(screenshot_dir / "today.png"), full_page=False)
