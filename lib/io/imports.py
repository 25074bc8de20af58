"""Bringing a network in: LinkedIn, Google Contacts (current and legacy), vCard, or any CSV mapped by hand.

Every import is read and previewed first - the format found, the rows, which are new, which
duplicate someone already here (and why), which cannot be imported (and why) - and nothing is
written until the user commits. The commit is one transaction with set-based inserts; the batch
can be undone as a whole. A file that cannot be read gets a sentence saying what to do instead.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from typing import Any

import pandas as pd
import vobject

from lib import clock, contacts, duplicates
from lib.db import Database
from lib.io import batches
from lib.io.files import ImportRefused as ImportRefused  # the readers' shared refusal and limits
from lib.io.files import check_size as check_size
from lib.io.files import size_limit as size_limit
from lib.validation import Invalid

MAX_FIELD = 5_000
MAX_COLUMNS = 500  # LinkedIn writes 7, Google 80-odd; thousands means this is not a contacts file
MAX_CELL = 1_000_000  # one cell of a megabyte is already no contact detail
FIELDS = ["full_name", "first_name", "last_name", "email", "phone", "linkedin_url", "organisation", "role",
          "first_met_on", "tags", "notes", "location"]
FIELD_LABELS = {"full_name": "Full name", "first_name": "First name", "last_name": "Last name", "email": "Email",
                "phone": "Phone", "linkedin_url": "LinkedIn URL", "organisation": "Organisation", "role": "Role",
                "first_met_on": "First met (date)", "tags": "Tags", "notes": "Notes", "location": "Location"}
SYNONYMS = {
    "full_name": {"name", "full name", "fullname", "contact"},
    "first_name": {"first name", "first", "given name", "firstname"},
    "last_name": {"last name", "last", "surname", "family name", "lastname"},
    "email": {"email", "e-mail", "email address", "e-mail address", "mail"},
    "phone": {"phone", "telephone", "mobile", "phone number"},
    "linkedin_url": {"linkedin", "linkedin url", "url", "profile", "linkedin_url"},
    "organisation": {"organisation", "organization", "company", "employer", "org"},
    "role": {"role", "title", "position", "job title"},
    "first_met_on": {"first met", "first_met_on", "connected on", "date", "met on"},
    "tags": {"tags", "labels", "groups"},
    "notes": {"notes", "note", "comments"},
    "location": {"location", "city"},
}
DATE_FORMATS = ("%d %b %Y", "%d %B %Y", "%Y-%m-%d", "%d/%m/%Y", "%m/%d/%Y", "%d-%b-%y", "%d %b %y", "%d.%m.%Y")
FORMAT_LABELS = {"linkedin": "LinkedIn connections", "google": "Google Contacts", "google_legacy":
                 "Google Contacts (older export)", "vcard": "vCard", "csv": "CSV with your column mapping"}
SOURCE_BY_FORMAT = {"linkedin": "linkedin", "google": "other", "google_legacy": "other", "vcard": "other",
                    "csv": "other"}


@dataclass
class Row:
    """One person read from a file, before anything is written."""

    number: int
    fields: dict[str, Any]
    notes: list[str] = field(default_factory=list)


@dataclass
class Preview:
    """What an import would do: nothing is written until `commit`."""

    format: str
    rows: int
    new: list[Row]
    duplicates: list[tuple[Row, int, str]]  # row, existing contact id, why
    invalid: list[tuple[int, str]]  # row number, reason
    warnings: list[tuple[int, str]]  # row kept, something left out (an unreadable date, a long note)
    mapping: dict[str, str] = field(default_factory=dict)
    checked_against: str = ""  # the database's version when the rows were checked (see commit)

    def as_json(self) -> dict[str, Any]:
        """What `lib.cli import … --json` prints (before or after the commit)."""
        return {"format": self.format, "rows": self.rows, "new": len(self.new), "duplicates": len(self.duplicates),
                "invalid": [{"row": n, "reason": r} for n, r in self.invalid],
                "warnings": [{"row": n, "reason": r} for n, r in self.warnings]}


# -- reading the bytes ---------------------------------------------------------------------------------

def _utf8_with_repairs(data: bytes) -> str | None:
    """UTF-8 with a few broken bytes stays UTF-8 (the bad ones become �), rather than the whole file
    turning into mojibake as cp1252; a file with no valid UTF-8 beyond ASCII is not UTF-8 at all."""
    text = data.decode("utf-8", errors="replace")
    clean = text.replace("\ufffd", "")
    if any(ord(ch) > 127 for ch in clean):
        return text.removeprefix("\ufeff")
    return None


def decode(data: bytes, name: str = "") -> str:
    """Text from a file in UTF-8 (with or without BOM), UTF-16 from Excel, or Latin-1/Windows-1252."""
    check_size(len(data), name)
    if not data.strip():
        raise ImportRefused("The file is empty: export your contacts again and upload that file.")
    if data[:4] == b"PK\x03\x04":
        raise ImportRefused(f"{name or 'This file'} looks like an Excel workbook or a zip. Save it as CSV "
                            "(File → Save As → CSV UTF-8) and upload that.")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or (len(data) > 8 and data[1:8:2].count(0) >= 3):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    if b"\x00" in data[:2000]:
        raise ImportRefused(f"{name or 'This file'} is not a text file. Upload a .csv or .vcf export.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = _utf8_with_repairs(data) or data.decode("cp1252", errors="replace")
    return text.replace("\x00", "")  # a stray NUL inside a field is never part of a contact


def _head(text: str) -> list[str]:
    """The first lines, where headers and preambles are, without splitting a whole large file."""
    return text[:65_536].splitlines()[:30]


def _header_index(lines: list[str]) -> int | None:
    """LinkedIn puts 'Notes:' lines before the header; find the line that starts the table."""
    for n, line in enumerate(lines[:30]):
        low = line.lower()
        if "first name" in low and "last name" in low:
            return n
    return None


def detect(text: str) -> str:
    """Which export this is: linkedin, google, google_legacy, vcard, or a plain csv."""
    if text.lstrip().upper().startswith("BEGIN:VCARD"):
        return "vcard"
    lines = _head(text)
    start = _header_index(lines)
    header = lines[start].lower() if start is not None else (lines[0].lower() if lines else "")
    if header.startswith("name,given name") or "organization 1 - name" in header:
        return "google_legacy"
    if "organization name" in header or ("e-mail 1 - value" in header and "labels" in header):
        return "google"
    if start is not None and ("connected on" in header or "company" in header):
        return "linkedin"
    return "csv"


def header_and_rows(text: str, start: int = 0) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and the non-blank rows, each with its line number in the file (as a person counts)."""
    csv.field_size_limit(MAX_CELL)
    stream = io.StringIO(text)  # read in place: no copies of a large file
    for _ in range(start):
        stream.readline()
    position = stream.tell()
    first = stream.readline(MAX_CELL)
    stream.seek(position)
    # Excel's "Unicode text" is tab-separated, and European Excel writes semicolons.
    delimiter = max((",", ";", "\t"), key=lambda d: (first.count(d), d == ","))
    reader = csv.reader(stream, delimiter=delimiter)
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise ImportRefused("The file has no header row.") from None
    except csv.Error:
        raise ImportRefused("The first line is not readable as CSV; export the file again.") from None
    if len(header) > MAX_COLUMNS:
        raise ImportRefused(f"The file has {len(header):,} columns; a contacts export has a few dozen. "
                            "Check it is the right file.")
    rows = []
    try:
        for record in reader:
            if any(cell.strip() for cell in record):
                rows.append((start + reader.line_num, record[:MAX_COLUMNS]))
    except csv.Error as error:
        why = ("a cell is larger than 1 MB" if "field larger" in str(error)
               else "a quote is not closed" if "EOF" in str(error) else "it is not valid CSV")
        raise ImportRefused(f"Line {start + reader.line_num + 1} cannot be read ({why}); fix it "
                            "or export the file again.") from None
    if not rows:
        raise ImportRefused("The file has a header but no rows: there is nobody to import.")
    return header, rows


