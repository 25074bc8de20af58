"""pages/followups.py through AppTest: complete, snooze, add, check in, export."""

from datetime import date, timedelta

from lib import clock, contacts, followups, interactions
from lib.db import Database
from tests.pages.conftest import shown, texts

PAGE = "pages/followups.py"


def test_an_empty_board_is_calm(app_db, open_app) -> None:
    page = texts(open_app(PAGE))
    assert "Nothing overdue. Well kept." in page and "Every relationship is within its cadence." in page


def _overdue(db: Database) -> tuple[int, int]:
    ana = contacts.create(db, full_name="Ana Okafor", first_met_on=date.today())
    task = followups.create(db, ana, "custom", "Send the article", clock.utcnow() - timedelta(days=2))
    return ana, task


def test_done_completes_an_overdue_follow_up(app_db: Database, open_app) -> None:
    _, task = _overdue(app_db)
    at = open_app(PAGE)
    assert "Overdue (1)" in texts(at)
    at.button(key=f"overdue_{task}_done").click().run()
    assert followups.listing(app_db).set_index("id").loc[task, "state"] == "done_late"
    assert "Overdue (0)" in texts(at)


def test_snoozing_moves_a_follow_up_out_of_the_way(app_db: Database, open_app) -> None:
    _, task = _overdue(app_db)
    at = open_app(PAGE)
    at.button(key=f"overdue_{task}_snooze_1 week").click().run()
    assert "Overdue (0)" in texts(at)
    assert followups.listing(app_db).set_index("id").loc[task, "state"] == "snoozed"


def test_adding_without_a_contact_says_so_and_keeps_the_text(app_db: Database, open_app) -> None:
    ana = contacts.create(app_db, full_name="Ana")
    at = open_app(PAGE)
    at.text_input(key="new_followup_title").input("Send my portfolio link")
    at.button(key="FormSubmitter:add_followup-Add follow-up").click().run()
    assert "Pick the contact this is about" in shown(at.error[0].value)
    assert at.text_input(key="new_followup_title").value == "Send my portfolio link"
    at.selectbox(key="new_followup_contact").select(ana)
    at.button(key="FormSubmitter:add_followup-Add follow-up").click().run()
    assert list(followups.listing(app_db)["title"]) == ["Send my portfolio link"]


def test_a_check_in_resets_the_keep_in_touch_clock(app_db: Database, open_app) -> None:
    cold = contacts.create(app_db, full_name="Cold Contact", tier="close",
                           first_met_on=date.today() - timedelta(days=90))
    at = open_app(PAGE)
    assert "Keep-in-touch check-ins (1)" in texts(at)
    at.button(key=f"checkin_{cold}").click().run()
    assert interactions.timeline(app_db, cold)[0]["note"] == "Keep-in-touch check-in"
    assert "Keep-in-touch check-ins (0)" in texts(at)


def test_the_calendar_export_is_offered(demo_app_db, open_app) -> None:
    at = open_app(PAGE)
    assert any(b.label == "Export to calendar (.ics)" for b in at.get("download_button"))


def test_a_long_list_draws_a_page_of_rows_with_the_way_to_the_rest(app_db, open_app) -> None:
    from datetime import timedelta

    from lib import clock, contacts, followups, profile
    from tests.pages.conftest import texts

    profile.save(app_db, name="Sam", time_zone="UTC")
    ana = contacts.create(app_db, full_name="Ana Okafor")
    for n in range(60):
        followups.create(app_db, ana, "custom", f"Overdue task {n:02d}", clock.utcnow() - timedelta(days=n + 1))
    at = open_app("pages/followups.py")
    page = texts(at)
    assert "Overdue (60)" in page and "Showing 25 of 60, most urgent first." in page
    assert page.count("Overdue task") == 25  # the first screen draws one page, however long the list
    next(b for b in at.button if b.key == "overdue_more").click().run()
    assert texts(at).count("Overdue task") == 50 and "Showing 50 of 60" in texts(at)
