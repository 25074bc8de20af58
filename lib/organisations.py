"""Organisations (employers) and the target employer list, scored and sorted by the LAMP method."""

from __future__ import annotations

import re
from typing import Any

import pandas as pd
from pydantic import BaseModel, ValidationError, field_validator

from lib import clock
from lib.db import Database
from lib.validation import Invalid, Line, Text, messages_from

TOP_TARGETS = 5
FEW_CONTACTS = 2


class OrganisationNotFound(LookupError):
    """No organisation with that id."""


class OrganisationInput(BaseModel):
    """An organisation as a form submits it."""

    name: Line
    industry: Line = ""
    website: Line = ""
    notes: Text = ""

    @field_validator("name")
    @classmethod
    def _name_required(cls, value: str) -> str:
        value = " ".join(value.split())
        if not value:
            raise ValueError("Organisation name is required")
        return value

    @field_validator("industry", "notes")
    @classmethod
    def _strip(cls, value: str) -> str:
        return value.strip()

    @field_validator("website")
    @classmethod
    def _website_shape(cls, value: str) -> str:
        value = value.strip()
        if not value:
            return ""
        if not re.match(r"^(https?://)?[\w-]+(\.[\w-]+)+(/\S*)?$", value):
            raise ValueError("Website should look like https://example.com")
        return value if value.startswith("http") else f"https://{value}"


LABELS = {"name": "Organisation name", "website": "Website"}


def _validated(**fields: Any) -> OrganisationInput:
    try:
        return OrganisationInput(**fields)
    except ValidationError as error:
        raise Invalid(messages_from(error, LABELS)) from error


def create(db: Database, name: str, industry: str = "", website: str = "", notes: str = "") -> int:
    """Add an organisation; a name that already exists (any case) returns the existing one."""
    org = _validated(name=name, industry=industry, website=website, notes=notes)
    existing = find_by_name(db, org.name)
    if existing:
        return existing["id"]
    now = clock.utcnow()
    return db.value(
        "INSERT INTO organisation (name, industry, website, notes, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
        [org.name, org.industry, org.website, org.notes, now, now],
    )


def find_by_name(db: Database, name: str) -> dict[str, Any] | None:
    """Case- and spacing-insensitive lookup, so 'acme  corp' finds 'Acme Corp'."""
    return db.row(
        "SELECT * FROM organisation WHERE lower(name) = lower(?) ORDER BY id LIMIT 1",
        [" ".join(name.split())],
    )


def get_or_create(db: Database, name: str, industry: str = "") -> int | None:
    """The organisation a contact form names, created on first mention; None for a blank name."""
    if not name.strip():
        return None
    found = find_by_name(db, name)
    if found:
        if industry.strip() and not found["industry"]:
            update(db, found["id"], industry=industry)
        return found["id"]
    return create(db, name, industry=industry)


def get(db: Database, organisation_id: int) -> dict[str, Any]:
    """One organisation; raises OrganisationNotFound with the id it could not find."""
    found = db.row("SELECT * FROM organisation WHERE id = ?", [organisation_id])
    if not found:
        raise OrganisationNotFound(f"No organisation {organisation_id}")
    return found


def update(db: Database, organisation_id: int, **fields: Any) -> None:
    """Change name, industry, website or notes after validating them together."""
    current = get(db, organisation_id)
    merged = {k: current[k] for k in OrganisationInput.model_fields} | fields
    org = _validated(**merged)
    clash = find_by_name(db, org.name)
    if clash and clash["id"] != organisation_id:
        raise Invalid({"name": f"Another organisation is already called {clash['name']}"})
    db.execute(
        "UPDATE organisation SET name = ?, industry = ?, website = ?, notes = ?, updated_at = ? "
        "WHERE id = ?",
        [org.name, org.industry, org.website, org.notes, clock.utcnow(), organisation_id],
    )


