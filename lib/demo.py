"""A believable, deterministic year of networking, for the one-click demo and for every test.

One seed function serves the unit tests, AppTest and the browser tests alike. The same `seed` and
`today` always give the same database, row for row.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from lib import clock, contacts, followups, interactions, interviews, messages, organisations, outreach
from lib import profile as profiles
from lib import questions as question_list
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


QUESTIONS: list[tuple[str, str]] = [
    ("rapport", "I saw you also moved into {industry} from another field - what made you switch?"),
    ("trends", "What changes do you see coming to {industry} over the next two years?"),
    ("insights", "What does a typical week look like for a {role} at {organisation}?"),
    ("insights", "What surprised you most when you started at {organisation}?"),
    ("advice", "If you were in my position, coming from teaching, what would you do first?"),
    ("resources", "Which communities, newsletters or books would you recommend?"),
    ("assignments", "Is there a small project I could do to test whether this work suits me?"),
    ("closing", "Who else would you suggest I speak to?"),
]
REALITIES = ["Most of the week is spent synthesising interviews, not running them.",
             "Roadmaps change quarterly; influence comes from evidence, not seniority.",
             "Stakeholder management takes more time than the craft itself.",
             "Small team, so everyone does a bit of research, design and analytics."]
ADVICE = ["Turn a lesson plan redesign into a case study", "Take the NN/g research course",
          "Join the city's research ops meetup", "Shadow a usability test before applying",
          "Write up one teaching project as a product story", "Read 'Continuous Discovery Habits'"]
OFFERS = ["Send my workshop facilitation checklist", "Introduce them to two teachers for research",
          "Share my notes on the assessment data project", "Give feedback on their onboarding course"]
PURPOSES = ["Learn what a UX researcher does day to day", "Understand how the product team works",
            "Hear how they moved into the industry", "Learn about research in climate tech"]


@dataclass
class DemoSummary:
    """What the generator made, for the CLI and the onboarding page to report."""

    organisations: int
    contacts: int
    interactions: int
    max_referral_depth: int
    interviews: int = 0
    outreach: int = 0


def seed_demo(db: Database, seed: int = 7, today: date | None = None,
              contacts_wanted: int = 80, progress: Callable[[float, str], None] | None = None) -> DemoSummary:
    """Fill an empty database with a year of networking; refuses a database that has contacts.

    `progress(fraction, what)` hears how far it is, for a progress bar (it takes several seconds).
    """
    say = progress or (lambda fraction, what: None)
    db.migrate()
    if contacts.count(db):
        raise ValueError(f"{db.path} already has contacts; demo data goes into an empty file")
    rng = random.Random(seed)
    today = today or clock.today("Europe/London")
    with db.transaction():  # one commit for the lot: each of ~3,000 small writes would commit alone
        _profile(db)
        say(0.05, "Organisations and target employers")
        org_ids = _organisations(db)
        say(0.1, "80 contacts and who introduced whom")
        people, depth = _contacts(db, rng, org_ids, today, contacts_wanted)
        say(0.35, "A year of informational interviews, debriefs and thank-yous")
        interviewed = _interviews(db, rng, people, today)
        say(0.75, "Outreach and replies")
        requests = _open_outreach(db, rng, people, interviewed, today)
        say(0.85, "Meetings, calls and messages on every timeline")
        # People asked but not met yet (the Curmudgeons among them) have no first conversation to show.
        asked_only = set(_waiting(people, interviewed))
        touchpoints = _interactions(db, rng, people, today, skip_first=interviewed, never_met=asked_only)
        _loose_ends(db, people, today)
        say(1.0, "Ready")
    return DemoSummary(len(org_ids), len(people), touchpoints, depth, len(interviewed) + 6, requests)


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
        weekly_goal=1,
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
        if n >= 14 and n % 5:  # most later contacts come by introduction; every fifth is met another way
            candidates = [pid for pid, _ in people if depth_of[pid] < 3]
            introducer = rng.choice(candidates)
            depth = depth_of[introducer] + 1
        # Chains need time to grow: later contacts were met later in the year.
        met = today - timedelta(days=max(1, int(365 - n * 358 / wanted) - rng.randint(0, 6)))
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
                  today: date, skip_first: set[int], never_met: frozenset[int] | set[int] = frozenset()) -> int:
    """Each timeline: the first conversation (unless an interview logged it) and a few touchpoints since;
    nothing for people only asked so far, whose timeline holds just the request."""
    kinds, weights = zip(*KIND_WEIGHTS.items(), strict=True)
    made = 0
    for contact_id, met in people:
        if contact_id in never_met:
            continue
        if contact_id not in skip_first:  # an interview already logged that first meeting
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


def _interviews(db: Database, rng: random.Random, people: list[tuple[int, date]],
                today: date) -> set[int]:
    """About forty completed interviews over the year, each with outreach before and a debrief after.

    Most are first meetings; the last few weeks also hold second conversations, so the weekly goal
    has a streak to show.
    """
    chosen = [(pid, met) for n, (pid, met) in enumerate(people)
              if n % 2 == 0 and met < today - timedelta(days=3)]
    done: set[int] = set()
    for contact_id, met in chosen[:36]:
        _one_interview(db, rng, contact_id, met, today)
        done.add(contact_id)
    recent = [today - timedelta(weeks=w) for w in range(4, 0, -1)]
    if today.weekday() > 0:
        recent.append(today - timedelta(days=1))
    regulars = [pid for pid, met in chosen[:36] if met < recent[0] - timedelta(days=14)]
    for day, contact_id in zip(recent, rng.sample(regulars, len(recent)), strict=True):
        _one_interview(db, rng, contact_id, day, today, follow_up=True)
    return done


def _one_interview(db: Database, rng: random.Random, contact_id: int, day: date, today: date,
                   follow_up: bool = False) -> None:
    """Request, reply, meeting, questions, debrief and what came after, for one conversation."""
    sent = day - timedelta(days=rng.randint(6, 12))
    request = outreach.log(db, contact_id, rng.choice(["email", "linkedin", "introduction"]), sent)
    latency = rng.choices([1, 2, 3, 5, 8], [4, 3, 2, 2, 1])[0]
    outreach.record_reply(db, request, min(followups.add_business_days(sent, latency), day))
    start = datetime.combine(day, time(rng.choice([9, 11, 13]), 0))
    interview_id = interviews.schedule(
        db, contact_id, start, duration_minutes=rng.choice([20, 30, 30, 45]),
        mode=rng.choice(list(interviews.MODES)),
        purpose="Catch up on what changed since we last spoke" if follow_up else rng.choice(PURPOSES),
        goals="Understand the role; ask whom else to meet")
    _questions(db, rng, interview_id, contact_id)
    ends = datetime.combine(day, time(15, 0))
    made = interviews.complete(db, interview_id, {
        "realities": rng.choice(REALITIES),
        "loves": "Seeing a finding change a decision",
        "loathes": "Research requests that arrive after the decision is made",
        "career_path": "Moved from a neighbouring field after a side project got noticed",
        "advice": rng.sample(ADVICE, rng.randint(1, 2)),
        "offers": rng.sample(OFFERS, rng.choice([0, 1, 1])),
    }, now=ends + timedelta(hours=2))
    _after(db, rng, interview_id, contact_id, made, ends, today)
    if not follow_up:
        for later in contacts.introduced_by(db, contact_id):
            interviews.link_referral(db, interview_id, later["id"])


def _questions(db: Database, rng: random.Random, interview_id: int, contact_id: int) -> None:
    person = contacts.brief(db, contact_id)
    fill = {"industry": person["industry"] or "the industry", "role": person["role"] or "person in your role",
            "organisation": person["organisation"] or "your organisation"}
    for category, text in QUESTIONS[: rng.randint(6, len(QUESTIONS))]:
        question_id = question_list.add(db, interview_id, text.format(**fill), category)
        if rng.random() < 0.8:
            db.execute("UPDATE question SET asked = true, answer = ? WHERE id = ?",
                       ["Noted in the debrief", question_id])


def _after(db: Database, rng: random.Random, interview_id: int, contact_id: int,
           made: dict[str, list[int]], ends: datetime, today: date) -> None:
    """Thank-yous mostly on time, some late, a few never; some promises kept, some advice reported."""
    name = contacts.brief(db, contact_id)["name"].split()[0]
    delay = rng.choices([3, 18, 40, None], [6, 3, 2, 1])[0]
    if ends.date() >= today - timedelta(days=1):
        delay = None  # yesterday's meeting: the thank-you is still to write, hours left in the window
    if delay is None and ends.date() < today - timedelta(days=45):
        delay = 60  # an old meeting gets its thank-you in the end; only recent ones still wait
    if delay is not None and (ends + timedelta(hours=delay)).date() < today:
        message = messages.save_draft(
            db, contact_id, "thank_you", "email", "Thank you for your time",
            f"Dear {name},\n\nThank you for our conversation. I will follow your advice.\n\nSam",
            interview_id=interview_id)
        messages.mark_sent(db, message, when=ends + timedelta(hours=delay))
    for offer_id in made["offers"]:
        kept = ends + timedelta(days=rng.randint(2, 12))
        if rng.random() < 0.85 and kept.date() < today:
            interviews.keep_offer(db, offer_id, when=kept)
    for advice_id in made["advice"]:
        if rng.random() < 0.6:
            interviews.mark_advice(db, advice_id, acted_on=True, reported_back=rng.random() < 0.5)
    report_due = ends + timedelta(days=30)
    if report_due.date() < today and rng.random() < 0.85:
        message = messages.save_draft(
            db, contact_id, "report_back", "email", "An update on your advice",
            f"Dear {name},\n\nI followed your advice and wanted to tell you how it went.\n\nSam",
            interview_id=interview_id)
        sent_at = min(report_due + timedelta(days=rng.randint(-5, 6)),
                      datetime.combine(today - timedelta(days=1), time(12)))
        messages.mark_sent(db, message, when=sent_at)
    if ends.date() < today - timedelta(days=120):  # long-past loose ends were let go, not left overdue
        with db.transaction() as con:
            followups.dismiss_where(con, "interview_id", interview_id, ["report_back", "offer"],
                                    when=ends + timedelta(days=60))


def _waiting(people: list[tuple[int, date]], interviewed: set[int]) -> list[int]:
    """The people whose request is still in flight: asked, never met."""
    return [pid for pid, _ in people if pid not in interviewed][:14]


def _open_outreach(db: Database, rng: random.Random, people: list[tuple[int, date]],
                   interviewed: set[int], today: date) -> int:
    """Requests still in flight: some unanswered, some followed up, some recent enough to be pending."""
    waiting = _waiting(people, interviewed)
    for n, contact_id in enumerate(waiting):
        sent = followups.add_business_days(today - timedelta(days=2 + 2 * n), 0)
        request = outreach.log(db, contact_id, "linkedin" if n % 2 else "email", sent)
        second_ask = followups.add_business_days(sent, 3)
        if n % 3 and second_ask < today:  # the user asked a second person, as 3B7 says
            with db.transaction() as con:
                followups.complete_where(con, "outreach_id", request, "ask_second_person",
                                         datetime.combine(second_ask, time(11)))
        if n % 4 == 1 and followups.add_business_days(sent, 6) < today:
            outreach.record_reply(db, request, followups.add_business_days(sent, 6))
        elif n % 4 == 2 and followups.add_business_days(sent, 7) < today:
            outreach.record_follow_up_sent(db, request, followups.add_business_days(sent, 7))
    return len(interviewed) + len(waiting)


def _loose_ends(db: Database, people: list[tuple[int, date]], today: date) -> None:
    """Meetings ahead, one awaiting its debrief, a cancellation, a no-show, a snoozed task."""
    tz = profiles.get(db).time_zone
    free = [pid for pid, _ in people[-12:]]
    for offset, contact_id in zip([1, 3, 8], free, strict=False):
        interviews.schedule(db, contact_id, clock.to_utc(datetime.combine(today + timedelta(days=offset),
                                                                          time(10, 30)), tz),
                            purpose="Learn how their team runs research", mode="video",
                            place="https://meet.example/rapport")
    interviews.schedule(db, free[3], clock.to_utc(datetime.combine(today - timedelta(days=1), time(14)), tz),
                        purpose="Hear how they moved into product")
    gone = interviews.schedule(db, free[4], clock.to_utc(datetime.combine(today - timedelta(days=9),
                                                                          time(12)), tz))
    interviews.cancel(db, gone, "They had a clash; will rebook in the new year")
    missed = interviews.schedule(db, free[5], clock.to_utc(datetime.combine(today - timedelta(days=16),
                                                                            time(9)), tz))
    interviews.cancel(db, missed, "No answer on the call", no_show=True)
    task = followups.create(db, free[6], "custom", "Send the article on service design we discussed",
                            followups.end_of_day(today - timedelta(days=2), tz),
                            since=clock.to_utc(datetime.combine(today - timedelta(days=9), time(9)), tz))
    followups.snooze(db, task, clock.to_utc(datetime.combine(today + timedelta(days=2), time(8)), tz))
