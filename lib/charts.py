"""Plotly figures for the dashboard: pure functions, DataFrame (or dict) in, Figure out.

States keep one colour everywhere (on time and healthy green, late and due soon amber, overdue red,
open blue, dormant grey), so a glance means the same on every chart. Empty data gives a figure that
says what will appear there, never broken axes.
"""

from __future__ import annotations

import html
from typing import Any

import pandas as pd
import plotly.graph_objects as go

STATE_COLOURS = {
    "on_time": "#2F8F5B", "healthy": "#2F8F5B",
    "late": "#D98E04", "due_soon": "#D98E04",
    "overdue": "#C0392B",
    "open": "#3A7CA5",
    "dormant": "#8A8F98",
}
STATE_LABELS = {"on_time": "Done on time", "late": "Done late", "overdue": "Overdue", "open": "Open",
                "healthy": "Healthy", "due_soon": "Due soon", "dormant": "Dormant"}
PALETTE = ["#2F6F62", "#3A7CA5", "#D98E04", "#8E6C8A", "#C0392B", "#6B8F71", "#8A8F98"]
SOURCE_LABELS = {"referral": "Referral", "alumni": "Alumni", "event": "Event", "linkedin": "LinkedIn",
                 "cold_outreach": "Cold outreach", "other": "Other"}


def _layout(fig: go.Figure, title: str, **extra: Any) -> go.Figure:
    settings = {"title": title, "margin": {"l": 10, "r": 10, "t": 50, "b": 70}, "height": 340,
                "legend": {"orientation": "h", "y": -0.3, "yanchor": "top"}, "template": "plotly_white"}
    fig.update_layout(**(settings | extra))
    return fig


def _counts(peak: float, title: str, **extra: Any) -> dict[str, Any]:
    """An axis of whole numbers: no 0.5 or 1.019 on a chart of people and meetings."""
    axis = {"title": title, "rangemode": "tozero", "tickformat": ",d"} | extra
    if peak <= 10:
        axis["dtick"] = 1 if peak <= 5 else 2
    return axis


DAY_MS = 86_400_000


def _time_axis(stamps: Any, per: str) -> dict[str, Any]:
    """Whole dates at a spacing that suits the range (a few weeks or ten years), never times of day, never a
    tick past the last point: Plotly's own choice gave "23:59:59.9996 Nov 29" and a hundred month labels."""
    days = pd.to_datetime(pd.Series(list(stamps)))
    first, last = days.min(), days.max()
    months = (last.year - first.year) * 12 + last.month - first.month
    half = pd.Timedelta(days=3.5 if per == "week" else 15)
    axis: dict[str, Any] = {"type": "date", "automargin": True, "ticklabelmode": "instant",
                            "range": [str((first - half).date()), str((last + half).date())]}
    if per == "week" and months <= 3:
        return axis | {"tickformat": "%d %b", "dtick": 7 * DAY_MS, "tick0": str(first.date())}
    step = next(m for limit, m in ((12, 1), (36, 3), (72, 6), (10**6, 12)) if months <= limit)
    start = first.replace(day=1) if per == "week" or first.day != 1 else first
    if per == "week" and start < first:
        start = (start + pd.offsets.MonthBegin(1)).normalize()
    return axis | {"tickformat": "%b %Y" if step < 12 else "%Y", "dtick": f"M{step}", "tick0": str(start.date())}


def _bar_width(per: str) -> float:
    """Bars as wide as most of their period, so ten years of months are bars, not hairlines."""
    return (5 if per == "week" else 24) * DAY_MS


def _month_days(months: Any) -> list[str]:
    """'2026-03' as the first day of its month, the one form a date axis reads as a date and nothing else."""
    return [str(pd.Timestamp(str(m)).date().replace(day=1)) for m in months]


def empty(title: str, message: str) -> go.Figure:
    """A chart with nothing to show yet: the title, and a sentence about what will appear."""
    fig = go.Figure()
    fig.add_annotation(text=message, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper",
                       font={"size": 14, "color": "#5F6B70"})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _layout(fig, title)


def network_growth(growth: pd.DataFrame) -> go.Figure:
    """New contacts per month, stacked by source, with the running total on a second axis."""
    title = "Network growth"
    if growth.empty:
        return empty(title, "Contacts appear here by the month you met them.")
    fig = go.Figure()
    for n, (source, rows) in enumerate(growth.groupby("source", sort=True)):
        fig.add_bar(x=_month_days(rows["month"]), y=rows["new"], name=SOURCE_LABELS.get(source, source),
                    marker_color=PALETTE[n % len(PALETTE)], customdata=[source] * len(rows),
                    width=_bar_width("month"))
    totals = growth.groupby("month", sort=True)["new"].sum().cumsum()
    fig.add_scatter(x=_month_days(totals.index), y=totals.values, name="All contacts", mode="lines+markers",
                    yaxis="y2", line={"color": "#1F2A2E"})
    per_month = growth.groupby("month")["new"].sum()
    return _layout(fig, title, barmode="stack", xaxis=_time_axis(_month_days(per_month.index), "month"),
                   yaxis=_counts(per_month.max(), "New"),
                   yaxis2=_counts(totals.max(), "Total", overlaying="y", side="right"))


