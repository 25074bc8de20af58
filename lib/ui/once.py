"""Buttons that write act once per intent: a double-click, or a click sent before the page redrew, writes once.

Streamlit keeps a button clickable while the run it started is still going, and a second click reaches the
server with the same form values. Two guards, both in this session's state:

- a form is drawn under keys of its *generation*; saving starts the next one, so the form comes back empty
  and a click sent with the old form's values names widgets that no longer exist, and is ignored;
- a button that writes what is on the screen (an outreach, a message) remembers what it wrote, and while the
  screen shows the same thing it reads "Logged ✓" and is disabled.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

import streamlit as st

from lib.ui import widgets
from lib.validation import Invalid

DONE_MARK = "✓"


def _generation(form: str) -> int:
    return int(st.session_state.get(f"once_generation_{form}", 0))


def keyed(form: str, name: str | None = None) -> str:
    """The key of `form` (or of its widget `name`) in its current generation; the first keeps plain keys."""
    base = name or form
    generation = _generation(form)
    return base if generation == 0 else f"{base}~{generation}"


def saved(form: str, said: str) -> None:
    """The form's write succeeded: say so once beside it, and draw it empty (a new generation) from now on."""
    st.session_state[f"once_generation_{form}"] = _generation(form) + 1
    st.session_state[f"once_said_{form}"] = said


def said(form: str) -> str | None:
    """What the last save of `form` said, once (the "Logged ✓" line shown after the rerun)."""
    return st.session_state.pop(f"once_said_{form}", None)


def picked(who: Any, problem: str) -> Any:
    """The contact a form's selectbox names, or a refusal saying what to pick."""
    if who is None:
        raise Invalid({"contact_id": problem})
    return who


def submit(form: str, submitted: bool, write: Callable[[], str]) -> None:
    """Beside a writing form: what its last save said; on a submit, `write` once - a refusal names each
    problem and keeps the text, a save says what it did (write's sentence) and draws the form empty."""
    said_now = said(form)
    if said_now:
        st.success(said_now, icon=":material/check:")
    if not submitted:
        return
    try:
        done_now = write()
    except Invalid as problem:
        widgets.show_problems(problem)
        return
    saved(form, done_now)
    st.rerun()


def fingerprint(*parts: Any) -> str:
    """A short digest of what a button writes, to tell the same intent from a new one."""
    return hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()[:16]


def done(key: str, what: str) -> bool:
    """Whether the button `key` already wrote `what` (so a second click writes nothing)."""
    return st.session_state.get(f"once_done_{key}") == what


def mark_done(key: str, what: str) -> None:
    """The button `key` wrote `what`; called right after the write, before anything is drawn."""
    st.session_state[f"once_done_{key}"] = what


def label(key: str, what: str, ready: str, finished: str) -> tuple[str, bool]:
    """The button's label and whether it is disabled: `finished` (with a tick) once `what` is written."""
    if done(key, what):
        return f"{finished} {DONE_MARK}", True
    return ready, False
