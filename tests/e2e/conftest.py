"""Browser tests: a real `streamlit run` per module and Debian's headless Chromium.

Chromium comes from Debian (`apt-get install chromium`) or RAPPORT_CHROMIUM; Playwright never
downloads a browser. Without one the tests skip and say how to enable them - except under CI=true,
where a missing browser is a failure.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.conftest import ROOT
from tests.e2e.helpers import watch

CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run",
                  "--disable-dev-shm-usage"]


def chromium_path() -> str | None:
    """RAPPORT_CHROMIUM, else Debian's chromium on the PATH."""
    configured = os.environ.get("RAPPORT_CHROMIUM")
    if configured:
        return configured if Path(configured).exists() else None
    return shutil.which("chromium") or (("/usr/bin/chromium") if Path("/usr/bin/chromium").exists() else None)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """Launch Debian's Chromium; skip (or fail under CI) when there is none."""
    path = chromium_path()
    if not path:
        message = ("No Chromium for the browser tests: install Debian's package "
                   "(sudo apt-get install chromium) or set RAPPORT_CHROMIUM=/path/to/chromium")
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return {**browser_type_launch_args, "executable_path": path, "args": CHROMIUM_FLAGS}


@pytest.fixture
def page(page: Page) -> Page:
    """pytest-playwright's page, with its connection to the app watched (see helpers.click_button)."""
    return watch(page)


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    return {**browser_context_args, "viewport": {"width": 1400, "height": 1000}}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class AppServer:
    """A running `streamlit run app.py` over its own database files."""

    url: str
    db_path: Path
    demo_path: Path
    process: subprocess.Popen

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def start_server(folder: Path, env: dict[str, str] | None = None, args: list[str] | None = None,
                 script: Path = ROOT / "app.py") -> AppServer:
    """Start the app as `make run` does (through `lib.ui.serve`), on a free port, and wait until it answers its health check.

    `script` is Rapport's app.py unless the benchmark starts its do-nothing baseline app instead.
    """
    port = _free_port()
    db_path, demo_path = folder / "rapport.duckdb", folder / "demo.duckdb"
    environment = os.environ | {"RAPPORT_DB": str(db_path), "RAPPORT_DEMO_DB": str(demo_path),
                                "PYTHONPATH": str(ROOT)} | (env or {})
    log = open(folder / "streamlit.log", "w")  # noqa: SIM115 - closed with the process
    process = subprocess.Popen(
        [sys.executable, "-m", "lib.ui.serve", "run", script.name, "--server.port", str(port),
         "--server.headless", "true", "--server.fileWatcherType", "none",
         "--browser.gatherUsageStats", "false", *(args or [])],
        cwd=script.parent, env=environment, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://localhost:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited: {(folder / 'streamlit.log').read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as answer:
                if answer.read() == b"ok":
                    return AppServer(url, db_path, demo_path, process)
        except OSError:
            time.sleep(0.1)  # polling the server's health endpoint, not waiting on a guess
    process.kill()
    raise RuntimeError(f"streamlit did not become healthy: {(folder / 'streamlit.log').read_text()}")


@pytest.fixture
def fresh_server(tmp_path: Path) -> Iterator[AppServer]:
    """A server that no browser session has loaded yet, over an empty database."""
    server = start_server(tmp_path)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory: pytest.TempPathFactory, demo_file: Path) -> Iterator[AppServer]:
    """One server per module over a copy of the demo data as the user's own database."""
    folder = tmp_path_factory.mktemp("demo-server")
    shutil.copy(demo_file, folder / "rapport.duckdb")
    server = start_server(folder)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def screenshot_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where screenshots go: RAPPORT_SCREENSHOTS (the README's, via `make screenshots`) or a temp dir."""
    target = os.environ.get("RAPPORT_SCREENSHOTS")
    path = Path(target) if target else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path
