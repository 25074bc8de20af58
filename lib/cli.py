"""`python -m lib.cli …`: Rapport from the command line, for cron jobs, scripts and quick looks.

Every command takes `--db PATH` (else `RAPPORT_DB`). Bad input ends with a one-line reason on
stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from lib import config, contacts, demo, followups, interviews, storage, wording
from lib.db import Database, DatabaseError
from lib.io import ics
from lib.validation import Invalid

EXIT_FAILED = 1


class CommandFailed(Exception):
    """A reason to stop that the user can act on; printed as one line."""


def _database(args: argparse.Namespace, migrate: bool = True) -> Database:
    """The database a command works on, opened the one way the app opens it (lib/storage.py)."""
    return storage.open_database(args.db or config.database_path(), migrate=migrate)


def _parse_day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-03-15") from None


def cmd_demo(args: argparse.Namespace) -> int:
    """Write demo data into a fresh file (never into one that already holds contacts)."""
    path = args.db or config.demo_database_path()
    db = storage.open_database(path, migrate=False)  # the demo migrates the fresh file itself
    if contacts_in(db) and not args.force:
        raise CommandFailed(
            f"{path} already has contacts; demo data goes into its own file "
            "(pass --force to replace that file)"
        )
    if args.force:
        for suffix in ("", ".wal"):
            Path(path + suffix).unlink(missing_ok=True)
    summary = demo.seed_demo(db, seed=args.seed, today=args.today)
    print(
        f"Demo database {path}: {summary.contacts} contacts at {summary.organisations} "
        f"organisations, {summary.interactions} interactions, introductions "
        f"{summary.max_referral_depth} levels deep."
    )
    return 0


def contacts_in(db: Database) -> int:
    """Contacts already in a file, without creating one that does not exist."""
    if not Path(db.path).exists():
        return 0
    db.migrate()
    return contacts.count(db)


def cmd_contacts(args: argparse.Namespace) -> int:
    """List contacts, as JSON for scripts or as an aligned table for people."""
    db = _existing(args)
    rows = contacts.export_rows(db, today=args.today)
    if args.search:
        wanted = set(contacts.search(db, args.search, today=args.today)["id"])
        rows = [r for r in rows if r["id"] in wanted]
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    if not rows:
        print("No contacts yet - add one in the app, or try `python -m lib.cli demo`.")
        return 0
    for r in rows:
        org = f" - {r['role']} at {r['organisation']}" if r["organisation"] else ""
        print(f"{r['id']:>5}  {r['name']}{org}  (next touch {r['keep_in_touch_due']})")
    return 0


def _existing(args: argparse.Namespace) -> Database:
    """The database a reading command works on; it must already exist."""
    path = args.db or config.database_path()
    if not Path(path).exists():
        raise CommandFailed(f"No database at {path}; start the app once or run "
                            "`python -m lib.cli demo --db PATH`")
    return _database(args)


def _parse_now(text: str) -> datetime:
    """An ISO-8601 instant for --now; one without an offset is read in the profile's zone by the caller."""
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a time like 2026-12-01T07:00+11:00") from None


def cmd_remind(args: argparse.Namespace) -> int:
    """Send what has come due since the last run to every reminder channel: for cron every 15 minutes."""
    from lib import clock, profile, reminders

    if args.schedule:
        print(reminders.schedule(sys.executable))
        return 0
    db = _existing(args)
    now = clock.utcnow() if args.now is None else (
        clock.to_utc(args.now.replace(tzinfo=None), profile.get(db).time_zone) if args.now.tzinfo is None
        else clock.to_utc(args.now, "UTC"))
    targets = reminders.channels(args.secrets)
    if not targets:
        raise CommandFailed(f"No reminder channels in {config.secrets_file(args.secrets)}: add "
                            '[reminders] urls = ["mailto://…", "ntfy://…"] (see the README, Reminders)')
    wanted = reminders.due(db, now)
    if args.force and (again := reminders.forced_digest(db, now)) is not None:
        wanted.append(again)
    outcome = reminders.send(db, wanted, targets, dry_run=args.dry_run)
    if args.json:
        report = outcome.as_json() | {"reminders": [{"key": r.key, "kind": r.kind, "title": r.title} for r in wanted]}
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        _say_reminders(outcome, wanted, args.dry_run)
    return 1 if outcome.failed else 0


