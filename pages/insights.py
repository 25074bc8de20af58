"""Insights: the learning ledger - everything learned across debriefs, and advice to report back on."""

from lib.ui.guard import page_guard

page_guard()

import streamlit as st

from lib import insights, organisations
from lib.ui import session

db = session.database()

st.title("Insights")
st.caption("Everything your conversations taught you, in one place. Search it before your next meeting.")
a, b, c, d = st.columns([3, 1, 1, 1])
text = a.text_input("Search what you learned", key="ledger_search")
industry = b.selectbox("Industry", organisations.industries(db), index=None, placeholder="Any",
                       key="ledger_industry")
organisation = c.selectbox("Organisation", organisations.names(db), index=None, placeholder="Any",
                           key="ledger_org")
role = d.selectbox("Role", insights.roles(db), index=None, placeholder="Any", key="ledger_role")
ledger = insights.ledger(db, text, industry, organisation, role)
narrowed = bool(text.strip() or industry or organisation or role)

learned_tab, advice_tab = st.tabs([f"Learned ({len(ledger[ledger['kind'] != 'advice'])})",
                                   f"Advice ({len(ledger[ledger['kind'] == 'advice'])})"])
with learned_tab:
    notes = ledger[ledger["kind"] != "advice"]
    if notes.empty and narrowed:
        st.info("Nothing you learned matches these filters. Clear one to see more.", icon=":material/search_off:")
    elif notes.empty:
        st.info("Nothing here yet. What you write in a debrief - realities, what they love and loathe, "
                "how their career evolved - lands here.", icon=":material/menu_book:")
    else:
        st.dataframe(notes.assign(kind=notes["kind"].map(insights.KINDS)), hide_index=True,
                     column_order=["day", "kind", "learned", "contact", "role", "organisation", "industry"],
                     column_config={"day": st.column_config.DateColumn("Date", format="D MMM YYYY"),
                                    "kind": "About", "contact": "From", "role": "Their role",
                                    "organisation": "Organisation", "industry": "Industry",
                                    "learned": st.column_config.TextColumn("What I learned", width="large")})
with advice_tab:
    advice = ledger[ledger["kind"] == "advice"]
    if advice.empty and narrowed:
        st.info("No advice matches these filters.", icon=":material/search_off:")
    elif advice.empty:
        st.info("Advice you record in a debrief appears here, to act on and report back.",
                icon=":material/lightbulb:")
    else:
        advice = advice.assign(status=insights.advice_status(advice))
        waiting = st.toggle("Only advice still waiting for a report-back", key="ledger_waiting")
        if waiting:
            advice = advice[advice["status"] != "reported back"]
        st.caption(f"{(advice['status'] == 'reported back').sum()} reported back · "
                   f"{(advice['status'] == 'acted on - report back').sum()} acted on, report back · "
                   f"{(advice['status'] == 'not yet acted on').sum()} not yet acted on")
        st.dataframe(advice, hide_index=True,
                     column_order=["day", "learned", "status", "contact", "organisation"],
                     column_config={"day": st.column_config.DateColumn("Date", format="D MMM YYYY"),
                                    "learned": st.column_config.TextColumn("Advice", width="large"),
                                    "status": "Status", "contact": "From", "organisation": "Organisation"})
        st.caption("Mark advice acted on or reported back on the interview's Debrief tab.")
