"""Mail as Google Takeout (.mbox) and mail clients (.eml) write it: headers only, logged per contact."""

from __future__ import annotations

import io
import tracemalloc
from datetime import datetime
from pathlib import Path

import pytest

from lib import contacts, followups, interactions, interviews, messages, outreach, profile
from lib.db import Database
from lib.io import mailboxes, undo
from lib.io.imports import ImportRefused

NOW = datetime(2026, 11, 28, 0, 0)


def message(n: int, sender: str, to: str, date: str, subject: str, body: str = "Hello\n") -> str:
    return (f"From 17{n:08d}@xxx Sat Nov 21 10:00:00 +0000 2026\n"
            f"X-GM-THRID: 17{n:08d}\nX-Gmail-Labels: Sent,Opened\n"
            f"Message-ID: <m{n}@mail.gmail.com>\nDate: {date}\nFrom: {sender}\nTo: {to}\n"
            f"Subject: {subject}\nContent-Type: text/plain; charset=\"UTF-8\"\n\n{body}\n")


@pytest.fixture
def sam(db: Database) -> dict:
    profile.save(db, name="Sam Rivera", email="sam.rivera@example.com", time_zone="Australia/Sydney")
    ana = contacts.create(db, full_name="Ana Okafor", email="Ana@Ledgerly.example")
    jose = contacts.create(db, full_name="José Núñez", email="jose@núñez.example")
    bo = contacts.create(db, full_name="Bo Chen", email="bo@greenline.example")
    meeting = interviews.schedule(db, ana, datetime(2026, 11, 20, 22, 0))  # 21 Nov, 09:00 in Sydney
    interviews.complete(db, meeting, {}, now=datetime(2026, 11, 20, 23, 0))
    request = db.value("INSERT INTO outreach (contact_id, channel, sent_on, text, created_at) VALUES "
                       "(?, 'email', DATE '2026-11-16', '', ?) RETURNING id", [bo, NOW])
    followups.create(db, bo, "follow_up_once", "Follow up once with Bo Chen", datetime(2026, 11, 25, 12),
                     outreach_id=request)
    return {"db": db, "ana": ana, "jose": jose, "bo": bo, "meeting": meeting, "request": request}


def takeout(*parts: str) -> bytes:
    return "".join(parts).encode("utf-8")


MBOX = takeout(
    # sent to Ana after the meeting ended: the thank-you, with an encoded subject
    message(1, "Sam Rivera <sam.rivera@example.com>", "=?UTF-8?Q?Ana_Okafor?= <ana@ledgerly.example>",
            "Sat, 21 Nov 2026 14:05:00 +1100", "=?UTF-8?Q?Thank_you_=E2=80=94_research_at_Ledgerly?=",
            body=">From the notes: thanks\n\nFrom what you said\n"),
    # Bo answers the request
    message(2, "Bo Chen <bo@greenline.example>", "sam.rivera@example.com", "Tue, 24 Nov 2026 08:00:00 -0800",
            "Re: A short conversation?"),
    # to José, whose address is not ASCII
    message(3, "sam.rivera@example.com", "=?UTF-8?Q?Jos=C3=A9?= <jose@núñez.example>",
            "Wed, 25 Nov 2026 09:00:00 +0000", "Hola"),
    # a newsletter: nobody Rapport knows
    message(4, "news@shop.example", "sam.rivera@example.com", "Wed, 25 Nov 2026 10:00:00 +0000", "Sale"),
    # no date
    "From x@xxx Sat Nov 21 10:00:00 +0000 2026\nMessage-ID: <m5@x>\nFrom: ana@ledgerly.example\n"
    "Subject: undated\n\nbody\n\n",
)


