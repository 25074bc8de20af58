"""Time in one place: stored in UTC, shown in the profile's time zone."""

from __future__ import annotations

from datetime import UTC, date, datetime
from functools import cache
from typing import overload
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

import pandas as pd


def utcnow() -> datetime:
    """Naive UTC, the form every timestamp column holds, so comparisons never mix zones."""
    return datetime.now(UTC).replace(tzinfo=None)


def zone(name: str | None) -> ZoneInfo:
    """An unknown or empty zone name falls back to UTC rather than failing a page."""
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


@overload
def to_local(ts: datetime, tz: str | None) -> datetime: ...
@overload
def to_local(ts: None, tz: str | None) -> None: ...
def to_local(ts: datetime | None, tz: str | None) -> datetime | None:
    """Stored naive-UTC timestamp as an aware time in the user's zone, for display."""
    if ts is None:
        return None
    return ts.replace(tzinfo=UTC).astimezone(zone(tz))


def to_utc(local: datetime, tz: str | None) -> datetime:
    """A wall-clock time the user typed in their zone, as the naive UTC we store."""
    if local.tzinfo is None:
        local = local.replace(tzinfo=zone(tz))
    return local.astimezone(UTC).replace(tzinfo=None)


def local_dates(stamps: pd.Series, tz: str | None) -> pd.Series:
    """The user's calendar date of each stored UTC timestamp (object dtype, even when empty)."""
    if stamps.empty:
        return pd.Series([], index=stamps.index, dtype="object")
    return pd.Series(local_days(stamps, tz).dt.date, index=stamps.index, dtype="object")


def local_days(stamps: pd.Series, tz: str | None) -> pd.Series:
    """The user's calendar day of each stored UTC timestamp, as local midnights (datetime64): what
    `local_dates` gives, for counting many rows without a Python date per row."""
    local = pd.to_datetime(stamps).dt.tz_localize("UTC").dt.tz_convert(zone(tz).key)
    return local.dt.tz_localize(None).dt.normalize()


def today(tz: str | None) -> date:
    """The user's calendar date, which differs from UTC's near midnight."""
    return datetime.now(zone(tz)).date()


@cache
def _zone_names() -> tuple[str, ...]:
    # "localtime" is the machine's own zone file, not an IANA name: DuckDB's ICU, which the dashboard's
    # SQL converts times with, refuses it.
    return tuple(sorted(available_timezones() - {"localtime"}))


def is_time_zone(name: str) -> bool:
    """Whether `name` is an IANA zone this machine knows."""
    return name in _zone_names()


def time_zone_names() -> list[str]:
    """Every IANA zone, sorted, for the profile's time-zone picker (read from disk once: it is slow)."""
    return list(_zone_names())


def local_sql(column: str, zone_param: str = "$tz") -> str:
    """SQL for a stored UTC timestamp as the wall-clock time in the zone a parameter names (DuckDB's ICU), so
    dates and weeks are the user's in SQL itself rather than one Python date per row."""
    return f"timezone({zone_param}, timezone('UTC', {column}))"


def local_date_sql(column: str, zone_param: str = "$tz") -> str:
    """SQL for the user's calendar date of a stored UTC timestamp (not `CAST(ts AS DATE)`, which is UTC's)."""
    return f"CAST({local_sql(column, zone_param)} AS DATE)"


def sql_zone(name: str | None) -> str:
    """The zone name to hand DuckDB's ICU: the profile's, or UTC for one it cannot read (as `zone` does)."""
    key = zone(name).key
    return "UTC" if key == "localtime" else key
