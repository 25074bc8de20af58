"""pages/welcome.py: a newcomer learns what informational interviews are, then sets up or explores."""

from lib import contacts, profile
from lib.db import Database
from tests.pages.conftest import shown, texts


def test_the_welcome_explains_these_are_not_job_interviews(app_db, open_app) -> None:
    page = texts(open_app())
    assert "*not* job interviews" in page
    assert "give back" in page and "build rapport" in page


def test_saving_the_profile_takes_the_newcomer_to_today(app_db: Database, open_app) -> None:
    at = open_app()
    at.text_input(key="onboarding_name").input("Sam Rivera")
    at.text_input(key="onboarding_roles").input("UX researcher")
    at.selectbox(key="onboarding_tz").select("Europe/London")
    at.number_input(key="onboarding_goal").set_value(3)
    at.button(key="FormSubmitter:onboarding-Save and start").click().run()
    assert not at.exception
    assert at.title[0].value == "Today"
    saved = profile.get(app_db)
    assert (saved.name, saved.target_roles, saved.time_zone, saved.weekly_goal) == (
        "Sam Rivera", "UX researcher", "Europe/London", 3)


def test_exploring_the_demo_switches_this_session_and_leaves_the_users_file_empty(app_db: Database,
                                                                                 open_app) -> None:
    at = open_app()
    at.button[-1].click().run()
    assert not at.exception
    assert at.title[0].value == "Today"
    assert "Sam." in texts(at)  # the demo profile's name, not the user's
    assert "demo data" in " ".join(i.value for i in at.sidebar.info)
    assert contacts.count(app_db) == 0 and not profile.exists(app_db)

    at.sidebar.button(key="leave_demo").click().run()
    assert at.title[0].value == "Welcome to Rapport"


def test_save_and_start_with_no_name_asks_for_one_and_keeps_the_welcome(app_db: Database, open_app) -> None:
    from lib import profile

    at = open_app("pages/welcome.py")
    at.button(key="FormSubmitter:onboarding-Save and start").click().run()
    assert "Your first name is needed; everything else can wait" in shown(at.error[0].value)
    assert not profile.exists(app_db) and at.title[0].value == "Welcome to Rapport"
