"""The dashboard's figures in three time zones, on rows placed on the boundaries that UTC dates get wrong.

Every row is placed at a wall-clock time in the profile's zone (Sunday 23:30, Monday 00:30, the first of a
month at 00:30, 21:00 and 08:00 on a given day), on a daylight-saving change day where the zone has one.
The same wall-clock rows give the same answers in every zone, so each expectation below is written once,
from the README's definitions - not from the code - and must hold in UTC, Auckland and Los Angeles alike.
"""

from __future__ import annotations

import shutil
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest

from lib import clock, contacts, followups, interactions, interviews, metrics, outreach, profile
from lib.db import Database

# (zone, a Sunday on which its clocks change): LA leaves daylight saving on 1 Nov 2026, Auckland starts it
# on 27 Sep 2026. UTC has no change; its Sunday is LA's.
ZONES = [("UTC", date(2026, 11, 1)), ("Pacific/Auckland", date(2026, 9, 27)),
         ("America/Los_Angeles", date(2026, 11, 1))]


class Scene:
    """The seeded rows' local days, and the helpers that place a wall-clock time in the profile's zone."""

    def __init__(self, db: Database, tz: str, sunday: date) -> None:
        self.db, self.tz, self.sunday = db, tz, sunday
        self.week = sunday - timedelta(days=6)  # the Monday of the week that ends on the change day
        self.request_day = self.week - timedelta(days=20)
        self.kit_day = self.week - timedelta(days=40)
        self.month_first = sunday.replace(day=1)
        self.now_day = self.week + timedelta(days=16)  # a Wednesday, two weeks on

    def at(self, day: date, hour: int, minute: int = 0) -> datetime:
        """A wall-clock time on `day` in the profile's zone, as the UTC Rapport stores."""
        return clock.to_utc(datetime.combine(day, time(hour, minute)), self.tz)

    def moment(self, today: date | None = None) -> metrics.Moment:
        """Noon on the scene's Wednesday, or the end of `today`."""
        if today is not None:
            return metrics.moment(self.db, today=today)
        return metrics.moment(self.db, now=self.at(self.now_day, 12))

    def person(self, name: str, tag: str, **fields) -> int:
        return contacts.create(self.db, full_name=name, tags=[tag], **fields)


def _seed(db: Database, tz: str, sunday: date) -> Scene:
    profile.save(db, time_zone=tz, weekly_goal=1, thank_you_window_hours=24)
    scene = Scene(db, tz, sunday)
    _seed_growth(scene)
    _seed_keep_in_touch(scene)
    _seed_outreach(scene)
    _seed_followups(scene)
    _seed_interviews(scene)
    return scene


def _seed_growth(s: Scene) -> None:
    """Two contacts added either side of a month's first midnight, local time."""
    for name, added in (("Before midnight", s.at(s.month_first - timedelta(days=1), 23, 30)),
                        ("After midnight", s.at(s.month_first, 0, 30))):
        who = s.person(name, "growth", source="event")
        s.db.execute("UPDATE contact SET created_at = ? WHERE id = ?", [added, who])


def _seed_keep_in_touch(s: Scene) -> None:
    """Two 30-day relationships last touched on the same local day: in the evening and in the morning."""
    for name, hour in (("Evening", 21), ("Morning", 8)):
        who = s.person(name, "kit", cadence_days=30, first_met_on=s.kit_day - timedelta(days=100))
        interactions.log(s.db, who, "message", s.at(s.kit_day, hour))


def _complete(s: Scene, who: int, when: datetime, referrals: list[str] = ()) -> None:
    meeting = interviews.schedule(s.db, who, when)
    interviews.complete(s.db, meeting, {"referrals": [{"full_name": r} for r in referrals]},
                        now=when + timedelta(hours=1))


