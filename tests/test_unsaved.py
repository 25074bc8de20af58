"""lib/unsaved.py: text typed but not saved waits in the database until it is saved or discarded."""

from lib import contacts, integrity, interviews, unsaved
from lib.clock import utcnow
from lib.db import Database


def test_typed_fields_are_kept_per_editor_and_an_emptied_field_is_forgotten(db: Database) -> None:
    unsaved.keep(db, "debrief:1", "realities", "Twelve-hour shifts, mostly triage")
    unsaved.keep(db, "debrief:1", "advice", "Shadow a data team")
    unsaved.keep(db, "debrief:1", "advice", "Shadow a clinical informatics team")  # typed again: replaced
    unsaved.keep(db, "debrief:2", "realities", "Another meeting")
    unsaved.keep(db, "debrief:1", "loves", "   ")
    assert unsaved.of(db, "debrief:1") == {"advice": "Shadow a clinical informatics team",
                                           "realities": "Twelve-hour shifts, mostly triage"}
    assert unsaved.since(db, "debrief:1") <= utcnow()
    unsaved.keep(db, "debrief:1", "advice", "")
    assert list(unsaved.of(db, "debrief:1")) == ["realities"]


def test_forgetting_an_editor_leaves_the_others(db: Database) -> None:
    unsaved.keep(db, "message:1", "body", "Dear Ana")
    unsaved.keep(db, "debrief:1", "realities", "Triage")
    unsaved.forget(db, "message:1")
    assert unsaved.of(db, "message:1") == {} and unsaved.since(db, "message:1") is None
    assert unsaved.of(db, "debrief:1") == {"realities": "Triage"}


def test_deleting_the_contact_takes_their_unsaved_text_with_them(db: Database) -> None:
    ana = contacts.create(db, full_name="Ana Okafor")
    meeting = interviews.schedule(db, ana, utcnow())
    unsaved.keep(db, f"debrief:{meeting}", "realities", "Triage", interview_id=meeting)
    unsaved.keep(db, f"message:{meeting}", "body", "Dear Ana", interview_id=meeting, contact_id=ana)
    contacts.delete(db, ana)
    assert db.value("SELECT count(*) FROM unsaved_text") == 0
    assert integrity.problems(db) == []
