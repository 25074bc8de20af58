"""Contacts: search and filter the network; one contact's whole story on its detail view."""

from lib.ui.guard import page_guard

page_guard()

from datetime import datetime

import streamlit as st

from lib import cadence, clock, contacts, duplicates, interactions, messages, organisations, outreach, profile
from lib.drafting import checks as draft_checks
from lib.drafting import service as drafting
from lib.ui import cached, session, widgets
from lib.ui import drafting as drafting_ui
from lib.ui.text import link, plain, plain_lines
from lib.validation import Invalid

db = session.database()
prof = profile.get(db)
today = clock.today(prof.time_zone)


def open_contact(contact_id: int | None) -> None:
    """Show one contact (or the list again), keeping the choice in the URL for deep links."""
    if contact_id is None:
        st.query_params.pop("contact", None)
    else:
        st.query_params["contact"] = str(contact_id)


PENDING = "contact_to_add"
ADDED = "contact_added_note"


def add_contact(fields: dict) -> bool:
    """Create the contact and open their page: the form is gone, so a second click cannot add them twice."""
    st.session_state.pop(PENDING, None)
    try:
        new_id = contacts.create(db, **fields)
    except Invalid as problem:
        widgets.show_problems(problem)
        return False
    st.session_state[ADDED] = f"Added {plain(fields['full_name'].strip())}."  # said on their page
    open_contact(new_id)
    return True


def _open_existing(contact_id: int) -> None:
    st.session_state.pop(PENDING, None)
    open_contact(contact_id)


def contact_list() -> None:
    st.title("Contacts")
    with st.expander("Add a contact", expanded=contacts.count(db) == 0 or PENDING in st.session_state,
                     icon=":material/person_add:"):
        fields = widgets.contact_form(db, "add_contact", submit_label="Add contact")
        if fields is not None:
            same = contacts.already_known(db, fields.get("email", ""), fields.get("linkedin_url", ""))
            if same:  # a second click, or someone already here: ask before making a duplicate
                st.session_state[PENDING] = fields
            elif add_contact(fields):
                st.rerun()
        if PENDING in st.session_state:
            pending = st.session_state[PENDING]
            same = contacts.already_known(db, pending.get("email", ""), pending.get("linkedin_url", ""))
            if same:
                st.warning(f"{plain(same['name'])} already has this {same['why']}. Open their page, or add "
                           "a new contact anyway.", icon=":material/content_copy:")
                a, b = st.columns(2)
                a.button("Open their page", on_click=_open_existing, args=(same["id"],), type="primary")
                b.button("Add anyway", on_click=add_contact, args=(pending,))
    if contacts.count(db) == 0:
        st.info("No contacts yet. Add the first person you would like to learn from above - "
                "a former colleague, a classmate, someone whose work you admire.",
                icon=":material/lightbulb:")
        return

    duplicate_review()
    text = st.text_input("Search contacts", placeholder="Name, organisation, role, email, tag or note",
                         key="contact_search")
    a, b, c, d, e = st.columns(5)
    source = a.selectbox("Source", list(contacts.SOURCES), index=None,
                         format_func=contacts.SOURCES.get, placeholder="Any", key="f_source")
    industry = b.selectbox("Industry", organisations.industries(db), index=None,
                           placeholder="Any", key="f_industry")
    tag = c.selectbox("Tag", contacts.all_tags(db), index=None, placeholder="Any", key="f_tag")
    state = d.selectbox("Keep in touch", list(cadence.STATE_LABELS), index=None,
                        format_func=cadence.STATE_LABELS.get, placeholder="Any", key="f_state")
    sort = e.selectbox("Sort by", ["name", "last_interaction", "next_due"], key="f_sort",
                       format_func={"name": "Name", "last_interaction": "Last interaction",
                                    "next_due": "Next keep-in-touch date"}.get)
    archived = st.toggle("Show archived contacts instead", key="f_archived")

    found = contacts.search(db, text, source=source, industry=industry, tag=tag, state=state,
                            archived=archived, sort=sort, today=today)
    noun = "archived contact" if archived else "contact"
    st.caption(f"{len(found)} {noun}{'' if len(found) == 1 else 's'} - select a row to open it")
    if found.empty:
        st.info("Nobody matches. Try fewer words or clear a filter.", icon=":material/search_off:")
        return
    shown = found.assign(
        source=found["source"].map(contacts.SOURCES),
        keep_in_touch_state=found["keep_in_touch_state"].map(cadence.STATE_LABELS),
        last_interaction=clock.local_dates(found["last_interaction_at"], prof.time_zone),  # your day, not UTC's
    )
    event = st.dataframe(
        shown,
        column_order=["name", "organisation", "role", "tags", "source", "last_interaction",
                      "keep_in_touch_due", "keep_in_touch_state"],
        column_config={
            "name": "Name", "organisation": "Organisation", "role": "Role", "tags": "Tags",
            "source": "Source",
            "last_interaction": st.column_config.DateColumn("Last interaction", format="D MMM YYYY"),
            "keep_in_touch_due": st.column_config.DateColumn("Next keep-in-touch", format="D MMM YYYY"),
            "keep_in_touch_state": "Health",
        },
        hide_index=True, on_select="rerun", selection_mode="single-row", key="contact_table",
    )
    if event.selection.rows:
        open_contact(int(found.iloc[event.selection.rows[0]]["id"]))
        st.rerun()


