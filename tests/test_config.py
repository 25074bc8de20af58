"""lib/config.py: where the databases live, from the environment."""

from pathlib import Path

import pytest

from lib import config


def test_the_default_database_lives_in_data_beside_the_app(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RAPPORT_DB", raising=False)
    assert Path(config.database_path()) == config.PROJECT_ROOT / "data" / "rapport.duckdb"


def test_rapport_db_and_the_demo_path_can_be_overridden(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RAPPORT_DB", "/somewhere/mine.duckdb")
    monkeypatch.setenv("RAPPORT_DEMO_DB", "/somewhere/demo.duckdb")
    assert config.database_path() == "/somewhere/mine.duckdb"
    assert config.demo_database_path() == "/somewhere/demo.duckdb"


@pytest.mark.parametrize(("raw", "seconds"), [("", 5.0), ("12", 12.0), ("-3", 0.0), ("soon", 5.0)])
def test_the_busy_timeout_is_read_forgivingly(monkeypatch: pytest.MonkeyPatch, raw: str, seconds: float) -> None:
    monkeypatch.setenv("RAPPORT_DB_BUSY_TIMEOUT", raw)
    assert config.busy_timeout() == seconds


def test_the_data_folder_ships_with_a_readme_and_the_default_database_goes_there() -> None:
    from lib import config
    from tests.conftest import ROOT

    readme = ROOT / "data" / "README.md"
    assert readme.exists() and "RAPPORT_DB" in readme.read_text()
    assert config.DEFAULT_DB.parent == readme.parent
