"""The log of every model call: provider, model, purpose, tokens, latency and outcome - never the key."""

from __future__ import annotations

from typing import Any

import pandas as pd

from lib import clock
from lib.db import Database


def record(db: Database, provider: str, model: str, purpose: str, latency_ms: int, outcome: str,
           tokens_in: int | None = None, tokens_out: int | None = None, detail: str = "",
           output: str = "") -> None:
    """Log one call; `output` says whether the answer came structured or through the plain-text fallback."""
    db.execute(
        "INSERT INTO llm_call (called_at, provider, model, purpose, tokens_in, tokens_out, latency_ms,"
        " outcome, detail, output) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [clock.utcnow(), provider, model, purpose, tokens_in, tokens_out, latency_ms, outcome, detail[:500],
         output])


def recent(db: Database, limit: int = 50) -> pd.DataFrame:
    """The latest calls, newest first, for Settings."""
    return db.frame("SELECT called_at, provider, model, purpose, tokens_in, tokens_out, latency_ms, outcome,"
                    " output, detail FROM llm_call ORDER BY id DESC LIMIT ?", [limit])


def last(db: Database) -> dict[str, Any] | None:
    """The newest call."""
    return db.row("SELECT * FROM llm_call ORDER BY id DESC LIMIT 1")
