"""pages/contacts.py through AppTest: add, validate, search, open, log, edit, archive and delete."""

from lib import contacts, interactions
from lib.db import Database
from tests.pages.conftest import links, shown, texts

PAGE = "pages/contacts.py"
CONTACT = "pages/contact.py"


def fill_add_form(at, **fields: str) -> None:
    for key, value in fields.items():
        at.text_input(key=f"add_contact_{key}").input(value)


def submit_add(at) -> None:
    at.button(key="FormSubmitter:add_contact-Add contact").click().run()


def test_an_empty_list_invites_the_first_contact(app_db, open_app) -> None:
    at = open_app(PAGE)
    assert "No contacts yet" in texts(at)


def test_adding_a_contact_through_the_form_saves_it_and_lists_it(app_db: Database, open_app) -> None:
    at = open_app(PAGE)
    fill_add_form(at, name="Ana Okafor", email="ana@ledgerly.example", role="UX Researcher")
    at.selectbox(key="add_contact_source").select("alumni")
    at.multiselect(key="add_contact_tags").set_value(["mentor"])
    submit_add(at)
    assert not at.exception
    assert "Added Ana Okafor." in texts(at) and at.title[0].value == "Ana Okafor"  # their page
    stored = contacts.search(app_db).iloc[0]
    assert (stored["name"], stored["source"], stored["tags"]) == ("Ana Okafor", "alumni", "mentor")


def test_a_half_filled_form_says_what_is_wrong_and_keeps_what_was_typed(app_db: Database, open_app) -> None:
    at = open_app(PAGE)
    fill_add_form(at, email="ana@", linkedin="not-a-url", role="UX Researcher")
    submit_add(at)
    error = shown(at.error[0].value)
    assert error.startswith("Nothing was saved. Please fix:")
    assert "- Name is required" in error
    assert "'ana@' is not an email address" in error
    assert "LinkedIn URL should look like" in error
    assert at.text_input(key="add_contact_role").value == "UX Researcher"
    assert contacts.count(app_db) == 0


def test_search_narrows_the_list(demo_app_db, open_app) -> None:
    at = open_app(PAGE)
    at.text_input(key="contact_search").input("Greenline").run()
    count = len(contacts.search(demo_app_db, "Greenline"))
    assert 0 < count < 77
    assert f"{count} contacts - select a row" in texts(at)
    at.text_input(key="contact_search").input("zzzz-nobody").run()
    assert "Nobody matches" in texts(at)


def test_a_contact_opens_from_a_deep_link_with_its_introductions(demo_app_db: Database, open_app) -> None:
    referred = demo_app_db.row("SELECT c.id, c.full_name, i.full_name AS introducer FROM contact c "
                               "JOIN contact i ON i.id = c.introduced_by_id LIMIT 1")
    at = open_app(CONTACT, id=str(referred["id"]))
    assert at.title[0].value == referred["full_name"]
    assert links(at)[referred["introducer"]].startswith("contact?id=")
    assert "Keep in touch" in texts(at) and "Timeline" in texts(at)


def test_the_introducer_is_a_link_to_their_page(demo_app_db: Database, open_app) -> None:
    referred = demo_app_db.row("SELECT id, introduced_by_id FROM contact WHERE introduced_by_id IS NOT NULL LIMIT 1")
    introducer = contacts.get(demo_app_db, referred["introduced_by_id"])["name"]
    at = open_app(CONTACT, id=str(referred["id"]))
    assert links(at)[introducer] == f"contact?id={referred['introduced_by_id']}"
    assert links(at)["All contacts"] == "contacts"
    assert open_app(CONTACT, id=str(referred["introduced_by_id"])).title[0].value == introducer


def test_an_address_saved_before_contacts_had_their_own_page_still_opens_the_contact(demo_app_db, open_app) -> None:
    at = open_app(PAGE, contact="1")
    assert at.title[0].value == contacts.get(demo_app_db, 1)["name"]
    assert dict(at.query_params) == {"id": "1"}


def test_the_contact_page_without_a_contact_shows_the_list(demo_app_db, open_app) -> None:
    assert open_app(CONTACT, id="someone").title[0].value == "Contacts"


def test_logging_an_interaction_resets_the_clock(app_db: Database, open_app) -> None:
    ana = contacts.create(app_db, full_name="Ana")
    at = open_app(CONTACT, id=str(ana))
    at.selectbox(key="log_kind").select("call")
    at.text_input(key="log_note").input("Talked about research ops")
    at.button(key="FormSubmitter:log_interaction-Log interaction").click().run()
    assert not at.exception
    assert [e["note"] for e in interactions.timeline(app_db, ana)] == ["Talked about research ops"]
    assert "Talked about research ops" in texts(at)


