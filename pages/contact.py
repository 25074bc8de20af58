"""One contact's whole story: who they are, keeping in touch, introductions, the timeline."""

from lib.ui.guard import page_guard

page_guard()

from datetime import datetime

import streamlit as st

from lib import cadence, clock, contacts, interactions, messages, outreach, profile
from lib.drafting import service as drafting
from lib.ui import drafting as drafting_ui
from lib.ui import once, records, session, widgets
from lib.ui.text import link, plain, plain_lines
from lib.validation import Invalid

db = session.database()
prof = profile.get(db)
today = clock.today(prof.time_zone)

def contact_detail(contact_id: int) -> None:
    st.page_link(records.CONTACTS_PAGE, label="All contacts", icon=":material/arrow_back:")
    try:
        person = contacts.get(db, contact_id, today=today)
    except contacts.ContactNotFound:
        st.warning(f"There is no contact {contact_id} - it may have been deleted.")
        return
    records.arrival_note()
    st.title(plain(person["name"]))
    where = " at ".join(plain(x) for x in (person["role"], person["organisation"]) if x)
    if where:
        st.markdown(f"**{where}**" + (f" · {plain(person['industry'])}" if person["industry"] else ""))
    if person["archived_at"] is not None:
        st.warning("This contact is archived.", icon=":material/archive:")

    left, right = st.columns([3, 2], gap="large")
    with left:
        _about(person)
    with right:
        _keep_in_touch(person)
        _introductions(person)
    _log_interaction(contact_id)
    _draft_outreach(person)
    _timeline(contact_id)
    _edit(contact_id)
    _archive_and_delete(person)


def _about(person: dict) -> None:
    facts = []
    if person["email"]:
        facts.append(f"**Email** {link(person['email'], 'mailto:' + person['email'])}")
    if person["phone"]:
        facts.append(f"**Phone** {plain(person['phone'])}")
    if person["linkedin_url"]:
        facts.append(f"**LinkedIn** {link(person['linkedin_url'], person['linkedin_url'], ('https', 'http'))}")
    if person["location"]:
        facts.append(f"**Location** {plain(person['location'])}")
    facts.append(f"**How we met** {contacts.SOURCES[person['source']]}"
                 + (f" on {person['first_met_on']:%d %b %Y}" if person["first_met_on"] else ""))
    if person["tag_list"]:
        facts.append("**Tags** " + " ".join(f":blue-badge[{plain(t)}]" for t in person["tag_list"]))
    st.markdown("  \n".join(facts))
    if person["rapport_notes"]:
        st.markdown(f"**Rapport notes**  \n{plain_lines(person['rapport_notes'])}")
    if person["notes"]:
        st.markdown(f"**Notes**  \n{plain_lines(person['notes'])}")


def _keep_in_touch(person: dict) -> None:
    st.header("Keep in touch")
    own = person["cadence_days"] is not None
    st.markdown(
        f"{widgets.STATE_BADGES[person['keep_in_touch_state']]}  \n"
        f"**Tier** {cadence.TIERS[person['tier']]} · every **{person['cadence']} days**"
        f"{'' if own else ' (tier default)'}  \n"
        f"**Last interaction** {widgets.relative(person['last_interaction_at'], today, prof.time_zone)}  \n"
        f"**Next keep-in-touch** {person['keep_in_touch_due']:%d %b %Y} "
        f"({widgets.relative(person['keep_in_touch_due'], today)})"
    )


def _introductions(person: dict) -> None:
    st.header("Introductions")
    if person["introduced_by_id"] is not None:
        st.write("Introduced by")
        records.contact_link(person["introduced_by_id"], plain(person["introduced_by"]))
    introduced = contacts.introduced_by(db, person["id"])
    if introduced:
        st.write("Introduced you to")
        for other in introduced:
            records.contact_link(other["id"], plain(other["name"]))
    if person["introduced_by_id"] is None and not introduced:
        st.caption("No introductions recorded yet.")


