"""Interviews: outreach, scheduling and the lists; each interview's story is on its own page (interview.py)."""

from lib.ui.guard import page_guard

page_guard()

from datetime import datetime, time, timedelta

import pandas as pd
import streamlit as st

from lib import clock, contacts, interviews, outreach, profile
from lib.ui import method, records, session, widgets
from lib.ui.text import plain
from lib.validation import Invalid

db = session.database()
prof = profile.get(db)
tz = prof.time_zone
today = clock.today(tz)
now = clock.utcnow()


# -- the lists -------------------------------------------------------------------------------------

def schedule_form() -> None:
    people = contacts.choices(db)
    with st.form("schedule", clear_on_submit=False):
        st.markdown("**Schedule an informational interview**")
        st.caption(f"Date and time in your time zone, {tz} (change it in Settings).")
        a, b = st.columns(2)
        who = a.selectbox("Contact", list(people), format_func=people.get, index=None,
                          placeholder="Someone you know", key="schedule_contact")
        new_name = b.text_input("…or a new contact's name", key="schedule_new_name",
                                help="Creates the contact as you schedule")
        c, d, e, f = st.columns(4)
        day = c.date_input("Date", value=today + timedelta(days=1), key="schedule_day", format="YYYY-MM-DD")
        start = d.time_input("Time", value=time(10, 0), key="schedule_time", step=timedelta(minutes=15))
        minutes = e.number_input("Minutes", min_value=5, max_value=480, value=30, step=5,
                                 key="schedule_minutes")
        mode = f.selectbox("Mode", list(interviews.MODES), format_func=interviews.MODES.get,
                           key="schedule_mode")
        place = st.text_input("Place or link", key="schedule_place")
        purpose = st.text_input("Purpose", placeholder="What you hope to learn", key="schedule_purpose")
        goals = st.text_area("My goals for it", key="schedule_goals")
        happened = st.checkbox("It already happened - record it so I can debrief it", key="schedule_happened")
        if not st.form_submit_button("Schedule", type="primary"):
            return
    when = clock.to_utc(datetime.combine(day, start), tz)
    if when + timedelta(minutes=int(minutes)) < now and not happened:
        st.warning(f"{day:%d %b %Y} is in the past. If this meeting already happened, tick *It already "
                   "happened* and press *Schedule* again; otherwise change the date.", icon=":material/history:")
        return
    try:
        if who is None and not new_name.strip():
            raise Invalid({"contact_id": "Pick a contact, or type a new contact's name"})
        contact_id = who if who is not None else contacts.create(db, full_name=new_name)
        new_id = interviews.schedule(db, contact_id, when, duration_minutes=int(minutes), mode=mode, place=place,
                                     purpose=purpose, goals=goals)
    except Invalid as problem:
        widgets.show_problems(problem)
        return
    # Straight to the new interview: the form is gone, so a second click cannot schedule it twice.
    records.say_on_arrival("Recorded. It is waiting for your debrief." if when < now
                           else "Scheduled. Prepare for it here.")
    records.open_interview(new_id)


