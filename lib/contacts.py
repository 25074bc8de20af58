"""Contacts: the people in the user's network, searched, edited, archived and introduced."""

from __future__ import annotations

import re
from datetime import date
from typing import Any, Literal, get_args

import pandas as pd
from pydantic import BaseModel, ValidationError, field_validator

from lib import cadence, clock, integrity, organisations
from lib import profile as profiles
from lib.db import Database
from lib.validation import LINE_LIMIT, TEXT_LIMIT, Invalid, Line, Text, messages_from

Source = Literal["referral", "alumni", "event", "linkedin", "cold_outreach", "other"]
Tier = Literal["close", "active", "casual"]

SOURCES: dict[str, str] = {
    "referral": "Referral",
    "alumni": "Alumni",
    "event": "Event",
    "linkedin": "LinkedIn",
    "cold_outreach": "Cold outreach",
    "other": "Other",
}
SORTS: dict[str, str] = {
    "name": "lower(name)",
    "last_interaction": "last_interaction_at DESC NULLS LAST, lower(name)",
    "next_due": "keep_in_touch_due, lower(name)",
}
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")
LINKEDIN = re.compile(
    r"^(?:https?://)?(?:[a-z]{2,3}\.|www\.)?linkedin\.com/(in|pub)/([^/?#\s]+)/?(?:[?#].*)?$",
    re.IGNORECASE,
)


class ContactNotFound(LookupError):
    """No contact with that id."""


def normalise_linkedin(url: str) -> str:
    """One canonical form per profile, so the same person is recognised however the URL was pasted."""
    match = LINKEDIN.match(url.strip())
    if not match:
        raise ValueError("LinkedIn URL should look like https://www.linkedin.com/in/their-name")
    return f"https://www.linkedin.com/{match.group(1).lower()}/{match.group(2)}"


def normalise_tags(tags: list[str] | str) -> list[str]:
    """Trimmed, de-duplicated regardless of case, in the order given."""
    if isinstance(tags, str):
        tags = tags.split(",")
    seen: dict[str, str] = {}
    for tag in tags:
        tag = " ".join(str(tag).split())
        if tag and tag.lower() not in seen:
            seen[tag.lower()] = tag
    return list(seen.values())


class ContactInput(BaseModel):
    """A contact as a form or an importer submits it, validated with messages a person can act on."""

    full_name: Line
    email: Line = ""
    phone: Line = ""
    linkedin_url: Line = ""
    organisation: Line = ""
    industry: Line = ""
    role: Line = ""
    location: Line = ""
    source: Source = "other"
    introduced_by_id: int | None = None
    tier: Tier = "active"
    cadence_days: int | None = None
    rapport_notes: Text = ""
    notes: Text = ""
    first_met_on: date | None = None
    tags: list[Line] = []

    @field_validator("full_name")
    @classmethod
    def _name_required(cls, value: str) -> str:
        value = " ".join(value.split())
        if not value:
            raise ValueError("Name is required")
        return value

    @field_validator("email")
    @classmethod
    def _email_shape(cls, value: str) -> str:
        value = value.strip()
        if value and not EMAIL.match(value):
            raise ValueError(f"'{value}' is not an email address (expected name@example.com)")
        return value.lower() if value else ""

    @field_validator("linkedin_url")
    @classmethod
    def _linkedin_shape(cls, value: str) -> str:
        return normalise_linkedin(value) if value.strip() else ""

    @field_validator("phone", "organisation", "industry", "role", "location", "rapport_notes",
                     "notes")
    @classmethod
    def _strip(cls, value: str) -> str:
        return value.strip()

    @field_validator("cadence_days")
    @classmethod
    def _cadence_range(cls, value: int | None) -> int | None:
        if value is not None and not 1 <= value <= 730:
            raise ValueError("Keep-in-touch cadence must be between 1 and 730 days")
        return value

    @field_validator("first_met_on")
    @classmethod
    def _not_future(cls, value: date | None) -> date | None:
        if value and value > date.today():
            raise ValueError("First met cannot be a date in the future")
        return value

    @field_validator("tags", mode="before")
    @classmethod
    def _tags(cls, value: list[str] | str | None) -> list[str]:
        if value is not None and not isinstance(value, list | tuple | str):
            raise ValueError("Tags should be words separated by commas")
        return normalise_tags(value or [])


LABELS = {
    "full_name": "Name",
    "email": "Email",
    "linkedin_url": "LinkedIn URL",
    "source": "Source",
    "tier": "Tier",
    "cadence_days": "Keep-in-touch cadence",
    "first_met_on": "First met",
}
COLUMNS = ["full_name", "email", "phone", "linkedin_url", "organisation_id", "role", "location",
           "source", "introduced_by_id", "tier", "cadence_days", "rapport_notes", "notes",
           "first_met_on"]


