"""lib/integrity.py: every link stays whole through the destructive operations."""

from lib import contacts, integrity, interactions, organisations
from lib.db import Database


def test_a_whole_database_reports_no_problems(demo_db: Database) -> None:
    assert integrity.problems(demo_db) == []


def test_a_dangling_link_is_reported_in_words(db: Database) -> None:
    db.execute("INSERT INTO contact_tag VALUES (42, 'ghost')")
    assert integrity.problems(db) == ["1 contact_tag row(s) point at a missing contact via contact_id"]


def test_deleting_contacts_and_organisations_of_the_demo_leaves_no_dangling_link(demo_db: Database) -> None:
    introducers = demo_db.rows("SELECT DISTINCT introduced_by_id AS id FROM contact "
                               "WHERE introduced_by_id IS NOT NULL LIMIT 5")
    for row in introducers:
        contacts.delete(demo_db, row["id"])
    for org in demo_db.rows("SELECT id FROM organisation LIMIT 3"):
        organisations.delete(demo_db, org["id"])
    assert integrity.problems(demo_db) == []


def test_deleting_a_contact_removes_tags_and_timeline_but_keeps_people_they_introduced(db: Database) -> None:
    ana = contacts.create(db, full_name="Ana", tags=["mentor"])
    bo = contacts.create(db, full_name="Bo", introduced_by_id=ana, source="referral")
    interactions.log(db, ana, "meeting")
    contacts.delete(db, ana)
    assert db.value("SELECT count(*) FROM contact_tag") == 0
    assert db.value("SELECT count(*) FROM interaction") == 0
    assert contacts.get(db, bo)["introduced_by_id"] is None
    assert integrity.problems(db) == []


def test_deleting_an_interviewed_contact_removes_their_whole_story_and_nothing_else(demo_db: Database) -> None:
    person = demo_db.value("SELECT contact_id FROM interview i WHERE EXISTS "
                           "(SELECT 1 FROM referral r WHERE r.interview_id = i.id) LIMIT 1")
    others = demo_db.value("SELECT count(*) FROM interview WHERE contact_id <> ?", [person])
    contacts.delete(demo_db, person)
    assert integrity.problems(demo_db) == []
    assert demo_db.value("SELECT count(*) FROM interview") == others
    assert demo_db.value("SELECT count(*) FROM followup WHERE contact_id = ?", [person]) == 0
