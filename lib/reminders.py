"""Reminders that reach the user outside the app: a morning digest, meeting prep, a thank-you nudge and a
Monday review, sent through Apprise to every channel the secrets file lists.

`due(db, now)` is a pure reading of the database at an instant: the reminders whose time has come, each
with a stable key (`digest:2026-12-01`, `prep:12:2026-12-02T09:00:00`, `thanks:41`, `weekly:2026-W49`).
`send(db, reminders, channels)` hands each to each channel once and records (key, channel) in
`reminder_sent`, so a cron line every 15 minutes sends what came due since the last run and nothing
twice; what failed is tried again next time. Channel URLs carry passwords and tokens: they come from
`.streamlit/secrets.toml` (`[reminders] urls = [...]`) through lib/config.py only, are shown redacted,
and the database keeps a fingerprint of the redacted address, never the URL.
"""

from __future__ import annotations

import hashlib
import html
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import apprise
import pandas as pd

from lib import clock, config, questions, today, wording
from lib import profile as profiles
from lib.db import Database

KINDS = {"digest": "Morning digest", "prep": "Meeting prep", "thank_you": "Thank-you nudge",
         "weekly": "Weekly review"}
COLD_SHOWN = 3
LATE_DIGEST_HOURS = 12  # a digest the cron missed goes out later the same morning, not the next day


@dataclass(frozen=True)
class Reminder:
    """One message to send: plain text for chat and push, HTML (with the text as its plain part) for email."""

    key: str
    kind: str
    title: str
    text: str
    html: str


@dataclass
class Channel:
    """One place reminders go. `url` holds secrets: it is used to send and never shown, logged or stored."""

    url: str = field(repr=False)
    label: str  # the address with its passwords and tokens hidden
    service: str
    id: str  # a fingerprint of the label: what the database keeps
    problem: str = ""  # why this URL cannot be used, if it cannot

    @property
    def is_email(self) -> bool:
        return self.url.split(":", 1)[0].lower() in ("mailto", "mailtos")


@dataclass
class Outcome:
    """What one run sent and what failed, per channel (labels only) - the CLI's JSON."""

    sent: list[dict[str, Any]] = field(default_factory=list)
    failed: list[dict[str, Any]] = field(default_factory=list)
    nothing_due: bool = False

    def as_json(self) -> dict[str, Any]:
        return {"sent": self.sent, "failed": self.failed, "nothing_due": self.nothing_due}


# -- what is due -------------------------------------------------------------------------------------

def _link(path: str) -> str:
    return f"{config.app_url()}/{path}"


def _local_moment(day: date, hour: int, tz: str) -> datetime:
    return clock.to_utc(datetime.combine(day, time(hour)), tz)


def _lines_html(title: str, sections: list[tuple[str, list[str]]], link: str) -> str:
    """A readable email: a heading per section, a list under each, and the way back into the app."""
    parts = [f"<h2 style='font-family:sans-serif'>{html.escape(title)}</h2>"]
    for heading, lines in sections:
        parts.append(f"<h3 style='font-family:sans-serif'>{html.escape(heading)}</h3><ul>")
        parts += [f"<li>{html.escape(line)}</li>" for line in lines]
        parts.append("</ul>")
    parts.append(f"<p><a href='{html.escape(link, quote=True)}'>Open Rapport</a></p>")
    return "".join(parts)


def _lines_text(sections: list[tuple[str, list[str]]], link: str) -> str:
    blocks = [heading + ":\n" + "\n".join(f"- {line}" for line in lines) for heading, lines in sections]
    return "\n\n".join(blocks) + f"\n\nOpen Rapport: {link}"


def _reminder(key: str, kind: str, title: str, sections: list[tuple[str, list[str]]], link: str) -> Reminder:
    return Reminder(key, kind, title, _lines_text(sections, link), _lines_html(title, sections, link))


def _hours(delta: timedelta) -> str:
    hours = max(1, round(delta.total_seconds() / 3600))
    return wording.count(hours, "hour")


