"""Every link between tables, checked in one place because the schema declares no foreign keys.

See lib/migrations/0001_initial.sql for why: DuckDB's foreign keys would block the one-transaction
deletes and the edits Rapport needs. Tests run `problems()` after every destructive operation.
"""

from __future__ import annotations

from lib.db import Database

# (child table, child column, parent table): every non-null child value must exist in parent.id.
LINKS: list[tuple[str, str, str]] = [
    ("contact", "organisation_id", "organisation"),
    ("contact", "introduced_by_id", "contact"),
    ("contact_tag", "contact_id", "contact"),
    ("interaction", "contact_id", "contact"),
    ("outreach", "contact_id", "contact"),
    ("interview", "contact_id", "contact"),
    ("question", "interview_id", "interview"),
    ("debrief", "interview_id", "interview"),
    ("advice", "interview_id", "interview"),
    ("offer", "interview_id", "interview"),
    ("offer", "contact_id", "contact"),
    ("referral", "interview_id", "interview"),
    ("referral", "contact_id", "contact"),
    ("message", "contact_id", "contact"),
    ("message", "interview_id", "interview"),
    ("followup", "contact_id", "contact"),
    ("followup", "interview_id", "interview"),
    ("followup", "outreach_id", "outreach"),
    ("followup", "offer_id", "offer"),
    ("contact", "import_batch_id", "import_batch"),
    ("organisation", "import_batch_id", "import_batch"),
]


def problems(db: Database) -> list[str]:
    """One sentence per dangling link; an empty list means the database is whole."""
    found = []
    for child, column, parent in LINKS:
        orphans = db.value(
            f"SELECT count(*) FROM {child} WHERE {column} IS NOT NULL "
            f"AND {column} NOT IN (SELECT id FROM {parent})"
        )
        if orphans:
            found.append(f"{orphans} {child} row(s) point at a missing {parent} via {column}")
    return found
