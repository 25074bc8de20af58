"""Settings → Reminders: the channels (redacted), when reminders go out, a test per channel, the last send."""

from __future__ import annotations

import sys
from typing import Any

import streamlit as st

from lib import clock, config, profile, reminders
from lib.db import Database
from lib.ui import widgets
from lib.ui.text import plain
from lib.validation import Invalid

EXAMPLE = '''[reminders]
urls = [
  "mailto://you:APP-PASSWORD@smtp.gmail.com?to=you@gmail.com",   # Gmail: an app password
  "ntfy://ntfy.sh/a-long-random-topic",                           # ntfy push to your phone
  "tgram://BOT-TOKEN/CHAT-ID",                                    # Telegram
]'''


def section(db: Database) -> None:
    """The whole Reminders tab."""
    st.caption("Rapport sends a morning digest, meeting prep, a nudge before a thank-you window closes and a "
               "Monday review - by email, push or chat - from a cron line every 15 minutes. Nothing is sent when "
               "nothing is due.")
    timing(db)
    targets = reminders.channels()
    st.header("Channels")
    if not targets:
        st.info(f"No channels yet. Add their addresses to {config.secrets_file()} - they carry passwords, so "
                "they live only there, never in the database - then reload this page:", icon=":material/key:")
        # Unhighlighted (the highlighter's colours miss 4.5:1 here) and wrapped (a phone never scrolls it).
        st.code(EXAMPLE, language=None, wrap_lines=True)
    else:
        last = reminders.last_sends(db)
        for target in targets:
            channel_row(db, target, last.get(target.id))
    st.header("Run it every 15 minutes")
    st.code(reminders.schedule(sys.executable), language=None, wrap_lines=True)


def timing(db: Database) -> None:
    """When reminders go out, in the profile's time zone."""
    current = profile.get(db)
    with st.form("reminder_timing"):
        a, b, c = st.columns(3)
        hour = a.number_input(f"Morning digest at (hour, {current.time_zone})", 0, 23, current.digest_hour)
        lead = b.number_input("Meeting prep, hours before", 1, 48, current.prep_lead_hours)
        nudge = c.number_input("Thank-you nudge, hours before the window closes", 1, 48, current.nudge_hours)
        weekly = st.checkbox("A review of last week every Monday", value=current.weekly_review)
        if st.form_submit_button("Save reminder times"):
            try:
                profile.save(db, digest_hour=int(hour), prep_lead_hours=int(lead), nudge_hours=int(nudge),
                             weekly_review=weekly)
            except Invalid as problem:
                widgets.show_problems(problem)
            else:
                st.success("Reminder times saved.", icon=":material/check:")


def channel_row(db: Database, target: reminders.Channel, last: dict[str, Any] | None) -> None:
    """One channel: its redacted address, its last send, and a test."""
    tz = profile.get(db).time_zone
    name, action = st.columns([4, 1], vertical_alignment="center")
    said = f"**{plain(target.service)}** · {plain(target.label)}"
    if last:
        when = f"{clock.to_local(last['attempted_at'], tz):%d %b %H:%M}"
        said += (f"  \nLast sent {when} ({reminders.KINDS.get(last['kind'], last['kind']).lower()})" if last["ok"]
                 else f"  \nLast try {when} failed: {plain(last['reason'])}")
    name.markdown(said)
    key = f"reminder_test_{target.id}"
    if action.button("Send a test", key=key, icon=":material/send:"):
        ok, reason = reminders.deliver(target, reminders.test_message())
        st.session_state[f"{key}_said"] = (ok, reason)
    outcome = st.session_state.get(f"{key}_said")
    if outcome is not None:
        if outcome[0]:
            st.success(f"Sent a test to {plain(target.label)}. Check that it arrived.", icon=":material/check:")
        else:
            st.error(f"The test did not go out: {plain(outcome[1])}", icon=":material/error:")