def duplicate_review() -> None:
    """Likely duplicates, with the reason; merging keeps everything tied to both people."""
    found = cached.duplicate_pairs(db)
    if not found:
        return
    with st.expander(f"Possible duplicates ({len(found)})", icon=":material/content_copy:"):
        labels = {n: f"{p['keep_name']} and {p['other_name']} - {p['reason']}" for n, p in enumerate(found)}
        chosen = st.selectbox("Pair", list(labels), format_func=labels.get, key="dup_pair")
        pair = found[chosen]
        left, right = contacts.editable(db, pair["keep"]), contacts.editable(db, pair["other"])
        take = {}
        for field in ("full_name", "email", "phone", "linkedin_url", "role", "location", "notes"):
            if left[field] != right[field] and right[field]:
                pick = st.radio(field.replace("_", " ").capitalize(), ["keep", "other"], horizontal=True,
                                key=f"dup_{field}", format_func=lambda v, f=field: plain(
                                    (left if v == "keep" else right)[f]) or "(empty)")
                take[field] = pick
        st.caption("Merging keeps every interview, message, follow-up, interaction, tag and introduction of "
                   "both, on one contact.")
        if st.button("Merge these two", type="primary", key="dup_merge"):
            duplicates.merge(db, pair["keep"], pair["other"], take)
            st.toast("Merged.", icon=":material/merge:")
            st.rerun()


def contact_detail(contact_id: int) -> None:
    st.button("All contacts", icon=":material/arrow_back:", on_click=open_contact, args=(None,))
    try:
        person = contacts.get(db, contact_id, today=today)
    except contacts.ContactNotFound:
        st.warning(f"There is no contact {contact_id} - it may have been deleted.")
        return
    note = st.container()  # always drawn, so what follows keeps its place across reruns
    if ADDED in st.session_state:
        note.success(st.session_state.pop(ADDED), icon=":material/check:")
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
    st.subheader("Keep in touch")
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
    st.subheader("Introductions")
    if person["introduced_by_id"] is not None:
        st.write("Introduced by")
        st.button(plain(person["introduced_by"]), key=f"intro_by_{person['introduced_by_id']}",
                  on_click=open_contact, args=(int(person["introduced_by_id"]),),
                  icon=":material/person:")
    introduced = contacts.introduced_by(db, person["id"])
    if introduced:
        st.write("Introduced you to")
        for other in introduced:
            st.button(plain(other["name"]), key=f"introduced_{other['id']}", on_click=open_contact,
                      args=(other["id"],), icon=":material/person:")
    if person["introduced_by_id"] is None and not introduced:
        st.caption("No introductions recorded yet.")


def _log_interaction(contact_id: int) -> None:
    with st.form("log_interaction", clear_on_submit=False, border=True):
        st.markdown("**Log an interaction** - resets the keep-in-touch clock")
        a, b, c = st.columns([2, 2, 1])
        kind = a.selectbox("Kind", list(interactions.KINDS), format_func=interactions.KINDS.get,
                           key="log_kind")
        day = b.date_input("Date", value=today, max_value=today, format="YYYY-MM-DD",
                           key="log_day")
        moment = c.time_input("Time", value=datetime.now(clock.zone(prof.time_zone)).time()
                              .replace(second=0, microsecond=0), key="log_time")
        note = st.text_input("Note", key="log_note")
        if st.form_submit_button("Log interaction"):
            try:
                interactions.log(db, contact_id, kind,
                                 clock.to_utc(datetime.combine(day, moment), prof.time_zone), note)
            except Invalid as problem:
                widgets.show_problems(problem)
            else:
                st.toast("Interaction logged.", icon=":material/check:")


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
            drafting_ui.show_checks(draft_checks.for_message(
                body, person["name"], cap, messages.CHANNELS[channel], subject=subject,
                word_limit=drafting.OUTREACH_WORDS if channel == "email" else None, request=True))
        a, b = st.columns(2)
        if channel == "email" and person["email"]:
            a.link_button("Open in mail app", messages.mailto(person["email"], subject, body),
                          icon=":material/outgoing_mail:")
        if b.button("I sent it - log the outreach", key=f"{key}_log"):
            outreach.log(db, person["id"], "email" if channel == "email" else "linkedin", today, body)
            st.toast("Outreach logged; 3B7 reminders set.", icon=":material/check:")


def _timeline(contact_id: int) -> None:
    st.subheader("Timeline")
    events = interactions.timeline(db, contact_id)
    if not events:
        st.caption("Nothing logged yet.")
        return
    for event in events:
        when = clock.to_local(event["occurred_at"], prof.time_zone)
        note = f" - {plain(event['note'])}" if event["note"] else ""
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
            open_contact(None)
            st.rerun()


chosen = st.query_params.get("contact")
if chosen and chosen.isdigit():
    contact_detail(int(chosen))
else:
    contact_list()
