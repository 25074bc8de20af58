"""One interview's whole story: prepare for it, debrief it, thank them."""

from lib.ui.guard import page_guard

page_guard()

import json
from datetime import datetime, timedelta

import pandas as pd
import streamlit as st

from lib import clock, contacts, followups, interviews, meeting_brief, messages, profile, questions, unsaved
from lib.drafting import errors as draft_errors
from lib.drafting import service as drafting
from lib.io import ics
from lib.ui import drafting as drafting_ui
from lib.ui import method, once, quick_debrief, records, session, widgets
from lib.ui import unsaved as unsaved_ui
from lib.ui.text import link, plain, plain_lines
from lib.validation import Invalid

db = session.database()
prof = profile.get(db)
tz = prof.time_zone
today = clock.today(tz)
now = clock.utcnow()
TABS_MESSAGES = "Thank-you and messages"


def local(ts) -> datetime:
    return clock.to_local(pd.Timestamp(ts).to_pydatetime(), tz)


def detail(interview_id: int) -> None:
    st.page_link(records.INTERVIEWS_PAGE, label="All interviews", icon=":material/arrow_back:")
    try:
        meeting = interviews.get(db, interview_id)
    except interviews.InterviewNotFound:
        st.warning(f"There is no interview {interview_id} - it may have been deleted with its contact.")
        return
    start = local(meeting["scheduled_at"])
    records.arrival_note(icon=":material/event_available:")
    st.title(plain(meeting['contact']))
    who = " at ".join(plain(x) for x in (meeting["contact_role"], meeting["organisation"]) if x)
    st.markdown(
        f"**{interviews.STATUSES[meeting['status']]}** · {start:%A %d %B %Y, %H:%M} · "
        f"{meeting['duration_minutes']} min · {interviews.MODES[meeting['mode']]}"
        + (f" · {link(meeting['place'], meeting['place'], ('https', 'http'))}" if meeting["place"] else "")
        + (f"  \n{who}" if who else ""))  # no role known: nothing, not the word "Contact"
    if meeting["status_reason"]:
        st.caption(f"Reason: {plain(meeting['status_reason'])}")
    records.contact_link(meeting["contact_id"], f"{plain(meeting['contact'])}'s page")
    quick_debrief.top(db, meeting, now)  # "What happened?": first thing once the meeting is over
    offer_unsaved(meeting)
    # Keyed so that taking back unsaved text can open its tab. Not bound to the address: removing a bound
    # ?tab= on leaving the page pushed an extra history entry, and Back took two presses.
    prepare, debrief, thanks = st.tabs(["Prepare", "Debrief", TABS_MESSAGES], key="tab", on_change="rerun")
    with prepare:
        prepare_tab(meeting)
    with debrief:
        debrief_tab(meeting)
    with thanks:
        messages_tab(meeting)
    if meeting["status"] == "planned":
        manage_planned(meeting)


