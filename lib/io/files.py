"""What every reader of a user's file shares: how large a file may be, and the refusal that says why not."""

from __future__ import annotations

import os

DEFAULT_MAX_MB = 50


class ImportRefused(ValueError):
    """A file that cannot be imported at all, with what to do instead."""


def megabytes(variable: str, default_mb: float) -> int:
    """Bytes from an environment variable given in MB; an unreadable value keeps the default."""
    raw = os.environ.get(variable, "")
    try:
        return int(float(raw) * 1024 * 1024) if raw else int(default_mb * 1024 * 1024)
    except ValueError:
        return int(default_mb * 1024 * 1024)


def size_limit() -> int:
    """Bytes an import may have (`RAPPORT_MAX_IMPORT_MB`, default 50): a network, not a data dump."""
    return megabytes("RAPPORT_MAX_IMPORT_MB", DEFAULT_MAX_MB)


def check_size(size: int, name: str = "") -> None:
    """Refuse a file over the limit before reading it, so memory stays bounded."""
    limit = size_limit()
    if size > limit:
        raise ImportRefused(f"{name or 'This file'} is {size / 2**20:,.0f} MB; Rapport imports files up to "
                            f"{limit / 2**20:,.0f} MB. Split it, or raise RAPPORT_MAX_IMPORT_MB.")
