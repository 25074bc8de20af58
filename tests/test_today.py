"""lib/today.py: what the Today page shows, section by section."""

from datetime import date, datetime, timedelta

from lib import contacts, followups, interviews, profile, today
from lib.db import Database

NOW = datetime(2026, 11, 25, 12, 0)  # Wednesday noon, London = UTC in winter


def test_the_agenda_gathers_meetings_thank_yous_follow_ups_and_cooling_contacts(db: Database) -> None:
    profile.save(db, time_zone="Europe/London", weekly_goal=2)
    ana = contacts.create(db, full_name="Ana", tier="close", first_met_on=date(2026, 10, 1))
    bo = contacts.create(db, full_name="Bo", first_met_on=date(2026, 11, 20))
    later_today = interviews.schedule(db, bo, NOW + timedelta(hours=3))
    friday = interviews.schedule(db, bo, NOW + timedelta(days=2))
    interviews.schedule(db, bo, NOW + timedelta(days=20))
    yesterday = interviews.schedule(db, ana, NOW - timedelta(days=1))
    interviews.complete(db, yesterday, {}, now=NOW - timedelta(hours=20))
    late = followups.create(db, bo, "custom", "Send the article", NOW - timedelta(days=1))
    due = followups.create(db, bo, "custom", "Call back", NOW + timedelta(hours=6))

    plan = today.agenda(db, NOW)
    assert list(plan.meetings_today["id"]) == [later_today]
    assert list(plan.meetings_this_week["id"]) == [friday]
    assert list(plan.thank_yous["contact"]) == ["Ana"]
    assert float(plan.thank_yous["hours_left"].iloc[0]) == 0.5  # the meeting ended 12:30 yesterday
    assert list(plan.overdue["id"]) == [late]
    assert list(plan.due_today["id"]) == [due]
    assert plan.progress == {"goal": 2, "this_week": 1, "streak": 0}
    assert today.headline(plan, "Europe/London") == (
        f"To do today: meet Bo at {(NOW + timedelta(hours=3)):%H:%M} and send 1 thank-you. 1 follow-up is overdue "
        "and 1 follow-up is due today.")


def test_an_empty_database_gives_an_empty_agenda(db: Database) -> None:
    plan = today.agenda(db, NOW)
    assert plan.meetings_today.empty and plan.thank_yous.empty and plan.going_cold.empty
    assert plan.progress == {"goal": 2, "this_week": 0, "streak": 0}
    assert today.headline(plan, "UTC") == "Nothing is due today."


def test_today_counts_overdue_follow_ups_as_the_follow_ups_page_and_dashboard_do(demo_db) -> None:
    from lib import clock, metrics

    now = clock.utcnow()
    plan = today.agenda(demo_db, now)
    board = followups.board(demo_db, now)
    snoozed_past_due = int((board.snoozed["due_at"] < now).sum())
    assert plan.overdue_total == len(board.overdue) + snoozed_past_due
    assert plan.overdue_total == metrics.followup_health_now(demo_db, at=metrics.moment(demo_db, now=now))["overdue"]


def test_this_week_lists_follow_ups_due_in_the_next_days_not_only_meetings(db) -> None:
    from lib import clock

    ana = contacts.create(db, full_name="Ana Okafor")
    followups.create(db, ana, "custom", "Send Ana the article", clock.utcnow() + timedelta(days=3))
    plan = today.agenda(db)
    assert plan.meetings_this_week.empty and list(plan.due_this_week["title"]) == ["Send Ana the article"]
