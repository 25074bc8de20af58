"""Duplicate contacts: found by email, LinkedIn profile, or a close name at the same organisation;
merged in one transaction so nothing tied to either person is lost."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rapidfuzz import fuzz, process

from lib import clock, contacts, integrity
from lib.contacts import name_key
from lib.db import Database
from lib.validation import Invalid

MERGEABLE = ["full_name", "email", "phone", "linkedin_url", "organisation_id", "role", "location", "source",
             "introduced_by_id", "tier", "cadence_days", "rapport_notes", "notes", "first_met_on"]
CLOSE_NAME = 90


def close_names(key: str, other: str) -> bool:
    """Whether two name keys are close enough to be the same person (at the same organisation)."""
    return fuzz.token_sort_ratio(key, other) >= CLOSE_NAME


def closest_name(key: str, others: Sequence[str]) -> int | None:
    """Where in `others` the closest name key is, if any is close enough (compared in C, not one call a
    pair: an import checks 30,000 names against tens of people at each organisation)."""
    # Name keys are already token-sorted, so plain ratio is token_sort_ratio at a quarter of the cost.
    found = process.extractOne(key, others, scorer=fuzz.ratio, score_cutoff=CLOSE_NAME) if others else None
    return None if found is None else found[2]


def pairs(db: Database) -> list[dict[str, Any]]:
    """Likely duplicates, each pair once, with the reason: same email, same LinkedIn, or a close name
    at the same organisation (compared within each organisation, so 10,000 contacts stay quick)."""
    people = db.rows("SELECT c.id, c.full_name, lower(c.email) AS email, c.linkedin_url,"
                     " coalesce(o.name, '') AS organisation FROM contact c"
                     " LEFT JOIN organisation o ON o.id = c.organisation_id ORDER BY c.id")
    found: dict[tuple[int, int], str] = {}
    for field, why in (("email", "same email"), ("linkedin_url", "same LinkedIn profile")):
        first: dict[str, int] = {}
        for p in people:
            if p[field]:
                if p[field] in first:
                    found.setdefault((first[p[field]], p["id"]), why)
                else:
                    first[p[field]] = p["id"]
    by_org: dict[str, list[dict[str, Any]]] = {}
    for p in people:
        if p["organisation"]:
            by_org.setdefault(p["organisation"].lower(), []).append(p)
    for group in by_org.values():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if close_names(name_key(a["full_name"]), name_key(b["full_name"])):
                    found.setdefault((a["id"], b["id"]), f"close name at {a['organisation']}")
    names = {p["id"]: p for p in people}
    return [{"keep": a, "other": b, "reason": why, "keep_name": names[a]["full_name"],
             "other_name": names[b]["full_name"], "organisation": names[a]["organisation"]}
            for (a, b), why in sorted(found.items())]


def merge(db: Database, keep: int, drop: int, take: dict[str, str] | None = None) -> None:
    """Fold `drop` into `keep`: every interview, message, follow-up, interaction, tag and introduction
    of both ends up on `keep`; `take` names fields whose value comes from `drop` ({"email": "other"})."""
    if keep == drop:
        raise Invalid({"merge": "Pick two different contacts to merge"})
    contacts.brief(db, keep), contacts.brief(db, drop)  # both must exist (ContactNotFound otherwise)
    rows = {r["id"]: r for r in db.rows("SELECT * FROM contact WHERE id IN (?, ?)", [keep, drop])}
    chosen = {f: rows[drop][f] if (take or {}).get(f) == "other" else rows[keep][f] for f in MERGEABLE}
    for field in MERGEABLE:  # blanks never win over a value
        if chosen[field] in (None, "") and rows[drop][field] not in (None, ""):
            chosen[field] = rows[drop][field]
    if chosen["introduced_by_id"] in (keep, drop):
        chosen["introduced_by_id"] = None
    with db.transaction() as con:
        integrity.move(con, "contact", keep, drop)  # every row of theirs, by the graph of links
        con.execute(f"UPDATE contact SET {', '.join(f'{f} = ?' for f in MERGEABLE)}, updated_at = ? WHERE id = ?",
                    [chosen[f] for f in MERGEABLE] + [clock.utcnow(), keep])
        con.execute("DELETE FROM contact WHERE id = ?", [drop])
