"""Small verbs for browser tests: get_*, expect_*, click_* - each waits on the app, never the clock."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Locator, Page, WebSocket, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

APP_IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
_SOCKETS: dict[int, WebSocket] = {}


def watch(page: Page) -> Page:
    """Remember the page's connection to the app, so a click can be seen reaching it."""
    page.on("websocket", lambda socket: _SOCKETS.__setitem__(id(page), socket))
    page.on("close", lambda _page: _SOCKETS.pop(id(page), None))
    return page


def wait_for_app(page: Page) -> None:
    """The app is connected and has finished running its script."""
    expect(page.locator(APP_IDLE)).to_be_attached(timeout=30_000)
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=30_000)
    # Widgets whose code is still loading are drawn as skeletons; wait until they are real.
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0, timeout=30_000)


def open_page(page: Page, url: str) -> None:
    page.goto(url)
    wait_for_app(page)


def expect_title(page: Page, text: str) -> None:
    expect(page.get_by_role("heading", name=text, level=1)).to_be_visible(timeout=30_000)


def expect_text(page: Page, text: str) -> None:
    """Visible text somewhere on the page (hidden copies, such as a folded prompt preview, are skipped)."""
    expect(page.get_by_text(text, exact=False).filter(visible=True).first).to_be_visible(timeout=30_000)


def get_input(page: Page, label: str) -> Locator:
    return page.get_by_label(label, exact=True)


def fill(page: Page, label: str, value: str) -> None:
    get_input(page, label).fill(value)


def click_button(page: Page, name: str) -> None:
    """Click a button that reruns the app, and wait for that run.

    A click the app never hears of (seen once in CI: the page unchanged, nothing running, no message
    sent) is clicked again, as a person would; it cannot double-submit, since nothing was sent.
    """
    button = page.get_by_role("button", name=name, exact=True)
    for attempt in (1, 2):
        try:
            _act_and_see_its_run(page, button.click)
            break
        except PlaywrightTimeout:
            if attempt == 2:
                raise AssertionError(f"Clicking {name!r} twice sent nothing to the app") from None
    wait_for_app(page)


def click_link(page: Page, name: str) -> None:
    """A link inside the page (not the sidebar's), as a person follows it."""
    page.get_by_test_id("stMain").get_by_role("link", name=name).click()
    wait_for_app(page)


def click_sidebar(page: Page, name: str) -> None:
    """A page in the sidebar's navigation."""
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=name).click()
    wait_for_app(page)


def sidebar_links(page: Page) -> list[str]:
    nav = page.get_by_test_id("stSidebarNav")
    expect(nav).to_be_visible(timeout=30_000)
    return [t.strip() for t in nav.get_by_test_id("stSidebarNavLink").all_inner_texts()]


def press_and_wait(page: Page, target: Locator, key: str) -> None:
    """Press `key` in a field to commit it (Control+Enter, Tab), seeing the change reach the app, then its run."""
    _act_and_see_its_run(page, lambda: target.press(key))
    wait_for_app(page)


def _act_and_see_its_run(page: Page, act: Callable[[], None]) -> None:
    """Act, see a message reach the app, then see the app say the run it started has finished.

    Waiting on the page alone races: the page still says "not running" for a moment after a message is
    sent, so a test could read the database before the run that writes it (seen in CI).
    Raises PlaywrightTimeout when nothing was sent.
    """
    socket = _SOCKETS.get(id(page))
    if socket is None or socket.is_closed():
        act()
        return
    with (socket.expect_event("framereceived", predicate=_is_end_of_run, timeout=30_000),
          socket.expect_event("framesent", timeout=10_000)):
        act()


def _is_end_of_run(payload: str | bytes) -> bool:
    if isinstance(payload, str):
        return False
    message = ForwardMsg()
    message.ParseFromString(payload)
    return message.WhichOneof("type") == "script_finished"


def open_every_expander(page: Page) -> None:
    """Open every closed expander as a person would, one at a time: some draw their content only when opened."""
    closed = page.locator("details:not([open]) > summary").filter(visible=True)
    for _ in range(closed.count()):  # the set shrinks as each opens: always open the first still closed
        closed.first.click()
        wait_for_app(page)
