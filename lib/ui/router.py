"""The router behind app.py: page config, the database for this session, and navigation."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from lib import profile
from lib.db import Database, DatabaseError
from lib.ui import addresses, guard, repairs, session, signin

PAGE_FILES = addresses.PAGES  # the one registry (lib/ui/addresses.py)


def _landing() -> None:
    """The root URL: Welcome for a newcomer, Today once a profile exists.

    A hidden landing page is the default because Streamlit serves its default page only at `/`:
    were Today the default, a deep link to /today would say "page not found".
    """
    onboarded = profile.exists(session.database())
    st.switch_page(PAGE_FILES["today"] if onboarded else PAGE_FILES["welcome"])


def _pages(onboarded: bool) -> list[st.Page]:
    """Every page with its own URL; Welcome leaves the navigation once the user has a profile."""
    return [
        st.Page(_landing, title="Rapport", url_path="home", default=True, visibility="hidden"),
        st.Page(PAGE_FILES["welcome"], title="Welcome", icon=":material/waving_hand:",
                url_path="welcome", visibility="visible" if not onboarded else "hidden"),
        st.Page(PAGE_FILES["today"], title="Today", icon=":material/today:", url_path="today"),
        st.Page(PAGE_FILES["contacts"], title="Contacts", icon=":material/group:",
                url_path="contacts"),
        st.Page(PAGE_FILES["contact"], title="Contact", icon=":material/person:", url_path="contact",
                visibility="hidden"),
        st.Page(PAGE_FILES["interviews"], title="Interviews", icon=":material/forum:",
                url_path="interviews"),
        st.Page(PAGE_FILES["interview"], title="Interview", icon=":material/event:", url_path="interview",
                visibility="hidden"),
        st.Page(PAGE_FILES["followups"], title="Follow-ups", icon=":material/task_alt:",
                url_path="followups"),
        st.Page(PAGE_FILES["insights"], title="Insights", icon=":material/menu_book:", url_path="insights"),
        st.Page(PAGE_FILES["dashboard"], title="Dashboard", icon=":material/insights:",
                url_path="dashboard"),
        st.Page(PAGE_FILES["organisations"], title="Organisations", icon=":material/apartment:",
                url_path="organisations"),
        st.Page(PAGE_FILES["settings"], title="Settings", icon=":material/settings:",
                url_path="settings"),
    ]


def _open_database() -> Database:
    """The session's database, or a clear message and a retry button when it cannot be opened."""
    try:
        return session.database()
    except DatabaseError as error:
        _say_unavailable(error)
        st.stop()
        raise  # unreachable: st.stop() raises


def _say_unavailable(error: DatabaseError) -> None:
    """The database is busy or unreadable: say which file and why, and offer to try again."""
    st.error(str(error), icon=":material/lock:")
    st.button("Try again", type="primary")


def _sidebar(db: Database) -> None:
    with st.sidebar:
        if session.in_demo():
            st.info("You are exploring **demo data**. Nothing here touches your own database.",
                    icon=":material/science:")
            if st.button("Back to my data", key="leave_demo", width="stretch"):
                leave_demo()
        if not session.in_demo():
            st.caption("Showing **your own data**.")
        st.caption(f"Database: `{db.path}`")
        signin.sign_out_button()


def _keep_demo_in_the_address() -> None:
    """`?demo=1` in the address while exploring the demo, so a reload or a copied link stays in it."""
    if st.query_params.get("demo") == "1" and not session.in_demo():
        session.enter_demo()
    if session.in_demo():
        st.query_params["demo"] = "1"


def leave_demo() -> None:
    """Back to the user's own file; a newcomer who has not set up yet goes back to Welcome."""
    session.leave_demo()
    st.query_params.pop("demo", None)
    if not profile.exists(session.database()):
        st.switch_page(PAGE_FILES["welcome"])
    st.rerun()


def _only(screen: Callable[[], None]) -> None:
    """Show one screen at every page's address (a deep link keeps its URL for after sign-in), no menu."""
    paths = ["home", *PAGE_FILES]
    st.navigation([st.Page(screen, title="Rapport", url_path=p, default=p == "home") for p in paths],
                  position="hidden").run()


def run() -> None:
    """Configure the page, open the database, and run the page the URL asks for."""
    st.set_page_config(page_title="Rapport", page_icon="🤝", layout="wide")
    instead = signin.screen()
    if instead is not None:  # beyond loopback: nobody sees a page before signing in
        _only(instead)
        return
    _keep_demo_in_the_address()
    db = _open_database()
    try:
        with db.connect():
            onboarded = profile.exists(db)
            page = st.navigation(_pages(onboarded))
            _sidebar(db)
            repairs.apply()
            with guard.routing():
                page.run()
    except DatabaseError as error:
        _say_unavailable(error)
