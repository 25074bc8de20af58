"""Who may open Rapport when it is reachable beyond this computer: a password kept only as a hash.

On loopback nothing is asked. Bound to any other address, the router asks for sign-in first
(`lib/ui/signin.py`): Streamlit's own `st.login` when `.streamlit/secrets.toml` has an `[auth]`
section, else this password. The hash is scrypt with a random salt, stored as
`RAPPORT_PASSWORD_HASH = "scrypt$n$r$p$salt$hash"` at the top of the secrets file, written by
`python -m lib.cli set-password`. The password itself is never stored.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import tomlkit

from lib import config

SECRET_NAME = "RAPPORT_PASSWORD_HASH"
N, R, P = 2**14, 8, 1  # scrypt's interactive-login cost: ~50 ms and 16 MiB here
MIN_LENGTH = 10


class WeakPassword(ValueError):
    """A password too short to protect a network of people."""


def is_loopback(address: str | None) -> bool:
    """Whether the server listens only on this computer (no address means every interface)."""
    if not address:
        return False
    host = address.strip().strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a host name: it may well resolve to a public address


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_password(password: str) -> str:
    """The stored form of a password; refuses one shorter than MIN_LENGTH."""
    if len(password) < MIN_LENGTH:
        raise WeakPassword(f"Use at least {MIN_LENGTH} characters; a phrase of four words is easy to remember.")
    salt = os.urandom(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=N, r=R, p=P, dklen=32)
    return f"scrypt${N}${R}${P}${_b64(salt)}${_b64(digest)}"


def verify(password: str, stored: str) -> bool:
    """Whether `password` matches the stored hash (in constant time; a malformed hash matches nothing)."""
    try:
        kind, n, r, p, salt, digest = stored.split("$")
        if kind != "scrypt":
            return False
        expected = base64.b64decode(digest)
        found = hashlib.scrypt(password.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p),
                               dklen=len(expected))
    except (ValueError, TypeError, MemoryError):
        return False
    return hmac.compare_digest(found, expected)


def write_hash(secrets_file: str | Path, stored: str) -> None:
    """Put the hash in the secrets file as TOML, replacing an old one and keeping every other secret as it was.

    The file is created readable by its owner only (it holds keys and passwords), before anything is written.
    """
    path = Path(secrets_file)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    try:
        document = tomlkit.parse(text)
    except tomlkit.exceptions.ParseError as error:
        raise ValueError(f"{path} is not valid TOML ({error}); fix it first, nothing was changed.") from error
    document.pop(SECRET_NAME, None)
    head = tomlkit.document()
    head.add(SECRET_NAME, stored)  # top-level keys come before the first [section]
    updated = tomlkit.dumps(head) + tomlkit.dumps(document).lstrip("\n")
    tomlkit.parse(updated)  # never write a file Streamlit could not read
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(descriptor, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as out:
        out.write(updated)


# -- who may connect -----------------------------------------------------------------------------------

def _hostname(netloc: str) -> str | None:
    """The name in a Host header or an origin's netloc, lower case, without port or brackets."""
    try:
        return (urlsplit(f"//{netloc}").hostname or "").rstrip(".") or None
    except ValueError:
        return None


def _matches(name: str, patterns: list[str]) -> bool:
    for pattern in (p.strip().lower().rstrip(".") for p in patterns):
        if pattern == "*" or name == pattern or (pattern.startswith("*.") and name.endswith(pattern[1:])):
            return True
    return False


def connection_allowed(host: str | None, origin: str | None, server_address: str | None,
                       allowed_hosts: list[str]) -> bool:
    """Whether a browser connection may see Rapport: a loopback name on loopback, a configured name beyond it,
    and a page of that same address (a page on another port or name is a stranger's, even on localhost).

    No Host at all is not a browser (Streamlit's AppTest); every browser and HTTP/1.1 client sends one.
    """
    if host is None:
        return True
    name = _hostname(host)
    if name is None:
        return False
    if is_loopback(server_address) or not [p for p in allowed_hosts if not is_loopback(p)]:
        if not is_loopback(name):
            return False
    elif not (is_loopback(name) or _matches(name, allowed_hosts)):
        return False
    if origin is None:
        return True
    parts = urlsplit(origin)
    return parts.scheme in ("http", "https") and parts.netloc.lower() == host.lower()


# -- sign-in attempts, counted in the server process ---------------------------------------------------

class Busy(RuntimeError):
    """Too many password checks are running at once."""


class Throttle:
    """Wrong passwords counted per client address and overall, in the server process, with a growing pause.

    Session state resets with a reload or a new connection, so counting there lets a script guess as fast
    as it reconnects. After `per_client` wrong tries an address waits `pause` seconds, doubling with every
    further wrong try up to `longest`; more than `overall` wrong tries a minute from anywhere pause everyone.
    At most `concurrent` scrypt checks run at once (each costs 16 MiB and ~50 ms of a core).
    """

    def __init__(self, per_client: int = 5, overall: int = 30, pause: float = 30.0, longest: float = 900.0,
                 concurrent: int = 2, now: Callable[[], float] = time.monotonic) -> None:
        self.per_client, self.overall, self.pause, self.longest = per_client, overall, pause, longest
        self._now = now
        self._lock = threading.Lock()
        self._clients: dict[str, tuple[int, float]] = {}  # address -> (wrong tries in a row, when the last was)
        self._recent: deque[float] = deque()
        self._checks = threading.BoundedSemaphore(concurrent)

    def wait(self, client: str | None) -> float:
        """Seconds before this address may try again (0 when it may try now)."""
        now = self._now()
        with self._lock:
            while self._recent and now - self._recent[0] >= 60:
                self._recent.popleft()
            everyone = 60 - (now - self._recent[0]) if len(self._recent) >= self.overall else 0.0
            tries, last = self._clients.get(client or "", (0, 0.0))
            if tries < self.per_client:
                return max(0.0, everyone)
            own = min(self.longest, self.pause * 2 ** (tries - self.per_client)) - (now - last)
            return max(0.0, own, everyone)

    def failed(self, client: str | None) -> None:
        now = self._now()
        with self._lock:
            tries, last = self._clients.get(client or "", (0, 0.0))
            if tries and now - last > 2 * self.longest:
                tries = 0  # a long quiet spell forgives
            self._clients[client or ""] = (tries + 1, now)
            self._recent.append(now)

    def succeeded(self, client: str | None) -> None:
        with self._lock:
            self._clients.pop(client or "", None)

    @contextmanager
    def checking(self) -> Iterator[None]:
        """Room for one password check, or Busy at once (never a queue of waiting checks)."""
        if not self._checks.acquire(blocking=False):
            raise Busy("Rapport is checking other sign-ins; try again in a moment.")
        try:
            yield
        finally:
            self._checks.release()


ATTEMPTS = Throttle(pause=config.sign_in_pause())
