"""lib/profile.py: onboarding state, defaults and validation of the user's own profile."""

import pytest

from lib import profile
from lib.db import Database
from lib.validation import Invalid


def test_a_new_database_has_no_profile_so_the_newcomer_is_onboarded(db: Database) -> None:
    assert not profile.exists(db)
    assert profile.get(db).weekly_goal == 2


def test_saving_creates_the_profile_then_updates_only_what_changed(db: Database) -> None:
    profile.save(db, name="  Sam Rivera ", target_roles="UX researcher", time_zone="Europe/London")
    profile.save(db, weekly_goal=3)
    saved = profile.get(db)
    assert profile.exists(db)
    assert (saved.name, saved.target_roles, saved.weekly_goal, saved.time_zone) == (
        "Sam Rivera", "UX researcher", 3, "Europe/London")


def test_bad_values_are_refused_with_the_forms_own_words_and_nothing_changes(db: Database) -> None:
    profile.save(db, name="Sam")
    with pytest.raises(Invalid) as caught:
        profile.save(db, weekly_goal=99, time_zone="Mars/Base")
    assert caught.value.problems["weekly_goal"].startswith("Weekly interview goal must be between")
    assert "not a time zone Rapport knows" in caught.value.problems["time_zone"]
    assert profile.get(db).weekly_goal == 2


def test_tier_cadences_come_from_the_profile() -> None:
    prof = profile.Profile(cadence_close_days=21, cadence_casual_days=365)
    assert [prof.cadence_for(t) for t in ("close", "active", "casual")] == [21, 90, 365]


def test_a_new_profile_starts_in_the_browsers_time_zone_and_a_saved_one_keeps_its_own() -> None:
    fresh = profile.Profile()
    assert profile.starting_zone(fresh, saved=False, browser_zone="Australia/Melbourne") == "Australia/Melbourne"
    assert profile.starting_zone(fresh, saved=False, browser_zone=None) == "UTC"
    assert profile.starting_zone(fresh, saved=False, browser_zone="Mars/Olympus") == "UTC"
    chosen = profile.Profile(time_zone="Europe/London")
    assert profile.starting_zone(chosen, saved=True, browser_zone="Australia/Melbourne") == "Europe/London"
