"""lib/io/exports.py: CSV that Excel opens safely, vCards that parse back, JSON of everything."""

from __future__ import annotations

import csv
import io
import json

import vobject

from lib import contacts
from lib.db import Database, available_migrations
from lib.io import exports


def test_csv_starts_with_a_bom_and_neutralises_formulas(db: Database) -> None:
    contacts.create(db, full_name="Ana Okafor", phone="+44 20 7946 0000", notes="=HYPERLINK(\"http://x\")",
                    role="-", tags=["@mentor", "ux"])
    data = exports.contacts_csv(db)
    assert data.startswith(b"\xef\xbb\xbf")
    row = next(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert row["notes"] == "'=HYPERLINK(\"http://x\")"
    assert row["phone"] == "'+44 20 7946 0000" and row["role"] == "'-"
    assert row["tags"] == "'@mentor; ux"
    assert row["name"] == "Ana Okafor"


def test_every_contact_is_exported_including_the_archived(demo_db: Database) -> None:
    rows = list(csv.DictReader(io.StringIO(exports.contacts_csv(demo_db).decode("utf-8-sig"))))
    assert len(rows) == 80 and sum(r["archived"] == "yes" for r in rows) == 3
    referred = [r for r in rows if r["source"] == "referral"]
    assert all(r["introduced_by"] for r in referred)


def test_vcards_parse_back_with_their_fields(db: Database) -> None:
    contacts.create(db, full_name="Ana Okafor", email="ana@ledgerly.example", organisation="Ledgerly",
                    role="UX Researcher", linkedin_url="linkedin.com/in/ana", tags=["mentor"],
                    rapport_notes="Runs the UX meetup")
    card = next(vobject.readComponents(exports.contacts_vcard(db).decode()))
    assert card.fn.value == "Ana Okafor" and card.n.value.family == "Okafor"
    assert card.email.value == "ana@ledgerly.example" and card.org.value == ["Ledgerly"]
    assert card.title.value == "UX Researcher" and card.url.value == "https://www.linkedin.com/in/ana"
    assert card.categories.value == ["mentor"] and card.note.value == "Runs the UX meetup"


def test_the_json_export_holds_every_table(demo_db: Database) -> None:
    document = json.loads(exports.everything_json(demo_db))
    assert len(document["tables"]["contact"]) == 80
    assert {"interview", "followup", "message", "debrief", "advice"} <= set(document["tables"])
    assert document["migrations"] == available_migrations()


def test_every_dashboard_csv_neutralises_formulas(demo_db) -> None:
    import pandas as pd

    from lib import metrics

    hostile = pd.DataFrame({"organisation": ["=HYPERLINK(\"http://x\",\"y\")", "+1", "-2+3", "@SUM(A1)", "Plain"],
                            "contacts": [1, 2, 3, 4, 5]})
    frames = [hostile, metrics.coverage(demo_db), metrics.referral_tree(demo_db)]
    for frame in frames:
        cells = [c for row in csv.reader(io.StringIO(exports.frame_csv(frame).decode("utf-8-sig"))) for c in row]
        assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")], cells[:10]
    first = next(iter(csv.reader(io.StringIO(exports.frame_csv(hostile).decode("utf-8-sig").splitlines()[1]))))
    assert first[0] == "'=HYPERLINK(\"http://x\",\"y\")"
