"""Typed text survives a reload: each field is kept in the database as it changes, and offered back on return."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from lib import clock, unsaved
from lib.db import Database


def _write(db: Database, scope: str, field: str, text: str, links: dict[str, int | None]) -> None:
    unsaved.keep(db, scope, field, text, **links)
    st.session_state[f"unsaved_last_{scope}_{field}"] = text


def _keep(db: Database, scope: str, field: str, key: str, links: dict[str, int | None]) -> None:
    _write(db, scope, field, str(st.session_state.get(key) or ""), links)


def sync(db: Database, scope: str, keys: dict[str, str], **links: int | None) -> None:
    """Keep every field whose text differs from what was last kept, after the fields are drawn: a change
    whose run was cut short by the next one (typing fast on a phone) never heard its on_change."""
    for field, key in keys.items():
        if key in st.session_state:
            text = str(st.session_state[key] or "")
            if text != st.session_state.get(f"unsaved_last_{scope}_{field}", ""):
                _write(db, scope, field, text, links)


def keeper(db: Database, scope: str, field: str, key: str, **links: int | None) -> dict[str, Any]:
    """The `key` and `on_change` of a text widget whose text is kept as it is typed (on every change)."""
    return {"key": key, "on_change": _keep, "args": (db, scope, field, key, links)}


def _decided(scope: str) -> str:
    return f"unsaved_decided_{scope}"


def _restore(scope: str, keys: dict[str, str], kept: dict[str, str], then: Callable[[], None] | None) -> None:
    for field, text in kept.items():
        if field in keys:
            st.session_state[keys[field]] = text
            st.session_state[f"unsaved_last_{scope}_{field}"] = text
    st.session_state[_decided(scope)] = True
    if then:
        then()


def _discard(db: Database, scope: str) -> None:
    unsaved.forget(db, scope)
    st.session_state[_decided(scope)] = True


def offer(db: Database, scope: str, keys: dict[str, str], what: str, tz: str,
          then: Callable[[], None] | None = None) -> None:
    """"You have an unsaved debrief from 08:14 - continue?", when text of `scope` waits and this session has
    typed none of it yet; Continue puts it back into the widgets `keys` (field -> widget key) and runs `then`."""
    if st.session_state.get(_decided(scope)) or any(st.session_state.get(k) for k in keys.values()):
        return
    kept = unsaved.of(db, scope)
    if not kept:
        return
    since = unsaved.since(db, scope)
    if since is None:
        return
    when = clock.to_local(since, tz)
    day = "" if when.date() == clock.today(tz) else f" on {when:%a %d %b}"
    box = st.container(border=True)
    box.warning(f"You have an unsaved {what} from {when:%H:%M}{day} - continue?", icon=":material/history:")
    a, b = box.columns(2)
    a.button("Continue", key=f"unsaved_continue_{scope}", type="primary", icon=":material/edit_note:",
             on_click=_restore, args=(scope, keys, kept, then))
    b.button("Discard", key=f"unsaved_discard_{scope}", icon=":material/delete:", on_click=_discard,
             args=(db, scope))


def forget(db: Database, scope: str) -> None:
    """The editor's text was saved for real; nothing to offer back."""
    unsaved.forget(db, scope)
    st.session_state[_decided(scope)] = True
