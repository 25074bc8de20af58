"""pages/organisations.py through AppTest: the LAMP list, adding employers, and editing them."""

from lib import contacts, organisations
from lib.db import Database
from tests.pages.conftest import shown, texts

PAGE = "pages/organisations.py"


def test_an_empty_target_list_explains_lamp_and_how_to_start(app_db, open_app) -> None:
    page = texts(open_app(PAGE))
    assert "Advocacy" in page and "Motivation" in page and "Posting" in page
    assert "No target employers yet" in page


def test_the_demo_target_list_stars_the_top_five_and_flags_thin_coverage(demo_app_db: Database, open_app) -> None:
    at = open_app(PAGE)
    shown = at.data_editor[0].value  # the editor's current frame, as the user sees it
    assert list(shown["rank"][:6]) == ["★ 1", "★ 2", "★ 3", "★ 4", "★ 5", "6"]
    assert list(shown["name"]) == list(organisations.target_list(demo_app_db)["name"])
    assert "**Start with:** Greenline Energy, Medisphere" in texts(at)


def test_adding_a_known_employer_to_the_list(app_db: Database, open_app) -> None:
    # AppTest can only pick listed options; typing a new name is covered in the browser tests.
    organisations.create(app_db, "Carbonwise", industry="Climate tech")
    at = open_app(PAGE)
    at.selectbox(key="target_pick").select("Carbonwise")
    at.button(key="FormSubmitter:add_target-Add to list").click().run()
    assert not at.exception
    assert list(organisations.target_list(app_db)["name"]) == ["Carbonwise"]
    notes = at.data_editor[0].value["advice"]
    assert notes[0] == "No contacts yet - find someone there"


def test_a_bad_website_is_refused_with_a_reason_and_nothing_is_added(app_db: Database, open_app) -> None:
    at = open_app(PAGE)
    at.text_input(key="org_name").input("Acme")
    at.text_input(key="org_website").input("not a website")
    at.button(key="FormSubmitter:add_organisation-Add organisation").click().run()
    assert "Website should look like https://example.com" in shown(at.error[0].value)
    assert organisations.names(app_db) == []


def test_opening_an_organisation_lists_its_people_and_saves_edits(app_db: Database, open_app) -> None:
    contacts.create(app_db, full_name="Ana", organisation="Acme", role="Designer")
    acme = organisations.find_by_name(app_db, "Acme")["id"]
    at = open_app(PAGE)
    at.selectbox(key="org_open").select(acme).run()
    assert at.header[0].value == "Acme"
    assert any(link.label == "Ana - Designer" for link in at.get("page_link"))
    at.text_input(key=f"edit_org_{acme}_industry").input("Software")
    at.button(key=f"FormSubmitter:edit_org_{acme}-Save changes").click().run()
    assert organisations.get(app_db, acme)["industry"] == "Software"


def test_add_to_list_with_nothing_picked_says_what_to_do(app_db: Database, open_app) -> None:
    at = open_app(PAGE)
    at.button(key="FormSubmitter:add_target-Add to list").click().run()
    assert "Pick an employer, or type a new one's name" in texts(at)
