"""pages/dashboard.py and pages/insights.py through AppTest."""

from __future__ import annotations

import json

from lib.db import Database
from tests.pages.conftest import texts

DASHBOARD = "pages/dashboard.py"


def _figures(at) -> list[dict]:
    """Plotly charts arrive in AppTest as unknown elements; their spec is JSON."""
    found = []
    for element in at.get("plotly_chart"):
        spec = element.proto.spec if hasattr(element, "proto") else ""
        found.append(json.loads(spec) if spec else {})
    return found


SECTIONS = ("dash_over_time", "dash_keeping_up", "dash_reciprocity", "dash_coverage")


def opened(at):
    """Every section open, as a person clicks them: their charts are drawn only then."""
    for key in SECTIONS:
        at.session_state[key] = True
    return at.run()


def test_the_first_screen_draws_two_charts_and_each_section_draws_its_own_when_opened(demo_app_db,
                                                                                       open_app) -> None:
    at = open_app(DASHBOARD)
    assert [f["layout"]["title"]["text"] for f in _figures(at)] == ["Network growth", "Introductions"]
    at.session_state["dash_coverage"] = True
    assert [f["layout"]["title"]["text"] for f in _figures(at.run())][-1] == "Coverage"


def test_an_empty_database_gets_a_helpful_dashboard(app_db, open_app) -> None:
    at = opened(open_app(DASHBOARD))
    assert not at.exception
    assert "Nothing to chart yet" in texts(at)
    figures = _figures(at)
    assert figures and all(f["layout"]["annotations"][0]["text"] for f in figures)


def test_the_demo_dashboard_shows_every_chart_and_kpi(demo_app_db, open_app) -> None:
    at = opened(open_app(DASHBOARD))
    assert not at.exception
    assert [m.label for m in at.metric] == ["Contacts", "Warm contacts", "Interviews this month",
                                           "Follow-ups overdue", "Thank-yous on time"]
    assert at.metric[0].value == "80"
    titles = [f["layout"]["title"]["text"] for f in _figures(at)]
    assert titles == ["Network growth", "Introductions", "Interviews per week", "Outreach funnel",
                      "Follow-up health over time", "Responders", "Thank-you latency", "Keep-in-touch health",
                      "Reciprocity", "Meeting modes", "Coverage"]
    assert all(f["data"] for f in _figures(at))
    assert len([b for b in at.get("download_button")]) >= 10


def test_every_chart_has_a_sentence_a_screen_reader_can_read_and_it_follows_the_filters(demo_app_db,
                                                                                       open_app) -> None:
    at = opened(open_app(DASHBOARD))
    said = texts(at)
    assert "80 contacts met from" in said
    for sentence in ("Relationships: ", "Responders: ", "interviews in person", "led to a referral",
                     "organisations in", "introductions, up to", "thank-yous: typically", "follow-ups stood at",
                     "Over the period: ", "interviews over"):
        assert sentence in said, sentence
    at.selectbox(key="dash_industry").select("Education").run()
    shown = int(at.metric[0].value)
    assert f"{shown} contacts met from" in texts(at) and shown < 80


def test_a_filter_changes_every_chart(demo_app_db: Database, open_app) -> None:
    at = open_app(DASHBOARD)
    before = _figures(at)[0]
    at.selectbox(key="dash_industry").select("Fintech").run()
    after = _figures(at)[0]
    assert int(at.metric[0].value) < 80
    assert after["data"] != before["data"]
    fintech_only = {t["name"] for t in after["data"] if t["type"] == "bar"}
    assert fintech_only <= {t["name"] for t in before["data"] if t["type"] == "bar"}


def test_the_insights_ledger_searches_what_was_learned(demo_app_db, open_app) -> None:
    at = open_app("pages/insights.py")
    assert not at.exception
    assert at.tabs[0].label.startswith("Learned (") and at.tabs[1].label.startswith("Advice (")
    at.text_input(key="ledger_search").input("course").run()
    advice = at.dataframe[1].value if len(at.dataframe) > 1 else at.dataframe[0].value
    assert len(advice) and all("course" in t.lower() for t in advice["learned"])
    at.toggle(key="ledger_waiting").set_value(True).run()
    assert "reported back" not in set(at.dataframe[-1].value["status"])


def test_an_empty_ledger_explains_where_learning_comes_from(app_db, open_app) -> None:
    at = open_app("pages/insights.py")
    assert "What you write in a debrief" in texts(at)
