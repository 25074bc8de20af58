"""lib/contacts.py: adding, validating, finding, editing, archiving and the keep-in-touch clock."""

from datetime import date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lib import contacts, interactions, organisations, profile
from lib.db import Database
from lib.validation import Invalid

TODAY = date(2026, 6, 1)


def test_a_contact_is_stored_with_its_organisation_and_tags(db: Database) -> None:
    ana = contacts.create(db, full_name="  Ana   Okafor ", email="Ana@Ledgerly.Example",
                          organisation="Ledgerly", industry="Fintech", role="UX Researcher",
                          source="alumni", tags="mentor, UX, mentor ,ux", first_met_on=date(2026, 1, 2))
    stored = contacts.get(db, ana, today=TODAY)
    assert (stored["name"], stored["email"], stored["organisation"], stored["industry"]) == (
        "Ana Okafor", "ana@ledgerly.example", "Ledgerly", "Fintech")
    assert stored["tag_list"] == ["mentor", "UX"]
    assert stored["source"] == "alumni"


def test_every_problem_with_a_half_filled_form_is_named_at_once(db: Database) -> None:
    with pytest.raises(Invalid) as caught:
        contacts.create(db, full_name="", email="ana@", linkedin_url="ana-okafor",
                        first_met_on=date(2999, 1, 1), cadence_days=0)
    assert caught.value.problems == {
        "full_name": "Name is required",
        "email": "'ana@' is not an email address (expected name@example.com)",
        "linkedin_url": "LinkedIn URL should look like https://www.linkedin.com/in/their-name",
        "first_met_on": "First met cannot be a date in the future",
        "cadence_days": "Keep-in-touch cadence must be between 1 and 730 days",
    }
    assert contacts.count(db) == 0


@pytest.mark.parametrize("pasted", [
    "linkedin.com/in/ana-okafor",
    "https://www.linkedin.com/in/ana-okafor/",
    "http://uk.linkedin.com/in/ana-okafor?trk=people",
    "HTTPS://WWW.LINKEDIN.COM/IN/ana-okafor#about",
])
def test_linkedin_urls_are_normalised_however_they_were_pasted(pasted: str) -> None:
    assert contacts.normalise_linkedin(pasted) == "https://www.linkedin.com/in/ana-okafor"


def test_editing_replaces_fields_and_tags_and_can_move_an_introducer_to_a_new_employer(db: Database) -> None:
    ana = contacts.create(db, full_name="Ana", organisation="Ledgerly", tags=["mentor"])
    contacts.create(db, full_name="Bo", introduced_by_id=ana, source="referral")
    interactions.log(db, ana, "meeting", datetime(2026, 1, 1, 9))
    contacts.update(db, ana, organisation="Greenline", role="Head of Research", tags=["climate"])
    stored = contacts.get(db, ana, today=TODAY)
    assert (stored["organisation"], stored["role"], stored["tag_list"]) == (
        "Greenline", "Head of Research", ["climate"])
    assert organisations.find_by_name(db, "Ledgerly") is not None


def test_an_edit_that_fails_validation_changes_nothing(db: Database) -> None:
    ana = contacts.create(db, full_name="Ana", email="ana@example.com")
    with pytest.raises(Invalid):
        contacts.update(db, ana, full_name="Ana B", email="broken")
    assert contacts.get(db, ana)["name"] == "Ana"


def test_introductions_cannot_loop_or_point_at_themselves(db: Database) -> None:
    ana = contacts.create(db, full_name="Ana")
    bo = contacts.create(db, full_name="Bo", introduced_by_id=ana)
    cy = contacts.create(db, full_name="Cy", introduced_by_id=bo)
    with pytest.raises(Invalid, match="loop"):
        contacts.update(db, ana, introduced_by_id=cy)
    with pytest.raises(Invalid, match="themselves"):
        contacts.update(db, ana, introduced_by_id=ana)
    with pytest.raises(Invalid, match="No contact 99"):
        contacts.create(db, full_name="Di", introduced_by_id=99)
    assert [p["name"] for p in contacts.introduced_by(db, ana)] == ["Bo"]


