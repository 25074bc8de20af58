"""lib/cli.py: the command line, run as a user runs it - a real process, real files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lib import contacts, interviews, profile
from lib.db import Database
from tests.conftest import DEMO_TODAY, ROOT
from tests.fakes.answers import QUESTION_ANSWERS, TEXTS, THANK_YOU_ANSWERS, THANKS, Answer
from tests.fakes.openai_server import MODEL
from tests.fixtures.model_answers import model_answers


def rapport(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lib.cli", *args], cwd=ROOT, capture_output=True,
                          text=True, env=env)


def test_demo_writes_a_year_of_networking_into_its_own_file(tmp_path: Path) -> None:
    path = tmp_path / "demo.duckdb"
    done = rapport("demo", "--db", str(path), "--today", DEMO_TODAY.isoformat())
    assert done.returncode == 0, done.stderr
    assert "80 contacts at 15 organisations" in done.stdout
    again = rapport("demo", "--db", str(path))
    assert again.returncode == 1
    assert again.stderr.strip().startswith("Error: ") and "already has contacts" in again.stderr
    assert "Traceback" not in again.stderr


def test_contacts_json_carries_the_promised_fields(demo_file: Path) -> None:
    done = rapport("contacts", "--db", str(demo_file), "--json", "--today", DEMO_TODAY.isoformat())
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert len(rows) == 80
    assert set(rows[0]) >= {"id", "name", "email", "linkedin_url", "organisation", "role", "industry",
                            "source", "introduced_by", "tags", "last_interaction_at", "keep_in_touch_due"}
    referred = [r for r in rows if r["introduced_by"]]
    assert referred and all(r["source"] == "referral" for r in referred)


def test_contacts_search_narrows_the_listing(db: Database) -> None:
    contacts.create(db, full_name="Ana Okafor", organisation="Ledgerly")
    contacts.create(db, full_name="Bo Chen", organisation="Greenline")
    done = rapport("contacts", "--db", db.path, "--search", "ledgerly")
    assert done.returncode == 0
    assert "Ana Okafor" in done.stdout and "Bo Chen" not in done.stdout


def test_a_missing_database_gets_one_line_saying_what_to_do(tmp_path: Path) -> None:
    done = rapport("contacts", "--db", str(tmp_path / "nowhere.duckdb"))
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1
    assert "No database at" in done.stderr and "demo" in done.stderr


def test_a_bad_date_is_a_usage_error_not_a_traceback(tmp_path: Path) -> None:
    done = rapport("contacts", "--db", str(tmp_path / "x.duckdb"), "--today", "27/11/2026")
    assert done.returncode == 2
    assert "is not a date like 2026-03-15" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_busy_database_is_reported_with_the_file_and_the_holder(db: Database) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, duckdb; c = duckdb.connect(sys.argv[1]); print('held', flush=True);"
                               " sys.stdin.readline()", db.path],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    try:
        env = {"RAPPORT_DB_BUSY_TIMEOUT": "0.2", "PATH": ""}
        done = rapport("contacts", "--db", db.path, env=env)
    finally:
        holder.communicate("\n")
    assert done.returncode == 1
    assert f"The database {db.path} is in use by another Rapport process (PID {holder.pid})" in done.stderr


def test_due_lists_overdue_and_upcoming_follow_ups_for_a_daily_digest(demo_file: Path) -> None:
    done = rapport("due", "--db", str(demo_file), "--today", DEMO_TODAY.isoformat(), "--days", "7", "--json")
    assert done.returncode == 0, done.stderr
    items = json.loads(done.stdout)
    assert items and set(items[0]) >= {"kind", "contact", "organisation", "due", "state"}
    assert {i["state"] for i in items} <= {"overdue", "open"}
    assert all(i["due"] <= (DEMO_TODAY + timedelta(days=7)).isoformat() for i in items)
    assert any(i["state"] == "overdue" for i in items)
    text = rapport("due", "--db", str(demo_file), "--today", DEMO_TODAY.isoformat())
    assert "OVERDUE" in text.stdout


def test_a_negative_horizon_is_refused_in_one_line(demo_file: Path) -> None:
    done = rapport("due", "--db", str(demo_file), "--days", "-2")
    assert done.returncode == 1 and "cannot be negative" in done.stderr


def test_interviews_json_carries_status_debrief_and_thank_you(demo_file: Path) -> None:
    done = rapport("interviews", "--db", str(demo_file), "--status", "completed", "--json")
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert len(rows) >= 40
    assert set(rows[0]) >= {"id", "contact_id", "contact", "organisation", "scheduled_at", "status",
                            "has_debrief", "thank_you_sent"}
    assert all(r["status"] == "completed" and r["has_debrief"] for r in rows)
    assert any(r["thank_you_sent"] for r in rows) and not all(r["thank_you_sent"] for r in rows)
    wrong = rapport("interviews", "--db", str(demo_file), "--status", "postponed")
    assert wrong.returncode == 2 and "invalid choice" in wrong.stderr


def test_export_ics_writes_a_calendar_that_parses_back(demo_file: Path, tmp_path: Path) -> None:
    from icalendar import Calendar

    out = tmp_path / "rapport.ics"
    done = rapport("export", "ics", str(out), "--db", str(demo_file))
    assert done.returncode == 0, done.stderr
    events = Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert any(str(e["uid"]).startswith("interview-") for e in events)
    assert any(str(e["uid"]).startswith("followup-") for e in events)
    missing = rapport("export", "ics", str(tmp_path / "no" / "such" / "dir.ics"), "--db", str(demo_file))
    assert missing.returncode == 1 and "does not exist" in missing.stderr


def test_draft_questions_offline_as_json_carries_provider_draft_and_checks(demo_file: Path) -> None:
    planned = Database(demo_file).value("SELECT max(id) FROM interview WHERE status = 'planned'")
    done = rapport("draft", "questions", "--interview", str(planned), "--provider", "offline", "--json",
                   "--db", str(demo_file))
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["provider"] == "offline" and len(result["questions"]) >= 6
    assert all(check["ok"] for check in result["checks"])


def test_draft_with_a_model_that_fails_exits_non_zero_with_the_reason(demo_file: Path, fake_llm, tmp_path: Path) -> None:
    import os
    import shutil

    copy = tmp_path / "demo.duckdb"
    shutil.copy(demo_file, copy)
    fake_llm.mode = "unauthorized"
    env = os.environ | {"OPENAI_API_KEY": "sk-wrong", "OPENAI_BASE_URL": fake_llm.url}
    done = rapport("draft", "outreach", "--contact", "3", "--db", str(copy), env=env)
    assert done.returncode == 1
    assert "refused the API key (401)" in done.stderr and "Traceback" not in done.stderr


def test_draft_without_the_id_it_needs_says_which_flag(demo_file: Path) -> None:
    done = rapport("draft", "thank-you", "--db", str(demo_file))
    assert done.returncode == 1 and "--interview is required" in done.stderr


def test_metrics_json_has_the_promised_keys_and_shapes(demo_file: Path) -> None:
    done = rapport("metrics", "--db", str(demo_file), "--json", "--today", DEMO_TODAY.isoformat())
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["contacts_total"] == 80 and 0 < report["warm_contacts"] <= 80
    growth = report["network_growth"]
    assert set(growth[0]) == {"month", "new", "cumulative", "by_source"}
    assert growth[-1]["cumulative"] == 80 and sum(g["new"] for g in growth) == 80
    assert set(report["followup_health"]) == {"on_time", "late", "overdue", "open"}
    assert set(report["thank_you"]) == {"count", "on_time_rate", "median_hours"}
    assert set(report["keep_in_touch"]) == {"healthy", "due_soon", "overdue", "dormant"}
    assert report["referrals"]["max_depth"] == 3
    assert report["interviews_per_week"] and set(report["interviews_per_week"][0]) == {"week", "interviews"}
    weekly = report["followup_health_weekly"]
    assert set(weekly[0]) == {"week", "on_time", "late", "overdue", "open"}
    assert date.fromisoformat(weekly[-1]["week"]).weekday() == 0  # the Monday
    assert {k: weekly[-1][k] for k in report["followup_health"]} == report["followup_health"]
    rate = report["outreach"]["reply_rate"]
    assert rate == round(rate, 3)


def test_backup_and_restore_from_the_command_line(demo_file: Path, tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "mine.duckdb"
    shutil.copy(demo_file, copy)
    done = rapport("backup", str(tmp_path / "b.zip"), "--db", str(copy))
    assert done.returncode == 0 and "tables to" in done.stdout
    other = tmp_path / "other.duckdb"
    restored = rapport("restore", str(tmp_path / "b.zip"), "--db", str(other))
    assert restored.returncode == 0, restored.stderr
    assert contacts.count(Database(other)) == 80
    (tmp_path / "broken.zip").write_text("no")
    refused = rapport("restore", str(tmp_path / "broken.zip"), "--db", str(other))
    assert refused.returncode == 1 and "not a Rapport backup" in refused.stderr and "Traceback" not in refused.stderr


def test_export_csv_vcard_and_json(demo_file: Path, tmp_path: Path) -> None:
    for kind, name in (("csv", "c.csv"), ("vcard", "c.vcf"), ("json", "all.json")):
        done = rapport("export", kind, str(tmp_path / name), "--db", str(demo_file))
        assert done.returncode == 0, done.stderr
    assert (tmp_path / "c.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert (tmp_path / "c.vcf").read_text().count("BEGIN:VCARD") == 80
    assert len(json.loads((tmp_path / "all.json").read_text())["tables"]["contact"]) == 80


def test_import_reports_format_rows_created_duplicates_and_invalid_rows(db: Database, tmp_path: Path) -> None:
    contacts.create(db, full_name="Ana Okafor", linkedin_url="linkedin.com/in/ana-okafor")
    source = tmp_path / "Connections.csv"
    source.write_bytes(("Notes:\r\n\"x\"\r\n\r\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
                        "Ana,Okafor,https://www.linkedin.com/in/ana-okafor,,Ledgerly,UX,15 Mar 2024\r\n"
                        "Bo,Chen,,bo@greenline.example,Greenline,PM,02 Jan 2025\r\n"
                        "Cy,Patel,,not-an-email,Ledgerly,Analyst,01 Feb 2024\r\n").encode("utf-8-sig"))
    dry = rapport("import", "linkedin", str(source), "--db", db.path, "--dry-run", "--json")
    assert dry.returncode == 0, dry.stderr
    report = json.loads(dry.stdout)
    assert {k: report[k] for k in ("format", "rows", "created", "duplicates")} == {
        "format": "linkedin", "rows": 3, "created": 0, "duplicates": 1}
    assert report["invalid"] == [{"row": 7, "reason": "'not-an-email' is not an email address (expected name@example.com)"}]
    done = rapport("import", "linkedin", str(source), "--db", db.path, "--json")
    assert json.loads(done.stdout)["created"] == 1 and contacts.count(db) == 2


def test_import_of_a_bad_file_is_one_line_and_changes_nothing(db: Database, tmp_path: Path) -> None:
    (tmp_path / "book.xlsx").write_bytes(b"PK\x03\x04 not really")
    done = rapport("import", "csv", str(tmp_path / "book.xlsx"), "--db", db.path)
    assert done.returncode == 1 and "Excel workbook" in done.stderr and done.stderr.count("\n") == 1
    missing = rapport("import", "csv", str(tmp_path / "x.csv"), "--db", db.path, "--map", "nope")
    assert missing.returncode == 1


def test_import_calendar_logs_meetings_and_the_second_run_changes_nothing(db: Database, tmp_path: Path) -> None:
    from datetime import datetime

    from lib import interactions, interviews

    ana = contacts.create(db, full_name="Ana Okafor", email="ana@ledgerly.example")
    past, coming = datetime.now() - timedelta(days=3), datetime.now() + timedelta(days=5)
    events = "".join(
        f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTART:{when:%Y%m%dT1000%S}\r\nDURATION:PT45M\r\nSUMMARY:{title}\r\n"
        f"ATTENDEE;CN=Ana:mailto:ANA@ledgerly.example\r\nEND:VEVENT\r\n"
        for uid, when, title in (("a@x", past, "Coffee"), ("b@x", coming, "Research chat")))
    source = tmp_path / "calendar.ics"
    source.write_text(f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Apple Inc.//macOS//EN\r\n{events}END:VCALENDAR\r\n")
    dry = rapport("import", "calendar", str(source), "--db", db.path, "--dry-run", "--json")
    assert dry.returncode == 0, dry.stderr
    report = json.loads(dry.stdout)
    assert {k: report[k] for k in ("format", "items", "matched", "interactions", "interviews", "unmatched")} == {
        "format": "ics", "items": 2, "matched": 2, "interactions": 1, "interviews": 1, "unmatched": 0}
    assert interactions.timeline(db, ana) == []  # a dry run writes nothing
    done = rapport("import", "calendar", str(source), "--db", db.path)
    assert done.returncode == 0 and "1 meeting, 1 planned interview," in done.stdout
    again = rapport("import", "calendar", str(source), "--db", db.path)
    assert "nothing new to write" in again.stdout
    assert len(interactions.timeline(db, ana)) == 1 and len(interviews.listing(db)) == 1
    broken = tmp_path / "contacts.ics"
    broken.write_text("Name,Email\n")
    refused = rapport("import", "calendar", str(broken), "--db", db.path)
    assert refused.returncode == 1 and "is not a calendar" in refused.stderr


def test_import_mail_from_a_folder_of_eml_files(db: Database, tmp_path: Path) -> None:
    from lib import interactions, profile

    profile.save(db, name="Sam", email="sam@example.com")
    ana = contacts.create(db, full_name="Ana Okafor", email="ana@ledgerly.example")
    folder = tmp_path / "Saved mail"
    folder.mkdir()
    (folder / "one.eml").write_text("Message-ID: <1@x>\nDate: Mon, 23 Nov 2026 09:00:00 +0000\n"
                                    "From: Sam <sam@example.com>\nTo: Ana <ana@ledgerly.example>\nSubject: Hello\n\nHi\n")
    (folder / "two.eml").write_text("Message-ID: <2@x>\nFrom: ana@ledgerly.example\nSubject: No date\n\nHi\n")
    unsure = json.loads(rapport("import", "mail", str(folder), "--db", db.path, "--json", "--dry-run").stdout)
    assert unsure["interactions"] == 0 and "not in your sent mail" in unsure["skipped"][0]["reason"]
    done = rapport("import", "mail", str(folder), "--db", db.path, "--json", "--sent")  # "this is my sent mail"
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert {k: report[k] for k in ("format", "items", "matched", "interactions", "thank_yous", "replies")} == {
        "format": "mail", "items": 2, "matched": 1, "interactions": 1, "thank_yous": 0, "replies": 0}
    assert report["invalid"] == [{"item": "two.eml", "reason": "it has no date"}]
    assert [e["note"] for e in interactions.timeline(db, ana)] == ["Email sent: Hello"]
    again = rapport("import", "mail", str(folder), "--db", db.path, "--sent")
    assert "nothing new to write" in again.stdout and len(interactions.timeline(db, ana)) == 1


def test_the_database_its_backups_and_exports_are_readable_by_their_owner_only(tmp_path: Path) -> None:
    import os

    folder = tmp_path / "new-folder"
    path = folder / "rapport.duckdb"
    env = os.environ | {"RAPPORT_DB": str(path)}
    old = os.umask(0o022)  # the usual umask, which makes files world-readable
    try:
        for command in (["demo", "--db", str(path), "--today", DEMO_TODAY.isoformat()],
                        ["backup", "--db", str(path), str(tmp_path / "backup.zip")],
                        ["export", "--db", str(path), "json", str(tmp_path / "all.json")]):
            done = rapport(*command, env=env)
            assert done.returncode == 0, done.stderr
    finally:
        os.umask(old)
    for made in (path, tmp_path / "backup.zip", tmp_path / "all.json"):
        assert made.stat().st_mode & 0o777 == 0o600, made
    assert folder.stat().st_mode & 0o777 == 0o700


# -- drafts from the way real models answer (tests/fakes/answers.py, replayed by the local server) -------

@pytest.fixture
def meetings(db: Database) -> tuple[int, int]:
    """A planned meeting with Ana and one already debriefed: (planned, debriefed)."""
    profile.save(db, name="Sam Rivera", target_roles="UX researcher", offers="Workshop facilitation checklist")
    ana = contacts.create(db, full_name="Ana Okafor", organisation="Ledgerly", role="Head of Research")
    planned = interviews.schedule(db, ana, datetime.now() + timedelta(days=2), purpose="Learn research ops")
    past = interviews.schedule(db, ana, datetime.now() - timedelta(hours=3))
    interviews.complete(db, past, {"advice": "Join the research ops community",
                                   "offers": "Send my workshop facilitation checklist"})
    return planned, past


def draft_with(fake_llm, db: Database, *args: str) -> subprocess.CompletedProcess:
    env = os.environ | {"OPENAI_API_KEY": "sk-cli-test", "OPENAI_BASE_URL": fake_llm.url, "RAPPORT_LLM_MODEL": MODEL}
    return rapport("draft", *args, "--db", db.path, env=env)


@pytest.mark.parametrize("shape", ["think", "reasoning_content", "fenced", "strings", "labels", "sections"])
def test_draft_questions_reads_any_answer_shape_as_the_questions_meant(db, meetings, fake_llm, shape) -> None:
    fake_llm.enqueue(QUESTION_ANSWERS[shape])
    done = draft_with(fake_llm, db, "questions", "--interview", str(meetings[0]), "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["questions"] and {q["text"] for q in result["questions"]} <= set(TEXTS)
    assert {c["name"]: c["ok"] for c in result["checks"]}["Covers all of TIARA"]
    assert "Rapport openers" not in done.stdout and "Traceback" not in done.stderr


@pytest.mark.parametrize(("shape", "says"), [("cut", "length limit"), ("filtered", "content filter"),
                                             ("thinking_cut", "while still thinking")])
def test_draft_cut_short_by_the_server_exits_1_with_the_partial_marked_incomplete(db, meetings, fake_llm, shape,
                                                                                  says) -> None:
    fake_llm.enqueue(QUESTION_ANSWERS[shape])
    done = draft_with(fake_llm, db, "questions", "--interview", str(meetings[0]))
    assert done.returncode == 1 and says in done.stderr and "Traceback" not in done.stderr
    if shape == "cut":
        assert done.stdout.startswith(f"[incomplete] • {TEXTS[0]}")
    fake_llm.enqueue(QUESTION_ANSWERS[shape])
    result = json.loads(draft_with(fake_llm, db, "questions", "--interview", str(meetings[0]), "--json").stdout)
    assert result["incomplete"] is True and result["questions"] == [] and says in result["error"]


@pytest.mark.parametrize("shape", ["think", "reasoning_content", "fenced", "chatty"])
def test_draft_thank_you_prints_the_message_not_the_answer_around_it(db, meetings, fake_llm, shape) -> None:
    fake_llm.enqueue(THANK_YOU_ANSWERS[shape])
    done = draft_with(fake_llm, db, "thank-you", "--interview", str(meetings[1]))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"Subject: {THANKS['subject']}\n\n{THANKS['body']}\n")
    assert "Feel free" not in done.stdout and "{" not in done.stdout and "<think>" not in done.stdout
    assert "[!!]" not in done.stdout


def test_draft_thank_you_cut_at_the_length_limit_is_no_message_and_exits_1(db, meetings, fake_llm) -> None:
    fake_llm.enqueue(THANK_YOU_ANSWERS["cut"])
    done = draft_with(fake_llm, db, "thank-you", "--interview", str(meetings[1]), "--json")
    assert done.returncode == 1 and "length limit" in done.stderr
    result = json.loads(done.stdout)
    assert result["message"] is None and result["incomplete"] and result["partial"].startswith("Hi Ana,")


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                HealthCheck.too_slow])
@given(text=model_answers(), finish=st.sampled_from(["stop", "length"]))
def test_draft_from_any_answer_ends_in_a_draft_or_a_reason_never_a_traceback(db, meetings, fake_llm, text,
                                                                             finish) -> None:
    fake_llm.enqueue(Answer(text, finish=finish))
    done = draft_with(fake_llm, db, "questions", "--interview", str(meetings[0]), "--json")
    assert done.returncode in (0, 1) and "Traceback" not in done.stderr
    result = json.loads(done.stdout)
    assert bool(result["error"]) == (done.returncode == 1) == (not result["questions"])


def test_the_rapport_command_runs_from_any_folder_for_a_cron_line(tmp_path: Path) -> None:
    command = Path(sys.executable).parent / "rapport"  # installed by `make run` / `make test`
    done = subprocess.run([str(command), "due", "--help"], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0 and "--days" in done.stdout