_PLAIN_LINES = ("phone", "organisation", "industry", "role", "location")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_FIELDS = frozenset(ContactInput.model_fields)
_TIERS = frozenset(get_args(Tier))


def quick_validate(**fields: Any) -> dict[str, Any] | None:
    """What `validate(**fields).model_dump()` gives, for plainly valid input, without pydantic; None when
    the input needs `validate` (anything unusual, and every problem, so messages come from one place).

    An import checks tens of thousands of rows: pydantic took 2.4 s for 30,000. A property test holds
    this to the same answer as `validate` on any input.
    """
    get = fields.get
    name, email, url = get("full_name"), get("email", ""), get("linkedin_url", "")
    plain = [get(k, "") for k in _PLAIN_LINES]
    notes, rapport = get("notes", ""), get("rapport_notes", "")
    lines = [name, email, url, *plain]
    if not fields.keys() <= _FIELDS or not all(type(v) is str for v in (*lines, notes, rapport)):
        return None
    if (_CONTROL.search("".join(lines) + notes + rapport) or max(map(len, lines)) > LINE_LIMIT
            or len(notes) > TEXT_LIMIT or len(rapport) > TEXT_LIMIT):
        return None
    name, email, url = " ".join(str(name).split()), str(email).strip(), str(url).strip()
    if not name or (email and not EMAIL.match(email)) or (url and not LINKEDIN.match(url)):
        return None
    source, tier, met, tags = get("source", "other"), get("tier", "active"), get("first_met_on"), get("tags") or []
    if (source not in SOURCES or tier not in _TIERS or get("introduced_by_id") is not None
            or get("cadence_days") is not None or type(tags) is not list
            or not all(type(t) is str for t in tags)
            or (met is not None and (type(met) is not date or met > date.today()))):
        return None
    tags = normalise_tags(tags)
    if tags and (_CONTROL.search("".join(tags)) or max(map(len, tags)) > LINE_LIMIT):
        return None
    return {"full_name": name, "email": email.lower(), "phone": plain[0].strip(),
            "linkedin_url": normalise_linkedin(url) if url else "", "organisation": plain[1].strip(),
            "industry": plain[2].strip(), "role": plain[3].strip(), "location": plain[4].strip(),
            "source": source, "introduced_by_id": None, "tier": tier, "cadence_days": None,
            "rapport_notes": rapport.strip(), "notes": notes.strip(), "first_met_on": met, "tags": tags}


def validate(**fields: Any) -> ContactInput:
    """Check a contact's fields; raises Invalid naming every problem at once."""
    try:
        return ContactInput(**fields)
    except ValidationError as error:
        raise Invalid(messages_from(error, LABELS)) from error


def _check_introducer(db: Database, contact: ContactInput, contact_id: int | None) -> None:
    if contact.introduced_by_id is None:
        return
    if contact.introduced_by_id == contact_id:
        raise Invalid({"introduced_by_id": "A contact cannot introduce themselves"})
    if not db.value("SELECT count(*) FROM contact WHERE id = ?", [contact.introduced_by_id]):
        raise Invalid({"introduced_by_id": f"No contact {contact.introduced_by_id} to be the introducer"})
    if contact_id is not None and contact.introduced_by_id in _introduced_chain(db, contact_id):
        raise Invalid({"introduced_by_id": "That would make a loop of introductions"})


def _introduced_chain(db: Database, contact_id: int) -> set[int]:
    """Everyone introduced by this contact, directly or down the chain."""
    rows = db.rows(
        "WITH RECURSIVE down(id) AS (SELECT id FROM contact WHERE introduced_by_id = ? "
        "UNION SELECT c.id FROM contact c JOIN down ON c.introduced_by_id = down.id) "
        "SELECT id FROM down",
        [contact_id],
    )
    return {r["id"] for r in rows}


def _values(db: Database, contact: ContactInput) -> list[Any]:
    organisation_id = organisations.get_or_create(db, contact.organisation, contact.industry)
    fields = contact.model_dump() | {"organisation_id": organisation_id}
    return [fields[c] for c in COLUMNS]


def _write_tags(con: Any, contact_id: int, tags: list[str]) -> None:
    con.execute("DELETE FROM contact_tag WHERE contact_id = ?", [contact_id])
    if tags:
        con.executemany("INSERT INTO contact_tag VALUES (?, ?)", [[contact_id, t] for t in tags])


