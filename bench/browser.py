"""The first page in a real browser: Today with the demo, against a two-page Streamlit app doing nothing.

From `goto` to the script's first idle state (the app connected, the script finished, no skeletons
left), with each server already warm, in Debian's headless Chromium. What the person waits for after
typing the address; the trivial app is Streamlit's own floor on this machine in the same run. Servers,
the browser and the idle wait are the browser tests' own (`tests/e2e`), as `make bench` installs them.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.measures import Footprint, Measure
from lib.config import PROJECT_ROOT
from lib.db import Database

TRIVIAL_APP = '''import streamlit as st

st.navigation([st.Page(lambda: st.title("One"), title="One", url_path="one", default=True),
               st.Page(lambda: st.title("Two"), title="Two", url_path="two")]).run()
'''


def _first_idle_ms(browser, url: str) -> float:
    """Ms from goto to the first idle state, in a fresh browser context (no cache, no session)."""
    from tests.e2e.helpers import open_page

    context = browser.new_context(viewport={"width": 1400, "height": 900})
    try:
        page = context.new_page()
        started = time.perf_counter()
        open_page(page, url)
        return (time.perf_counter() - started) * 1000
    finally:
        context.close()


def _medians(browser, urls: list[str], runs: int = 11, warmup: int = 2) -> list[float]:
    """Each URL's median, the runs taken in turns (one of each, then again) so that whatever else the
    machine does in the meantime falls on both sides alike."""
    times: list[list[float]] = [[] for _ in urls]
    for n in range(warmup + runs):
        for found, url in zip(times, urls, strict=True):
            took = _first_idle_ms(browser, url)
            if n >= warmup:
                found.append(took)
    return [round(statistics.median(t), 1) for t in times]


def _chromium(measure: str) -> str | None:
    """Debian's Chromium, or None after saying which measure is left out and how to have it."""
    from tests.e2e.servers import chromium_path

    path = chromium_path()
    if not path:
        print(f"{measure}: not measured (no Chromium; `apt-get install chromium`).", file=sys.stderr)
    return path


def first_page_measures() -> list[Measure]:
    """Today over the demo in Chromium against the trivial app; nothing when there is no Chromium."""
    from playwright.sync_api import sync_playwright

    from lib.demo import seed_demo
    from tests.e2e.servers import CHROMIUM_FLAGS, start_server

    path = _chromium("First page in Chromium")
    if not path:
        return []
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        db = Database(folder / "rapport.duckdb")
        db.migrate()
        seed_demo(db)
        trivial = folder / "trivial" / "app.py"
        trivial.parent.mkdir()
        trivial.write_text(TRIVIAL_APP)
        (trivial.parent / ".streamlit").mkdir()  # the same theme and server settings, only the script differs
        shutil.copy(PROJECT_ROOT / ".streamlit" / "config.toml", trivial.parent / ".streamlit" / "config.toml")
        servers = [start_server(folder), start_server(trivial.parent, script=trivial)]
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS)
                ours, bare = _medians(browser, [f"{servers[0].url}/today", f"{servers[1].url}/one"])
                browser.close()
        finally:
            for server in servers:
                server.stop()
    return [Measure("First page in Chromium: Today with the demo, goto to idle, server warm", ours,
                    "a two-page Streamlit app doing nothing, same browser", bare,
                    under_ms=2500, within=1.5)]