def prepare_tab(meeting: dict) -> None:
    lines = [f"**Purpose** {plain(meeting['purpose'])}" if meeting["purpose"] else "",
             f"**My goals** {plain_lines(meeting['goals'])}" if meeting["goals"] else ""]
    if any(lines):  # only what was written: no "My goals -"
        st.markdown("  \n".join(line for line in lines if line))
    with st.form(f"research_{meeting['id']}"):
        notes = st.text_area("Research notes", value=meeting["research_notes"], height=150,
                             placeholder="What you found out about them, their organisation and industry",
                             key=f"research_notes_{meeting['id']}")
        if st.form_submit_button("Save notes"):
            interviews.set_research_notes(db, meeting["id"], notes)
            st.toast("Notes saved.", icon=":material/check:")
    draft_questions(meeting)
    st.markdown("**Questions** - add rows at the bottom, clear a question's text to delete it, "
                "change the order numbers to reorder")
    current = questions.of(db, meeting["id"])
    pending = st.session_state.get(question_keys(meeting["id"])["rows"])  # typed before a reload, taken back
    table = pd.DataFrame(json.loads(pending) if pending else current or [],
                         columns=["position", "must_ask", "category", "text", "asked", "answer", "source"])
    editor = f"questions_{meeting['id']}" + ("_restored" if pending else "")
    saved_note = st.session_state.pop(f"questions_saved_{meeting['id']}", None)
    if saved_note:
        st.success(saved_note, icon=":material/check:")
    edited = st.data_editor(  # each edit is kept (a rerun); the list changes on "Save questions"
        table, num_rows="dynamic", hide_index=True, key=editor, on_change=keep_question_edits,
        args=(meeting["id"], editor, json.loads(table.to_json(orient="records"))),
        width="stretch", height=36 * (len(table) + 2) + 4,  # every row in view, no scroll inside the page
        column_order=["position", "must_ask", "category", "text", "asked", "answer"],
        column_config={
            "position": st.column_config.NumberColumn("Order", min_value=1, step=1, width="small"),
            "must_ask": st.column_config.CheckboxColumn("Must ask", default=False, width="small",
                                                        help="The 3-5 to ask if time runs short"),
            "category": st.column_config.SelectboxColumn("Category", options=list(questions.CATEGORIES),
                                                         required=True, default="insights"),
            "text": st.column_config.TextColumn("Question", width=620, required=True),
            "asked": st.column_config.CheckboxColumn("Asked", default=False),
            "answer": st.column_config.TextColumn("Answer notes", width="medium"),
        })
    if st.button("Save questions", key=f"save_questions_{meeting['id']}", type="primary"):
        ordered = edited.assign(position=edited["position"].fillna(len(edited) + 1)).sort_values(
            "position", kind="stable")
        try:
            questions.save_list(db, meeting["id"], ordered.to_dict("records"))
        except Invalid as problem:
            widgets.show_problems(problem)
        else:
            st.session_state.pop(f"questions_{meeting['id']}", None)
            st.session_state.pop(question_keys(meeting["id"])["rows"], None)
            unsaved_ui.forget(db, f"questions:{meeting['id']}")
            count = len(questions.of(db, meeting["id"]))
            st.session_state[f"questions_saved_{meeting['id']}"] = f"Saved {count} questions."
            st.rerun()
    if current:
        regenerate_one(meeting, current, edited)
    coverage = questions.tiara_coverage(current)
    missing = [questions.CATEGORIES[c] for c, n in coverage.items() if n == 0]
    st.caption("TIARA coverage: " + " · ".join(f"{questions.CATEGORIES[c]} {n}" for c, n in coverage.items())
               + (f" - nothing yet on {', '.join(missing)}" if missing else " - all five covered"))
    method.explain("TIARA")
    a, b = st.columns(2)
    a.download_button("Meeting brief (Markdown)", data=meeting_brief.markdown(db, meeting["id"]),
                      file_name=f"brief-{meeting['contact'].lower().replace(' ', '-')}.md",
                      mime="text/markdown", icon=":material/description:", key=f"brief_{meeting['id']}")
    b.download_button("Calendar invitation (.ics)", data=ics.invitation(db, meeting["id"]),
                      file_name=f"interview-{meeting['id']}.ics", mime="text/calendar",
                      icon=":material/calendar_add_on:", key=f"invite_{meeting['id']}")


def draft_questions(meeting: dict) -> None:
    """Draft a tailored list, streamed, with its checks; the user adds it to the list or not."""
    key = f"drafted_{meeting['id']}"
    with st.expander("Draft questions for this meeting", icon=":material/auto_awesome:",
                     expanded=key in st.session_state):
        provider = drafting_ui.provider_picker(db, f"provider_{meeting['id']}")
        run = drafting.questions(db, meeting["id"], provider)
        drafting_ui.prompt_preview(run)
        if st.button("Draft questions", key=f"draft_q_{meeting['id']}", icon=":material/auto_awesome:"):
            st.session_state[key] = drafting_ui.stream(run, replace=True)  # one list on the page, not two
        draft = st.session_state.get(key)
        if draft is None:
            return
        if draft.error:
            drafting_ui.show_failure(draft)
            if st.button("Take the offline draft instead", key=f"offline_q_{meeting['id']}"):
                st.session_state[key] = drafting.finish(drafting.questions(db, meeting["id"], None))
                st.rerun()
            return
        left, right = st.columns([3, 2])
        with left:
            st.markdown(f"**{len(draft.questions)} drafted questions** ({draft.provider})")
            for n, item in enumerate(draft.questions, 1):
                category = questions.CATEGORIES.get(item.category, item.category)
                must = " **(must ask)**" if item.must else ""
                st.markdown(f"{n}. *{plain(category)}* - {plain(item.text)}{must}")
        with right:
            drafting_ui.show_checks(draft.checks)
        a, b = st.columns(2)
        if a.button("Add to my questions", type="primary", key=f"accept_q_{meeting['id']}"):
            drafting.accept_questions(db, meeting["id"], draft)
            st.session_state.pop(key, None)
            st.session_state.pop(f"questions_{meeting['id']}", None)
            st.rerun()
        if b.button("Discard", key=f"discard_q_{meeting['id']}"):
            st.session_state.pop(key, None)
            st.rerun()


