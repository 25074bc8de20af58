"""The learning ledger: everything learned across debriefs, searchable by industry, organisation, role."""

from __future__ import annotations

import pandas as pd

from lib import clock
from lib import profile as profiles
from lib.db import Database
from lib.interviews import DEBRIEF_FIELDS

KINDS = {field: label for field, label in DEBRIEF_FIELDS.items() if field != "next_steps"} | {
    "advice": "Advice"}


def ledger(db: Database, text: str = "", industry: str | None = None, organisation: str | None = None,
           role: str | None = None) -> pd.DataFrame:
    """One row per thing learned: kind, what, who said it, where they work, when, and the interview.

    Debrief notes (realities, benefits, challenges, loves, loathes, career path, influences,
    resources) and each piece of advice; every word of `text` must appear in the row.
    """
    fields = [f for f in KINDS if f != "advice"]
    notes = " UNION ALL ".join(
        f"SELECT d.interview_id, '{f}' AS kind, d.{f} AS learned, NULL AS advice_id FROM debrief d "
        f"WHERE d.{f} <> ''" for f in fields)
    sql = (
        f"WITH learned AS ({notes} UNION ALL SELECT interview_id, 'advice', text, id FROM advice) "
        "SELECT l.kind, l.learned, c.full_name AS contact, c.role, coalesce(o.name, '') AS organisation,"
        " coalesce(o.industry, '') AS industry, i.scheduled_at, l.interview_id,"
        " l.advice_id, a.acted_on_at, a.reported_back_at"
        " FROM learned l JOIN interview i ON i.id = l.interview_id JOIN contact c ON c.id = i.contact_id"
        " LEFT JOIN organisation o ON o.id = c.organisation_id LEFT JOIN advice a ON a.id = l.advice_id"
        " WHERE ($industry IS NULL OR o.industry = $industry) AND ($org IS NULL OR o.name = $org)"
        " AND ($role IS NULL OR c.role = $role)")
    params: dict[str, object] = {"industry": industry, "org": organisation, "role": role}
    for n, word in enumerate(text.lower().split()):
        sql += f" AND contains(lower(concat_ws(' ', l.learned, c.full_name, c.role, o.name, o.industry)), $w{n})"
        params[f"w{n}"] = word
    frame = db.frame(sql + " ORDER BY i.scheduled_at DESC, l.interview_id, l.kind", params)
    # The day of the meeting where the user lives: 07:00 in Sydney is the evening before in UTC.
    return frame.assign(day=clock.local_dates(frame["scheduled_at"], profiles.get(db).time_zone))


def advice_status(frame: pd.DataFrame) -> pd.Series:
    """For advice rows: 'reported back', 'acted on - report back', or 'not yet acted on'."""
    def label(row: pd.Series) -> str:
        if pd.notna(row["reported_back_at"]):
            return "reported back"
        if pd.notna(row["acted_on_at"]):
            return "acted on - report back"
        return "not yet acted on"
    return frame.apply(label, axis=1) if len(frame) else pd.Series(dtype="object")


def roles(db: Database) -> list[str]:
    """Roles of people the user has interviewed, for the ledger's filter."""
    return [r["role"] for r in db.rows(
        "SELECT DISTINCT c.role FROM contact c JOIN interview i ON i.contact_id = c.id "
        "WHERE i.status = 'completed' AND c.role <> '' ORDER BY c.role")]