@lru_cache(maxsize=4096)  # an export repeats its dates: 30,000 connections on a few thousand days
def parse_date(text: str) -> date | None:
    """A date in any of the forms exports use (15 Mar 2024, 2024-03-15, 15/03/2024 …), or None."""
    text = text.strip()
    for form in DATE_FORMATS:
        try:
            return datetime.strptime(text, form).date()
        except ValueError:
            continue
    return None


# -- the formats ---------------------------------------------------------------------------------------

def _cells(header: list[str], row: list[str]) -> dict[str, str]:
    return {h: (row[i] if i < len(row) else "") for i, h in enumerate(header)}


def _linkedin(text: str) -> list[Row]:
    start = _header_index(_head(text)) or 0
    header, table = header_and_rows(text, start)
    rows = []
    for n, raw in table:
        cell = _cells(header, raw)
        rows.append(Row(n, {"first_name": cell.get("First Name", ""), "last_name": cell.get("Last Name", ""),
                            "linkedin_url": cell.get("URL", ""), "email": cell.get("Email Address", ""),
                            "organisation": cell.get("Company", ""), "role": cell.get("Position", ""),
                            "first_met_on": cell.get("Connected On", "")}))
    return rows


def _google(text: str) -> list[Row]:
    header, table = header_and_rows(text)
    rows = []
    for n, raw in table:
        cell = _cells(header, raw)
        first = cell.get("First Name", "") or cell.get("Given Name", "")
        last = cell.get("Last Name", "") or cell.get("Family Name", "")
        full = cell.get("Name", "") or " ".join(p for p in (first, cell.get("Middle Name", ""), last) if p)
        labels = cell.get("Labels", "") or cell.get("Group Membership", "")
        tags = [t.strip().lstrip("* ") for t in labels.split(":::") if t.strip() and "myContacts" not in t]
        rows.append(Row(n, {"full_name": full, "email": cell.get("E-mail 1 - Value", ""),
                            "phone": cell.get("Phone 1 - Value", ""),
                            "organisation": cell.get("Organization Name", "") or cell.get("Organization 1 - Name", ""),
                            "role": cell.get("Organization Title", "") or cell.get("Organization 1 - Title", ""),
                            "notes": cell.get("Notes", ""), "tags": tags}))
    return rows


