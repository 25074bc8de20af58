"""lib/metrics.py against a small hand-built network whose answers are worked out here."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lib import contacts, followups, interactions, interviews, messages, metrics, outreach, profile
from lib.db import Database

NOW = datetime(2026, 3, 18, 12, 0)  # a Wednesday


@pytest.fixture
def net(db: Database) -> dict[str, int]:
    profile.save(db, time_zone="UTC", weekly_goal=1, thank_you_window_hours=24)
    ids = {
        "ana": contacts.create(db, full_name="Ana", organisation="Ledgerly", industry="Fintech", source="alumni",
                               first_met_on=date(2026, 1, 10), tags=["mentor"]),
        "bo": contacts.create(db, full_name="Bo", organisation="Greenline", industry="Climate tech",
                              source="referral", first_met_on=date(2026, 1, 20)),
        "cy": contacts.create(db, full_name="Cy", organisation="Ledgerly", source="event"),
    }
    db.execute("UPDATE contact SET created_at = TIMESTAMP '2026-02-05 09:00' WHERE id = ?", [ids["cy"]])
    interactions.log(db, ids["ana"], "meeting", datetime(2026, 1, 10, 9))
    return ids


def test_growth_counts_by_month_first_met_or_added_with_the_running_total(db: Database, net) -> None:
    growth = metrics.growth_by_month(metrics.network_growth(db))
    assert growth == [
        {"month": "2026-01", "new": 2, "cumulative": 2, "by_source": {"alumni": 1, "referral": 1}},
        {"month": "2026-02", "new": 1, "cumulative": 3, "by_source": {"event": 1}},
    ]
    only_alumni = metrics.network_growth(db, metrics.Filters(source="alumni"))
    assert list(only_alumni["new"]) == [1]
    february = metrics.network_growth(db, metrics.Filters(start=date(2026, 2, 1), end=date(2026, 2, 28)))
    assert list(february["month"]) == ["2026-02"]


def test_warm_means_met_at_least_once(db: Database, net) -> None:
    meeting = interviews.schedule(db, net["bo"], datetime(2026, 3, 3, 10))
    interviews.complete(db, meeting, {}, now=datetime(2026, 3, 3, 11))
    assert metrics.warm_contacts(db) == 2  # Ana by a meeting, Bo by an interview; Cy never
    assert metrics.contacts_total(db, metrics.Filters(industry="Fintech")) == 2  # Ana and Cy, both at Ledgerly
    assert metrics.contacts_total(db, metrics.Filters(tag="mentor")) == 1


def test_follow_up_health_is_counted_as_each_week_stood(db: Database, net) -> None:
    ana, since = net["ana"], datetime(2026, 3, 2, 9)
    due = datetime(2026, 3, 4, 12)
    on_time = followups.create(db, ana, "custom", "On time", due, since=since)
    late = followups.create(db, ana, "custom", "Late", due, since=since)
    followups.create(db, ana, "custom", "Later", datetime(2026, 3, 20, 12), since=since)
    gone = followups.create(db, ana, "custom", "Gone", due, since=since)
    followups.complete(db, on_time, when=datetime(2026, 3, 3, 10))
    followups.complete(db, late, when=datetime(2026, 3, 11, 10))
    with db.transaction() as con:
        followups.dismiss_where(con, "id", gone, when=datetime(2026, 3, 5, 10))
    at = metrics.moment(db, now=NOW)
    weekly = metrics.followup_health_weekly(db, at=at)
    assert weekly.to_dict("records") == [
        {"week": date(2026, 3, 2), "on_time": 1, "late": 0, "overdue": 1, "open": 1},
        {"week": date(2026, 3, 9), "on_time": 1, "late": 1, "overdue": 0, "open": 1},
        {"week": date(2026, 3, 16), "on_time": 1, "late": 1, "overdue": 0, "open": 1},
    ]
    assert metrics.followup_health_now(db, at=at) == {"on_time": 1, "late": 1, "overdue": 0, "open": 1}


def test_interviews_per_week_fill_the_empty_weeks(db: Database, net) -> None:
    for day in (datetime(2026, 3, 2, 10), datetime(2026, 3, 8, 10), datetime(2026, 3, 17, 10)):
        meeting = interviews.schedule(db, net["ana"], day)
        interviews.complete(db, meeting, {}, now=day.replace(hour=11))
    weekly = metrics.interviews_per_week(db)
    assert list(zip(weekly["week"], weekly["interviews"], strict=True)) == [
        (date(2026, 3, 2), 2), (date(2026, 3, 9), 0), (date(2026, 3, 16), 1)]


def test_the_funnel_follows_requests_to_replies_interviews_and_referrals(db: Database, net) -> None:
    asked = outreach.log(db, net["ana"], "email", date(2026, 3, 2))
    outreach.record_reply(db, asked, date(2026, 3, 3))
    outreach.log(db, net["bo"], "linkedin", date(2026, 3, 2))
    meeting = interviews.schedule(db, net["ana"], datetime(2026, 3, 10, 10))
    interviews.complete(db, meeting, {"referrals": [{"full_name": "Di"}]}, now=datetime(2026, 3, 10, 11))
    funnel = metrics.outreach_funnel(db, at=metrics.moment(db, today=date(2026, 3, 18)))
    assert {k: funnel[k] for k in ("outreach", "replied", "interviewed", "referral")} == {
        "outreach": 2, "replied": 1, "interviewed": 1, "referral": 1}
    assert funnel["reply_rate"] == 0.5
    assert funnel["responders"] == {"booster": 1, "obligate": 0, "curmudgeon": 0, "pending": 1}


def test_thank_you_latency_and_the_share_within_the_window(db: Database, net) -> None:
    for day, delay in ((datetime(2026, 3, 2, 10), 6), (datetime(2026, 3, 9, 10), 30)):
        meeting = interviews.schedule(db, net["ana"], day)
        interviews.complete(db, meeting, {}, now=day.replace(hour=11))
        note = messages.save_draft(db, net["ana"], "thank_you", "email", "Thanks", "Hi Ana", meeting)
        messages.mark_sent(db, note, when=day.replace(hour=10, minute=30) + timedelta(hours=delay))
    latency = metrics.thank_you_latency(db)
    assert list(latency["hours"]) == [6.0, 30.0]
    assert metrics.thank_you_summary(db, latency) == {"count": 2, "on_time_rate": 0.5, "median_hours": 18.0,
                                                      "window_hours": 24}


def test_reciprocity_counts_offers_made_and_kept_and_introductions_by_month(db: Database, net) -> None:
    meeting = interviews.schedule(db, net["ana"], datetime(2026, 3, 10, 10))
    made = interviews.complete(db, meeting, {"offers": ["Send notes"], "referrals": [{"full_name": "Di"}]},
                               now=datetime(2026, 3, 10, 11))
    interviews.keep_offer(db, made["offers"][0], when=datetime(2026, 4, 2, 9))
    rows = {(r["month"], r["kind"]): r["n"] for r in metrics.reciprocity(db).to_dict("records")}
    assert rows[("2026-03", "offers made")] == 1
    assert rows[("2026-03", "introductions to me")] == 1
    assert rows[("2026-04", "offers kept")] == 1
    assert rows[("2026-04", "help given")] == 1


def test_coverage_and_modes(db: Database, net) -> None:
    meeting = interviews.schedule(db, net["ana"], datetime(2026, 3, 10, 10), mode="phone")
    interviews.complete(db, meeting, {}, now=datetime(2026, 3, 10, 11))
    cover = metrics.coverage(db).to_dict("records")
    assert {"industry": "Fintech", "organisation": "Ledgerly", "contacts": 2, "interviews": 1} in cover
    assert metrics.meeting_modes(db).to_dict("records") == [{"mode": "phone", "interviews": 1}]


def test_referral_depth_and_count(db: Database, net) -> None:
    di = contacts.create(db, full_name="Di", introduced_by_id=net["ana"])
    contacts.create(db, full_name="Ed", introduced_by_id=di)
    assert metrics.referral_summary(metrics.referral_tree(db)) == {"count": 2, "max_depth": 2}


def test_the_data_version_the_dashboard_caches_by_changes_when_the_data_does(db: Database, net) -> None:
    before = db.version()
    assert db.version() == before
    contacts.update(db, net["cy"], role="Analyst")
    assert db.version() != before


def test_the_summary_has_every_key_the_cli_promises(db: Database, net) -> None:
    keys = set(metrics.summary(db, today=date(2026, 3, 18)))
    assert keys >= {"contacts_total", "warm_contacts", "network_growth", "interviews_per_week",
                    "followup_health", "thank_you", "keep_in_touch", "referrals"}


@settings(max_examples=200, deadline=None)
@given(st.dates(date(2025, 1, 1), date(2026, 12, 31)), st.none() | st.integers(0, 20),
       st.none() | st.integers(0, 15), st.integers(0, 40))
def test_the_vectorised_responder_split_agrees_with_classify_responder(sent, reply_after, follow_after, age) -> None:
    replied = sent + timedelta(days=reply_after) if reply_after is not None else None
    followed = sent + timedelta(days=follow_after) if follow_after is not None else None
    today = sent + timedelta(days=age)
    frame = pd.DataFrame({"sent_on": [sent], "replied_on": [replied], "followed_up_on": [followed]})
    split = metrics.responder_split(frame, today)
    assert split[followups.classify_responder(sent, replied, followed, today)] == 1


def test_keep_in_touch_counts_agree_with_the_contact_list(demo_db: Database) -> None:
    listed = contacts.search(demo_db)["keep_in_touch_state"].value_counts().to_dict()
    assert metrics.keep_in_touch(demo_db) == {k: listed.get(k, 0) for k in ("healthy", "due_soon", "overdue", "dormant")}


def test_every_network_growth_bar_lists_exactly_its_contacts(demo_db: Database) -> None:
    filters = metrics.Filters(industry=None)
    growth = metrics.network_growth(demo_db, filters)
    for row in growth.to_dict("records"):
        listed = metrics.contacts_in_month(demo_db, f"{row['month']}-01", row["source"], filters)
        assert len(listed) == row["new"], row


@pytest.mark.parametrize("industry", [None, "Education"])
def test_every_follow_up_health_bar_lists_exactly_its_follow_ups(demo_db: Database, industry) -> None:
    at = metrics.moment(demo_db)
    filters = metrics.Filters(industry=industry)
    weekly = metrics.followup_health_weekly(demo_db, filters, at)
    for row in weekly.iloc[::5].to_dict("records") + weekly.iloc[-2:].to_dict("records"):
        for state in ("on_time", "late", "overdue", "open"):
            listed = metrics.followups_standing_in_week(demo_db, row["week"], state, filters, at)
            assert len(listed) == row[state], (row["week"], state)


def test_the_introductions_chart_obeys_the_filters(demo_db: Database) -> None:
    everyone = metrics.referral_tree(demo_db)
    education = metrics.referral_tree(demo_db, metrics.Filters(industry="Education"))
    kept = {r["id"] for r in demo_db.rows(metrics.Filters(industry="Education").contact_ids_sql()[0],
                                          metrics.Filters(industry="Education").contact_ids_sql()[1])}
    assert 0 < len(education) < len(everyone) and set(education["id"]) <= kept
    introducers = set(education["introduced_by_id"].dropna().astype(int))
    assert introducers <= set(education["id"])  # no chain points outside what is shown