def question_keys(meeting_id: int) -> dict[str, str]:
    """Where the questions typed before a reload wait once taken back (a session key, not a widget)."""
    return {"rows": f"questions_pending_{meeting_id}"}


def keep_question_edits(meeting_id: int, editor: str, base: list[dict]) -> None:
    """The whole table as the editor now shows it, kept in the database so a reload can offer it back."""
    rows = questions.with_edits(base, st.session_state.get(editor) or {})
    unsaved.keep(db, f"questions:{meeting_id}", "rows", json.dumps(rows, default=str), interview_id=meeting_id)


def regenerate_one(meeting: dict, current: list[dict], edited: pd.DataFrame) -> None:
    """Swap one question for a fresh one of its kind, keeping every other edit."""
    labels = {q["id"]: f"{n}. {q['text'][:70]}" for n, q in enumerate(current, 1)}
    a, b = st.columns([4, 1], vertical_alignment="bottom")
    chosen = a.selectbox("Regenerate one question", list(labels), format_func=labels.get, index=None,
                         placeholder="Pick a question to replace", key=f"regen_pick_{meeting['id']}")
    if b.button("Regenerate", key=f"regen_{meeting['id']}", disabled=chosen is None):
        position = next(n for n, q in enumerate(current) if q["id"] == chosen)
        try:
            questions.save_list(db, meeting["id"], edited.to_dict("records"))  # keep unsaved edits
            saved = questions.of(db, meeting["id"])
            target = saved[min(position, len(saved) - 1)]["id"]
            drafting.regenerate(db, meeting["id"], target, _chosen_provider(meeting))
        except (Invalid, draft_errors.DraftError) as problem:
            st.error(getattr(problem, "message", str(problem)), icon=":material/error:")
            return
        st.session_state.pop(f"questions_{meeting['id']}", None)
        st.session_state.pop(question_keys(meeting["id"])["rows"], None)
        unsaved_ui.forget(db, f"questions:{meeting['id']}")  # the edits were saved with it
        st.rerun()


def _chosen_provider(meeting: dict):
    """The provider picked in the drafting panel above (offline unless the model was chosen)."""
    choice = st.session_state.get(f"provider_{meeting['id']}", "offline")
    return drafting.provider_for(choice, drafting_ui.model_settings(db))


def debrief_tab(meeting: dict) -> None:
    if meeting["status"] in ("cancelled", "no_show"):
        st.caption("No debrief for a meeting that did not happen.")
        return
    if meeting["status"] == "planned":
        ends = local(meeting["ends_at"])
        if meeting["ends_at"] > now + timedelta(minutes=5):
            st.info(f"Debrief after the meeting ends ({ends:%d %b, %H:%M}). Write it within a day, "
                    "while it is fresh.", icon=":material/schedule:")
            return
        debrief_form(meeting)
        return
    completed_debrief(meeting)


def debrief_keys(meeting_id: int) -> dict[str, str]:
    """The debrief's fields and the widget keys they are typed into."""
    names = [*interviews.DEBRIEF_FIELDS, "advice", "offers", "referrals"]
    return {name: f"d_{meeting_id}_{name}" for name in names}


def message_keys(meeting_id: int) -> dict[str, str]:
    return {"subject": f"compose_{meeting_id}_subject", "body": f"compose_{meeting_id}_body"}


def _to_tab(label: str):
    def go() -> None:
        st.session_state["tab"] = label
    return go


