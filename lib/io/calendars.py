"""Calendar exports (.ics from Google Calendar, Outlook, Apple Calendar) logged as meetings and interviews.

People stop logging; their calendar already knows whom they met. Each event is matched to contacts by
attendee and organizer email (never the user's own), else by a contact's full name in the title. A past
event becomes a meeting on the contact's timeline (it resets the keep-in-touch clock), or attaches to a
planned interview with them that day; a future event becomes a planned interview. Recurring events are
expanded only inside a window, cancelled ones are skipped, and every occurrence is remembered by its UID
and RECURRENCE-ID, so importing the same export again updates what changed and creates nothing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import recurring_ical_events
from icalendar import Calendar

from lib import clock, interactions, interviews
from lib import profile as profiles
from lib.db import Database
from lib.io import batches
from lib.io.files import ImportRefused, check_size
from lib.validation import one_line as clean

PAST_WINDOW = timedelta(days=730)
FUTURE_WINDOW = timedelta(days=183)
WINDOW_REASON = "repeating event: only the last 2 years and the next 6 months are read"
SUB_DAILY = {"SECONDLY", "MINUTELY", "HOURLY"}
MAX_PER_SERIES, MAX_PER_FILE = 1_000, 20_000
VIDEO = re.compile(r"https?://|\b(zoom|meet\.google|google meet|teams|webex|whereby|video call)\b", re.I)
PHONE = re.compile(r"\b(phone|call me|tel:)|^\+?[\d\s()-]{7,}$", re.I)
DEFAULT_MINUTES = 30


@dataclass
class Occurrence:
    """One occurrence of one event, in naive UTC like everything stored."""

    uid: str
    recurrence_id: str
    title: str
    starts_at: datetime
    ends_at: datetime
    all_day: bool
    place: str
    emails: list[str]


@dataclass
class Action:
    """What importing will do for one contact at one occurrence."""

    what: str  # meeting, interview, attach, update, cancel, unchanged
    contact_id: int
    contact: str
    occurrence: Occurrence
    interview_id: int | None = None
    reason: str = ""
    by_email: bool = True  # the contact is a guest of the event, not only named in its title


@dataclass
class CalendarPreview:
    """Everything the import would do, before anything is written."""

    items: int = 0
    actions: list[Action] = field(default_factory=list)
    skipped: list[dict[str, str]] = field(default_factory=list)
    unmatched: list[dict[str, str]] = field(default_factory=list)
    invalid: list[dict[str, str]] = field(default_factory=list)

    def count(self, *what: str) -> int:
        return sum(1 for a in self.actions if a.what in what)

    def summary(self) -> dict[str, Any]:
        """The shape the CLI prints with --json."""
        return {"format": "ics", "items": self.items,
                "matched": len({(a.occurrence.uid, a.occurrence.recurrence_id) for a in self.actions}),
                "interactions": self.count("meeting"), "interviews": self.count("interview"),
                "attached": self.count("attach"), "updated": self.count("update"), "cancelled": self.count("cancel"),
                "unchanged": self.count("unchanged"), "unmatched": len(self.unmatched),
                "skipped": self.skipped, "invalid": self.invalid}


# -- reading -----------------------------------------------------------------------------------------

def parse(data: bytes, name: str = "") -> Calendar:
    """The file as a calendar, or a sentence saying why it is not one."""
    check_size(len(data), name)
    text = data.decode("utf-8-sig", errors="replace")
    if "BEGIN:VCALENDAR" not in text[:4096].upper():
        raise ImportRefused(f"{name or 'This file'} is not a calendar: an .ics export starts with BEGIN:VCALENDAR. "
                            "Export the calendar from Google Calendar, Outlook or Apple Calendar and try again.")
    try:
        return Calendar.from_ical(text)
    except ValueError as error:
        raise ImportRefused(f"{name or 'This file'} is a damaged calendar ({error}); export it again.") from error


def _utc(value: date | datetime, tz: str) -> datetime:
    """An event time as stored: zoned times converted, floating times read in the user's zone."""
    if isinstance(value, datetime):
        return clock.to_utc(value, tz)
    return clock.to_utc(datetime.combine(value, time(12, 0)), tz)  # an all-day event: the middle of that day