def test_a_takeout_mailbox_logs_the_thank_you_the_reply_and_an_email(sam) -> None:
    db = sam["db"]
    result = mailboxes.preview(db, io.BytesIO(MBOX), "All mail.mbox", now=NOW)
    summary = result.summary()
    assert {k: summary[k] for k in ("items", "matched", "interactions", "thank_yous", "replies", "unmatched")} == {
        "items": 5, "matched": 3, "interactions": 1, "thank_yous": 1, "replies": 1, "unmatched": 1}
    assert summary["invalid"] == [{"item": "message 5", "reason": "it has no date"}]
    mailboxes.commit(db, result, "All mail.mbox")

    sent = [m for m in messages.for_interview(db, sam["meeting"]) if m["status"] == "sent"]
    assert [(m["kind"], m["subject"]) for m in sent] == [("thank_you", "Thank you — research at Ledgerly")]
    assert sent[0]["sent_at"] == datetime(2026, 11, 21, 3, 5)  # its real time: 14:05 in Sydney
    assert interviews.stages(db, NOW)["awaiting_thank_you"].empty
    assert outreach.get(db, sam["request"])["replied_on"].isoformat() == "2026-11-25"  # 08:00 in LA is the 25th
    assert outreach.open_for(db, sam["bo"]) == []
    assert [e["note"] for e in interactions.timeline(db, sam["jose"])] == ["Email sent: Hola"]


def test_the_same_mailbox_again_changes_nothing_and_undo_puts_everything_back(sam) -> None:
    db = sam["db"]
    batch = mailboxes.commit(db, mailboxes.preview(db, io.BytesIO(MBOX), now=NOW))
    again = mailboxes.preview(db, io.BytesIO(MBOX), now=NOW)
    assert again.summary()["interactions"] + again.summary()["thank_yous"] + again.summary()["replies"] == 0
    assert mailboxes.commit(db, again) is None
    undo.undo(db, batch)
    assert outreach.get(db, sam["request"])["replied_on"] is None
    assert len(interviews.stages(db, NOW)["awaiting_thank_you"]) == 1
    assert interactions.timeline(db, sam["jose"]) == []
    assert len(outreach.open_for(db, sam["bo"])) == 1


def test_a_folder_of_eml_files_is_read_like_a_mailbox(sam, tmp_path: Path) -> None:
    folder = tmp_path / "mail"
    folder.mkdir()
    (folder / "hola.eml").write_text(message(3, "sam.rivera@example.com", "jose@núñez.example",
                                             "Wed, 25 Nov 2026 09:00:00 +0000", "Hola").split("\n", 1)[1])
    result = mailboxes.preview(sam["db"], folder, now=NOW)
    assert result.summary()["interactions"] == 1


@pytest.mark.parametrize(("data", "says"), [(b"Name,Email\nAna,a@x\n", "is not a mailbox"),
                                            (b"", "is not a mailbox")])
def test_a_file_that_is_not_mail_says_so_and_writes_nothing(sam, data: bytes, says: str) -> None:
    with pytest.raises(ImportRefused, match=says):
        mailboxes.preview(sam["db"], io.BytesIO(data), "export.mbox", now=NOW)


def test_a_large_mailbox_streams_in_bounded_memory(sam, tmp_path: Path) -> None:
    big = tmp_path / "big.mbox"
    body = ("x" * 998 + "\n") * 1000  # 1 MB of body per message
    with big.open("w") as out:
        for n in range(100):  # 100 MB
            out.write(message(n + 10, "news@shop.example", "sam.rivera@example.com",
                              "Wed, 25 Nov 2026 10:00:00 +0000", "Sale", body=body))
    tracemalloc.start()
    result = mailboxes.preview(sam["db"], big, now=NOW)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert result.items == 100 and result.unmatched == 100
    assert peak < 5_000_000, f"reading 100 MB of mail held {peak / 1e6:.1f} MB at once"


def test_broken_encodings_and_junk_headers_never_crash_and_are_named(sam) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    @settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(st.binary(max_size=400), st.text(max_size=80))
    def check(junk: bytes, subject: str) -> None:
        data = (b"From 1@x Sat Nov 21 10:00:00 +0000 2026\nMessage-ID: <j@x>\nFrom: " + junk[:60] + b"\nDate: "
                + junk[60:120] + b"\nSubject: =?utf-8?q?" + subject.encode("utf-8", "replace") + b"?=\n\n"
                + junk[120:] + b"\n")
        result = mailboxes.preview(sam["db"], io.BytesIO(data), "junk.mbox", now=NOW)
        assert result.items == 1
        assert all(problem["reason"] for problem in result.invalid)

    check()