def _vsplit(raw: str, separator: str | None = None) -> list[str]:
    """A vCard value unescaped (\\, \\; \\n), split on the separators that are not escaped."""
    parts, buffer, i = [], [], 0
    while i < len(raw):
        char = raw[i]
        if char == "\\" and i + 1 < len(raw):
            following = raw[i + 1]
            buffer.append("\n" if following in "nN" else following)
            i += 2
            continue
        if separator and char == separator:
            parts.append("".join(buffer))
            buffer = []
        else:
            buffer.append(char)
        i += 1
    parts.append("".join(buffer))
    return parts


def _vcards(text: str) -> list[dict[str, list[tuple[dict[str, Any], str]]]]:
    """Each card's properties as raw (params, value) pairs.

    vobject's own text handling splits TITLE, NOTE and FN at any unescaped comma and keeps the first
    part ("Director, Strategy" became "Director"), and Apple and Outlook do not escape commas; so only
    its line reading (unfolding, quoted-printable, charsets) is used, and values are read here.
    """
    cards: list[dict[str, list[tuple[dict[str, Any], str]]]] = []
    current: dict[str, list[tuple[dict[str, Any], str]]] | None = None
    for line, number in vobject.base.getLogicalLines(io.StringIO(text), allowQP=True):
        try:
            item = vobject.base.textLineToContentLine(line, number)
        except Exception:
            continue
        name, value = item.name.upper(), item.value if isinstance(item.value, str) else ""
        if name == "BEGIN" and value.upper() == "VCARD":
            current = {}
        elif name == "END" and value.upper() == "VCARD":
            if current is not None:
                cards.append(current)
            current = None
        elif current is not None:
            current.setdefault(name, []).append(({k.upper(): v for k, v in item.params.items()}, value))
    return cards


