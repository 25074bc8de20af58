"""The benchmark behind `make bench`: Rapport at a heavy networker's scale, against baselines.

Builds a synthetic database (10,000 contacts, 100,000 interactions) in a temp dir with set-based
SQL, then reports medians of repeated runs, each beside a baseline measured in the same run.
"""

from __future__ import annotations

import resource
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import duckdb

from lib import contacts
from lib.db import Database

CONTACTS = 10_000
INTERACTIONS = 100_000
ORGANISATIONS = 500


@dataclass
class Measure:
    """One line of the benchmark table."""

    name: str
    median_ms: float
    baseline: str
    baseline_ms: float
    target: str

    @property
    def ratio(self) -> float:
        return self.median_ms / self.baseline_ms if self.baseline_ms else float("nan")

    def as_dict(self) -> dict:
        return asdict(self) | {"ratio": round(self.ratio, 2)}


def median_ms(work: Callable[[], object], runs: int = 15, warmup: int = 2) -> float:
    """Median wall time of `work` in milliseconds, after a warm-up."""
    for _ in range(warmup):
        work()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(times), 2)


def build(path: Path) -> Database:
    """A synthetic network at benchmark scale, written with set-based SQL in a few seconds."""
    db = Database(path)
    db.migrate()
    with db.transaction() as con:
        con.execute(
            "INSERT INTO organisation (name, industry, created_at, updated_at) "
            "SELECT 'Organisation ' || i, ['Fintech','Healthtech','Climate tech','Education',"
            "'Media','Consulting','Software','Retail'][1 + i % 8], now(), now() "
            f"FROM range({ORGANISATIONS}) t(i)"
        )
        con.execute(
            "INSERT INTO contact (full_name, email, organisation_id, role, source, introduced_by_id,"
            " tier, notes, first_met_on, created_at, updated_at) "
            "SELECT 'Person ' || i || ' ' || ['Okafor','Chen','Patel','Silva','Novak'][1 + i % 5],"
            " 'person' || i || '@example.com', 1 + i % $orgs,"
            " ['Analyst','Designer','Engineer','Manager','Researcher'][1 + i % 5],"
            " ['referral','alumni','event','linkedin','cold_outreach','other'][1 + i % 6],"
            " CASE WHEN i >= 1000 THEN 1 + i % 1000 END,"
            " ['close','active','casual'][1 + i % 3], 'met at event ' || (i % 97),"
            " DATE '2024-01-01' + CAST(i % 700 AS INTEGER), now(), now() "
            "FROM range($n) t(i)",
            {"orgs": ORGANISATIONS, "n": CONTACTS},
        )
        con.execute(
            "INSERT INTO contact_tag SELECT id, ['mentor','alumni','ux','data','climate'][1 + id % 5] "
            "FROM contact"
        )
        con.execute(
            "INSERT INTO interaction (contact_id, kind, occurred_at, note, created_at) "
            "SELECT 1 + (i * 7919) % $n, ['meeting','message','call','reply'][1 + i % 4],"
            " TIMESTAMP '2024-01-01' + INTERVAL (i % 1000) DAY, '', now() "
            "FROM range($m) t(i)",
            {"n": CONTACTS, "m": INTERACTIONS},
        )
    return db


def data_measures(db: Database) -> list[Measure]:
    """Contact search through Rapport against the same SQL on a bare, already-open connection."""
    listing_sql, listing_params = contacts.search_query(db)
    search_sql, search_params = contacts.search_query(db, "engineer okafor")
    bare = duckdb.connect(db.path)
    try:
        bare_listing = median_ms(lambda: bare.execute(listing_sql, listing_params).df())
        bare_search = median_ms(lambda: bare.execute(search_sql, search_params).df())
        bare_select = median_ms(lambda: bare.execute("SELECT 1").fetchall())
    finally:
        bare.close()
    # Rapport holds the file only while working, so each unit of work opens and releases it.
    with db.connect():
        held_listing = median_ms(lambda: contacts.search(db))
        held_search = median_ms(lambda: contacts.search(db, "engineer okafor"))
    return [
        Measure("Contacts list, all 10,000, file held for the page run", held_listing,
                "same SQL, bare open connection", bare_listing, "within 1.3x of bare"),
        Measure("Contacts search 'engineer okafor', file held", held_search,
                "same SQL, bare open connection", bare_search, "within 1.3x of bare; under 500 ms"),
        Measure("Contacts list, opening and releasing the file", median_ms(lambda: contacts.search(db)),
                "same SQL, bare open connection", bare_listing, "under 500 ms"),
        Measure("Open, SELECT 1, release the file (per page run)", median_ms(lambda: db.value("SELECT 1")),
                "SELECT 1 on an open connection", bare_select, "small beside a page run"),
    ]


def peak_memory_mb() -> float:
    """Peak resident memory of this process so far."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def table(measures: list[Measure]) -> str:
    """The Markdown table the README carries."""
    lines = ["| measure | median | baseline | baseline median | ratio | target |",
             "| --- | ---: | --- | ---: | ---: | --- |"]
    for m in measures:
        lines.append(f"| {m.name} | {m.median_ms:.1f} ms | {m.baseline} | {m.baseline_ms:.1f} ms | "
                     f"{m.ratio:.2f}x | {m.target} |")
    return "\n".join(lines)
