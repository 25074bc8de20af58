"""Settings: the profile and its defaults, and which database this session uses."""

from lib.ui.guard import page_guard

page_guard()

import streamlit as st

from lib import contacts, profile
from lib.drafting import calls, errors, settings
from lib.drafting.provider import OpenAIProvider
from lib.ui import drafting as drafting_ui
from lib.ui import router, session, widgets
from lib.validation import Invalid

db = session.database()

st.title("Settings")
profile_tab, model_tab, data_tab = st.tabs(["Profile", "Language model", "Data"])

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

with model_tab:
    current = drafting_ui.model_settings(db)
    st.markdown(
        "Rapport drafts questions, thank-yous and outreach with its **built-in offline drafter** - no "
        "key, no network. Point it at any OpenAI-compatible server to draft with a model instead.")
    status = "set up" if current.configured else "not set up: drafts come from the offline drafter"
    st.markdown(f"**Model** {status}  \n**Endpoint** `{current.endpoint}`  \n**Model name** "
                f"`{current.model}`  \n**API key** `{settings.masked(current.api_key)}` "
                f"(from {current.key_source})")
    with st.form("llm_overrides"):
        chosen = settings.overrides(db)
        base_url = st.text_input("Base URL (blank: OPENAI_BASE_URL, else OpenAI)",
                                 value=chosen.get("llm_base_url", ""),
                                 placeholder="http://localhost:11434/v1 for Ollama", key="llm_base_url")
        model = st.text_input("Model (blank: RAPPORT_LLM_MODEL, else gpt-4o-mini)",
                              value=chosen.get("llm_model", ""), placeholder="llama3.1", key="llm_model")
        if st.form_submit_button("Save endpoint and model"):
            settings.save_overrides(db, base_url, model)
            st.rerun()
    st.text_input("API key for this session only", type="password", key=drafting_ui.SESSION_KEY,
                  help="Kept in this browser session, never written to the database, logs, exports or "
                       "backups. For a lasting key set OPENAI_API_KEY or .streamlit/secrets.toml.")
    if st.button("Test connection", icon=":material/network_check:", key="llm_test"):
        try:
            st.success(OpenAIProvider(drafting_ui.model_settings(db), retries=0).test_connection(),
                       icon=":material/check:")
        except errors.DraftError as problem:
            st.error(problem.message, icon=":material/cloud_off:")
    log = calls.recent(db)
    st.markdown(f"**Recent model calls ({len(log)})**")
    if log.empty:
        st.caption("No model calls yet.")
    else:
        st.dataframe(log, hide_index=True, column_config={
            "called_at": st.column_config.DatetimeColumn("When (UTC)", format="YYYY-MM-DD HH:mm"),
            "latency_ms": "Latency (ms)", "tokens_in": "Tokens in", "tokens_out": "Tokens out"})
