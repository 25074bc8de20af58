"""Keep-in-touch cadence: when each relationship is next due a touchpoint, and how healthy it is.

The clock starts at the last interaction (else the date first met, else the date added); the next
keep-in-touch date is that plus the contact's cadence (its own, else its tier's default from the
profile). States: healthy; due soon (due within 14 days, or today); overdue (due date passed);
dormant (overdue by more than one whole cadence again).
"""

from __future__ import annotations

from datetime import date, timedelta

DUE_SOON_DAYS = 14
STATE_LABELS = {
    "healthy": "Healthy",
    "due_soon": "Due soon",
    "overdue": "Overdue",
    "dormant": "Dormant",
}
TIERS = {"close": "Close", "active": "Active", "casual": "Casual"}


def next_due(clock_start: date, cadence_days: int) -> date:
    """The next keep-in-touch date."""
    return clock_start + timedelta(days=cadence_days)


def state(due: date, cadence_days: int, today: date) -> str:
    """Health of one relationship on `today`; the SQL in `STATE_SQL` must agree with this."""
    if today > due + timedelta(days=cadence_days):
        return "dormant"
    if today > due:
        return "overdue"
    if (due - today).days <= DUE_SOON_DAYS:
        return "due_soon"
    return "healthy"


def state_sql(due: str, cadence: str, today: str) -> str:
    """The same rule as `state`, as a SQL CASE over the given column expressions."""
    return (
        f"CASE WHEN {today} > {due} + {cadence} THEN 'dormant' "
        f"WHEN {today} > {due} THEN 'overdue' "
        f"WHEN {due} - {today} <= {DUE_SOON_DAYS} THEN 'due_soon' "
        "ELSE 'healthy' END"
    )
