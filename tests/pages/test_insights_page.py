"""Insights (AppTest): the learning ledger in people's words, and filters that say when nothing matches."""

from __future__ import annotations

from lib.db import Database
from tests.pages.conftest import texts

PAGE = "pages/insights.py"


def test_the_ledger_shows_dates_as_dates_and_columns_in_peoples_words(demo_app_db: Database, open_app) -> None:
    at = open_app(PAGE)
    assert not at.exception
    grid = at.dataframe[0]
    config = grid.proto.columns  # the column configuration Streamlit sends to the browser
    assert '"label": "Date"' in config and '"format": "D MMM YYYY"' in config
    assert '"label": "Their role"' in config and '"label": "From"' in config


def test_a_filter_that_matches_nothing_says_so(demo_app_db: Database, open_app) -> None:
    at = open_app(PAGE)
    at.text_input(key="ledger_search").input("zzzz no such words").run()
    page = texts(at)
    assert "No advice matches these filters." in page
    assert "Nothing you learned matches these filters." in page
    assert "Advice you record in a debrief appears here" not in page