def offer_unsaved(meeting: dict) -> None:
    """Text typed here before a reload, offered back above the tabs (and Continue opens its tab)."""
    mid = meeting["id"]
    if meeting["status"] == "planned":
        unsaved_ui.offer(db, f"debrief:{mid}", debrief_keys(mid), "debrief", tz, then=_to_tab("Debrief"))
    unsaved_ui.offer(db, f"message:{mid}", message_keys(mid), "message", tz, then=_to_tab(TABS_MESSAGES))
    unsaved_ui.offer(db, f"questions:{mid}", question_keys(mid), "question list", tz, then=_to_tab("Prepare"))


def debrief_form(meeting: dict) -> None:
    """No st.form: each field is kept in the database when it changes, so a reload loses nothing."""
    mid, scope = meeting["id"], f"debrief:{meeting['id']}"
    keys = debrief_keys(mid)

    def area(where, label: str, name: str, **more) -> str:
        return where.text_area(label, **unsaved_ui.keeper(db, scope, name, keys[name], interview_id=mid), **more)

    with st.container(border=True):
        st.markdown("**What did you learn?** Answers to each question go in the question list "
                    "(Prepare tab). What you type is kept as you go, so a reload loses nothing.")
        fields = {}
        left, right = st.columns(2)
        for n, (name, label) in enumerate(interviews.DEBRIEF_FIELDS.items()):
            fields[name] = area(left if n % 2 == 0 else right, label, name)
        advice = area(st, "Their advice - one item per line", "advice")
        offers = area(st, "What I offered in return - one per line", "offers")
        referrals = area(st, "People they offered to introduce - one per line, as you would write it", "referrals",
                         placeholder="Ben Ortiz at Harrison.ai\nSam Lee (Product lead, Heidi Health)")
        submitted = st.button("Save debrief and complete", type="primary", key=f"debrief_save_{mid}")
    unsaved_ui.sync(db, scope, keys, interview_id=mid)
    if not submitted:
        return
    debrief = fields | {"advice": advice, "offers": offers, "referrals": interviews.parse_referrals(referrals)}
    if interviews.is_empty(debrief):
        st.error("The debrief is empty. Write down at least one thing you learned, were advised or promised "
                 "- a line is enough.", icon=":material/edit_note:")
        return
    try:
        made = interviews.complete(db, meeting["id"], debrief)
    except Invalid as problem:
        widgets.show_problems(problem)
        return
    unsaved_ui.forget(db, scope)
    due = followups.get(db, made["followups"][0])["due_at"]
    hours = (due - clock.utcnow()).total_seconds() / 3600
    linked = [plain(contacts.brief(db, i)["name"]) for i in made["linked"]]
    st.session_state["debrief_done"] = " ".join(filter(None, [
        f"Completed. Thank-you due within {widgets.count(max(1, int(hours)), 'hour')};" if hours > 0 else
        "Completed. The thank-you window has closed, but a late thank-you still counts;",
        f"{widgets.count(len(made['offers']), 'promise')} and "
        f"{widgets.count(len(made['referrals']) + len(made['linked']), 'referral')} added to follow-ups.",
        f"Already in your contacts, so linked rather than added: {', '.join(linked)}." if linked else ""]))
    st.rerun()


def completed_debrief(meeting: dict) -> None:
    done = st.session_state.pop("debrief_done", None)
    if done:
        st.success(done, icon=":material/task_alt:")
    notes = interviews.debrief_of(db, meeting["id"]) or {}
    with st.form(f"debrief_edit_{meeting['id']}"):
        left, right = st.columns(2)
        fields = {name: (left if n % 2 == 0 else right).text_area(label, value=notes.get(name, ""),
                                                                  key=f"e_{meeting['id']}_{name}")
                  for n, (name, label) in enumerate(interviews.DEBRIEF_FIELDS.items())}
        if st.form_submit_button("Save debrief"):
            interviews.save_debrief(db, meeting["id"], **fields)
            st.toast("Debrief saved.", icon=":material/check:")
    advice = interviews.advice_of(db, meeting["id"])
    st.markdown(f"**Advice ({len(advice)})**")
    for item in advice:
        a, b, c = st.columns([4, 1, 1])
        a.markdown(plain_lines(item["text"]))
        b.checkbox("Acted on", value=item["acted_on_at"] is not None, key=f"acted_{item['id']}",
                   on_change=lambda i=item["id"]: interviews.mark_advice(
                       db, i, acted_on=st.session_state[f"acted_{i}"]))
        c.checkbox("Reported back", value=item["reported_back_at"] is not None, key=f"reported_{item['id']}",
                   on_change=lambda i=item["id"]: interviews.mark_advice(
                       db, i, reported_back=st.session_state[f"reported_{i}"]))
    offered = interviews.offers_of(db, meeting["id"])
    st.markdown(f"**What I offered ({len(offered)})**")
    for item in offered:
        a, b = st.columns([4, 2])
        a.markdown(plain_lines(item["text"]))
        if item["kept_at"] is None:
            b.button("Mark kept", key=f"keep_{item['id']}", on_click=interviews.keep_offer,
                     args=(db, item["id"]))
        else:
            b.caption(f"Kept {local(item['kept_at']):%d %b}")
    referred = interviews.referrals_of(db, meeting["id"])
    st.markdown(f"**Referrals ({len(referred)})**")
    for person in referred:
        label = plain(person["name"]) + (f" - {plain(person['role'])}" if person["role"] else "") + (
            f" at {plain(person['organisation'])}" if person["organisation"] else "")
        records.contact_link(person["id"], label, icon=":material/person_add:")


