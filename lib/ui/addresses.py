"""Every page's file and address, in one registry that the router, the page guard and links all read."""

from __future__ import annotations

from lib.config import PROJECT_ROOT

# name (also its URL path) -> the page file, relative to the project as Streamlit wants it
PAGES = {
    "welcome": "pages/welcome.py",
    "today": "pages/today.py",
    "contacts": "pages/contacts.py",
    "contact": "pages/contact.py",
    "interviews": "pages/interviews.py",
    "interview": "pages/interview.py",
    "followups": "pages/followups.py",
    "insights": "pages/insights.py",
    "dashboard": "pages/dashboard.py",
    "organisations": "pages/organisations.py",
    "settings": "pages/settings.py",
}
APP = PROJECT_ROOT / "app.py"  # the router's entry script


def page(name: str) -> str:
    """A page's file by its name ("today"), for st.page_link and st.switch_page."""
    return PAGES[name]
