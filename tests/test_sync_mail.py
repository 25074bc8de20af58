"""Mail over IMAP against a real server (pymap) the test starts: what the user's timeline shows after a sync,
and the one sentence they read when the server, the password or the network fails."""

from __future__ import annotations

import io
import json
from datetime import datetime

import pytest

from lib import cli, contacts, followups, interactions, interviews, outreach, profile
from lib.db import Database
from lib.io import mailboxes, undo
from lib.sync import SyncFailed
from lib.sync import mail as mail_sync
from tests.fakes.imap import CuttingProxy, ImapServer

NOW = datetime(2026, 11, 28, 0, 0)
SAM = "sam.rivera@example.com"


def gmail(n: int, sender: str, to: str, date: str, subject: str) -> bytes:
    """A message as Gmail writes it (CRLF, a CA…@mail.gmail.com Message-ID, a body Rapport never fetches)."""
    return (f"MIME-Version: 1.0\r\nDate: {date}\r\nMessage-ID: <CAM{n:06d}x@mail.gmail.com>\r\n"
            f"Subject: {subject}\r\nFrom: {sender}\r\nTo: {to}\r\n"
            f"Authentication-Results: mx.google.com; dkim=pass; spf=pass; dmarc=pass\r\n"
            "Content-Type: text/plain; charset=\"UTF-8\"\r\n\r\nA private body\r\n").encode()


def outlook(n: int, sender: str, to: str, date: str, subject: str) -> bytes:
    """A message as Outlook.com writes it (its PROD.OUTLOOK.COM Message-ID, Thread-Topic, a quoted name)."""
    return (f"From: \"Chen, Bo\" <{sender}>\r\nTo: Sam Rivera <{to}>\r\nSubject: {subject}\r\n"
            f"Thread-Topic: {subject}\r\nDate: {date}\r\n"
            f"Message-ID: <SY4P282MB{n:06d}@SY4P282MB3067.AUSP282.PROD.OUTLOOK.COM>\r\n"
            "Content-Language: en-AU\r\nContent-Type: text/plain; charset=\"us-ascii\"\r\n\r\nBody\r\n").encode()


THANKS = gmail(1, f"Sam Rivera <{SAM}>", "Ana Okafor <ana@ledgerly.example>", "Sat, 21 Nov 2026 13:30:00 +1100",
               "Thank you for your time")
REPLY = outlook(2, "bo@greenline.example", SAM, "Tue, 17 Nov 2026 09:15:00 +0000", "RE: A short conversation?")
HELLO = gmail(3, "Ana Okafor <ana@ledgerly.example>", SAM, "Mon, 23 Nov 2026 08:00:00 +0000", "Notes")
STRANGER = gmail(4, "news@shop.example", SAM, "Mon, 23 Nov 2026 09:00:00 +0000", "Sale")
SPOOF = gmail(5, f"Sam Rivera <{SAM}>", "bo@greenline.example", "Mon, 23 Nov 2026 10:00:00 +0000", "Not me")


@pytest.fixture
def sam(db: Database) -> dict:
    profile.save(db, name="Sam Rivera", email=SAM, time_zone="Australia/Sydney")
    ana = contacts.create(db, full_name="Ana Okafor", email="ana@ledgerly.example")
    bo = contacts.create(db, full_name="Bo Chen", email="bo@greenline.example")
    meeting = interviews.schedule(db, ana, datetime(2026, 11, 20, 22, 0))
    interviews.complete(db, meeting, {}, now=datetime(2026, 11, 20, 23, 0))
    request = db.value("INSERT INTO outreach (contact_id, channel, sent_on, text, created_at) VALUES "
                       "(?, 'email', DATE '2026-11-16', '', ?) RETURNING id", [bo, NOW])
    followups.create(db, bo, "follow_up_once", "Follow up once with Bo Chen", datetime(2026, 11, 25, 12),
                     outreach_id=request)
    return {"db": db, "ana": ana, "bo": bo, "meeting": meeting, "request": request}


