"""lib/interviews.py: scheduling, completing with a debrief, and the weekly goal."""

from datetime import date, datetime, timedelta

import pytest

from lib import clock, contacts, followups, interactions, interviews, profile
from lib.db import Database
from lib.validation import Invalid

MEETING = datetime(2026, 11, 24, 10, 0)  # Tuesday, UTC (= London in winter)


@pytest.fixture
def ana(db: Database) -> int:
    profile.save(db, time_zone="Europe/London", thank_you_window_hours=24, report_back_days=30)
    return contacts.create(db, full_name="Ana Okafor", organisation="Ledgerly", first_met_on=date(2025, 1, 1))


def test_scheduling_validates_duration_and_contact(db: Database, ana: int) -> None:
    with pytest.raises(Invalid) as caught:
        interviews.schedule(db, ana, MEETING, duration_minutes=2, mode="carrier pigeon")
    assert set(caught.value.problems) == {"duration_minutes", "mode"}
    with pytest.raises(Invalid, match="No contact 99"):
        interviews.schedule(db, 99, MEETING)


def test_a_meeting_time_typed_in_summer_and_winter_is_stored_in_utc(db: Database, ana: int) -> None:
    summer = interviews.schedule(db, ana, clock.to_utc(datetime(2026, 10, 23, 10, 0), "Europe/London"))
    winter = interviews.schedule(db, ana, clock.to_utc(datetime(2026, 10, 26, 10, 0), "Europe/London"))
    assert interviews.get(db, summer)["scheduled_at"] == datetime(2026, 10, 23, 9, 0)
    assert interviews.get(db, winter)["scheduled_at"] == datetime(2026, 10, 26, 10, 0)


def test_the_lists_follow_the_stage_of_each_interview(db: Database, ana: int) -> None:
    past = interviews.schedule(db, ana, MEETING)
    ahead = interviews.schedule(db, ana, MEETING + timedelta(days=10))
    done = interviews.schedule(db, ana, MEETING - timedelta(days=7))
    interviews.complete(db, done, {}, now=MEETING)
    stages = interviews.stages(db, now=MEETING + timedelta(days=1))
    assert list(stages["upcoming"]["id"]) == [ahead]
    assert list(stages["awaiting_debrief"]["id"]) == [past]
    assert list(stages["awaiting_thank_you"]["id"]) == [done]
    assert list(stages["completed"]["id"]) == [done]


DEBRIEF = {
    "realities": "Mostly synthesis", "loves": "Impact", "advice": "Take the research course\n- Join the meetup",
    "offers": "Send my workshop checklist",
    "referrals": [{"full_name": "Bo Chen", "organisation": "Greenline", "role": "Researcher"}],
}


def test_completing_does_everything_a_finished_meeting_sets_in_motion(db: Database, ana: int) -> None:
    meeting = interviews.schedule(db, ana, MEETING, duration_minutes=45, purpose="Learn about research")
    made = interviews.complete(db, meeting, DEBRIEF, now=MEETING + timedelta(hours=2))
    ends = MEETING + timedelta(minutes=45)

    assert interviews.get(db, meeting)["status"] == "completed"
    assert interviews.debrief_of(db, meeting)["realities"] == "Mostly synthesis"
    assert [a["text"] for a in interviews.advice_of(db, meeting)] == ["Take the research course", "Join the meetup"]
    last = interactions.timeline(db, ana)[0]
    assert (last["kind"], last["occurred_at"]) == ("meeting", ends)
    assert contacts.get(db, ana, today=date(2026, 11, 25))["keep_in_touch_due"] == date(2027, 2, 22)

    bo = contacts.get(db, made["referrals"][0])
    assert (bo["name"], bo["introduced_by_id"], bo["source"], bo["organisation"]) == (
        "Bo Chen", ana, "referral", "Greenline")
    due = {r["kind"]: r["due_at"] for r in followups.listing(db).to_dict("records")}
    assert due["thank_you"] == ends + timedelta(hours=24)
    assert due["offer"] == ends + timedelta(days=7)
    assert due["reach_out"] == ends + timedelta(days=3)
    report = clock.to_local(due["report_back"].to_pydatetime(), "Europe/London")
    assert report.date() == date(2026, 12, 24)


def test_a_debrief_cannot_come_before_the_meeting_or_twice(db: Database, ana: int) -> None:
    meeting = interviews.schedule(db, ana, MEETING)
    with pytest.raises(Invalid, match="has not happened yet"):
        interviews.complete(db, meeting, {}, now=MEETING - timedelta(hours=1))
    interviews.complete(db, meeting, {}, now=MEETING + timedelta(hours=1))
    with pytest.raises(Invalid, match="already completed"):
        interviews.complete(db, meeting, {}, now=MEETING + timedelta(hours=2))