def test_editing_a_contact_saves_the_change(app_db: Database, open_app) -> None:
    ana = contacts.create(app_db, full_name="Ana", role="Analyst")
    at = open_app(CONTACT, id=str(ana))
    at.text_input(key=f"edit_contact_{ana}_role").input("Head of Research")
    at.button(key=f"FormSubmitter:edit_contact_{ana}-Save changes").click().run()
    assert not at.exception
    assert contacts.get(app_db, ana)["role"] == "Head of Research"


def test_deleting_needs_a_confirmation_then_removes_the_contact(app_db: Database, open_app) -> None:
    ana = contacts.create(app_db, full_name="Ana")
    at = open_app(CONTACT, id=str(ana))
    assert at.button(key="delete_contact").disabled, "no deleting without the confirmation"
    at.checkbox(key="confirm_delete").check().run()
    at.button(key="delete_contact").click().run()
    assert not at.exception
    assert contacts.count(app_db) == 0
    assert at.title[0].value == "Contacts" and "id" not in at.query_params


def test_archiving_hides_the_contact_and_restore_brings_it_back(app_db: Database, open_app) -> None:
    ana = contacts.create(app_db, full_name="Ana")
    at = open_app(CONTACT, id=str(ana))
    next(b for b in at.button if b.label == "Archive").click().run()
    assert "This contact is archived." in texts(at)
    assert contacts.search(app_db).empty
    next(b for b in at.button if b.label == "Restore from archive").click().run()
    assert len(contacts.search(app_db)) == 1


def test_a_contact_that_no_longer_exists_says_so(app_db, open_app) -> None:
    at = open_app(CONTACT, id="424242")
    assert "There is no contact 424242" in shown(at.warning[0].value)


def test_a_second_click_or_a_known_email_asks_before_adding_a_duplicate(app_db: Database, open_app) -> None:
    contacts.create(app_db, full_name="Ana Okafor", email="ana@ledgerly.example")
    at = open_app(PAGE)
    fill_add_form(at, name="Ana O.", email="ANA@ledgerly.example")
    submit_add(at)
    assert "Ana Okafor already has this email address. Open their page, or add a new contact anyway." in texts(at)
    assert contacts.count(app_db) == 1
    at.button(key=[b.key for b in at.button if b.label == "Open their page"][0]).click().run()
    assert at.title[0].value == "Ana Okafor" and contacts.count(app_db) == 1


def test_the_list_and_the_contact_page_speak_in_the_users_time_zone(app_db: Database, open_app) -> None:
    from datetime import date, datetime, timedelta

    from lib import clock, interactions, profile

    profile.save(app_db, name="Maya", time_zone="Australia/Sydney")
    ana = contacts.create(app_db, full_name="Priya Raman")
    when = clock.utcnow() - timedelta(minutes=5)
    interactions.log(app_db, ana, "meeting", when)
    local_day = clock.to_local(when, "Australia/Sydney").date()
    at = open_app(PAGE)
    shown_day = at.dataframe[0].value["last_interaction"].iloc[0]
    assert shown_day == local_day and isinstance(shown_day, date) and not isinstance(shown_day, datetime)
    at = open_app(CONTACT, id=str(ana))
    assert "**Last interaction** today" in texts(at)


def test_a_future_first_met_date_is_named_in_the_list_of_problems(app_db: Database, open_app) -> None:
    from datetime import date, timedelta

    at = open_app(PAGE)
    fill_add_form(at, name="Ana Okafor")
    at.date_input(key="add_contact_first_met").set_value(date.today() + timedelta(days=30))
    submit_add(at)
    assert "- First met cannot be a date in the future" in shown(at.error[0].value)
    assert contacts.count(app_db) == 0


def test_logging_an_outreach_from_the_contact_page_counts_as_an_interaction(app_db: Database, open_app) -> None:
    ana = contacts.create(app_db, full_name="Ana")
    at = open_app(CONTACT, id=str(ana))
    assert "**Last interaction** never" in texts(at)
    at.text_area(key=f"outreach_{ana}_body").input("Hello Ana, would you have 20 minutes?").run()
    at.button(key=f"outreach_{ana}_log").click().run()
    at.run()
    assert "**Last interaction** today" in texts(at)


def test_thousands_of_possible_duplicates_are_reviewed_a_hundred_at_a_time(app_db: Database, open_app) -> None:
    app_db.execute("INSERT INTO contact (full_name, email, created_at, updated_at) "
                   "SELECT 'Sam Lee ' || i, 'sam@example.org', now(), now() FROM range(1200) t(i)")
    at = open_app(PAGE)
    assert "Possible duplicates (1,199)" in [e.label for e in at.expander]
    assert "The first 100 of 1,199; as you merge them, the next ones appear." in texts(at)
    pair = at.selectbox(key="dup_pair")
    assert len(pair.options) == 100
    assert pair.options[0] == "Sam Lee 0 and Sam Lee 1 - same email"
