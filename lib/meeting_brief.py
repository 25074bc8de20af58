"""The printable meeting brief: who, where from, what we said before, and what I will ask."""

from __future__ import annotations

from typing import Any

from lib import clock, contacts, interactions, interviews, questions
from lib import profile as profiles
from lib.db import Database


def markdown(db: Database, interview_id: int) -> str:
    """A one-page Markdown brief to read just before the meeting (or print)."""
    meeting = interviews.get(db, interview_id)
    person = contacts.get(db, meeting["contact_id"])
    tz = profiles.get(db).time_zone
    when = clock.to_local(meeting["scheduled_at"], tz)
    lines = [
        f"# Meeting brief: {person['name']}",
        "",
        f"**When** {when:%A %d %B %Y, %H:%M} ({tz}), {meeting['duration_minutes']} minutes  ",
        f"**How** {interviews.MODES[meeting['mode']]}"
        + (f" - {meeting['place']}" if meeting["place"] else ""),
        "",
        "## Who",
        f"- {person['name']}" + (f", {person['role']}" if person["role"] else "")
        + (f" at {person['organisation']}" if person["organisation"] else "")
        + (f" ({person['industry']})" if person["industry"] else ""),
        f"- How we met: {contacts.SOURCES[person['source']]}"
        + (f", introduced by {person['introduced_by']}" if person["introduced_by"] else "")
        + (f", on {person['first_met_on']:%d %b %Y}" if person["first_met_on"] else ""),
    ]
    if person["rapport_notes"]:
        lines.append(f"- Rapport notes: {person['rapport_notes']}")
    lines += ["", "## Why I asked for this conversation"]
    lines.append(meeting["purpose"] or "_No purpose written yet._")
    if meeting["goals"]:
        lines.append(f"\nMy goals: {meeting['goals']}")
    if meeting["research_notes"]:
        lines += ["", "## Research notes", meeting["research_notes"]]
    lines += ["", "## What we talked about before"]
    lines += _history(db, meeting, tz)
    lines += ["", "## Questions"]
    asked = questions.of(db, interview_id)
    lines += [f"{n}. {'**Must ask:** ' if q.get('must_ask') else ''}{q['text']} "
              f"_({questions.CATEGORIES[q['category']]})_" for n, q in enumerate(asked, 1)]
    if not asked:
        lines.append("_No questions yet._")
    return "\n".join(lines) + "\n"


def _history(db: Database, meeting: dict[str, Any], tz: str) -> list[str]:
    earlier = db.rows(
        "SELECT i.id, i.scheduled_at, d.realities, d.next_steps FROM interview i "
        "LEFT JOIN debrief d ON d.interview_id = i.id WHERE i.contact_id = ? AND i.id <> ? "
        "AND i.status = 'completed' ORDER BY i.scheduled_at", [meeting["contact_id"], meeting["id"]])
    lines = []
    for row in earlier:
        day = clock.to_local(row["scheduled_at"], tz)
        summary = row["realities"] or "no notes"
        lines.append(f"- {day:%d %b %Y}: {summary}")
        for advice in interviews.advice_of(db, row["id"]):
            lines.append(f"  - Advice: {advice['text']}")
    for event in interactions.timeline(db, meeting["contact_id"])[:5]:
        note = f": {event['note']}" if event["note"] else ""
        lines.append(f"- {clock.to_local(event['occurred_at'], tz):%d %b %Y} "
                     f"{interactions.KINDS[event['kind']].lower()}{note}")
    return lines or ["_This is our first conversation._"]