def _emails(event: Any) -> list[str]:
    """Attendee and organizer addresses, lower case, without `mailto:`."""
    found = []
    for key in ("ORGANIZER", "ATTENDEE"):
        values = event.get(key)
        for value in values if isinstance(values, list) else [values] if values else []:
            address = str(value).strip()
            if address.lower().startswith("mailto:"):
                address = address[7:]
            if "@" in address:
                found.append(address.strip().lower())
    return found


def _series(cal: Calendar) -> dict[str, list[Any]]:
    """The events grouped by UID (a series and its moved occurrences share one); no UID is a group of its own."""
    groups: dict[str, list[Any]] = {}
    for n, event in enumerate(cal.walk("VEVENT")):
        uid = str(event.get("UID", "")).strip()
        groups.setdefault(uid or f"\0{n}", []).append(event)
    return groups


def _title(event: Any) -> str:
    return clean(str(event.get("SUMMARY", "")), 300) or "(no title)"


def _too_often(rule: Any) -> bool:
    """A rule that repeats more often than daily: nobody meets a contact every hour, and such a series
    from a stranger's file can ask for millions of occurrences."""
    rules = rule if isinstance(rule, list) else [rule]
    for one in rules:
        freq = str((one.get("FREQ") or [""])[0]).upper()
        if freq in SUB_DAILY or any(len(one.get(part) or []) > 1 for part in ("BYHOUR", "BYMINUTE", "BYSECOND")):
            return True
    return False


def _occurrence(event: Any, tz: str, recurring: bool) -> Occurrence:
    """One occurrence as stored; raises ValueError (or the library's own errors) when its times cannot be read."""
    begins = event.decoded("DTSTART")
    all_day = not isinstance(begins, datetime)
    if "DTEND" in event:
        finishes = event.decoded("DTEND")
    elif "DURATION" in event:
        finishes = begins + event.decoded("DURATION")
    else:
        finishes = begins + (timedelta(days=1) if all_day else timedelta(minutes=DEFAULT_MINUTES))
    starts_at, ends_at = _utc(begins, tz), _utc(finishes, tz)
    if ends_at < starts_at or ends_at - starts_at > timedelta(days=31):
        ends_at = starts_at + timedelta(days=1 if all_day else 0, minutes=0 if all_day else DEFAULT_MINUTES)
    title = clean(str(event.get("SUMMARY", "")), 300)
    uid = clean(str(event.get("UID", "")), 300)
    rid = event.get("RECURRENCE-ID") if recurring else None
    return Occurrence(
        uid=uid or f"{title}@{starts_at.isoformat()}",
        recurrence_id=_utc(rid.dt, tz).isoformat() if rid is not None else "",
        title=title, starts_at=starts_at, ends_at=ends_at, all_day=all_day,
        place=clean(str(event.get("LOCATION", "")), 300), emails=_emails(event))


def _expand(cal: Calendar, events: list[Any], start: datetime, end: datetime, room: int) -> tuple[list[Any], bool]:
    """A series' occurrences inside the window, at most `room` of them; and whether it had more."""
    part = Calendar()
    for component in cal.subcomponents:
        if component.name == "VTIMEZONE":
            part.add_component(component)
    for event in events:
        part.add_component(event)
    found: list[Any] = []
    for event in recurring_ical_events.of(part).after(start.replace(tzinfo=UTC)):
        begins = event.decoded("DTSTART")
        at = begins if isinstance(begins, datetime) else datetime.combine(begins, time(0, 0))
        if (at.replace(tzinfo=UTC) if at.tzinfo is None else at) > end.replace(tzinfo=UTC):
            return found, False
        if len(found) >= room:
            return found, True
        found.append(event)
    return found, False


