"""lib/io/backup.py: backups are whole, restores are exact, and a bad file changes nothing."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from lib import contacts, storage
from lib.db import Database, available_migrations
from lib.io import backup
from tests.conftest import table_contents


def test_backup_restore_backup_gives_identical_tables(demo_db: Database, tmp_path: Path) -> None:
    first = tmp_path / "first.zip"
    manifest = backup.write(demo_db, first)
    assert manifest["migrations"] == available_migrations()
    assert manifest["tables"]["contact"]["rows"] == 80
    original = table_contents(demo_db)

    target = Database(tmp_path / "target.duckdb")
    target.migrate()
    contacts.create(target, full_name="Replaced by the restore")
    safety = backup.restore(target, first, safety_dir=tmp_path / "safety").safety
    assert table_contents(target) == original
    assert safety.exists()

    second = tmp_path / "second.zip"
    backup.write(target, second)
    check = Database(tmp_path / "check.duckdb")
    backup.restore(check, second, safety_dir=tmp_path / "safety")
    assert table_contents(check) == original


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
    applied = storage.open_database(db.path).applied_migrations()[1:]  # how the app and the CLI open it
    saved = list((tmp_path / "backups").glob("before-0002_interviews-*.zip"))
    assert applied[0] == "0002_interviews" and len(saved) == 1
    assert backup.read_manifest(saved[0])["tables"]["organisation"]["rows"] == 1


def test_a_newcomers_empty_database_is_not_backed_up(tmp_path: Path) -> None:
    storage.open_database(tmp_path / "new.duckdb")
    assert not (tmp_path / "backups").exists()


def test_a_copy_of_a_backup_restores_into_a_file_that_does_not_exist_yet(demo_file: Path, tmp_path: Path) -> None:
    shutil.copy(demo_file, tmp_path / "demo.duckdb")
    backup.write(Database(tmp_path / "demo.duckdb"), tmp_path / "b.zip")
    fresh = Database(tmp_path / "brand-new.duckdb")
    backup.restore(fresh, tmp_path / "b.zip", safety_dir=tmp_path / "s")
    assert contacts.count(fresh) == 80


# -- a backup from someone else (issue: a crafted backup ran SQL) -----------------------------------

def _craft(target: Path, manifest: dict, members: dict[str, bytes]) -> Path:
    """A zip written by hand, as an attacker would, with checksums that match what it holds."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps(manifest))
        for name, data in members.items():
            archive.writestr(name, data)
    return target


def _parquet(db: Database, sql: str, path: Path) -> bytes:
    with db.connect() as con:
        con.execute(f"COPY ({sql}) TO '{path}' (FORMAT PARQUET)")
    return path.read_bytes()


def _manifest(tables: dict[str, bytes], migrations: list[str] | None = None) -> dict:
    return {"format": backup.FORMAT, "created_at": "2026-01-01T00:00:00",
            "migrations": available_migrations() if migrations is None else migrations,
            "tables": {t: {"rows": 1, "sha256": hashlib.sha256(data).hexdigest()} for t, data in tables.items()}}


def test_a_manifest_table_name_carrying_sql_is_refused_and_runs_nothing(db: Database, tmp_path: Path) -> None:
    contacts.create(db, full_name="Keep me")
    owned = tmp_path / "owned.csv"
    name = f"setting (key) SELECT 'x' WHERE false; COPY (SELECT 'owned' AS a) TO '{owned}'; --"
    data = _parquet(db, "SELECT 'k' AS key, 'v' AS value, now()::TIMESTAMP AS updated_at", tmp_path / "s.parquet")
    crafted = _craft(tmp_path / "crafted.zip", _manifest({name: data}), {f"{name}.parquet": data})
    with pytest.raises(backup.BackupInvalid, match="names a table Rapport does not have") as refused:
        backup.restore(db, crafted, safety_dir=tmp_path / "safety")
    assert not owned.exists()
    assert "\n" not in str(refused.value)
    assert list(contacts.search(db)["name"]) == ["Keep me"]


def test_a_table_outside_the_schema_is_refused_even_with_a_plain_name(db: Database, tmp_path: Path) -> None:
    data = _parquet(db, "SELECT 1 AS a", tmp_path / "x.parquet")
    crafted = _craft(tmp_path / "c.zip", _manifest({"duckdb_settings": data}), {"duckdb_settings.parquet": data})
    with pytest.raises(backup.BackupInvalid, match="names a table Rapport does not have"):
        backup.restore(db, crafted, safety_dir=tmp_path / "safety")