def digest(db: Database, now: datetime, prof: profiles.Profile) -> Reminder | None:
    """Today at a glance, or None when nothing needs doing: meetings, thank-yous with hours left, overdue and
    today's follow-ups as actions, a few contacts going cold, and the week against the goal."""
    plan = today.agenda(db, now)
    tz = prof.time_zone
    sections: list[tuple[str, list[str]]] = []
    meetings = [f"{clock.to_local(pd.Timestamp(m['scheduled_at']).to_pydatetime(), tz):%H:%M} {m['contact']}"
                + (f" - {m['purpose']}" if m.get("purpose") else "") for m in plan.meetings_today.to_dict("records")]
    if meetings:
        sections.append(("Meetings today", meetings))
    thanks = [f"Thank {t['contact']} ({_hours(pd.Timestamp(t['due_at']).to_pydatetime() - now)} left)"
              if t["due_at"] > now else f"Thank {t['contact']} (the window has closed; late still counts)"
              for t in plan.thank_yous.to_dict("records")]
    if thanks:
        sections.append(("Thank-yous to send", thanks))
    actions = [str(f["title"]) for f in pd.concat([plan.overdue, plan.due_today]).to_dict("records")]
    if actions:
        sections.append(("Follow-ups due", actions))
    cold = [f"{c['name']}" + (f" ({c['organisation']})" if c.get("organisation") else "")
            for c in plan.going_cold.head(COLD_SHOWN).to_dict("records")]
    if cold:
        sections.append(("Going cold - a short check-in keeps them warm", cold))
    if not sections:
        return None
    done, goal = plan.progress.get("this_week", 0), plan.progress.get("goal", prof.weekly_goal)
    sections.append(("This week", [f"{wording.count(done, 'interview')} of your goal of {goal}"]))
    local_day = clock.to_local(now, tz).date()
    return _reminder(f"digest:{local_day.isoformat()}", "digest", f"Rapport - today, {local_day:%a %d %b}",
                     sections, _link("today"))


def _meeting_prep(db: Database, now: datetime, prof: profiles.Profile) -> list[Reminder]:
    soon = db.rows("SELECT i.id, i.scheduled_at, i.purpose, i.place, c.full_name AS contact FROM interview i "
                   "JOIN contact c ON c.id = i.contact_id WHERE i.status = 'planned' AND i.scheduled_at > $now "
                   "AND i.scheduled_at <= $now + to_hours($lead) ORDER BY i.scheduled_at",
                   {"now": now, "lead": prof.prep_lead_hours})
    found = []
    for meeting in soon:
        asked = [q["text"] for q in questions.of(db, meeting["id"]) if q["must_ask"]]
        starts = clock.to_local(meeting["scheduled_at"], prof.time_zone)
        sections = [("When", [f"{starts:%a %d %b, %H:%M}" + (f" - {meeting['place']}" if meeting["place"] else "")])]
        if meeting["purpose"]:
            sections.append(("Purpose", [meeting["purpose"]]))
        sections.append(("Must ask", asked or ["No must-ask questions yet: open the brief and pick two."]))
        found.append(_reminder(f"prep:{meeting['id']}:{meeting['scheduled_at'].isoformat()}", "prep",
                               f"Rapport - meeting {meeting['contact']} at {starts:%H:%M}", sections,
                               _link(f"interview?id={meeting['id']}")))
    return found


def _thank_you_nudges(db: Database, now: datetime, prof: profiles.Profile) -> list[Reminder]:
    closing = db.rows("SELECT f.id, f.due_at, f.interview_id, c.full_name AS contact FROM followup f "
                      "JOIN contact c ON c.id = f.contact_id WHERE f.kind = 'thank_you' AND f.done_at IS NULL "
                      "AND f.dismissed_at IS NULL AND f.due_at > $now AND f.due_at <= $now + to_hours($hours) "
                      "ORDER BY f.due_at", {"now": now, "hours": prof.nudge_hours})
    return [_reminder(f"thanks:{row['id']}", "thank_you",
                      f"Rapport - {_hours(row['due_at'] - now)} left to thank {row['contact']}",
                      [("Thank-you", [f"The window to thank {row['contact']} closes "
                                      f"{clock.to_local(row['due_at'], prof.time_zone):%a %H:%M}. A few specific "
                                      "lines about what you learned are enough."])],
                      _link(f"interview?id={row['interview_id']}" if row["interview_id"] else "followups"))
            for row in closing]