def _seed_outreach(s: Scene) -> None:
    """Four contacts asked on the same local day R (`request_day`)."""
    r = s.request_day
    # P: replied the next day; met at 09:00 on R itself (the day before, in UTC, east of it); a referral.
    p = s.person("Pia", "funnel")
    outreach.record_reply(s.db, outreach.log(s.db, p, "email", r), r + timedelta(days=1))
    _complete(s, p, s.at(r, 9), referrals=["Pia's colleague"])
    # L: no reply after the one follow-up; met at 21:00 the day before R (R itself, in UTC, west of it).
    lee = s.person("Lee", "funnel")
    outreach.record_follow_up_sent(s.db, outreach.log(s.db, lee, "email", r), r + timedelta(days=7))
    _complete(s, lee, s.at(r - timedelta(days=1), 21))
    # Q: met long before asking (that meeting's referral is not this request's), asked on R, met again after.
    q = s.person("Quinn", "funnel")
    _complete(s, q, s.at(r - timedelta(days=300), 10), referrals=["Quinn's old friend"])
    outreach.log(s.db, q, "linkedin", r)
    _complete(s, q, s.at(r + timedelta(days=10), 10))
    # T: asked twice; replied quickly to the first request, not (yet) to the latest.
    t = s.person("Tove", "funnel")
    outreach.record_reply(s.db, outreach.log(s.db, t, "email", r - timedelta(days=60)), r - timedelta(days=59))
    outreach.log(s.db, t, "email", r)


def _seed_followups(s: Scene) -> dict[str, int]:
    """Six follow-ups around the week that ends on the change day (Monday W to Sunday S)."""
    w, who = s.week, s.person("Fay", "fu")

    def make(title: str, created: datetime, due: datetime) -> int:
        return followups.create(s.db, who, "custom", title, due, since=created)

    make("Created Monday 00:30 after", s.at(w + timedelta(days=7), 0, 30), s.at(w + timedelta(days=9), 12))
    make("Created Sunday 23:30", s.at(s.sunday, 23, 30), s.at(w + timedelta(days=20), 12))
    make("Due Sunday 23:30", s.at(w, 10), s.at(s.sunday, 23, 30))
    on_time = make("Done on time", s.at(w, 9), s.at(w + timedelta(days=3), 12))
    followups.complete(s.db, on_time, when=s.at(w + timedelta(days=2), 18))
    snoozed = make("Snoozed past due", s.at(w, 9), s.at(w + timedelta(days=2), 12))
    followups.snooze(s.db, snoozed, clock.utcnow() + timedelta(days=1))
    late = make("Done late", s.at(w, 9), s.at(w + timedelta(days=1), 12))
    followups.complete(s.db, late, when=s.at(w + timedelta(days=8), 10))


def _seed_interviews(s: Scene) -> None:
    """Two interviews either side of the change day's midnight."""
    who = s.person("Ivo", "iw")
    _complete(s, who, s.at(s.sunday, 23, 30))
    _complete(s, who, s.at(s.sunday + timedelta(days=1), 0, 30))


@pytest.fixture(scope="module", params=ZONES, ids=[z for z, _ in ZONES])
def seeded(request, empty_file: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, date]:
    """The seed, made once per zone; each test gets a copy."""
    path = tmp_path_factory.mktemp("zone") / "seeded.duckdb"
    shutil.copy(empty_file, path)
    _seed(Database(path), *request.param)
    return path, *request.param


@pytest.fixture
def scene(seeded: tuple[Path, str, date], tmp_path: Path) -> Scene:
    path, tz, sunday = seeded
    shutil.copy(path, tmp_path / "scene.duckdb")
    return Scene(Database(tmp_path / "scene.duckdb", busy_timeout=1.0), tz, sunday)


def _only(tag: str) -> metrics.Filters:
    return metrics.Filters(tag=tag)


def test_a_contact_added_just_before_a_months_first_midnight_counts_in_the_month_before(scene: Scene) -> None:
    growth = metrics.growth_by_month(metrics.network_growth(scene.db, _only("growth"), scene.moment()))
    before = scene.month_first - timedelta(days=1)
    assert [(g["month"], g["new"]) for g in growth] == [
        (f"{before:%Y-%m}", 1), (f"{scene.month_first:%Y-%m}", 1)]
    listed = metrics.contacts_in_month(scene.db, f"{scene.month_first:%Y-%m}-01", "event", _only("growth"),
                                       scene.moment())
    assert list(listed["name"]) == ["After midnight"]
    assert list(listed["first_met"].dt.date) == [scene.month_first]


