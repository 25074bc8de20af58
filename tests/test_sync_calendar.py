"""The calendar over CalDAV (a real Radicale the test starts) and over a private calendar link (a local web
server): the meetings and planned interviews the user sees after a sync, and the sentence when it fails."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from lib import cli, contacts, interactions, profile
from lib.db import Database
from lib.io import calendars
from lib.sync import SyncFailed
from lib.sync import calendar as calendar_sync
from tests.fakes.calendars import CalendarLink, Radicale

NOW = datetime(2026, 11, 28, 0, 0)


def google(uid: str, start: str, end: str, title: str, guest: str) -> str:
    """An event as Google Calendar writes it (UTC times, a @google.com UID, the guest as an ATTENDEE)."""
    return ("BEGIN:VCALENDAR\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\nVERSION:2.0\r\n"
            f"BEGIN:VEVENT\r\nDTSTART:{start}\r\nDTEND:{end}\r\nDTSTAMP:20261101T000000Z\r\n"
            f"ORGANIZER;CN=Sam Rivera:mailto:sam@example.com\r\nUID:{uid}@google.com\r\n"
            f"ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN={guest}:mailto:{guest}\r\n"
            f"SUMMARY:{title}\r\nSTATUS:CONFIRMED\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")


def outlook(uid: str, start: str, end: str, title: str, guest: str) -> str:
    """An event as Outlook writes it (a Windows time zone name with its VTIMEZONE, a long hex UID)."""
    return ("BEGIN:VCALENDAR\r\nMETHOD:PUBLISH\r\nPRODID:Microsoft Exchange Server 2010\r\nVERSION:2.0\r\n"
            "BEGIN:VTIMEZONE\r\nTZID:AUS Eastern Standard Time\r\nBEGIN:STANDARD\r\nDTSTART:16010101T030000\r\n"
            "TZOFFSETFROM:+1100\r\nTZOFFSETTO:+1000\r\nRRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=1SU;BYMONTH=4\r\n"
            "END:STANDARD\r\nBEGIN:DAYLIGHT\r\nDTSTART:16010101T020000\r\nTZOFFSETFROM:+1000\r\n"
            "TZOFFSETTO:+1100\r\nRRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=1SU;BYMONTH=10\r\nEND:DAYLIGHT\r\n"
            f"END:VTIMEZONE\r\nBEGIN:VEVENT\r\nUID:{uid}\r\nSUMMARY:{title}\r\n"
            f"DTSTART;TZID=AUS Eastern Standard Time:{start}\r\nDTEND;TZID=AUS Eastern Standard Time:{end}\r\n"
            f"ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN={guest}:mailto:{guest}\r\n"
            "LOCATION:Microsoft Teams Meeting\r\nDTSTAMP:20261101T000000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")


PAST = google("coffee-ana", "20261120T220000Z", "20261120T230000Z", "Coffee with Ana", "ana@ledgerly.example")
FUTURE = outlook("040000008200E00074C5B7101A82E00800000000BO", "20261203T100000", "20261203T103000",
                 "Chat about Greenline", "bo@greenline.example")
MOVED = outlook("040000008200E00074C5B7101A82E00800000000BO", "20261204T140000", "20261204T143000",
                "Chat about Greenline", "bo@greenline.example")

CANCELLED = MOVED.replace("SUMMARY:Chat about Greenline", "SUMMARY:Canceled: Chat about Greenline\r\nSTATUS:CANCELLED")


@pytest.fixture
def sam(db: Database) -> dict:
    profile.save(db, name="Sam Rivera", email="sam@example.com", time_zone="Australia/Sydney")
    ana = contacts.create(db, full_name="Ana Okafor", email="ana@ledgerly.example")
    bo = contacts.create(db, full_name="Bo Chen", email="bo@greenline.example")
    return {"db": db, "ana": ana, "bo": bo}


@pytest.fixture
def radicale(tmp_path):
    with Radicale(tmp_path, {"sam": "app-password", "alex": "other-password"}) as server:
        server.put("sam", "Work", PAST, FUTURE)
        server.calendar("alex", "Private")
        yield server


def caldav_settings(server: Radicale, **changes) -> dict:
    return {"url": server.url, "username": "sam", "password": "app-password", "calendars": ["Work"]} | changes


def planned(db: Database, contact: int) -> list[datetime]:
    return [row["scheduled_at"] for row in db.rows(
        "SELECT scheduled_at FROM interview WHERE contact_id = ? AND status = 'planned'", [contact])]


def test_caldav_first_sync_logs_the_past_meeting_and_plans_the_future_one(sam, radicale):
    db = sam["db"]
    summary = calendar_sync.sync(db, caldav_settings(radicale), now=NOW)
    assert (summary["items"], summary["interactions"], summary["interviews"]) == (2, 1, 1)
    assert [r["note"] for r in interactions.timeline(db, sam["ana"])] == ["Coffee with Ana (from your calendar)"]
    assert planned(db, sam["bo"]) == [datetime(2026, 12, 2, 23, 0)]  # 10:00 in Sydney, daylight time


def test_caldav_second_sync_reads_nothing_and_a_moved_event_moves_the_interview(sam, radicale):
    db = sam["db"]
    calendar_sync.sync(db, caldav_settings(radicale), now=NOW)
    again = calendar_sync.sync(db, caldav_settings(radicale), now=NOW)
    assert (again["items"], again["batch"], again["notes"]) == (0, None, ["Work: nothing changed since the last sync"])
    radicale.put("sam", "Work", MOVED)
    moved = calendar_sync.sync(db, caldav_settings(radicale), now=NOW)
    assert (moved["updated"], moved["interviews"], moved["interactions"]) == (1, 0, 0)
    assert planned(db, sam["bo"]) == [datetime(2026, 12, 4, 3, 0)]


def test_an_event_cancelled_in_the_calendar_cancels_its_planned_interview(sam, radicale):
    db = sam["db"]
    calendar_sync.sync(db, caldav_settings(radicale), now=NOW)
    radicale.put("sam", "Work", CANCELLED)
    summary = calendar_sync.sync(db, caldav_settings(radicale), now=NOW)
    assert summary["cancelled"] == 1 and planned(db, sam["bo"]) == []
    assert db.value("SELECT status_reason FROM interview WHERE contact_id = ?", [sam["bo"]]) == (
        "Cancelled in your calendar")
    assert calendar_sync.sync(db, caldav_settings(radicale), now=NOW)["cancelled"] == 0


def test_an_export_imported_first_is_not_logged_twice_by_sync(sam, radicale):
    db = sam["db"]
    calendars.commit(db, calendars.preview(db, PAST.encode(), "basic.ics", now=NOW))
    summary = calendar_sync.sync(db, caldav_settings(radicale), now=NOW)
    assert (summary["unchanged"], summary["interactions"], summary["interviews"]) == (1, 0, 1)


def test_a_wrong_caldav_password_is_a_401_sentence(sam, radicale):
    with pytest.raises(SyncFailed, match=r"refused the user name or password \(401\)"):
        calendar_sync.sync(sam["db"], caldav_settings(radicale, password="wrong"), now=NOW)


def test_another_users_calendar_is_a_403_sentence(sam, radicale):
    with pytest.raises(SyncFailed, match=r"does not let this account read that calendar \(403\)"):
        calendar_sync.sync(sam["db"], caldav_settings(radicale, url=radicale.url + "alex/"), now=NOW)


def test_a_calendar_that_is_not_there_is_named_with_the_ones_that_are(sam, radicale):
    with pytest.raises(SyncFailed, match="No calendar called Gone .*there are: Work"):
        calendar_sync.sync(sam["db"], caldav_settings(radicale, calendars=["Gone"]), now=NOW)
    assert sam["db"].value("SELECT count(*) FROM calendar_sync_cursor") == 0


def test_a_private_link_is_read_like_the_file_then_answers_304_and_a_move_is_followed(sam):
    db = sam["db"]
    with CalendarLink(calendar_sync.as_export([PAST, FUTURE])) as link:
        first = calendar_sync.sync(db, {"ics_url": link.url}, now=NOW)
        assert (first["interactions"], first["interviews"]) == (1, 1)
        second = calendar_sync.sync(db, {"ics_url": link.url}, now=NOW)
        assert (second["items"], second["batch"]) == (0, None)
        link.body = calendar_sync.as_export([PAST, MOVED])
        third = calendar_sync.sync(db, {"ics_url": link.url}, now=NOW)
    assert (third["updated"], third["unchanged"]) == (1, 1)
    assert planned(db, sam["bo"]) == [datetime(2026, 12, 4, 3, 0)]
    secret = "private-7f3a9c"
    assert secret not in json.dumps(first) and not db.value(
        "SELECT count(*) FROM calendar_sync_cursor WHERE account LIKE ?", [f"%{secret}%"])


@pytest.mark.parametrize(("status", "sentence"), [
    (404, r"no calendar at http://127.0.0.1:\d+ any more \(404\): copy the address again"),
    (403, r"does not let this account read that calendar \(403\)"),
])
def test_a_private_link_that_is_refused_says_what_to_do_and_keeps_the_secret(sam, status, sentence):
    with CalendarLink(b"") as link:
        link.status = status
        with pytest.raises(SyncFailed, match=sentence) as failure:
            calendar_sync.sync(sam["db"], {"ics_url": link.url}, now=NOW)
    assert "private-7f3a9c" not in str(failure.value)


def test_cli_sync_calendar_json_and_the_password_is_found_nowhere(sam, radicale, tmp_path, capsys):
    db = sam["db"]
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(f'[sync.calendar]\nurl = "{radicale.url}"\nusername = "sam"\npassword = "app-password"\n')
    assert cli.main(["sync", "--db", str(db.path), "--secrets", str(secrets), "--calendar", "--json"]) == 0
    out = capsys.readouterr()
    report = json.loads(out.out)["calendar"]
    assert {k: report[k] for k in ("items", "matched", "interactions", "interviews", "thank_yous", "replies",
                                   "unchanged", "unmatched", "skipped", "invalid")} == {
        "items": 2, "matched": 2, "interactions": 1, "interviews": 1, "thank_yous": 0, "replies": 0,
        "unchanged": 0, "unmatched": 0, "skipped": [], "invalid": []}
    assert "app-password" not in out.out + out.err
    for path in (tmp_path / "rapport.duckdb", tmp_path / "rapport.duckdb.wal"):
        assert not path.exists() or b"app-password" not in path.read_bytes()
