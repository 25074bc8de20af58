"""Which database this browser session works on: the user's own, or the separate demo file."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from lib import config, demo, storage
from lib.db import Database

DEMO_KEY = "rapport_demo_mode"


@st.cache_resource(show_spinner=False)
def _open(path: str) -> Database:
    """One Database object per file per process, migrated once; it holds no connection itself."""
    return storage.open_database(path)


def in_demo() -> bool:
    """Whether this session is exploring demo data."""
    return bool(st.session_state.get(DEMO_KEY, False))


def database() -> Database:
    """The database for this session."""
    return _open(config.demo_database_path() if in_demo() else config.database_path())


def enter_demo() -> None:
    """Switch this session to the demo file, generating it the first time (with a progress bar)."""
    path = config.demo_database_path()
    if not Path(path).exists():
        bar = st.progress(0.0, text="Preparing the demo database…")
        def show(fraction: float, what: str) -> None:
            bar.progress(fraction, text=f"Preparing the demo: {what}…")

        demo.seed_demo(storage.open_database(path, migrate=False), progress=show)
        bar.empty()
    st.session_state[DEMO_KEY] = True


def leave_demo() -> None:
    """Back to the user's own database."""
    st.session_state[DEMO_KEY] = False


def reset_caches() -> None:
    """Forget cached Database objects (tests start each app on a fresh file)."""
    _open.clear()