@pytest.mark.parametrize(("days_after", "expected"), [
    (16, "due_soon"),  # due on day 30, 14 days ahead: due soon, whatever hour the last touch was
    (30, "due_soon"),  # due today
    (31, "overdue"),  # the date has passed
])
def test_keep_in_touch_counts_from_the_local_date_of_the_last_touch(scene: Scene, days_after, expected) -> None:
    today = scene.kit_day + timedelta(days=days_after)
    counts = metrics.keep_in_touch(scene.db, _only("kit"), scene.moment(today))
    assert counts == {"healthy": 0, "due_soon": 0, "overdue": 0, "dormant": 0} | {expected: 2}
    listed = contacts.search(scene.db, tag="kit", today=today)
    assert list(listed["keep_in_touch_state"]) == [expected, expected]
    assert set(listed["keep_in_touch_due"].dt.date) == {scene.kit_day + timedelta(days=30)}


def test_the_funnel_counts_interviews_on_or_after_the_request_day_and_their_referrals(scene: Scene) -> None:
    funnel = metrics.outreach_funnel(scene.db, _only("funnel"), scene.moment())
    assert {k: funnel[k] for k in ("outreach", "replied", "interviewed", "referral", "reply_rate")} == {
        "outreach": 4,  # Pia, Lee, Quinn, Tove
        "replied": 2,  # Pia; Tove, to her first request
        "interviewed": 2,  # Pia at 09:00 on the day she was asked; Quinn ten days after; not Lee, the eve before
        "referral": 1,  # Pia's; Quinn's referral came from the meeting before the request
        "reply_rate": 0.5,
    }


def test_responders_are_people_labelled_by_their_latest_request(scene: Scene) -> None:
    split = metrics.outreach_funnel(scene.db, _only("funnel"), scene.moment())["responders"]
    # Pia a Booster; Lee a Curmudgeon (no reply 7 business days after the follow-up); Quinn and Tove (whose
    # latest request is unanswered) still waiting. One label per person asked.
    assert split == {"booster": 1, "obligate": 0, "curmudgeon": 1, "pending": 2}
    assert sum(split.values()) == 4


def test_the_funnel_as_it_stood_at_the_end_of_the_request_day(scene: Scene) -> None:
    funnel = metrics.outreach_funnel(scene.db, _only("funnel"), scene.moment(scene.request_day))
    # Only Tove had replied (to her first request); only Pia's morning meeting had happened.
    assert {k: funnel[k] for k in ("outreach", "replied", "interviewed", "referral")} == {
        "outreach": 4, "replied": 1, "interviewed": 1, "referral": 1}
    assert funnel["responders"] == {"booster": 0, "obligate": 0, "curmudgeon": 0, "pending": 4}


# Week W ends on the change day; W+1 holds the Monday-00:30 follow-up's creation; W+2 is "now".
EXPECTED_WEEKS = [
    {"on_time": 1, "late": 0, "overdue": 3, "open": 1},  # done on time; due Sunday 23:30, snoozed, late; Sunday's
    {"on_time": 1, "late": 1, "overdue": 3, "open": 1},  # the late one done; Monday's follow-up now overdue
    {"on_time": 1, "late": 1, "overdue": 3, "open": 1},
]


def test_follow_up_health_is_counted_by_local_iso_weeks_up_to_this_week(scene: Scene) -> None:
    weekly = metrics.followup_health_weekly(scene.db, _only("fu"), scene.moment())
    weeks = [scene.week + timedelta(weeks=n) for n in range(3)]
    assert weekly.to_dict("records") == [{"week": w} | e for w, e in zip(weeks, EXPECTED_WEEKS, strict=True)]


def test_every_follow_up_health_bar_lists_exactly_its_follow_ups_in_every_zone(scene: Scene) -> None:
    at = scene.moment()
    weekly = metrics.followup_health_weekly(scene.db, _only("fu"), at)
    for row in weekly.to_dict("records"):
        for state in ("on_time", "late", "overdue", "open"):
            listed = metrics.followups_standing_in_week(scene.db, row["week"], state, _only("fu"), at)
            assert len(listed) == row[state], (row["week"], state)


