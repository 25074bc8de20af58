"""Settings from the environment, in one place, so every entry point agrees on them."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = PROJECT_ROOT / "data" / "rapport.duckdb"
DEFAULT_DEMO_DB = PROJECT_ROOT / "data" / "demo.duckdb"


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