def cmd_sync(args: argparse.Namespace) -> int:
    """Read what is new in the mailbox and the calendar set up in the secrets file: for cron, beside remind."""
    from lib.sync import SyncFailed
    from lib.sync import calendar as calendar_sync
    from lib.sync import mail as mail_sync

    every = not (args.mail or args.calendar)
    wanted = {"mail": (args.mail or every, config.sync_mail(args.secrets), mail_sync.sync),
              "calendar": (args.calendar or every, config.sync_calendar(args.secrets), calendar_sync.sync)}
    missing = [name for name, (asked, settings, _) in wanted.items() if asked and not settings and not every]
    sources = {name: (settings, run) for name, (asked, settings, run) in wanted.items() if asked and settings}
    if missing or not sources:
        names = " or ".join(f"[sync.{name}]" for name in (missing or wanted))
        raise CommandFailed(f"No {names} in {config.secrets_file(args.secrets)}: add it (see the README, Live sync)")
    db = _database(args)
    report: dict[str, Any] = {}
    for name, (settings, run) in sources.items():
        try:
            report[name] = run(db, settings, dry_run=args.dry_run)
        except SyncFailed as error:
            report[name] = {"error": str(error)}
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False, default=str))
    else:
        for name, found in report.items():
            _say_sync(name, found, args.dry_run)
    return EXIT_FAILED if any("error" in found for found in report.values()) else 0


def _say_sync(name: str, found: dict[str, Any], dry_run: bool) -> None:
    """One line per source, then its notes and what it skipped."""
    label = name.capitalize()
    if "error" in found:
        print(f"{label}: {found['error']}", file=sys.stderr)
        return
    if not found["items"]:
        print(f"{label}: nothing new.")
    else:
        logged = (f"{_count(found.get('interactions', 0), 'timeline entry')}, "
                  f"{_count(found.get('interviews', 0), 'planned interview')}, "
                  f"{_count(found.get('thank_yous', 0), 'thank-you')}, {_count(found.get('replies', 0), 'reply')}")
        print(f"{label}: {found['items']} read, {found['matched']} with a known contact: "
              f"{'would log' if dry_run else 'logged'} {logged}; {found['unchanged']} already logged.")
    for note in found.get("notes", []):
        print(f"  {note}")
    for skipped in found.get("skipped", []):
        print(f"  skipped {skipped['item']}: {skipped['reason']}")


def _say_reminders(outcome: Any, wanted: list[Any], dry_run: bool) -> None:
    if outcome.nothing_due:
        print("Nothing is due: no reminder sent.")
        return
    for reminder in wanted if dry_run else []:
        print(f"Would send: {reminder.title}\n{reminder.text}\n")
    for sent in outcome.sent:
        kinds = ", ".join(sent["kinds"])
        print(f"{'Would send' if dry_run else 'Sent'} to {sent['channel']}: {kinds}")
    for failed in outcome.failed:
        print(f"Failed, {failed['channel']} ({failed['kind']}): {failed['reason']} - tried again next run",
              file=sys.stderr)
    if not outcome.sent and not outcome.failed:
        print("Everything due was sent already.")


def cmd_due(args: argparse.Namespace) -> int:
    """Overdue and upcoming follow-ups: a daily digest for cron."""
    db = _existing(args)
    if args.days < 0:
        raise CommandFailed("--days counts days ahead, so it cannot be negative")
    items = followups.due(db, today=args.today, days=args.days)
    if args.json:
        print(json.dumps(items, indent=2, ensure_ascii=False))
        return 0
    if not items:
        print(f"Nothing overdue and nothing due in the next {args.days} days.")
        return 0
    for item in items:
        org = f" ({item['organisation']})" if item["organisation"] else ""
        flag = "OVERDUE " if item["state"] == "overdue" else ""
        print(f"{item['due']}  {flag}{item['title']} - {item['contact']}{org}")
    return 0


