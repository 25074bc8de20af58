"""Settings → Reminders in the browser: a channel shown redacted, and *Send a test* reaching a real server."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page, expect

from lib import profile
from lib.db import Database
from tests.e2e.helpers import expect_title, open_page
from tests.e2e.servers import start_server
from tests.fakes.channels import Hook, Mailbox

CANARY = "canary-pw-browser-5510"


def test_send_a_test_reaches_the_mailbox_and_the_page_never_shows_the_password(tmp_path: Path, page: Page,
                                                                                 screenshot_dir: Path) -> None:
    db = Database(tmp_path / "rapport.duckdb")
    db.migrate()
    profile.save(db, name="Sam Rivera", time_zone="Australia/Melbourne")
    with Mailbox(password=CANARY) as box, Hook() as hook:
        secrets = tmp_path / "secrets.toml"
        secrets.write_text(f'[reminders]\nurls = ["{box.url()}", "ntfy://127.0.0.1:{hook.port}/rapport"]\n')
        server = start_server(tmp_path, env={"RAPPORT_SECRETS": str(secrets)})
        try:
            open_page(page, f"{server.url}/settings")
            expect_title(page, "Settings")
            page.get_by_role("tab", name="Reminders").click()
            # Shown as text, never as a link: plain() puts an invisible joiner after the scheme and the "@".
            shown = re.compile(r"mailto\W*//sam:\*{4}@\W*127\.0\.0\.1")
            expect(page.get_by_text(shown).first).to_be_visible()
            buttons = page.get_by_role("button", name="Send a test")
            expect(buttons).to_have_count(2)
            buttons.first.click()
            expect(page.get_by_text(re.compile(r"Sent a test to mailto")).first).to_be_visible()
            assert [m["Subject"] for m in box.messages] == ["Rapport - a test"]
            assert CANARY not in page.content()
            page.screenshot(path=str(screenshot_dir / "reminders.png"), full_page=False)
        finally:
            server.stop()
