"""The words of the method, explained where each first appears: TIARA, 3B7, LAMP and the responders."""

from __future__ import annotations

import streamlit as st

EXPLAINED = {
    "TIARA": ("What is TIARA?",
              "Five kinds of question that make a short conversation count: **Trends** (where is the field "
              "going?), **Insights** (what is the work really like?), **Advice** (what would you do in my "
              "place?), **Resources** (what should I read, join or use?) and **Assignments** (what could I try "
              "to test my fit?). Rapport drafts at least one of each, after a rapport opener, and ends by "
              "asking whom else you should meet."),
    "3B7": ("What is 3B7?",
            "A rule for requests that get no answer: after **3 business days**, ask a second person at the "
            "same organisation; after **7 business days**, follow up once with the first. Rapport sets both "
            "reminders when you log an outreach, and clears them when a reply comes."),
    "LAMP": ("What is LAMP?",
             "A way to choose where to start: **L**ist employers you would love to work for, then score "
             "**A**dvocacy (do you know someone there? Rapport ticks it when you have a contact there), "
             "**M**otivation (0 to 3) and **P**osting (1 to 3, is there a fitting job ad?). Sorted by "
             "Motivation, then Posting, then Advocacy, the top five are where outreach starts."),
    "responders": ("Booster, Obligate, Curmudgeon?",
                   "How quickly people answer a first request: a **Booster** replies within 3 business days "
                   "and usually helps generously; an **Obligate** replies later, often out of politeness; a "
                   "**Curmudgeon** has not replied after 7. Spend your time with Boosters."),
}


def explain(term: str) -> None:
    """A folded, friendly explanation of one term of the method."""
    title, text = EXPLAINED[term]
    with st.expander(title, icon=":material/help:"):
        st.markdown(text)
