"""What every reader of a user's file shares: how large a file may be, and the refusal that says why not."""

from __future__ import annotations

from lib import config


class ImportRefused(ValueError):
    """A file that cannot be imported at all, with what to do instead."""


def size_limit() -> int:
    """Bytes an import may have (see config.max_import_bytes)."""
    return config.max_import_bytes()


def check_size(size: int, name: str = "") -> None:
    """Refuse a file over the limit before reading it, so memory stays bounded."""
    limit = size_limit()
    if size > limit:
        raise ImportRefused(f"{name or 'This file'} is {size / 2**20:,.0f} MB; Rapport imports files up to "
                            f"{limit / 2**20:,.0f} MB. Split it, or raise RAPPORT_MAX_IMPORT_MB.")
