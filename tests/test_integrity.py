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


# -- one graph of links: no table forgotten -------------------------------------------------------------

def _pointing_columns(db: Database) -> set[tuple[str, str]]:
    """Every integer column named like a link (`…_id`) in the schema as migrated."""
    return {(r["table_name"], r["column_name"]) for r in db.rows(
        "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'main' "
        "AND column_name LIKE '%\\_id' ESCAPE '\\' AND data_type IN ('BIGINT', 'INTEGER')")}


def test_every_column_that_points_at_another_table_is_in_the_graph(db: Database) -> None:
    graph = {(link.child, link.column) for link in integrity.LINKS}
    assert _pointing_columns(db) - graph == set(), "a new link must join lib/integrity.LINKS"
    assert graph - _pointing_columns(db) == set(), "the graph names a column the schema does not have"


def test_the_schema_test_fails_for_a_table_added_without_joining_the_graph(db: Database) -> None:
    db.execute("CREATE TABLE nudge_log (id BIGINT, followup_id BIGINT)")
    graph = {(link.child, link.column) for link in integrity.LINKS}
    assert _pointing_columns(db) - graph == {("nudge_log", "followup_id")}


def _with_everything(db: Database) -> dict[str, int]:
    """A contact with a row in every table that can point at one: an import of a calendar and of mail too, a
    live sync's record of it, and a message typed but not yet saved."""
    import io
    from datetime import datetime

    from lib import interviews, profile, unsaved
    from lib.io import calendars, mailboxes
    from lib.sync import cursors
    from tests.test_io_mailboxes import message

    profile.save(db, name="Sam Rivera", email="sam@example.com", time_zone="UTC")
    ana = contacts.create(db, full_name="Ana Okafor", email="ana@ledgerly.example", tags=["mentor"])
    meeting = interviews.schedule(db, ana, datetime(2026, 11, 2, 9, 0))
    event = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//EN\r\nBEGIN:VEVENT\r\nUID:coffee@x\r\n"
             b"DTSTART:20261110T090000Z\r\nSUMMARY:Coffee\r\nATTENDEE:mailto:ana@ledgerly.example\r\n"
             b"END:VEVENT\r\nEND:VCALENDAR\r\n")
    calendars.commit(db, calendars.preview(db, event, now=datetime(2026, 12, 1)))
    mail = message(1, "sam@example.com", "ana@ledgerly.example", "Wed, 11 Nov 2026 09:00:00 +0000", "Hello")
    batch = mailboxes.commit(db, mailboxes.preview(db, io.BytesIO(mail.encode()), "All mail.mbox",
                                                   now=datetime(2026, 12, 1)))
    cursors.record(db, "mail", {"items": 1}, batch)  # as a live sync records what it committed
    unsaved.keep(db, f"message:{meeting}", "body", "Dear Ana", interview_id=meeting, contact_id=ana)
    return {"ana": ana, "meeting": meeting, "event": event, "mail": mail}


def test_deleting_a_contact_takes_their_remembered_calendar_events_and_mail_too(db: Database) -> None:
    made = _with_everything(db)
    assert db.value("SELECT count(*) FROM calendar_event") == 1 and db.value("SELECT count(*) FROM mail_message") == 1
    contacts.delete(db, made["ana"])
    assert db.value("SELECT count(*) FROM calendar_event") == 0  # no subjects and dates of theirs left behind
    assert db.value("SELECT count(*) FROM mail_message") == 0
    assert integrity.problems(db) == []


def test_a_merge_moves_remembered_events_and_mail_so_importing_again_logs_nothing_twice(db: Database) -> None:
    import io
    from datetime import datetime

    from lib import duplicates
    from lib.io import calendars, mailboxes

    made = _with_everything(db)
    keep = contacts.create(db, full_name="Ana Okafor-Smith", email="ana.smith@elsewhere.example")
    duplicates.merge(db, keep, made["ana"], take={"email": "other"})  # the merged contact keeps Ana's address
    assert db.value("SELECT DISTINCT contact_id FROM calendar_event") == keep
    assert db.value("SELECT DISTINCT contact_id FROM mail_message") == keep
    before = db.value("SELECT count(*) FROM interaction")
    again = calendars.preview(db, made["event"], now=datetime(2026, 12, 1))
    assert [a.what for a in again.actions] == ["unchanged"] and calendars.commit(db, again) is None
    mail = mailboxes.preview(db, io.BytesIO(made["mail"].encode()), "All mail.mbox", now=datetime(2026, 12, 1))
    assert [a.what for a in mail.actions] == ["unchanged"] and mailboxes.commit(db, mail) is None
    assert db.value("SELECT count(*) FROM interaction") == before and integrity.problems(db) == []


def test_a_dangling_row_in_any_linked_table_is_named(demo_db: Database) -> None:
    _with_everything(demo_db)  # the demo, plus a remembered calendar event and message
    for link in integrity.LINKS:  # one row of each link's table made to point at nobody
        assert demo_db.value(f"SELECT count(*) FROM {link.child}"), f"no {link.child} row to plant in"
        demo_db.execute(f"UPDATE {link.child} SET {link.column} = 987654 WHERE rowid = "
                        f"(SELECT min(rowid) FROM {link.child})")
    named = " ".join(integrity.problems(demo_db))
    for link in integrity.LINKS:
        assert f"{link.child} row(s) point at a missing {link.parent} via {link.column}" in named, link
