"""Every setting from the environment and the secrets file, read here and nowhere else, so every entry
point (the app, the command line, cron) agrees on them. The README's Configuration table lists them all.

Secrets (API keys, app passwords, channel URLs) come only from the environment or
`.streamlit/secrets.toml` (or the file `RAPPORT_SECRETS` / `--secrets` names): never from the database.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = PROJECT_ROOT / "data" / "rapport.duckdb"
DEFAULT_DEMO_DB = PROJECT_ROOT / "data" / "demo.duckdb"
DEFAULT_SECRETS = PROJECT_ROOT / ".streamlit" / "secrets.toml"
DEFAULT_MODEL = "gpt-4o-mini"
DEFAULT_MAX_IMPORT_MB = 50
DEFAULT_MAX_BACKUP_MB = 2048
DEFAULT_TRANSCRIBE_MODEL = "whisper-1"
DEFAULT_MAX_AUDIO_MB = 25  # OpenAI's and Groq's free tier's limit for /v1/audio/transcriptions


def database_path() -> str:
    """The user's own database: `RAPPORT_DB`, else data/rapport.duckdb beside the app."""
    return os.environ.get("RAPPORT_DB") or str(DEFAULT_DB)


def demo_database_path() -> str:
    """The demo database, kept in its own file so demo data never enters the user's."""
    return os.environ.get("RAPPORT_DEMO_DB") or str(DEFAULT_DEMO_DB)


def busy_timeout() -> float:
    """Seconds to wait for another process to release the file (`RAPPORT_DB_BUSY_TIMEOUT`)."""
    raw = os.environ.get("RAPPORT_DB_BUSY_TIMEOUT", "")
    try:
        return max(0.0, float(raw)) if raw else 5.0
    except ValueError:
        return 5.0


def megabytes(variable: str, default_mb: float) -> int:
    """Bytes from an environment variable given in MB; an unreadable value keeps the default."""
    raw = os.environ.get(variable, "")
    try:
        return int(float(raw) * 1024 * 1024) if raw else int(default_mb * 1024 * 1024)
    except ValueError:
        return int(default_mb * 1024 * 1024)


def max_import_bytes() -> int:
    """Bytes an import may have (`RAPPORT_MAX_IMPORT_MB`, default 50): a network, not a data dump."""
    return megabytes("RAPPORT_MAX_IMPORT_MB", DEFAULT_MAX_IMPORT_MB)


def max_backup_bytes() -> int:
    """Bytes a backup may hold once unpacked (`RAPPORT_MAX_BACKUP_MB`, default 2048): stops zip bombs."""
    return megabytes("RAPPORT_MAX_BACKUP_MB", DEFAULT_MAX_BACKUP_MB)


def secrets_file(path: str | Path | None = None) -> Path:
    """The secrets file: `path` (a command's --secrets), else `RAPPORT_SECRETS`, else .streamlit/secrets.toml."""
    return Path(path or os.environ.get("RAPPORT_SECRETS") or DEFAULT_SECRETS)


def secrets(path: str | Path | None = None) -> dict[str, Any]:
    """The whole secrets file as TOML, or nothing when it is missing or unreadable."""
    try:
        with secrets_file(path).open("rb") as handle:
            return tomllib.load(handle)
    except (FileNotFoundError, IsADirectoryError, tomllib.TOMLDecodeError):
        return {}


def secret_section(name: str, path: str | Path | None = None) -> dict[str, Any]:
    """One [section] of the secrets file ([reminders], [sync.mail]…); dots name nested tables."""
    found: Any = secrets(path)
    for part in name.split("."):
        found = found.get(part, {}) if isinstance(found, dict) else {}
    return found if isinstance(found, dict) else {}


def _plain(value: Any) -> str | None:
    return str(value) if isinstance(value, str | int | float) and str(value) else None


def openai_key(path: str | Path | None = None) -> tuple[str | None, str]:
    """The API key and where it came from: `OPENAI_API_KEY`, else the secrets file."""
    if os.environ.get("OPENAI_API_KEY"):
        return os.environ["OPENAI_API_KEY"], "OPENAI_API_KEY"
    found = _plain(secrets(path).get("OPENAI_API_KEY"))
    return (found, ".streamlit/secrets.toml") if found else (None, "none")


def openai_base_url(path: str | Path | None = None) -> str | None:
    """The OpenAI-compatible server's /v1 address: `OPENAI_BASE_URL`, else the secrets file."""
    return os.environ.get("OPENAI_BASE_URL") or _plain(secrets(path).get("OPENAI_BASE_URL"))


def model(path: str | Path | None = None) -> str:
    """The model to draft with: `RAPPORT_LLM_MODEL`, else the secrets file, else gpt-4o-mini."""
    return os.environ.get("RAPPORT_LLM_MODEL") or _plain(secrets(path).get("RAPPORT_LLM_MODEL")) or DEFAULT_MODEL


def transcribe_model(path: str | Path | None = None) -> str:
    """The model that turns voice memos into text: `RAPPORT_TRANSCRIBE_MODEL`, else the secrets file, else
    whisper-1 (whisper.cpp's and faster-whisper's servers take any name; Groq wants whisper-large-v3)."""
    return (os.environ.get("RAPPORT_TRANSCRIBE_MODEL") or _plain(secrets(path).get("RAPPORT_TRANSCRIBE_MODEL"))
            or DEFAULT_TRANSCRIBE_MODEL)


def max_audio_bytes() -> int:
    """Bytes a voice memo may have (`RAPPORT_MAX_AUDIO_MB`, default 25, the server's usual limit): said before
    sending, not after an upload the server refuses."""
    return megabytes("RAPPORT_MAX_AUDIO_MB", DEFAULT_MAX_AUDIO_MB)


def chromium() -> str | None:
    """The browser the browser tests and the benchmark drive (`RAPPORT_CHROMIUM`), if one is named."""
    return os.environ.get("RAPPORT_CHROMIUM") or None


def app_url() -> str:
    """Where the app is, for links in reminders: `RAPPORT_URL`, else .streamlit/config.toml's server address
    and port (http://localhost:8501)."""
    if os.environ.get("RAPPORT_URL"):
        return os.environ["RAPPORT_URL"].rstrip("/")
    try:
        with (PROJECT_ROOT / ".streamlit" / "config.toml").open("rb") as handle:
            settings = tomllib.load(handle)
    except (FileNotFoundError, tomllib.TOMLDecodeError):
        settings = {}
    host = settings.get("browser", {}).get("serverAddress") or "localhost"
    port = settings.get("browser", {}).get("serverPort") or settings.get("server", {}).get("port") or 8501
    return f"http://{host}:{port}"


def sync_mail(path: str | Path | None = None) -> dict[str, Any]:
    """The mailbox to sync ([sync.mail]: host, port, username, password, security, since_days), or {}."""
    return secret_section("sync.mail", path)


def sync_calendar(path: str | Path | None = None) -> dict[str, Any]:
    """The calendar to sync ([sync.calendar]: url, username, password, calendars; or ics_url), or {}."""
    return secret_section("sync.calendar", path)


def sign_in_pause() -> float:
    """Seconds an address waits after five wrong passwords (`RAPPORT_SIGN_IN_PAUSE`, default 30), doubling
    with each further wrong try."""
    raw = os.environ.get("RAPPORT_SIGN_IN_PAUSE", "")
    try:
        return max(1.0, float(raw)) if raw else 30.0
    except ValueError:
        return 30.0
