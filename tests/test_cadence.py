"""lib/cadence.py: when a relationship is next due, and the health states on either side of it."""

from datetime import date

import pytest

from lib import cadence
from lib.db import Database

DUE = date(2026, 3, 31)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 3, 1), "healthy"),      # 30 days before
        (date(2026, 3, 17), "due_soon"),    # exactly 14 days before
        (date(2026, 3, 31), "due_soon"),    # due today
        (date(2026, 4, 1), "overdue"),      # a day late
        (date(2026, 4, 30), "overdue"),     # late by exactly one cadence (30 days)
        (date(2026, 5, 1), "dormant"),      # late by more than one cadence
    ],
)
def test_state_on_each_side_of_the_boundaries(today: date, expected: str) -> None:
    assert cadence.state(DUE, 30, today) == expected


def test_next_due_is_clock_start_plus_cadence_across_a_year_end() -> None:
    assert cadence.next_due(date(2026, 12, 15), 30) == date(2027, 1, 14)


@pytest.mark.parametrize("offset", [-40, -31, -30, -1, 0, 1, 13, 14, 15, 60])
def test_the_sql_rule_agrees_with_the_python_rule(db: Database, offset: int) -> None:
    today = date.fromordinal(DUE.toordinal() + offset)
    sql = cadence.state_sql("CAST($due AS DATE)", "30", "CAST($today AS DATE)")
    assert db.value(f"SELECT {sql}", {"due": DUE, "today": today}) == cadence.state(DUE, 30, today)
