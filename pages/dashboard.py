"""Dashboard: how the network grew, which relationships need attention, whether promises are kept."""

from lib.ui.guard import page_guard

page_guard()

from collections.abc import Callable
from datetime import date, timedelta

import pandas as pd
import streamlit as st

from lib import charts, clock, contacts, metrics, organisations, profile
from lib.io import exports
from lib.ui import cached, session
from lib.ui.text import plain

db = session.database()
tz = profile.get(db).time_zone
today = clock.today(tz)

st.title("Dashboard")
a, b, c, d = st.columns([2, 1, 1, 1])
span = a.date_input("Dates", value=(), max_value=today + timedelta(days=365), format="YYYY-MM-DD",
                    key="dash_dates", help="Leave empty for all time; pick a start and an end to narrow")
industry = b.selectbox("Industry", organisations.industries(db), index=None, placeholder="Any",
                       key="dash_industry")
tag = c.selectbox("Tag", contacts.all_tags(db), index=None, placeholder="Any", key="dash_tag")
source = d.selectbox("Source", list(contacts.SOURCES), index=None, format_func=contacts.SOURCES.get,
                     placeholder="Any", key="dash_source")
start, end = (span[0], span[1]) if isinstance(span, tuple) and len(span) == 2 else (None, None)
filters = metrics.Filters(start=start, end=end, industry=industry, tag=tag, source=source)
data, figures, sentences = cached.dashboard(db, filters)

rate = data["thank_you"]["on_time_rate"]
k1, k2, k3, k4, k5 = st.columns(5)
k1.metric("Contacts", data["contacts_total"])
k2.metric("Warm contacts", data["warm"], help="Met at least once")
k3.metric("Interviews this month", data["this_month"], help="Completed, in weeks overlapping this month")
k4.metric("Follow-ups overdue", data["health_now"]["overdue"])
k5.metric("Thank-yous on time", "-" if rate is None else f"{rate:.0%}",
          help=f"Sent within {data['thank_you']['window_hours']} hours of the meeting's end")

if data["contacts_total"] == 0:
    st.info("Nothing to chart yet. Add contacts, log outreach and complete an interview, and the charts "
            "below fill in - or explore the demo from Settings to see them full.", icon=":material/insights:")


def chart(name: str, frame: pd.DataFrame | None, key: str, selectable: bool = False) -> tuple | None:
    """A chart, its sentence (the text equivalent) and its data as CSV below it; for a clickable chart, the
    clicked bar as (x, what it counts)."""
    event = st.plotly_chart(figures[name], key=key, on_select="rerun" if selectable else "ignore",
                            selection_mode="points", width="stretch")
    st.caption(plain(sentences[name]))
    if frame is not None and not frame.empty:
        st.download_button("Data (CSV)", lambda: exports.frame_csv(frame),  # made on click
                           file_name=f"rapport-{key}.csv", mime="text/csv", key=f"{key}_csv",
                           icon=":material/download:")
    bars = [p for p in (event.selection.points if selectable and event else []) if p.get("customdata")]
    if not bars:
        return None
    what = bars[0]["customdata"]  # a bar's own label, sometimes wrapped in a list
    return bars[0]["x"], what[0] if isinstance(what, list) else what


left, right = st.columns(2, gap="large")
with left:
    picked = chart("growth", data["growth"], "growth", selectable=True)
    if picked:
        month, who = picked
        st.caption(f"Met in {pd.Timestamp(month):%B %Y} - {contacts.SOURCES.get(who, who).lower()}:")
        st.dataframe(metrics.contacts_in_month(db, month, who, filters), hide_index=True,
                     column_order=["name", "organisation", "first_met"], column_config={
                         "name": "Name", "organisation": "Organisation",
                         "first_met": st.column_config.DateColumn("First met", format="D MMM YYYY")})
with right:
    chart("tree", data["tree"], "referrals")


def section(title: str, key: str, *draws: Callable[[], None]) -> None:
    """Charts drawn when their section is opened: the first screen waits for two charts, not eleven (the
    browser took 5-6 s to draw them all at the demo's scale)."""
    opened = st.expander(title, key=key, on_change="rerun")
    if opened.open:
        with opened:
            for draw in draws:
                draw()


def interviews_and_outreach() -> None:
    left, right = st.columns(2, gap="large")
    with left:
        chart("weekly", data["weekly"], "weekly")
        progress = data["progress"]
        st.caption(f"Your weekly goal (all contacts, whatever the filters): this week {progress['this_week']} "
                   f"of {progress['goal']}; {progress['streak']} weeks in a row at goal.")
    with right:
        funnel = data["funnel"]
        chart("funnel", pd.DataFrame([{k: v for k, v in funnel.items() if k != "responders"}]),
              "funnel")
        if funnel["reply_rate"] is not None:
            st.caption(f"Reply rate {funnel['reply_rate']:.0%}.")


def followups_and_responders() -> None:
    left, right = st.columns(2, gap="large")
    with left:
        picked = chart("health", data["health_weekly"], "health", selectable=True)
        if picked:
            week, state = date.fromisoformat(str(picked[0])[:10]), picked[1]
            st.caption(f"{charts.STATE_LABELS[state]} at the end of the week of {week:%d %b %Y}:")
            behind = metrics.followups_standing_in_week(db, week, state, filters)
            behind = behind.assign(due=clock.local_dates(behind["due_at"], tz),
                                   snoozed=clock.local_dates(behind["snoozed_until"], tz))
            st.dataframe(behind, hide_index=True,
                         column_order=["title", "contact", "organisation", "due"]
                         + (["snoozed"] if behind["snoozed_until"].notna().any() else []), column_config={
                             "title": "Follow-up", "contact": "Contact", "organisation": "Organisation",
                             "due": st.column_config.DateColumn("Due", format="D MMM YYYY"),
                             "snoozed": st.column_config.DateColumn("Snoozed until", format="D MMM YYYY")})
    with right:
        chart("responders", pd.DataFrame([data["funnel"]["responders"]]), "responders")


def latency_and_keep_in_touch() -> None:
    left, right = st.columns(2, gap="large")
    with left:
        chart("latency", data["latency"],
              "latency")
    with right:
        kit = data["keep_in_touch"]
        picked = chart("keep_in_touch", pd.DataFrame([kit]), "keep_in_touch", selectable=True)
        if picked:
            state = picked[1]
            st.caption(f"{charts.STATE_LABELS[state]}:")
            st.dataframe(contacts.search(db, state=state, industry=industry, tag=tag, source=source),
                         hide_index=True, column_order=["name", "organisation", "keep_in_touch_due"],
                         column_config={"name": "Name", "organisation": "Organisation",
                                        "keep_in_touch_due": st.column_config.DateColumn("Keep in touch by",
                                                                                         format="D MMM YYYY")})


def give_and_take() -> None:
    left, right = st.columns(2, gap="large")
    with left:
        chart("reciprocity", data["reciprocity"], "reciprocity")
    with right:
        chart("modes", data["modes"], "modes")


def coverage() -> None:
    chart("coverage", data["coverage"], "coverage")


section("Interviews, outreach and follow-ups over time", "dash_over_time", interviews_and_outreach,
        followups_and_responders)
section("Thank-you latency and keeping in touch", "dash_keeping_up", latency_and_keep_in_touch)
section("Reciprocity and how you meet", "dash_reciprocity", give_and_take)
section("Coverage of your target employers", "dash_coverage", coverage)
