"""pages/today.py through AppTest: the morning view on an empty and a full database."""

from datetime import timedelta

from lib import clock, contacts, interviews, outreach
from lib.db import Database
from tests.pages.conftest import texts

PAGE = "pages/today.py"


def test_an_empty_day_says_there_is_nothing_to_do(app_db, open_app) -> None:
    at = open_app(PAGE)
    assert [m.value for m in at.metric] == ["0 of 2", "0", "0", "0"]
    page = texts(at)
    assert "No meetings today." in page and "Every thank-you is sent." in page


def test_a_finished_meeting_shows_its_thank_you_with_hours_left(app_db: Database, open_app) -> None:
    ana = contacts.create(app_db, full_name="Ana Okafor")
    meeting = interviews.schedule(app_db, ana, clock.utcnow() - timedelta(hours=3))
    interviews.complete(app_db, meeting, {})
    at = open_app(PAGE)
    assert at.metric[2].value == "1"
    assert "hours left" in texts(at)
    assert any(link.label == "Thank Ana Okafor" for link in at.get("page_link"))


def test_the_quick_outreach_logs_a_request(app_db: Database, open_app) -> None:
    ana = contacts.create(app_db, full_name="Ana")
    at = open_app(PAGE)
    at.selectbox(key="qo_contact").select(ana)
    at.button(key="FormSubmitter:quick_outreach-Log outreach").click().run()
    assert not at.exception
    assert len(outreach.open_for(app_db, ana)) == 1


def test_the_demo_morning_has_meetings_thank_yous_and_a_streak(demo_app_db, open_app) -> None:
    at = open_app(PAGE)
    assert not at.exception
    assert int(at.metric[1].value) >= 4
    assert "Thank-yous to send" in texts(at)