def referral_tree(tree: pd.DataFrame) -> go.Figure:
    """Who introduced whom, as a sunburst: each ring is one more introduction down the chain."""
    title = "Introductions"
    if tree.empty or tree["introduced_by_id"].isna().all():
        return empty(title, "Chains of introductions appear once someone introduces you to someone.")
    involved = set(tree["introduced_by_id"].dropna().astype(int)) | set(
        tree.loc[tree["introduced_by_id"].notna(), "id"].astype(int))
    shown = _largest_chains(tree[tree["id"].isin(involved)], MAX_TREE_NODES)
    parents = ["" if pd.isna(p) else str(int(p)) for p in shown["introduced_by_id"]]
    labels = [f"{_label(n)} ({i} interview{'s' if i != 1 else ''})" if i else _label(n)
              for n, i in zip(shown["name"], shown["interviews"], strict=True)]
    fig = go.Figure(go.Sunburst(ids=shown["id"].astype(str), parents=parents, labels=labels,
                                marker={"colors": [PALETTE[int(d) % len(PALETTE)] for d in shown["depth"]]},
                                hovertemplate="%{label}<extra></extra>", maxdepth=4,
                                insidetextfont={"color": "#FFFFFF"}))  # every palette colour is dark enough
    return _layout(fig, title, height=420)


MAX_TREE_NODES = 400


def _label(text: Any) -> str:
    """A person's or organisation's name as chart text: Plotly reads <a>, <b> and <br> in labels."""
    return html.escape(str(text), quote=False)


def _largest_chains(tree: pd.DataFrame, limit: int) -> pd.DataFrame:
    """Whole chains, biggest first, up to `limit` people: a readable chart even for 10,000 contacts."""
    if len(tree) <= limit:
        return tree
    parent = dict(zip(tree["id"], tree["introduced_by_id"], strict=True))
    root = {}
    for node in tree["id"]:
        top, seen = node, 0
        while pd.notna(parent.get(top)) and parent.get(top) in parent and seen < 64:
            top, seen = int(parent[top]), seen + 1
        root[node] = top
    roots = tree["id"].map(root)
    sizes = roots.value_counts()
    kept: set[Any] = set()
    total = 0
    for top, size in sizes.items():
        if total + size > limit and kept:
            break
        kept.add(top)
        total += size
    return tree[roots.isin(kept)].head(limit)


def interviews_per_week(weekly: pd.DataFrame, goal: int) -> go.Figure:
    """Completed interviews each week against the weekly goal."""
    title = "Interviews per week"
    if weekly.empty:
        return empty(title, "Completed interviews appear here week by week.")
    met = [n >= goal and goal > 0 for n in weekly["interviews"]]
    colours = [STATE_COLOURS["on_time"] if m else STATE_COLOURS["open"] for m in met]
    fig = go.Figure(go.Bar(x=[str(w) for w in weekly["week"]], y=weekly["interviews"], name="Interviews",
                           width=_bar_width("week"), marker_color=colours))
    if goal:
        fig.add_hline(y=goal, line_dash="dash", line_color="#1F2A2E", annotation_text=f"Goal {goal}")
    return _layout(fig, title, xaxis=_time_axis(weekly["week"], "week"),
                   yaxis=_counts(max(weekly["interviews"].max(), goal), "Interviews"))


def outreach_funnel(funnel: dict[str, Any]) -> go.Figure:
    """Outreach, replies, interviews and referrals, as a funnel."""
    title = "Outreach funnel"
    if not funnel.get("outreach"):
        return empty(title, "Log an outreach to see how requests turn into conversations.")
    stages = ["Asked", "Replied", "Interviewed", "Led to a referral"]
    values = [funnel["outreach"], funnel["replied"], funnel["interviewed"], funnel["referral"]]
    fig = go.Figure(go.Funnel(y=stages, x=values, textinfo="value+percent initial",
                              marker={"color": PALETTE[:4]}))
    return _layout(fig, title)


