"""lib/charts.py: every figure on empty, one-row and normal data - and states keep their colours."""

from __future__ import annotations

import json
from datetime import date

import pandas as pd
import pytest

from lib import charts

GROWTH = pd.DataFrame({"month": ["2026-01", "2026-01", "2026-02"], "source": ["alumni", "event", "alumni"],
                       "new": [2, 1, 3]})
TREE = pd.DataFrame({"id": [1, 2, 3], "name": ["Ana", "Bo", "Cy"], "introduced_by_id": [None, 1, 2],
                     "depth": [0, 1, 2], "organisation": ["", "", ""], "interviews": [1, 0, 0]})
WEEKLY = pd.DataFrame({"week": [date(2026, 3, 2), date(2026, 3, 9)], "interviews": [2, 0]})
HEALTH = pd.DataFrame({"week": [date(2026, 3, 2)], "on_time": [1], "late": [0], "overdue": [1], "open": [1]})
LATENCY = pd.DataFrame({"interview_id": [1, 2], "contact": ["Ana", "Bo"], "hours": [6.0, 30.0]})
RECIPROCITY = pd.DataFrame({"month": ["2026-03"], "kind": ["offers made"], "n": [1]})
COVERAGE = pd.DataFrame({"industry": ["Fintech", "Fintech"], "organisation": ["Ledgerly", "Coinpath"],
                         "contacts": [2, 1], "interviews": [1, 0]})
MODES = pd.DataFrame({"mode": ["video"], "interviews": [3]})
FUNNEL = {"outreach": 4, "replied": 3, "interviewed": 2, "referral": 1, "reply_rate": 0.75,
          "responders": {"booster": 2, "obligate": 1, "curmudgeon": 0, "pending": 1}}

BUILDERS = {
    "growth": (lambda f: charts.network_growth(f), GROWTH),
    "tree": (lambda f: charts.referral_tree(f), TREE),
    "weekly": (lambda f: charts.interviews_per_week(f, 1), WEEKLY),
    "health": (lambda f: charts.followup_health(f), HEALTH),
    "latency": (lambda f: charts.thank_you_latency(f, 24), LATENCY),
    "reciprocity": (lambda f: charts.reciprocity(f), RECIPROCITY),
    "coverage": (lambda f: charts.coverage(f), COVERAGE),
    "modes": (lambda f: charts.meeting_modes(f), MODES),
}


@pytest.mark.parametrize("name", BUILDERS)
def test_empty_data_gives_a_titled_figure_that_says_what_will_appear(name: str) -> None:
    build, frame = BUILDERS[name]
    fig = build(frame.iloc[0:0])
    assert fig.data == ()
    assert fig.layout.annotations[0].text and fig.layout.xaxis.visible is False


@pytest.mark.parametrize("name", BUILDERS)
def test_one_row_and_normal_data_draw_something(name: str) -> None:
    build, frame = BUILDERS[name]
    for data in (frame.iloc[:1], frame):
        fig = build(data)
        if name == "tree" and len(data) == 1:
            continue  # a single person introduced nobody: the empty state is right
        assert fig.data, name
        json.loads(fig.to_json())  # serialisable, as st.plotly_chart needs


def test_growth_stacks_sources_and_adds_the_running_total() -> None:
    fig = charts.network_growth(GROWTH)
    bars = [t for t in fig.data if t.type == "bar"]
    assert [t.name for t in bars] == ["Alumni", "Event"]
    total = next(t for t in fig.data if t.type == "scatter")
    assert list(total.y) == [3, 6]


def test_states_keep_one_colour_across_charts() -> None:
    health = {t.name: t.marker.color for t in charts.followup_health(HEALTH).data}
    keep = charts.keep_in_touch({"healthy": 3, "due_soon": 1, "overdue": 2, "dormant": 0}).data[0]
    assert health["Overdue"] == keep.marker.color[2] == charts.STATE_COLOURS["overdue"]
    assert health["Done on time"] == keep.marker.color[0]


def test_the_funnel_and_responders_follow_the_counts() -> None:
    assert list(charts.outreach_funnel(FUNNEL).data[0].x) == [4, 3, 2, 1]
    assert list(charts.responders(FUNNEL["responders"]).data[0].values) == [2, 1, 1]  # the empty slice left out
    assert charts.outreach_funnel({"outreach": 0}).data == ()


def test_the_goal_line_and_the_window_line_are_drawn() -> None:
    weekly = charts.interviews_per_week(WEEKLY, 2)
    assert weekly.layout.shapes[0].y0 == 2
    latency = charts.thank_you_latency(LATENCY, 24)
    assert latency.layout.shapes[0].x0 == 24


