"""The calendar over CalDAV or a private calendar link, read into the same matching and logging as an .ics
import (lib/io/calendars.py).

CalDAV (iCloud, Fastmail, Nextcloud, Radicale): the chosen calendars' events in the import's window, by a
time-range query, skipped when the calendar's sync-token has not changed since the last run. A private
link (Google's and Outlook's "secret address in iCal format") is fetched over HTTPS with its ETag, and a
304 means nothing changed. Either way the events become the same bytes an .ics export is, so UID and
RECURRENCE-ID keep sync and file import idempotent together, and a moved event moves its meeting.
"""

from __future__ import annotations

import hashlib
import urllib.error
import urllib.request
from collections.abc import Callable
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

import caldav
from caldav.elements import dav
from caldav.lib import error as caldav_errors
from icalendar import Calendar

from lib import clock, config
from lib.db import Database
from lib.io import calendars
from lib.io.files import ImportRefused
from lib.sync import SyncFailed, cursors, uniform

TIMEOUT = 30


def redacted(url: str) -> str:
    """A link as the user may see it: scheme and host, never the secret path or any password."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.hostname or ''}{f':{parts.port}' if parts.port else ''}"


def _link_account(url: str) -> str:
    """How a private link is named in the database: a fingerprint, as the link itself is the secret."""
    return f"link {redacted(url)} {hashlib.sha256(url.encode()).hexdigest()[:12]}"


def sync(db: Database, settings: dict[str, Any], dry_run: bool = False, now: datetime | None = None,
         progress: Callable[[str], None] | None = None) -> dict[str, Any]:
    """Read the calendar [sync.calendar] names and log it as the .ics import would; returns its summary.

    Raises SyncFailed with one sentence; then nothing was written and the cursors stay where they were."""
    now = now or clock.utcnow()
    say = progress or (lambda _text: None)
    try:
        if settings.get("ics_url"):
            result = _sync_link(db, str(settings["ics_url"]), dry_run, now, say)
        elif settings.get("url"):
            result = _sync_caldav(db, settings, dry_run, now, say)
        else:
            raise SyncFailed("[sync.calendar] in the secrets file needs url (CalDAV) or ics_url (a private "
                             "calendar link): see the README, Live sync.")
    except ImportRefused as error:
        raise _failed(db, dry_run, f"The calendar could not be read: {error}") from None
    except SyncFailed as error:
        raise _failed(db, dry_run, str(error)) from None
    if not dry_run:
        cursors.record(db, "calendar", result, result.get("batch"))
    return result


def _failed(db: Database, dry_run: bool, sentence: str) -> SyncFailed:
    if not dry_run:
        cursors.record(db, "calendar", {}, error=sentence)
    return SyncFailed(sentence)


# -- a private link ----------------------------------------------------------------------------------

def fetch_link(url: str, etag: str = "") -> tuple[bytes | None, str]:
    """The calendar at a private link and its ETag; None when it answers 304 (unchanged since `etag`)."""
    where = redacted(url)
    headers = {"User-Agent": "Rapport"} | ({"If-None-Match": etag} if etag else {})
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as answer:
            data = answer.read(config.max_import_bytes() + 1)
            return data, answer.headers.get("ETag", "") or ""
    except urllib.error.HTTPError as error:
        if error.code == 304:
            return None, etag
        raise SyncFailed(_http_sentence(error.code, where, "ics_url")) from None
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise SyncFailed(f"The calendar link at {where} cannot be reached ({str(reason)[:200]}): check the "
                         "network and [sync.calendar] ics_url.") from None


def _http_sentence(code: int, where: str, setting: str) -> str:
    """What a refusal means, in one sentence naming the setting to fix."""
    if code == 401:
        return f"The calendar server {where} refused the user name or password (401): check [sync.calendar]."
    if code == 403:
        return f"The calendar server {where} does not let this account read that calendar (403): check " \
               f"[sync.calendar] {setting}."
    if code == 404:
        return f"There is no calendar at {where} any more (404): copy the address again into [sync.calendar] " \
               f"{setting}."
    return f"The calendar server {where} answered {code}: try again later."


def _sync_link(db: Database, url: str, dry_run: bool, now: datetime, say: Callable[[str], None]) -> dict[str, Any]:
    """Fetch the link (unless its ETag says nothing changed) and import it as the file."""
    account = _link_account(url)
    etag = cursors.calendar(db, account).get("link", "")
    say(f"Fetching {redacted(url)}")
    data, new_etag = fetch_link(url, etag)
    if data is None:
        return _nothing(account, dry_run)
    found = calendars.preview(db, data, "calendar link", now)
    return _commit(db, found, account, {"link": new_etag}, dry_run, say)


def _nothing(account: str, dry_run: bool) -> dict[str, Any]:
    return uniform(calendars.CalendarPreview().summary()) | {"source": "calendar", "account": account, "notes": [],
                                                    "dry_run": dry_run, "batch": None, "actions": []}


def _commit(db: Database, found: calendars.CalendarPreview, account: str, tokens: dict[str, str], dry_run: bool,
            say: Callable[[str], None], notes: list[str] | None = None) -> dict[str, Any]:
    """Log what was read and move the cursors in one transaction (or, for a dry run, only say it)."""
    logged = [{"contact": a.contact, "what": a.what, "title": a.occurrence.title,
               "at": a.occurrence.starts_at.isoformat()} for a in found.actions if a.what != "unchanged"]
    summary = uniform(found.summary()) | {"source": "calendar", "account": account, "notes": notes or [],
                                          "dry_run": dry_run, "actions": logged}
    if dry_run:
        return summary

    def move(con: Any, _batch: int | None) -> None:
        for name, token in tokens.items():
            cursors.move_calendar_in(con, account, name, token, clock.utcnow())

    say("Saving")
    return summary | {"batch": calendars.commit(db, found, f"Calendar {account.split(' ')[0]}", also=move)}


# -- CalDAV ------------------------------------------------------------------------------------------

def _client(settings: dict[str, Any]) -> Any:
    """caldav's client (typed Any: the package's lazy module defeats the type checker)."""
    client: Any = caldav.DAVClient
    return client(url=str(settings["url"]), username=settings.get("username") or None,
                  password=settings.get("password") or None, timeout=TIMEOUT)


def _calendars(settings: dict[str, Any]) -> tuple[Any, list[Any]]:
    """The calendars to read: those named in `calendars`, else every calendar of the account."""
    where = redacted(str(settings["url"]))
    client = _client(settings)
    try:
        found = client.principal().calendars()
    except caldav_errors.AuthorizationError as error:
        code = 403 if "403" in str(error) or "Forbidden" in str(error) else 401
        raise SyncFailed(_http_sentence(code, where, "url")) from None
    except caldav_errors.NotFoundError:
        raise SyncFailed(_http_sentence(404, where, "url")) from None
    except caldav_errors.DAVError as error:
        raise SyncFailed(f"The calendar server {where} could not list the calendars ({str(error)[:200]}): check "
                         "[sync.calendar] url.") from None
    except OSError as error:
        raise SyncFailed(f"The calendar server {where} cannot be reached ({str(error)[:200]}): check the network "
                         "and [sync.calendar] url.") from None
    wanted = [str(n) for n in settings.get("calendars") or []]
    if wanted:
        named = {(c.get_display_name() or str(c.url)): c for c in found}
        absent = [n for n in wanted if n not in named]
        if absent:
            raise SyncFailed(f"No calendar called {', '.join(absent)} at {where} (there are: "
                             f"{', '.join(named) or 'none'}): check [sync.calendar] calendars.")
        found = [named[n] for n in wanted]
    return client, found


def _token(calendar: Any) -> str:
    """The calendar's sync-token, else its CalendarServer ctag; '' when it offers neither (always read)."""
    for prop in (dav.SyncToken(),):
        try:
            value = calendar.get_property(prop)
        except (caldav_errors.DAVError, OSError):
            value = None
        if value:
            return str(value)
    return ""


