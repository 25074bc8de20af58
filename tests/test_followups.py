"""lib/followups.py: business days, responder labels, and follow-up states over time."""

from datetime import date, datetime, timedelta

import pytest

from lib import clock, contacts, followups, profile
from lib.db import Database
from lib.validation import Invalid


@pytest.mark.parametrize(("start", "n", "expected"), [
    (date(2026, 11, 23), 3, date(2026, 11, 26)),   # Monday + 3 = Thursday
    (date(2026, 11, 26), 3, date(2026, 12, 1)),    # Thursday + 3 skips the weekend, crosses the month
    (date(2026, 11, 28), 1, date(2026, 11, 30)),   # from a Saturday, the next working day is Monday
    (date(2026, 12, 30), 3, date(2027, 1, 4)),     # across the year end and a weekend
    (date(2026, 11, 20), 7, date(2026, 12, 1)),    # Friday + 7
    (date(2026, 11, 20), 0, date(2026, 11, 20)),
])
def test_business_days_skip_weekends(start: date, n: int, expected: date) -> None:
    assert followups.add_business_days(start, n) == expected


def test_business_days_skip_holidays_too() -> None:
    christmas = {date(2026, 12, 25), date(2026, 12, 28)}
    assert followups.add_business_days(date(2026, 12, 23), 3, christmas) == date(2026, 12, 30)


SENT = date(2026, 11, 2)  # a Monday; 3 business days later is Thursday 5 November


@pytest.mark.parametrize(("replied", "followed_up", "today", "label"), [
    (date(2026, 11, 5), None, date(2026, 11, 20), "booster"),       # on the third business day
    (date(2026, 11, 6), None, date(2026, 11, 20), "obligate"),      # a day later
    (None, None, date(2026, 11, 20), "pending"),                    # no follow-up sent yet
    (None, date(2026, 11, 11), date(2026, 11, 19), "pending"),      # 6 business days after the follow-up
    (None, date(2026, 11, 11), date(2026, 11, 20), "curmudgeon"),   # 7 business days after it
    (date(2026, 11, 25), date(2026, 11, 11), date(2026, 11, 30), "obligate"),  # a late reply redeems
])
def test_responders_are_labelled_by_reply_latency(replied, followed_up, today, label) -> None:
    assert followups.classify_responder(SENT, replied, followed_up, today) == label


@pytest.fixture
def ana(db: Database) -> int:
    profile.save(db, time_zone="Europe/London")
    return contacts.create(db, full_name="Ana Okafor", organisation="Ledgerly")


NOW = datetime(2026, 11, 27, 12, 0)


def _state(db: Database, followup_id: int, now: datetime = NOW) -> str:
    frame = followups.listing(db, now)
    return frame.set_index("id").loc[followup_id, "state"]


def test_states_follow_the_due_time_and_the_completion_time(db: Database, ana: int) -> None:
    due = datetime(2026, 11, 26, 12, 0)
    on_time = followups.create(db, ana, "custom", "On time", due)
    late = followups.create(db, ana, "custom", "Late", due)
    overdue = followups.create(db, ana, "custom", "Overdue", due)
    ahead = followups.create(db, ana, "custom", "Ahead", due + timedelta(days=3))
    gone = followups.create(db, ana, "custom", "Gone", due)
    followups.complete(db, on_time, when=due - timedelta(hours=1))
    followups.complete(db, late, when=due + timedelta(hours=1))
    with db.transaction() as con:
        followups.dismiss_where(con, "id", gone)
    assert [_state(db, i) for i in (on_time, late, overdue, ahead, gone)] == [
        "done_on_time", "done_late", "overdue", "open", "dismissed"]
    assert followups.health(db, NOW) == {"on_time": 1, "late": 1, "overdue": 1, "open": 1}


def test_a_snoozed_follow_up_hides_until_then_and_stays_late(db: Database, ana: int) -> None:
    task = followups.create(db, ana, "custom", "Send the article", datetime(2026, 11, 20, 12))
    until = clock.utcnow() + timedelta(days=3)
    followups.snooze(db, task, until)
    assert _state(db, task, clock.utcnow()) == "snoozed"
    assert _state(db, task, until + timedelta(minutes=1)) == "overdue"