def occurrences(cal: Calendar, tz: str, now: datetime) -> tuple[list[Occurrence], list[dict[str, str]],
                                                                list[dict[str, str]], int]:
    """Every single event whatever its date, and a series' occurrences inside the window, each counted:
    cancelled, repeated, too frequent, beyond the window or the caps go to `skipped`, unreadable to `invalid`."""
    skipped: list[dict[str, str]] = []
    invalid: list[dict[str, str]] = []
    kept: list[Occurrence] = []
    start, end = now - PAST_WINDOW, now + FUTURE_WINDOW
    total = 0
    seen: set[tuple[str, str]] = set()
    for events in _series(cal).values():
        readable = [e for e in events if "DTSTART" in e]
        for event in events:
            if "DTSTART" not in event:
                total += 1
                invalid.append({"item": _title(event), "reason": "the event has no start"})
        masters = [e for e in readable if "RECURRENCE-ID" not in e]
        recurring = any("RRULE" in e or "RDATE" in e for e in masters) or len(masters) < len(readable)
        if recurring and any(_too_often(e.get("RRULE")) for e in masters if "RRULE" in e):
            total += 1
            skipped.append({"item": _title(masters[0]), "reason": "repeats more often than daily"})
            continue
        if not recurring:
            for extra in masters[1:]:
                total += 1
                skipped.append({"item": _title(extra), "reason": "the same event (one UID) twice in the file"})
            found = masters[:1]
        else:
            room = min(MAX_PER_SERIES, MAX_PER_FILE - len(kept))
            try:
                found, more = _expand(cal, readable, start, end, room) if room else ([], True)
            except Exception:  # the expander raises its own types, and OverflowError, for broken series
                total += 1
                invalid.append({"item": _title(readable[0]), "reason": "its repetition or times cannot be read"})
                continue
            if more:
                skipped.append({"item": _title(readable[0]), "reason": (
                    f"only the first {MAX_PER_SERIES:,} occurrences of a repeating event are read"
                    if room == MAX_PER_SERIES else f"only {MAX_PER_FILE:,} events of one file are read")})
            if _reaches_beyond(readable, start, end):
                skipped.append({"item": _title(readable[0]), "reason": WINDOW_REASON})
        for event in found:
            total += 1
            if len(kept) >= MAX_PER_FILE:
                skipped.append({"item": _title(event), "reason": f"only {MAX_PER_FILE:,} events of one file are read"})
                continue
            if str(event.get("STATUS", "")).upper() == "CANCELLED":
                skipped.append({"item": _title(event), "reason": "cancelled"})
                continue
            try:
                item = _occurrence(event, tz, recurring)
            except (ValueError, TypeError, OverflowError, KeyError, AttributeError):
                invalid.append({"item": _title(event), "reason": "its start or end cannot be read"})
                continue
            if (item.uid, item.recurrence_id) in seen:
                skipped.append({"item": _title(event), "reason": "the same event twice in the file"})
                continue
            seen.add((item.uid, item.recurrence_id))
            kept.append(item)
    return kept, skipped, invalid, total


def _reaches_beyond(events: list[Any], start: datetime, end: datetime) -> bool:
    """Whether a series starts before the window or repeats past it (its rule has no end, or ends later)."""
    for event in events:
        try:
            begins = event.decoded("DTSTART")
        except Exception:
            continue
        at = begins if isinstance(begins, datetime) else datetime.combine(begins, time(0, 0))
        at = at.astimezone(UTC).replace(tzinfo=None) if at.tzinfo else at
        if at < start:
            return True
        rule = event.get("RRULE")
        if rule is not None and not isinstance(rule, list):
            until = (rule.get("UNTIL") or [None])[0]
            if not rule.get("COUNT") and until is None:
                return True
            if until is not None:
                until = until if isinstance(until, datetime) else datetime.combine(until, time(0, 0))
                if (until.astimezone(UTC).replace(tzinfo=None) if until.tzinfo else until) > end:
                    return True
    return False


