"""lib/db.py: the one owner of the file - migrations, transactions, and sharing it with another process."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import duckdb
import pytest

from lib.db import (
    Database,
    DatabaseBusy,
    DatabaseUnreadable,
    available_migrations,
)

HOLDER = """
import sys, duckdb
con = duckdb.connect(sys.argv[1])
print("holding", flush=True)
sys.stdin.readline()
con.close()
print("released", flush=True)
sys.stdin.readline()
"""


def test_migrations_from_an_empty_file_apply_every_numbered_file_in_order(tmp_path: Path) -> None:
    db = Database(tmp_path / "new.duckdb")
    assert db.migrate() == available_migrations()
    assert db.applied_migrations() == ["0001_initial", "0002_interviews", "0003_drafting", "0004_imports",
                                       "0005_call_output", "0006_question_must_ask",
                                       "0007_lamp_advocacy_override", "0008_calendar_import",
                                       "0009_mail_import", "0010_mail_fingerprint",
                                       "0011_reminders", "0012_unsaved_text", "0013_debrief_notes",
                                       "0014_sync"]
    assert db.pending_migrations() == []


def test_running_migrations_again_applies_nothing_and_keeps_the_data(db: Database) -> None:
    db.execute("INSERT INTO organisation (name, created_at, updated_at) VALUES ('Acme', now(), now())")
    assert db.migrate() == []
    assert db.value("SELECT name FROM organisation") == "Acme"


def test_a_failing_multi_statement_write_leaves_nothing_behind(db: Database) -> None:
    with pytest.raises(duckdb.ConstraintException), db.transaction() as con:
        con.execute("INSERT INTO organisation (name, created_at, updated_at) VALUES ('A', now(), now())")
        con.execute("INSERT INTO organisation (name, created_at, updated_at) VALUES (NULL, now(), now())")
    assert db.value("SELECT count(*) FROM organisation") == 0


def test_a_transaction_inside_a_transaction_joins_it_and_rolls_back_with_it(db: Database) -> None:
    with pytest.raises(RuntimeError), db.transaction():
        with db.transaction() as inner:
            inner.execute("INSERT INTO organisation (name, created_at, updated_at) VALUES ('A', now(), now())")
        raise RuntimeError("the outer block fails after the inner one finished")
    assert db.value("SELECT count(*) FROM organisation") == 0


def test_the_file_is_released_when_the_work_is_done(db: Database) -> None:
    with db.connect():
        assert db.is_held
        with db.connect():
            assert db.is_held
        assert db.is_held, "a nested block must not close the outer one's connection"
    assert not db.is_held
    other = subprocess.run([sys.executable, "-c", f"import duckdb; duckdb.connect({db.path!r}).close()"],
                           capture_output=True, text=True)
    assert other.returncode == 0, other.stderr


def _hold(path: str) -> subprocess.Popen:
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, path], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "holding"
    return holder


def test_a_second_process_holding_the_file_gives_a_busy_message_naming_file_and_pid(db: Database) -> None:
    holder = _hold(db.path)
    try:
        impatient = Database(db.path, busy_timeout=0.3)
        with pytest.raises(DatabaseBusy) as caught:
            impatient.value("SELECT 1")
        message = str(caught.value)
        assert db.path in message
        assert f"PID {holder.pid}" in message
        assert "try again" in message
    finally:
        holder.communicate("\n\n")


def test_a_rapport_process_holds_the_file_from_open_to_close_and_is_named_when_busy(db: Database) -> None:
    """Rapport's own hold (<file>.lock) covers what DuckDB's lock left open: lost rows between processes."""
    from tests.conftest import ROOT

    script = ("import sys\nfrom lib.db import Database\nwith Database(sys.argv[1]).connect():\n"
              "    print('held', flush=True)\n    sys.stdin.readline()\n")
    holder = subprocess.Popen([sys.executable, "-c", script, db.path], cwd=ROOT, stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(DatabaseBusy, match=f"another Rapport process \\(PID {holder.pid}\\)"):
            Database(db.path, busy_timeout=0.3).value("SELECT 1")
    finally:
        holder.communicate("\n")
    assert Database(db.path, busy_timeout=0.3).value("SELECT 1") == 1  # let go with the connection
    assert oct(Path(f"{db.path}.lock").stat().st_mode & 0o777) == "0o600"


def test_waiting_for_the_other_process_succeeds_once_it_lets_go(db: Database) -> None:
    holder = _hold(db.path)
    patient = Database(db.path, busy_timeout=30)
    holder.stdin.write("\n")
    holder.stdin.flush()
    try:
        assert patient.value("SELECT count(*) FROM contact") == 0
    finally:
        holder.communicate("\n")


def test_a_file_that_is_not_a_database_says_so_and_what_to_do(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.duckdb"
    bogus.write_text("these are my notes, not a database")
    with pytest.raises(DatabaseUnreadable, match="RAPPORT_DB"):
        Database(bogus).migrate()


def test_each_thread_gets_its_own_connection(db: Database) -> None:
    seen = []

    def count() -> None:
        with db.connect() as con:
            seen.append(id(con))
            con.execute("SELECT 1").fetchall()

    with db.connect() as mine:
        worker = threading.Thread(target=count)
        worker.start()
        worker.join()
        assert seen and seen[0] != id(mine)


def test_eight_processes_writing_while_the_cli_reads_lose_nothing(db: Database, tmp_path: Path) -> None:
    import subprocess
    import sys

    from lib import integrity
    from tests.conftest import ROOT

    writer = ("import sys\nfrom lib import contacts\nfrom lib.db import Database\n"
              "db = Database(sys.argv[1], busy_timeout=120)\n"
              "for n in range(10):\n    contacts.create(db, full_name=f'Writer {sys.argv[2]} person {n}')\n")
    reader = ("import contextlib, io, pathlib, sys\nfrom lib import cli\nreads = 0\n"
              "while not pathlib.Path(sys.argv[2]).exists():\n"
              "    with contextlib.redirect_stdout(io.StringIO()):\n"
              "        assert cli.main(['contacts', '--db', sys.argv[1], '--json']) == 0\n"
              "    reads += 1\nprint(reads)\n")
    done = tmp_path / "writers-done"
    environment = os.environ | {"RAPPORT_DB_BUSY_TIMEOUT": "120"}
    reading = subprocess.Popen([sys.executable, "-c", reader, db.path, str(done)], cwd=ROOT, env=environment,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    writers = [subprocess.Popen([sys.executable, "-c", writer, db.path, str(n)], cwd=ROOT, env=environment,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for n in range(8)]
    errors = [w.communicate(timeout=300)[1] for w in writers]
    done.touch()
    reads, reader_errors = reading.communicate(timeout=300)
    assert [w.returncode for w in writers] == [0] * 8, errors
    assert reading.returncode == 0 and int(reads) > 0, reader_errors
    wanted = {f"Writer {w} person {n}" for w in range(8) for n in range(10)}
    stored = {row["full_name"] for row in db.rows("SELECT full_name FROM contact")}
    assert stored == wanted, f"lost: {sorted(wanted - stored)}; WAL left: {Path(f'{db.path}.wal').exists()}"
    assert integrity.problems(db) == []


def test_the_version_changes_with_every_kind_of_write_and_never_with_a_read(db: Database) -> None:
    seen = {db.version()}
    db.rows("SELECT * FROM contact")
    db.frame("SELECT count(*) FROM contact")
    assert db.version() in seen
    now = "2026-01-01 00:00:00"
    db.value("INSERT INTO contact (full_name, created_at, updated_at) VALUES ('Ana', ?, ?) RETURNING id",
             [now, now])
    seen.add(db.version())
    for role in ("A", "B"):  # the same size on disk, within one tick of the file system's clock
        db.execute("UPDATE contact SET role = ?", [role])
        assert db.version() not in seen
        seen.add(db.version())
    with db.transaction() as con:
        con.execute("UPDATE contact SET role = 'C'")
    assert db.version() not in seen
    seen.add(db.version())
    with db.connect() as con:  # a write on a held connection, as a page run makes it
        con.execute("UPDATE contact SET role = 'D'")
        assert db.version() not in seen


def test_a_write_from_another_process_changes_the_version(db: Database) -> None:
    before = db.version()
    subprocess.run([sys.executable, "-c", "import duckdb, sys; duckdb.connect(sys.argv[1]).execute("
                    "\"INSERT INTO contact (full_name, created_at, updated_at) VALUES ('Bo', now(), now())\")", db.path], check=True)
    assert db.version() != before


def test_a_new_database_and_its_folder_are_its_owners_only_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        db = Database(tmp_path / "fresh" / "rapport.duckdb")
        db.migrate()
        db.execute("CREATE TABLE t (x INT)")
    finally:
        os.umask(old)
    assert Path(db.path).stat().st_mode & 0o777 == 0o600
    assert Path(db.path).parent.stat().st_mode & 0o777 == 0o700
