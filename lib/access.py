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
import re
from pathlib import Path

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
    """Put the hash in the secrets file, replacing an old one and keeping everything else as it was."""
    path = Path(secrets_file)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    kept = re.sub(rf"(?m)^{SECRET_NAME}\s*=.*\n?", "", text)
    # Top-level keys must come before the first [section] of a TOML file.
    path.write_text(f'{SECRET_NAME} = "{stored}"\n' + kept, encoding="utf-8")
    path.chmod(0o600)
