"""lib/access.py: the password is kept as a salted scrypt hash, and loopback is told from the rest."""

from __future__ import annotations

from pathlib import Path

import pytest

from lib import access


def test_a_password_verifies_against_its_hash_and_nothing_else() -> None:
    stored = access.hash_password("correct horse battery staple")
    assert stored.startswith("scrypt$") and "correct" not in stored
    assert access.verify("correct horse battery staple", stored)
    assert not access.verify("correct horse battery stapl", stored)
    assert access.hash_password("correct horse battery staple") != stored  # a fresh salt each time


@pytest.mark.parametrize("stored", ["", "plain-text", "md5$abc", "scrypt$x$8$1$AAAA$BBBB", "scrypt$16384$8$1$!!$??"])
def test_a_malformed_hash_matches_no_password(stored: str) -> None:
    assert not access.verify("anything at all", stored)


def test_a_short_password_is_refused_with_advice() -> None:
    with pytest.raises(access.WeakPassword, match="at least 10 characters"):
        access.hash_password("hunter2")


@pytest.mark.parametrize(("address", "loopback"), [
    ("localhost", True), ("127.0.0.1", True), ("127.0.0.2", True), ("::1", True), ("[::1]", True),
    ("0.0.0.0", False), ("", False), (None, False), ("192.168.1.20", False), ("::", False),
    ("rapport.example.org", False)])
def test_only_loopback_addresses_count_as_this_computer(address, loopback: bool) -> None:
    assert access.is_loopback(address) is loopback


def test_writing_the_hash_keeps_the_rest_of_the_secrets_file(tmp_path: Path) -> None:
    secrets = tmp_path / ".streamlit" / "secrets.toml"
    secrets.parent.mkdir()
    secrets.write_text('OPENAI_API_KEY = "sk-keep"\n\n[auth]\nclient_id = "x"\n')
    access.write_hash(secrets, "scrypt$1$2$3$old$old")
    access.write_hash(secrets, "scrypt$1$2$3$new$new")
    text = secrets.read_text()
    assert text.count("RAPPORT_PASSWORD_HASH") == 1 and "new$new" in text and "old$old" not in text
    assert 'OPENAI_API_KEY = "sk-keep"' in text and text.index("RAPPORT_PASSWORD_HASH") < text.index("[auth]")
    assert secrets.stat().st_mode & 0o077 == 0
