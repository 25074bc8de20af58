"""lib/organisations.py: employers, and the LAMP target list in the order the method prescribes."""

import pytest

from lib import contacts, organisations
from lib.db import Database
from lib.validation import Invalid


def test_the_same_name_in_another_case_finds_the_existing_organisation(db: Database) -> None:
    first = organisations.create(db, "Acme Corp", industry="Fintech")
    assert organisations.create(db, "acme   corp") == first
    assert organisations.get_or_create(db, "ACME CORP") == first
    assert organisations.get_or_create(db, "   ") is None


def test_a_blank_name_or_odd_website_is_refused_with_a_reason(db: Database) -> None:
    with pytest.raises(Invalid) as caught:
        organisations.create(db, "  ", website="not a site")
    assert caught.value.problems == {
        "name": "Organisation name is required",
        "website": "Website should look like https://example.com",
    }


def test_a_bare_domain_becomes_a_link(db: Database) -> None:
    org = organisations.create(db, "Acme", website="acme.example")
    assert organisations.get(db, org)["website"] == "https://acme.example"


def test_renaming_onto_another_organisations_name_is_refused(db: Database) -> None:
    organisations.create(db, "Acme")
    other = organisations.create(db, "Globex")
    with pytest.raises(Invalid, match="already called Acme"):
        organisations.update(db, other, name="acme")


def _target(db: Database, name: str, advocacy: bool, motivation: int, posting: int) -> int:
    org = organisations.create(db, name)
    organisations.set_lamp(db, org, is_target=True, advocacy=advocacy, motivation=motivation,
                           posting=posting)
    return org


def test_lamp_sorts_by_motivation_then_posting_then_advocacy(db: Database) -> None:
    _target(db, "Low motivation", True, 1, 3)
    _target(db, "Dream, no posting", False, 3, 1)
    _target(db, "Dream, posting, advocate", True, 3, 3)
    _target(db, "Dream, posting", False, 3, 3)
    _target(db, "Keen", True, 2, 2)
    _target(db, "Keen too", False, 2, 2)
    organisations.create(db, "Not a target")
    order = list(organisations.target_list(db)["name"])
    assert order == ["Dream, posting, advocate", "Dream, posting", "Dream, no posting", "Keen",
                     "Keen too", "Low motivation"]


def test_the_top_five_stand_out_and_employers_with_fewer_than_two_contacts_say_so(db: Database) -> None:
    ids = [_target(db, f"Employer {n}", False, 3 - n // 2, 1) for n in range(6)]
    contacts.create(db, full_name="Ana", organisation="Employer 0")
    contacts.create(db, full_name="Bo", organisation="Employer 0")
    contacts.create(db, full_name="Cy", organisation="Employer 1")
    listing = organisations.target_list(db).set_index("id")
    assert list(listing["top"]) == [True] * 5 + [False]
    assert not listing.loc[ids[0], "few_contacts"]
    assert listing.loc[ids[1], "few_contacts"] and listing.loc[ids[1], "contacts"] == 1


def test_lamp_scores_outside_their_scale_are_refused(db: Database) -> None:
    org = organisations.create(db, "Acme")
    with pytest.raises(Invalid, match="0 \\(none\\) to 3"):
        organisations.set_lamp(db, org, motivation=4)
    with pytest.raises(Invalid, match="1 \\(none\\) to 3"):
        organisations.set_lamp(db, org, posting=0)


def test_deleting_an_organisation_keeps_its_contacts_unlinked(db: Database) -> None:
    person = contacts.create(db, full_name="Ana", organisation="Acme")
    organisations.delete(db, organisations.find_by_name(db, "Acme")["id"])
    assert contacts.get(db, person)["organisation"] == ""
    assert organisations.names(db) == []


def test_advocacy_follows_the_contacts_there_until_the_user_sets_it(db: Database) -> None:
    from lib import contacts

    acme = organisations.create(db, "Acme")
    organisations.set_lamp(db, acme, is_target=True)
    assert not organisations.target_list(db)["lamp_advocacy"][0]
    contacts.create(db, full_name="Ana Okafor", organisation="Acme")
    assert organisations.target_list(db)["lamp_advocacy"][0]  # someone there: yes
    organisations.set_lamp(db, acme, advocacy=False)  # the user knows better (no one who would vouch)
    assert not organisations.target_list(db)["lamp_advocacy"][0]
