"""The interview page's *What happened?* box: notes as typed on a phone, or a voice memo, sorted into the debrief,
reviewed, then saved through the same completion as the form (lib/debriefs.py does the work).

Laid out for a phone: one column, the notes first, the memo under them, the proposal under that. What was typed
and the memo stay in the session until the user leaves the page, whatever fails; a memo is dropped once its words
are in the notes.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pandas as pd
import streamlit as st

from lib import debriefs, interviews
from lib.db import Database
from lib.drafting import errors, service, transcribe
from lib.drafting.offline import NAME as OFFLINE
from lib.ui import drafting as drafting_ui
from lib.ui import widgets
from lib.ui.text import plain
from lib.validation import Invalid

PLACEHOLDER = ("recruiting teachers is the hardest part\nadvice: turn a school project into a case study\n"
               "should read Just Enough Research\nintro to Tom Kelly at Canva\nI'll send her my templates by Friday\n"
               "next: plan a parent survey b4 term")
LABELS = {f: label for f, label in interviews.DEBRIEF_FIELDS.items() if f != "next_steps"}


def top(db: Database, meeting: dict[str, Any], now: datetime) -> None:
    """Above the interview's tabs: the box once the meeting is over and not yet debriefed, and the outcome of
    saving it (the form's own message shows in the Debrief tab, out of sight from up here)."""
    done = st.session_state.pop("qd_done", None)
    if done:
        st.success(done, icon=":material/task_alt:")
    if meeting["status"] == "planned" and meeting["ends_at"] <= now + timedelta(minutes=5):
        box(db, meeting)


def box(db: Database, meeting: dict[str, Any]) -> None:
    """*What happened?*: the notes, a memo, the sorted proposal to review, and Save."""
    key = f"qd_{meeting['id']}"
    pending = st.session_state.pop(f"{key}_pending", None)
    if pending is not None:  # a transcript joins the notes before the text area is drawn
        st.session_state[f"{key}_notes"] = pending
    with st.container(border=True):
        st.header("What happened?", divider=False)
        st.caption("Type it as it comes - fragments, dashes, arrows, “w/”, “b4” - or record a voice memo. "
                   "Rapport sorts it into the debrief for you to check before anything is saved.")
        notes = st.text_area("Your notes", key=f"{key}_notes", height=180, placeholder=PLACEHOLDER)
        memo(db, key)
        sort_notes(db, meeting, key, notes)
        proposal = st.session_state.get(f"{key}_proposal")
        if proposal is not None:
            review(db, meeting, key, proposal)


def memo(db: Database, key: str) -> None:
    """Record in the browser or upload from the phone's recorder; transcribed into the notes on request."""
    current = drafting_ui.model_settings(db)
    round_ = st.session_state.get(f"{key}_memo_round", 0)  # a new round clears the widgets: the memo is not kept
    if not current.configured:  # no greyed-out recorder (its label cannot be read at 2.6:1): how to have one
        st.markdown(f"**Voice memo** - {transcribe.SET_UP}")  # not a caption: faded code misses 4.5:1
        return
    recorded = st.audio_input("Record a voice memo", key=f"{key}_rec_{round_}")
    uploaded = st.file_uploader("Or upload a memo from your phone's recorder", type=["m4a", "mp3", "wav", "webm"],
                                key=f"{key}_upload_{round_}")
    chosen = recorded or uploaded
    failed = st.session_state.get(f"{key}_memo_error")
    if failed:
        st.error(failed, icon=":material/mic_off:")
    if chosen is None or not st.button("Transcribe the memo", key=f"{key}_transcribe", icon=":material/mic:"):
        return
    try:
        with st.spinner("Transcribing…"):
            words = debriefs.transcript_of(db, current, chosen.name or "memo.wav", chosen.getvalue())
    except errors.DraftError as error:
        st.session_state[f"{key}_memo_error"] = error.message  # the memo and the notes stay as they are
        st.rerun()
    st.session_state.pop(f"{key}_memo_error", None)
    typed = st.session_state.get(f"{key}_notes", "").rstrip()
    st.session_state[f"{key}_pending"] = f"{typed}\n{words}" if typed else words
    st.session_state[f"{key}_transcript"] = (st.session_state.get(f"{key}_transcript", "") + "\n" + words).strip()
    st.session_state[f"{key}_memo_round"] = round_ + 1
    st.rerun()


def sort_notes(db: Database, meeting: dict[str, Any], key: str, notes: str) -> None:
    """Sort with the model when one is set up (and chosen), else Rapport's own sorter."""
    current = drafting_ui.model_settings(db)
    options = [OFFLINE, "openai"] if current.configured else [OFFLINE]
    labels = {OFFLINE: "Rapport's own sorter (no network)", "openai": f"Model {plain(current.model)}"}
    choice = st.radio("Sort with", options, format_func=labels.get, key=f"{key}_provider", horizontal=True,
                      index=options.index(service.default_choice(current)))
    if not st.button("Sort into the debrief", key=f"{key}_sort", type="primary", icon=":material/sort:",
                     disabled=not notes.strip()):
        return
    provider = service.provider_for(choice, current)
    for name in [k for k in st.session_state if str(k).startswith(f"{key}_r_")]:
        del st.session_state[name]  # the review's widgets: a new proposal fills them afresh
    with st.spinner("Sorting…"):
        st.session_state[f"{key}_proposal"] = debriefs.propose(
            db, meeting["id"], notes, provider, st.session_state.get(f"{key}_transcript", ""))


def review(db: Database, meeting: dict[str, Any], key: str, proposal: debriefs.Proposal) -> None:
    """The proposal as editable fields; Save completes the interview with it, in one transaction."""
    if proposal.fallback:
        st.warning(proposal.fallback, icon=":material/cloud_off:")
    untraced = debriefs.untraced(proposal)
    if untraced:
        st.warning("Not found in your notes - check before saving: "
                   + "; ".join(f"“{plain(text)}”" for _, text in untraced), icon=":material/help:")
    st.markdown("**Check what Rapport sorted, change anything, then save.**")
    with st.form(f"{key}_review", border=False):
        fields = {f: st.text_area(label, value=getattr(proposal, f), key=f"{key}_r_f_{f}")
                  for f, label in LABELS.items() if getattr(proposal, f)}
        advice = st.text_area("Their advice - one per line", "\n".join(proposal.advice), key=f"{key}_r_advice")
        steps = st.text_area("My next steps - one per line", "\n".join(proposal.next_steps), key=f"{key}_r_steps")
        promises = st.data_editor(
            pd.DataFrame([{"text": p.text, "due": p.due} for p in proposal.promises], columns=["text", "due"]),
            num_rows="dynamic", hide_index=True, key=f"{key}_r_promises", width="stretch",
            column_config={"text": st.column_config.TextColumn("What I promised", required=True),
                           "due": st.column_config.DateColumn("Due", format="YYYY-MM-DD")})
        people = st.data_editor(
            pd.DataFrame([r.model_dump() for r in proposal.referrals],
                         columns=["name", "organisation", "role", "email", "contact_id"]),
            num_rows="dynamic", hide_index=True, key=f"{key}_r_people", width="stretch",
            column_order=["name", "organisation", "role"],
            column_config={"name": st.column_config.TextColumn("Introduction to", required=True),
                           "organisation": "Organisation", "role": "Role"})
        known = [r.name for r in proposal.referrals if r.contact_id]
        if known:
            st.caption("Already in your contacts, so linked rather than added: " + ", ".join(map(plain, known)))
        other = st.text_area("Other notes (kept with the debrief)", "\n".join(proposal.other), key=f"{key}_r_other")
        saved = st.form_submit_button("Save debrief and complete", type="primary")
    if saved:
        edited = proposal.model_copy(update={
            **{f: fields.get(f, "") for f in LABELS}, "advice": _lines(advice), "next_steps": _lines(steps),
            "other": _lines(other), "promises": _promises(promises), "referrals": _people(people)})
        save(db, meeting, key, edited)


def _lines(text: str) -> list[str]:
    """One item per line, blank lines dropped (as the form reads its advice and offers)."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def _promises(frame: pd.DataFrame) -> list[debriefs.Promise]:
    """The promises table as edited (a blank row dropped, a cleared date left to the week's default)."""
    rows = frame.to_dict("records")
    return [debriefs.Promise(text=str(r["text"]).strip(), due=_day(r.get("due")))
            for r in rows if isinstance(r.get("text"), str) and r["text"].strip()]


def _day(value: Any) -> date | None:
    """A date cell as edited: a date, a timestamp, or cleared (None, NaT)."""
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


def _people(frame: pd.DataFrame) -> list[debriefs.ProposedContact]:
    """The introductions table as edited; a row without a name is dropped."""
    rows = frame.to_dict("records")
    return [debriefs.ProposedContact(name=str(r["name"]).strip(), organisation=_text(r.get("organisation")),
                                     role=_text(r.get("role")), email=_text(r.get("email")))
            for r in rows if isinstance(r.get("name"), str) and r["name"].strip()]


def _text(value: Any) -> str:
    """A text cell as edited: a new row's untouched cells come back as None."""
    return value.strip() if isinstance(value, str) else ""


def save(db: Database, meeting: dict[str, Any], key: str, proposal: debriefs.Proposal) -> None:
    """Complete the interview with the reviewed proposal; on a problem, everything typed stays."""
    try:
        made = debriefs.save(db, meeting["id"], proposal)
    except Invalid as problem:
        widgets.show_problems(problem)
        return
    for name in [k for k in st.session_state if str(k).startswith(f"{key}_")]:
        del st.session_state[name]
    st.session_state["qd_done"] = (
        f"Completed from your notes: {widgets.count(len(made['offers']), 'promise')} and "
        f"{widgets.count(len(made['referrals']) + len(made['linked']), 'referral')} added to follow-ups.")
    st.rerun()
