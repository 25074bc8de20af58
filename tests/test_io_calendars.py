"""Calendar exports as Google Calendar, Outlook and Apple Calendar write them, logged as meetings and interviews."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from lib import contacts, interactions, interviews, profile
from lib.db import Database
from lib.io import batches, calendars, undo
from lib.io.imports import ImportRefused

FILES = Path(__file__).parent / "fixtures" / "calendars"
NOW = datetime(2026, 11, 20, 0, 0)  # naive UTC, as stored: 20 Nov 2026, 11:00 in Sydney


@pytest.fixture
def sam(db: Database) -> Database:
    profile.save(db, name="Sam Rivera", email="Sam.Rivera@example.com", time_zone="Australia/Sydney")
    return db


def people(db: Database) -> dict[str, int]:
    return {"ana": contacts.create(db, full_name="Ana Okafor", email="ana.okafor@ledgerly.example"),
            "bo": contacts.create(db, full_name="Bo Chen", email="bo.chen@greenline.example"),
            "lena": contacts.create(db, full_name="Lena Fischer")}


def read(name: str) -> bytes:
    return (FILES / name).read_bytes()


def test_a_google_export_logs_the_past_meeting_plans_the_future_one_and_skips_the_rest(sam) -> None:
    who = people(sam)
    result = calendars.preview(sam, read("google.ics"), "google.ics", now=NOW)
    summary = result.summary()
    assert (summary["interactions"], summary["interviews"]) == (2, 1)  # Ana's coffee, Lena's meetup; Bo's interview
    # The weekly stand-up has no end: what lies beyond the window is counted, with the reason, not dropped.
    assert sorted(summary["skipped"], key=str) == [{"item": "Lunch with Ana (cancelled)", "reason": "cancelled"},
                                                   {"item": "Staff stand-up", "reason": calendars.WINDOW_REASON}]
    # The weekly stand-up has no contact; it is expanded only up to six months ahead, not for ever.
    mondays = [date(2025, 1, 6) + timedelta(weeks=n) for n in range(200)]
    assert summary["unmatched"] == len([d for d in mondays if d <= (NOW + calendars.FUTURE_WINDOW).date()])
    calendars.commit(sam, result, "google.ics")

    coffee = interactions.timeline(sam, who["ana"])[0]
    assert coffee["kind"] == "meeting" and coffee["note"] == "Coffee chat: research at Ledgerly (from your calendar)"
    # 09:30 in Sydney on 4 Oct 2026, the day clocks go forward at 02:00 (UTC+11 by then): 22:30 UTC the day before
    assert coffee["occurred_at"] == datetime(2026, 10, 3, 22, 30)
    planned = interviews.listing(sam)
    assert list(planned["contact"]) == ["Bo Chen"]
    bo = interviews.get(sam, int(planned["id"].iloc[0]))
    assert (bo["scheduled_at"], bo["duration_minutes"], bo["mode"]) == (datetime(2026, 12, 10, 3, 0), 45, "video")
    meetup = interactions.timeline(sam, who["lena"])[0]  # an all-day event, matched by the name in its title
    assert meetup["occurred_at"] == datetime(2026, 11, 3, 1, 0)  # noon that day in Sydney


def test_importing_the_same_export_again_creates_nothing(sam) -> None:
    people(sam)
    calendars.commit(sam, calendars.preview(sam, read("google.ics"), now=NOW))
    before = (sam.value("SELECT count(*) FROM interaction"), sam.value("SELECT count(*) FROM interview"))
    again = calendars.preview(sam, read("google.ics"), now=NOW)
    assert again.summary()["interactions"] == 0 and again.summary()["interviews"] == 0
    assert calendars.commit(sam, again) is None
    assert (sam.value("SELECT count(*) FROM interaction"), sam.value("SELECT count(*) FROM interview")) == before


def test_a_moved_event_moves_its_interview_on_the_next_import(sam) -> None:
    people(sam)
    calendars.commit(sam, calendars.preview(sam, read("google.ics"), now=NOW))
    moved = read("google.ics").replace(b"20261210T14", b"20261211T15")  # an hour later, the next day
    result = calendars.preview(sam, moved, now=NOW)
    assert result.summary()["updated"] == 1
    calendars.commit(sam, result)
    assert interviews.listing(sam)["scheduled_at"].iloc[0] == datetime(2026, 12, 11, 4, 0)
    assert sam.value("SELECT count(*) FROM interview") == 1


def test_an_outlook_export_with_a_windows_zone_name_lands_at_the_right_time(sam) -> None:
    who = people(sam)
    calendars.commit(sam, calendars.preview(sam, read("outlook.ics"), now=NOW + timedelta(days=10)))
    catch_up = interactions.timeline(sam, who["ana"])[0]
    assert catch_up["occurred_at"] == datetime(2026, 11, 23, 21, 0)  # 08:00 AEDT on 24 Nov


def test_an_apple_floating_time_is_read_in_the_profiles_zone(sam) -> None:
    who = people(sam)
    result = calendars.preview(sam, read("apple.ics"), now=NOW)
    calendars.commit(sam, result)
    coffee = interactions.timeline(sam, who["lena"])[0]
    assert coffee["occurred_at"] == datetime(2026, 11, 12, 5, 0)  # 16:00 in Sydney


def test_a_future_event_on_the_day_of_a_planned_interview_attaches_to_it(sam) -> None:
    who = people(sam)
    mine = interviews.schedule(sam, who["bo"], datetime(2026, 12, 9, 22, 0), place="Cafe")  # 10 Dec, 09:00 Sydney
    result = calendars.preview(sam, read("google.ics"), now=NOW)
    assert [a.what for a in result.actions if a.contact_id == who["bo"]] == ["attach"]
    batch = calendars.commit(sam, result)
    meeting = interviews.get(sam, mine)
    assert meeting["scheduled_at"] == datetime(2026, 12, 10, 3, 0)
    assert sam.value("SELECT count(*) FROM interview") == 1
    undo.undo(sam, batch)  # the Settings button and the CLI undo any import the same way
    assert interviews.get(sam, mine)["scheduled_at"] == datetime(2026, 12, 9, 22, 0)


def test_undo_removes_what_the_import_logged(sam) -> None:
    who = people(sam)
    batch = calendars.commit(sam, calendars.preview(sam, read("google.ics"), now=NOW))
    assert batches.last(sam)["format"] == "ics"
    undo.undo(sam, batch)
    assert interactions.timeline(sam, who["ana"]) == [] and interviews.listing(sam).empty
    assert calendars.preview(sam, read("google.ics"), now=NOW).summary()["interactions"] == 2  # importable again


def test_my_own_address_is_never_a_contact(sam) -> None:
    contacts.create(sam, full_name="Sam Rivera", email="sam.rivera@example.com")
    result = calendars.preview(sam, read("google.ics"), now=NOW)
    assert all(a.contact != "Sam Rivera" for a in result.actions)


@pytest.mark.parametrize(("data", "says"), [
    (b"Name,Email\nAna,ana@x.example\n", "is not a calendar"),
    (b"", "is not a calendar"),
    (b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:No end\r\n", "damaged calendar"),
])
def test_a_file_that_is_not_a_calendar_says_so_and_writes_nothing(sam, data: bytes, says: str) -> None:
    with pytest.raises(ImportRefused, match=says):
        calendars.preview(sam, data, "export.ics", now=NOW)
    assert sam.value("SELECT count(*) FROM import_batch") == 0


def test_an_event_with_no_start_is_listed_as_invalid(sam) -> None:
    people(sam)
    data = read("apple.ics").replace(b"DTSTART:20261112T160000\r\n", b"")
    result = calendars.preview(sam, data, now=NOW)
    assert result.summary()["invalid"] == [{"item": "Coffee with Lena Fischer", "reason": "the event has no start"}]


def test_how_a_meeting_is_held_comes_from_its_place() -> None:
    assert calendars.mode_of("https://meet.google.com/abc") == "video"
    assert calendars.mode_of("Microsoft Teams Meeting") == "video"
    assert calendars.mode_of("+61 2 9999 0000") == "phone"
    assert calendars.mode_of("Single O, Surry Hills") == "in_person"


def test_any_bytes_give_a_preview_or_one_sentence(sam) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    people(sam)

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(st.binary(max_size=300), st.sampled_from([b"", b"BEGIN:VCALENDAR\r\n", read("apple.ics")[:200]]))
    def check(junk: bytes, head: bytes) -> None:
        try:
            calendars.preview(sam, head + junk, "junk.ics", now=NOW)
        except ImportRefused as refused:
            assert str(refused).endswith(".")

    check()


def test_utc_times_and_a_weekly_series_with_a_contact_each_occurrence_once(sam) -> None:
    who = people(sam)
    data = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Example//EN\r\nBEGIN:VEVENT\r\nUID:weekly-ana@x\r\n"
            b"DTSTART:20261102T230000Z\r\nDTEND:20261102T233000Z\r\nRRULE:FREQ=WEEKLY;COUNT=4\r\n"
            b"SUMMARY:Mentoring\r\nATTENDEE:mailto:ana.okafor@ledgerly.example\r\nEND:VEVENT\r\n"
            b"BEGIN:VEVENT\r\nUID:weekly-ana@x\r\nRECURRENCE-ID:20261109T230000Z\r\nDTSTART:20261110T010000Z\r\n"
            b"DTEND:20261110T013000Z\r\nSUMMARY:Mentoring (moved)\r\nATTENDEE:mailto:ana.okafor@ledgerly.example\r\n"
            b"END:VEVENT\r\nEND:VCALENDAR\r\n")
    result = calendars.preview(sam, data, now=NOW)
    # three weeks past (one moved), the fourth (24 Nov, after NOW) planned as an interview
    assert (result.summary()["interactions"], result.summary()["interviews"]) == (3, 1)
    calendars.commit(sam, result)
    times = sorted(e["occurred_at"] for e in interactions.timeline(sam, who["ana"]))
    assert times == [datetime(2026, 11, 2, 23, 0), datetime(2026, 11, 10, 1, 0), datetime(2026, 11, 16, 23, 0)]
    again = calendars.preview(sam, data, now=NOW)
    assert {a.what for a in again.actions} == {"unchanged"}


# -- calendars from strangers (the second security probe) and events the window must not drop ----------

def ics(*events: str) -> bytes:
    body = "".join(f"BEGIN:VEVENT\r\n{e}END:VEVENT\r\n" for e in events)
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Example//EN\r\n{body}END:VCALENDAR\r\n".encode()


@pytest.mark.parametrize("rule", ["FREQ=MINUTELY", "FREQ=SECONDLY", "FREQ=HOURLY;INTERVAL=1",
                                  "FREQ=DAILY;BYHOUR=0,1,2,3,4,5,6,7;BYMINUTE=0,15,30,45"])
def test_a_series_repeating_more_often_than_daily_is_skipped_without_expanding_it(sam, rule: str) -> None:
    bomb = ics(f"UID:b@x\r\nDTSTART:20260101T000000Z\r\nRRULE:{rule}\r\nSUMMARY:x\r\n")
    assert len(bomb) < 300  # the probe's file was 223 bytes and took 3.4 GB to preview
    result = calendars.preview(sam, bomb, "x.ics", now=NOW)
    assert result.summary()["skipped"] == [{"item": "x", "reason": "repeats more often than daily"}]
    assert result.summary()["unmatched"] == 0


def test_a_series_and_a_file_stop_at_their_caps_and_say_so(sam, monkeypatch) -> None:
    monkeypatch.setattr(calendars, "MAX_PER_SERIES", 40)
    monkeypatch.setattr(calendars, "MAX_PER_FILE", 100)
    daily = [f"UID:d{n}@x\r\nDTSTART:20260101T090000Z\r\nRRULE:FREQ=DAILY;COUNT=300\r\nSUMMARY:Daily {n}\r\n"
             for n in range(4)]
    result = calendars.preview(sam, ics(*daily), "x.ics", now=NOW)
    reasons = [s["reason"] for s in result.skipped]
    assert reasons.count("only the first 40 occurrences of a repeating event are read") == 2
    assert reasons.count("only 100 events of one file are read") == 2  # the third fills the file, the fourth waits
    assert result.summary()["unmatched"] == 100


def test_a_single_meeting_far_ahead_with_a_contact_is_planned_not_dropped(sam) -> None:
    who = people(sam)
    far = ics("UID:far@x\r\nDTSTART:20270617T230000Z\r\nDTEND:20270617T233000Z\r\nSUMMARY:Catch-up\r\n"
              "ATTENDEE:mailto:bo.chen@greenline.example\r\n")
    result = calendars.preview(sam, far, now=datetime(2026, 12, 1))
    assert [(a.what, a.contact_id) for a in result.actions] == [("interview", who["bo"])]
    assert result.skipped == []


def test_two_events_without_a_uid_at_one_time_are_one_event_and_the_import_commits(sam) -> None:
    people(sam)
    twice = "DTSTART:20261112T050000Z\r\nSUMMARY:Coffee with Lena Fischer\r\n"
    result = calendars.preview(sam, ics(twice, twice), now=NOW)
    assert result.summary()["interactions"] == 1
    assert result.skipped == [{"item": "Coffee with Lena Fischer", "reason": "the same event twice in the file"}]
    assert calendars.commit(sam, result) is not None


def test_a_second_event_with_the_same_uid_is_named_and_an_unreadable_start_is_counted(sam) -> None:
    people(sam)
    data = ics("UID:same@x\r\nDTSTART:20261112T050000Z\r\nSUMMARY:Coffee with Lena Fischer\r\n",
               "UID:same@x\r\nDTSTART:20261113T050000Z\r\nSUMMARY:Coffee again\r\n",
               "UID:bad@x\r\nDTSTART:not-a-time\r\nSUMMARY:Broken\r\n")
    result = calendars.preview(sam, data, now=NOW)
    assert {"item": "Coffee again", "reason": "the same event (one UID) twice in the file"} in result.skipped
    assert [i["item"] for i in result.invalid] == ["Broken"] and result.items == 3


def test_an_end_in_the_year_9999_reads_the_event_instead_of_refusing_the_calendar(sam) -> None:
    people(sam)
    data = ics("UID:long@x\r\nDTSTART:20261112T050000Z\r\nDTEND:99991231T235959Z\r\nSUMMARY:Coffee with Lena "
               "Fischer\r\n")
    result = calendars.preview(sam, data, now=NOW)
    assert result.summary()["interactions"] == 1
    assert result.actions[0].occurrence.ends_at == datetime(2026, 11, 12, 5, 30)


def test_a_strangers_invitation_naming_a_contact_moves_no_planned_interview(sam) -> None:
    who = people(sam)
    mine = interviews.schedule(sam, who["lena"], datetime(2026, 12, 9, 22, 0))  # 10 Dec, 09:00 in Sydney
    invite = ics("UID:spam@evil\r\nDTSTART:20261210T040000Z\r\nSUMMARY:Lena Fischer - moved, see link\r\n"
                 "ORGANIZER:mailto:someone@evil.example\r\n")
    result = calendars.preview(sam, invite, now=NOW)
    assert result.actions == []  # a stranger's guest list: nobody known
    named = ics("UID:named@evil\r\nDTSTART:20261210T040000Z\r\nSUMMARY:Lena Fischer - moved\r\n")
    result = calendars.preview(sam, named, now=NOW)
    calendars.commit(sam, result)
    assert interviews.get(sam, mine)["scheduled_at"] == datetime(2026, 12, 9, 22, 0)


def test_control_and_bidi_characters_never_reach_a_title(sam) -> None:
    people(sam)
    data = ics("UID:c@x\r\nDTSTART:20261112T050000Z\r\nSUMMARY:Coffee with Lena Fischer \u202etxt.exe\x1b[2J\r\n")
    assert calendars.preview(sam, data, now=NOW).actions[0].occurrence.title == \
        "Coffee with Lena Fischer txt.exe[2J"


def test_the_importer_writes_interviews_and_the_timeline_only_through_their_modules() -> None:
    import re

    source = Path(calendars.__file__).read_text()
    assert not re.search(r"(INSERT INTO|UPDATE|DELETE FROM) (interview|interaction|followup)\b", source)