def already_known(db: Database, email: str = "", linkedin_url: str = "") -> dict[str, Any] | None:
    """Someone who already has this email or LinkedIn profile, and which of the two matched."""
    email = (email or "").strip().lower()
    try:
        url = normalise_linkedin(linkedin_url) if (linkedin_url or "").strip() else ""
    except ValueError:
        url = ""  # not a profile address: validation will say so
    if not email and not url:
        return None
    found = db.row("SELECT id, full_name AS name, lower(email) = $e AND $e <> '' AS same_email FROM contact "
                   "WHERE ($e <> '' AND lower(email) = $e) OR ($u <> '' AND linkedin_url = $u) ORDER BY id LIMIT 1",
                   {"e": email, "u": url})
    if found is None:
        return None
    return {"id": found["id"], "name": found["name"], "why": "email address" if found["same_email"]
            else "LinkedIn profile"}


def name_key(name: str) -> str:
    """A name reduced for comparison: letters only, words sorted ('Cy Patel' and 'Patel, Cy' agree)."""
    return " ".join(sorted(re.sub(r"[^a-z ]", "", name.lower()).split()))


def known_person(db: Database, full_name: str, organisation: str = "", email: str = "") -> dict[str, Any] | None:
    """Someone already here who is this person: the same email, or the same name at the same organisation
    (or the only one of that name, when no organisation is given). A referral typed in a debrief links to
    them instead of making a second, garbled contact."""
    if email.strip():
        found = already_known(db, email=email)
        if found and found["why"] == "email address":
            return found
    key = name_key(full_name)
    if not key:
        return None
    rows = db.rows("SELECT c.id, c.full_name AS name, lower(coalesce(o.name, '')) AS organisation FROM contact c "
                   "LEFT JOIN organisation o ON o.id = c.organisation_id WHERE c.archived_at IS NULL")
    same = [r for r in rows if name_key(r["name"]) == key]
    place = organisation.strip().lower()
    chosen = [r for r in same if r["organisation"] == place] if place else same
    if len(chosen) == 1 or (place and chosen):
        return {"id": chosen[0]["id"], "name": chosen[0]["name"],
                "why": "name and organisation" if place else "name"}
    return None


def create(db: Database, **fields: Any) -> int:
    """Add a contact (with its organisation and tags) in one transaction; returns its id."""
    contact = validate(**fields)
    _check_introducer(db, contact, None)
    now = clock.utcnow()
    with db.transaction() as con:
        values = _values(db, contact)
        new_id = con.execute(
            f"INSERT INTO contact ({', '.join(COLUMNS)}, created_at, updated_at) "
            f"VALUES ({', '.join('?' for _ in COLUMNS)}, ?, ?) RETURNING id",
            values + [now, now],
        ).fetchall()[0][0]
        _write_tags(con, new_id, contact.tags)
    return new_id


def update(db: Database, contact_id: int, **fields: Any) -> None:
    """Change a contact: the given fields replace the stored ones, validated together."""
    current = editable(db, contact_id)
    contact = validate(**(current | fields))
    _check_introducer(db, contact, contact_id)
    with db.transaction() as con:
        values = _values(db, contact)
        con.execute(
            f"UPDATE contact SET {', '.join(f'{c} = ?' for c in COLUMNS)}, updated_at = ? "
            "WHERE id = ?",
            values + [clock.utcnow(), contact_id],
        )
        _write_tags(con, contact_id, contact.tags)


def editable(db: Database, contact_id: int) -> dict[str, Any]:
    """A contact's stored fields in the shape `create` and `update` take, to prefill a form."""
    row = db.row(
        "SELECT c.*, coalesce(o.name, '') AS organisation, coalesce(o.industry, '') AS industry "
        "FROM contact c LEFT JOIN organisation o ON o.id = c.organisation_id WHERE c.id = ?",
        [contact_id],
    )
    if not row:
        raise ContactNotFound(f"No contact {contact_id}")
    row["tags"] = tags_of(db, contact_id)
    return {k: row[k] for k in ContactInput.model_fields}


def tags_of(db: Database, contact_id: int) -> list[str]:
    """A contact's tags, alphabetically."""
    return [r["tag"] for r in db.rows(
        "SELECT tag FROM contact_tag WHERE contact_id = ? ORDER BY lower(tag)", [contact_id])]


def all_tags(db: Database) -> list[str]:
    """Every tag in use, for filters and suggestions."""
    return [r["tag"] for r in db.rows(
        "SELECT DISTINCT tag FROM contact_tag ORDER BY lower(tag)")]