@pytest.fixture
def server():
    with ImapServer(user=SAM) as imap:
        imap.add_folder("Sent")
        imap.deliver("INBOX", REPLY, HELLO, STRANGER, SPOOF)
        imap.deliver("Sent", THANKS)
        yield imap


def timeline(db: Database, contact: int) -> list[str]:
    """The mail on a contact's timeline (the interview itself is there too, and not mail)."""
    return sorted(row["note"] for row in interactions.timeline(db, contact)
                  if row["note"].startswith(("Email", "Thank-you")))


def test_first_sync_logs_the_thank_you_the_reply_and_the_mail_and_marks_nothing_read(sam, server):
    db = sam["db"]
    summary = mail_sync.sync(db, server.settings(), now=NOW)
    assert {k: summary[k] for k in ("items", "matched", "interactions", "thank_yous", "replies", "unmatched")} == {
        "items": 5, "matched": 3, "interactions": 1, "thank_yous": 1, "replies": 1, "unmatched": 1}
    assert [s["reason"] for s in summary["skipped"]] == [mailboxes.NOT_SENT_REASON]  # From: you, but in the inbox
    assert timeline(db, sam["ana"]) == ["Email received: Notes", "Thank-you email: Thank you for your time"]
    assert timeline(db, sam["bo"]) == ["Email reply: RE: A short conversation?"]
    assert interviews.stages(db)["awaiting_thank_you"].empty
    assert outreach.get(db, sam["request"])["replied_on"] is not None
    assert server.flags("INBOX") == [set()] * 4 and server.flags("Sent") == [set()]


def test_a_second_sync_with_nothing_new_logs_nothing_and_new_mail_is_picked_up(sam, server):
    db = sam["db"]
    mail_sync.sync(db, server.settings(), now=NOW)
    again = mail_sync.sync(db, server.settings(), now=NOW)
    assert (again["items"], again["batch"]) == (0, None)
    server.deliver("INBOX", gmail(9, "ana@ledgerly.example", SAM, "Thu, 26 Nov 2026 08:00:00 +0000", "One more"))
    later = mail_sync.sync(db, server.settings(), now=NOW)
    assert (later["items"], later["interactions"]) == (1, 1)
    assert "Email received: One more" in timeline(db, sam["ana"])


def test_mail_imported_from_a_file_first_is_not_logged_twice_by_sync(sam, server):
    db = sam["db"]
    mbox = b"From 1@xxx Sat Nov 21 10:00:00 +0000 2026\n" + HELLO.replace(b"\r\n", b"\n") + b"\n"
    mailboxes.commit(db, mailboxes.preview(db, io.BytesIO(mbox), "Inbox.mbox", now=NOW))
    summary = mail_sync.sync(db, server.settings(), now=NOW)
    assert summary["unchanged"] == 1
    assert timeline(db, sam["ana"]).count("Email received: Notes") == 1


def test_undo_the_last_sync_takes_back_what_it_logged(sam, server):
    db = sam["db"]
    summary = mail_sync.sync(db, server.settings(), now=NOW)
    undo.undo(db, summary["batch"])
    assert timeline(db, sam["ana"]) == [] and outreach.get(db, sam["request"])["replied_on"] is None


def test_a_wrong_password_says_so_in_one_sentence_and_writes_nothing(sam, server):
    with pytest.raises(SyncFailed, match="refused the user name or password .* app password"):
        mail_sync.sync(sam["db"], server.settings(password="wrong-canary"), now=NOW)
    assert sam["db"].value("SELECT count(*) FROM mail_sync_cursor") == 0


def test_tls_to_a_server_that_speaks_none_says_to_check_security_and_port(sam, server):
    with pytest.raises(SyncFailed, match="No secure connection to 127.0.0.1.*security and port"):
        mail_sync.sync(sam["db"], server.settings(security="ssl"), now=NOW)