def test_a_restored_backup_does_not_choose_where_the_api_key_goes(demo_db: Database, db: Database,
                                                                  tmp_path: Path, monkeypatch) -> None:
    from lib.drafting import settings

    settings.save_overrides(demo_db, "http://collector.invalid/v1", "their-model", send_key=True)
    backup.write(demo_db, tmp_path / "from-someone.zip")
    restored = backup.restore(db, tmp_path / "from-someone.zip", safety_dir=tmp_path / "safety")
    assert restored.dropped_settings == ["llm_base_url", "llm_key_confirmed_for", "llm_model"]
    monkeypatch.setenv("OPENAI_API_KEY", "sk-mine-0123456789")
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    assert settings.overrides(db) == {}
    assert settings.read(db).endpoint == "https://api.openai.com/v1"


def _bomb(tmp_path: Path, db: Database, size: int) -> Path:
    """A backup whose contact table unpacks to `size` bytes of zeros (a few KB in the zip)."""
    target = tmp_path / "bomb.zip"
    zeros = b"\0" * size
    manifest = _manifest({"contact": zeros})
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps(manifest))
        archive.writestr("contact.parquet", zeros)
    return target


def test_a_zip_bomb_is_refused_before_anything_is_unpacked(db: Database, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("RAPPORT_MAX_BACKUP_MB", "8")
    bomb = _bomb(tmp_path, db, 64 * 1024 * 1024)
    assert bomb.stat().st_size < 1024 * 1024
    with pytest.raises(backup.BackupInvalid, match="would unpack to 64 MB, more than the 8 MB allowed"):
        backup.restore(db, bomb, safety_dir=tmp_path / "safety")
    assert not list(tmp_path.glob(".rapport-restore-*"))


@pytest.mark.parametrize(("member", "says"), [
    ("../../evil.txt", "unsafe name"),
    ("/etc/evil.txt", "unsafe name"),
    ("extra.txt", "files its manifest does not list ('extra.txt')"),
    ("C:\\evil.txt", "unsafe name"),
])
def test_a_backup_holding_anything_its_manifest_does_not_list_is_refused(demo_db: Database, db: Database,
                                                                         tmp_path: Path, member, says) -> None:
    contacts.create(db, full_name="Keep me")
    backup.write(demo_db, tmp_path / "good.zip")
    with zipfile.ZipFile(tmp_path / "good.zip") as good, zipfile.ZipFile(tmp_path / "bad.zip", "w") as bad:
        for item in good.infolist():
            bad.writestr(item, good.read(item.filename))
        bad.writestr(member, b"owned")
    with pytest.raises(backup.BackupInvalid, match=re.escape(says)):
        backup.restore(db, tmp_path / "bad.zip", safety_dir=tmp_path / "safety")
    assert list(contacts.search(db)["name"]) == ["Keep me"]
    assert not (tmp_path.parent / "evil.txt").exists()


def _crafted_cases(tmp_path: Path, db: Database) -> dict[str, tuple[Path, str]]:
    """Each way a hand-made backup went wrong in the probe, with the sentence that refuses it."""
    good = _parquet(db, "SELECT 'k' AS key, 'v' AS value, now()::TIMESTAMP AS updated_at", tmp_path / "g.parquet")
    wrong = _parquet(db, "SELECT 'x' AS nonsense", tmp_path / "w.parquet")
    text = b"this is not parquet at all"
    cases = {
        "no manifest": (_craft_raw(tmp_path / "a.zip", {"setting.parquet": good}), "has no manifest.json"),
        "manifest not json": (_craft_raw(tmp_path / "b.zip", {"manifest.json": b"{nope"}), "not readable JSON"),
        "manifest a list": (_craft_raw(tmp_path / "c.zip", {"manifest.json": b"[1, 2]"}), "not a Rapport backup"),
        "no tables key": (_craft_raw(tmp_path / "d.zip", {"manifest.json": json.dumps(
            {"format": backup.FORMAT, "migrations": []}).encode()}), "lists no tables"),
        "rows not a number": (_craft(tmp_path / "e.zip", {**_manifest({"setting": good}), "tables": {
            "setting": {"rows": "many", "sha256": hashlib.sha256(good).hexdigest()}}},
            {"setting.parquet": good}), "no row count or checksum for setting"),
        "member missing": (_craft(tmp_path / "f.zip", _manifest({"setting": good}), {}), "incomplete"),
        "wrong columns": (_craft(tmp_path / "g.zip", _manifest({"setting": wrong}), {"setting.parquet": wrong}),
                          "the setting table in it does not fit Rapport's schema"),
        "not parquet": (_craft(tmp_path / "h.zip", _manifest({"setting": text}), {"setting.parquet": text}),
                        "the setting table in it does not fit Rapport's schema"),
        "row count differs": (_craft(tmp_path / "i.zip", {**_manifest({"setting": good}), "tables": {
            "setting": {"rows": 5, "sha256": hashlib.sha256(good).hexdigest()}}}, {"setting.parquet": good}),
            "says setting has 5 rows, but 1 were read"),
        "migrations out of order": (_craft(tmp_path / "j.zip", _manifest({"setting": good}, list(reversed(
            available_migrations()))), {"setting.parquet": good}), "out of order"),
        "migrations not a list": (_craft(tmp_path / "k.zip", {**_manifest({"setting": good}), "migrations": "all"},
                                         {"setting.parquet": good}), "does not say which schema"),
    }
    return cases


def _craft_raw(target: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(target, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return target


CRAFTED = ["no manifest", "manifest not json", "manifest a list", "no tables key", "rows not a number",
           "member missing", "wrong columns", "not parquet", "row count differs", "migrations out of order",
           "migrations not a list"]


@pytest.mark.parametrize("case", CRAFTED)
def test_every_crafted_backup_is_refused_in_one_plain_sentence(db: Database, tmp_path: Path, case: str) -> None:
    contacts.create(db, full_name="Keep me")
    path, says = _crafted_cases(tmp_path, db)[case]
    with pytest.raises(backup.BackupInvalid) as refused:
        backup.restore(db, path, safety_dir=tmp_path / "safety")
    message = str(refused.value)
    assert says in message
    assert "\n" not in message and message.endswith(".") and "Exception" not in message and "Error" not in message
    assert list(contacts.search(db)["name"]) == ["Keep me"]
    assert not list(tmp_path.glob(".rapport-restore-*"))


def test_the_cli_refuses_a_crafted_backup_with_one_line_and_no_traceback(db: Database, tmp_path: Path, capsys) -> None:
    from lib import cli

    path, says = _crafted_cases(tmp_path, db)["wrong columns"]
    assert cli.main(["restore", str(path), "--db", db.path]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and says in err and "Traceback" not in err


def test_what_a_killed_restore_or_backup_left_is_cleaned_at_the_next_start(db: Database, tmp_path: Path) -> None:
    dead = 2**22 + 12345  # above the kernel's default pid_max, so no process has it
    left_dir = tmp_path / f".rapport-restore-{dead}-abc"
    left_dir.mkdir()
    (left_dir / "member-0.parquet").write_bytes(b"half")
    (tmp_path / "backups").mkdir()
    left_zip = tmp_path / "backups" / f"before-restore-x.zip.{dead}.partial"
    left_zip.write_bytes(b"half")
    busy = tmp_path / f".rapport-restore-{os.getpid()}-live"
    busy.mkdir()
    removed = backup.clean_leftovers(db.path)
    assert sorted(removed) == sorted([left_dir, left_zip])
    assert not left_dir.exists() and not left_zip.exists() and busy.exists()


def test_a_restore_killed_half_way_changes_nothing_and_leaves_nothing(demo_file: Path, db: Database,
                                                                      tmp_path: Path) -> None:
    import subprocess
    import sys

    contacts.create(db, full_name="Keep me")
    backup.write(Database(demo_file), tmp_path / "demo.zip")
    marker = tmp_path / "loading"
    # The child stops itself (SIGKILL) once the fresh file is being filled: after members were copied.
    script = (
        "import os, signal, sys\n"
        "from lib.io import backup\n"
        "from lib.db import Database\n"
        "real = backup._load\n"
        "def load(*a, **k):\n"
        f"    open({str(marker)!r}, 'w').close()\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
        "backup._load = load\n"
        f"backup.restore(Database({db.path!r}), {str(tmp_path / 'demo.zip')!r})\n")
    child = subprocess.run([sys.executable, "-c", script], cwd=Path(__file__).parent.parent, timeout=120)
    assert child.returncode == -9 and marker.exists()
    assert list(tmp_path.glob(".rapport-restore-*"))  # left behind by the killed process
    from lib import cli

    assert cli.main(["contacts", "--db", db.path, "--json"]) == 0
    assert not list(tmp_path.glob(".rapport-restore-*"))
    assert list(contacts.search(db)["name"]) == ["Keep me"]


def test_a_backup_whose_rows_do_not_fit_together_is_refused_and_nothing_changes(db: Database, tmp_path: Path) -> None:
    source = Database(tmp_path / "source.duckdb")
    source.migrate()
    contacts.create(source, full_name="Ana Okafor")
    source.execute("INSERT INTO mail_message (message_id, contact_id, interaction_id, import_batch_id) "
                   "VALUES ('<x@y>', 424242, 1, 1)")  # the mail of a contact the backup does not hold
    backup.write(source, tmp_path / "broken.zip")
    contacts.create(db, full_name="Keep me")
    with pytest.raises(backup.BackupInvalid, match=r"its rows do not fit together \(1 mail_message row"):
        backup.restore(db, tmp_path / "broken.zip", safety_dir=tmp_path / "safety")
    assert list(contacts.search(db)["name"]) == ["Keep me"]
