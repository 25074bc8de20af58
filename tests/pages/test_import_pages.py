"""Importing and merging through the pages (AppTest): preview first, then import, undo, merge."""

from __future__ import annotations

from lib import contacts, duplicates
from lib.db import Database
from tests.pages.conftest import shown, texts
from tests.test_io_imports import LINKEDIN

SETTINGS = "pages/settings.py"


def _upload(at, data: bytes, name: str) -> None:
    """AppTest has no file-upload driver; place the upload the way the widget would."""
    from streamlit.runtime.uploaded_file_manager import UploadedFile, UploadedFileRec

    at.session_state["import_file"] = UploadedFile(UploadedFileRec("1", name, "text/csv", data), None)


def test_an_upload_is_previewed_then_imported_then_undone(app_db: Database, open_app) -> None:
    contacts.create(app_db, full_name="Ana Okafor", linkedin_url="linkedin.com/in/ana-okafor")
    at = open_app(SETTINGS)
    _upload(at, LINKEDIN.encode("utf-8"), "Connections.csv")
    at.run()
    assert "**LinkedIn connections** found in Connections.csv" in texts(at)
    assert [m.value for m in at.metric][:3] == ["3", "2", "1 / 0"]
    assert contacts.count(app_db) == 1  # a preview writes nothing
    at.button(key="import_go").click().run()
    assert "Imported 2 contacts from Connections.csv; 1 duplicates flagged" in texts(at)
    assert contacts.count(app_db) == 3
    next(b for b in at.button if b.key == "import_undo").click().run()
    assert "Import undone: 2 contacts removed." in texts(at)
    assert contacts.count(app_db) == 1


def test_a_workbook_is_refused_with_what_to_do(app_db: Database, open_app) -> None:
    at = open_app(SETTINGS)
    _upload(at, b"PK\x03\x04\x14\x00 a workbook", "contacts.csv")  # a workbook renamed to .csv
    at.run()
    assert "Nothing was imported." in shown(at.error[0].value) and "CSV UTF-8" in shown(at.error[0].value)


def test_possible_duplicates_are_listed_and_merged(app_db: Database, open_app) -> None:
    keep = contacts.create(app_db, full_name="Ana Okafor", email="ana@x.org")
    contacts.create(app_db, full_name="Ana Okafor-Smith", email="ana@x.org", role="Researcher")
    at = open_app("pages/contacts.py")
    assert "same email" in at.selectbox(key="dup_pair").options[0]
    at.button(key="dup_merge").click().run()
    assert contacts.count(app_db) == 1 and duplicates.pairs(app_db) == []
    assert contacts.get(app_db, keep)["role"] == "Researcher"


def _place(at, key: str, data: bytes, name: str) -> None:
    from streamlit.runtime.uploaded_file_manager import UploadedFile, UploadedFileRec

    at.session_state[key] = UploadedFile(UploadedFileRec("1", name, "application/octet-stream", data), None)


HOSTILE_NAME = "![p](http://127.0.0.1:9/x.png) :red[boo] [bank](http://127.0.0.1:9).csv"


def test_a_file_name_is_shown_as_typed_never_as_markdown(app_db: Database, open_app) -> None:
    at = open_app(SETTINGS)
    _place(at, "import_file", LINKEDIN.encode("utf-8"), HOSTILE_NAME)
    at.run()
    source = next(m.value for m in at.markdown if "found in" in m.value)
    assert "![p](" not in source and ":red[" not in source and "[bank](" not in source  # no image, colour, link
    assert f"found in {HOSTILE_NAME}" in texts(at)  # the user reads the name they chose
    at.button(key="import_go").click().run()
    done = at.success[0].value
    assert ":red[" not in done and "![p](" not in done
    assert shown(done).startswith(f"Imported 3 contacts from {HOSTILE_NAME};")


def test_a_mailbox_import_first_asks_for_my_address(app_db: Database, open_app) -> None:
    from lib import profile

    profile.save(app_db, name="Sam Rivera")
    at = open_app(SETTINGS)
    assert "Rapport needs it to tell the mail you sent from the mail you received" in " ".join(
        i.value for i in at.info)
    next(t for t in at.text_input if t.label == "Your email" and t.key is None).input("sam.rivera@example.com")
    next(b for b in at.button if b.label == "Save my address").click().run()
    assert profile.get(app_db).email == "sam.rivera@example.com"
    assert any(u.label == "Mailbox file" for u in at.get("file_uploader"))


def test_each_thank_you_a_mailbox_would_record_is_listed_to_confirm(app_db: Database, open_app) -> None:
    from datetime import datetime

    from lib import interviews, messages, profile
    from tests.test_io_mailboxes import message

    profile.save(app_db, name="Sam Rivera", email="sam.rivera@example.com", time_zone="Australia/Sydney")
    ana = contacts.create(app_db, full_name="Ana Okafor", email="ana@ledgerly.example")
    meeting = interviews.schedule(app_db, ana, datetime(2026, 11, 20, 22, 0))
    interviews.complete(app_db, meeting, {}, now=datetime(2026, 11, 20, 23, 0))
    mbox = message(1, "sam.rivera@example.com", "ana@ledgerly.example", "Sat, 21 Nov 2026 14:05:00 +1100",
                   "Thank you").encode()
    at = open_app(SETTINGS)
    _place(at, "mail_file", mbox, "All mail.mbox")
    at.run()
    assert "Untick any that is not what it says" in " ".join(c.value for c in at.caption)
    at.button(key="mail_go").click().run()
    assert "From All mail.mbox: no emails logged, 1 thank-you marked sent, no replies recorded." in texts(at)
    assert [m["status"] for m in messages.for_interview(app_db, meeting)] == ["sent"]
