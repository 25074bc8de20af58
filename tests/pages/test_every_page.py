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
