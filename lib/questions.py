"""An interview's questions: an ordered list in TIARA categories, asked or not, with answer notes."""

from __future__ import annotations

from typing import Any

from lib import clock
from lib.db import Database
from lib.validation import Invalid

CATEGORIES: dict[str, str] = {
    "rapport": "Rapport",
    "trends": "Trends",
    "insights": "Insights",
    "advice": "Advice",
    "resources": "Resources",
    "assignments": "Assignments",
    "offer": "Offer of help",
    "closing": "Closing",
}
TIARA = ("trends", "insights", "advice", "resources", "assignments")
SOURCES = ("offline", "llm", "manual")


def of(db: Database, interview_id: int) -> list[dict[str, Any]]:
    """The questions in their order."""
    return db.rows("SELECT * FROM question WHERE interview_id = ? ORDER BY position, id", [interview_id])


def add(db: Database, interview_id: int, text: str, category: str = "insights",
        source: str = "manual", must_ask: bool = False) -> int:
    """Append one question to the end of the list."""
    _check(text, category, source)
    position = db.value("SELECT coalesce(max(position), 0) + 1 FROM question WHERE interview_id = ?",
                        [interview_id])
    return db.value(
        "INSERT INTO question (interview_id, position, category, text, source, must_ask, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
        [interview_id, position, category, text.strip(), source, must_ask, clock.utcnow()])


def _check(text: str, category: str, source: str) -> None:
    if not str(text or "").strip():
        raise Invalid({"text": "A question needs some words"})
    if category not in CATEGORIES:
        raise Invalid({"category": f"Unknown category '{category}'; use one of {', '.join(CATEGORIES)}"})
    if source not in SOURCES:
        raise Invalid({"source": f"Unknown source '{source}'"})


def save_list(db: Database, interview_id: int, rows: list[dict[str, Any]]) -> None:
    """Replace the list with `rows` in the order given, in one transaction.

    Each row has text and category, and may carry source, asked and answer; rows whose text is blank
    are dropped (that is how the editor deletes). Question ids are not kept: nothing refers to them,
    and DuckDB refuses re-inserting a deleted key within one transaction.
    """
    rows = [{k: _clean(v) for k, v in r.items()} for r in rows]
    kept = [r for r in rows if str(r.get("text") or "").strip()]
    for row in kept:
        _check(row["text"], row.get("category") or "insights", row.get("source") or "manual")
    now = clock.utcnow()
    with db.transaction() as con:
        con.execute("DELETE FROM question WHERE interview_id = ?", [interview_id])
        for position, row in enumerate(kept, start=1):
            con.execute(
                "INSERT INTO question (interview_id, position, category, text, source, asked, answer,"
                " must_ask, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [interview_id, position, row.get("category") or "insights",
                 str(row["text"]).strip(), row.get("source") or "manual", bool(row.get("asked") or False),
                 str(row.get("answer") or "").strip(), bool(row.get("must_ask") or False), now])


def with_edits(rows: list[dict[str, Any]], edits: dict[str, Any]) -> list[dict[str, Any]]:
    """The list as a table editor's unsaved `edits` left it (its `edited_rows`, `added_rows` and `deleted_rows`,
    by row number): how the questions typed before a reload are put back."""
    changed = {int(n): cells for n, cells in (edits.get("edited_rows") or {}).items()}
    gone = {int(n) for n in edits.get("deleted_rows") or []}
    kept = [dict(row) | changed.get(n, {}) for n, row in enumerate(rows) if n not in gone]
    return kept + [dict(row) for row in edits.get("added_rows") or []]


def _clean(value: Any) -> Any:
    """Empty cells from a table editor arrive as NaN or None; both mean 'not given'."""
    return None if value is None or (isinstance(value, float) and value != value) else value


def move(db: Database, question_id: int, offset: int) -> None:
    """Move a question up (negative) or down (positive) the list."""
    found = db.row("SELECT interview_id FROM question WHERE id = ?", [question_id])
    if not found:
        raise Invalid({"question": f"No question {question_id}"})
    ordered = of(db, found["interview_id"])
    index = next(i for i, q in enumerate(ordered) if q["id"] == question_id)
    target = max(0, min(len(ordered) - 1, index + offset))
    ordered.insert(target, ordered.pop(index))
    save_list(db, found["interview_id"], ordered)


def tiara_coverage(rows: list[dict[str, Any]]) -> dict[str, int]:
    """How many questions fall in each TIARA category, zeros included."""
    counts = {c: 0 for c in TIARA}
    for row in rows:
        if row.get("category") in counts:
            counts[row["category"]] += 1
    return counts


def replace_text(db: Database, question_id: int, text: str, source: str) -> None:
    """Swap one question's wording (a regenerated question), leaving its place and notes alone."""
    _check(text, "insights", source)
    db.execute("UPDATE question SET text = ?, source = ?, asked = false WHERE id = ?",
               [text.strip(), source, question_id])
