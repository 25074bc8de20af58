"""lib/io/backup.py: backups are whole, restores are exact, and a bad file changes nothing."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest

from lib import contacts
from lib.db import Database, available_migrations
from lib.io import backup


def test_backup_restore_backup_gives_identical_tables(demo_db: Database, tmp_path: Path) -> None:
    first = tmp_path / "first.zip"
    manifest = backup.write(demo_db, first)
    assert manifest["migrations"] == available_migrations()
    assert manifest["tables"]["contact"]["rows"] == 80
    original = backup.table_contents(demo_db)

    target = Database(tmp_path / "target.duckdb")
    target.migrate()
    contacts.create(target, full_name="Replaced by the restore")
    safety = backup.restore(target, first, safety_dir=tmp_path / "safety").safety
    assert backup.table_contents(target) == original
    assert safety.exists()

    second = tmp_path / "second.zip"
    backup.write(target, second)
    check = Database(tmp_path / "check.duckdb")
    backup.restore(check, second, safety_dir=tmp_path / "safety")
    assert backup.table_contents(check) == original


def test_after_a_restore_new_rows_get_fresh_ids(demo_db: Database, tmp_path: Path) -> None:
    backup.write(demo_db, tmp_path / "b.zip")
    target = Database(tmp_path / "t.duckdb")
    backup.restore(target, tmp_path / "b.zip", safety_dir=tmp_path)
    assert contacts.create(target, full_name="Someone new") == 81


def test_the_safety_backup_holds_what_was_there_before(db: Database, demo_db: Database, tmp_path: Path) -> None:
    contacts.create(db, full_name="My only contact")
    backup.write(demo_db, tmp_path / "demo.zip")
    safety = backup.restore(db, tmp_path / "demo.zip", safety_dir=tmp_path / "safety").safety
    undo = Database(tmp_path / "undo.duckdb")
    backup.restore(undo, safety, safety_dir=tmp_path / "safety")
    assert list(contacts.search(undo)["name"]) == ["My only contact"]


def _tamper(source: Path, target: Path, change) -> None:
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w") as copy:
        for item in original.infolist():
            copy.writestr(item, change(item.filename, original.read(item.filename)))


@pytest.mark.parametrize(("damage", "says"), [
    (lambda name, data: data[:-40] + b"x" * 40 if name == "contact.parquet" else data, "does not match its checksum"),
    (lambda name, data: json.dumps({**json.loads(data), "migrations": ["0001_initial", "0099_future"]}).encode()
     if name == "manifest.json" else data, "newer Rapport"),
    (lambda name, data: json.dumps({**json.loads(data), "format": "something-else"}).encode()
     if name == "manifest.json" else data, "not a Rapport backup"),
])
def test_a_damaged_or_foreign_backup_is_refused_and_nothing_changes(db: Database, demo_db: Database,
                                                                      tmp_path: Path, damage, says) -> None:
    contacts.create(db, full_name="Keep me")
    backup.write(demo_db, tmp_path / "good.zip")
    _tamper(tmp_path / "good.zip", tmp_path / "bad.zip", damage)
    with pytest.raises(backup.BackupInvalid, match=says):
        backup.restore(db, tmp_path / "bad.zip", safety_dir=tmp_path / "safety")
    assert list(contacts.search(db)["name"]) == ["Keep me"]


def test_a_file_that_is_not_a_zip_says_so(db: Database, tmp_path: Path) -> None:
    (tmp_path / "notes.zip").write_text("just text")
    with pytest.raises(backup.BackupInvalid, match="not a Rapport backup"):
        backup.restore(db, tmp_path / "notes.zip")


def test_migrating_a_database_that_holds_data_backs_it_up_first(tmp_path: Path) -> None:
    db = Database(tmp_path / "old.duckdb")
    db.migrate(upto="0001_initial")
    db.execute("INSERT INTO organisation (name, created_at, updated_at) VALUES ('Acme', now(), now())")
    assert not (tmp_path / "backups").exists()
    applied = db.migrate()
    saved = list((tmp_path / "backups").glob("before-0002_interviews-*.zip"))
    assert applied[0] == "0002_interviews" and len(saved) == 1
    assert backup.read_manifest(saved[0])["tables"]["organisation"]["rows"] == 1


def test_a_newcomers_empty_database_is_not_backed_up(tmp_path: Path) -> None:
    Database(tmp_path / "new.duckdb").migrate()
    assert not (tmp_path / "backups").exists()


def test_a_copy_of_a_backup_restores_into_a_file_that_does_not_exist_yet(demo_file: Path, tmp_path: Path) -> None:
    shutil.copy(demo_file, tmp_path / "demo.duckdb")
    backup.write(Database(tmp_path / "demo.duckdb"), tmp_path / "b.zip")
    fresh = Database(tmp_path / "brand-new.duckdb")
    backup.restore(fresh, tmp_path / "b.zip", safety_dir=tmp_path / "s")
    assert contacts.count(fresh) == 80