def archive(db: Database, contact_id: int) -> None:
    """Hide a contact from the everyday lists without losing anything."""
    _require(db, contact_id)
    db.execute("UPDATE contact SET archived_at = ?, updated_at = ? WHERE id = ?",
               [clock.utcnow(), clock.utcnow(), contact_id])


def restore(db: Database, contact_id: int) -> None:
    """Bring an archived contact back."""
    _require(db, contact_id)
    db.execute("UPDATE contact SET archived_at = NULL, updated_at = ? WHERE id = ?",
               [clock.utcnow(), contact_id])


def delete(db: Database, contact_id: int) -> None:
    """Remove a contact and everything tied to it, in one transaction.

    DuckDB has no ON DELETE CASCADE, so children go first: their interviews with questions, debriefs,
    advice, offers and referral records; outreach, messages, follow-ups, tags, timeline, and the calendar
    events and mail an import remembered of them. People they introduced stay, no longer linked to an
    introducer; reminders about those people stay too.
    """
    _require(db, contact_id)
    delete_many(db, [contact_id])


def delete_many(db: Database, contact_ids: list[int]) -> None:
    """`delete` for many contacts at once (undoing an import), still in one transaction; what goes and what
    is only unlinked is the graph of links in lib/integrity.py."""
    with db.transaction() as con:
        integrity.delete(con, "contact", contact_ids)


def _require(db: Database, contact_id: int) -> None:
    if not db.value("SELECT count(*) FROM contact WHERE id = ?", [contact_id]):
        raise ContactNotFound(f"No contact {contact_id}")


_LISTING = """
WITH last AS (
    SELECT contact_id, max(occurred_at) AS last_interaction_at FROM interaction GROUP BY contact_id
), tagged AS (
    SELECT contact_id, string_agg(tag, ', ' ORDER BY lower(tag)) AS tags
    FROM contact_tag GROUP BY contact_id
), base AS (
    SELECT c.id, c.full_name AS name, c.email, c.phone, c.linkedin_url, c.organisation_id,
           coalesce(o.name, '') AS organisation, coalesce(o.industry, '') AS industry,
           c.role, c.location, c.source, c.introduced_by_id,
           i.full_name AS introduced_by, c.tier, c.cadence_days, c.rapport_notes, c.notes,
           c.first_met_on, c.archived_at, c.created_at, coalesce(t.tags, '') AS tags, c.import_batch_id,
           l.last_interaction_at,
           coalesce(c.cadence_days, CASE c.tier WHEN 'close' THEN $close
                                                WHEN 'casual' THEN $casual
                                                ELSE $active END) AS cadence,
           coalesce(CAST(timezone($tz, timezone('UTC', l.last_interaction_at)) AS DATE), c.first_met_on,
                    CAST(timezone($tz, timezone('UTC', c.created_at)) AS DATE)) AS clock_start
    FROM contact c
    LEFT JOIN organisation o ON o.id = c.organisation_id
    LEFT JOIN contact i ON i.id = c.introduced_by_id
    LEFT JOIN last l ON l.contact_id = c.id
    LEFT JOIN tagged t ON t.contact_id = c.id
), due AS (
    SELECT *, clock_start + cadence AS keep_in_touch_due FROM base
)
SELECT *, {state} AS keep_in_touch_state FROM due
"""


def _listing_sql() -> str:
    state = cadence.state_sql("keep_in_touch_due", "cadence", "$today")
    return _LISTING.format(state=state)


def _listing_params(db: Database, today: date | None) -> dict[str, Any]:
    prof = profiles.get(db)
    return {
        "close": prof.cadence_close_days,
        "active": prof.cadence_active_days,
        "casual": prof.cadence_casual_days,
        "today": today or clock.today(prof.time_zone),
        "tz": clock.sql_zone(prof.time_zone),  # the clock starts on the user's date, not UTC's
    }


def search(db: Database, text: str = "", **filters: Any) -> pd.DataFrame:
    """Contacts matching every word of `text` across name, organisation, role, email, tags, notes.

    Filters (see `search_query`) narrow by source, industry, tag and keep-in-touch state;
    `archived=True` lists the archived contacts instead of the active ones.
    """
    return db.frame(*search_query(db, text, **filters))


