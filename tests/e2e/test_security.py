"""What a stranger's web page, a guessing script or a rebinding name can get from a running Rapport: nothing.

Each test starts the app as `make run` does (through `lib.ui.serve`) and talks to it the way an attacker
would: a raw websocket with forged Host and Origin headers (tests/e2e/raw_client.py), or Chromium told
that a stranger's name resolves to 127.0.0.1.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import BrowserType, Page, expect

from lib import contacts
from lib.db import Database
from tests.conftest import ROOT
from tests.e2e.helpers import click_button, expect_title, open_page
from tests.e2e.raw_client import Refused, run_page
from tests.e2e.servers import CHROMIUM_FLAGS, AppServer, chromium_path, start_server

PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory, demo_file: Path) -> Iterator[tuple[AppServer, str]]:
    """The demo as the user's own data on loopback, and the name of one of its contacts (what must not leak)."""
    folder = tmp_path_factory.mktemp("security")
    shutil.copy(demo_file, folder / "rapport.duckdb")
    someone = contacts.search(Database(folder / "rapport.duckdb"))["name"].iloc[0]
    server = start_server(folder)
    yield server, someone
    server.stop()


def _port(server: AppServer) -> str:
    return server.url.rsplit(":", 1)[1]


def test_the_app_answers_its_own_address_with_the_users_data(served) -> None:
    server, someone = served
    port = _port(server)
    seen = run_page(server.url, "contacts", host=f"localhost:{port}", origin=f"http://localhost:{port}")
    assert someone in seen  # the raw client really reads pages: the refusals below are not a broken client


def test_a_rebinding_name_that_resolves_to_this_computer_is_refused_before_any_page(served) -> None:
    server, _ = served
    port = _port(server)
    with pytest.raises(Refused) as refused:
        run_page(server.url, "contacts", host=f"rebind.attacker.test:{port}",
                 origin=f"http://rebind.attacker.test:{port}")
    assert refused.value.status == 403


def _what_a_stranger_sees(server: AppServer, origin: str) -> str:
    """The messages a page of `origin` gets from the app at its own address; a refused connection gets none."""
    try:
        return run_page(server.url, "contacts", host=f"localhost:{_port(server)}", origin=origin)
    except Refused as refused:
        assert refused.status == 403  # Streamlit's own origin check, before any session
        return "Rapport cannot be opened from this address (refused)"


@pytest.mark.parametrize("origin", ["http://localhost:3000", "http://127.0.0.1:9999", "http://evil.example", "null"])
def test_a_page_of_another_origin_sees_a_refusal_and_no_data(served, origin: str) -> None:
    server, someone = served
    seen = _what_a_stranger_sees(server, origin)
    assert "Rapport cannot be opened from this address" in seen
    assert someone not in seen


def test_in_chromium_a_rebinding_name_shows_no_data(served, browser_type: BrowserType) -> None:
    server, someone = served
    browser = browser_type.launch(executable_path=chromium_path(), args=[
        *CHROMIUM_FLAGS, "--host-resolver-rules=MAP rebind.attacker.test 127.0.0.1"])
    try:
        page = browser.new_page()
        with page.expect_websocket() as opened:
            page.goto(f"http://rebind.attacker.test:{_port(server)}/contacts")
        socket = opened.value
        socket.wait_for_event("socketerror")  # the server refused the connection: the page never gets a run
        assert someone not in page.content()
    finally:
        browser.close()


class Recorder(BaseHTTPRequestHandler):
    """A proxy that only writes down who asked for what: any request through it left this computer."""

    asked: list[str] = []

    def do_GET(self) -> None:
        Recorder.asked.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"203.0.113.9")

    do_CONNECT = do_GET

    def log_message(self, *args: object) -> None:
        pass


