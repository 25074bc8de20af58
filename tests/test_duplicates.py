"""lib/duplicates.py: pairs with their reason, and merges that keep everything of both."""

from datetime import datetime, timedelta

import pytest

from lib import contacts, duplicates, followups, integrity, interactions, interviews, outreach
from lib.db import Database
from lib.validation import Invalid
from tests.conftest import table_contents


def test_pairs_are_found_by_email_linkedin_and_close_name_at_one_organisation(db: Database) -> None:
    a = contacts.create(db, full_name="Ana Okafor", email="ana@x.org")
    b = contacts.create(db, full_name="Ana O.", email="ANA@x.org")
    c = contacts.create(db, full_name="Bo Chen", linkedin_url="linkedin.com/in/bo")
    d = contacts.create(db, full_name="Robert Chen", linkedin_url="https://www.linkedin.com/in/bo/")
    e = contacts.create(db, full_name="Cy Patel", organisation="Ledgerly")
    f = contacts.create(db, full_name="Patel Cy", organisation="ledgerly")
    contacts.create(db, full_name="Cy Patel", organisation="Greenline")  # same name elsewhere: not flagged
    found = {(p["keep"], p["other"]): p["reason"] for p in duplicates.pairs(db)}
    assert found == {(a, b): "same email", (c, d): "same LinkedIn profile", (e, f): "close name at Ledgerly"}


def test_merging_keeps_every_related_row_of_both(db: Database) -> None:
    keep = contacts.create(db, full_name="Ana Okafor", tags=["mentor"])
    drop = contacts.create(db, full_name="Ana Okafor", email="ana@x.org", tags=["mentor", "ux"])
    introduced = contacts.create(db, full_name="Di", introduced_by_id=drop)
    interactions.log(db, keep, "call")
    interactions.log(db, drop, "meeting")
    outreach.log(db, drop, "email", datetime.now().date() - timedelta(days=1))
    meeting = interviews.schedule(db, drop, datetime.now() - timedelta(hours=3))
    interviews.complete(db, meeting, {"offers": ["Send notes"], "referrals": [{"full_name": "Ed"}]})
    before = {t: db.value(f"SELECT count(*) FROM {t}") for t in
              ("interaction", "outreach", "interview", "followup", "offer", "referral")}
    duplicates.merge(db, keep, drop, {"email": "other"})
    assert {t: db.value(f"SELECT count(*) FROM {t}") for t in before} == before
    assert db.value("SELECT count(*) FROM interaction WHERE contact_id = ?", [drop]) == 0
    merged = contacts.get(db, keep)
    assert merged["email"] == "ana@x.org" and merged["tag_list"] == ["mentor", "ux"]
    assert contacts.get(db, introduced)["introduced_by_id"] == keep
    assert interviews.get(db, meeting)["contact_id"] == keep
    assert all(r["contact_id"] != drop for r in followups.listing(db).to_dict("records"))
    assert integrity.problems(db) == []
    with pytest.raises(contacts.ContactNotFound):
        contacts.get(db, drop)


def test_a_contact_cannot_be_merged_into_itself(db: Database) -> None:
    ana = contacts.create(db, full_name="Ana")
    with pytest.raises(Invalid, match="two different contacts"):
        duplicates.merge(db, ana, ana)


def test_a_merge_killed_half_way_leaves_both_contacts_whole(demo_db: Database) -> None:
    from tests.conftest import run_killed

    before = table_contents(demo_db)
    run_killed(
        "import types\nfrom lib import duplicates\nfrom lib.db import Database\n"
        "duplicates.clock = types.SimpleNamespace(utcnow=die)  # called after the children have moved\n"
        f"duplicates.merge(Database({demo_db.path!r}), 1, 2)\n")
    assert table_contents(demo_db) == before
    assert integrity.problems(demo_db) == []
