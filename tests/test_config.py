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


def test_secrets_come_from_the_file_rapport_secrets_names_with_nested_sections(tmp_path, monkeypatch) -> None:
    secrets = tmp_path / "secrets.toml"
    secrets.write_text('OPENAI_API_KEY = "sk-canary-1234"\n[reminders]\nurls = ["ntfy://x"]\n'
                       '[sync.mail]\nhost = "imap.example.org"\n')
    monkeypatch.setenv("RAPPORT_SECRETS", str(secrets))
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    assert config.openai_key() == ("sk-canary-1234", ".streamlit/secrets.toml")
    assert config.secret_section("reminders") == {"urls": ["ntfy://x"]}
    assert config.secret_section("sync.mail")["host"] == "imap.example.org"
    assert config.secret_section("sync.calendar") == {}
    monkeypatch.setenv("OPENAI_API_KEY", "sk-env")
    assert config.openai_key() == ("sk-env", "OPENAI_API_KEY")  # the environment wins


def test_a_missing_or_broken_secrets_file_is_no_secrets(tmp_path) -> None:
    (tmp_path / "broken.toml").write_text('KEY = "unterminated\n')
    assert config.secrets(tmp_path / "broken.toml") == {} and config.secrets(tmp_path / "none.toml") == {}


def test_sizes_in_megabytes_keep_their_default_when_unreadable(monkeypatch) -> None:
    monkeypatch.setenv("RAPPORT_MAX_IMPORT_MB", "lots")
    assert config.max_import_bytes() == 50 * 2**20
    monkeypatch.setenv("RAPPORT_MAX_IMPORT_MB", "1.5")
    assert config.max_import_bytes() == int(1.5 * 2**20)
