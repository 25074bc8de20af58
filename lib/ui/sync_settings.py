"""Settings → Sync: the mailbox and calendar set up in the secrets file, a connection test, *Sync now* with a
progress bar, what the last sync logged and skipped per contact, and *Undo the last sync*."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from lib import clock, config, profile, wording
from lib.db import Database
from lib.io import undo
from lib.sync import SyncFailed, cursors
from lib.sync import calendar as calendar_sync
from lib.sync import mail as mail_sync
from lib.ui.text import plain

EXAMPLE = '''[sync.mail]            # Gmail: imap.gmail.com, an app password
host = "imap.fastmail.com"
username = "you@fastmail.com"
password = "APP-PASSWORD"
security = "ssl"       # or "starttls", "none"
since_days = 365

[sync.calendar]        # CalDAV (iCloud, Fastmail, Nextcloud) ...
url = "https://caldav.fastmail.com/"
username = "you@fastmail.com"
password = "APP-PASSWORD"
calendars = ["Personal"]
# ... or a private link: ics_url = "https://calendar.google.com/calendar/ical/.../basic.ics"'''

SOURCES: dict[str, tuple[str, Callable[..., dict[str, Any]], Callable[[dict[str, Any]], str]]] = {
    "mail": ("Mail (IMAP)", mail_sync.sync, mail_sync.test_connection),
    "calendar": ("Calendar (CalDAV or a private link)", calendar_sync.sync, calendar_sync.test_connection),
}


def section(db: Database) -> None:
    """The whole Sync tab."""
    st.caption("Rapport reads new mail headers and calendar events by itself - never a message body, never "
               "marking anything read - and logs them as the file imports do. Passwords stay in the secrets file.")
    found = {"mail": config.sync_mail(), "calendar": config.sync_calendar()}
    if not any(found.values()):
        st.info(f"Nothing to sync yet. Add your mailbox and calendar to {config.secrets_file()} (app passwords "
                "live only there, never in the database), then reload this page:", icon=":material/key:")
        # Unhighlighted (the highlighter's colours miss 4.5:1 here) and wrapped (a phone never scrolls it).
        st.code(EXAMPLE, language=None, wrap_lines=True)
    for name, settings in found.items():
        if settings:
            source_row(db, name, settings)
    last_syncs(db)
    undo_last(db)


def _account(name: str, settings: dict[str, Any]) -> str:
    """Who the source signs in as, without the password or a secret link's path."""
    if name == "calendar" and settings.get("ics_url"):
        return "a private calendar link at " + calendar_sync.redacted(str(settings["ics_url"]))
    where = settings.get("host") or calendar_sync.redacted(str(settings.get("url", "")))
    return f"{settings.get('username', '')} at {where}"


def source_row(db: Database, name: str, settings: dict[str, Any]) -> None:
    """One source: who it signs in as, a connection test, and Sync now."""
    label, run, check = SOURCES[name]
    st.subheader(label)
    st.markdown(plain(_account(name, settings)))
    test, now = st.columns(2)
    if test.button("Test the connection", key=f"sync_test_{name}", icon=":material/lan:"):
        try:
            st.success(plain(check(settings)), icon=":material/check:")
        except SyncFailed as problem:
            st.error(plain(str(problem)), icon=":material/error:")
    if now.button("Sync now", key=f"sync_now_{name}", icon=":material/sync:", type="primary"):
        bar = st.progress(0.0, text="Starting")
        steps = [0]

        def progress(text: str) -> None:
            steps[0] += 1
            bar.progress(min(0.95, steps[0] / 6), text=text)

        try:
            run(db, settings, progress=progress)
        except SyncFailed as problem:
            st.error(plain(str(problem)), icon=":material/error:")
        bar.progress(1.0, text="Done")


def last_syncs(db: Database) -> None:
    """What the last sync of each source logged, per contact, and what it skipped and why."""
    runs = cursors.last_runs(db)
    if not runs:
        return
    st.subheader("The last sync")
    tz = profile.get(db).time_zone
    for run in runs:
        when = f"{clock.to_local(run['ran_at'], tz):%d %b %H:%M}"
        label = SOURCES.get(run["source"], (run["source"],))[0]
        if run["error"]:
            st.error(f"{label}, {when}: {plain(run['error'])}", icon=":material/error:")
            continue
        summary = run["summary"]
        logged = summary.get("actions", [])
        st.markdown(f"**{label}**, {when}: {wording.count(summary.get('items', 0), 'item')} read, "
                    f"{wording.count(len(logged), 'entry')} logged, {summary.get('unchanged', 0)} already logged.")
        for note in summary.get("notes", []):
            st.caption(plain(note))
        if logged:
            st.dataframe(logged, hide_index=True, width="stretch")
        skipped = summary.get("skipped", []) + summary.get("invalid", [])
        if skipped:
            with st.expander(f"Skipped: {len(skipped)}"):
                st.dataframe(skipped, hide_index=True, width="stretch")


def undo_last(db: Database) -> None:
    """Take back the last sync that logged anything, as the Data tab undoes an import."""
    last = cursors.last_undoable(db)
    if last is None:
        return
    label = SOURCES.get(last["source"], (last["source"],))[0]
    if st.button(f"Undo the last sync ({label}: {wording.count(last['created'], 'entry')})",
                 icon=":material/undo:", key="sync_undo"):
        removed = undo.undo(db, last["import_batch_id"])
        st.success(f"Sync undone: {wording.count(removed, 'entry')} taken back.", icon=":material/check:")
