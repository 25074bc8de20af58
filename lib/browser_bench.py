"""The first page in a real browser: Today with the demo, against a two-page Streamlit app doing nothing.

From `goto` to the script's first idle state (the app connected, the script finished, no skeletons
left), with each server already warm, in Debian's headless Chromium. What the person waits for after
typing the address; the trivial app is Streamlit's own floor on this machine in the same run.
"""

from __future__ import annotations

import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from lib.bench import Measure
from lib.db import Database

ROOT = Path(__file__).resolve().parent.parent
TRIVIAL_APP = '''import streamlit as st

st.navigation([st.Page(lambda: st.title("One"), title="One", url_path="one", default=True),
               st.Page(lambda: st.title("Two"), title="Two", url_path="two")]).run()
'''
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
         "--disable-background-networking", "--disable-component-update"]


def chromium() -> str | None:
    """RAPPORT_CHROMIUM, else Debian's chromium: never a downloaded browser."""
    configured = os.environ.get("RAPPORT_CHROMIUM")
    return configured if configured and Path(configured).exists() else shutil.which("chromium")


def _serve(script: Path, folder: Path, env: dict[str, str]) -> tuple[subprocess.Popen, str]:
    """`streamlit run` on a free port; returns once its health check answers."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = open(folder / f"{script.stem}.log", "w")  # noqa: SIM115 - lives as long as the server
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port), "--server.headless",
         "true", "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"],
        cwd=script.parent, env=os.environ | env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://localhost:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as answer:
                if answer.read() == b"ok":
                    return process, url
        except OSError:
            time.sleep(0.1)  # polling the health endpoint
    process.kill()
    raise RuntimeError(f"{script} did not start: {(folder / f'{script.stem}.log').read_text()[-2000:]}")


def _first_idle_ms(browser, url: str, runs: int = 7, warmup: int = 2) -> float:
    """Median ms from goto to the first idle state, each in a fresh browser context (no cache, no session)."""
    times = []
    for n in range(warmup + runs):
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        page = context.new_page()
        started = time.perf_counter()
        page.goto(url)
        page.wait_for_selector(IDLE, state="attached", timeout=60_000)
        page.wait_for_selector("[data-testid='stSkeleton']", state="detached", timeout=60_000)
        page.wait_for_selector("[data-testid='stStatusWidget']", state="detached", timeout=60_000)
        if n >= warmup:
            times.append((time.perf_counter() - started) * 1000)
        context.close()
    return round(statistics.median(times), 1)


def first_page_measures() -> list[Measure]:
    """Today over the demo in Chromium against the trivial app; nothing when there is no Chromium."""
    from playwright.sync_api import sync_playwright

    from lib import profile
    from lib.demo import seed_demo

    path = chromium()
    if not path:
        print("First page in Chromium: not measured (no Chromium; `apt-get install chromium`).", file=sys.stderr)
        return []
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        db = Database(folder / "rapport.duckdb")
        db.migrate()
        seed_demo(db)
        assert profile.exists(db)
        trivial = folder / "trivial" / "app.py"
        trivial.parent.mkdir()
        trivial.write_text(TRIVIAL_APP)
        servers = [_serve(ROOT / "app.py", folder, {"RAPPORT_DB": str(db.path),
                                                     "RAPPORT_DEMO_DB": str(folder / "demo.duckdb")}),
                   _serve(trivial, folder, {})]
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=path, args=FLAGS)
                ours = _first_idle_ms(browser, f"{servers[0][1]}/today")
                bare = _first_idle_ms(browser, f"{servers[1][1]}/one")
                browser.close()
        finally:
            for process, _ in servers:
                process.terminate()
                process.wait(timeout=10)
    return [Measure("First page in Chromium: Today with the demo, goto to idle, server warm", ours,
                    "a two-page Streamlit app doing nothing, same browser", bare,
                    "under 2.5 s and at most 1.5x")]