def test_a_server_that_drops_the_connection_half_way_leaves_nothing_and_the_next_run_reads_it_all(sam, server):
    db = sam["db"]
    with CuttingProxy(server.loop, server.port, after=1200) as proxy, pytest.raises(
            SyncFailed, match="dropped the connection .* nothing was saved"):
        mail_sync.sync(db, server.settings(port=proxy.port), now=NOW)
    assert db.value("SELECT count(*) FROM mail_sync_cursor") == 0 and timeline(db, sam["ana"]) == []
    assert mail_sync.sync(db, server.settings(), now=NOW)["items"] == 5


def test_a_folder_that_vanished_is_named_and_forgotten(sam, server):
    db = sam["db"]
    mail_sync.sync(db, server.settings(), now=NOW)
    server.delete_folder("Sent")
    summary = mail_sync.sync(db, server.settings(), now=NOW)
    assert summary["notes"] == ["Sent is no longer on the server: its place is forgotten"]
    assert db.value("SELECT count(*) FROM mail_sync_cursor WHERE folder = 'Sent'") == 0


def test_a_changed_uidvalidity_reads_the_folder_again_without_logging_anything_twice(sam, server):
    db = sam["db"]
    mail_sync.sync(db, server.settings(), now=NOW)
    server.delete_folder("Sent")
    server.add_folder("Sent")
    server.deliver("Sent", THANKS)
    summary = mail_sync.sync(db, server.settings(), now=NOW)
    assert "UIDVALIDITY changed" in summary["notes"][0]
    assert (summary["items"], summary["unchanged"], summary["thank_yous"]) == (1, 1, 0)


def test_a_huge_mailbox_is_read_over_several_runs_each_picking_up_where_the_last_stopped(sam, server):
    db = sam["db"]
    first = mail_sync.sync(db, server.settings(), now=NOW, limit=2)
    assert first["remaining"] == 2 and "INBOX: 2 older messages wait for the next sync" in first["notes"]
    second = mail_sync.sync(db, server.settings(), now=NOW, limit=2)
    assert (second["items"], second["remaining"]) == (2, 0)
    assert timeline(db, sam["ana"]) == ["Email received: Notes", "Thank-you email: Thank you for your time"]


def test_cli_sync_prints_json_per_source_and_the_password_is_found_nowhere(sam, server, tmp_path, capsys):
    db = sam["db"]
    canary = "canary-Pa55-7c1f9e"
    with ImapServer(user=SAM, password=canary) as guarded:
        guarded.deliver("INBOX", HELLO)
        secrets = tmp_path / "secrets.toml"
        settings = guarded.settings()
        secrets.write_text("[sync.mail]\n" + "".join(f"{k} = {json.dumps(v)}\n" for k, v in settings.items()))
        args = ["sync", "--db", str(db.path), "--secrets", str(secrets), "--mail"]
        assert cli.main([*args, "--dry-run"]) == 0
        assert "would log 1 timeline entry" in capsys.readouterr().out
        assert db.value("SELECT count(*) FROM mail_sync_cursor") == 0  # a dry run writes nothing
        assert cli.main([*args, "--json"]) == 0
        out = capsys.readouterr()
        report = json.loads(out.out)
        assert report["mail"]["interactions"] == 1
        assert cli.main(["sync", "--db", str(db.path), "--secrets", str(secrets), "--mail"]) == 0
        again = capsys.readouterr()
    assert "nothing new" in again.out
    assert cli.main(["backup", "--db", str(db.path), str(tmp_path / "backup.zip")]) == 0
    assert cli.main(["export", "--db", str(db.path), "json", str(tmp_path / "everything.json")]) == 0
    assert cli.main(["sync", "--db", str(db.path), "--secrets", str(secrets), "--mail"]) == 1  # the server is gone
    failed = capsys.readouterr()
    assert "cannot be reached" in failed.err and canary not in failed.out + failed.err
    assert canary not in out.out + out.err + again.out + again.err
    for path in tmp_path.rglob("*"):
        if path.is_file() and path != secrets:
            assert canary.encode() not in path.read_bytes(), path
