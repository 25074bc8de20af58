"""One follow-up as a row with its actions: complete, snooze, edit. Shared by Today and Follow-ups."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

import pandas as pd
import streamlit as st

from lib import clock, followups
from lib.db import Database
from lib.ui.text import plain
from lib.ui.widgets import relative
from lib.validation import Invalid

STATE_BADGES = {
    "overdue": ":red-badge[Overdue]",
    "open": ":blue-badge[Open]",
    "snoozed": ":gray-badge[Snoozed]",
    "done_on_time": ":green-badge[Done on time]",
    "done_late": ":orange-badge[Done late]",
    "dismissed": ":gray-badge[No longer needed]",
}
PROBLEM_KEY = "followup_problem"


def _badge(item: dict[str, Any], tz: str) -> str:
    """The state's badge; a snoozed one says until when, and that it is overdue once past due (a snooze
    hides it from today's list, it does not make a missed date on time)."""
    if item["state"] != "snoozed" or pd.isna(item.get("snoozed_until")):
        return STATE_BADGES.get(item["state"], "")
    until = clock.to_local(pd.Timestamp(item["snoozed_until"]).to_pydatetime(), tz)
    late = STATE_BADGES["overdue"] + " " if pd.Timestamp(item["due_at"]) < clock.utcnow() else ""
    return f"{late}:gray-badge[Snoozed until {until:%d %b}]"


def _complete(db: Database, followup_id: int) -> None:
    followups.complete(db, followup_id)
    st.toast("Done.", icon=":material/check:")


def _snooze(db: Database, item: dict[str, Any], until: datetime, tz: str, popover: str) -> None:
    """Snooze this row's follow-up (its id came with the button), close its popover and say what was done:
    an open popover left behind was drawn over the next row, and its next click snoozed someone else."""
    st.session_state[popover] = False
    try:
        followups.snooze(db, item["id"], until)
    except Invalid as problem:
        st.session_state[PROBLEM_KEY] = problem
        return
    st.toast(f"Snoozed \u201c{plain(item['title'])}\u201d until {clock.to_local(until, tz):%a %d %b}.",
             icon=":material/snooze:")


def _snooze_to_date(db: Database, item: dict[str, Any], key: str, tz: str, popover: str) -> None:
    day = st.session_state[key]
    _snooze(db, item, clock.to_utc(datetime.combine(day, time(8)), tz), tz, popover)


def _edit(db: Database, item: dict[str, Any], key: str, tz: str, popover: str) -> None:
    """Save the row's edit and close its popover, saying so."""
    st.session_state[popover] = False
    try:
        followups.edit(db, item["id"], title=st.session_state[f"{key}_title"],
                       due_at=followups.end_of_day(st.session_state[f"{key}_due"], tz))
    except Invalid as problem:
        st.session_state[PROBLEM_KEY] = problem
        return
    st.toast(f"Saved \u201c{plain(st.session_state[f'{key}_title'])}\u201d.", icon=":material/edit:")


def show_problem() -> None:
    """A refused snooze or edit from the last click, said once."""
    problem = st.session_state.pop(PROBLEM_KEY, None)
    if problem:
        st.error("; ".join(problem.problems.values()), icon=":material/error:")


def followup_row(db: Database, item: dict[str, Any], tz: str, today: date, key: str, lazy: bool = False) -> None:
    """Title, who, when and state on the left; the actions that fit its state on the right. Each popover is keyed
    by the follow-up's id and closes after acting. With `lazy`, the Snooze and Edit choices are drawn when
    their popover opens (Today's first page draws half as much)."""
    due_local = clock.to_local(pd.Timestamp(item["due_at"]).to_pydatetime(), tz)
    left, right = st.columns([3, 2], vertical_alignment="center")
    with left:
        org = f" · {plain(item['organisation'])}" if item.get("organisation") else ""
        when = relative(due_local.date(), today)
        timed = f" {due_local:%H:%M}" if item["kind"] == "thank_you" else ""
        st.markdown(f"**{plain(item['title'])}**  \n{plain(item['contact'])}{org} · due {due_local:%d %b}{timed} "
                    f"({when}) {_badge(item, tz)}")
    with right:
        if item["state"] in ("done_on_time", "done_late", "dismissed"):
            st.button("Reopen", key=f"{key}_reopen", on_click=followups.reopen, args=(db, item["id"]))
            return
        a, b, c = st.columns(3)
        a.button("Done", key=f"{key}_done", type="primary", icon=":material/check:",
                  on_click=_complete, args=(db, item["id"]))
        snooze_key, edit_key = f"{key}_snooze_open", f"{key}_edit_open"  # `key` carries the follow-up's id
        snooze = b.popover("Snooze", icon=":material/snooze:", key=snooze_key, on_change="rerun")
        with snooze:
            if snooze.open or not lazy:
                for label, span in followups.SNOOZES.items():
                    st.button(label, key=f"{key}_snooze_{label}", on_click=_snooze,
                              args=(db, item, clock.utcnow() + span, tz, snooze_key))
                st.date_input("Until", value=today + timedelta(days=14), min_value=today + timedelta(days=1),
                              key=f"{key}_until", format="YYYY-MM-DD")
                st.button("Snooze until then", key=f"{key}_snooze_date", on_click=_snooze_to_date,
                          args=(db, item, f"{key}_until", tz, snooze_key))
        edit = c.popover("Edit", icon=":material/edit:", key=edit_key, on_change="rerun")
        with edit:
            if edit.open or not lazy:
                st.text_input("What needs doing", value=item["title"], key=f"{key}_title")
                st.date_input("Due", value=due_local.date(), key=f"{key}_due", format="YYYY-MM-DD")
                st.button("Save", key=f"{key}_save", on_click=_edit, args=(db, item, key, tz, edit_key))


PAGE_ROWS = 25  # rows drawn at a time: 9,000 overdue rows with their buttons never finished drawing


def followup_list(db: Database, frame: pd.DataFrame, tz: str, today: date, key: str,
                  empty: str = "Nothing here.", lazy: bool = False, page: int = PAGE_ROWS) -> None:
    """Rows for the follow-ups in `frame`, `page` at a time with the way to more, or a quiet line when there
    are none: the first screen draws in the same time whatever the list's length."""
    if frame.empty:
        st.caption(empty)
        return
    shown = int(st.session_state.get(f"{key}_shown", page))
    for item in frame.head(shown).to_dict("records"):
        followup_row(db, item, tz, today, f"{key}_{item['id']}", lazy)
    if len(frame) > shown:
        st.caption(f"Showing {shown:,} of {len(frame):,}, most urgent first.")
        st.button(f"Show {min(page, len(frame) - shown):,} more", key=f"{key}_more", icon=":material/expand_more:",
                  on_click=lambda: st.session_state.update({f"{key}_shown": shown + page}))
