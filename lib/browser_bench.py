"""The first page in a real browser: Today with the demo, against a two-page Streamlit app doing nothing.

From `goto` to the script's first idle state (the app connected, the script finished, no skeletons
left), with each server already warm, in Debian's headless Chromium. What the person waits for after
typing the address; the trivial app is Streamlit's own floor on this machine in the same run. Servers,
the browser and the idle wait are the browser tests' own (`tests/e2e`), as `make bench` installs them.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from lib.bench import Measure
from lib.db import Database

TRIVIAL_APP = '''import streamlit as st

st.navigation([st.Page(lambda: st.title("One"), title="One", url_path="one", default=True),
               st.Page(lambda: st.title("Two"), title="Two", url_path="two")]).run()
'''


def _first_idle_ms(browser, url: str, runs: int = 7, warmup: int = 2) -> float:
    """Median ms from goto to the first idle state, each in a fresh browser context (no cache, no session)."""
    from tests.e2e.helpers import open_page

    times = []
    for n in range(warmup + runs):
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        page = context.new_page()
        started = time.perf_counter()
        open_page(page, url)
        if n >= warmup:
            times.append((time.perf_counter() - started) * 1000)
        context.close()
    return round(statistics.median(times), 1)


def first_page_measures() -> list[Measure]:
    """Today over the demo in Chromium against the trivial app; nothing when there is no Chromium."""
    from playwright.sync_api import sync_playwright

    from lib.demo import seed_demo
    from tests.e2e.conftest import CHROMIUM_FLAGS, chromium_path, start_server

    path = chromium_path()
    if not path:
        print("First page in Chromium: not measured (no Chromium; `apt-get install chromium`).", file=sys.stderr)
        return []
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        db = Database(folder / "rapport.duckdb")
        db.migrate()
        seed_demo(db)
        trivial = folder / "trivial" / "app.py"
        trivial.parent.mkdir()
        trivial.write_text(TRIVIAL_APP)
        servers = [start_server(folder), start_server(trivial.parent, script=trivial)]
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS)
                ours = _first_idle_ms(browser, f"{servers[0].url}/today")
                bare = _first_idle_ms(browser, f"{servers[1].url}/one")
                browser.close()
        finally:
            for server in servers:
                server.stop()
    return [Measure("First page in Chromium: Today with the demo, goto to idle, server warm", ours,
                    "a two-page Streamlit app doing nothing, same browser", bare,
                    "under 2.5 s and at most 1.5x")]
