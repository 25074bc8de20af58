"""pages/today.py through AppTest: the morning view on an empty and a full database."""

from datetime import timedelta

from lib import clock, contacts, followups, interviews, outreach
from lib.db import Database
from tests.pages.conftest import links, texts

PAGE = "pages/today.py"


def test_an_empty_day_says_there_is_nothing_to_do(app_db, open_app) -> None:
    at = open_app(PAGE)
    assert [m.value for m in at.markdown if m.value.startswith("**") and "  \n" in m.value] == [
        "**0 of 2**  \nInterviews this week", "**0**  \nWeeks in a row at goal", "**0**  \nThank-yous pending",
        "**0**  \nFollow-ups overdue"]
    page = texts(at)
    assert "No meetings today." in page and "Every thank-you is sent." in page


def test_a_finished_meeting_shows_its_thank_you_with_hours_left(app_db: Database, open_app) -> None:
    ana = contacts.create(app_db, full_name="Ana Okafor")
    meeting = interviews.schedule(app_db, ana, clock.utcnow() - timedelta(hours=3))
    interviews.complete(app_db, meeting, {})
    at = open_app(PAGE)
    assert "**1**  \nThank-yous pending" in [m.value for m in at.markdown]
    assert "hours left" in texts(at)
    assert any(link.label == "Thank Ana Okafor" for link in at.get("page_link"))


def test_the_quick_outreach_logs_a_request(app_db: Database, open_app) -> None:
    ana = contacts.create(app_db, full_name="Ana")
    at = open_app(PAGE)
    assert not [b for b in at.selectbox if b.key == "qo_contact"]  # drawn when its popover opens
    at.session_state["quick_outreach_open"] = True
    at.run()
    at.selectbox(key="qo_contact").select(ana)
    at.button(key="FormSubmitter:quick_outreach-Log outreach").click().run()
    assert not at.exception
    assert len(outreach.open_for(app_db, ana)) == 1


def test_the_demo_morning_has_meetings_thank_yous_and_a_streak(demo_app_db, open_app) -> None:
    at = open_app(PAGE)
    assert not at.exception
    streak = next(m.value for m in at.markdown if m.value.endswith("\nWeeks in a row at goal"))
    assert int(streak.removeprefix("**").split("**")[0]) >= 4
    assert "Thank-yous to send" in texts(at)


def test_a_new_user_sees_start_here_with_three_steps_until_they_are_done(app_db, open_app) -> None:
    from lib import contacts, organisations, outreach, profile

    profile.save(app_db, name="Maya Chen")
    at = open_app("pages/today.py")
    assert "Start here" in texts(at)
    assert [p.label for p in at.get("page_link")][:3] == [
        "Add a target employer - somewhere you would love to work",
        "Add a contact - someone whose work you would like to learn about",
        "Ask for a conversation - log the request, and Rapport keeps track"]
    acme = organisations.create(app_db, "Canva")
    organisations.set_lamp(app_db, acme, is_target=True)
    ana = contacts.create(app_db, full_name="Priya Raman", organisation="Canva")
    outreach.log(app_db, ana, "email", clock.today("UTC"))
    assert "Start here" not in texts(open_app("pages/today.py"))


def test_the_words_of_the_method_are_explained_where_they_appear(demo_app_db, open_app) -> None:
    labels = [e.label for e in open_app("pages/interviews.py", show="outreach").expander]  # on its tab
    assert "What is 3B7?" in labels and "Booster, Obligate, Curmudgeon?" in labels
    assert "What is LAMP?" in [e.label for e in open_app("pages/organisations.py").expander]


def test_today_shows_the_first_three_overdue_and_links_to_the_rest(demo_app_db, open_app) -> None:
    at = open_app(PAGE)
    overdue = [h.value for h in at.header if h.value.startswith("Overdue (")][0]
    total = int(overdue.removeprefix("Overdue (").removesuffix(")"))
    assert total > 3
    rows = [b for b in at.button if b.key and b.key.startswith("today_overdue_") and b.key.endswith("_done")]
    assert len(rows) == 3
    assert links(at)[f"{total - 3} more overdue on Follow-ups"].endswith("followups")


def test_a_change_shows_on_today_at_once_though_its_lists_are_kept_for_the_minute(app_db: Database, open_app) -> None:
    at = open_app(PAGE)
    assert "Overdue (0)" in texts(at)
    ana = contacts.create(app_db, full_name="Ana Okafor")
    followups.create(app_db, ana, "custom", "Send the article", clock.utcnow() - timedelta(days=2),
                     since=clock.utcnow() - timedelta(days=3))
    at.run()
    assert "Overdue (1)" in texts(at)


def test_ask_for_a_conversation_opens_the_outreach_tab_and_the_week_ahead_says_seven_days(app_db, open_app) -> None:
    at = open_app("pages/today.py")
    target = links(at)["Ask for a conversation - log the request, and Rapport keeps track"]
    assert target.endswith("?show=outreach")
    assert "Next seven days" in texts(at) and "This week" not in [h.value for h in at.header]
