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


def test_an_indented_hash_and_a_multiline_secret_are_edited_as_toml(tmp_path: Path) -> None:
    import tomllib

    secrets = tmp_path / "secrets.toml"
    secrets.write_text('  RAPPORT_PASSWORD_HASH = "scrypt$1$2$3$old$old"\nOPENAI_API_KEY = "sk-canary-keep"\n'
                       'NOTE = """\nRAPPORT_PASSWORD_HASH = inside a string, kept\n"""\n[reminders]\nurls = ["x"]\n')
    access.write_hash(secrets, "scrypt$1$2$3$new$new")
    parsed = tomllib.loads(secrets.read_text())  # still valid TOML
    assert parsed["RAPPORT_PASSWORD_HASH"] == "scrypt$1$2$3$new$new"
    assert parsed["OPENAI_API_KEY"] == "sk-canary-keep" and parsed["reminders"] == {"urls": ["x"]}
    assert "inside a string, kept" in parsed["NOTE"]


def test_a_new_secrets_file_is_never_readable_by_others_even_for_a_moment(tmp_path: Path) -> None:
    import os

    secrets = tmp_path / "secrets.toml"
    old = os.umask(0)  # the most permissive umask: the file must still be created 0600
    try:
        access.write_hash(secrets, "scrypt$1$2$3$a$b")
    finally:
        os.umask(old)
    assert secrets.stat().st_mode & 0o777 == 0o600


def test_a_secrets_file_that_is_not_toml_is_left_alone_with_a_reason(tmp_path: Path) -> None:
    secrets = tmp_path / "secrets.toml"
    secrets.write_text('OPENAI_API_KEY = "unterminated\n')
    with pytest.raises(ValueError, match="is not valid TOML"):
        access.write_hash(secrets, "scrypt$1$2$3$a$b")
    assert secrets.read_text() == 'OPENAI_API_KEY = "unterminated\n'


LOOPBACK_NAMES = ["localhost", "127.0.0.1", "::1"]


@pytest.mark.parametrize(("host", "origin", "allowed"), [
    ("localhost:8501", "http://localhost:8501", True),
    ("127.0.0.1:8501", "http://127.0.0.1:8501", True),
    ("[::1]:8501", "http://[::1]:8501", True),
    ("rebind.attacker.test:8501", "http://rebind.attacker.test:8501", False),  # DNS rebinding
    ("localhost:8501", "http://localhost:3000", False),  # another app's page on this computer
    ("localhost:8501", "http://evil.example", False),  # a page anywhere on the web
    ("localhost:8501", "null", False),  # a sandboxed frame
    ("localhost:8501", None, True),  # a client that is no browser sends no Origin
    (None, None, True),  # AppTest: no connection at all
])
def test_on_loopback_only_loopback_names_and_same_origin_pages_connect(host, origin, allowed: bool) -> None:
    assert access.connection_allowed(host, origin, "localhost", LOOPBACK_NAMES) is allowed


def test_exposed_only_the_names_the_user_configured_connect() -> None:
    names = [*LOOPBACK_NAMES, "rapport.example.org"]
    assert access.connection_allowed("rapport.example.org", "https://rapport.example.org", "0.0.0.0", names)
    assert not access.connection_allowed("rebind.attacker.test", "http://rebind.attacker.test", "0.0.0.0", names)
    # Exposed without naming any host: only loopback names (Streamlit refuses the rest itself too).
    assert not access.connection_allowed("192.168.1.5:8501", "http://192.168.1.5:8501", "0.0.0.0", LOOPBACK_NAMES)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_wrong_passwords_pause_an_address_for_longer_each_time_whatever_its_sessions() -> None:
    clock = Clock()
    throttle = access.Throttle(per_client=5, pause=30, longest=900, now=clock)
    for _ in range(5):
        assert throttle.wait("10.0.0.7") == 0
        throttle.failed("10.0.0.7")
    assert throttle.wait("10.0.0.7") == 30 and throttle.wait("10.0.0.8") == 0
    clock.now += 30
    throttle.failed("10.0.0.7")
    assert throttle.wait("10.0.0.7") == 60  # doubled
    clock.now += 60
    throttle.failed("10.0.0.7")
    clock.now += 1
    assert throttle.wait("10.0.0.7") == 119
    throttle.succeeded("10.0.0.7")
    assert throttle.wait("10.0.0.7") == 0


def test_many_wrong_passwords_from_everywhere_pause_everyone() -> None:
    clock = Clock()
    throttle = access.Throttle(per_client=5, overall=10, now=clock)
    for n in range(10):
        throttle.failed(f"10.0.0.{n}")  # one try each from ten addresses
    assert throttle.wait("10.0.0.99") == 60
    clock.now += 60
    assert throttle.wait("10.0.0.99") == 0


def test_only_so_many_password_checks_run_at_once() -> None:
    throttle = access.Throttle(concurrent=1)
    with throttle.checking(), pytest.raises(access.Busy, match="try again in a moment"), throttle.checking():
        pass
    with throttle.checking():  # free again once the first is done
        pass
