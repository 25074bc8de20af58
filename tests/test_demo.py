"""lib/demo.py: a believable, deterministic year of networking."""

from datetime import timedelta
from pathlib import Path

import pytest

from lib import contacts, organisations, profile
from lib.db import Database
from lib.demo import seed_demo
from tests.conftest import DEMO_TODAY


def test_the_demo_has_about_eighty_contacts_across_fifteen_organisations(demo_db: Database) -> None:
    assert contacts.count(demo_db) == 80
    assert len(organisations.names(demo_db)) == 15
    assert len(organisations.industries(demo_db)) >= 5
    assert profile.get(demo_db).name == "Sam Rivera"


def test_introductions_chain_three_levels_deep(demo_db: Database) -> None:
    depth = demo_db.value(
        "WITH RECURSIVE chain(id, depth) AS ("
        " SELECT id, 0 FROM contact WHERE introduced_by_id IS NULL"
        " UNION ALL SELECT c.id, chain.depth + 1 FROM contact c JOIN chain ON c.introduced_by_id = chain.id)"
        " SELECT max(depth) FROM chain")
    assert depth == 3


def test_interactions_spread_over_many_months(demo_db: Database) -> None:
    months = demo_db.value("SELECT count(DISTINCT date_trunc('month', occurred_at)) FROM interaction")
    assert months >= 10
    assert demo_db.value("SELECT max(occurred_at) FROM interaction").date() <= DEMO_TODAY


def test_every_keep_in_touch_state_appears_so_filters_have_something_to_show(demo_db: Database) -> None:
    states = set(contacts.search(demo_db, today=DEMO_TODAY)["keep_in_touch_state"])
    assert states == {"healthy", "due_soon", "overdue", "dormant"}


def test_the_same_seed_and_day_give_the_same_rows(tmp_path: Path) -> None:
    one, two = Database(tmp_path / "one.duckdb"), Database(tmp_path / "two.duckdb")
    seed_demo(one, today=DEMO_TODAY)
    seed_demo(two, today=DEMO_TODAY)
    assert contacts.export_rows(one, today=DEMO_TODAY) == contacts.export_rows(two, today=DEMO_TODAY)
    timeline = "SELECT contact_id, kind, occurred_at, note FROM interaction ORDER BY id"
    assert one.rows(timeline) == two.rows(timeline)


def test_demo_data_never_goes_into_a_database_that_has_contacts(db: Database) -> None:
    contacts.create(db, full_name="My real contact")
    with pytest.raises(ValueError, match="already has contacts"):
        seed_demo(db)
    assert contacts.count(db) == 1


def test_the_demo_says_how_far_it_is_as_it_fills_the_file(tmp_path) -> None:
    heard: list[tuple[float, str]] = []
    seed_demo(Database(tmp_path / "demo.duckdb"), today=DEMO_TODAY, progress=lambda f, w: heard.append((f, w)))
    fractions = [f for f, _ in heard]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0 and len(heard) >= 5
    assert heard[-1][1] == "Ready"


def test_people_only_asked_so_far_have_no_first_conversation(demo_db: Database) -> None:
    never_met = demo_db.value(
        "SELECT count(*) FROM contact c WHERE NOT EXISTS (SELECT 1 FROM interaction i WHERE i.contact_id = c.id "
        "AND i.kind = 'meeting') AND EXISTS (SELECT 1 FROM outreach o WHERE o.contact_id = c.id)")
    assert never_met >= 10  # the requests still in flight: not everyone is warm


def test_the_later_months_still_bring_contacts_met_other_ways_than_by_referral(demo_db: Database) -> None:
    recent = demo_db.rows("SELECT source, count(*) AS n FROM contact WHERE first_met_on >= ? GROUP BY source",
                          [DEMO_TODAY - timedelta(days=240)])
    sources = {row["source"]: row["n"] for row in recent}
    assert sources.get("referral", 0) > 0 and sum(n for s, n in sources.items() if s != "referral") >= 5