def test_snoozing_into_the_past_or_a_done_task_is_refused(db: Database, ana: int) -> None:
    task = followups.create(db, ana, "custom", "Send the article", NOW)
    with pytest.raises(Invalid, match="future"):
        followups.snooze(db, task, datetime(2020, 1, 1))
    followups.complete(db, task)
    with pytest.raises(Invalid, match="already done"):
        followups.snooze(db, task, clock.utcnow() + timedelta(days=1))


def test_editing_needs_a_title_and_moves_the_due_time(db: Database, ana: int) -> None:
    task = followups.create(db, ana, "custom", "Send the article", NOW)
    with pytest.raises(Invalid, match="Say what needs doing"):
        followups.edit(db, task, title="  ")
    followups.edit(db, task, title="Send two articles", due_at=NOW + timedelta(days=2))
    stored = followups.get(db, task)
    assert (stored["title"], stored["due_at"]) == ("Send two articles", NOW + timedelta(days=2))


def test_the_board_groups_by_the_users_calendar_day(db: Database, ana: int) -> None:
    profile.save(db, time_zone="America/New_York")
    now = datetime(2026, 11, 25, 15, 0)  # Wednesday 10:00 in New York
    overdue = followups.create(db, ana, "custom", "Yesterday", datetime(2026, 11, 25, 4, 0))  # Tue 23:00 NY
    today = followups.create(db, ana, "custom", "Tonight", datetime(2026, 11, 26, 4, 0))      # Wed 23:00 NY
    week = followups.create(db, ana, "custom", "Friday", datetime(2026, 11, 27, 20, 0))
    later = followups.create(db, ana, "custom", "Next week", datetime(2026, 12, 2, 20, 0))
    board = followups.board(db, now)
    assert list(board.overdue["id"]) == [overdue]
    assert list(board.today["id"]) == [today]
    assert list(board.this_week["id"]) == [week]
    assert list(board.later["id"]) == [later]


def test_the_digest_lists_overdue_and_due_soon_with_contact_and_organisation(db: Database, ana: int) -> None:
    followups.create(db, ana, "custom", "Old", followups.end_of_day(date(2026, 11, 20), "Europe/London"))
    followups.create(db, ana, "custom", "Soon", followups.end_of_day(date(2026, 11, 29), "Europe/London"))
    followups.create(db, ana, "custom", "Far", followups.end_of_day(date(2026, 12, 20), "Europe/London"))
    items = followups.due(db, today=date(2026, 11, 27), days=7)
    assert [(i["title"], i["state"], i["due"]) for i in items] == [
        ("Old", "overdue", "2026-11-20"), ("Soon", "open", "2026-11-29")]
    assert items[0]["organisation"] == "Ledgerly" and items[0]["contact"] == "Ana Okafor"


def test_check_ins_are_due_for_contacts_whose_keep_in_touch_date_has_come(db: Database) -> None:
    contacts.create(db, full_name="Cold", tier="close", first_met_on=date(2026, 1, 1))
    contacts.create(db, full_name="Warm", tier="close", first_met_on=date(2026, 11, 20))
    assert list(followups.check_ins(db, date(2026, 11, 27))["name"]) == ["Cold"]


def test_an_unknown_kind_or_empty_title_is_refused(db: Database, ana: int) -> None:
    with pytest.raises(Invalid, match="Unknown kind"):
        followups.create(db, ana, "nag", "x", NOW)
    with pytest.raises(Invalid, match="Say what needs doing"):
        followups.create(db, ana, "custom", " ", NOW)


def test_linkedin_connections_never_met_get_no_check_ins_until_met_or_given_a_cadence(db: Database) -> None:
    from lib import interactions
    from lib.io import imports
    from tests.test_io_imports import LINKEDIN_OLD

    imports.commit(db, imports.preview(db, LINKEDIN_OLD.encode()), "Connections.csv")  # connected in 2019
    contacts.create(db, full_name="Met at a conference", tier="close", first_met_on=date(2026, 1, 1))
    assert list(followups.check_ins(db, date(2026, 11, 27))["name"]) == ["Met at a conference"]
    di = int(contacts.search(db, "Di Novak").iloc[0]["id"])
    interactions.log(db, di, "call", datetime(2026, 1, 5, 9, 0))
    assert set(followups.check_ins(db, date(2026, 11, 27))["name"]) == {"Met at a conference", "Di Novak"}