def _vfirst(card: dict[str, list[tuple[dict[str, Any], str]]], name: str) -> str:
    """The preferred (or first) value of a property, unescaped."""
    values = card.get(name, [])
    preferred = [v for p, v in values if "PREF" in p or any("PREF" in str(t).upper() for t in p.get("TYPE", []))]
    chosen = (preferred or [v for _, v in values] or [""])[0]
    return "".join(_vsplit(chosen)).strip()


def _vjoin(raw: str, separator: str, order: list[int] | None = None) -> str:
    """A structured value (ORG, N, ADR) as one readable line."""
    parts = [p.strip() for p in _vsplit(raw, separator)]
    picked = [parts[i] for i in order if i < len(parts)] if order else parts
    return ", ".join(p for p in picked if p)


def _vcard(text: str) -> list[Row]:
    rows = []
    for n, card in enumerate(_vcards(text), start=1):
        name = _vfirst(card, "FN")
        if not name and card.get("N"):  # family;given;additional;prefix;suffix
            parts = [p.strip() for p in _vsplit(card["N"][0][1], ";")] + [""] * 5
            name = " ".join(p for p in (parts[3], parts[1], parts[2], parts[0], parts[4]) if p)
        org = _vjoin(card["ORG"][0][1], ";") if card.get("ORG") else ""
        urls = ["".join(_vsplit(v)) for _, v in card.get("URL", []) if "linkedin.com" in v.lower()]
        address = _vjoin(card["ADR"][0][1], ";", order=[3, 4, 6]) if card.get("ADR") else ""
        tags = [t.strip() for _, v in card.get("CATEGORIES", []) for t in _vsplit(v, ",") if t.strip()]
        rows.append(Row(n, {"full_name": name, "email": _vfirst(card, "EMAIL"), "phone": _vfirst(card, "TEL"),
                            "organisation": org, "role": _vfirst(card, "TITLE"),
                            "linkedin_url": urls[0] if urls else "", "notes": _vfirst(card, "NOTE"),
                            "location": address, "tags": tags}))
    if not rows:
        raise ImportRefused("No contact cards were found in the vCard file. Export it again from your "
                            "address book.")
    return rows


def suggest_mapping(header: list[str]) -> dict[str, str]:
    """Rapport field → column, guessed from the column names (the user can change every choice)."""
    mapping = {}
    for column in header:
        key = column.strip().lower()
        for name, words in SYNONYMS.items():
            if key in words and name not in mapping:
                mapping[name] = column
                break
    return mapping


def _mapped(text: str, mapping: dict[str, str]) -> list[Row]:
    header, table = header_and_rows(text)
    missing = [c for c in mapping.values() if c and c not in header]
    if missing:
        raise ImportRefused(f"The mapping names columns this file does not have: {', '.join(missing)}")
    if not (mapping.get("full_name") or mapping.get("first_name")):
        raise ImportRefused("Map a column to Full name (or First name) so each row has a person.")
    rows = []
    for n, raw in table:
        cell = _cells(header, raw)
        values: dict[str, Any] = {f: _unneutralise(cell.get(c, "")) for f, c in mapping.items() if c}
        if isinstance(values.get("tags"), str):
            values["tags"] = [t for t in re.split(r"[;,]", values["tags"]) if t.strip()]
        rows.append(Row(n, values))
    return rows


def _unneutralise(value: str) -> str:
    """Undo the apostrophe Rapport's own CSV export puts before a formula-like cell."""
    return value[1:] if value[:2] in {"'=", "'+", "'-", "'@"} else value


# -- checking rows -------------------------------------------------------------------------------------

