"""The browser's Back and Forward move one page at a time between the lists and a record's page."""

from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from lib import clock, contacts, interviews, profile
from lib.db import Database
from tests.e2e.helpers import click_link, expect_title, open_page, wait_for_app
from tests.e2e.servers import start_server


@pytest.fixture
def one_meeting(tmp_path: Path):
    db = Database(tmp_path / "rapport.duckdb")
    db.migrate()
    profile.save(db, name="Sam Rivera", time_zone="UTC")
    ana = contacts.create(db, full_name="Ana Okafor")
    meeting = interviews.schedule(db, ana, clock.utcnow() + timedelta(days=1))
    server = start_server(tmp_path)
    yield server, meeting
    server.stop()


def test_back_from_an_interview_page_whose_tab_was_changed_takes_one_press_and_forward_returns(
        one_meeting, page: Page) -> None:
    server, meeting = one_meeting
    open_page(page, f"{server.url}/interview?id={meeting}")
    page.get_by_role("tab", name="Debrief").click()
    wait_for_app(page)
    click_link(page, "All interviews")
    expect_title(page, "Interviews")
    page.go_back()
    wait_for_app(page)
    expect(page).to_have_url(f"{server.url}/interview?id={meeting}")
    expect_title(page, "Ana Okafor")
    page.go_forward()
    wait_for_app(page)
    expect(page).to_have_url(f"{server.url}/interviews")
    expect_title(page, "Interviews")
