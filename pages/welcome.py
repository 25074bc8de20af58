"""Welcome: what informational interviews are, a short profile, or a one-click demo."""

from lib.ui.guard import page_guard

page_guard()

import streamlit as st

from lib import profile
from lib.ui import addresses, session, widgets
from lib.validation import Invalid

db = session.database()

st.title("Welcome to Rapport")
st.markdown(
    """
Rapport helps you run **informational interviews**: short conversations with people who work where
you would like to work. They are *not* job interviews - you never ask for a job or hand over a
resume. You go to:

- **build rapport** with people who know the field and its decision makers,
- **earn trust and credibility** by being curious, prepared and respectful of their time,
- **learn first-hand** what a role, an organisation and an industry are really like, and
- **give back**: offer what you know and whom you know, and report back on their advice.

Rapport keeps your contacts and target employers in one file on this computer. It reminds you of
the 3B7 steps after each request, holds your questions and notes for every conversation, asks for a
thank-you within a day, keeps track of what you promised, and tells you each morning what to do.
"""
)

left, right = st.columns([3, 2], gap="large")
with left:
    st.header("Tell Rapport about you")
    st.caption("A few lines are enough; you can change everything later in Settings.")
    current = profile.get(db)
    zone = profile.starting_zone(current, profile.is_saved(db), st.context.timezone)  # the browser's zone
    submitted = widgets.profile_form(current.model_copy(update={"time_zone": zone}), key="onboarding", full=False,
                                     submit_label="Save and start")
    if submitted is not None:
        try:
            if not str(submitted.get("name", "")).strip():  # drafts sign with it, Today greets with it
                raise Invalid({"name": "Your first name is needed; everything else can wait"})
            profile.save(db, **submitted)
        except Invalid as problem:
            widgets.show_problems(problem)
        else:
            st.switch_page(addresses.page("today"))
with right:
    st.header("Just looking?")
    st.markdown(
        "Explore Rapport with **demo data**: a year of networking with about 80 contacts at "
        "15 organisations. It lives in its own file and never mixes with yours; one click in the "
        "sidebar brings you back."
    )
    if st.button("Explore with demo data", type="secondary", icon=":material/science:"):
        session.enter_demo()  # shows its own progress bar
        st.switch_page(addresses.page("today"))
