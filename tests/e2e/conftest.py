"""Browser tests: a real `streamlit run` per module and Debian's headless Chromium.

Chromium comes from Debian (`apt-get install chromium`) or RAPPORT_CHROMIUM; Playwright never
downloads a browser. Without one the tests skip and say how to enable them - except under CI=true,
where a missing browser is a failure.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.conftest import ROOT  # noqa: F401 - tests import it from here too
from tests.e2e.helpers import watch
from tests.e2e.servers import CHROMIUM_FLAGS, AppServer, chromium_path, start_server


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
