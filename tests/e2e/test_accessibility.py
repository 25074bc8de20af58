"""Every page, every tab and every expander passes axe-core with 0 violations, at desktop and phone widths.

axe-core 4 comes inside `axe-playwright-python` (nothing is downloaded). A violation fails with the page,
the width, the view (which tab), the rule and the element, so it can be fixed where it starts. At phone
width no page scrolls sideways.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from lib.db import Database
from tests.e2e.helpers import open_every_expander, open_page, wait_for_app
from tests.e2e.servers import AppServer, start_server

WIDTHS = {"desktop": (1400, 900), "phone": (390, 844)}
AXE_SOURCE = Axe().axe_script  # axe-core 4, shipped inside axe-playwright-python


@pytest.fixture(scope="module")
def empty_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    server = start_server(tmp_path_factory.mktemp("empty-server"))
    yield server
    server.stop()


def violations(page: Page, where: str) -> list[str]:
    """axe-core's findings on what is visible now, one line each: where, rule (impact), element, why."""
    if page.evaluate("typeof window.axe === 'undefined'"):  # once per document, not once per check
        page.evaluate(AXE_SOURCE)
    found = page.evaluate("axe.run({resultTypes: ['violations']}).then(r => r.violations)")
    return [f"{where}: {v['id']} ({v['impact']}) on {node['html'][:120]!r}: "
            f"{(node.get('failureSummary') or '').splitlines()[-1].strip()} [{node['target'][-1]}]"
            for v in found for node in v["nodes"]]


def sideways_scroll(page: Page) -> list[int]:
    """The main block's scroll and client widths (and the document's), equal when nothing overflows."""
    return page.evaluate("""() => {
        const main = document.querySelector('[data-testid="stMain"]');
        return [main.scrollWidth, main.clientWidth, document.documentElement.scrollWidth,
                document.documentElement.clientWidth];
    }""")


def tab_by_tab(page: Page, label: str) -> list[str]:
    """axe over each tab's content in turn (a hidden tab is skipped by axe, so each must be shown)."""
    problems = []
    tabs = page.get_by_role("tab")
    for n in range(tabs.count()):
        tab = tabs.nth(n)
        name = tab.inner_text().strip()
        tab.click()
        wait_for_app(page)
        problems += violations(page, f"{label}, tab {name!r}")
    return problems


def check(page: Page, url: str, path: str) -> None:
    """The page as it opens at desktop width, each tab, every expander open; then the same at phone width.

    The phone view is the same page narrowed (as a turned tablet or a split screen does), so one load serves
    both widths; Streamlit lays out again by CSS and Plotly redraws on the resize.
    """
    desktop, phone = (f"/{path} at {name} width ({w}px)" for name, (w, _) in WIDTHS.items())
    page.set_viewport_size(dict(zip(("width", "height"), WIDTHS["desktop"], strict=True)))
    open_page(page, url)
    problems = violations(page, desktop) + tab_by_tab(page, desktop)
    open_every_expander(page)
    problems += violations(page, f"{desktop}, every expander open")
    page.set_viewport_size(dict(zip(("width", "height"), WIDTHS["phone"], strict=True)))
    wait_for_app(page)
    problems += violations(page, f"{phone}, every expander open") + tab_by_tab(page, phone)
    assert not problems, "\n".join(problems)
    main, main_visible, whole, whole_visible = sideways_scroll(page)
    assert main <= main_visible and whole <= whole_visible, (
        f"/{path} scrolls sideways at {WIDTHS['phone'][0]}px: main {main} > {main_visible} "
        f"or page {whole} > {whole_visible}")


EMPTY = ["welcome", "today", "contacts", "interviews", "followups", "insights", "dashboard", "organisations",
         "settings"]


@pytest.mark.parametrize("path", EMPTY)
def test_every_page_of_a_new_users_empty_database_is_accessible(empty_server, page: Page, path: str) -> None:
    check(page, f"{empty_server.url}/{path}", path)


def _demo_paths(db_path: Path) -> dict[str, str]:
    db = Database(db_path)
    planned = db.value("SELECT id FROM interview WHERE status = 'planned' ORDER BY scheduled_at LIMIT 1")
    done = db.value("SELECT interview_id FROM referral ORDER BY interview_id LIMIT 1")
    person = db.value("SELECT introduced_by_id FROM contact WHERE introduced_by_id IS NOT NULL LIMIT 1")
    return {"contact": f"contact?id={person}", "planned interview": f"interview?id={planned}",
            "completed interview": f"interview?id={done}"}


DEMO = ["today", "contacts", "contact", "interviews", "planned interview", "completed interview", "followups",
        "insights", "dashboard", "organisations", "settings"]


@pytest.mark.parametrize("which", DEMO)
def test_every_page_of_a_year_of_networking_is_accessible(demo_server, page: Page, which: str) -> None:
    path = _demo_paths(demo_server.db_path).get(which, which)
    check(page, f"{demo_server.url}/{path}", path)


def test_on_a_phone_today_opens_on_what_to_do_today(demo_server, page: Page, screenshot_dir: Path) -> None:
    width, height = WIDTHS["phone"]
    page.set_viewport_size({"width": width, "height": height})
    open_page(page, f"{demo_server.url}/today")
    todo = page.get_by_text("To do today:")  # the demo always has a thank-you to send today
    box = todo.bounding_box()
    assert box is not None and box["y"] + box["height"] <= height, f"'To do today' starts at {box}, below the fold"
    page.screenshot(path=str(screenshot_dir / "today-phone.png"), full_page=False)
    open_page(page, f"{demo_server.url}/{_demo_paths(demo_server.db_path)['planned interview']}")
    page.screenshot(path=str(screenshot_dir / "interview-phone.png"), full_page=False)
