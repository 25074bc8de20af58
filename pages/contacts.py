"""Contacts: add, search and filter the network; each contact's story is on their own page (contact.py)."""

from lib.ui.guard import page_guard

page_guard()

import streamlit as st

from lib import cadence, clock, contacts, duplicates, organisations, profile
from lib.ui import cached, records, session, widgets
from lib.ui.text import plain
from lib.validation import Invalid

db = session.database()
prof = profile.get(db)
today = clock.today(prof.time_zone)


PENDING = "contact_to_add"
PAIRS_SHOWN = 100


def add_contact(fields: dict) -> None:
    """Create the contact and open their page: the form is gone, so a second click cannot add them twice."""
    st.session_state.pop(PENDING, None)
    try:
        new_id = contacts.create(db, **fields)
    except Invalid as problem:
        widgets.show_problems(problem)
        return
    records.say_on_arrival(f"Added {plain(fields['full_name'].strip())}.")
    records.open_contact(new_id)


def contact_list() -> None:
    st.title("Contacts")
    with st.expander("Add a contact", expanded=contacts.count(db) == 0 or PENDING in st.session_state,
                     icon=":material/person_add:"):
        fields = widgets.contact_form(db, "add_contact", submit_label="Add contact")
        if fields is not None:
            same = contacts.already_known(db, fields.get("email", ""), fields.get("linkedin_url", ""))
            if same:  # a second click, or someone already here: ask before making a duplicate
                st.session_state[PENDING] = fields
            else:
                add_contact(fields)
        if PENDING in st.session_state:
            pending = st.session_state[PENDING]
            same = contacts.already_known(db, pending.get("email", ""), pending.get("linkedin_url", ""))
            if same:
                st.warning(f"{plain(same['name'])} already has this {same['why']}. Open their page, or add "
                           "a new contact anyway.", icon=":material/content_copy:")
                a, b = st.columns(2)
                if a.button("Open their page", type="primary"):
                    st.session_state.pop(PENDING, None)
                    records.open_contact(same["id"])
                if b.button("Add anyway"):
                    add_contact(pending)
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
        records.open_contact(int(found.iloc[event.selection.rows[0]]["id"]))


def duplicate_review() -> None:
    """Likely duplicates, with the reason; merging keeps everything tied to both people."""
    found = cached.duplicate_pairs(db)
    if not found:
        return
    with st.expander(f"Possible duplicates ({len(found):,})", icon=":material/content_copy:"):
        shown = found[:PAIRS_SHOWN]  # a list to review one by one, not tens of thousands of options
        if len(found) > PAIRS_SHOWN:
            st.caption(f"The first {PAIRS_SHOWN} of {len(found):,}; as you merge them, the next ones appear.")
        labels = {n: f"{p['keep_name']} and {p['other_name']} - {p['reason']}" for n, p in enumerate(shown)}
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



records.redirect_old_address("contact", records.CONTACT_PAGE)
contact_list()