def weekly_review(db: Database, now: datetime, prof: profiles.Profile) -> Reminder | None:
    """Monday's look back at last week (Monday to Sunday where the user lives), or None after a quiet week."""
    tz = prof.time_zone
    this_monday = clock.to_local(now, tz).date() - timedelta(days=clock.to_local(now, tz).weekday())
    start, end = _local_moment(this_monday - timedelta(days=7), 0, tz), _local_moment(this_monday, 0, tz)
    span = {"start": start, "end": end}
    held = db.value("SELECT count(*) FROM interview WHERE status = 'completed' AND scheduled_at >= $start "
                    "AND scheduled_at < $end", span)
    added = db.value("SELECT count(*) FROM contact WHERE created_at >= $start AND created_at < $end", span)
    latency = db.rows("SELECT date_diff('minute', i.scheduled_at + to_minutes(i.duration_minutes), min(m.sent_at))"
                      " / 60.0 AS hours FROM interview i JOIN message m ON m.interview_id = i.id AND "
                      "m.kind = 'thank_you' AND m.status = 'sent' WHERE i.scheduled_at >= $start AND "
                      "i.scheduled_at < $end GROUP BY i.id, i.scheduled_at, i.duration_minutes", span)
    learned = [r["text"] for r in db.rows("SELECT a.text FROM advice a JOIN interview i ON i.id = a.interview_id "
                                          "WHERE i.scheduled_at >= $start AND i.scheduled_at < $end ORDER BY a.id "
                                          "LIMIT 3", span)]
    if not (held or added or latency or learned):
        return None
    week = [f"{wording.count(held, 'interview')} against your goal of {prof.weekly_goal}",
            f"{wording.count(added, 'new contact')}"]
    if latency:
        hours = sorted(float(r["hours"]) for r in latency)
        week.append(f"{wording.count(len(hours), 'thank-you')} sent, the middle one "
                    f"{wording.count(round(hours[len(hours) // 2]), 'hour')} after the meeting")
    sections = [("Last week", week)] + ([("What you learned", learned)] if learned else [])
    last_monday = this_monday - timedelta(days=7)
    year, number, _ = last_monday.isocalendar()
    return _reminder(f"weekly:{year}-W{number:02d}", "weekly", f"Rapport - your week of {last_monday:%d %b}",
                     sections, _link("dashboard"))


def due(db: Database, now: datetime | None = None) -> list[Reminder]:
    """Every reminder whose time has come at `now` (UTC): the digest from the profile's hour that morning,
    meeting prep inside its lead time, nudges for thank-you windows closing soon, Monday's review."""
    now = now or clock.utcnow()
    prof = profiles.get(db)
    local = clock.to_local(now, prof.time_zone)
    found: list[Reminder] = []
    at_hour = _local_moment(local.date(), prof.digest_hour, prof.time_zone)
    if at_hour <= now < at_hour + timedelta(hours=LATE_DIGEST_HOURS):
        if (morning := digest(db, now, prof)) is not None:
            found.append(morning)
        if prof.weekly_review and local.weekday() == 0 and (review := weekly_review(db, now, prof)) is not None:
            found.append(review)
    return found + _meeting_prep(db, now, prof) + _thank_you_nudges(db, now, prof)


def forced_digest(db: Database, now: datetime | None = None) -> Reminder | None:
    """Today's digest again, whatever the hour and whatever was sent (`remind --force`)."""
    now = now or clock.utcnow()
    found = digest(db, now, profiles.get(db))
    if found is None:
        return None
    return Reminder(f"{found.key}:again:{now:%H%M%S}", found.kind, found.title, found.text, found.html)


# -- channels ----------------------------------------------------------------------------------------

def _fingerprint(label: str) -> str:
    return hashlib.sha256(label.encode()).hexdigest()[:16]


def channel(url: str) -> Channel:
    """One channel URL as Rapport shows and remembers it (never the URL itself)."""
    plugin = apprise.Apprise.instantiate(url.strip()) if isinstance(url, str) and url.strip() else None
    if plugin is None:
        scheme = (url.split("://", 1)[0] if isinstance(url, str) and "://" in url else "?")[:20]
        label = f"{scheme}://… (not a channel address Apprise knows)"
        return Channel(str(url), label, scheme, _fingerprint(label),
                       problem="not a channel address Apprise knows: check it against Apprise's list of services")
    label = str(plugin.url(privacy=True)).split("?", 1)[0]  # type: ignore[no-untyped-call]
    return Channel(url.strip(), label, str(plugin.service_name), _fingerprint(label))


def channels(secrets: str | Path | None = None) -> list[Channel]:
    """The channels listed in the secrets file's [reminders] urls."""
    urls = config.secret_section("reminders", secrets).get("urls", [])
    return [channel(u) for u in (urls if isinstance(urls, list) else [urls])]