@pytest.fixture
def network(db: Database) -> Database:
    contacts.create(db, full_name="Ana Okafor", organisation="Ledgerly", industry="Fintech",
                    role="UX Researcher", email="ana@ledgerly.example", tags=["mentor"],
                    source="alumni", first_met_on=date(2026, 5, 20))
    contacts.create(db, full_name="Bo Chen", organisation="Greenline", industry="Climate tech",
                    role="Product Manager", notes="Loves 100% renewable_power talk",
                    source="event", first_met_on=date(2025, 1, 10))
    contacts.create(db, full_name="Cy Patel", organisation="Greenline", role="Data Analyst",
                    tags=["data", "mentor"], source="linkedin", first_met_on=date(2026, 4, 1))
    return db


@pytest.mark.parametrize(("text", "names"), [
    ("okafor", ["Ana Okafor"]),
    ("ana", ["Ana Okafor", "Bo Chen", "Cy Patel"]),  # Ana, Manager, Analyst
    ("GREENLINE", ["Bo Chen", "Cy Patel"]),
    ("mentor", ["Ana Okafor", "Cy Patel"]),
    ("green analyst", ["Cy Patel"]),
    ("ledgerly.example", ["Ana Okafor"]),
    ("100%", ["Bo Chen"]),
    ("renewable_power", ["Bo Chen"]),
    ("r_n", []),
    ("fintech", ["Ana Okafor"]),
    ("", ["Ana Okafor", "Bo Chen", "Cy Patel"]),
])
def test_search_matches_every_word_anywhere_and_takes_wildcards_literally(
        network: Database, text: str, names: list[str]) -> None:
    assert list(contacts.search(network, text, today=TODAY)["name"]) == names


def test_filters_narrow_by_source_industry_tag_and_state(network: Database) -> None:
    def names(**filters: str) -> list[str]:
        return list(contacts.search(network, today=TODAY, **filters)["name"])

    assert names(source="event") == ["Bo Chen"]
    assert names(industry="Climate tech") == ["Bo Chen", "Cy Patel"]
    assert names(tag="data") == ["Cy Patel"]
    assert names(state="dormant") == ["Bo Chen"]
    assert names(state="healthy") == ["Ana Okafor", "Cy Patel"]


def test_archived_contacts_leave_the_list_and_come_back_when_restored(network: Database) -> None:
    bo = int(contacts.search(network, "Bo", today=TODAY)["id"][0])
    contacts.archive(network, bo)
    assert "Bo Chen" not in list(contacts.search(network, today=TODAY)["name"])
    assert list(contacts.search(network, archived=True, today=TODAY)["name"]) == ["Bo Chen"]
    contacts.restore(network, bo)
    assert contacts.search(network, archived=True, today=TODAY).empty


def test_sorting_by_next_due_puts_the_most_urgent_first(network: Database) -> None:
    assert list(contacts.search(network, sort="next_due", today=TODAY)["name"]) == [
        "Bo Chen", "Cy Patel", "Ana Okafor"]


def test_the_keep_in_touch_clock_starts_at_first_met_and_resets_on_each_interaction(db: Database) -> None:
    ana = contacts.create(db, full_name="Ana", tier="close", first_met_on=date(2026, 1, 1))
    assert contacts.get(db, ana, today=TODAY)["keep_in_touch_due"] == date(2026, 1, 31)
    interactions.log(db, ana, "call", datetime(2026, 5, 25, 23, 30))
    after = contacts.get(db, ana, today=TODAY)
    assert after["keep_in_touch_due"] == date(2026, 6, 24)
    assert after["keep_in_touch_state"] == "healthy"


def test_a_contacts_own_cadence_beats_the_tier_default_from_the_profile(db: Database) -> None:
    profile.save(db, cadence_casual_days=120)
    casual = contacts.create(db, full_name="Ana", tier="casual", first_met_on=date(2026, 1, 1))
    own = contacts.create(db, full_name="Bo", tier="casual", cadence_days=7, first_met_on=date(2026, 1, 1))
    assert contacts.get(db, casual, today=TODAY)["cadence"] == 120
    assert contacts.get(db, own, today=TODAY)["keep_in_touch_due"] == date(2026, 1, 8)


def test_a_missing_contact_is_reported_by_id(db: Database) -> None:
    with pytest.raises(contacts.ContactNotFound, match="No contact 7"):
        contacts.get(db, 7)
    with pytest.raises(contacts.ContactNotFound):
        contacts.delete(db, 7)


def test_export_rows_carry_the_promised_fields(network: Database) -> None:
    rows = contacts.export_rows(network, today=TODAY)
    assert set(rows[0]) >= {"id", "name", "email", "linkedin_url", "organisation", "role", "industry",
                            "source", "introduced_by", "tags", "last_interaction_at", "keep_in_touch_due"}
    assert rows[0]["keep_in_touch_due"] == "2026-08-18"