def messages_tab(meeting: dict) -> None:
    if meeting["status"] == "completed":
        due = interviews.thank_you_due(db, meeting["id"]) or (
            meeting["ends_at"] + timedelta(hours=prof.thank_you_window_hours))
        if meeting["thank_you_sent_at"] is not None:
            hours = (meeting["thank_you_sent_at"] - meeting["ends_at"]).total_seconds() / 3600
            st.success(f"Thank-you sent {widgets.hours_after(hours)}.", icon=":material/mail:")
        elif due > now:
            st.info(f"Thank-you due by {local(due):%a %d %b %H:%M}: "
                    f"{(due - now).total_seconds() / 3600:.0f} hours left.", icon=":material/timer:")
        else:
            st.warning(f"The thank-you window closed {local(due):%a %d %b %H:%M}; a late thank-you "
                       "still beats none.", icon=":material/timer_off:")
    composer(meeting)
    sent = messages.for_interview(db, meeting["id"])
    if sent:
        st.markdown("**Messages**")
        for item in sent:
            status = (f"sent {local(item['sent_at']):%d %b %Y, %H:%M}" if item["status"] == "sent" else "draft")
            label = (f"{messages.KINDS[item['kind']]} by {messages.CHANNELS[item['channel']]}, {status}: "
                     f"{plain(item['subject'] or item['body'], limit=60)}")
            with st.expander(label, icon=":material/mail:"):  # the whole text, to reread what was sent
                if item["subject"]:
                    st.markdown(f"**Subject** {plain(item['subject'])}")
                if item["body"]:
                    st.markdown(plain_lines(item["body"]))
                else:  # found in an imported mailbox, which keeps headers only
                    st.caption("Found in your mailbox: Rapport keeps who, when and the subject, not the text.")


