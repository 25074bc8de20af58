"""A deep link on a freshly started server shows the page inside Rapport's own navigation.

Without the page guard, Streamlit runs pages/<page>.py directly in legacy multipage mode: app.py is
skipped and the sidebar lists raw file names (see DESIGN.md, Known pitfalls).
"""

import shutil

import pytest
from playwright.sync_api import Page, expect

from lib import contacts
from lib.db import Database
from tests.e2e.helpers import click_sidebar, expect_title, open_page, sidebar_links
from tests.e2e.servers import start_server

NAVIGATION = ["Welcome", "Today", "Contacts", "Interviews", "Follow-ups", "Insights", "Dashboard", "Organisations",
              "Settings"]


# The fault this guards against (app.py skipped on a fresh server's first deep link) does not depend on the
# page; four pages of different kinds keep it caught, and the accessibility tests open every page.
@pytest.mark.parametrize(("path", "title"), [
    ("today", "Today"),
    ("contacts", "Contacts"),
    ("settings", "Settings"),
    ("welcome", "Welcome to Rapport"),
])
def test_a_deep_link_on_a_fresh_server_shows_the_page_with_proper_navigation(
        fresh_server, page: Page, path: str, title: str) -> None:
    open_page(page, f"{fresh_server.url}/{path}")
    expect_title(page, title)
    assert [link.split("\n")[-1] for link in sidebar_links(page)] == NAVIGATION
    expect(page.get_by_test_id("stDialog")).to_have_count(0)  # no "page not found"
    assert page.url == f"{fresh_server.url}/{path}"


@pytest.mark.parametrize("path", ["today", "interview?id=1"])
def test_a_deep_link_works_for_a_returning_user_too(demo_file, tmp_path, page: Page, path: str) -> None:
    shutil.copy(demo_file, tmp_path / "rapport.duckdb")
    server = start_server(tmp_path)
    try:
        open_page(page, f"{server.url}/{path}")
        expect(page.get_by_test_id("stDialog")).to_have_count(0)
        assert page.url == f"{server.url}/{path}"
        assert "Welcome" not in [link.split("\n")[-1] for link in sidebar_links(page)]
    finally:
        server.stop()


def test_a_link_to_one_contact_opens_that_contact(demo_server, page: Page) -> None:
    open_page(page, f"{demo_server.url}/contact?id=1")
    expect_title(page, contacts.get(Database(demo_server.db_path), 1)["name"])


def test_an_address_from_before_contacts_had_their_own_page_opens_the_contact(demo_server, page: Page) -> None:
    open_page(page, f"{demo_server.url}/contacts?contact=1")
    expect_title(page, contacts.get(Database(demo_server.db_path), 1)["name"])
    expect(page).to_have_url(f"{demo_server.url}/contact?id=1")


@pytest.mark.parametrize(("record", "back"), [("contact?id=1", "Contacts"), ("interview?id=1", "Interviews")])
def test_the_sidebar_leaves_an_open_record_for_its_list(demo_server, page: Page, record: str, back: str) -> None:
    open_page(page, f"{demo_server.url}/{record}")
    click_sidebar(page, back)
    expect_title(page, back)
    expect(page).to_have_url(f"{demo_server.url}/{back.lower()}")
