"""With only a keyboard: schedule an interview, draft its questions offline, save them, debrief it and mark
the thank-you sent - and wherever focus lands, a person can see where it is.

The mouse is never used after the page opens. Typing into a field is keyboard too; everything else is Tab,
Shift+Tab, Enter, Space and the arrow keys.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from lib import clock, interviews, messages, profile, questions
from lib.db import Database
from tests.e2e.helpers import expect_text, expect_title, open_page, wait_for_app
from tests.e2e.servers import start_server

# Focus is visible when the focused element, or one of its nearest ancestors, is drawn differently than it
# was just before it took focus: an outline, a ring, a border or a background. Styles are read once CSS
# transitions are brought to their end (a border that fades in reads as its old colour at first).
FOCUSABLE = "a[href], button, input, select, textarea, summary, canvas, [tabindex]:not([tabindex='-1'])"
LOOKS = """
window.rapportLooks = (e) => {
    const props = ['outlineStyle', 'outlineColor', 'outlineWidth', 'boxShadow', 'borderColor', 'backgroundColor'];
    const chain = [];
    for (let n = e, i = 0; n && n !== document.body && i < 5; n = n.parentElement, i++) {
        const s = getComputedStyle(n);
        chain.push(props.map(p => s[p]).join('|'));
    }
    return chain.join('/');
};
window.rapportSettled = () => {
    for (const a of document.getAnimations()) if (a instanceof CSSTransition) a.finish();
};
"""
REMEMBER = """(selector) => {
    window.rapportSettled();
    window.rapportBefore = new WeakMap();
    for (const e of document.querySelectorAll(selector)) window.rapportBefore.set(e, window.rapportLooks(e));
}"""
COMPARE = """() => {
    window.rapportSettled();
    const e = document.activeElement;
    if (!e || e === document.body || !window.rapportBefore.has(e)) return '';
    if (window.rapportBefore.get(e) !== window.rapportLooks(e)) return '';
    const name = (e.getAttribute('aria-label') || e.innerText || e.getAttribute('data-testid') || '').trim();
    return `${e.tagName.toLowerCase()} "${name.slice(0, 60)}"`;
}"""


class Keyboard:
    """Tab through the page as a keyboard user does, checking that focus is visible at every stop."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.invisible: list[str] = []

    def tab_to(self, target: Locator, backwards: bool = False, limit: int = 120) -> None:
        """Press Tab (or Shift+Tab) until the target has focus."""
        for _ in range(limit):
            if target.evaluate("e => e === document.activeElement || e.contains(document.activeElement)"):
                return
            if self.page.evaluate("typeof window.rapportLooks === 'undefined'"):
                self.page.evaluate(LOOKS)
            self.page.evaluate(REMEMBER, FOCUSABLE)
            self.page.keyboard.press("Shift+Tab" if backwards else "Tab")
            problem = self.page.evaluate(COMPARE)
            if problem:
                self.invisible.append(problem)
        raise AssertionError(f"{limit} presses of Tab never reached {target}")

    def press(self, key: str) -> None:
        self.page.keyboard.press(key)
        wait_for_app(self.page)

    def type(self, text: str) -> None:
        self.page.keyboard.type(text)


@pytest.fixture
def sam(tmp_path: Path):
    db = Database(tmp_path / "rapport.duckdb")
    db.migrate()
    profile.save(db, name="Sam Rivera", time_zone="UTC", thank_you_window_hours=72)
    server = start_server(tmp_path)
    yield server, db
    server.stop()


def test_a_keyboard_alone_takes_an_interview_from_scheduling_to_a_sent_thank_you(sam, page: Page) -> None:
    server, db = sam
    keys = Keyboard(page)
    open_page(page, f"{server.url}/interviews")
    main = page.get_by_test_id("stMain")

    keys.tab_to(main.locator("summary").filter(has_text="Schedule an interview"))
    keys.press("Enter")
    keys.tab_to(main.get_by_label("…or a new contact's name", exact=True))
    keys.type("Ana Okafor")
    day = clock.today("UTC") - timedelta(days=1)
    date_field = main.get_by_label("Date", exact=True)
    keys.tab_to(date_field)
    keys.type(day.strftime("%Y%m%d"))
    expect(date_field).to_contain_text(str(day.day))
    keys.tab_to(main.get_by_label("Purpose", exact=True))
    keys.type("Learn how research works")
    keys.tab_to(main.get_by_role("checkbox", name="It already happened - record it so I can debrief it"))
    keys.press("Space")
    keys.tab_to(main.get_by_role("button", name="Schedule", exact=True))
    keys.press("Enter")
    expect_title(page, "Ana Okafor")
    meeting = int(interviews.listing(db)["id"].iloc[0])

    keys.tab_to(main.locator("summary").filter(has_text="Draft questions for this meeting"))
    keys.press("Enter")
    keys.tab_to(main.get_by_role("button", name="Draft questions", exact=True))
    keys.press("Enter")
    expect_text(page, "drafted questions")
    keys.tab_to(main.get_by_role("button", name="Add to my questions"))
    keys.press("Enter")
    expect(main.get_by_role("button", name="Add to my questions")).to_have_count(0)
    keys.tab_to(main.get_by_role("button", name="Save questions"), backwards=True)
    keys.press("Enter")
    expect_text(page, "Saved ")
    assert len(questions.of(db, meeting)) >= 10

    keys.tab_to(main.get_by_role("tab", name="Prepare"), backwards=True)
    keys.press("ArrowRight")  # the tab list moves with the arrow keys
    expect(main.get_by_role("tab", name="Debrief")).to_have_attribute("aria-selected", "true")
    keys.tab_to(main.get_by_label("What the work is really like", exact=True))
    keys.type("Mostly synthesis, little fieldwork")
    keys.tab_to(main.get_by_role("button", name="Save debrief and complete"))
    keys.press("Enter")
    expect_text(page, "Completed. Thank-you due within ")

    keys.tab_to(main.get_by_role("tab", name="Debrief"), backwards=True)
    keys.press("ArrowRight")
    expect(main.get_by_role("tab", name="Thank-you and messages")).to_have_attribute("aria-selected", "true")
    keys.tab_to(main.get_by_label("Subject", exact=True))
    keys.type("Thank you for your time")
    keys.tab_to(main.get_by_label("Message", exact=True))
    keys.type("Dear Ana,\n\nThank you for walking me through research at your team. I will take the course "
              "you suggested.\n\nSam")
    keys.press("Control+Enter")
    keys.tab_to(main.get_by_role("button", name="Mark as sent"))
    keys.press("Enter")
    expect_text(page, "after the meeting")
    sent = [m for m in messages.for_interview(db, meeting) if m["status"] == "sent"]
    assert [m["kind"] for m in sent] == ["thank_you"]
    assert not keys.invisible, f"focus could not be seen on: {sorted(set(keys.invisible))}"