def test_a_strangers_connection_makes_no_request_beyond_this_computer(tmp_path: Path) -> None:
    proxy = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=proxy.serve_forever, daemon=True).start()
    address = f"http://127.0.0.1:{proxy.server_address[1]}"
    Recorder.asked.clear()
    server = start_server(tmp_path, env={"HTTP_PROXY": address, "HTTPS_PROXY": address, "http_proxy": address,
                                         "https_proxy": address, "NO_PROXY": "", "no_proxy": ""})
    try:
        assert "Rapport cannot be opened" in _what_a_stranger_sees(server, "http://evil.example")
        assert Recorder.asked == []  # Streamlit's own lookup of this machine's public address never ran
    finally:
        server.stop()
        proxy.shutdown()


def _exposed_with_a_password(folder: Path) -> AppServer:
    """A server on every interface whose password is set the way the README says (`set-password`); its
    pause after wrong passwords outlasts any test, however slow the machine."""
    secrets = folder / "secrets.toml"
    setter = subprocess.run([sys.executable, "-m", "lib.cli", "set-password", "--secrets", str(secrets)],
                            input=PASSWORD + "\n", text=True, capture_output=True, cwd=ROOT, timeout=60)
    assert setter.returncode == 0, setter.stderr
    return start_server(folder, env={"RAPPORT_SIGN_IN_PAUSE": "900"},
                        args=["--server.address", "0.0.0.0", "--secrets.files", str(secrets)])


def test_a_reload_does_not_reset_the_pause_after_wrong_passwords(demo_file: Path, tmp_path: Path,
                                                                  page: Page) -> None:
    shutil.copy(demo_file, tmp_path / "rapport.duckdb")
    server = _exposed_with_a_password(tmp_path)
    try:
        open_page(page, server.url)
        for _ in range(5):
            page.get_by_label("Password", exact=True).fill("not the password")
            click_button(page, "Sign in")
            expect(page.get_by_text("That password is not right.")).to_be_visible()
        open_page(page, server.url)  # a reload: a new session, the same server
        expect_title(page, "Sign in to Rapport")
        page.get_by_label("Password", exact=True).fill(PASSWORD)  # even the right one waits
        click_button(page, "Sign in")
        expect(page.get_by_text("Too many wrong passwords. Wait")).to_be_visible()
    finally:
        server.stop()


def test_streamlits_metrics_are_not_served_to_anyone(served) -> None:
    import urllib.error
    import urllib.request

    server, _ = served
    try:
        with urllib.request.urlopen(f"{server.url}/_stcore/metrics", timeout=10) as answer:
            body, kind = answer.read().decode(), answer.headers.get("Content-Type", "")
    except urllib.error.HTTPError as refused:
        body, kind = "", str(refused.code)
    assert "openmetrics" not in kind and "session_events" not in body and "# TYPE" not in body


def test_the_upload_limit_is_the_import_limit(monkeypatch) -> None:
    from lib.ui import serve

    monkeypatch.setenv("RAPPORT_MAX_IMPORT_MB", "12")
    assert serve.arguments(["run", "app.py"]) == ["run", "app.py", "--server.maxUploadSize", "12"]
    assert serve.arguments(["run", "app.py", "--server.maxUploadSize=5"]) == [
        "run", "app.py", "--server.maxUploadSize=5"]


def test_beyond_loopback_a_forged_widget_state_shows_no_stack_trace(tmp_path: Path) -> None:
    import re

    from streamlit.proto.WidgetStates_pb2 import WidgetStates

    server = _exposed_with_a_password(tmp_path)
    try:
        here = f"localhost:{_port(server)}"
        first = run_page(server.url, "", host=here, origin=f"http://{here}")
        forged = WidgetStates()
        for widget in re.findall(r'\bid: "([^"]+)"', first):  # every widget of the sign-in form
            state = forged.widgets.add()
            state.id = widget
            state.double_array_value.data.extend([1.0, 2.0])  # a value no text input or button takes
        seen = run_page(server.url, "", host=here, origin=f"http://{here}", widget_states=forged)
        assert "exception" in seen  # the forged state did break the run...
        assert "Traceback" not in seen and "stack_trace" not in seen and ".py" not in seen.split("exception")[1]
        assert "The original error message is redacted" in seen  # ...and the stranger reads only this
    finally:
        server.stop()