def composer(meeting: dict) -> None:
    key = f"compose_{meeting['id']}"
    drafting_ui.apply_pending(key)
    a, b = st.columns(2)
    kind = a.selectbox("Kind of message", ["thank_you", "report_back", "check_in"],
                       format_func=messages.KINDS.get, key=f"{key}_kind")
    channel = b.selectbox("Channel", list(messages.CHANNELS), format_func=messages.CHANNELS.get,
                          key=f"{key}_channel")
    if kind == "thank_you" and meeting["status"] == "completed":
        draft_thank_you(meeting, key, channel)
    cap = messages.limit(db, channel)
    subject = ""
    scope, mid = f"message:{meeting['id']}", meeting["id"]
    if channel == "email":
        subject = st.text_input("Subject", **unsaved_ui.keeper(db, scope, "subject", f"{key}_subject",
                                                                 interview_id=mid, contact_id=meeting["contact_id"]))
    body = st.text_area("Message", height=200, max_chars=cap,
                        **unsaved_ui.keeper(db, scope, "body", f"{key}_body", interview_id=mid,
                                            contact_id=meeting["contact_id"]),
                        help=f"Up to {cap} characters on this channel" if cap else None)
    unsaved_ui.sync(db, scope, message_keys(mid), interview_id=mid, contact_id=meeting["contact_id"])
    st.caption(f"{len(body)} characters" + (f" of {cap}" if cap else ""))
    if body.strip():
        with st.expander("Checks", icon=":material/checklist:", expanded=False):
            drafting_ui.show_checks(drafting.message_checks(db, meeting["id"], kind, body, cap, channel, subject))
    x, y, z = st.columns(3)
    draft = st.session_state.get(f"{key}_draft")  # one draft per composer, saved over and over
    if x.button("Save draft", key=f"{key}_save"):
        st.session_state[f"{key}_draft"] = messages.save_draft(
            db, meeting["contact_id"], kind, channel, subject, body, meeting["id"], message_id=draft)
        st.toast("Draft saved.", icon=":material/save:")
    if channel == "email" and meeting["contact_email"]:
        z.link_button("Open in mail app", messages.mailto(meeting["contact_email"], subject, body),
                      icon=":material/outgoing_mail:")
    what = once.fingerprint(kind, channel, subject, body)
    label, sent = once.label(f"{key}_sent", what, "Mark as sent", "Sent")
    if y.button(label, key=f"{key}_sent", type="primary", disabled=sent):
        if once.done(f"{key}_sent", what):  # the second click of a double-click: already recorded
            return
        problems = messages.problems(db, channel, subject, body)
        if problems:
            widgets.show_problems(Invalid(problems))
            return
        message_id = messages.save_draft(db, meeting["contact_id"], kind, channel, subject, body,
                                         meeting["id"], message_id=draft)
        messages.mark_sent(db, message_id)
        once.mark_done(f"{key}_sent", what)
        unsaved_ui.forget(db, f"message:{meeting['id']}")
        st.session_state.pop(f"{key}_draft", None)
        st.rerun()


def draft_thank_you(meeting: dict, key: str, channel: str) -> None:
    """Draft a thank-you from the debrief; on failure the text already typed stays untouched."""
    with st.expander("Draft a thank-you from the debrief", icon=":material/auto_awesome:",
                     expanded=f"{key}_failed" in st.session_state):
        tone = st.radio("Tone", list(drafting.offline.TONES), horizontal=True, key=f"{key}_tone",
                        format_func=str.capitalize)
        drafting_ui.message_draft(
            db, key, lambda provider: drafting.thank_you(db, meeting["id"], provider, channel, tone),
            "Draft thank-you")


def manage_planned(meeting: dict) -> None:
    with st.expander("Reschedule, cancel or record a no-show", icon=":material/edit_calendar:"):
        start = local(meeting["scheduled_at"])
        with st.form(f"reschedule_{meeting['id']}"):
            a, b, c = st.columns(3)
            day = a.date_input("Date", value=start.date(), format="YYYY-MM-DD", key=f"rs_day_{meeting['id']}")
            at = b.time_input("Time", value=start.time(), key=f"rs_time_{meeting['id']}",
                              step=timedelta(minutes=15))
            minutes = c.number_input("Minutes", 5, 480, int(meeting["duration_minutes"]), step=5,
                                     key=f"rs_min_{meeting['id']}")
            st.caption(f"In your time zone, {tz}.")
            moved = st.form_submit_button("Reschedule")
        when = clock.to_utc(datetime.combine(day, at), tz)
        if moved and when + timedelta(minutes=int(minutes)) < now:
            st.warning(f"{day:%d %b %Y} {at:%H:%M} is in the past, so nothing was moved. If the meeting "
                       "already happened then, write its debrief on the Debrief tab.", icon=":material/history:")
        elif moved:
            try:
                interviews.reschedule(db, meeting["id"], scheduled_at=when, duration_minutes=int(minutes))
            except Invalid as problem:
                widgets.show_problems(problem)
            else:
                st.rerun()
        reason = st.text_input("Reason", key=f"reason_{meeting['id']}")
        x, y = st.columns(2)
        if x.button("Cancel the interview", key=f"cancel_{meeting['id']}"):
            interviews.cancel(db, meeting["id"], reason)
            st.rerun()
        if y.button("They did not show up", key=f"noshow_{meeting['id']}"):
            interviews.cancel(db, meeting["id"], reason, no_show=True)
            st.rerun()


chosen = records.chosen_id()
if chosen is None:
    st.switch_page(records.INTERVIEWS_PAGE)
detail(chosen)
