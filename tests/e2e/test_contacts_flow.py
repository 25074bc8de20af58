"""Adding a contact and finding it again, as a person does it in the browser."""

from pathlib import Path

from playwright.sync_api import Page, expect

from lib import contacts
from lib.db import Database
from tests.e2e.helpers import click_button, click_link, expect_text, expect_title, fill, open_page, wait_for_app


def click_first_row(page: Page) -> None:
    """The grid draws on a canvas, so a row is picked where its selection box is drawn:
    the first column, just below the 35-pixel header."""
    grid = page.get_by_test_id("stDataFrame")
    expect(grid).to_be_visible()
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 15, box["y"] + 52)
    wait_for_app(page)


def test_add_a_contact_at_a_new_organisation_then_find_and_open_it(fresh_server, page: Page) -> None:
    open_page(page, f"{fresh_server.url}/contacts")
    fill(page, "Name *", "Ana Okafor")
    fill(page, "Email", "ana@ledgerly.example")
    fill(page, "Role", "UX Researcher")
    organisation = page.get_by_label("Organisation", exact=True)
    organisation.click()
    page.keyboard.type("Ledgerly")
    page.keyboard.press("Enter")
    click_button(page, "Add contact")
    expect_text(page, "Added Ana Okafor.")
    expect_title(page, "Ana Okafor")  # straight to their page: no form left to submit twice
    stored = contacts.search(Database(fresh_server.db_path)).iloc[0]
    assert (stored["name"], stored["organisation"]) == ("Ana Okafor", "Ledgerly")

    click_link(page, "All contacts")
    fill(page, "Search contacts", "ledgerly")
    page.keyboard.press("Enter")
    wait_for_app(page)
    expect_text(page, "1 contact - select a row to open it")
    click_first_row(page)
    expect_title(page, "Ana Okafor")
    expect_text(page, "UX Researcher at Ledgerly")


def test_the_contacts_page_over_a_year_of_networking(demo_server, page: Page, screenshot_dir: Path) -> None:
    open_page(page, f"{demo_server.url}/contacts")
    expect_title(page, "Contacts")
    expect_text(page, "77 contacts")
    grid = page.get_by_test_id("stDataFrame")
    expect(grid).to_be_visible()
    page.screenshot(path=str(screenshot_dir / "contacts.png"), full_page=False)

    fill(page, "Search contacts", "Greenline")
    page.keyboard.press("Enter")
    wait_for_app(page)
    expected = len(contacts.search(Database(demo_server.db_path), "Greenline"))
    expect_text(page, f"{expected} contacts - select a row to open it")


def test_a_contact_page_shows_introductions_and_the_timeline(demo_server, page: Page, screenshot_dir: Path) -> None:
    db = Database(demo_server.db_path)
    middle = db.row("SELECT c.id, c.full_name FROM contact c WHERE c.introduced_by_id IS NOT NULL AND "
                    "EXISTS (SELECT 1 FROM contact d WHERE d.introduced_by_id = c.id) ORDER BY c.id LIMIT 1")
    open_page(page, f"{demo_server.url}/contact?id={middle['id']}")
    expect_title(page, middle["full_name"])
    expect_text(page, "Introduced by")
    expect_text(page, "Introduced you to")
    expect_text(page, "Timeline")
    # The timeline lists the meeting (the same words also sit in the hidden prompt preview).
    expect(page.get_by_text("Meeting").filter(visible=True).first).to_be_visible()
    page.screenshot(path=str(screenshot_dir / "contact.png"), full_page=False)