def _secret_parts(url: str) -> list[str]:
    """Every piece of a channel URL that could be a password or a token."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return [url]
    pieces = [parts.password or "", parts.username or "", *parts.path.split("/"),
              *(v for pair in parts.query.split("&") for v in pair.split("=")[1:]), parts.netloc]
    return sorted({unquote(p) for p in pieces if len(p) >= 4} | {p for p in pieces if len(p) >= 4}, key=len,
                  reverse=True)


def redact(text: str, url: str) -> str:
    """`text` (a library's error, say) with nothing of the channel's URL left in it."""
    for piece in [url, *_secret_parts(url)]:
        if piece:
            text = re.sub(re.escape(piece), "…", text, flags=re.IGNORECASE)
    return text


def deliver(target: Channel, reminder: Reminder) -> tuple[bool, str]:
    """Hand one reminder to one channel; (True, '') or (False, why, with nothing of the URL)."""
    if target.problem:
        return False, target.problem
    sender = apprise.Apprise()
    sender.add(target.url)
    with apprise.LogCapture(level=logging.WARNING) as log:  # type: ignore[no-untyped-call]
        sent = sender.notify(title=reminder.title, body=reminder.html if target.is_email else reminder.text,
                             body_format=apprise.NotifyFormat.HTML if target.is_email else apprise.NotifyFormat.TEXT)
        said = log.getvalue()
    if sent:
        return True, ""
    lines = [line.split(" - ", 2)[-1].strip() for line in said.splitlines() if line.strip()]
    reason = "; ".join(dict.fromkeys(lines))[:300] or "the service did not accept it"
    return False, redact(reason, target.url)


def test_message() -> Reminder:
    """What *Send a test* sends."""
    return _reminder("test", "test", "Rapport - a test", [("Test", [
        "This channel works: Rapport's reminders will come here."])], _link("settings"))


# -- sending -----------------------------------------------------------------------------------------

def already_sent(db: Database) -> set[tuple[str, str]]:
    """(reminder, channel) pairs that went out."""
    return {(r["reminder"], r["channel"]) for r in db.rows("SELECT reminder, channel FROM reminder_sent WHERE ok")}


def _record(db: Database, reminder: Reminder, target: Channel, ok: bool, reason: str) -> None:
    db.execute("INSERT INTO reminder_sent VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (reminder, channel) DO UPDATE SET "
               "attempted_at = excluded.attempted_at, ok = excluded.ok, reason = excluded.reason",
               [reminder.key, target.id, reminder.kind, clock.utcnow(), ok, reason])


def send(db: Database, reminders: Iterable[Reminder], targets: list[Channel], dry_run: bool = False) -> Outcome:
    """Each reminder to each channel once; a channel that fails is named with its reason and does not stop
    the others, and what failed is tried again on the next run."""
    wanted = list(reminders)
    outcome = Outcome(nothing_due=not wanted)
    done = already_sent(db)
    for target in targets:
        pending = [r for r in wanted if (r.key, target.id) not in done]
        kinds: list[str] = []
        for reminder in pending:
            if dry_run:
                kinds.append(reminder.kind)
                continue
            ok, reason = deliver(target, reminder)
            _record(db, reminder, target, ok, reason)
            if ok:
                kinds.append(reminder.kind)
            else:
                outcome.failed.append({"channel": target.label, "kind": reminder.kind, "reason": reason})
        if kinds:
            outcome.sent.append({"channel": target.label, "kinds": kinds})
    return outcome


def last_sends(db: Database) -> dict[str, dict[str, Any]]:
    """Per channel fingerprint, its latest attempt: when, what, and whether it went."""
    return {r["channel"]: r for r in db.rows(
        "SELECT channel, kind, attempted_at, ok, reason FROM reminder_sent QUALIFY row_number() OVER "
        "(PARTITION BY channel ORDER BY attempted_at DESC) = 1")}


def schedule(python: str, project: Path = config.PROJECT_ROOT) -> str:
    """The cron line and a systemd user timer that run `remind` every 15 minutes for this checkout."""
    command = Path(python).with_name("rapport")
    runner = f"{command} remind" if command.exists() else f"cd {project} && {python} -m lib.cli remind"
    return (f"# crontab -e, then add:\n*/15 * * * * {runner} >> {project / 'data' / 'remind.log'} 2>&1\n\n"
            "# or a systemd user timer: ~/.config/systemd/user/rapport-remind.service\n"
            f"[Unit]\nDescription=Rapport reminders\n\n[Service]\nType=oneshot\nWorkingDirectory={project}\n"
            f"ExecStart={runner.split(' && ')[-1]}\n\n"
            "# ~/.config/systemd/user/rapport-remind.timer\n"
            "[Unit]\nDescription=Rapport reminders every 15 minutes\n\n[Timer]\nOnCalendar=*:0/15\n"
            "Persistent=true\n\n[Install]\nWantedBy=timers.target\n\n"
            "# then: systemctl --user enable --now rapport-remind.timer\n")
