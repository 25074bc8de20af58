"""The page guard: every page runs inside the router, even when opened by a deep link.

On a freshly started server, opening /<page> before any session has loaded / runs the page file
directly in Streamlit's legacy multipage mode: app.py is skipped and the sidebar lists raw file
names. Each page's first line calls `page_guard()`, which notices that and runs the router instead.
"""

from __future__ import annotations

import runpy
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from lib.ui import addresses

_state = threading.local()


@contextmanager
def routing() -> Iterator[None]:
    """Mark this thread's script run as being inside the router."""
    previous = getattr(_state, "inside", False)
    _state.inside = True
    try:
        yield
    finally:
        _state.inside = previous


def page_guard() -> None:
    """Run the router (and stop) when a page was started without it: app.py itself, as Streamlit should
    have run it, so the guard needs no import of the router (which imports the guard)."""
    if getattr(_state, "inside", False):
        return
    runpy.run_path(str(addresses.APP), run_name="__main__")
    st.stop()
