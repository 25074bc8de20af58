"""The benchmark behind `make bench`: Rapport at a heavy networker's scale, against baselines.

Builds a synthetic database (10,000 contacts, 100,000 interactions) in a temp dir with set-based
SQL, then reports medians of repeated runs, each beside a baseline measured in the same run.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from lib import contacts, storage
from lib.db import Database

CONTACTS = 10_000
INTERACTIONS = 100_000
ORGANISATIONS = 500
INTERVIEWS = 20_000
FOLLOWUPS = 30_000


@dataclass
class Measure:
    """One line of the benchmark table, with its target in numbers (any of: a time to stay under, a ratio to
    the baseline, how much Rapport may add to the baseline), so a run can say whether it was met."""

    name: str
    median_ms: float
    baseline: str
    baseline_ms: float
    under_ms: float | None = None
    within: float | None = None
    adds_under_ms: float | None = None

    @property
    def ratio(self) -> float:
        return self.median_ms / self.baseline_ms if self.baseline_ms else float("nan")

    @property
    def target(self) -> str:
        parts = [f"under {_amount(self.under_ms)}"] if self.under_ms is not None else []
        parts += [f"at most {self.within:g}x the baseline"] if self.within is not None else []
        parts += [f"adds under {_amount(self.adds_under_ms)}"] if self.adds_under_ms is not None else []
        return "; ".join(parts)

    @property
    def met(self) -> bool:
        return ((self.under_ms is None or self.median_ms < self.under_ms)
                and (self.within is None or self.ratio <= self.within)
                and (self.adds_under_ms is None or self.median_ms - self.baseline_ms < self.adds_under_ms))

    def as_dict(self) -> dict:
        return {"name": self.name, "median_ms": self.median_ms, "baseline": self.baseline,
                "baseline_ms": self.baseline_ms, "ratio": round(self.ratio, 2), "target": self.target,
                "met": self.met}


@dataclass
class Footprint:
    """Peak resident memory of a process, against a limit."""

    name: str
    peak_mb: float
    under_mb: float

    @property
    def met(self) -> bool:
        return self.peak_mb < self.under_mb

    def as_dict(self) -> dict:
        return {"name": self.name, "peak_mb": self.peak_mb, "target": f"under {self.under_mb:g} MB",
                "met": self.met}


def _amount(ms: float) -> str:
    return f"{ms / 1000:g} s" if ms >= 1000 else f"{ms:g} ms"


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
    db = storage.open_database(path)  # the one way in, as the app and the CLI open a file
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
        _build_interviews(con)
    return db


def _build_interviews(con: duckdb.DuckDBPyConnection) -> None:
    """Interviews, their thank-yous, referrals and offers, outreach and follow-ups, set-based."""
    con.execute(
        "INSERT INTO interview (contact_id, scheduled_at, duration_minutes, mode, status, created_at, updated_at) "
        "SELECT 1 + (i * 7) % $n, TIMESTAMP '2024-01-01 09:00' + INTERVAL (i % 1000) DAY + INTERVAL (i % 8) HOUR,"
        " 30, ['video','in_person','phone'][1 + i % 3],"
        " CASE WHEN i % 20 = 0 THEN 'cancelled' WHEN i % 20 = 1 THEN 'planned' ELSE 'completed' END, now(), now() "
        "FROM range($k) t(i)", {"n": CONTACTS, "k": INTERVIEWS})
    con.execute(
        "INSERT INTO message (contact_id, interview_id, kind, channel, subject, body, status, sent_at, created_at,"
        " updated_at) SELECT contact_id, id, 'thank_you', 'email', 'Thank you', 'Thank you', 'sent',"
        " scheduled_at + INTERVAL (id % 60) HOUR, now(), now() FROM interview"
        " WHERE status = 'completed' AND id % 4 <> 0")
    con.execute("INSERT INTO referral SELECT id, 1 + (id * 13) % $n, scheduled_at FROM interview "
                "WHERE status = 'completed' AND id % 7 = 0", {"n": CONTACTS})
    con.execute("INSERT INTO offer (interview_id, contact_id, text, kept_at, created_at) "
                "SELECT id, contact_id, 'Send notes', CASE WHEN id % 3 = 0 THEN NULL ELSE scheduled_at + "
                "INTERVAL 5 DAY END, scheduled_at FROM interview WHERE status = 'completed' AND id % 9 = 0")
    con.execute("INSERT INTO outreach (contact_id, channel, sent_on, replied_on, created_at) "
                "SELECT 1 + (i * 11) % $n, 'email', DATE '2024-01-01' + CAST(i % 1000 AS INTEGER),"
                " CASE WHEN i % 3 = 0 THEN NULL ELSE DATE '2024-01-01' + CAST(i % 1000 + 1 + i % 6 AS INTEGER) END,"
                " now() FROM range(8000) t(i)", {"n": CONTACTS})
    con.execute(
        "INSERT INTO followup (contact_id, kind, title, due_at, done_at, created_at, updated_at) "
        "SELECT 1 + (i * 3) % $n, 'custom', 'Follow up', TIMESTAMP '2024-01-03 12:00' + INTERVAL (i % 1000) DAY,"
        " CASE WHEN i % 10 < 7 THEN TIMESTAMP '2024-01-03 12:00' + INTERVAL (i % 1000) DAY"
        " + INTERVAL ((i % 5) - 2) DAY END, TIMESTAMP '2024-01-01 09:00' + INTERVAL (i % 1000) DAY, now() "
        "FROM range($f) t(i)", {"n": CONTACTS, "f": FOLLOWUPS})


class Recorder(Database):
    """A Database that remembers every query it ran, so the same SQL can be timed bare."""

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.queries: list[tuple[str, object]] = []

    def rows(self, sql: str, params=None):
        self.queries.append((sql, params))
        return super().rows(sql, params)

    def value(self, sql: str, params=None):
        self.queries.append((sql, params))
        return super().value(sql, params)

    def frame(self, sql: str, params=None):
        self.queries.append((sql, params))
        return super().frame(sql, params)


def metrics_measures(path: Path) -> list[Measure]:
    """All dashboard metrics through Rapport (uncached), against the very same SQL run bare in the same
    process."""
    from lib import metrics

    recorder = Recorder(str(path))
    with recorder.connect():
        metrics.dashboard(recorder)
        queries = list(recorder.queries)
        rapport = median_ms(lambda: metrics.dashboard(recorder), runs=7)
    bare = duckdb.connect(str(path))
    try:
        baseline = median_ms(lambda: [bare.execute(sql, params or []).df() for sql, params in queries], runs=7)
    finally:
        bare.close()
    return [Measure(f"All dashboard metrics ({len(queries)} queries)", rapport,
                    "the same SQL, bare DuckDB", baseline, under_ms=150, within=1.3)]


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
                "same SQL, bare open connection", bare_listing, within=1.3),
        Measure("Contacts search 'engineer okafor', file held", held_search,
                "same SQL, bare open connection", bare_search, under_ms=500, within=1.3),
        Measure("Contacts list, opening and releasing the file", median_ms(lambda: contacts.search(db)),
                "same SQL, bare open connection", bare_listing, under_ms=500),
        Measure("Open, SELECT 1, release the file (per page run)", median_ms(lambda: db.value("SELECT 1")),
                "SELECT 1 on an open connection", bare_select, under_ms=50),  # a page run takes hundreds
    ]


def table(measures: list[Measure]) -> str:
    """The Markdown table the README carries."""
    lines = ["| measure | median | baseline | baseline median | ratio | target | |",
             "| --- | ---: | --- | ---: | ---: | --- | --- |"]
    for m in measures:
        lines.append(f"| {m.name} | {m.median_ms:.1f} ms | {m.baseline} | {m.baseline_ms:.1f} ms | "
                     f"{m.ratio:.2f}x | {m.target} | {'met' if m.met else '**not met**'} |")
    return "\n".join(lines)


def drafting_measures(db: Database, model_url: str, model_name: str) -> list[Measure]:
    """Offline drafting, and what Rapport adds before the first streamed token of a model draft.

    `model_url` is an OpenAI-compatible server on this machine (the benchmark starts the test suite's
    local one), so both sides of the comparison talk to the same server over the same loopback.
    """
    import openai

    from lib import interviews
    from lib import questions as question_list
    from lib.drafting import context, offline, service
    from lib.drafting.provider import OpenAIProvider
    from lib.drafting.settings import ModelSettings

    meeting = interviews.schedule(db, 1, datetime(2030, 1, 7, 10), duration_minutes=45,
                                  purpose="Learn how research ops works")
    question_list.add(db, meeting, "What trends matter most?", "trends")
    settings = ModelSettings("sk-bench", model_url, model_name, "bench")
    with db.connect():  # as in a page run, the file is held once for the whole draft
        ctx = context.for_interview(db, meeting)
        compose_only = median_ms(lambda: offline.questions(ctx))
        full_offline = median_ms(lambda: service.finish(service.questions(db, meeting, None)))

        def rapport_first_token() -> float:
            service.questions(db, meeting, None)  # the page drawing what will be sent, before the click
            started = time.perf_counter()  # the click: its run builds the draft again and sends it
            pieces = service.questions(db, meeting, OpenAIProvider(settings, retries=0)).stream()
            next(pieces)
            elapsed = (time.perf_counter() - started) * 1000
            for _ in pieces:
                pass
            return elapsed

        prompt = service.questions(db, meeting, None).prompt

        bare_client = openai.OpenAI(api_key="sk-bench", base_url=model_url, max_retries=0)

        def bare_first_token() -> float:  # a program that made its client once, as Rapport does
            started = time.perf_counter()
            stream = bare_client.chat.completions.create(model=model_name, messages=prompt, stream=True)
            for chunk in stream:
                if chunk.choices and chunk.choices[0].delta.content:
                    break
            elapsed = (time.perf_counter() - started) * 1000
            for _ in stream:
                pass
            return elapsed

        rapport_ms = _median_of(rapport_first_token)
        bare_ms = _median_of(bare_first_token)
    return [
        Measure("Offline question draft on a click, 45-minute meeting (context as the page drew it, compose, "
                "checks)", full_offline,
                "composing alone, context already built", compose_only, under_ms=50),
        Measure("Model draft: time to the first streamed token through Rapport", rapport_ms,
                "bare openai client made once, same server and prompt", bare_ms, adds_under_ms=30),
    ]


def _median_of(sample: Callable[[], float], runs: int = 15, warmup: int = 2) -> float:
    for _ in range(warmup):
        sample()
    return round(statistics.median(sample() for _ in range(runs)), 2)


SYLLABLES = ["ka", "lo", "mi", "ra", "tesh", "vin", "do", "sa", "ne", "bel", "ju", "fen", "or", "pa", "qui",
             "zu", "han", "ly", "ste", "wo"]


def _name(n: int) -> str:
    """A distinct, pronounceable name for each number: Kalomi, Rateshvin …"""
    parts = []
    for _ in range(3):
        n, rest = divmod(n, len(SYLLABLES))
        parts.append(SYLLABLES[rest])
    return "".join(parts).capitalize()


def linkedin_file(rows: int = 30_000) -> bytes:
    """A LinkedIn Connections.csv as LinkedIn writes it (preamble, CRLF, BOM, many empty emails)."""
    lines = ["Notes:", '"When exporting your connection data, you may notice that some of the email addresses '
             'are missing."', "", "First Name,Last Name,URL,Email Address,Company,Position,Connected On"]
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    for i in range(rows):
        email = f"linked{i}@example.org" if i % 4 == 0 else ""
        # Names without digits, as people have them: numbered names all look alike to the duplicate rule.
        lines.append(f"{_name(i)},{_name(i // 37 + 7)}son,https://www.linkedin.com/in/linked-{i},{email},"
                     f"Organisation {i % ORGANISATIONS},Analyst,{1 + i % 28:02d} {months[i % 12]} {2015 + i % 10}")
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")


def import_measures(db: Database) -> list[Measure]:
    """A 30,000-row LinkedIn import checked against 10,000 contacts, against inserting row by row."""
    from lib import contacts
    from lib.io import imports, undo

    data = linkedin_file()
    timings = []
    with db.connect():
        for _ in range(3):
            started = time.perf_counter()
            result = imports.preview(db, data, "Connections.csv")
            batch = imports.commit(db, result)
            timings.append((time.perf_counter() - started) * 1000)
            undo.undo(db, batch)  # back to 10,000 for the next run; not timed
        sample = [r.fields for r in result.new[:1000]]
        started = time.perf_counter()
        with db.transaction():
            made = [contacts.create(db, **{k: v for k, v in f.items() if k in contacts.ContactInput.model_fields})
                    for f in sample]
        per_row = (time.perf_counter() - started) * 1000 / len(sample)
        contacts.delete_many(db, made)
    ours = round(statistics.median(timings), 1)
    return [Measure(f"LinkedIn import: preview + import {len(result.new):,} new of 30,000 rows against 10,000",
                    ours, "row-by-row contacts.create, 1,000 rows timed, scaled to the same count",
                    round(per_row * len(result.new), 1), under_ms=3000)]


def reminder_measures(db: Database) -> list[Measure]:
    """What `remind --dry-run` works out every 15 minutes (every due reminder at 07:05, and what each channel
    still needs), beside what `due` works out, at benchmark scale."""
    from datetime import datetime, time

    from lib import clock, followups, profile, reminders

    prof = profile.get(db)
    morning = clock.to_utc(datetime.combine(clock.today(prof.time_zone), time(prof.digest_hour, 5)), prof.time_zone)
    target = [reminders.channel("json://127.0.0.1:9/rapport")]
    with db.connect():
        remind = median_ms(lambda: reminders.send(db, reminders.due(db, morning), target, dry_run=True))
        due = median_ms(lambda: followups.due(db))
    return [Measure("Reminders due at 07:05 and what each channel needs (remind --dry-run's work)", remind,
                    "follow-ups due this week (due's work)", due, under_ms=1000)]


DEBRIEF_LINES = [
    "- recruiting teachers is the hardest part of the job",
    "lots of synthesis, mostly async w/ the PMs and two engineers",
    "loves seeing teachers use something she researched; hates endless slide decks",
    "teacher -> UX researcher -> research lead at Canva",
    "advice: turn one school project into a research case study b4 applying",
    "should read Just Enough Research and the Lenny podcast episode on discovery",
    "she'll intro me to Tom Kelly at Canva and Sam Lee (PM, Heidi Health)",
    "I'll send her my consent form templates by Friday",
    "next: plan a parent survey; email Tom; sign up for the research ops community",
    "good chat overall, ran ten minutes over",
]


def debrief_notes(words: int = 2_000) -> str:
    """Notes as typed on a phone, repeated to `words` words."""
    lines, count = [], 0
    while count < words:
        line = DEBRIEF_LINES[len(lines) % len(DEBRIEF_LINES)]
        lines.append(line)
        count += len(line.split())
    return "\n".join(lines)


def debrief_measures() -> list[Measure]:
    """Sorting 2,000 words of notes with the offline sorter (what the Sort button and `lib.cli debrief` do
    before anything is shown), beside splitting the same text into lines."""
    from lib import debriefs

    notes = debrief_notes()
    ours = median_ms(lambda: debriefs.sort_offline(notes))
    lines = median_ms(lambda: [line.strip() for line in notes.splitlines() if line.strip()])
    return [Measure("Debrief: sorting 2,000 words of notes offline", ours, "splitting the same text into lines",
                    lines, under_ms=100)]


def _mail_headers(emails: list[str], own: str, count: int, now: datetime) -> list[bytes]:
    """`count` messages as Gmail writes them, from contacts to the user, spread over the last 300 days."""
    from datetime import timedelta
    from email.utils import format_datetime

    return [(f"Date: {format_datetime((now - timedelta(minutes=43 * n)).replace(tzinfo=UTC))}\r\n"
             f"Message-ID: <bench{n}@mail.gmail.com>\r\nSubject: Message {n}\r\n"
             f"From: {emails[n % len(emails)]}\r\nTo: {own}\r\n\r\nbody\r\n").encode() for n in range(count)]


def _events(emails: list[str], count: int, now: datetime) -> list[str]:
    """`count` single events as Google writes them, each with one contact as a guest, in the import window."""
    from datetime import timedelta

    texts = []
    for n in range(count):
        start = now - timedelta(days=700) + timedelta(hours=9 * n)
        texts.append("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\n"
                     f"BEGIN:VEVENT\r\nUID:bench{n}@google.com\r\nDTSTAMP:20260101T000000Z\r\n"
                     f"DTSTART:{start:%Y%m%dT%H%M%SZ}\r\nDTEND:{start + timedelta(minutes=30):%Y%m%dT%H%M%SZ}\r\n"
                     f"SUMMARY:Coffee {n}\r\nATTENDEE:mailto:{emails[n % len(emails)]}\r\n"
                     "END:VEVENT\r\nEND:VCALENDAR\r\n")
    return texts


def _once_ms(work: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    done = work()
    return round((time.perf_counter() - started) * 1000, 1), done


def sync_measures(db: Database, folder: Path) -> list[Measure]:
    """A first sync of 10,000 message headers from a local IMAP server (pymap) and 2,000 events from a local
    CalDAV server (Radicale), and a resync with nothing new, beside reading the same from files; each sync
    is undone after, so the file is as it was."""
    import io
    import json as json_lib

    from lib import profile
    from lib.io import calendars, mailboxes, undo
    from lib.sync import calendar as calendar_sync
    from lib.sync import mail as mail_sync
    from tests.fakes.calendars import Radicale
    from tests.fakes.imap import ImapServer

    now = datetime.now(UTC).replace(tzinfo=None)
    own = "bench.user@example.com"
    with db.connect():
        previous = profile.get(db).email
        profile.save(db, email=own)
        emails = [r["email"] for r in db.rows("SELECT email FROM contact WHERE email <> '' ORDER BY id LIMIT 2000")]
    headers = _mail_headers(emails, own, 10_000, now)
    mbox = b"".join(b"From bench@xxx Sat Nov 21 10:00:00 +0000 2026\n" + h.replace(b"\r\n", b"\n") + b"\n"
                    for h in headers)
    events = _events(emails, 2_000, now)
    found: list[Measure] = []
    with db.connect():
        file_ms, batch = _once_ms(lambda: mailboxes.commit(db, mailboxes.preview(db, io.BytesIO(mbox), "All.mbox")))
        undo.undo(db, batch)
        with ImapServer(user=own) as imap:
            imap.deliver("INBOX", *headers)
            first_ms, first = _once_ms(lambda: mail_sync.sync(db, imap.settings()))
            again_ms = median_ms(lambda: mail_sync.sync(db, imap.settings()), runs=5, warmup=1)
        undo.undo(db, first["batch"])
        found += [Measure(f"Mail: first sync of {first['items']:,} headers over IMAP (local pymap)", first_ms,
                          "the same 10,000 from an .mbox file", file_ms, within=1.3),
                  Measure("Mail: resync, nothing new", again_ms, "the same 10,000 from an .mbox file", file_ms,
                          under_ms=2_000)]
        ics = calendar_sync.as_export(events)
        file_ms, batch = _once_ms(lambda: calendars.commit(db, calendars.preview(db, ics, "basic.ics")))
        undo.undo(db, batch)
        store = folder / "radicale" / "collections" / "collection-root" / "bench" / "work"
        store.mkdir(parents=True)
        (store / ".Radicale.props").write_text(json_lib.dumps({"tag": "VCALENDAR", "D:displayname": "Work"}))
        for n, text in enumerate(events):
            (store / f"bench{n}.ics").write_text(text)
        with Radicale(folder / "radicale", {"bench": "bench-password"}) as server:
            settings = {"url": server.url, "username": "bench", "password": "bench-password"}
            first_ms, first = _once_ms(lambda: calendar_sync.sync(db, settings))
            again_ms = median_ms(lambda: calendar_sync.sync(db, settings), runs=5, warmup=1)
        undo.undo(db, first["batch"])
        profile.save(db, email=previous)
    found += [Measure(f"Calendar: first sync of {first['items']:,} events over CalDAV (local Radicale)", first_ms,
                      "the same 2,000 from an .ics file", file_ms, under_ms=30_000),
              Measure("Calendar: resync, nothing new (sync-token)", again_ms, "the same 2,000 from an .ics file",
                      file_ms, under_ms=2_000)]
    return found