def responders(split: dict[str, int]) -> go.Figure:
    """How people answered: Booster, Obligate, Curmudgeon, or not yet."""
    title = "Responders"
    if not sum(split.values()):
        return empty(title, "Reply speed labels appear after your first outreach.")
    names = {"booster": "Booster", "obligate": "Obligate", "curmudgeon": "Curmudgeon", "pending": "Pending"}
    colours = {"booster": STATE_COLOURS["on_time"], "obligate": STATE_COLOURS["late"],
               "curmudgeon": STATE_COLOURS["overdue"], "pending": STATE_COLOURS["dormant"]}
    shown = {k: v for k, v in split.items() if v}  # no "0%" labels piled on each other
    fig = go.Figure(go.Pie(labels=[names[k] for k in shown], values=list(shown.values()), hole=0.5,
                           marker={"colors": [colours[k] for k in shown]}, sort=False))
    return _layout(fig, title)


def followup_health(weekly: pd.DataFrame) -> go.Figure:
    """Each week's follow-ups as they stood that week: on time, late, overdue, open."""
    title = "Follow-up health over time"
    if weekly.empty:
        return empty(title, "Follow-ups appear here once a meeting or a request sets one.")
    fig = go.Figure()
    for state in ("on_time", "late", "overdue", "open"):
        fig.add_bar(x=[str(w) for w in weekly["week"]], y=weekly[state], name=STATE_LABELS[state],
                    marker_color=STATE_COLOURS[state], customdata=[state] * len(weekly), width=_bar_width("week"))
    return _layout(fig, title, barmode="stack", xaxis=_time_axis(weekly["week"], "week"), yaxis={"title": "Follow-ups"})


def thank_you_latency(latency: pd.DataFrame, window_hours: int) -> go.Figure:
    """Hours from meeting end to thank-you sent, with the window marked."""
    title = "Thank-you latency"
    if latency.empty:
        return empty(title, "Send a thank-you after a meeting to see how quickly you follow up.")
    fig = go.Figure(go.Histogram(x=latency["hours"], nbinsx=24, name="Thank-yous",
                                 marker_color=STATE_COLOURS["open"]))
    fig.add_vline(x=window_hours, line_dash="dash", line_color=STATE_COLOURS["overdue"],
                  annotation_text=f"{window_hours} h window")
    return _layout(fig, title, xaxis={"title": "Hours after the meeting"}, yaxis={"title": "Thank-yous"})


def keep_in_touch(counts: dict[str, int]) -> go.Figure:
    """Relationships by keep-in-touch health."""
    title = "Keep-in-touch health"
    if not sum(counts.values()):
        return empty(title, "Add contacts to see which relationships need attention.")
    states = list(counts)
    fig = go.Figure(go.Bar(x=[STATE_LABELS[s] for s in states], y=[counts[s] for s in states],
                           marker_color=[STATE_COLOURS[s] for s in states], customdata=states))
    return _layout(fig, title, yaxis={"title": "Contacts"})


def reciprocity(monthly: pd.DataFrame) -> go.Figure:
    """Help given and received each month."""
    title = "Reciprocity"
    if monthly.empty:
        return empty(title, "Offers you make and keep, and introductions, appear here by month.")
    fig = go.Figure()
    for n, (kind, rows) in enumerate(monthly.groupby("kind", sort=True)):
        fig.add_bar(x=_month_days(rows["month"]), y=rows["n"], name=kind.capitalize(),
                    marker_color=PALETTE[n % len(PALETTE)])
    return _layout(fig, title, barmode="group", xaxis=_time_axis(_month_days(monthly["month"]), "month"))


def coverage(frame: pd.DataFrame) -> go.Figure:
    """Industry, then organisation, sized by contacts and coloured by interviews held there."""
    title = "Coverage"
    if frame.empty:
        return empty(title, "Organisations appear here as you add contacts who work there.")
    fig = go.Figure(go.Treemap(
        labels=[_label(i) for i in frame["industry"].unique()] + [_label(o) for o in frame["organisation"]],
        parents=[""] * frame["industry"].nunique() + [_label(i) for i in frame["industry"]],
        values=[int(frame.loc[frame["industry"] == i, "contacts"].sum()) for i in frame["industry"].unique()]
        + list(frame["contacts"]),
        branchvalues="total", marker={"colorscale": [[0, "#EEF2EF"], [1, "#2F6F62"]],
                                      "colors": [0] * frame["industry"].nunique() + list(frame["interviews"])},
        hovertemplate="%{label}: %{value} contacts<extra></extra>"))
    return _layout(fig, title, height=420)


def meeting_modes(frame: pd.DataFrame) -> go.Figure:
    """Completed interviews by how they were held."""
    title = "Meeting modes"
    if frame.empty:
        return empty(title, "Completed interviews appear here by how they were held.")
    names = {"video": "Video", "in_person": "In person", "phone": "Phone"}
    fig = go.Figure(go.Pie(labels=[names.get(m, m) for m in frame["mode"]], values=frame["interviews"],
                           hole=0.5, marker={"colors": PALETTE[:len(frame)]}))
    return _layout(fig, title)