def _normalise(row: Row, source: str, today: date) -> dict[str, Any] | str:
    """A row as contact fields, or the reason it cannot be imported."""
    f = dict(row.fields)
    name = f.pop("full_name", "") or " ".join(p for p in (f.pop("first_name", ""), f.pop("last_name", "")) if p)
    f.pop("first_name", None), f.pop("last_name", None)
    for key, value in list(f.items()):
        if isinstance(value, str) and len(value) > MAX_FIELD:
            f[key] = value[:MAX_FIELD]
            row.notes.append(f"{FIELD_LABELS.get(key, key)} was cut to {MAX_FIELD:,} characters")
    if len(name) > 200:
        return "The name is longer than 200 characters"
    met = f.pop("first_met_on", "")
    met_on = None
    if isinstance(met, str) and met.strip():
        met_on = parse_date(met)
        if met_on is None:
            row.notes.append(f"'{met.strip()[:40]}' is not a date Rapport could read; first met left empty")
        elif met_on > today:
            row.notes.append("First met is in the future; left empty")
            met_on = None
    candidate = {"full_name": name, "email": f.get("email", ""), "phone": f.get("phone", ""),
                 "linkedin_url": f.get("linkedin_url", ""), "organisation": f.get("organisation", ""),
                 "role": f.get("role", ""), "location": f.get("location", ""), "notes": f.get("notes", ""),
                 "tags": f.get("tags", []) or [], "first_met_on": met_on, "source": source}
    quick = contacts.quick_validate(**candidate)
    if quick is not None:
        return quick
    try:
        checked = contacts.validate(**candidate)
    except Invalid as problem:
        return "; ".join(problem.problems.values())
    return checked.model_dump()


def _existing(db: Database) -> pd.DataFrame:
    return db.frame("SELECT c.id, c.full_name, lower(c.email) AS email, c.linkedin_url,"
                    " lower(coalesce(o.name, '')) AS organisation FROM contact c"
                    " LEFT JOIN organisation o ON o.id = c.organisation_id")


def preview(db: Database, data: bytes, name: str = "", format: str | None = None,
            mapping: dict[str, str] | None = None) -> Preview:
    """Read and check a file, and say what importing it would do. Writes nothing."""
    text = decode(data, name)
    found = format or detect(text)
    if found == "csv" and mapping is None:
        header, _ = header_and_rows(text)
        mapping = suggest_mapping(header)
    readers: dict[str, Callable[[], list[Row]]] = {
        "linkedin": lambda: _linkedin(text), "google": lambda: _google(text),
        "google_legacy": lambda: _google(text), "vcard": lambda: _vcard(text),
        "csv": lambda: _mapped(text, mapping or {})}
    if found not in readers:
        raise ImportRefused(f"Unknown format '{found}'; use linkedin, google, vcard or csv")
    rows = readers[found]()
    result = Preview(found, len(rows), [], [], [], [], mapping or {}, checked_against=db.version())
    known = _People.of_contacts(_existing(db))
    in_file, today = _People(), date.today()
    earlier: dict[int, Row] = {}
    unreadable = "\ufffd" in text  # decoding replaced something somewhere: find the rows
    for row in rows:
        fields = _normalise(row, SOURCE_BY_FORMAT[found], today)
        if isinstance(fields, str):
            result.invalid.append((row.number, fields))
            continue
        row.fields = fields
        if unreadable and any("\ufffd" in v for v in fields.values() if isinstance(v, str)):
            row.notes.append("Some characters could not be read and show as �; check this person's details")
        result.warnings += [(row.number, note) for note in row.notes]
        key = contacts.name_key(fields["full_name"]) if fields["organisation"] else ""
        match = known.match(fields, key)
        if match:
            result.duplicates.append((row, *match))
            continue
        same = in_file.match(fields, key)  # LinkedIn lists a removed and re-added connection twice
        if same:
            _merge_into(earlier[same[0]], row)
            result.duplicates.append((row, -same[0], f"{same[1]} as row {same[0]} of this file; merged into it"))
            continue
        in_file.add(fields, row.number, key)
        earlier[row.number] = row
        result.new.append(row)
    return result


