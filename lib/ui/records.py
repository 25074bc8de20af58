"""One contact's or one interview's own page, reached by `/contact?id=N` and `/interview?id=N`.

Record views have pages of their own because Streamlit keeps the query string when the sidebar link
of the page already open is clicked: with `/contacts?contact=N`, *Contacts* in the sidebar did nothing.
"""

from __future__ import annotations

from typing import Any, NoReturn

import streamlit as st

from lib.ui import addresses

CONTACT_PAGE = addresses.page("contact")
INTERVIEW_PAGE = addresses.page("interview")
CONTACTS_PAGE = addresses.page("contacts")
INTERVIEWS_PAGE = addresses.page("interviews")


def chosen_id(name: str = "id") -> int | None:
    """The record the address asks for, or None when it names none (or nonsense)."""
    value = st.query_params.get(name, "")
    return int(value) if value.isdigit() else None


def open_contact(contact_id: int) -> NoReturn:
    """Go to a contact's page from the script body (never from a callback: switching reruns)."""
    st.switch_page(CONTACT_PAGE, query_params={"id": str(int(contact_id))})


def open_interview(interview_id: int) -> NoReturn:
    """Go to an interview's page from the script body."""
    st.switch_page(INTERVIEW_PAGE, query_params={"id": str(int(interview_id))})


def contact_link(contact_id: int, label: str, icon: str = ":material/person:", where: Any = None) -> None:
    """A real link to a contact's page: it opens in a new tab too, and reads as a link to a screen reader."""
    (where or st).page_link(CONTACT_PAGE, label=label, query_params={"id": str(int(contact_id))}, icon=icon)


def interview_link(interview_id: int, label: str, icon: str = ":material/event:", where: Any = None) -> None:
    """A real link to an interview's page."""
    (where or st).page_link(INTERVIEW_PAGE, label=label, query_params={"id": str(int(interview_id))}, icon=icon)


def redirect_old_address(name: str, page: str) -> None:
    """Addresses saved before record pages existed (`/contacts?contact=N`) still open the record."""
    old = chosen_id(name)
    if old is not None:
        st.switch_page(page, query_params={"id": str(old)})


ARRIVAL = "record_arrival_note"


def say_on_arrival(text: str) -> None:
    """A sentence for the record's own page ("Added Maya."), where it stays until the next action."""
    st.session_state[ARRIVAL] = text


def arrival_note(icon: str = ":material/check:") -> None:
    """Said once, in a container drawn on every run so the tabs below keep their place (and the open tab)."""
    note = st.container()
    if ARRIVAL in st.session_state:
        note.success(st.session_state.pop(ARRIVAL), icon=icon)
