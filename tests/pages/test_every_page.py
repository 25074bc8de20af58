"""Every page runs through the router without an exception, on an empty and on a full database."""

import pytest

from lib.ui.router import PAGE_FILES

PAGES = list(PAGE_FILES.values())


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_on_an_empty_database(app_db, open_app, page: str) -> None:
    at = open_app(page)
    assert not at.exception, at.exception


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_on_the_demo_database(demo_app_db, open_app, page: str) -> None:
    at = open_app(page)
    assert not at.exception, at.exception


def test_a_newcomer_lands_on_welcome(app_db, open_app) -> None:
    assert open_app().title[0].value == "Welcome to Rapport"


def test_a_returning_user_lands_on_today(demo_app_db, open_app) -> None:
    assert open_app().title[0].value == "Today"


def test_a_database_held_by_another_process_is_named_with_a_way_to_try_again(app_db, open_app, monkeypatch) -> None:
    import subprocess
    import sys

    monkeypatch.setenv("RAPPORT_DB_BUSY_TIMEOUT", "0.2")
    holder = subprocess.Popen([sys.executable, "-c", "import sys, duckdb; c = duckdb.connect(sys.argv[1]);"
                               " print('held', flush=True); sys.stdin.readline()", app_db.path],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    try:
        at = open_app("pages/contacts.py")
    finally:
        holder.communicate("\n")
    assert not at.exception
    assert f"The database {app_db.path} is in use by another Rapport process (PID {holder.pid})" in at.error[0].value
    assert at.button[0].label == "Try again"
