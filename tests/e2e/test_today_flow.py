"""Today in the browser: acting on a follow-up from the digest."""

import re

from playwright.sync_api import Page, expect

from tests.e2e.helpers import click_button, open_page, wait_for_app


def overdue_count(page: Page) -> int:
    heading = page.get_by_role("heading", name=re.compile(r"^Overdue \(\d+\)"))
    expect(heading).to_be_visible(timeout=30_000)
    return int(re.search(r"\d+", heading.inner_text()).group())


def test_snoozing_from_today_opens_its_choices_and_moves_the_follow_up(demo_server, page: Page) -> None:
    open_page(page, f"{demo_server.url}/today")
    before = overdue_count(page)
    # Today lists the first three and links to the rest, so its first page stays quick.
    expect(page.get_by_role("link", name=f"{before - 3} more overdue on Follow-ups")).to_be_visible()
    page.get_by_test_id("stMain").get_by_role("button", name=re.compile(r"Snooze$")).first.click()
    wait_for_app(page)  # the choices are drawn when the popover opens
    click_button(page, "1 week")
    expect(page.get_by_role("heading", name=f"Overdue ({before - 1})")).to_be_visible()