def _window_events(calendar: Any, now: datetime) -> list[str]:
    """The calendar's events in the import's window, as iCalendar text, by one time-range query."""
    start, end = now - calendars.PAST_WINDOW, now + calendars.FUTURE_WINDOW
    return [str(event.data) for event in calendar.search(start=start, end=end, event=True, expand=False)]


def as_export(texts: list[str]) -> bytes:
    """Events fetched one by one, joined into one calendar as an .ics export carries them."""
    joined = Calendar()
    joined.add("PRODID", "-//Rapport//sync//EN")
    joined.add("VERSION", "2.0")
    zones: set[str] = set()
    for text in texts:
        for component in Calendar.from_ical(text).subcomponents:
            if component.name == "VTIMEZONE" and str(component.get("TZID")) not in zones:
                zones.add(str(component.get("TZID")))
                joined.add_component(component)
            elif component.name == "VEVENT":
                joined.add_component(component)
    return joined.to_ical()


def _sync_caldav(db: Database, settings: dict[str, Any], dry_run: bool, now: datetime,
                 say: Callable[[str], None]) -> dict[str, Any]:
    """Read each chosen calendar whose sync-token moved, then import them together as one export."""
    account = f"{settings.get('username') or ''}@{redacted(str(settings['url']))}"
    known = cursors.calendar(db, account)
    say(f"Connecting to {redacted(str(settings['url']))}")
    client, chosen = _calendars(settings)
    texts: list[str] = []
    tokens: dict[str, str] = {}
    notes: list[str] = []
    with client:
        for calendar in chosen:
            name = calendar.get_display_name() or str(calendar.url)
            token = _token(calendar)
            if token and known.get(name) == token:
                notes.append(f"{name}: nothing changed since the last sync")
                continue
            say(f"Reading {name}")
            try:
                texts += _window_events(calendar, now)
            except caldav_errors.NotFoundError:
                raise SyncFailed(f"The calendar {name} is no longer at {redacted(str(settings['url']))} (404): "
                                 "check [sync.calendar] calendars.") from None
            except (caldav_errors.DAVError, OSError) as error:
                raise SyncFailed(f"The calendar server stopped answering while reading {name} "
                                 f"({str(error)[:200]}): nothing was saved; the next sync reads it again.") from None
            tokens[name] = token
    if not tokens:
        return _nothing(account, dry_run) | {"notes": notes}
    found = calendars.preview(db, as_export(texts), "CalDAV", now)
    return _commit(db, found, account, tokens, dry_run, say, notes)


def test_connection(settings: dict[str, Any]) -> str:
    """Reach the calendar and say what would be read: a sentence for Settings → Sync."""
    if settings.get("ics_url"):
        data, _ = fetch_link(str(settings["ics_url"]))
        calendars.parse(data or b"", "The calendar link")
        return f"The calendar link at {redacted(str(settings['ics_url']))} answers with a calendar."
    if not settings.get("url"):
        raise SyncFailed("[sync.calendar] needs url (CalDAV) or ics_url (a private calendar link).")
    client, chosen = _calendars(settings)
    with client:
        names = [c.get_display_name() or str(c.url) for c in chosen]
    return f"Signed in to {redacted(str(settings['url']))}; Rapport reads {', '.join(names) or 'no calendars'}."