def test_a_failing_completion_leaves_nothing_half_done(db: Database, ana: int) -> None:
    meeting = interviews.schedule(db, ana, MEETING)
    with pytest.raises(Invalid):
        interviews.complete(db, meeting, {"referrals": [{"full_name": "Bo", "email": "not-an-email"}],
                                          "advice": "Read more"}, now=MEETING + timedelta(hours=1))
    assert interviews.get(db, meeting)["status"] == "planned"
    assert interviews.debrief_of(db, meeting) is None
    assert followups.listing(db).empty
    assert contacts.count(db) == 1


def test_cancelling_says_why_and_closes_its_follow_ups(db: Database, ana: int) -> None:
    meeting = interviews.schedule(db, ana, MEETING)
    followups.create(db, ana, "custom", "Prepare", MEETING, interview_id=meeting)
    interviews.cancel(db, meeting, "They were ill", no_show=False)
    stored = interviews.get(db, meeting)
    assert (stored["status"], stored["status_reason"]) == ("cancelled", "They were ill")
    assert list(followups.listing(db)["state"]) == ["dismissed"]
    with pytest.raises(Invalid, match="already cancelled"):
        interviews.cancel(db, meeting, no_show=True)


def test_referral_lines_are_read_as_name_organisation_role_and_email() -> None:
    people = interviews.parse_referrals("Bo Chen, Greenline, Researcher\n- Cy <skip>, cy@x.org\n\n  ")
    assert [(p.full_name, p.organisation, p.role, p.email) for p in people] == [
        ("Bo Chen", "Greenline", "Researcher", ""), ("Cy <skip>", "", "", "cy@x.org")]


def test_keeping_an_offer_completes_its_follow_up_and_logs_help_given(db: Database, ana: int) -> None:
    meeting = interviews.schedule(db, ana, MEETING)
    made = interviews.complete(db, meeting, {"offers": ["Send notes"]}, now=MEETING + timedelta(hours=1))
    interviews.keep_offer(db, made["offers"][0], when=MEETING + timedelta(days=2))
    states = dict(zip(followups.listing(db)["kind"], followups.listing(db)["state"], strict=True))
    assert states["offer"] == "done_on_time"
    assert interactions.timeline(db, ana)[0]["kind"] == "help_given"


def test_advice_is_marked_acted_on_and_reported_back(db: Database, ana: int) -> None:
    meeting = interviews.schedule(db, ana, MEETING)
    interviews.complete(db, meeting, {"advice": ["Read more"]}, now=MEETING + timedelta(hours=1))
    advice = interviews.advice_of(db, meeting)[0]
    interviews.mark_advice(db, advice["id"], acted_on=True)
    interviews.mark_advice(db, advice["id"], reported_back=True)
    interviews.mark_advice(db, advice["id"], acted_on=False)
    stored = interviews.advice_of(db, meeting)[0]
    assert stored["acted_on_at"] is None and stored["reported_back_at"] is not None


def test_the_streak_counts_weeks_in_a_row_that_met_the_goal(db: Database, ana: int) -> None:
    profile.save(db, weekly_goal=1)
    for day in (date(2026, 11, 3), date(2026, 11, 11), date(2026, 11, 18), date(2026, 10, 20)):
        meeting = interviews.schedule(db, ana, datetime.combine(day, datetime.min.time()).replace(hour=10))
        interviews.complete(db, meeting, {}, now=datetime.combine(day, datetime.min.time()).replace(hour=12))
    monday = date(2026, 11, 23)
    assert interviews.weekly_progress(db, monday) == {"goal": 1, "this_week": 0, "streak": 3}
    meeting = interviews.schedule(db, ana, datetime(2026, 11, 24, 10))
    interviews.complete(db, meeting, {}, now=datetime(2026, 11, 24, 12))
    assert interviews.weekly_progress(db, date(2026, 11, 25)) == {"goal": 1, "this_week": 1, "streak": 4}


def test_linking_an_existing_contact_as_a_referral_sets_the_introducer(db: Database, ana: int) -> None:
    bo = contacts.create(db, full_name="Bo")
    meeting = interviews.schedule(db, ana, MEETING)
    interviews.link_referral(db, meeting, bo)
    interviews.link_referral(db, meeting, bo)  # twice is harmless
    assert [p["name"] for p in interviews.referrals_of(db, meeting)] == ["Bo"]
    assert contacts.get(db, bo)["introduced_by_id"] == ana


def test_the_thank_you_is_due_by_the_stored_follow_up_even_after_the_window_changes(db) -> None:
    from datetime import timedelta

    from lib import clock, contacts, interviews, profile

    profile.save(db, name="Sam", thank_you_window_hours=24)
    ana = contacts.create(db, full_name="Ana Okafor")
    meeting = interviews.schedule(db, ana, clock.utcnow() - timedelta(hours=2))
    interviews.complete(db, meeting, {"realities": "Long days"})
    profile.save(db, thank_you_window_hours=72)  # changed after the debrief
    ends = interviews.get(db, meeting)["ends_at"]
    assert interviews.thank_you_due(db, meeting) == ends + timedelta(hours=24)
