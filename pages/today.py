"""Today: what needs doing now, and how the week is going."""

from lib.ui.guard import page_guard

page_guard()

import pandas as pd
import streamlit as st

from lib import clock, contacts, interactions, outreach, profile, today
from lib.ui import addresses, cached, once, records, session, widgets
from lib.ui.followup_items import followup_list, show_problem
from lib.ui.text import plain

ROWS_SHOWN = 3  # each row carries its actions; ten of them were half a second of the first page

db = session.database()
prof = profile.get(db)
tz = prof.time_zone
now = clock.utcnow()
local_today = clock.today(tz)
plan = cached.agenda(db, now)

st.title("Today")
local_now = clock.to_local(now, tz)
st.caption(f"{widgets.greeting(local_now.hour, prof.name)} It is {local_now:%A %d %B %Y}.")
st.markdown(f"**{plain(today.headline(plan, tz))}**")
show_problem()

progress = plan.progress
a, b, c, d = st.columns(4)
widgets.figure(a, "Interviews this week", f"{progress['this_week']} of {progress['goal']}",
               help="Completed informational interviews this ISO week, against your weekly goal")
widgets.figure(b, "Weeks in a row at goal", progress["streak"])
widgets.figure(c, "Thank-yous pending", len(plan.thank_yous))
widgets.figure(d, "Follow-ups overdue", plan.overdue_total,
               help="Every overdue follow-up, thank-yous and snoozed ones included - the same count as the Dashboard")

steps = today.first_steps(db)
if not all(done for _, done in steps.values()):
    st.header("Start here")
    st.caption("Three steps to your first informational interview.")
    for (label, done), (page, query) in zip(steps.values(), [
            (addresses.page("organisations"), None), (addresses.page("contacts"), None),
            (addresses.page("interviews"), {"show": "outreach"})], strict=True):  # asking is logged on Outreach
        if done:
            st.markdown(f":green[:material/check_circle:] ~~{label}~~ - done")
        else:
            st.page_link(page, label=label, icon=":material/arrow_forward:", query_params=query)


def meeting_lines(frame: pd.DataFrame, empty: str) -> None:
    if frame.empty:
        st.caption(empty)
        return
    for meeting in frame.to_dict("records"):
        start = clock.to_local(meeting["scheduled_at"].to_pydatetime(), tz)
        org = f" ({plain(meeting['organisation'])})" if meeting["organisation"] else ""
        records.interview_link(meeting["id"], f"{start:%a %d %b %H:%M} - {plain(meeting['contact'])}{org}")


left, right = st.columns(2, gap="large")
with left:
    st.header("Meetings today")
    meeting_lines(plan.meetings_today, "No meetings today.")
    st.header("Next seven days")  # not Monday-Sunday: Follow-ups' "This week" is the calendar week
    if plan.meetings_this_week.empty and plan.due_this_week.empty:
        st.caption("Nothing else in the next seven days.")
    else:
        meeting_lines(plan.meetings_this_week, "No other meetings in the next seven days.")
        lines = []  # one block for the week's follow-ups: every element is work for the browser
        for item in plan.due_this_week.to_dict("records"):
            due = clock.to_local(pd.Timestamp(item["due_at"]).to_pydatetime(), tz)
            lines.append(f":material/task_alt: {plain(item['title'])} - due {due:%a %d %b} "
                         f"({widgets.relative(due.date(), local_today)})")
        if lines:
            st.markdown("  \n".join(lines))
with right:
    st.header("Thank-yous to send")
    if plan.thank_yous.empty:
        st.caption("Every thank-you is sent.")
    for item in plan.thank_yous.to_dict("records"):
        link, badge = st.columns([3, 2], vertical_alignment="center")
        records.interview_link(item["interview_id"], f"Thank {plain(item['contact'])}", icon=":material/mail:",
                               where=link)
        badge.markdown(widgets.hours_badge(item["hours_left"]))



def first_few(frame: pd.DataFrame, key: str, empty: str, rest: str) -> None:
    """A digest, not the whole list: the first few rows to act on here, and the way to the rest."""
    followup_list(db, frame.head(ROWS_SHOWN), tz, local_today, key=key, empty=empty, lazy=True)
    if len(frame) > ROWS_SHOWN:
        st.page_link(addresses.page("followups"), label=f"{len(frame) - ROWS_SHOWN} more {rest} on Follow-ups",
                     icon=":material/arrow_forward:")


st.header(f"Overdue ({len(plan.overdue)})")
first_few(plan.overdue, "today_overdue", "Nothing overdue.", "overdue")
st.header(f"Due today ({len(plan.due_today)})")
first_few(plan.due_today, "today_due", "Nothing else due today.", "due today")

st.header("Going cold")
if plan.going_cold.empty:
    st.caption("No relationship is near its keep-in-touch date.")
for person in plan.going_cold.to_dict("records"):
    due_day = pd.Timestamp(person["keep_in_touch_due"]).date()
    records.contact_link(person["id"], f"{plain(person['name'])} - keep-in-touch "
                         f"{widgets.relative(due_day, local_today)}", icon=":material/ac_unit:")

def quick_outreach() -> None:
    """Log a request for a conversation; 3B7 reminders follow. Saving clears the form, so it logs once."""
    form = "quick_outreach"
    people = contacts.choices(db)
    with st.form(once.keyed(form), clear_on_submit=False, border=False):
        who = st.selectbox("Contact", list(people), format_func=people.get, index=None,
                           key=once.keyed(form, "qo_contact"))
        channel = st.selectbox("Channel", list(outreach.CHANNELS), format_func=outreach.CHANNELS.get,
                               key=once.keyed(form, "qo_channel"))
        submitted = st.form_submit_button("Log outreach", type="primary")

    def log() -> str:
        outreach.log(db, once.picked(who, "Pick the contact you wrote to"), channel, local_today)
        return f"Logged {once.DONE_MARK} your request to {plain(people[who])}; 3B7 reminders set."

    once.submit(form, submitted, log)


def quick_interaction() -> None:
    """Log a touchpoint; the keep-in-touch clock starts again. Saving clears the form, so it logs once."""
    form = "quick_interaction"
    people = contacts.choices(db)
    with st.form(once.keyed(form), clear_on_submit=False, border=False):
        who = st.selectbox("Contact", list(people), format_func=people.get, index=None,
                           key=once.keyed(form, "qi_contact"))
        kind = st.selectbox("Kind", list(interactions.KINDS), format_func=interactions.KINDS.get,
                            key=once.keyed(form, "qi_kind"))
        note = st.text_input("Note", key=once.keyed(form, "qi_note"), max_chars=interactions.NOTE_LIMIT)
        submitted = st.form_submit_button("Log interaction", type="primary")

    def log() -> str:
        interactions.log(db, once.picked(who, "Pick the contact"), kind, note=note)
        return (f"Logged {once.DONE_MARK} {interactions.KINDS[kind]} with {plain(people[who])}; "
                "the keep-in-touch clock starts again.")

    once.submit(form, submitted, log)


st.header("Quick actions")
q1, q2, q3 = st.columns(3)
outreach_box = q1.popover("Log an outreach", icon=":material/send:", width="stretch", key="quick_outreach_open",
                          on_change="rerun")  # drawn when opened: Today's first page stays light
with outreach_box:
    if outreach_box.open:
        quick_outreach()
q2.page_link(addresses.page("interviews"), label="Schedule an interview", icon=":material/event:")
interaction_box = q3.popover("Log an interaction", icon=":material/forum:", width="stretch",
                             key="quick_interaction_open", on_change="rerun")
with interaction_box:
    if interaction_box.open:
        quick_interaction()
