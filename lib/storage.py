"""The one way in to a user's database: what the app, the command line and the benchmark all open.

Opening clears what a killed restore or backup left beside the file, backs up a file that already
holds data before any migration runs (beside it, in backups/), then migrates. `lib/db.py` only knows
connections and migrations; the backup builds on it, and this module joins the two, so neither
imports the other.
"""

from __future__ import annotations

import time
from pathlib import Path

from lib import config
from lib.db import Database
from lib.io import backup


def back_up_before(db: Database, pending: list[str]) -> None:
    """A migration is about to change a file that holds data: keep a backup named after it first."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    backup.write(db, Path(db.path).parent / "backups" / f"before-{pending[0]}-{stamp}.zip")


def open_database(path: str | Path | None = None, migrate: bool = True) -> Database:
    """The user's database (RAPPORT_DB unless `path`), cleared of leftovers, backed up and migrated."""
    where = str(path or config.database_path())
    backup.clean_leftovers(where)
    db = Database(where, busy_timeout=config.busy_timeout())
    if migrate:
        db.migrate(before=back_up_before)
    return db
