"""The one owner of the DuckDB file: connections, transactions and migrations.

Rapport holds the file only while it is working. A connection is opened when a unit of work starts
(one page run, one CLI command) and closed when it ends, so a second Rapport process - the CLI from
cron while the app is open, say - can use the same file. Each side waits a bounded time for the
other and then says clearly that the database is busy, naming the file.

DuckDB's own file lock is not enough between processes: with eight processes opening, writing and
closing one file, DuckDB 2.0.1 lost a committed row (or failed "Could not read enough bytes") in 9
runs of 25, with no error to the writer. So every Rapport process also holds `<file>.lock` (an
flock) from before it opens the file until after it closes it; with that, 0 runs of 25 lost
anything. Threads of one process share the hold, as they share DuckDB's instance.
"""

from __future__ import annotations

import fcntl
import os
import re
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import duckdb
import pandas as pd

from lib.clock import utcnow

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
Params = Sequence[Any] | dict[str, Any] | None


class DatabaseError(Exception):
    """Something about the database file itself that the user has to act on."""


class DatabaseBusy(DatabaseError):
    """Another process holds the file longer than we are willing to wait."""

    def __init__(self, path: str, holder_pid: int | None, waited: float) -> None:
        who = f"another Rapport process (PID {holder_pid})" if holder_pid else "another process"
        super().__init__(
            f"The database {path} is in use by {who}; waited {waited:.0f} s. "
            "Close that process or try again in a moment."
        )
        self.path = path
        self.holder_pid = holder_pid


class DatabaseUnreadable(DatabaseError):
    """The file exists but DuckDB cannot read it (not a database, or a newer/older format)."""


def _holder_pid(message: str) -> int | None:
    match = re.search(r"PID (\d+)", message)
    return int(match.group(1)) if match else None


def _is_lock_conflict(error: Exception) -> bool:
    text = str(error)
    return "Conflicting lock" in text or "Could not set lock" in text


class _FileHeld(Exception):
    """Another process holds the file (Rapport's flock or DuckDB's lock); carries its PID when known."""

    def __init__(self, holder_pid: int | None) -> None:
        super().__init__(f"held by PID {holder_pid}")
        self.holder_pid = holder_pid


class _Hold:
    """This process's flock on `<file>.lock`, counted across its threads."""

    def __init__(self, lock: IO[str]) -> None:
        self.lock, self.users = lock, 0


_HOLDS: dict[str, _Hold] = {}
_HOLDS_GUARD = threading.Lock()


def _take_hold(path: str) -> None:
    """Hold the file for this process (shared by its threads), or raise _FileHeld at once."""
    with _HOLDS_GUARD:
        hold = _HOLDS.get(path)
        if hold is None:
            descriptor = os.open(f"{path}.lock", os.O_RDWR | os.O_CREAT, 0o600)
            lock = os.fdopen(descriptor, "r+")
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                written = lock.read().strip()
                lock.close()
                raise _FileHeld(int(written) if written.isdigit() else None) from None
            lock.seek(0)
            lock.truncate()
            lock.write(str(os.getpid()))
            lock.flush()
            hold = _HOLDS[path] = _Hold(lock)
        hold.users += 1


def _release_hold(path: str) -> None:
    """The last user in this process lets other processes have the file."""
    with _HOLDS_GUARD:
        hold = _HOLDS[path]
        hold.users -= 1
        if hold.users == 0:
            del _HOLDS[path]
            fcntl.flock(hold.lock, fcntl.LOCK_UN)
            hold.lock.close()


_WRITE_WORDS = ("INSERT", "UPDATE", "DELETE")
_WRITES: dict[str, int] = {}  # by path: writes this process committed (see Database.version)


def keep_private(path: str | Path) -> None:
    """The database holds a network of people: readable by its owner only, whatever the umask said."""
    for part in (Path(path), Path(f"{path}.wal")):
        try:
            if part.stat().st_mode & 0o077:
                part.chmod(0o600)
        except OSError:
            pass  # not there (yet), or not ours to change