def _log_interaction(contact_id: int) -> None:
    """Saving logs once and clears the form (a new generation of it); the page redraws the clock above."""
    form = "log_interaction"
    with st.form(once.keyed(form), clear_on_submit=False, border=True):
        st.markdown("**Log an interaction** - resets the keep-in-touch clock")
        a, b, c = st.columns([2, 2, 1])
        kind = a.selectbox("Kind", list(interactions.KINDS), format_func=interactions.KINDS.get,
                           key=once.keyed(form, "log_kind"))
        day = b.date_input("Date", value=today, max_value=today, format="YYYY-MM-DD",
                           key=once.keyed(form, "log_day"))
        moment = c.time_input("Time", value=datetime.now(clock.zone(prof.time_zone)).time()
                              .replace(second=0, microsecond=0), key=once.keyed(form, "log_time"))
        note = st.text_input("Note", key=once.keyed(form, "log_note"), max_chars=interactions.NOTE_LIMIT)
        submitted = st.form_submit_button("Log interaction")

    def log() -> str:
        interactions.log(db, contact_id, kind, clock.to_utc(datetime.combine(day, moment), prof.time_zone), note)
        return f"Logged {once.DONE_MARK} {interactions.KINDS[kind]} - the keep-in-touch clock starts again."

    once.submit(form, submitted, log)


def _draft_outreach(person: dict) -> None:
    """Ask for a conversation: draft the request, check it, send it yourself, log it here."""
    key = f"outreach_{person['id']}"
    drafting_ui.apply_pending(key)
    with st.expander("Ask for a conversation", icon=":material/send:",
                     expanded=f"{key}_failed" in st.session_state):
        channel = st.radio("Channel", ["email", "linkedin_note"], horizontal=True, key=f"{key}_channel",
                           format_func=messages.CHANNELS.get)
        drafting_ui.message_draft(
            db, key, lambda provider: drafting.outreach(db, person["id"], provider, channel),
            "Draft the request")
        cap = messages.limit(db, channel)
        subject = st.text_input("Subject", key=f"{key}_subject") if channel == "email" else ""
        body = st.text_area("Request", height=170, key=f"{key}_body", max_chars=cap)
        if body.strip():
            drafting_ui.show_checks(drafting.outreach_checks(person["name"], body, cap, channel, subject))
        a, b = st.columns(2)
        if channel == "email" and person["email"]:
            a.link_button("Open in mail app", messages.mailto(person["email"], subject, body),
                          icon=":material/outgoing_mail:")
        what = once.fingerprint(channel, subject, body)
        label, sent = once.label(f"{key}_log", what, "I sent it - log the outreach", "Logged")
        # The second click of a double-click finds the same request already logged and writes nothing.
        if b.button(label, key=f"{key}_log", disabled=sent) and not once.done(f"{key}_log", what):
            outreach.log(db, person["id"], "email" if channel == "email" else "linkedin", today, body)
            once.mark_done(f"{key}_log", what)
            st.toast("Outreach logged; 3B7 reminders set.", icon=":material/check:")
            st.rerun()


def _timeline(contact_id: int) -> None:
    st.header("Timeline")
    events = interactions.timeline(db, contact_id)
    if not events:
        st.caption("Nothing logged yet.")
        return
    for event in events:
        when = clock.to_local(event["occurred_at"], prof.time_zone)
        note = f" - {plain(event['note'], limit=interactions.NOTE_LIMIT)}" if event["note"] else ""
        st.markdown(f"**{when:%d %b %Y %H:%M}** · {interactions.KINDS[event['kind']]}{note}")


def _edit(contact_id: int) -> None:
    with st.expander("Edit contact", icon=":material/edit:"):
        current = contacts.editable(db, contact_id) | {"id": contact_id}
        fields = widgets.contact_form(db, f"edit_contact_{contact_id}", current=current,
                                      submit_label="Save changes")
        if fields is not None:
            try:
                contacts.update(db, contact_id, **fields)
            except Invalid as problem:
                widgets.show_problems(problem)
            else:
                st.toast("Saved.", icon=":material/check:")
                st.rerun()


def _archive_and_delete(person: dict) -> None:
    a, b = st.columns(2)
    with a:
        if person["archived_at"] is None:
            if st.button("Archive", icon=":material/archive:"):
                contacts.archive(db, person["id"])
                st.rerun()
        elif st.button("Restore from archive", icon=":material/unarchive:"):
            contacts.restore(db, person["id"])
            st.rerun()
    with b, st.expander("Delete this contact", icon=":material/delete:"):
        st.markdown(f"Deleting removes {plain(person['name'])} with their tags and timeline. People they "
                 "introduced stay. This cannot be undone; archiving can.")
        sure = st.checkbox(f"Yes, delete {plain(person['name'])} and everything tied to them",
                           key="confirm_delete")
        if st.button("Delete for good", type="primary", disabled=not sure, key="delete_contact"):
            contacts.delete(db, person["id"])
            st.switch_page(records.CONTACTS_PAGE)

chosen = records.chosen_id()
if chosen is None:
    st.switch_page(records.CONTACTS_PAGE)
contact_detail(chosen)
