"""One sentence under each dashboard chart: what it shows, for people who cannot see the chart.

A screen reader reads nothing from a Plotly figure, and a person on a phone may not make out a small
bar. Each function takes the same data as its chart in lib/charts.py and says its headline in words,
so the dashboard has a text equivalent for every figure (WCAG 1.1.1).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pandas as pd

from lib import wording
from lib.charts import STATE_LABELS
from lib.drafting.material import join

RESPONDERS = {"booster": ("Booster", "Boosters"), "obligate": ("Obligate", "Obligates"),
              "curmudgeon": ("Curmudgeon", "Curmudgeons"), "pending": ("still waiting", "still waiting")}
ORIGINS = {"referral": "referrals", "alumni": "alumni networks", "event": "events", "linkedin": "LinkedIn",
           "cold_outreach": "cold outreach", "other": "elsewhere"}
MODES = {"video": "by video", "in_person": "in person", "phone": "by phone"}


def _n(count: int, noun: str, plural: str | None = None) -> str:
    """'1 contact', '3 contacts': whole numbers and the right form of the word."""
    return wording.count(count, noun, plural, none=None)


def _month(value: Any) -> str:
    """'2026-01' as 'January 2026'."""
    return datetime.strptime(str(value)[:7], "%Y-%m").strftime("%B %Y")


def network_growth(growth: pd.DataFrame) -> str:
    """How many people met in the view's months, and where most came from."""
    if growth.empty:
        return "No contacts in this view yet."
    by_source = growth.groupby("source")["new"].sum().sort_values(ascending=False)
    top = by_source.index[0]
    months = sorted(growth["month"].astype(str))
    return (f"{_n(by_source.sum(), 'contact')} met from {_month(months[0])} to {_month(months[-1])}; "
            f"most came from {ORIGINS.get(top, top)} ({by_source.iloc[0]:,}).")


def referral_tree(tree: pd.DataFrame) -> str:
    """How many introductions, how deep, and who opened the most doors."""
    introduced = tree[tree["introduced_by_id"].notna()] if not tree.empty else tree
    if introduced.empty:
        return "No introductions recorded yet."
    top_id = introduced["introduced_by_id"].astype(int).value_counts().index[0]
    top_count = int(introduced["introduced_by_id"].astype(int).value_counts().iloc[0])
    top_name = tree.loc[tree["id"] == top_id, "name"]
    who = f"; {top_name.iloc[0]} introduced the most ({top_count})" if not top_name.empty else ""
    return (f"{_n(len(introduced), 'introduction')}, up to {_n(int(tree['depth'].max()), 'step')} deep"
            f"{who}.")


def interviews_per_week(weekly: pd.DataFrame, goal: int) -> str:
    """Total, the best week, and how many weeks met the goal."""
    if weekly.empty or not weekly["interviews"].sum():
        return "No completed interviews in this view yet."
    best = weekly.loc[weekly["interviews"].idxmax()]
    at_goal = int((weekly["interviews"] >= goal).sum()) if goal else 0
    goal_part = f"; {_n(at_goal, 'week')} reached the goal of {goal}" if goal else ""
    return (f"{_n(weekly['interviews'].sum(), 'interview')} over {_n(len(weekly), 'week')}; the busiest week "
            f"(from {pd.Timestamp(best['week']):%d %b %Y}) had {int(best['interviews'])}{goal_part}.")


def outreach_funnel(funnel: dict[str, Any]) -> str:
    """Each stage's count, from asking to a referral."""
    if not funnel.get("outreach"):
        return "No outreach logged in this view yet."
    return (f"Of {_n(funnel['outreach'], 'request')}, {funnel['replied']:,} got a reply, {funnel['interviewed']:,} "
            f"became an interview and {funnel['referral']:,} led to a referral.")


def responders(split: dict[str, int]) -> str:
    """How people answered, largest group first."""
    shown = [(k, v) for k, v in sorted(split.items(), key=lambda kv: -kv[1]) if v]
    if not shown:
        return "No outreach answered or waiting yet."
    return "Responders: " + join([_n(v, *RESPONDERS[k]) for k, v in shown]) + "."


def followup_health(weekly: pd.DataFrame) -> str:
    """How the latest week's follow-ups stand."""
    if weekly.empty:
        return "No follow-ups in this view yet."
    last = weekly.iloc[-1]
    parts = [f"{int(last[s]):,} {STATE_LABELS[s].lower()}" for s in ("on_time", "late", "overdue", "open")]
    return (f"In the latest week (from {pd.Timestamp(last['week']):%d %b %Y}) follow-ups stood at "
            + join(parts) + ".")


def thank_you_latency(latency: pd.DataFrame, window_hours: int) -> str:
    """The typical delay and how many thank-yous were inside the window."""
    if latency.empty:
        return "No thank-you sent in this view yet."
    hours = latency["hours"]
    inside = int((hours <= window_hours).sum())
    return (f"{_n(len(hours), 'thank-you')}: typically {hours.median():.0f} hours after the meeting; "
            f"{inside:,} within the {window_hours}-hour window.")


def keep_in_touch(counts: dict[str, int]) -> str:
    """Relationships by keep-in-touch health."""
    if not sum(counts.values()):
        return "No contacts in this view yet."
    return "Relationships: " + join([f"{v:,} {STATE_LABELS[k].lower()}" for k, v in counts.items()]) + "."


def reciprocity(monthly: pd.DataFrame) -> str:
    """Totals of each kind of help over the period."""
    if monthly.empty:
        return "No offers or introductions recorded in this view yet."
    totals = monthly.groupby("kind")["n"].sum().sort_values(ascending=False)
    return "Over the period: " + join([f"{int(v):,} {k}" for k, v in totals.items()]) + "."


UNKNOWN_INDUSTRY = "No industry"  # what lib.metrics.coverage names organisations without one


def coverage(frame: pd.DataFrame) -> str:
    """How many organisations and industries, and where most contacts are."""
    if frame.empty:
        return "No organisations in this view yet."
    by_industry = frame.groupby("industry")["contacts"].sum().sort_values(ascending=False)
    known = by_industry.drop(UNKNOWN_INDUSTRY, errors="ignore")  # organisations with none set: not an industry
    if known.empty:
        return f"{_n(len(frame), 'organisation')}; none has its industry set yet."
    return (f"{_n(len(frame), 'organisation')} in {_n(len(known), 'industry', 'industries')}; "
            f"most contacts work in {known.index[0]} ({int(known.iloc[0]):,}).")


def meeting_modes(frame: pd.DataFrame) -> str:
    """Completed interviews by how they were held."""
    if frame.empty or not frame["interviews"].sum():
        return "No completed interviews in this view yet."
    ordered = frame[frame["interviews"] > 0].sort_values("interviews", ascending=False)
    parts = [f"{int(n):,} {MODES.get(m, m)}" for m, n in zip(ordered["mode"], ordered["interviews"], strict=True)]
    parts[0] = f"{_n(ordered['interviews'].iloc[0], 'interview')} {MODES.get(ordered['mode'].iloc[0], '')}"
    return join(parts) + "."