def set_lamp(
    db: Database,
    organisation_id: int,
    *,
    is_target: bool | None = None,
    advocacy: bool | None = None,
    motivation: int | None = None,
    posting: int | None = None,
) -> None:
    """Score an employer for the target list: Advocacy Y/N, Motivation 0-3, Posting 1-3."""
    current = get(db, organisation_id)
    motivation = current["lamp_motivation"] if motivation is None else int(motivation)
    posting = current["lamp_posting"] if posting is None else int(posting)
    if not 0 <= motivation <= 3:
        raise Invalid({"lamp_motivation": "Motivation is scored from 0 (none) to 3 (dream employer)"})
    if not 1 <= posting <= 3:
        raise Invalid({"lamp_posting": "Posting is scored from 1 (none) to 3 (a fitting posting)"})
    db.execute(
        "UPDATE organisation SET is_target = ?, lamp_advocacy = ?, lamp_advocacy_set = lamp_advocacy_set OR ?,"
        " lamp_motivation = ?, lamp_posting = ?, updated_at = ? WHERE id = ?",
        [
            current["is_target"] if is_target is None else bool(is_target),
            current["lamp_advocacy"] if advocacy is None else bool(advocacy),
            advocacy is not None,
            motivation,
            posting,
            clock.utcnow(),
            organisation_id,
        ],
    )


def delete(db: Database, organisation_id: int) -> None:
    """Remove an organisation; its contacts stay, no longer linked to it."""
    get(db, organisation_id)
    with db.transaction() as con:
        con.execute("UPDATE contact SET organisation_id = NULL WHERE organisation_id = ?",
                    [organisation_id])
        con.execute("DELETE FROM organisation WHERE id = ?", [organisation_id])


# Advocacy is derived from the contacts (someone there: yes) unless the user set it by hand.
_WITH_COUNTS = """
    SELECT * REPLACE (CASE WHEN lamp_advocacy_set THEN lamp_advocacy ELSE contacts > 0 END AS lamp_advocacy)
    FROM (SELECT o.id, o.name, o.industry, o.website, o.notes, o.is_target, o.lamp_advocacy, o.lamp_advocacy_set,
                 o.lamp_motivation, o.lamp_posting,
                 count(c.id) FILTER (WHERE c.archived_at IS NULL) AS contacts
          FROM organisation o LEFT JOIN contact c ON c.organisation_id = o.id
          GROUP BY ALL)
"""


def list_all(db: Database, text: str = "", industry: str | None = None) -> pd.DataFrame:
    """Every organisation with how many active contacts Rapport knows there."""
    return db.frame(
        f"SELECT * FROM ({_WITH_COUNTS})"
        " WHERE (? = '' OR contains(lower(name || ' ' || industry), lower(?)))"
        " AND (? IS NULL OR industry = ?) ORDER BY lower(name)",
        [text.strip(), text.strip(), industry, industry],
    )


def target_list(db: Database) -> pd.DataFrame:
    """Target employers sorted as LAMP prescribes: Motivation, then Posting, then Advocacy.

    `top` marks the first five (where outreach starts); `few_contacts` marks employers where the
    user knows fewer than two people, since 3B7 needs a second person to ask.
    """
    frame = db.frame(
        f"SELECT * FROM ({_WITH_COUNTS}) WHERE is_target"
        " ORDER BY lamp_motivation DESC, lamp_posting DESC, lamp_advocacy DESC, lower(name)"
    )
    frame["top"] = frame.index < TOP_TARGETS
    frame["few_contacts"] = frame["contacts"] < FEW_CONTACTS
    return frame


def contacts_at(db: Database, organisation_id: int) -> list[dict[str, Any]]:
    """The people Rapport knows at an organisation, archived ones last."""
    return db.rows(
        "SELECT id, full_name AS name, role, email, archived_at IS NOT NULL AS archived "
        "FROM contact WHERE organisation_id = ? ORDER BY archived, lower(full_name)",
        [organisation_id],
    )


def industries(db: Database) -> list[str]:
    """Industries in use, for filters and suggestions."""
    return [r["industry"] for r in db.rows(
        "SELECT DISTINCT industry FROM organisation WHERE industry <> '' ORDER BY industry")]


def names(db: Database) -> list[str]:
    """Every organisation name, for pickers."""
    return [r["name"] for r in db.rows("SELECT name FROM organisation ORDER BY lower(name)")]