def search_query(
    db: Database,
    text: str = "",
    *,
    source: str | None = None,
    industry: str | None = None,
    tag: str | None = None,
    state: str | None = None,
    archived: bool = False,
    sort: str = "name",
    today: date | None = None,
    limit: int | None = None,
) -> tuple[str, dict[str, Any]]:
    """The SQL and parameters `search` runs, so the benchmark can time the same query bare."""
    params = _listing_params(db, today)
    where = ["(archived_at IS NOT NULL) = $archived"]
    params["archived"] = archived
    for n, word in enumerate(text.lower().split()):
        params[f"w{n}"] = word
        where.append(
            f"contains(lower(concat_ws(' ', name, organisation, role, email, tags, notes, "
            f"rapport_notes, industry, location)), $w{n})"
        )
    for column, value in (("source", source), ("industry", industry),
                          ("keep_in_touch_state", state)):
        if value:
            params[column] = value
            where.append(f"{column} = ${column}")
    if tag:
        params["tag"] = tag
        where.append("id IN (SELECT contact_id FROM contact_tag WHERE tag = $tag)")
    order = SORTS.get(sort, SORTS["name"])
    sql = f"SELECT * FROM ({_listing_sql()}) WHERE {' AND '.join(where)} ORDER BY {order}"
    if limit:
        sql += f" LIMIT {int(limit)}"
    return sql, params


def get(db: Database, contact_id: int, today: date | None = None) -> dict[str, Any]:
    """Everything shown on a contact's detail: fields, organisation, tags and keep-in-touch dates."""
    params = _listing_params(db, today) | {"id": contact_id}
    found = db.row(f"SELECT * FROM ({_listing_sql()}) WHERE id = $id", params)
    if not found:
        raise ContactNotFound(f"No contact {contact_id}")
    found["tag_list"] = tags_of(db, contact_id)
    return found


def brief(db: Database, contact_id: int) -> dict[str, Any]:
    """The fields most screens and drafts need, in one cheap lookup (no keep-in-touch arithmetic)."""
    found = db.row(
        "SELECT c.id, c.full_name AS name, c.role, c.email, coalesce(o.name, '') AS organisation, "
        "coalesce(o.industry, '') AS industry, c.rapport_notes, c.source, c.first_met_on, "
        "coalesce(i.full_name, '') AS introduced_by FROM contact c "
        "LEFT JOIN organisation o ON o.id = c.organisation_id "
        "LEFT JOIN contact i ON i.id = c.introduced_by_id WHERE c.id = ?", [contact_id])
    if not found:
        raise ContactNotFound(f"No contact {contact_id}")
    return found


def introduced_by(db: Database, contact_id: int) -> list[dict[str, Any]]:
    """People this contact introduced the user to."""
    return db.rows(
        "SELECT id, full_name AS name, role FROM contact WHERE introduced_by_id = ? "
        "ORDER BY lower(full_name)",
        [contact_id],
    )


def choices(db: Database, include_archived: bool = False) -> dict[int, str]:
    """id -> 'Name (Organisation)', for pickers such as 'introduced by'."""
    rows = db.rows(
        "SELECT c.id, c.full_name, o.name AS organisation FROM contact c "
        "LEFT JOIN organisation o ON o.id = c.organisation_id "
        "WHERE ? OR c.archived_at IS NULL ORDER BY lower(c.full_name)",
        [include_archived],
    )
    return {r["id"]: f"{r['full_name']} ({r['organisation']})" if r["organisation"]
            else r["full_name"] for r in rows}


def count(db: Database) -> int:
    """How many contacts, archived included."""
    return db.value("SELECT count(*) FROM contact")


def everyone(db: Database, today: date | None = None) -> pd.DataFrame:
    """Every contact, active and archived, in the listing's shape, by id - what exports start from."""
    return pd.concat([search(db, today=today), search(db, archived=True, today=today)]).sort_values("id")


def export_rows(db: Database, today: date | None = None) -> list[dict[str, Any]]:
    """Contacts with the fields the `contacts --json` command promises."""
    rows = []
    for record in everyone(db, today).to_dict("records"):
        rows.append({
            "id": int(record["id"]),
            "name": record["name"],
            "email": record["email"],
            "linkedin_url": record["linkedin_url"],
            "organisation": record["organisation"] or None,
            "role": record["role"],
            "industry": record["industry"] or None,
            "source": record["source"],
            "introduced_by": _maybe_int(record["introduced_by_id"]),
            "tags": [t for t in record["tags"].split(", ") if t],
            "last_interaction_at": _iso(record["last_interaction_at"]),
            "keep_in_touch_due": _iso_date(record["keep_in_touch_due"]),
            "archived": record["archived_at"] is not None and not pd.isna(record["archived_at"]),
        })
    return rows


def _maybe_int(value: Any) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def _iso(value: Any) -> str | None:
    if value is None or pd.isna(value):
        return None
    return pd.Timestamp(value).isoformat() if not isinstance(value, date) else value.isoformat()


def _iso_date(value: Any) -> str | None:
    if value is None or pd.isna(value):
        return None
    return pd.Timestamp(value).date().isoformat()
