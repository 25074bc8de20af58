"""Backup and restore: a zip with one Parquet file per table and a manifest that proves it is whole.

The manifest names the schema (the migrations applied), each table's row count and each file's
SHA-256. Restore checks all of it before touching anything, takes a safety backup of the current
database, rebuilds the data in a fresh file at the backup's schema, migrates it forward, and only
then puts it in place - so a bad file changes nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

from lib import clock
from lib.db import Database, DatabaseError, available_migrations

FORMAT = "rapport-backup-1"


class BackupInvalid(DatabaseError):
    """A backup file that cannot be restored, with the reason."""


def tables(db: Database) -> list[str]:
    """Every table Rapport keeps, in a stable order."""
    return [r["table_name"] for r in db.rows(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' "
        "AND table_type = 'BASE TABLE' ORDER BY table_name")]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write(db: Database, target: str | Path) -> dict[str, Any]:
    """Write a backup zip of the whole database to `target`; returns its manifest."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder, db.connect() as con:
        manifest: dict[str, Any] = {"format": FORMAT, "created_at": clock.utcnow().isoformat(),
                                    "migrations": db.applied_migrations(), "tables": {}}
        for table in tables(db):
            if table == "schema_migrations":
                continue
            path = Path(folder) / f"{table}.parquet"
            con.execute(f"COPY (SELECT * FROM {table} ORDER BY ALL) TO '{path}' (FORMAT PARQUET)")
            rows = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            manifest["tables"][table] = {"rows": rows, "sha256": _sha256(path)}
        partial = target.with_suffix(target.suffix + ".partial")
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("manifest.json", json.dumps(manifest, indent=2))
            for table in manifest["tables"]:
                archive.write(Path(folder) / f"{table}.parquet", f"{table}.parquet")
        os.replace(partial, target)
    return manifest


def read_manifest(source: str | Path) -> dict[str, Any]:
    """The manifest of a backup file, after checking it is one Rapport can restore."""
    try:
        with zipfile.ZipFile(source) as archive:
            manifest = json.loads(archive.read("manifest.json"))
            names = set(archive.namelist())
    except (zipfile.BadZipFile, KeyError, json.JSONDecodeError, OSError) as error:
        raise BackupInvalid(f"{source} is not a Rapport backup (a zip with a manifest.json): {error}") from error
    if manifest.get("format") != FORMAT:
        raise BackupInvalid(f"{source} is not a Rapport backup (format {manifest.get('format')!r})")
    unknown = [m for m in manifest.get("migrations", []) if m not in available_migrations()]
    if unknown:
        raise BackupInvalid(f"{source} comes from a newer Rapport (schema {', '.join(unknown)}); "
                            "update Rapport, then restore it")
    missing = [t for t in manifest["tables"] if f"{t}.parquet" not in names]
    if missing:
        raise BackupInvalid(f"{source} is incomplete: {', '.join(missing)} missing")
    return manifest


def restore(db: Database, source: str | Path, safety_dir: str | Path | None = None) -> Path:
    """Replace the database with the backup's contents; returns where the safety backup went."""
    manifest = read_manifest(source)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    safety = Path(safety_dir or Path(db.path).parent / "backups") / f"before-restore-{stamp}.zip"
    with tempfile.TemporaryDirectory() as folder:
        with zipfile.ZipFile(source) as archive:
            archive.extractall(folder)
        for table, facts in manifest["tables"].items():
            if _sha256(Path(folder) / f"{table}.parquet") != facts["sha256"]:
                raise BackupInvalid(f"{source} is damaged: {table}.parquet does not match its checksum")
        rebuilt = Path(folder) / "restored.duckdb"
        fresh = Database(rebuilt)
        fresh.migrate(upto=manifest["migrations"][-1] if manifest["migrations"] else None)
        with fresh.transaction() as con:
            for table, facts in manifest["tables"].items():
                con.execute(f"INSERT INTO {table} SELECT * FROM read_parquet('{Path(folder) / table}.parquet')")
                loaded = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                if loaded != facts["rows"]:
                    raise BackupInvalid(f"{table}: the backup says {facts['rows']} rows, {loaded} were read")
            _advance_sequences(con)  # in the writing transaction: DuckDB keeps sequence moves only there
        fresh.migrate()
        if Path(db.path).exists():
            write(db, safety)
        with db.connect():
            pass  # make sure nobody else holds the file before it is replaced
        os.replace(rebuilt, db.path)
        Path(str(db.path) + ".wal").unlink(missing_ok=True)
    return safety


def _advance_sequences(con: Any) -> None:
    """Restored ids were written as they were; move each id sequence past the highest one."""
    names = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    for (sequence,) in con.execute("SELECT sequence_name FROM duckdb_sequences()").fetchall():
        table = sequence.removesuffix("_id_seq")
        if table not in names:
            continue
        highest = con.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0]
        if highest:
            con.execute(f"SELECT max(nextval('{sequence}')) FROM range({highest})").fetchall()


def table_contents(db: Database) -> dict[str, list[tuple]]:
    """Every table's rows in a stable order - what a round trip must preserve exactly."""
    with db.connect() as con:
        return {t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall()
                for t in tables(db) if t != "schema_migrations"}