def test_latin1_and_undecodable_subjects_are_read_not_refused(sam) -> None:
    data = (b"From 1@x Sat Nov 21 10:00:00 +0000 2026\nMessage-ID: <l@x>\nDate: Mon, 23 Nov 2026 09:00:00 +0000\n"
            b"From: sam.rivera@example.com\nTo: ana@ledgerly.example\n") + \
        b"Subject: Caf\xe9 =?iso-8859-1?q?cr=E8me?= =?bogus?x?zz?=\n\nbody\n"
    result = mailboxes.preview(sam["db"], io.BytesIO(data), now=NOW, sent_folder=True)
    assert result.summary()["thank_yous"] == 1 and "crème" in result.actions[0].mail.subject


# -- mail from strangers (the second security probe) --------------------------------------------------

def raw(n: int, sender: str, to: str, date: str, subject: str, extra: str = "") -> str:
    """A message as an inbox holds it: no Sent label."""
    return (f"From 18{n:08d}@xxx Sat Nov 21 10:00:00 +0000 2026\nMessage-ID: <r{n}@mail.example>\n{extra}"
            f"Date: {date}\nFrom: {sender}\nTo: {to}\nSubject: {subject}\n\nbody\n\n")


def test_without_my_address_a_mailbox_is_refused_with_what_to_do_and_nothing_is_written(db: Database) -> None:
    contacts.create(db, full_name="Ana Okafor", email="ana@ledgerly.example")
    with pytest.raises(ImportRefused, match=r"Add your email address \(and any aliases\) in Settings"):
        mailboxes.preview(db, io.BytesIO(MBOX), "All mail.mbox", now=NOW)
    assert db.value("SELECT count(*) FROM interaction") == 0


def test_a_message_claiming_to_be_from_me_outside_my_sent_mail_marks_no_thank_you(sam) -> None:
    forged = takeout(raw(1, "Sam Rivera <sam.rivera@example.com>", "ana@ledgerly.example",
                         "Sat, 21 Nov 2026 14:05:00 +1100", "Thanks!"))
    result = mailboxes.preview(sam["db"], io.BytesIO(forged), "Inbox.mbox", now=NOW)
    assert result.summary()["thank_yous"] == 0 and result.actions == []
    assert result.skipped == [{"item": "message 1: Thanks!", "reason": mailboxes.NOT_SENT_REASON}]
    # The same message in a file named as a sent folder is the user's own.
    assert mailboxes.preview(sam["db"], io.BytesIO(forged), "Sent.mbox", now=NOW).summary()["thank_yous"] == 1


def test_a_reply_whose_sender_failed_its_checks_closes_no_reminder(sam) -> None:
    db = sam["db"]
    forged = takeout(raw(1, "Bo Chen <bo@greenline.example>", "sam.rivera@example.com",
                         "Tue, 24 Nov 2026 08:00:00 -0800", "Re: A short conversation?",
                         extra="Authentication-Results: mx.example; spf=fail smtp.mailfrom=greenline.example;"
                               " dmarc=fail (p=REJECT) header.from=greenline.example\n"))
    result = mailboxes.preview(db, io.BytesIO(forged), "Inbox.mbox", now=NOW)
    assert result.summary()["replies"] == 0 and result.skipped[0]["reason"] == mailboxes.FORGED_REASON
    assert mailboxes.commit(db, result) is None
    assert outreach.get(db, sam["request"])["replied_on"] is None


def test_my_aliases_are_mine_too(sam) -> None:
    db = sam["db"]
    profile.save(db, email="sam.rivera@example.com, sam@rivera.example")
    sent = takeout(message(1, "sam@rivera.example", "ana@ledgerly.example", "Sat, 21 Nov 2026 14:05:00 +1100",
                           "Thank you"))
    assert mailboxes.preview(db, io.BytesIO(sent), "All mail.mbox", now=NOW).summary()["thank_yous"] == 1


