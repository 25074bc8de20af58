"""Real calendar servers started by a test on 127.0.0.1 and stopped after.

`Radicale` runs the CalDAV server as a subprocess (htpasswd sign-in, files in tmp_path) and waits until it
answers; `CalendarLink` is a plain HTTP server for a private calendar link, with an ETag, 304s, and any
status the test asks for.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import caldav

from tests.fakes.channels import free_port


class Radicale:
    """Radicale on a free port, one user per (name, password), each owning only their own calendars."""

    def __init__(self, root: Path, users: dict[str, str]) -> None:
        self.root, self.users = root, users
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"

    def __enter__(self) -> Radicale:
        (self.root / "users").write_text("".join(f"{u}:{p}\n" for u, p in self.users.items()))
        self._process = subprocess.Popen(
            [sys.executable, "-m", "radicale", "--server-hosts", f"127.0.0.1:{self.port}",
             "--storage-filesystem-folder", str(self.root / "collections"), "--auth-type", "htpasswd",
             "--auth-htpasswd-filename", str(self.root / "users"), "--auth-htpasswd-encryption", "plain",
             "--rights-type", "owner_only", "--logging-level", "warning"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self._wait()
        return self

    def _wait(self) -> None:
        """Poll until the server answers (any HTTP status will do), or fail with what it printed."""
        while True:
            if self._process.poll() is not None:
                raise RuntimeError(f"radicale stopped: {self._process.stderr.read().decode()[-2000:]}")
            try:
                urllib.request.urlopen(self.url + ".web/", timeout=1).close()
                return
            except urllib.error.HTTPError:
                return
            except OSError:
                continue

    def __exit__(self, *exc: object) -> None:
        self._process.terminate()
        self._process.wait(timeout=10)

    def client(self, user: str) -> caldav.DAVClient:
        return caldav.DAVClient(url=self.url, username=user, password=self.users[user])

    def calendar(self, user: str, name: str) -> Any:
        """The user's calendar of that name, made if it is not there yet (as a calendar app would)."""
        principal = self.client(user).principal()
        for calendar in principal.calendars():
            if calendar.get_display_name() == name:
                return calendar
        return principal.make_calendar(name=name)

    def put(self, user: str, name: str, *events: str) -> None:
        """Save events (full VCALENDAR texts) in a calendar; an event with a known UID is replaced."""
        calendar = self.calendar(user, name)
        for event in events:
            calendar.save_event(event)


class CalendarLink:
    """A private calendar link: GET answers `body` with an ETag (304 when it matches), or `status`."""

    def __init__(self, body: bytes = b"") -> None:
        self.body, self.status, self.requests = body, 200, 0
        link = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                link.requests += 1
                tag = '"' + hashlib.sha256(link.body).hexdigest()[:16] + '"'
                if link.status != 200:
                    self.send_response(link.status)
                    self.end_headers()
                elif self.headers.get("If-None-Match") == tag:
                    self.send_response(304)
                    self.end_headers()
                else:
                    self.send_response(200)
                    self.send_header("Content-Type", "text/calendar; charset=utf-8")
                    self.send_header("ETag", tag)
                    self.send_header("Content-Length", str(len(link.body)))
                    self.end_headers()
                    self.wfile.write(link.body)

            def log_message(self, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/calendar/ical/sam%40example.com/private-7f3a9c/basic.ics"

    def __enter__(self) -> CalendarLink:
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