class Database:
    """A DuckDB file and the verbs every domain module uses on it.

    Connections are per thread and re-entrant: nested `connect()` calls on one thread share the
    connection, which is closed - releasing the file lock - when the outermost one ends.
    """

    def __init__(self, path: str | Path, busy_timeout: float = 5.0) -> None:
        self.path = str(path)
        self.busy_timeout = busy_timeout
        self._on_disk = not self.path.startswith(("md:", ":memory:"))  # a file to hold, keep private, lock
        self._local = threading.local()

    def __repr__(self) -> str:
        return f"Database({self.path!r})"

    # -- connections -------------------------------------------------------------------------

    def _open(self) -> duckdb.DuckDBPyConnection:
        """Retry while another process holds the file, so short overlaps never reach the user."""
        if self._on_disk:
            Path(self.path).parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        started, pause = time.monotonic(), 0.02
        while True:
            try:
                return self._open_once()
            except _FileHeld as held:
                waited = time.monotonic() - started
                if waited >= self.busy_timeout:
                    raise DatabaseBusy(self.path, held.holder_pid, waited) from held
                time.sleep(min(pause, self.busy_timeout - waited))
                pause = min(pause * 2, 0.5)

    def _open_once(self) -> duckdb.DuckDBPyConnection:
        """This process's hold on the file, then DuckDB's: _FileHeld when another process has either."""
        if self._on_disk:
            _take_hold(self.path)
        try:
            connection = duckdb.connect(self.path)
        except BaseException as error:
            if self._on_disk:
                _release_hold(self.path)
            if isinstance(error, duckdb.IOException) and _is_lock_conflict(error):
                raise _FileHeld(_holder_pid(str(error))) from error
            if isinstance(error, duckdb.IOException):
                raise DatabaseUnreadable(
                    f"Rapport cannot open {self.path}: {error}. If the file is not a Rapport "
                    "database, point RAPPORT_DB at another path."
                ) from error
            raise
        if self._on_disk:
            keep_private(self.path)
        return connection

    @contextmanager
    def connect(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """Hold the file for the duration of the block (re-entrant on one thread)."""
        local = self._local
        if getattr(local, "depth", 0) == 0:
            local.con = self._open()
        local.depth = getattr(local, "depth", 0) + 1
        try:
            yield local.con
        finally:
            local.depth -= 1
            if local.depth == 0:
                con, local.con = local.con, None
                con.close()
                if self._on_disk:
                    _release_hold(self.path)

    @property
    def is_held(self) -> bool:
        """Whether this thread currently holds an open connection."""
        return getattr(self._local, "depth", 0) > 0

    def version(self) -> str:
        """A fingerprint that changes with every committed write, this process's or another's, for cache
        keys. Every commit reaches the file or its WAL (size, time, inode); this process's own count tells
        apart two writes inside one tick of the file system's clock. Reading the data to fingerprint it
        took 50 ms at 10,000 contacts; this takes microseconds."""
        parts = [str(_WRITES.get(self.path, 0))]
        for path in (self.path, f"{self.path}.wal"):
            try:
                found = os.stat(path)
            except OSError:
                parts.append("-")
            else:
                parts.append(f"{found.st_ino}:{found.st_size}:{found.st_mtime_ns}")
        return "/".join(parts)

    def _wrote(self) -> None:
        _WRITES[self.path] = _WRITES.get(self.path, 0) + 1

    def _maybe_wrote(self, sql: str) -> None:
        """A write through a reading verb (INSERT … RETURNING) counts as a write."""
        if sql.lstrip()[:6].upper() in _WRITE_WORDS:
            self._wrote()

    # -- reading -----------------------------------------------------------------------------

    def rows(self, sql: str, params: Params = None) -> list[dict[str, Any]]:
        """All rows as dicts; fetched at once because DuckDB 2 drops an open result on the next call."""
        with self.connect() as con:
            result = con.execute(sql, params or [])
            self._maybe_wrote(sql)
            names = [d[0] for d in result.description]
            return [dict(zip(names, row, strict=True)) for row in result.fetchall()]

    def row(self, sql: str, params: Params = None) -> dict[str, Any] | None:
        """The first row, or None when the query finds nothing."""
        found = self.rows(sql, params)
        return found[0] if found else None

    def value(self, sql: str, params: Params = None) -> Any:
        """The first column of the first row, or None."""
        with self.connect() as con:
            found = con.execute(sql, params or []).fetchone()
            self._maybe_wrote(sql)
            return found[0] if found else None

    def frame(self, sql: str, params: Params = None) -> pd.DataFrame:
        """A query as a DataFrame, for tables and charts."""
        with self.connect() as con:
            return con.execute(sql, params or []).df()

    # -- writing -----------------------------------------------------------------------------

    def execute(self, sql: str, params: Params = None) -> None:
        """One statement, committed on its own (or joined to an open transaction)."""
        with self.connect() as con:
            con.execute(sql, params or []).fetchall()
            self._wrote()

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """All or nothing: the block's statements commit together or not at all.

        A transaction inside a transaction joins the outer one, so domain verbs compose.
        """
        with self.connect() as con:
            local = self._local
            if getattr(local, "in_transaction", False):
                yield con
                return
            con.execute("BEGIN TRANSACTION")
            local.in_transaction = True
            try:
                yield con
            except BaseException:
                local.in_transaction = False
                con.execute("ROLLBACK")
                raise
            local.in_transaction = False
            con.execute("COMMIT")
            self._wrote()

    # -- migrations --------------------------------------------------------------------------

    def migrate(self, upto: str | None = None,
                before: Callable[[Database, list[str]], None] | None = None) -> list[str]:
        """Apply pending migrations in order (up to and including `upto`), each in its own transaction.

        `before` is called with the pending names first when the file already holds data: opening a
        user's file backs it up there (lib/storage.py), so a migration that goes wrong can be undone.
        """
        applied_now: list[str] = []
        with self.connect() as con:
            con.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations "
                "(name TEXT PRIMARY KEY, applied_at TIMESTAMP NOT NULL)"
            )
            pending = [n for n in self.pending_migrations() if upto is None or n <= upto]
            if pending and before is not None and self._holds_data():
                before(self, pending)
            for name in pending:
                sql = (MIGRATIONS_DIR / f"{name}.sql").read_text()
                with self.transaction() as tx:
                    tx.execute(sql)
                    tx.execute(
                        "INSERT INTO schema_migrations VALUES (?, ?)", [name, utcnow()]
                    )
                applied_now.append(name)
        return applied_now

    def _holds_data(self) -> bool:
        """Whether any table besides the migration record has a row (a newcomer's file has none)."""
        if not self.applied_migrations():
            return False
        with self.connect() as con:
            names = [r[0] for r in con.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' "
                "AND table_type = 'BASE TABLE' AND table_name <> 'schema_migrations'").fetchall()]
            return any(con.execute(f"SELECT EXISTS (SELECT 1 FROM {n})").fetchall()[0][0] for n in names)

    def applied_migrations(self) -> list[str]:
        """Names recorded in schema_migrations, oldest first."""
        with self.connect() as con:
            exists = con.execute(
                "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'"
            ).fetchall()[0][0]
            if not exists:
                return []
            return [r[0] for r in con.execute(
                "SELECT name FROM schema_migrations ORDER BY name").fetchall()]

    def pending_migrations(self) -> list[str]:
        """Migration files not yet applied to this database, in order."""
        done = set(self.applied_migrations())
        return [name for name in available_migrations() if name not in done]


def available_migrations() -> list[str]:
    """Every migration shipped with this version of Rapport, by numbered name."""
    return sorted(p.stem for p in MIGRATIONS_DIR.glob("[0-9][0-9][0-9][0-9]_*.sql"))
