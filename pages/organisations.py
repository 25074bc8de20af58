"""Organisations: the target employer list (LAMP) and every employer with its contacts."""

from lib.ui.guard import page_guard

page_guard()

import streamlit as st

from lib import organisations
from lib.ui import method, records, session, widgets
from lib.ui.text import plain
from lib.validation import Invalid

db = session.database()

st.title("Organisations")
targets_tab, all_tab = st.tabs(["Target employers (LAMP)", "All organisations"])


def save_lamp_edits(key: str) -> None:
    """Store what was edited in the LAMP table, then start a fresh editor over the re-sorted list."""
    edits = st.session_state[key]["edited_rows"]
    frame = st.session_state["lamp_frame"]
    st.session_state["lamp_version"] = st.session_state.get("lamp_version", 0) + 1
    for row, changes in edits.items():
        organisation_id = int(frame.iloc[int(row)]["id"])
        try:
            organisations.set_lamp(
                db, organisation_id,
                is_target=changes.get("is_target"),
                advocacy=changes.get("lamp_advocacy"),
                motivation=changes.get("lamp_motivation"),
                posting=changes.get("lamp_posting"),
            )
        except Invalid as problem:
            st.session_state["lamp_problem"] = problem


def delete_organisation(organisation_id: int) -> None:
    """Delete, then close the detail that showed it."""
    organisations.delete(db, organisation_id)
    st.session_state.pop("org_open", None)
    st.session_state.pop("org_sure", None)


with targets_tab:
    st.caption(
        "LAMP: list employers you would love to work for, then score **Advocacy** (do you know "
        "someone there?), **Motivation** (0 = none, 3 = dream employer) and **Posting** (1 = no "
        "relevant posting, 3 = a fitting one). Start outreach with the top five."
    )
    method.explain("LAMP")
    targets = organisations.target_list(db)
    if "lamp_problem" in st.session_state:
        widgets.show_problems(st.session_state.pop("lamp_problem"))
    if targets.empty:
        st.info("No target employers yet. Add one below, or mark an organisation as a target.",
                icon=":material/flag:")
    else:
        targets.insert(0, "rank", [f"★ {i + 1}" if top else str(i + 1)
                                   for i, top in enumerate(targets["top"])])
        targets["advice"] = [
            ("No contacts yet - find someone there" if n == 0 else "Only 1 contact - find a second person")
            if few else "" for n, few in zip(targets["contacts"], targets["few_contacts"], strict=True)
        ]
        st.session_state["lamp_frame"] = targets
        st.data_editor(
            targets,
            column_order=["rank", "name", "industry", "lamp_advocacy", "lamp_motivation",
                          "lamp_posting", "contacts", "advice", "is_target"],
            column_config={
                "rank": st.column_config.TextColumn("Rank", help="★ marks the top five"),
                "name": "Employer", "industry": "Industry",
                "lamp_advocacy": st.column_config.CheckboxColumn("Advocacy"),
                "lamp_motivation": st.column_config.SelectboxColumn(
                    "Motivation", options=[0, 1, 2, 3], required=True),
                "lamp_posting": st.column_config.SelectboxColumn(
                    "Posting", options=[1, 2, 3], required=True),
                "contacts": st.column_config.NumberColumn("Contacts"),
                "advice": "Note",
                "is_target": st.column_config.CheckboxColumn(
                    "On list", help="Untick to take the employer off the list"),
            },
            disabled=["rank", "name", "industry", "contacts", "advice"],
            hide_index=True, key=f"lamp_table_{st.session_state.get('lamp_version', 0)}",
            on_change=save_lamp_edits, args=(f"lamp_table_{st.session_state.get('lamp_version', 0)}",),
        )
        top = targets[targets["top"]]
        st.markdown("**Start with:** " + ", ".join(plain(n) for n in top["name"]))
    others = organisations.list_all(db)
    others = others[~others["is_target"]]
    with st.form("add_target", border=False):
        a, b = st.columns([3, 1], vertical_alignment="bottom")
        pick = a.selectbox("Add an employer to the list", list(others["name"]), index=None,
                           accept_new_options=True, placeholder="Pick or type a new one",
                           key="target_pick")
        adding = b.form_submit_button("Add to list", icon=":material/add:")
    if adding and not pick:
        st.warning("Pick an employer, or type a new one's name, then press *Add to list*.",
                   icon=":material/arrow_upward:")
    if adding and pick:
        try:
            organisation_id = organisations.get_or_create(db, pick)
            organisations.set_lamp(db, organisation_id, is_target=True)
        except Invalid as problem:
            widgets.show_problems(problem)
        else:
            st.rerun()

with all_tab:
    with (st.expander("Add an organisation", icon=":material/add_business:"),
          st.form("add_organisation", clear_on_submit=False)):
        name = st.text_input("Name *", key="org_name")
        industry = st.text_input("Industry", key="org_industry")
        website = st.text_input("Website", key="org_website")
        notes = st.text_area("Notes", key="org_notes")
        if st.form_submit_button("Add organisation", type="primary"):
            try:
                organisations.create(db, name, industry=industry, website=website, notes=notes)
            except Invalid as problem:
                widgets.show_problems(problem)
            else:
                st.success(f"Added {plain(name.strip())}.", icon=":material/check:")
    a, b = st.columns([2, 1])
    text = a.text_input("Search organisations", key="org_search")
    industry_filter = b.selectbox("Industry", organisations.industries(db), index=None,
                                  placeholder="Any", key="org_industry_filter")
    listing = organisations.list_all(db, text, industry_filter)
    if listing.empty:
        st.info("No organisations yet. They appear here as you add contacts or employers.",
                icon=":material/apartment:")
    else:
        st.dataframe(listing, column_order=["name", "industry", "website", "contacts", "is_target"],
                     column_config={"name": "Organisation", "industry": "Industry",
                                    "website": st.column_config.LinkColumn("Website"),
                                    "contacts": "Contacts", "is_target": "Target"},
                     hide_index=True)
        names = dict(zip(listing["id"], listing["name"], strict=True))
        chosen = st.selectbox("Open an organisation", list(names), format_func=names.get,
                              index=None, placeholder="Choose one to see its people or edit it",
                              key="org_open")
        if chosen is not None:
            org = organisations.get(db, chosen)
            people = organisations.contacts_at(db, chosen)
            st.header(plain(org["name"]))
            if people:
                for person in people:
                    label = plain(person["name"]) + (f" - {plain(person['role'])}" if person["role"] else "")
                    records.contact_link(person["id"], label + (" (archived)" if person["archived"] else ""))
            else:
                st.caption("No contacts here yet.")
            with st.form(f"edit_org_{chosen}"):
                new_name = st.text_input("Name *", value=org["name"], key=f"edit_org_{chosen}_name")
                new_industry = st.text_input("Industry", value=org["industry"],
                                             key=f"edit_org_{chosen}_industry")
                new_site = st.text_input("Website", value=org["website"])
                new_notes = st.text_area("Notes", value=org["notes"])
                if st.form_submit_button("Save changes", type="primary"):
                    try:
                        organisations.update(db, chosen, name=new_name, industry=new_industry,
                                             website=new_site, notes=new_notes)
                    except Invalid as problem:
                        widgets.show_problems(problem)
                    else:
                        st.rerun()
            sure = st.checkbox(f"Yes, delete {plain(org['name'])} (its contacts stay)", key="org_sure")
            st.button("Delete organisation", disabled=not sure, key="org_delete",
                      on_click=delete_organisation, args=(chosen,))
