"""pages/settings.py through AppTest: the whole profile, and switching to and from the demo."""

from lib import profile
from lib.db import Database
from tests.pages.conftest import texts

PAGE = "pages/settings.py"


def test_the_full_profile_saves_reminder_defaults_too(app_db: Database, open_app) -> None:
    at = open_app(PAGE)
    at.text_input(key="settings_profile_name").input("Sam")
    at.number_input(key="settings_profile_window").set_value(48)
    at.number_input(key="settings_profile_close").set_value(21)
    at.selectbox(key="settings_profile_plan").select("premium")
    at.button(key="FormSubmitter:settings_profile-Save profile").click().run()
    assert "Profile saved." in texts(at)
    saved = profile.get(app_db)
    assert (saved.name, saved.thank_you_window_hours, saved.cadence_close_days, saved.linkedin_plan) == (
        "Sam", 48, 21, "premium")


def test_the_data_tab_names_the_file_and_switches_to_the_demo_and_back(app_db: Database, open_app) -> None:
    at = open_app(PAGE)
    assert f"`{app_db.path}`" in texts(at)
    at.button(key="settings_demo").click().run()
    assert "This is the demo database" in texts(at)
    profile.save(app_db, name="Sam")  # an onboarded user goes back to where they were
    at.button(key="settings_leave_demo").click().run()
    assert f"`{app_db.path}`" in texts(at)
    assert at.title[0].value == "Settings"


def test_the_data_tab_offers_every_export_and_refuses_a_bad_backup(app_db: Database, open_app) -> None:
    from lib import contacts

    contacts.create(app_db, full_name="Keep me")
    at = open_app(PAGE)
    labels = {b.label for b in at.get("download_button")}
    assert {"Contacts (CSV)", "Contacts (vCard)", "Everything (JSON)", "Backup (zip)"} <= labels
    assert at.button(key="restore_go").disabled  # nothing uploaded, nothing confirmed
