"""Fixtures shared by every kind of test: real DuckDB files in tmp_path, one demo seed for all."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lib import clock
from lib.db import Database
from lib.demo import seed_demo

ROOT = Path(__file__).resolve().parent.parent
# The demo is seeded relative to today, so what pages show (this week's meetings, the streak) holds
# whenever the tests run.
DEMO_TODAY = clock.today("Europe/London")


@pytest.fixture(scope="session")
def empty_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A freshly migrated database, made once; copying it is faster than migrating per test."""
    path = tmp_path_factory.mktemp("empty") / "rapport.duckdb"
    Database(path).migrate()
    return path


def _private_copy(source: Path, target: Path) -> Database:
    shutil.copy(source, target)
    return Database(target, busy_timeout=1.0)


@pytest.fixture
def db(empty_file: Path, tmp_path: Path) -> Database:
    """An empty, migrated Rapport database in its own file."""
    return _private_copy(empty_file, tmp_path / "rapport.duckdb")


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo database, seeded once per run; tests get copies so none can disturb another."""
    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    seed_demo(Database(path), today=DEMO_TODAY)
    return path


@pytest.fixture
def demo_db(demo_file: Path, tmp_path: Path) -> Database:
    """A private copy of the seeded demo database."""
    return _private_copy(demo_file, tmp_path / "demo-copy.duckdb")


@pytest.fixture
def fake_llm():
    """A local OpenAI-compatible server (see tests/fakes/openai_server.py), stopped after the test."""
    from tests.fakes.openai_server import FakeOpenAI

    server = FakeOpenAI().start()
    yield server
    server.stop()


@pytest.fixture
def unused_port_url() -> str:
    """A base URL where nothing listens, so connecting is refused at once."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/v1"


def run_killed(code: str, timeout: float = 120) -> None:
    """Run Python `code` in a child process that SIGKILLs itself at the point the code chooses.

    The code calls `die()` where the kill should land (inside a transaction, say); the child must
    end by that signal, or the test did not test what it meant to.
    """
    import subprocess
    import sys

    prelude = "import os, signal\n\ndef die(*_args, **_kwargs):\n    os.kill(os.getpid(), signal.SIGKILL)\n\n"
    child = subprocess.run([sys.executable, "-c", prelude + code], cwd=ROOT, timeout=timeout,
                           capture_output=True, text=True)
    assert child.returncode == -9, child.stderr[-2000:]


@pytest.fixture(autouse=True)
def no_secrets_of_the_developer(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests read no .streamlit/secrets.toml of whoever runs them; a test that needs one writes its own."""
    monkeypatch.setenv("RAPPORT_SECRETS", str(tmp_path_factory.getbasetemp() / "no-secrets.toml"))


def table_contents(db: Database) -> dict[str, list[tuple]]:
    """Every table's rows in a stable order - what a round trip must preserve exactly."""
    from lib.io import backup

    with db.connect() as con:
        return {t: con.execute(f'SELECT * FROM "{t}" ORDER BY ALL').fetchall()
                for t in backup.tables(db) if t != "schema_migrations"}
