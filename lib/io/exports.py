"""Exports that open where they are meant to: contacts as CSV (for Excel) and vCard, everything as JSON."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from typing import Any

import pandas as pd
import vobject

from lib import clock, contacts
from lib.db import Database
from lib.io import backup

CSV_COLUMNS = ["name", "email", "phone", "linkedin_url", "organisation", "role", "industry", "location",
               "source", "introduced_by", "tier", "cadence_days", "tags", "first_met_on", "rapport_notes",
               "notes", "archived"]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """A cell Excel would run as a formula gets a leading apostrophe (OWASP's CSV-injection advice)."""
    return f"'{value}" if isinstance(value, str) and value.startswith(FORMULA_START) else value


def frame_csv(frame: pd.DataFrame) -> bytes:
    """Any table as CSV for Excel (the dashboard's data downloads): BOM, formulas neutralised."""
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(neutralise)
    safe.columns = [neutralise(str(c)) for c in safe.columns]
    return safe.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def _blank(value: Any) -> Any:
    """Missing values (None, NaN, NaT) as an empty cell."""
    return "" if value is None or pd.isna(value) else value


def _contact_rows(db: Database) -> list[dict[str, Any]]:
    rows = []
    for record in contacts.everyone(db).to_dict("records"):
        cadence, met = _blank(record["cadence_days"]), _blank(record["first_met_on"])
        rows.append({
            "name": record["name"], "email": record["email"], "phone": record["phone"],
            "linkedin_url": record["linkedin_url"], "organisation": record["organisation"],
            "role": record["role"], "industry": record["industry"], "location": record["location"],
            "source": record["source"], "introduced_by": _blank(record["introduced_by"]), "tier": record["tier"],
            "cadence_days": int(cadence) if cadence != "" else "",
            "tags": "; ".join(t for t in record["tags"].split(", ") if t),
            "first_met_on": str(met)[:10] if met != "" else "",
            "rapport_notes": record["rapport_notes"], "notes": record["notes"],
            "archived": "yes" if _blank(record["archived_at"]) != "" else "",
        })
    return sorted(rows, key=lambda r: r["name"].lower())


def contacts_csv(db: Database) -> bytes:
    """Contacts as CSV that Excel opens correctly: UTF-8 with a byte-order mark, formulas neutralised."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in _contact_rows(db):
        writer.writerow({k: neutralise(v) for k, v in row.items()})
    return out.getvalue().encode("utf-8-sig")


def contacts_vcard(db: Database) -> bytes:
    """Contacts as vCard 3.0, one card each, for phones and address books."""
    cards = []
    for row in _contact_rows(db):
        card = vobject.vCard()
        card.add("fn").value = row["name"]
        parts = row["name"].split()
        card.add("n").value = vobject.vcard.Name(family=parts[-1] if len(parts) > 1 else "",
                                                 given=" ".join(parts[:-1]) if len(parts) > 1 else row["name"])
        if row["email"]:
            email = card.add("email")
            email.value, email.type_param = row["email"], "INTERNET"
        if row["phone"]:
            card.add("tel").value = row["phone"]
        if row["organisation"]:
            card.add("org").value = [row["organisation"]]
        if row["role"]:
            card.add("title").value = row["role"]
        if row["linkedin_url"]:
            card.add("url").value = row["linkedin_url"]
        if row["tags"]:
            card.add("categories").value = row["tags"].split("; ")
        note = "\n".join(x for x in (row["rapport_notes"], row["notes"]) if x)
        if note:
            card.add("note").value = note
        cards.append(card.serialize())
    return "".join(cards).encode("utf-8")


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def everything_json(db: Database) -> bytes:
    """Every table as lists of records, with the schema version: all of the user's data, readable."""
    with db.connect() as con:
        data = {}
        for table in backup.tables(db):
            if table == "schema_migrations":
                continue
            result = con.execute(f"SELECT * FROM {table} ORDER BY ALL")
            columns = [d[0] for d in result.description]
            data[table] = [{c: _plain(v) for c, v in zip(columns, row, strict=True)} for row in result.fetchall()]
    document = {"exported_at": clock.utcnow().isoformat(), "migrations": db.applied_migrations(), "tables": data}
    return json.dumps(document, indent=2, ensure_ascii=False).encode("utf-8")