def mode_of(place: str, description: str = "") -> str:
    """How the meeting is held: a link or a video service means video; a number or 'phone' means phone."""
    if VIDEO.search(place) or VIDEO.search(description):
        return "video"
    if PHONE.search(place):
        return "phone"
    return "in_person" if place else "video"


# -- matching ----------------------------------------------------------------------------------------

def _people(db: Database) -> tuple[dict[str, tuple[int, str]], list[tuple[re.Pattern[str], int, str]]]:
    """Contacts by email, and by full name as a whole phrase (longest first, so 'Ana Okafor' beats 'Ana')."""
    rows = db.rows("SELECT id, full_name, lower(trim(email)) AS email FROM contact WHERE archived_at IS NULL")
    by_email = {r["email"]: (r["id"], r["full_name"]) for r in rows if r["email"]}
    names = sorted(((r["full_name"].strip(), r["id"]) for r in rows if len(r["full_name"].strip()) > 2),
                   key=lambda pair: -len(pair[0]))
    patterns = [(re.compile(rf"(?<!\w){re.escape(n)}(?!\w)", re.I), i, n) for n, i in names]
    return by_email, patterns


def _matches(item: Occurrence, by_email: dict[str, tuple[int, str]], patterns: list[tuple[re.Pattern[str], int, str]],
             own: set[str]) -> tuple[list[tuple[int, str]], bool]:
    """The contacts of an event, and whether they are its guests (by address) rather than named in its title."""
    found = [by_email[e] for e in dict.fromkeys(item.emails) if e not in own and e in by_email]
    if found:
        return list(dict.fromkeys(found)), True
    if any(e not in own for e in item.emails):  # guests named by address, none of them a contact
        return [], False
    for pattern, contact_id, name in patterns:
        if pattern.search(item.title):
            return [(contact_id, name)], False
    return [], False


# -- the preview -------------------------------------------------------------------------------------

def preview(db: Database, data: bytes, name: str = "", now: datetime | None = None) -> CalendarPreview:
    """What importing this export would do, per contact; nothing is written."""
    now = now or clock.utcnow()
    prof = profiles.get(db)
    cal = parse(data, name)
    items, skipped, invalid, total = occurrences(cal, prof.time_zone, now)
    result = CalendarPreview(items=total, skipped=skipped, invalid=invalid)
    by_email, patterns = _people(db)
    own = prof.addresses()
    seen = {(r["uid"], r["recurrence_id"], r["contact_id"]): r for r in db.rows("SELECT * FROM calendar_event")}
    planned = _planned_days(db, prof.time_zone)
    for item in items:
        matched, guests = _matches(item, by_email, patterns, own)
        if not matched:
            result.unmatched.append({"item": item.title or "(no title)", "reason": "no known contact"})
            continue
        future = item.starts_at > now
        for n, (contact_id, contact) in enumerate(matched):
            if future and n:  # an interview is with one person: the first known guest
                continue
            known = seen.get((item.uid, item.recurrence_id, contact_id))
            same_day = planned.get((contact_id, clock.to_local(item.starts_at, prof.time_zone).date()))
            action = _decide(item, contact_id, contact, known, same_day, now)
            action.by_email = guests
            result.actions.append(action)
    result.actions += _cancellations(db, cal, prof.time_zone, seen, now)
    return result


CANCELLED_NOTE = "Cancelled in your calendar"