class _People:
    """Who is already known, by the rules duplicates uses: email, LinkedIn profile, close name at one
    organisation. Ids are contact ids, or row numbers for rows of the same file."""

    def __init__(self) -> None:
        self.by_email: dict[str, int] = {}
        self.by_url: dict[str, int] = {}
        self.by_org: dict[str, tuple[list[str], list[int]]] = {}  # name keys and ids, side by side

    @classmethod
    def of_contacts(cls, existing: pd.DataFrame) -> _People:
        people = cls()
        for cid, full, email, url, org in zip(existing["id"], existing["full_name"], existing["email"],
                                              existing["linkedin_url"], existing["organisation"], strict=True):
            people.add({"full_name": full, "email": email or "", "linkedin_url": url or "",
                        "organisation": org or ""}, int(cid))
        return people

    def add(self, fields: dict[str, Any], ident: int, key: str | None = None) -> None:
        """Index one person; `key` is their name key when the caller has it already."""
        if fields["email"]:
            self.by_email.setdefault(fields["email"].lower(), ident)
        if fields["linkedin_url"]:
            self.by_url.setdefault(fields["linkedin_url"], ident)
        if fields["organisation"]:
            keys, ids = self.by_org.setdefault(fields["organisation"].lower(), ([], []))
            keys.append(contacts.name_key(fields["full_name"]) if key is None else key)
            ids.append(ident)

    def match(self, fields: dict[str, Any], key: str | None = None) -> tuple[int, str] | None:
        """Someone known this row is (probably) the same person as, and why."""
        if fields["email"] and fields["email"].lower() in self.by_email:
            return self.by_email[fields["email"].lower()], f"same email ({fields['email']})"
        if fields["linkedin_url"] and fields["linkedin_url"] in self.by_url:
            return self.by_url[fields["linkedin_url"]], "same LinkedIn profile"
        keys, ids = self.by_org.get(fields["organisation"].lower(), ((), ())) if fields["organisation"] else ((), ())
        if not keys:
            return None
        close = duplicates.closest_name(contacts.name_key(fields["full_name"]) if key is None else key, keys)
        return None if close is None else (ids[close], f"same name at {fields['organisation']}")


def _merge_into(kept: Row, other: Row) -> None:
    """Field by field: what the first row left empty, the later one fills; tags from both."""
    for key, value in other.fields.items():
        if key == "tags":
            kept.fields["tags"] = list(dict.fromkeys([*(kept.fields.get("tags") or []), *(value or [])]))
        elif value not in (None, "") and kept.fields.get(key) in (None, ""):
            kept.fields[key] = value


# -- committing and undoing ------------------------------------------------------------------------------

def commit(db: Database, result: Preview, file_name: str = "",
           progress: Callable[[float], None] | None = None) -> int:
    """Create the new contacts (duplicates are flagged, not created) in one transaction; returns the batch id.

    Who is new is decided again inside the transaction, which holds the file: another import (a second
    tab, a cron job) may have added the same people since the preview. `result` is updated to match.
    """
    now = clock.utcnow()
    with db.transaction() as con:
        if db.version() != result.checked_against:  # only when something was written since the preview
            _recheck(db, result)
        frame = pd.DataFrame([r.fields for r in result.new]) if result.new else pd.DataFrame(
            columns=["full_name", "organisation"])
        batch = batches.open_in(con, result.format, file_name, result.rows, len(result.new), now)
        if not frame.empty:
            _insert(con, frame, batch, now, progress)
    return batch


def _recheck(db: Database, result: Preview) -> None:
    """Move rows that someone added since the preview from `new` to `duplicates`."""
    known = _People.of_contacts(_existing(db))
    still_new = []
    for row in result.new:
        match = known.match(row.fields)
        if match:
            result.duplicates.append((row, *match))
        else:
            still_new.append(row)
    result.new = still_new


