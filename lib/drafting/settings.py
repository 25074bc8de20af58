"""Where the model lives and which one to use: environment, secrets file, or Settings overrides.

The API key comes only from OPENAI_API_KEY, .streamlit/secrets.toml, or a field that lasts for one
browser session. It is never written to the database, logs, exports or backups.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass

from lib import clock, config
from lib.db import Database

DEFAULT_MODEL = "gpt-4o-mini"
SECRETS = config.PROJECT_ROOT / ".streamlit" / "secrets.toml"


@dataclass(frozen=True)
class ModelSettings:
    """The endpoint to call; `key_source` says where the key came from, for the Settings page."""

    api_key: str | None
    base_url: str | None
    model: str
    key_source: str

    @property
    def configured(self) -> bool:
        """A key, or a base URL (local servers such as Ollama need no key)."""
        return bool(self.api_key or self.base_url)

    @property
    def endpoint(self) -> str:
        return self.base_url or "https://api.openai.com/v1"


def _secrets() -> dict[str, str]:
    try:
        with SECRETS.open("rb") as handle:
            return {k: str(v) for k, v in tomllib.load(handle).items() if isinstance(v, str | int | float)}
    except (FileNotFoundError, tomllib.TOMLDecodeError):
        return {}


def overrides(db: Database) -> dict[str, str]:
    """Base URL and model chosen in Settings, which win over the environment."""
    return {r["key"]: r["value"] for r in db.rows(
        "SELECT key, value FROM setting WHERE key IN ('llm_base_url', 'llm_model') AND value <> ''")}


def save_overrides(db: Database, base_url: str, model: str) -> None:
    """Remember a base URL and model for this database (blank clears the override)."""
    with db.transaction() as con:
        for key, value in (("llm_base_url", base_url.strip()), ("llm_model", model.strip())):
            con.execute("INSERT INTO setting VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET "
                        "value = excluded.value, updated_at = excluded.updated_at",
                        [key, value, clock.utcnow()])


def read(db: Database, session_key: str | None = None) -> ModelSettings:
    """The settings in force: Settings overrides, then the environment, then the secrets file."""
    secrets = _secrets()
    chosen = overrides(db)
    if session_key:
        key, source = session_key, "this session"
    elif os.environ.get("OPENAI_API_KEY"):
        key, source = os.environ["OPENAI_API_KEY"], "OPENAI_API_KEY"
    elif secrets.get("OPENAI_API_KEY"):
        key, source = secrets["OPENAI_API_KEY"], ".streamlit/secrets.toml"
    else:
        key, source = None, "none"
    base_url = (chosen.get("llm_base_url") or os.environ.get("OPENAI_BASE_URL")
                or secrets.get("OPENAI_BASE_URL"))
    model = (chosen.get("llm_model") or os.environ.get("RAPPORT_LLM_MODEL")
             or secrets.get("RAPPORT_LLM_MODEL") or DEFAULT_MODEL)
    return ModelSettings(key, base_url or None, model, source)


def masked(key: str | None) -> str:
    """A key as Settings shows it: enough to recognise, never enough to use."""
    if not key:
        return "not set"
    return f"{key[:3]}…{key[-4:]}" if len(key) > 10 else "…" + key[-2:]
