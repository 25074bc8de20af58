"""Settings: the profile and its defaults, and which database this session uses."""

from lib.ui.guard import page_guard

page_guard()

import streamlit as st

from lib import contacts, profile
from lib.ui import router, session, widgets
from lib.validation import Invalid

db = session.database()

st.title("Settings")
profile_tab, data_tab = st.tabs(["Profile", "Data"])

with profile_tab:
    st.caption("Rapport uses your profile to set reminders and, when preparing for a meeting, "
               "to say who you are and what you can offer.")
    submitted = widgets.profile_form(profile.get(db), key="settings_profile", full=True)
    if submitted is not None:
        try:
            profile.save(db, **submitted)
        except Invalid as problem:
            widgets.show_problems(problem)
        else:
            st.success("Profile saved.", icon=":material/check:")

with data_tab:
    st.markdown(f"This session works on **`{db.path}`** ({contacts.count(db)} contacts).")
    if session.in_demo():
        st.info("This is the demo database. Your own data is untouched.", icon=":material/science:")
        if st.button("Back to my data", type="primary", key="settings_leave_demo"):
            router.leave_demo()
    else:
        st.markdown("Want to see Rapport with a year of realistic data first? The demo lives in "
                    "its own file and never mixes with yours.")
        if st.button("Explore with demo data", icon=":material/science:", key="settings_demo"):
            with st.spinner("Preparing the demo database…"):
                session.enter_demo()
            st.rerun()
    st.caption("Set `RAPPORT_DB` to keep your database somewhere else (a synced folder, say); "
               "the file is only held while Rapport is working, so the command line can use it "
               "while the app is open.")