def cmd_interviews(args: argparse.Namespace) -> int:
    """Interviews with contact, organisation, time, status, debrief and thank-you state."""
    db = _existing(args)
    frame = interviews.listing(db, args.status)
    rows = [
        {"id": int(r["id"]), "contact_id": int(r["contact_id"]), "contact": r["contact"],
         "organisation": r["organisation"] or None,
         "scheduled_at": pd.Timestamp(r["scheduled_at"]).isoformat() + "Z",
         "duration_minutes": int(r["duration_minutes"]), "mode": r["mode"], "status": r["status"],
         "has_debrief": bool(r["has_debrief"]),
         "thank_you_sent": r["thank_you_sent_at"] is not None and not pd.isna(r["thank_you_sent_at"])}
        for r in frame.to_dict("records")
    ]
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    if not rows:
        print("No interviews" + (f" with status {args.status}" if args.status else "") + ".")
    for r in rows:
        org = f" ({r['organisation']})" if r["organisation"] else ""
        print(f"{r['id']:>5}  {r['scheduled_at'][:16].replace('T', ' ')} UTC  {r['status']:<9}  "
              f"{r['contact']}{org}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Write an export: contacts as CSV or vCard, everything as JSON, or the .ics calendar."""
    from lib.io import exports

    db = _existing(args)
    target = Path(args.out)
    if not target.parent.exists():
        raise CommandFailed(f"The folder {target.parent} does not exist")
    makers = {"csv": exports.contacts_csv, "vcard": exports.contacts_vcard, "json": exports.everything_json,
              "ics": ics.agenda}
    target.write_bytes(makers[args.format](db))
    print(f"Wrote {target}")
    return 0


def _count(n: int, noun: str) -> str:
    return wording.count(n, noun, none=None)


def _log_activity(args: argparse.Namespace, db: Database, module: Any, read: Callable[[], Any],
                  describe: Callable[[dict[str, Any]], str], label: str, **options: Any) -> int:
    """Preview, then (unless --dry-run) commit; print the JSON or a sentence, and the first unreadable items."""
    from lib.io import imports

    try:
        result = module.preview(db, read(), args.file_name, **options)
    except imports.ImportRefused as error:
        raise CommandFailed(str(error)) from error
    batch = None if args.dry_run else module.commit(db, result, args.file_name)
    report = result.summary() | {"written": batch is not None}
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
        return 0
    tail = "" if args.dry_run or batch else " - nothing new to write"
    print(f"{label}: {describe(report)}; {report['unmatched']} with no known contact, "
          f"{len(report['skipped'])} skipped, {len(report['invalid'])} invalid{tail}")
    for problem in report["invalid"][:20]:
        print(f"  {problem['item']}: {problem['reason']}")
    return 0


def _import_calendar(args: argparse.Namespace, db: Database, source: Path) -> int:
    """Meetings and planned interviews from a calendar export; the same file twice changes nothing."""
    from lib.io import calendars, imports

    def read() -> bytes:
        imports.check_size(source.stat().st_size, source.name)
        return source.read_bytes()

    return _log_activity(args, db, calendars, read, lambda r: (
        f"{_count(r['items'], 'event')}, {r['matched']} with a known contact: {_count(r['interactions'], 'meeting')}, "
        f"{_count(r['interviews'], 'planned interview')}, {r['attached']} attached to interviews, "
        f"{r['updated']} updated, {r['unchanged']} unchanged"), "Calendar")


def _import_mail(args: argparse.Namespace, db: Database, source: Path) -> int:
    """Emails, thank-yous and replies from a mailbox's headers; streamed, so any size reads in little memory."""
    from lib.io import mailboxes

    return _log_activity(args, db, mailboxes, lambda: source, lambda r: (
        f"{_count(r['items'], 'message')}, {r['matched']} with a known contact: {_count(r['interactions'], 'email')}, "
        f"{_count(r['thank_yous'], 'thank-you')} marked sent, {_count(r['replies'], 'reply')} to your requests, "
        f"{r['unchanged']} already imported"), "Mail", sent_folder=True if args.sent else None)


def cmd_import(args: argparse.Namespace) -> int:
    """Import contacts from a LinkedIn, Google, vCard or mapped CSV file; duplicates are flagged, not made."""
    from lib.io import imports

    db = _database(args)
    source = Path(args.file)
    if not source.exists():
        raise CommandFailed(f"No file at {source}")
    args.file_name = source.name
    if args.format == "calendar":
        return _import_calendar(args, db, source)
    if args.format == "mail":
        return _import_mail(args, db, source)
    mapping = None
    if args.map:
        saved = imports.mappings(db)
        if args.map not in saved:
            raise CommandFailed(f"No saved mapping called '{args.map}' (saved: {', '.join(saved) or 'none'})")
        mapping = saved[args.map]
    try:
        found = {"google": None}.get(args.format, args.format)  # current or legacy Google: detected
        imports.check_size(source.stat().st_size, source.name)  # before reading it into memory
        result = imports.preview(db, source.read_bytes(), source.name, format=found, mapping=mapping)
    except imports.ImportRefused as error:
        raise CommandFailed(str(error)) from error
    created = 0
    if not args.dry_run:
        imports.commit(db, result, source.name)
        created = len(result.new)
    report = result.as_json() | {"created": created}
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        print(f"{imports.FORMAT_LABELS[result.format]}: {result.rows} rows, {len(result.new)} new, "
              f"{len(result.duplicates)} duplicates, {len(result.invalid)} invalid"
              + ("" if args.dry_run else f"; {created} created"))
        for row, reason in result.invalid:
            print(f"  row {row}: {reason}")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    """A zip of every table (Parquet) with a manifest of row counts and checksums."""
    from lib.io import backup

    db = _existing(args)
    if not Path(args.out).parent.exists():
        raise CommandFailed(f"The folder {Path(args.out).parent} does not exist")
    manifest = backup.write(db, args.out)
    rows = sum(t["rows"] for t in manifest["tables"].values())
    print(f"Backed up {rows} rows in {len(manifest['tables'])} tables to {args.out}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    """Replace the database with a backup, after checking it and saving the current one."""
    from lib.io import backup

    if not Path(args.file).exists():
        raise CommandFailed(f"No backup at {args.file}")
    db = _database(args, migrate=False)  # the backup brings its own schema
    restored = backup.restore(db, args.file)
    saved = f"; the previous database was saved to {restored.safety}" if restored.safety else ""
    print(f"Restored {args.file} into {db.path}{saved}")
    if restored.dropped_settings:
        print("The backup's language model settings (where drafts and your API key would be sent) were not "
              "brought in; set them again in Settings if you want them.")
    return 0


def cmd_set_password(args: argparse.Namespace) -> int:
    """Set the password Rapport asks for when it is reachable beyond this computer."""
    import getpass

    from lib import access

    if sys.stdin.isatty():
        password = getpass.getpass("New password: ")
        if getpass.getpass("Again: ") != password:
            raise CommandFailed("The two passwords differ; nothing was changed")
    else:
        password = sys.stdin.readline().rstrip("\r\n")  # for scripts: echo "$PASSWORD" | … set-password
    try:
        stored = access.hash_password(password)
    except access.WeakPassword as error:
        raise CommandFailed(f"{error} Nothing was changed") from error
    try:
        access.write_hash(args.secrets, stored)
    except ValueError as error:
        raise CommandFailed(str(error)) from error
    print(f"Password set in {args.secrets} (only its scrypt hash). Restart Rapport for it to take effect.")
    return 0


def cmd_draft(args: argparse.Namespace) -> int:
    """Draft questions, a thank-you or an outreach request, offline or with the configured model."""
    from lib.drafting import service, settings

    db = _existing(args)
    current = settings.read(db)
    choice = args.provider or service.default_choice(current)
    if choice == "openai" and not current.configured:
        raise CommandFailed("No model is set up: set OPENAI_API_KEY (or OPENAI_BASE_URL for a local "
                            "server such as Ollama), or use --provider offline")
    provider = service.provider_for(choice, current)
    channel = {"email": "email", "linkedin": "linkedin_note"}[args.channel]
    try:
        if args.what == "questions":
            run = service.questions(db, _required(args.interview, "--interview"), provider)
        elif args.what == "thank-you":
            run = service.thank_you(db, _required(args.interview, "--interview"), provider, channel,
                                    args.tone)
        else:
            run = service.outreach(db, _required(args.contact, "--contact"), provider, channel)
    except LookupError as error:
        raise CommandFailed(f"{error} - list them with `python -m lib.cli interviews` or "
                            "`python -m lib.cli contacts`") from error
    draft = service.finish(run)
    if args.json:
        print(json.dumps(draft.as_json(), indent=2, ensure_ascii=False))
    else:
        print(("[incomplete] " if draft.incomplete and draft.text else "") + draft.as_text())
        for check in draft.checks:
            detail = f": {check.detail}" if check.detail else ""
            print(f"[{'ok' if check.ok else '!!'}] {check.name}{detail}")
    if draft.error:
        print(f"Error: {draft.error.message}", file=sys.stderr)
        return EXIT_FAILED
    return 0


def cmd_debrief(args: argparse.Namespace) -> int:
    """Notes or a voice memo sorted into a debrief: printed as a proposal, or saved with --save."""
    from lib import debriefs
    from lib.drafting import errors, service, settings

    db = _existing(args)
    current = settings.read(db)
    interviews.get(db, args.interview)  # "No interview 42" before any memo is sent
    transcript = ""
    if args.audio:
        try:
            transcript = debriefs.transcript_of(db, current, args.audio, Path(args.audio).read_bytes())
        except OSError as error:
            raise CommandFailed(f"Cannot read {args.audio}: {error.strerror}") from error
        except errors.DraftError as error:
            raise CommandFailed(error.message) from error
        notes = transcript
    else:
        notes = sys.stdin.read() if args.notes == "-" else _read_notes(args.notes)
    if not notes.strip():
        raise CommandFailed("The notes are empty: nothing to sort")
    choice = args.provider or service.default_choice(current)
    if choice == "openai" and not current.configured:
        raise CommandFailed("No model is set up: set OPENAI_API_KEY (or OPENAI_BASE_URL for a local "
                            "server such as Ollama), or use --provider offline")
    proposal = debriefs.propose(db, args.interview, notes, service.provider_for(choice, current), transcript)
    if proposal.fallback:
        print(f"Note: {proposal.fallback}", file=sys.stderr)
    for field, text in debriefs.untraced(proposal):
        print(f"Check: '{text}' ({field}) is not in the notes; review it before saving", file=sys.stderr)
    shown = proposal.as_json()
    if args.save:
        made = debriefs.save(db, args.interview, proposal)
        shown["saved"] = {k: v for k, v in made.items() if k != "advice"}
    print(json.dumps(shown, indent=2, ensure_ascii=False, default=str) if args.json else _say_proposal(proposal))
    if args.save and not args.json:
        print(f"Saved: interview {args.interview} completed, {_count(len(proposal.referrals), 'referral')} and "
              f"{_count(len(proposal.promises), 'promise')} added to follow-ups.")
    return 0


def _read_notes(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CommandFailed(f"Cannot read {path} as text: {getattr(error, 'strerror', None) or error}") from error


def _say_proposal(proposal: Any) -> str:
    """The proposal as a person reads it in a terminal: each field that says something, then the lists."""
    lines = [f"{interviews.DEBRIEF_FIELDS[f]}: {getattr(proposal, f)}".replace("\n", "; ")
             for f in interviews.DEBRIEF_FIELDS if f != "next_steps" and getattr(proposal, f)]
    lines += [f"Advice: {a}" for a in proposal.advice]
    lines += [f"Promise (due {p.due}): {p.text}" for p in proposal.promises]
    lines += [f"Next step: {s}" for s in proposal.next_steps]
    lines += ["Introduction: " + ", ".join(filter(None, [r.name, r.role, r.organisation]))
              + (" (already a contact)" if r.contact_id else "") for r in proposal.referrals]
    lines += [f"Other notes: {o}" for o in proposal.other]
    if proposal.transcript:
        lines.append(f"Transcript: {proposal.transcript}")
    return "\n".join(lines)


def _required(value: int | None, flag: str) -> int:
    if value is None:
        raise CommandFailed(f"{flag} is required for this draft")
    return value


def cmd_metrics(args: argparse.Namespace) -> int:
    """Dashboard figures for scripts: growth, goal, follow-up health, thank-yous, keep in touch, referrals."""
    from lib import metrics

    db = _existing(args)
    report = metrics.summary(db, today=args.today)
    if args.json:
        print(json.dumps(report, indent=2, default=str))
        return 0
    health, thanks = report["followup_health"], report["thank_you"]
    rate = "-" if thanks["on_time_rate"] is None else f"{thanks['on_time_rate']:.0%}"
    print(f"Contacts {report['contacts_total']} ({report['warm_contacts']} met at least once)")
    print(f"This week {report['weekly_goal']['this_week']} of {report['weekly_goal']['goal']} interviews; "
          f"streak {report['weekly_goal']['streak']} weeks")
    print(f"Follow-ups: {health['on_time']} on time, {health['late']} late, {health['overdue']} overdue, "
          f"{health['open']} open")
    print(f"Thank-yous: {thanks['count']} sent, {rate} within the window")
    print("Keep in touch: " + ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in report["keep_in_touch"].items()))
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The command tree; each sub-command names the function that runs it."""
    parser = argparse.ArgumentParser(prog="python -m lib.cli", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)

    def add(name: str, handler: Callable[[argparse.Namespace], int], help_text: str) -> argparse.ArgumentParser:
        command = sub.add_parser(name, help=help_text, description=help_text)
        command.add_argument("--db", help="database file (default: RAPPORT_DB or data/rapport.duckdb)")
        command.set_defaults(handler=handler)
        return command

    demo_cmd = add("demo", cmd_demo, "create a demo database with a year of networking")
    demo_cmd.add_argument("--seed", type=int, default=7)
    demo_cmd.add_argument("--today", type=_parse_day, default=None, help="YYYY-MM-DD")
    demo_cmd.add_argument("--force", action="store_true", help="replace an existing demo file")

    list_cmd = add("contacts", cmd_contacts, "list contacts")
    list_cmd.add_argument("--json", action="store_true", help="machine-readable output")
    list_cmd.add_argument("--search", default="", help="only contacts matching this text")
    list_cmd.add_argument("--today", type=_parse_day, default=None, help="YYYY-MM-DD")

    due_cmd = add("due", cmd_due, "overdue and upcoming follow-ups (a daily digest)")
    due_cmd.add_argument("--today", type=_parse_day, default=None, help="YYYY-MM-DD")
    due_cmd.add_argument("--days", type=int, default=7, help="how many days ahead (default 7)")
    due_cmd.add_argument("--json", action="store_true", help="machine-readable output")

    list_interviews = add("interviews", cmd_interviews, "list interviews")
    list_interviews.add_argument("--status", choices=list(interviews.STATUSES))
    list_interviews.add_argument("--json", action="store_true", help="machine-readable output")

    export_cmd = add("export", cmd_export, "export data to a file")
    export_cmd.add_argument("format", choices=["csv", "vcard", "json", "ics"],
                            help="csv or vcard: contacts; json: everything; ics: follow-ups and interviews")
    export_cmd.add_argument("out", help="the file to write")

    import_cmd = add("import", cmd_import, "import contacts, meetings from a calendar (.ics), or mail headers")
    import_cmd.add_argument("format", choices=["linkedin", "google", "vcard", "csv", "calendar", "mail"])
    import_cmd.add_argument("file", help="the file to import (for mail: an .mbox, an .eml, or a folder of .eml)")
    import_cmd.add_argument("--map", help="a saved column mapping (for csv)")
    import_cmd.add_argument("--sent", action="store_true",
                            help="mail: this is my sent mail (else only a name like Sent.mbox or Takeout's Sent "
                                 "label makes mail mine)")
    import_cmd.add_argument("--dry-run", action="store_true", help="show what would happen; write nothing")
    import_cmd.add_argument("--json", action="store_true", help="machine-readable output")

    backup_cmd = add("backup", cmd_backup, "back up the whole database to a zip")
    backup_cmd.add_argument("out", help="the zip to write")
    restore_cmd = add("restore", cmd_restore, "restore a backup zip (the current database is saved first)")
    restore_cmd.add_argument("file", help="the backup zip")

    draft_cmd = add("draft", cmd_draft, "draft questions, a thank-you or an outreach request")
    draft_cmd.add_argument("what", choices=["questions", "thank-you", "outreach"])
    draft_cmd.add_argument("--interview", type=int, help="interview id (questions, thank-you)")
    draft_cmd.add_argument("--contact", type=int, help="contact id (outreach)")
    draft_cmd.add_argument("--provider", choices=["offline", "openai"],
                           help="default: the model when one is set up, else offline")
    draft_cmd.add_argument("--channel", choices=["email", "linkedin"], default="email")
    draft_cmd.add_argument("--tone", choices=["warm", "concise", "formal"], default="warm")
    draft_cmd.add_argument("--json", action="store_true", help="machine-readable output")

    debrief_cmd = add("debrief", cmd_debrief, "sort notes or a voice memo into an interview's debrief")
    debrief_cmd.add_argument("--interview", type=int, required=True, help="interview id")
    given = debrief_cmd.add_mutually_exclusive_group(required=True)
    given.add_argument("--notes", help="a text file of notes, or - for standard input")
    given.add_argument("--audio", help="a voice memo (m4a, mp3, wav, webm), transcribed by the configured server")
    debrief_cmd.add_argument("--provider", choices=["offline", "openai"],
                             help="who sorts the notes (default: the model when one is set up, else offline)")
    debrief_cmd.add_argument("--save", action="store_true",
                             help="save it: complete the interview, add the contacts and follow-ups")
    debrief_cmd.add_argument("--json", action="store_true", help="machine-readable output")

    remind_cmd = add("remind", cmd_remind, "send due reminders (digest, meeting prep, thank-you nudge, weekly "
                     "review) to the channels in the secrets file; for cron")
    remind_cmd.add_argument("--secrets", help="the secrets file (default: RAPPORT_SECRETS or .streamlit/secrets.toml)")
    remind_cmd.add_argument("--now", type=_parse_now, default=None,
                            help="act as at this ISO-8601 time (no offset: your profile's time zone)")
    remind_cmd.add_argument("--force", action="store_true", help="send today's digest again")
    remind_cmd.add_argument("--dry-run", action="store_true", help="print what would be sent; send nothing")
    remind_cmd.add_argument("--json", action="store_true", help="machine-readable output")
    remind_cmd.add_argument("--schedule", action="store_true",
                            help="print the cron line and a systemd user timer for this checkout")

    sync_cmd = add("sync", cmd_sync, "read new mail (IMAP) and calendar events (CalDAV or a private link) set up "
                   "in the secrets file; for cron")
    sync_cmd.add_argument("--secrets", help="the secrets file (default: RAPPORT_SECRETS or .streamlit/secrets.toml)")
    sync_cmd.add_argument("--mail", action="store_true", help="only the mailbox ([sync.mail])")
    sync_cmd.add_argument("--calendar", action="store_true", help="only the calendar ([sync.calendar])")
    sync_cmd.add_argument("--dry-run", action="store_true", help="show what would be logged; write nothing")
    sync_cmd.add_argument("--json", action="store_true", help="machine-readable output, one object per source")

    metrics_cmd = add("metrics", cmd_metrics, "dashboard figures")
    metrics_cmd.add_argument("--today", type=_parse_day, default=None, help="YYYY-MM-DD")
    metrics_cmd.add_argument("--json", action="store_true", help="machine-readable output")

    password_cmd = add("set-password", cmd_set_password,
                       "set the password asked for when Rapport is reachable beyond this computer")
    password_cmd.add_argument("--secrets", default=str(config.PROJECT_ROOT / ".streamlit" / "secrets.toml"),
                              help="the secrets file to write (default .streamlit/secrets.toml)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; turn every expected failure into one line on stderr."""
    parser = build_parser()
    args = parser.parse_args(argv)
    os.umask(0o077)  # databases, backups and exports hold people's details: the user's own to read
    try:
        return args.handler(args)
    except (CommandFailed, DatabaseError, Invalid, LookupError, ValueError) as error:
        print(f"Error: {error}", file=sys.stderr)
        return EXIT_FAILED
    except BrokenPipeError:
        # Output piped into `head` and the like: stop quietly, as Unix tools do.
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