def test_a_name_of_any_length_is_refused_past_one_line_in_every_path(db: Database) -> None:
    with pytest.raises(Invalid) as refused:
        contacts.create(db, full_name="A" * 100_000, role="R" * 300, notes="n" * 30_000)
    assert refused.value.problems == {"full_name": "Name is too long (at most 200 characters)",
                                      "role": "Role is too long (at most 200 characters)",
                                      "notes": "Notes is too long (at most 20,000 characters)"}
    assert contacts.count(db) == 0


def test_nul_and_control_characters_never_reach_the_database(db: Database) -> None:
    new = contacts.create(db, full_name="Ana\x00 Oka\x07for\nSmith", notes="line one\x00\nline two")
    saved = contacts.editable(db, new)
    assert (saved["full_name"], saved["notes"]) == ("Ana Okafor Smith", "line one\nline two")


# Text as people and exports write it - mostly plain, sometimes with a control character, a line break, a
# long value or an odd address - so both answers of quick_validate (done, or "ask validate") are exercised.
_plain = st.sampled_from(["", "Ana Okafor", "  Cy  Patel ", "Ledgerly", "UX researcher", "Zoë Ğül", "O'Brien-Smith"])
_odd = st.one_of(st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12),
                 st.text(max_size=3).map(lambda t: "x" * 199 + t))
_text = st.one_of(_plain, _plain, _plain, _odd)
_emails = st.sampled_from(["", "ana@ledgerly.example", " Ana@Ledgerly.EXAMPLE ", "BO@x.io"])
_urls = st.sampled_from(["", "linkedin.com/in/ana-okafor/", "HTTPS://WWW.LinkedIn.com/IN/Ana?trk=1"])
_plain_row = st.fixed_dictionaries({"full_name": _plain.filter(str.strip)}, optional={
    "email": _emails, "linkedin_url": _urls, "phone": _plain, "organisation": _plain, "industry": _plain,
    "role": _plain, "location": _plain, "notes": _plain, "rapport_notes": _plain,
    "source": st.sampled_from(["linkedin", "referral", "other"]), "tier": st.sampled_from(["close", "casual"]),
    "first_met_on": st.dates(date(2000, 1, 1), date(2025, 12, 31)), "tags": st.lists(_plain, max_size=3)})
_any_row = st.fixed_dictionaries({"full_name": _text}, optional={
    "email": st.one_of(_emails, _emails, _emails, _text, st.sampled_from(["ana@", "a b@c.de"])),
    "linkedin_url": st.one_of(_urls, _urls, _text, st.just("https://example.com/ana")),
    "phone": _text, "organisation": _text, "industry": _text, "role": _text, "location": _text,
    "notes": st.one_of(_text, st.just("line one\nline two")), "rapport_notes": _text,
    "source": st.sampled_from(["linkedin", "referral", "other", "friend"]),
    "tier": st.sampled_from(["close", "active", "casual", "best"]),
    "first_met_on": st.one_of(st.none(), st.dates(date(2000, 1, 1), date(2100, 1, 1))),
    "tags": st.one_of(st.lists(_text, max_size=3), st.just("a, b")),
    "cadence_days": st.one_of(st.none(), st.none(), st.integers(-5, 900)),
})
_contact = st.one_of(_plain_row, _any_row)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_contact)
def test_the_quick_check_of_an_import_row_agrees_with_validate(fields: dict) -> None:
    quick = contacts.quick_validate(**fields)
    try:
        full = contacts.validate(**fields).model_dump()
    except Invalid:
        assert quick is None  # every problem is worded by validate alone
        return
    assert quick is None or quick == full


def test_the_quick_check_takes_the_plain_rows_an_import_is_made_of() -> None:
    row = {"full_name": "Ana  Okafor", "email": "Ana@Ledgerly.example", "linkedin_url": "linkedin.com/in/ana/",
           "organisation": "Ledgerly ", "role": "Head of Research", "source": "linkedin",
           "first_met_on": date(2024, 3, 15), "tags": ["ux", "UX", "mentor"]}
    assert contacts.quick_validate(**row) == contacts.validate(**row).model_dump()
    assert contacts.quick_validate(**row)["linkedin_url"] == "https://www.linkedin.com/in/ana"
