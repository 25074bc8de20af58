"""A newcomer's first minutes, in the browser: welcome, profile, demo, and surviving a restart."""

from pathlib import Path

from playwright.sync_api import Page, expect

from lib import profile
from lib.db import Database
from tests.e2e.helpers import click_button, expect_text, expect_title, fill, open_page
from tests.e2e.servers import start_server


def test_a_newcomer_fills_the_profile_and_it_survives_a_restart(fresh_server, page: Page,
                                                              screenshot_dir: Path) -> None:
    open_page(page, fresh_server.url)
    expect_title(page, "Welcome to Rapport")
    expect_text(page, "They are not job interviews")
    page.screenshot(path=str(screenshot_dir / "welcome.png"), full_page=True)
    fill(page, "Your name", "Sam Rivera")
    fill(page, "Target roles", "UX researcher")
    click_button(page, "Save and start")
    expect_title(page, "Today")
    expect_text(page, "Sam.")

    fresh_server.stop()
    restarted = start_server(fresh_server.db_path.parent)
    try:
        open_page(page, restarted.url)
        expect_title(page, "Today")
        assert profile.get(Database(restarted.db_path)).name == "Sam Rivera"
    finally:
        restarted.stop()


def test_the_demo_is_one_click_away_and_so_is_the_way_back(fresh_server, page: Page) -> None:
    open_page(page, fresh_server.url)
    click_button(page, "Explore with demo data")
    expect_title(page, "Today")
    expect_text(page, "Weeks in a row at goal")
    expect(page.get_by_test_id("stSidebar").get_by_text("demo data")).to_be_visible()
    click_button(page, "Back to my data")
    expect_title(page, "Welcome to Rapport")
    assert not profile.exists(Database(fresh_server.db_path))
    assert fresh_server.demo_path.exists()


def test_welcome_offers_the_browsers_time_zone(fresh_server, browser) -> None:
    context = browser.new_context(timezone_id="Australia/Melbourne")
    try:
        page = context.new_page()
        open_page(page, fresh_server.url)
        expect_title(page, "Welcome to Rapport")
        expect(page.get_by_label("Time zone", exact=True)).to_have_value("Australia/Melbourne")
    finally:
        context.close()