def test_a_thank_you_the_user_does_not_confirm_is_logged_as_a_plain_email(sam) -> None:
    db = sam["db"]
    result = mailboxes.preview(db, io.BytesIO(MBOX), "All mail.mbox", now=NOW)
    assert [a.what for a in result.to_confirm()] == ["thank_you", "reply"]
    for action in result.to_confirm():
        action.confirmed = False
    mailboxes.commit(db, result)
    assert not [m for m in messages.for_interview(db, sam["meeting"]) if m["status"] == "sent"]
    assert outreach.get(db, sam["request"])["replied_on"] is None
    assert "Email sent: Thank you — research at Ledgerly" in [e["note"] for e in interactions.timeline(db, sam["ana"])]


def test_a_second_message_reusing_a_message_id_is_refused_and_undo_restores_everything(sam) -> None:
    db = sam["db"]
    first = message(1, "sam.rivera@example.com", "ana@ledgerly.example", "Sat, 21 Nov 2026 14:05:00 +1100", "Hi")
    again = message(1, "sam.rivera@example.com", "ana@ledgerly.example", "Sun, 22 Nov 2026 09:00:00 +1100",
                    "Thank you so much")
    result = mailboxes.preview(db, io.BytesIO(takeout(first, again)), "All mail.mbox", now=NOW)
    assert [i["reason"] for i in result.invalid] == [
        "it repeats the Message-ID of another message in this file, with another sender, date or subject"]
    batch = mailboxes.commit(db, result)
    assert interviews.stages(db, NOW)["awaiting_thank_you"].empty
    undo.undo(db, batch)
    assert not interviews.stages(db, NOW)["awaiting_thank_you"].empty  # the thank-you is due again
    assert not [m for m in messages.for_interview(db, sam["meeting"]) if m["status"] == "sent"]
    # Imported before, the same ID on a different message is named too.
    mailboxes.commit(db, mailboxes.preview(db, io.BytesIO(takeout(first)), "All mail.mbox", now=NOW))
    later = mailboxes.preview(db, io.BytesIO(takeout(again)), "All mail.mbox", now=NOW)
    assert later.invalid[0]["reason"] == "it reuses the Message-ID of a different message imported before"


@pytest.mark.parametrize(("header", "reason"), [
    ("From: " + "(" * 5000 + "ana@ledgerly.example" + ")" * 5000, "its headers cannot be read"),
    ("From: ana@ledgerly.example\nDate: Fri, 31 Dec 9999 23:59:59 -2359", "cannot be read"),
])
def test_headers_built_to_crash_the_parser_are_named_and_the_rest_of_the_mailbox_is_read(sam, header: str,
                                                                                         reason: str) -> None:
    hostile = f"From x@xxx Sat Nov 21 10:00:00 +0000 2026\nMessage-ID: <h@x>\n{header}\n"
    if "Date:" not in header:
        hostile += "Date: Tue, 24 Nov 2026 08:00:00 +0000\n"
    data = takeout(hostile + "Subject: boom\n\nbody\n\n") + MBOX
    result = mailboxes.preview(sam["db"], io.BytesIO(data), "All mail.mbox", now=NOW)
    assert result.items == 6 and reason in result.invalid[0]["reason"]
    assert result.summary()["thank_yous"] == 1  # the messages after it were still read


def test_control_and_bidi_characters_never_reach_a_subject(sam) -> None:
    sent = takeout(message(1, "sam.rivera@example.com", "ana@ledgerly.example", "Sat, 21 Nov 2026 14:05:00 +1100",
                           "Thanks\x1b[31m \u202eevil\u202c\x00 done"))
    subject = mailboxes.preview(sam["db"], io.BytesIO(sent), "All mail.mbox", now=NOW).actions[0].mail.subject
    assert subject == "Thanks[31m evil done"


def test_the_importer_applies_the_3b7_and_thank_you_rules_only_through_their_modules() -> None:
    import re
    from pathlib import Path

    source = Path(mailboxes.__file__).read_text()
    assert not re.search(r"(INSERT INTO|UPDATE|DELETE FROM) (message|outreach|followup|interaction)\b", source)