def cancelled_keys(cal: Calendar, tz: str) -> set[tuple[str, str]]:
    """(UID, RECURRENCE-ID) of every cancelled event; '' for a whole event or series."""
    found: set[tuple[str, str]] = set()
    for event in cal.walk("VEVENT"):
        if str(event.get("STATUS", "")).upper() != "CANCELLED":
            continue
        rid = event.get("RECURRENCE-ID")
        try:
            found.add((clean(str(event.get("UID", "")), 300), _utc(rid.dt, tz).isoformat() if rid is not None else ""))
        except (ValueError, TypeError, OverflowError, AttributeError):
            continue
    return found


def _cancellations(db: Database, cal: Calendar, tz: str, seen: dict[Any, Any], now: datetime) -> list[Action]:
    """A planned interview whose event was since cancelled in the calendar is cancelled too."""
    keys = cancelled_keys(cal, tz)
    if not keys:
        return []
    planned = {r["id"]: r["full_name"] for r in db.rows(
        "SELECT i.id, c.full_name FROM interview i JOIN contact c ON c.id = i.contact_id "
        "WHERE i.status = 'planned' AND i.scheduled_at > ?", [now])}
    found = []
    for (uid, rid, contact_id), row in seen.items():
        if ((uid, rid) in keys or (uid, "") in keys) and row["interview_id"] in planned:
            item = Occurrence(uid, rid, row["title"], row["starts_at"], row["ends_at"], False, row["place"], [])
            found.append(Action("cancel", contact_id, planned.pop(row["interview_id"]), item, row["interview_id"]))
    return found


def _planned_days(db: Database, tz: str) -> dict[tuple[int, date], int]:
    """Each planned interview by (contact, its day where the user lives); the first of a day wins."""
    found: dict[tuple[int, date], int] = {}
    for row in db.rows("SELECT id, contact_id, scheduled_at FROM interview WHERE status = 'planned' ORDER BY id"):
        found.setdefault((row["contact_id"], clock.to_local(row["scheduled_at"], tz).date()), row["id"])
    return found


def _decide(item: Occurrence, contact_id: int, contact: str, known: dict[str, Any] | None, same_day: int | None,
            now: datetime) -> Action:
    action = Action("unchanged", contact_id, contact, item)
    if known is not None:
        action.interview_id = known["interview_id"]
        moved = (known["starts_at"], known["ends_at"], known["place"], known["title"]) != (
            item.starts_at, item.ends_at, item.place, item.title)
        if moved:
            action.what = "update"
        return action
    if same_day is not None:
        action.what, action.interview_id = "attach", same_day
    elif item.starts_at > now and not item.all_day:
        action.what = "interview"
    elif item.starts_at > now:
        action.what, action.reason = "unchanged", "an all-day event in the future has no time to meet at"
    else:
        action.what = "meeting"
    return action


# -- writing -----------------------------------------------------------------------------------------

def commit(db: Database, result: CalendarPreview, file_name: str = "", progress: Callable[[float], None] | None = None,
           also: Callable[[Any, int | None], None] | None = None) -> int | None:
    """Log it all in one transaction; returns the import's batch id, or None when nothing changed.

    `also(con, batch)` runs inside that transaction (live sync moves its cursor there), even when nothing
    changed, so what was read and where reading stopped are written together or not at all."""
    work = [a for a in result.actions if a.what != "unchanged"]
    if not work and also is None:
        return None
    now = clock.utcnow()
    with db.transaction() as con:
        batch = batches.open_in(con, 'ics', file_name, result.items, len(work), now) if work else None
        if also is not None:
            also(con, batch)
        for n, action in enumerate(work if batch is not None else [], 1):
            _apply(con, action, batch, now)  # type: ignore[arg-type]  # a batch exists whenever there is work
            if progress:
                progress(n / len(work))
    return batch


