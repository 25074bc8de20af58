"""Follow-ups in the browser: a popover belongs to its row, closes after acting, and says what it did."""

from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from lib import clock, contacts, followups, profile
from lib.db import Database
from tests.e2e.helpers import click_button, open_page, wait_for_app
from tests.e2e.servers import start_server


@pytest.fixture
def two_overdue(tmp_path: Path):
    db = Database(tmp_path / "rapport.duckdb")
    db.migrate()
    profile.save(db, name="Sam Rivera", time_zone="Australia/Melbourne")
    for days, name in ((3, "Ana Okafor"), (2, "Priya Nair")):
        person = contacts.create(db, full_name=name)
        followups.create(db, person, "custom", f"Follow up once with {name}", clock.utcnow() - timedelta(days=days))
    server = start_server(tmp_path)
    yield server
    server.stop()


def state_of(server, title: str) -> str:
    board = followups.board(Database(server.db_path))
    return "snoozed" if title in set(board.snoozed["title"]) else "overdue" if title in set(
        board.overdue["title"]) else "other"


@pytest.mark.parametrize("path", ["followups", "today"])
def test_snoozing_the_first_overdue_item_closes_its_popover_and_leaves_the_next_alone(
        two_overdue, page: Page, path: str) -> None:
    open_page(page, f"{two_overdue.url}/{path}")
    page.get_by_test_id("stMain").get_by_role("button", name="Snooze").first.click()
    wait_for_app(page)
    click_button(page, "1 day")
    expect(page.get_by_test_id("stToast").filter(
        has_text="Snoozed “Follow up once with Ana Okafor” until")).to_be_visible()
    expect(page.get_by_test_id("stPopoverBody")).to_be_hidden()  # nothing left open over Priya's row
    expect(page.get_by_role("button", name="1 day")).to_be_hidden()
    assert state_of(two_overdue, "Follow up once with Ana Okafor") == "snoozed"
    assert state_of(two_overdue, "Follow up once with Priya Nair") == "overdue"
