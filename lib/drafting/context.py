"""What a draft is grounded in: profile, contact, organisation, history, this meeting, its debrief."""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel

from lib import clock, contacts, interactions, interviews, questions
from lib import profile as profiles
from lib.db import Database
from lib.drafting import material

SENIOR = re.compile(r"\b(head|director|vp|vice president|chief|founder|lead|principal|partner|senior|"
                    r"manager|cto|ceo|coo)\b", re.IGNORECASE)
JUNIOR = re.compile(r"\b(junior|associate|graduate|intern|trainee|apprentice|assistant)\b", re.IGNORECASE)
INDUSTRY_TAGS = {
    "tech": ("software", "tech", "saas", "digital", "data", "ai"),
    "health": ("health", "medical", "clinical", "pharma", "care"),
    "climate": ("climate", "energy", "sustainab", "carbon", "renewable", "environment"),
    "finance": ("fintech", "bank", "finance", "insurance", "payments", "invest"),
    "education": ("education", "learning", "school", "edtech", "university", "academy"),
    "media": ("media", "publishing", "news", "broadcast", "creative"),
    "consulting": ("consult", "advisory", "agency"),
    "public": ("public", "government", "council", "charity", "non-profit", "ngo"),
}
STAGE_TAGS = {"career_changer": "changer", "graduate": "graduate", "job_seeker": "seeker",
              "student": "student", "returner": "returner"}


class Person(BaseModel):
    """The contact as drafts speak of them."""

    id: int
    name: str
    first_name: str
    role: str = ""
    organisation: str = ""
    industry: str = ""
    email: str = ""
    rapport_notes: str = ""
    source: str = "other"
    introducer: str = ""
    first_met_on: str = ""


class Context(BaseModel):
    """Everything a draft may draw on; also what the 'what will be sent' preview shows."""

    profile: profiles.Profile
    person: Person
    interview_id: int | None = None
    minutes: int = 30
    purpose: str = ""
    goals: str = ""
    research_notes: str = ""
    history: list[str] = []
    earlier_debriefs: list[dict[str, Any]] = []
    already_asked: list[str] = []
    answered_topics: list[str] = []
    current_questions: list[dict[str, Any]] = []
    debrief: dict[str, Any] = {}
    advice: list[str] = []
    offers_made: list[str] = []
    referrals: list[str] = []  # people they introduced me to at this meeting, by name

    def notes(self) -> list[str]:
        """What the user wrote down in their own words, which a draft must not paste."""
        found = [self.person.rapport_notes, self.research_notes, self.goals, self.profile.background,
                 *(str(v) for v in self.debrief.values())]
        return [n for n in found if n and n.strip()]

    def prepared_notes(self) -> list[str]:
        """Research and rapport notes: a question list says none of their five words in a row (names aside)."""
        return [n for n in (self.research_notes, self.person.rapport_notes) if n and n.strip()]

    def tags(self) -> set[str]:
        """Relevance tags for the offline drafter: stage, seniority, industry."""
        found = {STAGE_TAGS.get(self.profile.stage, "")}
        if SENIOR.search(self.person.role):
            found.add("senior")
        elif JUNIOR.search(self.person.role):
            found.add("junior")
        haystack = " ".join((self.person.industry, self.person.organisation,
                             self.profile.target_industries)).lower()
        found |= {tag for tag, words in INDUSTRY_TAGS.items() if any(w in haystack for w in words)}
        return found - {""}


def _person(db: Database, contact_id: int) -> Person:
    found = contacts.brief(db, contact_id)
    return Person(
        id=contact_id, name=found["name"], first_name=material.first_name(found["name"]), role=found["role"],
        organisation=found["organisation"], industry=found["industry"], email=found["email"],
        rapport_notes=found["rapport_notes"], source=found["source"],
        introducer=found["introduced_by"] or "",
        first_met_on=found["first_met_on"].isoformat() if found["first_met_on"] else "")


def _history(db: Database, contact_id: int, tz: str, limit: int = 6) -> list[str]:
    return [f"{clock.to_local(e['occurred_at'], tz):%d %b %Y}: {interactions.KINDS[e['kind']]}"
            + (f" - {e['note']}" if e["note"] else "") for e in interactions.timeline(db, contact_id)[:limit]]