def _minutes(item: Occurrence) -> int:
    return max(5, min(480, int((item.ends_at - item.starts_at).total_seconds() // 60) or DEFAULT_MINUTES))


def _remember(con: Any, action: Action, batch: int, interaction: int | None, interview: int | None,
              created: bool, before: str | None) -> None:
    item = action.occurrence
    con.execute("INSERT INTO calendar_event (uid, recurrence_id, contact_id, starts_at, ends_at, title, place,"
                " interaction_id, interview_id, created_interview, interview_before, import_batch_id)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [item.uid, item.recurrence_id, action.contact_id, item.starts_at, item.ends_at, item.title[:300],
                 item.place[:300], interaction, interview, created, before, batch])


def _apply(con: Any, action: Action, batch: int, now: datetime) -> None:
    item = action.occurrence
    note = f"{item.title} (from your calendar)" if item.title else "From your calendar"
    if action.what == "meeting":
        interaction = interactions.insert(con, action.contact_id, "meeting", item.starts_at, note[:2000])
        _remember(con, action, batch, interaction, None, False, None)
    elif action.what == "interview":
        interview = interviews.plan_in(con, action.contact_id, item.starts_at, _minutes(item), mode_of(item.place),
                                       item.place[:200], item.title[:200])
        _remember(con, action, batch, None, interview, True, None)
    elif action.what == "attach":
        before = con.execute("SELECT scheduled_at, duration_minutes, place FROM interview WHERE id = ?",
                             [action.interview_id]).fetchone()
        # The calendar has the latest time and place - of an event the contact is invited to. One that only
        # names them (anyone can send an invitation titled "Coffee with Ana") attaches but moves nothing.
        if item.starts_at > now and action.by_email and action.interview_id is not None:
            interviews.move_in(con, action.interview_id, item.starts_at, _minutes(item), item.place[:200] or None)
        _remember(con, action, batch, None, action.interview_id, False,
                  json.dumps({"scheduled_at": before[0].isoformat(), "duration_minutes": before[1],
                              "place": before[2]}))
    elif action.what == "update":
        _update(con, action)
    elif action.what == "cancel" and action.interview_id is not None:
        interviews.cancel_in(con, action.interview_id, CANCELLED_NOTE)


def _update(con: Any, action: Action) -> None:
    """A moved or renamed event: the meeting or the still-planned interview follows it."""
    item = action.occurrence
    key = [item.uid, item.recurrence_id, action.contact_id]
    row = con.execute("SELECT interaction_id, interview_id FROM calendar_event WHERE uid = ? AND recurrence_id = ?"
                      " AND contact_id = ?", key).fetchone()
    if row[0] is not None:
        interactions.update_in(con, row[0], item.starts_at, f"{item.title} (from your calendar)"[:2000])
    if row[1] is not None:
        interviews.move_in(con, row[1], item.starts_at, _minutes(item), item.place[:200], planned_only=True)
    con.execute("UPDATE calendar_event SET starts_at = ?, ends_at = ?, title = ?, place = ? WHERE uid = ? AND"
                " recurrence_id = ? AND contact_id = ?",
                [item.starts_at, item.ends_at, item.title[:300], item.place[:300], *key])


def undo(db: Database, batch: int) -> int:
    """Remove the meetings and interviews an import created, and give attached interviews their old time back.

    Interviews it created go only while still planned and unprepared (no questions yet): work done on one
    since is kept. Returns how many rows were removed or restored.
    """
    rows = db.rows("SELECT * FROM calendar_event WHERE import_batch_id = ?", [batch])
    with db.transaction() as con:
        for row in rows:
            if row["interaction_id"] is not None:
                interactions.delete_in(con, row["interaction_id"])
            if row["created_interview"]:
                interviews.unplan_in(con, row["interview_id"])
            elif row["interview_before"]:
                before = json.loads(row["interview_before"])
                interviews.move_in(con, row["interview_id"], datetime.fromisoformat(before["scheduled_at"]),
                                   before["duration_minutes"], before["place"])
        con.execute("DELETE FROM calendar_event WHERE import_batch_id = ?", [batch])
        batches.close_in(con, batch)
    return len(rows)
