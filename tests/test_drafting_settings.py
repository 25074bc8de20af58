"""lib/drafting/settings.py: where the model settings come from, and that the key is never stored."""

import pytest

from lib.db import Database
from lib.drafting import settings


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "RAPPORT_LLM_MODEL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("RAPPORT_SECRETS", str(tmp_path / "secrets.toml"))  # read through lib/config.py


def test_nothing_set_means_the_offline_drafter(db: Database) -> None:
    current = settings.read(db)
    assert not current.configured and current.key_source == "none" and current.model == "gpt-4o-mini"


def test_the_environment_then_the_secrets_file_supply_key_url_and_model(db: Database, monkeypatch, tmp_path) -> None:
    (tmp_path / "secrets.toml").write_text('OPENAI_API_KEY = "sk-from-secrets-0000"\nRAPPORT_LLM_MODEL = "llama3.1"\n')
    from_secrets = settings.read(db)
    assert (from_secrets.api_key, from_secrets.key_source, from_secrets.model) == (
        "sk-from-secrets-0000", ".streamlit/secrets.toml", "llama3.1")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-from-env-1111")
    monkeypatch.setenv("OPENAI_BASE_URL", "http://localhost:11434/v1")
    from_env = settings.read(db)
    assert (from_env.api_key, from_env.key_source, from_env.base_url) == (
        "sk-from-env-1111", "OPENAI_API_KEY", "http://localhost:11434/v1")
    assert settings.read(db, session_key="sk-session-2222").key_source == "this session"


def test_settings_overrides_win_and_the_key_never_reaches_the_database(db: Database, monkeypatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-secret-value-9999")
    monkeypatch.setenv("OPENAI_BASE_URL", "https://example.invalid/v1")
    settings.save_overrides(db, "http://localhost:11434/v1", "llama3.1")
    current = settings.read(db)
    assert (current.base_url, current.model) == ("http://localhost:11434/v1", "llama3.1")
    stored = str(db.rows("SELECT * FROM setting")) + str(db.rows("SELECT * FROM llm_call"))
    assert "sk-secret" not in stored
    settings.save_overrides(db, "", "")
    assert settings.read(db).base_url == "https://example.invalid/v1"


def test_a_local_server_needs_only_a_base_url(db: Database, monkeypatch) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", "http://localhost:11434/v1")
    assert settings.read(db).configured


def test_keys_are_shown_masked() -> None:
    assert settings.masked("sk-proj-abcdefghijklmnop1234") == "sk-…1234"
    assert settings.masked(None) == "not set"


def _authorization(fake) -> list[str]:
    return [r["headers"].get("authorization", "") for r in fake.requests]


def test_a_base_url_from_the_database_gets_no_environment_key_until_the_user_confirms(db: Database, monkeypatch,
                                                                                     fake_llm) -> None:
    from lib.drafting.provider import OpenAIProvider

    monkeypatch.setenv("OPENAI_API_KEY", "sk-mine-unique-4242")
    # As a database from somewhere else would hold it: a base URL the environment never named.
    settings.save_overrides(db, fake_llm.url, "fake-model")
    current = settings.read(db)
    assert current.key_withheld and current.api_key is None and current.base_url == fake_llm.url
    OpenAIProvider(current, retries=0).test_connection()
    assert not any("sk-mine-unique-4242" in a for a in _authorization(fake_llm))

    settings.save_overrides(db, fake_llm.url, "fake-model", send_key=True)  # the tick in Settings
    confirmed = settings.read(db)
    assert not confirmed.key_withheld and confirmed.api_key == "sk-mine-unique-4242"
    OpenAIProvider(confirmed, retries=0).test_connection()
    assert _authorization(fake_llm)[-1] == "Bearer sk-mine-unique-4242"


def test_the_environments_own_base_url_needs_no_confirmation(db: Database, monkeypatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-mine-unique-4242")
    monkeypatch.setenv("OPENAI_BASE_URL", "http://localhost:11434/v1/")
    settings.save_overrides(db, "http://LOCALHOST:11434/v1", "llama3.1")
    assert settings.read(db).api_key == "sk-mine-unique-4242"


def test_a_key_typed_for_this_session_is_always_sent(db: Database, monkeypatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-mine-unique-4242")
    settings.save_overrides(db, "http://elsewhere.invalid/v1", "m")
    typed = settings.read(db, session_key="sk-typed-7777")
    assert typed.api_key == "sk-typed-7777" and not typed.key_withheld