def outreach_panel() -> None:
    people = contacts.choices(db)
    method.explain("3B7")
    with st.form("log_outreach", clear_on_submit=False):
        st.markdown("**Log an outreach** - Rapport reminds you of the 3B7 steps")
        a, b, c = st.columns([3, 2, 2])
        who = a.selectbox("Contact", list(people), format_func=people.get, index=None,
                          placeholder="Whom did you ask?", key="outreach_contact")
        channel = b.selectbox("Channel", list(outreach.CHANNELS), format_func=outreach.CHANNELS.get,
                              key="outreach_channel")
        sent_on = c.date_input("Sent on", value=today, max_value=today, key="outreach_day",
                               format="YYYY-MM-DD")
        text = st.text_area("What you wrote (optional)", key="outreach_text")
        if st.form_submit_button("Log outreach", type="primary"):
            try:
                if who is None:
                    raise Invalid({"contact_id": "Pick the contact you wrote to"})
                outreach.log(db, who, channel, sent_on, text)
            except Invalid as problem:
                widgets.show_problems(problem)
            else:
                st.success("Logged. Reminders set for 3 and 7 business days.", icon=":material/check:")
    requests = outreach.listing(db, today)
    waiting = [r for r in requests if r["replied_on"] is None]
    st.markdown(f"**Waiting for a reply ({len(waiting)})**")
    for row in waiting[:30]:
        left, right = st.columns([4, 3], vertical_alignment="center")
        org = f" · {plain(row['organisation'])}" if row["organisation"] else ""
        left.markdown(f"{plain(row['contact'])}{org}  \n{outreach.CHANNELS[row['channel']]} sent "
                      f"{widgets.relative(row['sent_on'], today)} · "
                      f"{outreach.RESPONDER_LABELS[row['responder']]}")
        x, y = right.columns(2)
        x.button("Reply came", key=f"reply_{row['id']}", on_click=outreach.record_reply,
                 args=(db, row["id"], today))
        if row["followed_up_on"] is None:
            y.button("Followed up", key=f"followed_{row['id']}", on_click=outreach.record_follow_up_sent,
                     args=(db, row["id"], today))
    labels = pd.Series([r["responder"] for r in requests]).value_counts()
    if not labels.empty:
        st.caption("Responders so far: " + ", ".join(
            f"{outreach.RESPONDER_LABELS[k]} {v}" for k, v in labels.items()))
        method.explain("responders")


def interview_table(frame: pd.DataFrame, key: str, empty: str) -> None:
    if frame.empty:
        st.caption(empty)
        return
    shown = frame.assign(
        when=[f"{clock.to_local(ts, tz):%a %d %b %Y %H:%M}" for ts in frame["scheduled_at"]],
        mode=frame["mode"].map(interviews.MODES),
        status=frame["status"].map(interviews.STATUSES),
    )
    event = st.dataframe(
        shown, column_order=["when", "contact", "organisation", "mode", "purpose", "status"],
        column_config={"when": "When", "contact": "Contact", "organisation": "Organisation",
                       "mode": "Mode", "purpose": "Purpose", "status": "Status"},
        hide_index=True, on_select="rerun", selection_mode="single-row", key=key)
    if event.selection.rows:
        records.open_interview(int(frame.iloc[event.selection.rows[0]]["id"]))


def overview() -> None:
    st.title("Interviews")
    with st.expander("Schedule an interview", icon=":material/event:"):
        schedule_form()
    lists = interviews.stages(db, now)
    labels = {
        "upcoming": ("Upcoming", "Nothing scheduled. Schedule a conversation above."),
        "awaiting_debrief": ("Awaiting debrief", "Every past meeting is debriefed."),
        "awaiting_thank_you": ("Awaiting thank-you", "Every thank-you is sent."),
        "completed": ("Completed", "No completed interviews yet."),
        "closed": ("Cancelled and no-shows", "None."),
    }
    # /interviews?show=outreach (Start here's "Ask for a conversation") opens on the Outreach tab.
    # Only the open tab is drawn: at 20,000 interviews the five tables and the Outreach panel's picker of
    # every contact, all drawn at once, made this page 3x an empty app in Chromium.
    tabs = st.tabs([f"{labels[k][0]} ({len(v)})" for k, v in lists.items()] + ["Outreach"],
                   default="Outreach" if st.query_params.get("show") == "outreach" else None,
                   key="interview_lists", on_change="rerun")
    for tab, (stage, frame) in zip(tabs, lists.items(), strict=False):
        if tab.open:
            with tab:
                interview_table(frame, f"table_{stage}", labels[stage][1])
    if tabs[-1].open:
        with tabs[-1]:
            outreach_panel()


records.redirect_old_address("interview", records.INTERVIEW_PAGE)
overview()