def _peak_mb(pid: int) -> float:
    """The process's peak resident memory so far (Linux: VmHWM)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    raise RuntimeError(f"no VmHWM for process {pid}")


def app_memory(db_path: Path) -> list[Footprint]:
    """The real app's peak memory (`streamlit run`, its own process) after serving the Dashboard, the
    Contacts page and a search there, then the Dashboard again, over `db_path` in Chromium."""
    from playwright.sync_api import sync_playwright

    from tests.e2e.helpers import open_page, wait_for_app
    from tests.e2e.servers import CHROMIUM_FLAGS, start_server

    path = _chromium("App memory")
    if not path:
        return []
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        shutil.copy(db_path, folder / "rapport.duckdb")
        server = start_server(folder)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS)
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                open_page(page, f"{server.url}/dashboard")
                open_page(page, f"{server.url}/contacts")
                page.get_by_label("Search contacts").fill("engineer okafor")
                page.keyboard.press("Enter")
                wait_for_app(page)
                open_page(page, f"{server.url}/dashboard")
                browser.close()
            peak = _peak_mb(server.process.pid)
        finally:
            server.stop()
    return [Footprint("Peak memory of the app (streamlit run) after Dashboard, Contacts and a search, "
                      "10,000 contacts", peak, under_mb=500)]


# Every page a person opens, by its address; record pages open the first contact and interview.
PAGES = {"Today": "today", "Dashboard": "dashboard", "Contacts": "contacts", "Follow-ups": "followups",
         "Interviews": "interviews", "a contact's page": "contact?id=1", "an interview's page": "interview?id=1",
         "Insights": "insights", "Organisations": "organisations", "Settings": "settings"}
NEVER_IDLE_MS = 120_000.0  # a page that is not idle by then is reported as this (and misses its target)


def _idle_or_never_ms(browser, url: str) -> float:
    """Like _first_idle_ms, but a page that never settles counts as NEVER_IDLE_MS instead of failing the run."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    from tests.e2e.helpers import APP_IDLE

    context = browser.new_context(viewport={"width": 1400, "height": 900})
    try:
        page = context.new_page()
        started = time.perf_counter()
        page.goto(url, timeout=NEVER_IDLE_MS)
        try:
            page.locator(APP_IDLE).wait_for(state="attached", timeout=NEVER_IDLE_MS)
            page.get_by_test_id("stStatusWidget").wait_for(state="detached", timeout=NEVER_IDLE_MS)
            page.wait_for_function("() => !document.querySelector('[data-testid=stSkeleton]')",
                                   timeout=NEVER_IDLE_MS)
        except PlaywrightTimeout:
            return NEVER_IDLE_MS
        return (time.perf_counter() - started) * 1000
    finally:
        context.close()


def every_page_measures(big_db: Path, runs: int = 5) -> list[Measure]:
    """Every page in Chromium, at the demo's scale and at 10,000 contacts / 30,000 follow-ups, each against
    the trivial app measured in the same browser, in turns: at most 1.5x at the demo's scale, 2x at 10,000."""
    from playwright.sync_api import sync_playwright

    from lib.demo import seed_demo
    from tests.e2e.servers import CHROMIUM_FLAGS, start_server

    path = _chromium("Every page in Chromium")
    if not path:
        return []
    found: list[Measure] = []
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        demo = folder / "demo"
        demo.mkdir()
        db = Database(demo / "rapport.duckdb")
        db.migrate()
        seed_demo(db)
        big = folder / "big"
        big.mkdir()
        shutil.copy(big_db, big / "rapport.duckdb")
        trivial = folder / "trivial" / "app.py"
        trivial.parent.mkdir()
        trivial.write_text(TRIVIAL_APP)
        (trivial.parent / ".streamlit").mkdir()
        shutil.copy(PROJECT_ROOT / ".streamlit" / "config.toml", trivial.parent / ".streamlit" / "config.toml")
        servers = {"demo": start_server(demo), "big": start_server(big),
                   "trivial": start_server(trivial.parent, script=trivial)}
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS)
                for scale, label, within in (("demo", "the demo (80 contacts)", 1.5),
                                             ("big", "10,000 contacts", 2.0)):
                    for name, address in PAGES.items():
                        urls = [f"{servers[scale].url}/{address}", f"{servers['trivial'].url}/one"]
                        times: list[list[float]] = [[], []]
                        for n in range(runs + 1):  # one warm-up, then the runs, in turns
                            for kept, url in zip(times, urls, strict=True):
                                took = _idle_or_never_ms(browser, url)
                                if n:
                                    kept.append(took)
                        ours, bare = (round(statistics.median(t), 1) for t in times)
                        found.append(Measure(f"{name} in Chromium, {label}", ours,
                                             "a two-page Streamlit app doing nothing, same browser", bare,
                                             within=within))
                browser.close()
        finally:
            for server in servers.values():
                server.stop()
    return found
