"""Real servers for reminder channels, started by a test on 127.0.0.1 and stopped after.

`Mailbox` is an SMTP server (aiosmtpd) that keeps every message it receives and checks the login;
`Hook` is an HTTP server that keeps every request (ntfy, JSON webhooks) and can answer with any status,
or hold a request unanswered until the test lets it go (a channel that times out).
"""

from __future__ import annotations

import socket
import threading
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Mailbox:
    """An SMTP server on 127.0.0.1 that accepts one user and password and keeps what it is sent."""

    def __init__(self, user: str = "sam", password: str = "app-password") -> None:
        self.user, self.password = user, password
        self.messages: list[EmailMessage] = []
        self.port = free_port()
        self._controller = Controller(self, hostname="127.0.0.1", port=self.port, authenticator=self._login,
                                      auth_require_tls=False, auth_required=True)

    def _login(self, server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
        ok = isinstance(data, LoginPassword) and (data.login.decode(), data.password.decode()) == (
            self.user, self.password)
        return AuthResult(success=ok, handled=False)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"

    def url(self, password: str | None = None, to: str = "sam@example.com") -> str:
        return (f"mailto://{self.user}:{password or self.password}@127.0.0.1:{self.port}"
                f"?mode=insecure&from=rapport@example.com&to={to}")

    def __enter__(self) -> Mailbox:
        self._controller.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._controller.stop()


class Hook:
    """An HTTP server on 127.0.0.1 that keeps every request and answers `status` (or holds it)."""

    def __init__(self, status: int = 200) -> None:
        self.status = status
        self.hold = False  # answer nothing until released: a channel that times out
        self.released = threading.Event()
        self.requests: list[dict[str, Any]] = []
        hook = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                hook.requests.append({"path": self.path, "headers": dict(self.headers),
                                      "body": self.rfile.read(length).decode("utf-8", "replace")})
                if hook.hold:
                    hook.released.wait(30)
                self.send_response(hook.status)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(b'{"ok": true}' if hook.status < 400 else b'{"error": "unauthorized"}')

            do_PUT = do_POST

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self._server.server_address[1]

    def __enter__(self) -> Hook:
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.released.set()
        self._server.shutdown()
        self._server.server_close()
