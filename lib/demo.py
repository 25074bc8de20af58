"""A believable, deterministic year of networking, for the one-click demo and for every test.

One seed function serves the unit tests, AppTest and the browser tests alike. The same `seed` and
`today` always give the same database, row for row.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from lib import clock, contacts, interactions, organisations
from lib import profile as profiles
from lib.db import Database

ORGANISATIONS: list[tuple[str, str, str]] = [
    ("Ledgerly", "Fintech", "ledgerly.example"),
    ("Northwind Bank", "Fintech", "northwind-bank.example"),
    ("Coinpath", "Fintech", "coinpath.example"),
    ("Medisphere", "Healthtech", "medisphere.example"),
    ("CareLoop", "Healthtech", "careloop.example"),
    ("Pulse Analytics", "Healthtech", "pulse-analytics.example"),
    ("Greenline Energy", "Climate tech", "greenline.example"),
    ("Carbonwise", "Climate tech", "carbonwise.example"),
    ("Tidal Power Co", "Climate tech", "tidalpower.example"),
    ("Brightpath Learning", "Education", "brightpath.example"),
    ("Quill Academy", "Education", "quill.example"),
    ("Harbor Media", "Media", "harbormedia.example"),
    ("Arden & Co", "Consulting", "arden.example"),
    ("Stackfield", "Software", "stackfield.example"),
    ("Lumen Labs", "Software", "lumenlabs.example"),
]
# (organisation, Advocacy, Motivation 0-3, Posting 1-3) for the target employer list.
TARGETS: list[tuple[str, bool, int, int]] = [
    ("Greenline Energy", True, 3, 3),
    ("Medisphere", True, 3, 2),
    ("Carbonwise", False, 3, 2),
    ("Ledgerly", True, 2, 3),
    ("CareLoop", False, 2, 2),
    ("Lumen Labs", True, 2, 1),
    ("Tidal Power Co", False, 1, 3),
    ("Brightpath Learning", True, 1, 1),
    ("Pulse Analytics", False, 0, 2),
]
FIRST = ["Amara", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonah",
         "Kemi", "Liam", "Maya", "Nikhil", "Olga", "Pedro", "Quinn", "Rosa", "Sanjay", "Tara",
         "Uma", "Victor", "Wen", "Ximena", "Yusuf", "Zoe", "Aiden", "Bea", "Caleb", "Dana",
         "Emil", "Fatima", "Gus", "Hana", "Isaac", "Jade", "Kofi", "Lena", "Mateo", "Nora"]
LAST = ["Okafor", "Lindqvist", "Moreau", "Patel", "Rossi", "Haddad", "Nakamura", "Silva",
        "Kowalski", "Brennan", "Adeyemi", "Fischer", "Chen", "Iyer", "Novak", "Alvarez",
        "Byrne", "Costa", "Dubois", "Eriksen", "Gallagher", "Hoffman", "Jensen", "Kim",
        "Larsen", "Mensah", "Nguyen", "Oliveira", "Park", "Quintero"]
ROLES = ["UX Researcher", "Senior Product Manager", "Product Designer", "Data Analyst",
         "Head of Research", "Engineering Manager", "Customer Success Lead", "Strategy Consultant",
         "VP Product", "Content Strategist", "Learning Designer", "Operations Manager",
         "Recruiter", "Founder", "Programme Manager", "Service Designer"]
TAGS = ["alumni", "mentor", "hiring manager", "ux", "product", "data", "recruiter", "climate",
        "warm intro", "conference"]
RAPPORT = ["Also taught secondary school for three years", "Runs the city's UX meetup",
           "Ran the Berlin marathon last spring", "Grew up near Lisbon; loves fado",
           "Two kids; coaches under-10s football", "Writes a newsletter on service design",
           "Moved from academia into industry", "Keen climber, weekends at the crag",
           "Fellow volunteer at the food bank", "Studied philosophy, like me", ""]
NOTES = ["Prefers short emails; replies in the evening.", "Happy to review a portfolio.",
         "Suggested reading 'Just Enough Research'.", "Open to a coffee once a quarter.",
         "Mentioned a research ops team forming next year.", ""]
SEED_SOURCES = ["alumni", "event", "linkedin", "cold_outreach", "other"]
KIND_WEIGHTS = {"message": 5, "meeting": 3, "call": 2, "outreach": 2, "reply": 2,
                "help_given": 1, "help_received": 1, "intro_made": 1, "note": 1}


@dataclass
class DemoSummary:
    """What the generator made, for the CLI and the onboarding page to report."""

    organisations: int
    contacts: int
    interactions: int
    max_referral_depth: int


def seed_demo(db: Database, seed: int = 7, today: date | None = None,
              contacts_wanted: int = 80) -> DemoSummary:
    """Fill an empty database with a year of networking; refuses a database that has contacts."""
    db.migrate()
    if contacts.count(db):
        raise ValueError(f"{db.path} already has contacts; demo data goes into an empty file")
    rng = random.Random(seed)
    today = today or clock.today("Europe/London")
    with db.connect():
        _profile(db)
        org_ids = _organisations(db)
        people, depth = _contacts(db, rng, org_ids, today, contacts_wanted)
        touchpoints = _interactions(db, rng, people, today)
    return DemoSummary(len(org_ids), len(people), touchpoints, depth)


def _profile(db: Database) -> None:
    profiles.save(
        db,
        name="Sam Rivera",
        stage="career_changer",
        background="Seven years teaching secondary-school science; led the school's data "
                   "tracking project and trained colleagues on it.",
        target_roles="UX researcher, product manager",
        target_industries="Climate tech, Healthtech, Fintech",
        strengths="Explaining complex ideas simply; running workshops; qualitative interviews",
        offers="Workshop facilitation tips; introductions to teachers for user research; "
               "feedback on learning materials",
        weekly_goal=2,
        time_zone="Europe/London",
    )


def _organisations(db: Database) -> dict[str, int]:
    ids = {name: organisations.create(db, name, industry=industry, website=site)
           for name, industry, site in ORGANISATIONS}
    for name, advocacy, motivation, posting in TARGETS:
        organisations.set_lamp(db, ids[name], is_target=True, advocacy=advocacy,
                               motivation=motivation, posting=posting)
    return ids


def _contacts(db: Database, rng: random.Random, org_ids: dict[str, int], today: date,
              wanted: int) -> tuple[list[tuple[int, date]], int]:
    """Seed contacts first, then referrals hanging off them, up to three introductions deep."""
    people: list[tuple[int, date]] = []
    depth_of: dict[int, int] = {}
    names = [(f, s) for f in FIRST for s in LAST]
    rng.shuffle(names)
    org_names = list(org_ids)
    for n in range(wanted):
        first, last = names[n]
        depth, introducer = 0, None
        if n >= 14:
            candidates = [pid for pid, _ in people if depth_of[pid] < 3]
            introducer = rng.choice(candidates)
            depth = depth_of[introducer] + 1
        # Chains need time to grow: later contacts were met later in the year.
        met = today - timedelta(days=int(365 - n * 330 / wanted) - rng.randint(0, 10))
        org = org_names[n % len(org_names)] if n < len(org_names) else rng.choice(org_names)
        slug = f"{first}-{last}".lower()
        new_id = contacts.create(
            db,
            full_name=f"{first} {last}",
            email=f"{first}.{last}@{dict((o, s) for o, _, s in ORGANISATIONS)[org]}".lower(),
            linkedin_url=f"https://www.linkedin.com/in/{slug}" if rng.random() < 0.8 else "",
            organisation=org,
            role=rng.choice(ROLES),
            location=rng.choice(["London", "Manchester", "Remote", "Bristol", "Edinburgh"]),
            source="referral" if introducer else rng.choice(SEED_SOURCES),
            introduced_by_id=introducer,
            tier=rng.choices(["close", "active", "casual"], [1, 3, 2])[0],
            rapport_notes=rng.choice(RAPPORT),
            notes=rng.choice(NOTES),
            first_met_on=met,
            tags=rng.sample(TAGS, rng.randint(0, 3)) + (["alumni"] if n % 9 == 0 else []),
        )
        depth_of[new_id] = depth
        people.append((new_id, met))
    for pid, _ in rng.sample(people, 3):
        contacts.archive(db, pid)
    return people, max(depth_of.values())


def _interactions(db: Database, rng: random.Random, people: list[tuple[int, date]],
                  today: date) -> int:
    kinds, weights = zip(*KIND_WEIGHTS.items(), strict=True)
    made = 0
    for contact_id, met in people:
        interactions.log(db, contact_id, "meeting", _at(rng, met), "First conversation")
        made += 1
        span = max((today - met).days, 1)
        for _ in range(rng.randint(0, 5)):
            when = met + timedelta(days=rng.randint(1, span))
            if when >= today:
                continue
            interactions.log(db, contact_id, rng.choices(kinds, weights)[0], _at(rng, when))
            made += 1
    return made


def _at(rng: random.Random, day: date) -> datetime:
    """A plausible working-hours time on `day`, in UTC."""
    return datetime.combine(day, time(rng.randint(8, 17), rng.choice([0, 15, 30, 45])))
