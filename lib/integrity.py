"""Every link between tables, in one graph that delete, merge, integrity checks and restore all read.

The schema declares no foreign keys (see lib/migrations/0001_initial.sql: DuckDB's would block the
one-transaction deletes and the edits Rapport needs), so this graph is the only place a link is named.
A table added with a column pointing at another joins it, or a test that reads the schema fails; and
because deleting and merging walk the graph, a contact's calendar events and mail go with them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lib.db import Database


@dataclass(frozen=True)
class Link:
    """`child.column` holds an id of `parent`; `goes` says what happens to the child row when that parent
    goes: "delete" (it goes too), "unlink" (the column is emptied) or "never" (parents never deleted).
    `key` names the child's other key columns, unique together with `column` (a merge must not collide)."""

    child: str
    column: str
    parent: str
    goes: str
    key: tuple[str, ...] = ()


LINKS: list[Link] = [
    Link("contact", "organisation_id", "organisation", "unlink"),
    Link("contact", "introduced_by_id", "contact", "unlink"),
    Link("contact_tag", "contact_id", "contact", "delete", key=("tag",)),
    Link("interaction", "contact_id", "contact", "delete"),
    Link("outreach", "contact_id", "contact", "delete"),
    Link("interview", "contact_id", "contact", "delete"),
    Link("question", "interview_id", "interview", "delete"),
    Link("debrief", "interview_id", "interview", "delete"),
    Link("advice", "interview_id", "interview", "delete"),
    Link("offer", "interview_id", "interview", "delete"),
    Link("offer", "contact_id", "contact", "delete"),
    Link("referral", "interview_id", "interview", "delete", key=("contact_id",)),
    Link("referral", "contact_id", "contact", "delete", key=("interview_id",)),
    Link("message", "contact_id", "contact", "delete"),
    Link("message", "interview_id", "interview", "unlink"),
    Link("followup", "contact_id", "contact", "delete"),
    Link("followup", "interview_id", "interview", "unlink"),
    Link("followup", "outreach_id", "outreach", "unlink"),
    Link("followup", "offer_id", "offer", "delete"),
    Link("calendar_event", "contact_id", "contact", "delete", key=("uid", "recurrence_id")),
    Link("calendar_event", "interaction_id", "interaction", "unlink"),
    Link("calendar_event", "interview_id", "interview", "unlink"),
    Link("mail_message", "contact_id", "contact", "delete", key=("message_id",)),
    Link("mail_message", "interaction_id", "interaction", "delete"),
    Link("unsaved_text", "interview_id", "interview", "delete"),
    Link("unsaved_text", "contact_id", "contact", "delete"),
    Link("contact", "import_batch_id", "import_batch", "never"),
    Link("organisation", "import_batch_id", "import_batch", "never"),
    Link("calendar_event", "import_batch_id", "import_batch", "never"),
    Link("mail_message", "import_batch_id", "import_batch", "never"),
    Link("sync_run", "import_batch_id", "import_batch", "never"),
]


def links_to(parent: str) -> list[Link]:
    """The links whose rows point at `parent`."""
    return [link for link in LINKS if link.parent == parent]


def problems(db: Database) -> list[str]:
    """One sentence per dangling link; an empty list means the database is whole."""
    found = []
    for link in LINKS:
        orphans = db.value(
            f"SELECT count(*) FROM {link.child} WHERE {link.column} IS NOT NULL "
            f"AND {link.column} NOT IN (SELECT id FROM {link.parent})"
        )
        if orphans:
            found.append(f"{orphans} {link.child} row(s) point at a missing {link.parent} via {link.column}")
    return found


def delete(con: Any, table: str, ids: list[int]) -> None:
    """Delete rows of `table` inside the caller's transaction, first everything that points at them: rows
    that go with their parent are deleted (theirs first, all the way down), the rest are unlinked."""
    if not ids:
        return
    chosen = {"ids": [int(i) for i in ids]}
    for link in links_to(table):
        where = f"{link.column} IN (SELECT unnest($ids))"
        if link.goes == "unlink":
            con.execute(f"UPDATE {link.child} SET {link.column} = NULL WHERE {where}", chosen)
        elif link.goes == "delete" and links_to(link.child):
            below = [r[0] for r in con.execute(f"SELECT id FROM {link.child} WHERE {where}", chosen).fetchall()]
            delete(con, link.child, below)
        elif link.goes == "delete":
            con.execute(f"DELETE FROM {link.child} WHERE {where}", chosen)
    con.execute(f"DELETE FROM {table} WHERE id IN (SELECT unnest($ids))", chosen)


def move(con: Any, table: str, keep: int, drop: int) -> None:
    """Point everything that points at row `drop` of `table` at `keep` instead, inside the caller's
    transaction; where `keep` already has the same row (a tag, a referral, a remembered event or message),
    the copy of `drop` goes."""
    ids = {"keep": keep, "drop": drop}
    for link in links_to(table):
        if link.goes == "never":
            continue
        if link.key:
            same = " AND ".join(f"k.{c} = {link.child}.{c}" for c in link.key)
            con.execute(f"DELETE FROM {link.child} WHERE {link.column} = $drop AND EXISTS (SELECT 1 FROM "
                        f"{link.child} k WHERE k.{link.column} = $keep AND {same})", ids)
        self_link = " AND id <> $keep" if link.child == table else ""
        con.execute(f"UPDATE {link.child} SET {link.column} = $keep WHERE {link.column} = $drop{self_link}", ids)
