"""Backup and restore: a zip with one Parquet file per table and a manifest that proves it is whole.

The manifest names the schema (the migrations applied), each table's row count and each file's
SHA-256. A backup may come from anyone, so restore trusts nothing in it: the whole zip is checked
against the manifest (names, sizes, checksums) before the database is touched; table names are
checked against the schema's own list and never put into SQL as they came; members are read by the
manifest's names into files Rapport names, never extracted by their own names; model settings (where
an API key would be sent) are not brought in. Then the data is rebuilt in a fresh file at the
backup's schema, migrated forward, a safety backup of the current database is taken, and only then
is the fresh file put in place - so a bad file changes nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb

from lib import clock, config, integrity
from lib.db import Database, DatabaseError, available_migrations

FORMAT = "rapport-backup-1"
MANIFEST = "manifest.json"
MANIFEST_LIMIT = 1 << 20  # a manifest lists a few dozen tables; anything bigger is not one
TABLE_NAME = re.compile(r"^[a-z][a-z0-9_]{0,62}$")
SHA256 = re.compile(r"^[0-9a-f]{64}$")
# Settings that say where the model lives: a backup from someone else must not choose where keys go.
MODEL_SETTINGS = ("llm_base_url", "llm_model", "llm_key_confirmed_for")
RESTORE_DIR_PREFIX = ".rapport-restore-"


class BackupInvalid(DatabaseError):
    """A backup file that cannot be restored, with the reason."""


@dataclass
class Restored:
    """What a restore did: where the database as it was is saved, and which settings were left out."""

    safety: Path | None
    dropped_settings: list[str] = field(default_factory=list)


def size_limit() -> int:
    """Bytes a backup may hold once unpacked (`RAPPORT_MAX_BACKUP_MB`, default 2048): stops zip bombs."""
    return config.max_backup_bytes()


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
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder, db.connect() as con:
        manifest: dict[str, Any] = {"format": FORMAT, "created_at": clock.utcnow().isoformat(),
                                    "migrations": db.applied_migrations(), "tables": {}}
        for table in tables(db):
            if table == "schema_migrations":
                continue
            path = Path(folder) / f"{table}.parquet"
            con.execute(f'COPY (SELECT * FROM "{table}" ORDER BY ALL) TO \'{path}\' (FORMAT PARQUET)')
            rows = con.execute(f'SELECT count(*) FROM "{table}"').fetchall()[0][0]
            manifest["tables"][table] = {"rows": rows, "sha256": _sha256(path)}
        # The pid in the name lets the next start tell a dead writer's leftover from a live one's.
        partial = target.with_name(f"{target.name}.{os.getpid()}.partial")
        try:
            partial.touch(mode=0o600)
            partial.chmod(0o600)  # a backup is the whole network: its owner's only
            with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
                archive.writestr(MANIFEST, json.dumps(manifest, indent=2))
                for table in manifest["tables"]:
                    archive.write(Path(folder) / f"{table}.parquet", f"{table}.parquet")
            os.replace(partial, target)
        finally:
            partial.unlink(missing_ok=True)
    return manifest


def _refuse(source: str | Path, why: str) -> BackupInvalid:
    return BackupInvalid(f"{Path(source).name} cannot be restored: {why}.")


def _check_names(source: str | Path, infos: list[zipfile.ZipInfo]) -> None:
    """No member may point outside the folder or hide behind an odd name, even one never read."""
    for info in infos:
        name = info.filename
        if name.startswith(("/", "\\")) or ".." in name.replace("\\", "/").split("/") or ":" in name \
                or "\\" in name or "\x00" in name:
            raise _refuse(source, f"it holds a file with an unsafe name ({name!r})")


def _parse_manifest(source: str | Path, raw: bytes) -> dict[str, Any]:
    """The manifest as data of the expected shape, or a refusal naming what is wrong."""
    try:
        manifest = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise _refuse(source, "its manifest.json is not readable JSON") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        found = manifest.get("format") if isinstance(manifest, dict) else None
        raise BackupInvalid(f"{Path(source).name} is not a Rapport backup (format {found!r}).")
    migrations, listed = manifest.get("migrations"), manifest.get("tables")
    if not isinstance(migrations, list) or not all(isinstance(m, str) for m in migrations):
        raise _refuse(source, "its manifest does not say which schema it holds")
    unknown = [m for m in migrations if m not in available_migrations()]
    if unknown:
        names = ", ".join(str(m)[:40] for m in unknown[:3])
        raise BackupInvalid(f"{Path(source).name} comes from a newer Rapport (schema {names}); "
                            "update Rapport, then restore it.")
    if migrations != available_migrations()[:len(migrations)]:
        raise _refuse(source, "its manifest lists the schema's steps out of order")
    if not isinstance(listed, dict) or not listed:
        raise _refuse(source, "its manifest lists no tables")
    for table, facts in listed.items():
        if not TABLE_NAME.match(table):
            raise _refuse(source, f"its manifest names a table Rapport does not have ({table[:40]!r})")
        if not (isinstance(facts, dict) and isinstance(facts.get("rows"), int) and facts["rows"] >= 0
                and isinstance(facts.get("sha256"), str) and SHA256.match(facts["sha256"])):
            raise _refuse(source, f"its manifest has no row count or checksum for {table}")
    return manifest


def read_manifest(source: str | Path, limit: int | None = None) -> dict[str, Any]:
    """The manifest of a backup file, after checking the whole zip against it (nothing is unpacked)."""
    limit = size_limit() if limit is None else limit
    try:
        with zipfile.ZipFile(source) as archive:
            infos = archive.infolist()
            _check_names(source, infos)
            sizes = {i.filename: i.file_size for i in infos}
            if MANIFEST not in sizes:
                raise BackupInvalid(f"{Path(source).name} is not a Rapport backup (it has no manifest.json).")
            if sizes[MANIFEST] > MANIFEST_LIMIT:
                raise _refuse(source, "its manifest.json is far too large to be one")
            with archive.open(MANIFEST) as handle:
                raw = handle.read(MANIFEST_LIMIT + 1)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, EOFError):
        raise BackupInvalid(f"{Path(source).name} is not a Rapport backup (not a readable zip file).") from None
    manifest = _parse_manifest(source, raw)
    expected = {MANIFEST} | {f"{t}.parquet" for t in manifest["tables"]}
    extra = sorted(set(sizes) - expected)
    if extra:
        shown = ", ".join(repr(n[:60]) for n in extra[:3]) + (" and more" if len(extra) > 3 else "")
        raise _refuse(source, f"it holds files its manifest does not list ({shown})")
    missing = sorted(expected - set(sizes))
    if missing:
        raise _refuse(source, f"it is incomplete ({', '.join(missing[:5])} missing)")
    if len(infos) != len(sizes):
        raise _refuse(source, "it holds the same file twice")
    if sum(sizes.values()) > limit:
        raise _refuse(source, f"it would unpack to {sum(sizes.values()) / 2**20:,.0f} MB, more than the "
                              f"{limit / 2**20:,.0f} MB allowed (RAPPORT_MAX_BACKUP_MB)")
    return manifest


def _copy_member(source: str | Path, archive: zipfile.ZipFile, name: str, facts: dict[str, Any],
                 target: Path, limit: int) -> None:
    """Copy one member to a file Rapport named, checking its real size and checksum as it streams."""
    declared = archive.getinfo(name).file_size
    digest, written = hashlib.sha256(), 0
    try:
        with archive.open(name) as member, target.open("wb") as out:
            for block in iter(lambda: member.read(1 << 20), b""):
                written += len(block)
                if written > declared or written > limit:
                    raise _refuse(source, f"{name} is larger than the zip says")
                digest.update(block)
                out.write(block)
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError):
        raise _refuse(source, f"{name} in it is damaged") from None
    if digest.hexdigest() != facts["sha256"]:
        raise BackupInvalid(f"{Path(source).name} is damaged: {name} does not match its checksum.")


def _load(source: str | Path, fresh: Database, manifest: dict[str, Any], files: dict[str, Path]) -> list[str]:
    """Fill the fresh database from the checked files; returns the model settings left out."""
    allowed = set(tables(fresh)) - {"schema_migrations"}
    unknown = sorted(set(manifest["tables"]) - allowed)
    if unknown:
        raise _refuse(source, f"its manifest names a table Rapport does not have ({unknown[0]!r})")
    with fresh.transaction() as con:
        for table, facts in manifest["tables"].items():
            # The name is one of the schema's own; the file is passed as a parameter.
            try:
                con.execute(f'INSERT INTO "{table}" BY NAME SELECT * FROM read_parquet(?)', [str(files[table])])
            except duckdb.Error:
                raise _refuse(source, f"the {table} table in it does not fit Rapport's schema") from None
            loaded = con.execute(f'SELECT count(*) FROM "{table}"').fetchall()[0][0]
            if loaded != facts["rows"]:
                raise _refuse(source, f"the backup says {table} has {facts['rows']} rows, but {loaded} were read")
        dropped = [r[0] for r in con.execute(
            "DELETE FROM setting WHERE key IN (SELECT unnest(?)) RETURNING key", [list(MODEL_SETTINGS)]
        ).fetchall()]
        _advance_sequences(con)  # in the writing transaction: DuckDB keeps sequence moves only there
    return sorted(dropped)


def restore(db: Database, source: str | Path, safety_dir: str | Path | None = None,
            limit: int | None = None) -> Restored:
    """Replace the database with the backup's contents, after checking all of it."""
    limit = size_limit() if limit is None else limit
    manifest = read_manifest(source, limit)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    safety = Path(safety_dir or Path(db.path).parent / "backups") / f"before-restore-{stamp}.zip"
    home = Path(db.path).parent
    home.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=f"{RESTORE_DIR_PREFIX}{os.getpid()}-", dir=home))
    try:
        files: dict[str, Path] = {}
        with zipfile.ZipFile(source) as archive:
            for n, (table, facts) in enumerate(manifest["tables"].items()):
                files[table] = folder / f"member-{n}.parquet"
                _copy_member(source, archive, f"{table}.parquet", facts, files[table], limit)
        rebuilt = folder / "restored.duckdb"
        fresh = Database(rebuilt)
        fresh.migrate(upto=manifest["migrations"][-1] if manifest["migrations"] else None)
        dropped = _load(source, fresh, manifest, files)
        fresh.migrate()
        broken = integrity.problems(fresh)  # the same graph of links delete and merge keep whole
        if broken:
            raise _refuse(source, f"its rows do not fit together ({broken[0]})")
        kept = Path(db.path).exists()
        if kept:
            write(db, safety)
        with db.connect():
            pass  # make sure nobody else holds the file before it is replaced
        os.replace(rebuilt, db.path)
        Path(str(db.path) + ".wal").unlink(missing_ok=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return Restored(safety if kept else None, dropped)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_leftovers(db_path: str | Path) -> list[Path]:
    """Remove what a restore or backup killed half-way left beside the database; returns what went."""
    if str(db_path).startswith(("md:", ":memory:")):
        return []
    home = Path(db_path).parent
    removed: list[Path] = []
    candidates = list(home.glob(f"{RESTORE_DIR_PREFIX}*")) + list(home.glob("*.partial")) \
        + list((home / "backups").glob("*.partial"))
    for path in candidates:
        match = re.search(r"\.(\d+)\.partial$", path.name) or re.match(
            rf"{re.escape(RESTORE_DIR_PREFIX)}(\d+)-", path.name)
        if match and _pid_alive(int(match.group(1))):
            continue  # still at work (in this process or another)
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
        removed.append(path)
    return removed


def _advance_sequences(con: Any) -> None:
    """Restored ids were written as they were; move each id sequence past the highest one."""
    names = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    for (sequence,) in con.execute("SELECT sequence_name FROM duckdb_sequences()").fetchall():
        table = sequence.removesuffix("_id_seq")
        if table not in names:
            continue
        highest = con.execute(f'SELECT coalesce(max(id), 0) FROM "{table}"').fetchall()[0][0]
        if highest:
            con.execute("SELECT max(nextval(?)) FROM range(?)", [sequence, highest]).fetchall()