def test_a_snoozed_follow_up_past_its_due_time_is_overdue_in_the_headline_and_the_chart(scene: Scene) -> None:
    at = scene.moment()
    assert metrics.followup_health_now(scene.db, _only("fu"), at) == EXPECTED_WEEKS[-1]
    assert followups.health(scene.db, at.now, among=_only("fu").keeps("f.contact_id")) == EXPECTED_WEEKS[-1]
    listed = metrics.followups_standing_in_week(scene.db, scene.week + timedelta(weeks=2), "overdue", _only("fu"), at)
    snoozed = listed.set_index("title")["snoozed_until"].notna()
    assert snoozed.to_dict() == {"Created Monday 00:30 after": False, "Due Sunday 23:30": False,
                                 "Snoozed past due": True}  # the list may say "snoozed until ..."


def test_interviews_per_week_split_at_the_local_monday_midnight(scene: Scene) -> None:
    weekly = metrics.interviews_per_week(scene.db, _only("iw"), scene.moment())
    assert list(zip(weekly["week"], weekly["interviews"], strict=True)) == [
        (scene.week, 1), (scene.week + timedelta(weeks=1), 1)]


def test_each_headline_equals_the_last_point_of_its_chart(scene: Scene) -> None:
    for filters in (metrics.NONE, _only("fu"), _only("funnel")):
        data = metrics.dashboard(scene.db, filters, scene.moment())
        last = data["health_weekly"].iloc[-1]
        assert data["health_now"] == {k: int(last[k]) for k in ("on_time", "late", "overdue", "open")}
        assert last["week"] == scene.week + timedelta(weeks=2)  # this local week
        assert data["contacts_total"] == int(data["growth"]["new"].sum())
        assert data["funnel"]["outreach"] == sum(data["funnel"]["responders"].values())


def test_the_headlines_equal_the_last_points_of_their_charts_within_a_date_range(scene: Scene) -> None:
    wednesday = scene.week + timedelta(days=2)  # the chart's last bar is this whole week
    in_range = metrics.Filters(start=scene.week - timedelta(weeks=8), end=wednesday, tag="fu")
    data = metrics.dashboard(scene.db, in_range, scene.moment())
    assert data["health_weekly"].iloc[-1]["week"] == scene.week
    assert data["health_now"] == EXPECTED_WEEKS[0]
    everyone = metrics.dashboard(scene.db, metrics.Filters(start=scene.month_first, end=scene.now_day),
                                 scene.moment())
    assert everyone["contacts_total"] == int(everyone["growth"]["new"].sum())


def test_metrics_for_a_past_day_stand_as_they_did_when_that_day_ended(scene: Scene) -> None:
    report = metrics.summary(scene.db, today=scene.sunday, filters=_only("fu"))
    assert report["today"] == scene.sunday.isoformat()
    assert report["followup_health_weekly"][-1] == {"week": scene.week.isoformat()} | EXPECTED_WEEKS[0]
    assert report["followup_health"] == EXPECTED_WEEKS[0]  # the late one not yet done, Monday's not yet made


def test_each_headline_equals_the_last_point_of_its_chart_on_the_demo(demo_db: Database) -> None:
    data = metrics.dashboard(demo_db)
    last = data["health_weekly"].iloc[-1]
    assert data["health_now"] == {k: int(last[k]) for k in ("on_time", "late", "overdue", "open")}
    assert data["contacts_total"] == int(data["growth"]["new"].sum())
    assert data["funnel"]["outreach"] == sum(data["funnel"]["responders"].values())


def test_the_weekly_goal_for_a_past_day_counts_only_the_interviews_held_by_its_end(scene: Scene) -> None:
    saturday = metrics.summary(scene.db, today=scene.sunday - timedelta(days=1))["weekly_goal"]
    sunday = metrics.summary(scene.db, today=scene.sunday)["weekly_goal"]
    assert (saturday["this_week"], sunday["this_week"]) == (0, 1)  # Ivo's Sunday 23:30 meeting, local time
