"""Each dashboard chart's sentence says its headline in words, in whole numbers and the right plurals."""

import pandas as pd

from lib import chart_summaries as say


def test_network_growth_names_the_span_and_the_biggest_source() -> None:
    growth = pd.DataFrame({"month": ["2026-01", "2026-01", "2026-03"], "source": ["referral", "event", "referral"],
                           "new": [3, 1, 4]})
    assert say.network_growth(growth) == "8 contacts met from January 2026 to March 2026; most came from referrals (7)."


def test_one_of_anything_is_singular() -> None:
    growth = pd.DataFrame({"month": ["2026-02"], "source": ["linkedin"], "new": [1]})
    assert say.network_growth(growth) == "1 contact met from February 2026 to February 2026; most came from LinkedIn (1)."
    assert say.responders({"booster": 0, "obligate": 2, "curmudgeon": 1, "pending": 0}) == \
        "Responders: 2 Obligates and 1 Curmudgeon."


def test_the_referral_tree_names_who_opened_the_most_doors() -> None:
    tree = pd.DataFrame({"id": [1, 2, 3, 4], "name": ["Maya", "Ravi", "Lena", "Tom"],
                         "introduced_by_id": [None, 1, 1, 2], "depth": [0, 1, 1, 2], "interviews": [1, 0, 0, 0]})
    assert say.referral_tree(tree) == "3 introductions, up to 2 steps deep; Maya introduced the most (2)."


def test_interviews_per_week_counts_weeks_at_goal() -> None:
    weekly = pd.DataFrame({"week": pd.to_datetime(["2026-11-02", "2026-11-09", "2026-11-16"]).date,
                           "interviews": [0, 2, 1]})
    assert say.interviews_per_week(weekly, goal=1) == (
        "3 interviews over 3 weeks; the busiest week (from 09 Nov 2026) had 2; 2 weeks reached the goal of 1.")


def test_the_funnel_latency_and_health_read_as_sentences() -> None:
    assert say.outreach_funnel({"outreach": 10, "replied": 6, "interviewed": 4, "referral": 1}) == \
        "Of 10 requests, 6 got a reply, 4 became an interview and 1 led to a referral."
    latency = pd.DataFrame({"hours": [2.0, 10.0, 30.0]})
    assert say.thank_you_latency(latency, 24) == "3 thank-yous: typically 10 hours after the meeting; 2 within the " \
        "24-hour window."
    health = pd.DataFrame({"week": pd.to_datetime(["2026-11-23"]).date, "on_time": [3], "late": [1], "overdue": [2],
                           "open": [4]})
    assert say.followup_health(health) == ("In the latest week (from 23 Nov 2026) follow-ups stood at 3 done on time, "
                                           "1 done late, 2 overdue and 4 open.")


def test_modes_coverage_reciprocity_and_keep_in_touch() -> None:
    modes = pd.DataFrame({"mode": ["phone", "video", "in_person"], "interviews": [1, 5, 0]})
    assert say.meeting_modes(modes) == "5 interviews by video and 1 by phone."
    coverage = pd.DataFrame({"industry": ["Health", "Health", "Energy"], "organisation": ["A", "B", "C"],
                             "contacts": [2, 3, 4], "interviews": [0, 1, 1]})
    assert say.coverage(coverage) == "3 organisations in 2 industries; most contacts work in Health (5)."
    monthly = pd.DataFrame({"month": ["2026-01", "2026-02"], "kind": ["help given", "help given"], "n": [1, 2]})
    assert say.reciprocity(monthly) == "Over the period: 3 help given."
    assert say.keep_in_touch({"healthy": 4, "due_soon": 1, "overdue": 0, "dormant": 2}) == \
        "Relationships: 4 healthy, 1 due soon, 0 overdue and 2 dormant."


def test_an_empty_view_says_there_is_nothing_yet() -> None:
    empty = pd.DataFrame({"month": [], "source": [], "new": []})
    assert say.network_growth(empty) == "No contacts in this view yet."
    assert say.responders({"booster": 0, "obligate": 0, "curmudgeon": 0, "pending": 0}) == \
        "No outreach answered or waiting yet."
    assert say.outreach_funnel({"outreach": 0}) == "No outreach logged in this view yet."


def test_organisations_without_an_industry_are_not_counted_as_one() -> None:
    frame = pd.DataFrame({"industry": ["No industry", "No industry", "Health"], "organisation": ["A", "B", "C"],
                          "contacts": [9, 4, 2], "interviews": [0, 0, 1]})
    assert say.coverage(frame) == "3 organisations in 1 industry; most contacts work in Health (2)."
    assert say.coverage(frame.head(2)) == "2 organisations; none has its industry set yet."