def _insert(con: Any, frame: pd.DataFrame, batch: int, now: datetime,
            progress: Callable[[float], None] | None) -> None:
    """Set-based: new organisations, then contacts in chunks (for the progress bar), then their tags."""
    frame = frame.assign(organisation=frame["organisation"].fillna("").map(lambda s: " ".join(str(s).split())))
    orgs = pd.DataFrame({"name": pd.Series(sorted({o for o in frame["organisation"] if o}, key=str.lower),
                                           dtype="object")})
    con.register("incoming_orgs", orgs)
    if len(orgs):
        con.execute("INSERT INTO organisation (name, created_at, updated_at, import_batch_id) "
                    "SELECT i.name, $now, $now, $batch FROM incoming_orgs i WHERE NOT EXISTS "
                    "(SELECT 1 FROM organisation o WHERE lower(o.name) = lower(i.name))",
                    {"now": now, "batch": batch})
    con.unregister("incoming_orgs")
    columns = ["full_name", "email", "phone", "linkedin_url", "organisation", "role", "location", "source",
               "notes", "first_met_on"]
    chunk = 2_000
    for start in range(0, len(frame), chunk):
        part = frame.iloc[start:start + chunk][columns].assign(position=range(start, min(start + chunk, len(frame))))
        con.register("incoming", part)
        con.execute(
            "INSERT INTO contact (full_name, email, phone, linkedin_url, organisation_id, role, location, source,"
            " notes, first_met_on, created_at, updated_at, import_batch_id) "
            "SELECT i.full_name, i.email, i.phone, i.linkedin_url,"
            " (SELECT min(o.id) FROM organisation o WHERE lower(o.name) = lower(i.organisation)),"
            " i.role, i.location, i.source, i.notes, CAST(i.first_met_on AS DATE), $now, $now, $batch"
            " FROM incoming i ORDER BY i.position", {"now": now, "batch": batch})
        con.unregister("incoming")
        if progress:
            progress(min(1.0, (start + chunk) / len(frame)))
    tags = [(n, t) for n, ts in enumerate(frame["tags"]) for t in (ts or [])]
    if tags:
        con.register("incoming_tags", pd.DataFrame(tags, columns=["position", "tag"]))
        con.execute(
            "INSERT INTO contact_tag SELECT DISTINCT c.id, t.tag FROM incoming_tags t JOIN "
            "(SELECT id, row_number() OVER (ORDER BY id) - 1 AS position FROM contact WHERE import_batch_id = $batch) c"
            " ON c.position = t.position", {"batch": batch})
        con.unregister("incoming_tags")


def undo_contacts(db: Database, batch: int) -> int:
    """Remove the contacts a contacts import created, and organisations nobody else uses now."""
    ids = [r["id"] for r in db.rows("SELECT id FROM contact WHERE import_batch_id = ?", [batch])]
    with db.transaction() as con:
        contacts.delete_many(db, ids)
        con.execute("DELETE FROM organisation WHERE import_batch_id = ? AND id NOT IN "
                    "(SELECT organisation_id FROM contact WHERE organisation_id IS NOT NULL)", [batch])
        batches.close_in(con, batch)
    return len(ids)


def save_mapping(db: Database, name: str, mapping: dict[str, str]) -> None:
    """Keep a column mapping under a name, to reuse for the next file from the same place."""
    if not name.strip():
        raise ImportRefused("Give the mapping a name")
    db.execute("INSERT INTO setting VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value,"
               " updated_at = excluded.updated_at", [f"import_mapping:{name.strip()}", json.dumps(mapping),
                                                     clock.utcnow()])


def mappings(db: Database) -> dict[str, dict[str, str]]:
    """Saved column mappings by name."""
    return {r["key"].split(":", 1)[1]: json.loads(r["value"]) for r in db.rows(
        "SELECT key, value FROM setting WHERE key LIKE 'import_mapping:%' ORDER BY key")}
