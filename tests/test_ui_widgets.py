"""lib/ui/widgets.py: numbers, durations and greetings read the way people say them."""

from __future__ import annotations

from datetime import date

import pytest

from lib.ui import widgets


@pytest.mark.parametrize(("n", "said"), [(0, "no promises"), (1, "1 promise"), (3, "3 promises")])
def test_counts_agree_with_their_noun(n: int, said: str) -> None:
    assert widgets.count(n, "promise") == said


@pytest.mark.parametrize(("hours", "said"), [(0.2, "within the hour"), (1.2, "1 hour after the meeting"),
                                             (5, "5 hours after the meeting"), (50, "2 days after the meeting")])
def test_how_long_after_the_meeting(hours: float, said: str) -> None:
    assert widgets.hours_after(hours) == said


def test_a_greeting_fits_the_time_of_day_and_the_name() -> None:
    assert widgets.greeting(8, "Maya Chen") == "Good morning, Maya."
    assert widgets.greeting(14, "") == "Good afternoon."
    assert widgets.greeting(22, "[x](http://e)") == "Good evening, \\[x\\]\\(http\u2060\\:\\/\\/e\\)."


def test_a_morning_meeting_in_sydney_is_today_there_not_yesterday() -> None:
    from datetime import date, datetime

    ended = datetime(2026, 11, 28, 20, 0)  # 07:00 on 29 Nov in Sydney, stored in UTC
    assert widgets.relative(ended, date(2026, 11, 29), "Australia/Sydney") == "today"
    assert widgets.relative(ended, date(2026, 11, 29)) == "1 day ago"  # what it said before
    assert widgets.relative(None, date(2026, 11, 29)) == "never"


def test_long_spans_read_in_years_not_in_dozens_of_months() -> None:
    assert widgets.relative(date(2019, 7, 1), date(2026, 11, 29)) == "7 years ago"
    assert widgets.relative(date(2025, 11, 1), date(2026, 11, 29)) == "1 year ago"
    assert widgets.relative(date(2026, 3, 1), date(2026, 11, 29)) == "9 months ago"