def _earlier(db: Database, person: Person, exclude: int | None) -> list[dict[str, Any]]:
    """Debriefs of earlier interviews with this contact or anyone at the same organisation."""
    rows = db.rows(
        "SELECT i.id, i.contact_id, c.full_name AS contact, d.* FROM interview i "
        "JOIN debrief d ON d.interview_id = i.id JOIN contact c ON c.id = i.contact_id "
        "WHERE i.status = 'completed' AND i.id IS DISTINCT FROM ? AND (i.contact_id = ? OR "
        "(c.organisation_id IS NOT NULL AND c.organisation_id = "
        " (SELECT organisation_id FROM contact WHERE id = ?))) ORDER BY i.scheduled_at",
        [exclude, person.id, person.id])
    for row in rows:
        row["advice"] = [a["text"] for a in interviews.advice_of(db, row["id"])]
    return rows


_RECENT: OrderedDict[tuple[Any, ...], Context] = OrderedDict()
_RECENT_LOCK = threading.Lock()


def _remembered(db: Database, key: tuple[Any, ...], build: Callable[[], Context]) -> Context:
    """The page builds a context to show what will be sent; the click's run finds it here, unless anything
    was written since (the database's version is in the key). Eleven queries were 30 ms of the time from
    the click to the request. Each caller gets its own copy."""
    full = (db.path, db.version(), *key)
    with _RECENT_LOCK:
        found = _RECENT.get(full)
    if found is None:
        found = build()
        with _RECENT_LOCK:
            _RECENT[full] = found
            while len(_RECENT) > 16:
                _RECENT.popitem(last=False)
    return found.model_copy(deep=True)


def for_interview(db: Database, interview_id: int) -> Context:
    """Context for an interview's questions or its thank-you."""
    return _remembered(db, ("interview", interview_id), lambda: _for_interview(db, interview_id))


def _for_interview(db: Database, interview_id: int) -> Context:
    meeting = interviews.get(db, interview_id)
    prof = profiles.get(db)
    person = _person(db, meeting["contact_id"])
    earlier = _earlier(db, person, interview_id)
    asked = db.rows("SELECT q.text FROM question q JOIN interview i ON i.id = q.interview_id "
                    "WHERE i.contact_id = ? AND i.id <> ? AND q.asked", [person.id, interview_id])
    answered = sorted({field for row in earlier for field in interviews.DEBRIEF_FIELDS if row.get(field)}
                      | {"advice" for row in earlier if row["advice"] and row["contact_id"] == person.id})
    notes = interviews.debrief_of(db, interview_id) or {}
    return Context(
        profile=prof, person=person, interview_id=interview_id,
        minutes=int(meeting["duration_minutes"]), purpose=meeting["purpose"], goals=meeting["goals"],
        research_notes=meeting["research_notes"], history=_history(db, person.id, prof.time_zone),
        earlier_debriefs=[{k: v for k, v in row.items() if k in interviews.DEBRIEF_FIELDS or k in
                           ("contact", "advice")} for row in earlier],
        already_asked=[r["text"] for r in asked], answered_topics=answered,
        current_questions=[{"category": q["category"], "text": q["text"]}
                           for q in questions.of(db, interview_id)],
        debrief={k: notes.get(k, "") for k in interviews.DEBRIEF_FIELDS},
        advice=[a["text"] for a in interviews.advice_of(db, interview_id)],
        offers_made=[o["text"] for o in interviews.offers_of(db, interview_id)],
        referrals=[r["name"] for r in interviews.referrals_of(db, interview_id)],
    )


def for_contact(db: Database, contact_id: int) -> Context:
    """Context for an outreach message to a contact."""
    return _remembered(db, ("contact", contact_id), lambda: _for_contact(db, contact_id))


def _for_contact(db: Database, contact_id: int) -> Context:
    prof = profiles.get(db)
    person = _person(db, contact_id)
    earlier = _earlier(db, person, None)
    return Context(profile=prof, person=person, history=_history(db, contact_id, prof.time_zone),
                   earlier_debriefs=[{k: v for k, v in row.items() if k in interviews.DEBRIEF_FIELDS
                                      or k in ("contact", "advice")} for row in earlier])
