"""Live sync: the mailbox over IMAP and the calendar over CalDAV or a private link, read into the same
matching and logging as the file imports (lib/io/mailboxes.py, lib/io/calendars.py)."""

from __future__ import annotations

from typing import Any


class SyncFailed(Exception):
    """One sentence saying why a sync stopped and what to do; nothing of that run was written."""


# Every source's summary carries these, as the imports' --json does, whatever the source can log.
SUMMARY_KEYS = ("items", "matched", "interactions", "interviews", "thank_yous", "replies", "unchanged", "unmatched",
                "skipped", "invalid")


def uniform(summary: dict[str, Any]) -> dict[str, Any]:
    """The summary with every key of SUMMARY_KEYS (0 where this source cannot log that kind of thing)."""
    return {key: summary.get(key, 0) for key in SUMMARY_KEYS} | summary