def test_a_huge_referral_tree_shows_whole_chains_up_to_the_limit() -> None:
    ids = list(range(1, 1001))
    tree = pd.DataFrame({"id": ids, "name": [f"P{i}" for i in ids],
                         "introduced_by_id": [None if i <= 10 else (i - 1) % 10 + 1 for i in ids],
                         "depth": [0 if i <= 10 else 1 for i in ids], "organisation": "", "interviews": 0})
    shown = charts.referral_tree(tree).data[0]
    assert len(shown.ids) <= charts.MAX_TREE_NODES
    kept = set(shown.ids)
    assert all(p == "" or p in kept for p in shown.parents)  # no orphaned rings


def test_with_little_data_axes_read_as_months_and_whole_numbers() -> None:
    growth = pd.DataFrame({"month": ["2026-10", "2026-11"], "source": ["referral", "event"], "new": [1, 1]})
    spec = charts.network_growth(growth).to_plotly_json()["layout"]
    assert spec["xaxis"]["tickformat"] == "%b %Y" and spec["xaxis"]["dtick"] == "M1"
    assert spec["yaxis"]["tickformat"] == ",d" and spec["yaxis"]["dtick"] == 1
    assert spec["yaxis2"]["tickformat"] == ",d"


def test_an_empty_responder_slice_gets_no_label_and_one_interview_is_singular() -> None:
    pie = charts.responders({"booster": 2, "obligate": 0, "curmudgeon": 0, "pending": 1}).to_plotly_json()
    assert list(pie["data"][0]["labels"]) == ["Booster", "Pending"]
    tree = pd.DataFrame({"id": [1, 2], "name": ["Ana Okafor", "Bo Chen"], "introduced_by_id": [None, 1],
                         "depth": [0, 1], "organisation": ["", ""], "interviews": [1, 2]})
    labels = list(charts.referral_tree(tree).to_plotly_json()["data"][0]["labels"])
    assert labels == ["Ana Okafor (1 interview)", "Bo Chen (2 interviews)"]


def _ticks(axis: dict) -> list[pd.Timestamp]:
    """The dates Plotly will label on a date axis with a fixed step, inside its range."""
    start, end = (pd.Timestamp(x) for x in axis["range"])
    tick, step, ticks = pd.Timestamp(axis["tick0"]), axis["dtick"], []
    while tick <= end:
        if tick >= start:
            ticks.append(tick)
        tick = tick + (pd.DateOffset(months=int(step[1:])) if isinstance(step, str) else pd.Timedelta(
            milliseconds=step))
    return ticks


def test_nine_years_of_network_growth_label_years_not_a_hundred_months() -> None:
    months = pd.period_range("2018-01", "2026-12", freq="M").astype(str)
    growth = pd.DataFrame({"month": months, "source": "linkedin", "new": 3})
    fig = charts.network_growth(growth).to_plotly_json()
    axis = fig["layout"]["xaxis"]
    ticks = _ticks(axis)
    assert axis["tickformat"] == "%Y" and len(ticks) == 9  # 2018 … 2026
    assert max(ticks) <= pd.Timestamp("2026-12-01")  # never a tick in the future
    assert fig["data"][0]["width"] >= 20 * charts.DAY_MS  # bars, not hairlines


def test_interviews_per_week_label_whole_dates_never_times() -> None:
    weekly = pd.DataFrame({"week": [date(2026, 11, 16), date(2026, 11, 23), date(2026, 11, 30)],
                           "interviews": [1, 2, 1]})
    axis = charts.interviews_per_week(weekly, 2).to_plotly_json()["layout"]["xaxis"]
    assert axis["type"] == "date" and axis["tickformat"] == "%d %b"  # "30 Nov", not "23:59:59.9996 Nov 29"
    assert _ticks(axis) == [pd.Timestamp(d) for d in weekly["week"]]


def test_one_month_of_reciprocity_labels_its_month_not_midnight() -> None:
    axis = charts.reciprocity(RECIPROCITY).to_plotly_json()["layout"]["xaxis"]
    assert axis["tickformat"] == "%b %Y" and _ticks(axis) == [pd.Timestamp("2026-03-01")]


def test_month_labels_have_room_below_the_axis() -> None:
    layout = charts.network_growth(GROWTH).to_plotly_json()["layout"]
    assert layout["xaxis"]["automargin"] is True and layout["margin"]["b"] >= 40  # "Jan", not a clipped "Jar"
