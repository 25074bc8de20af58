"""Where the model lives and which one to use: environment, secrets file, or Settings overrides.

The API key comes only from OPENAI_API_KEY, .streamlit/secrets.toml, or a field that lasts for one
browser session. It is never written to the database, logs, exports or backups.

A base URL saved in the database can differ from the one the environment names. The environment's
key is sent there only after the user confirmed it for that very URL in Settings; otherwise the
request goes without it (`key_withheld`), so a database from somewhere else cannot redirect the key.
"""

from __future__ import annotations

from dataclasses import dataclass

from lib import clock, config
from lib.db import Database

DEFAULT_MODEL = config.DEFAULT_MODEL


@dataclass(frozen=True)
class ModelSettings:
    """The endpoint to call; `key_source` says where the key came from, for the Settings page."""

    api_key: str | None
    base_url: str | None
    model: str
    key_source: str
    key_withheld: bool = False

    @property
    def configured(self) -> bool:
        """A key, or a base URL (local servers such as Ollama need no key)."""
        return bool(self.api_key or self.base_url)

    @property
    def endpoint(self) -> str:
        return self.base_url or "https://api.openai.com/v1"


def overrides(db: Database) -> dict[str, str]:
    """Base URL and model chosen in Settings, which win over the environment."""
    return {r["key"]: r["value"] for r in db.rows(
        "SELECT key, value FROM setting WHERE key IN ('llm_base_url', 'llm_model', 'llm_key_confirmed_for') "
        "AND value <> ''")}


def save_overrides(db: Database, base_url: str, model: str, send_key: bool = False) -> None:
    """Remember a base URL and model for this database (blank clears the override).

    `send_key` is the user's yes to sending the environment's key to that base URL.
    """
    confirmed = base_url.strip() if send_key else ""
    with db.transaction() as con:
        for key, value in (("llm_base_url", base_url.strip()), ("llm_model", model.strip()),
                           ("llm_key_confirmed_for", confirmed)):
            con.execute("INSERT INTO setting VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET "
                        "value = excluded.value, updated_at = excluded.updated_at",
                        [key, value, clock.utcnow()])


def read(db: Database, session_key: str | None = None) -> ModelSettings:
    """The settings in force: Settings overrides, then the environment, then the secrets file."""
    chosen = overrides(db)
    key, source = (session_key, "this session") if session_key else config.openai_key()
    configured_url = config.openai_base_url()
    base_url = chosen.get("llm_base_url") or configured_url
    model = chosen.get("llm_model") or config.model()
    withheld = bool(key and not session_key and chosen.get("llm_base_url")
                    and not _same_url(chosen["llm_base_url"], configured_url)
                    and not _same_url(chosen.get("llm_key_confirmed_for"), chosen["llm_base_url"]))
    if withheld:
        key = None
    return ModelSettings(key, base_url or None, model, source, withheld)


def _same_url(a: str | None, b: str | None) -> bool:
    """Two base URLs that point at the same place (trailing slashes and case of the host aside)."""
    def norm(url: str | None) -> str:
        return (url or "").strip().rstrip("/").lower()
    return bool(a) and norm(a) == norm(b)


def masked(key: str | None) -> str:
    """A key as Settings shows it: enough to recognise, never enough to use."""
    if not key:
        return "not set"
    return f"{key[:3]}…{key[-4:]}" if len(key) > 10 else "…" + key[-2:]
