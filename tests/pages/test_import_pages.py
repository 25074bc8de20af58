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
