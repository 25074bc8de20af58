"""lib/reminders.py: reminders reach the user by email, push and webhook - each once, at the right local time,
through real servers (an SMTP server and an HTTP server the test starts), and never with a secret shown."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from lib import clock, contacts, followups, interviews, profile, questions, reminders
from lib.db import Database
from tests.conftest import ROOT, table_contents
from tests.fakes.channels import Hook, Mailbox, free_port

CANARY = "canary-pw-7Q2xZ9"


def at_local(db: Database, text: str) -> datetime:
    """A wall-clock time where the user lives, as the naive UTC Rapport compares."""
    return clock.to_utc(datetime.fromisoformat(text), profile.get(db).time_zone)


@pytest.fixture
def sam(db: Database) -> Database:
    """A Melbourne user with a thank-you due, a follow-up overdue and a meeting tomorrow morning."""
    profile.save(db, name="Sam Rivera", email="sam@example.com", time_zone="Australia/Melbourne", weekly_goal=2)
    ana = contacts.create(db, full_name="Ana Okafor", email="ana@ledgerly.example")
    bo = contacts.create(db, full_name="Bo Chen")
    met = interviews.schedule(db, ana, at_local(db, "2026-11-30T15:00"))
    interviews.complete(db, met, {"realities": "Research is mostly synthesis", "advice": "Read Just Enough Research"},
                        now=at_local(db, "2026-11-30T16:00"))
    followups.create(db, bo, "follow_up_once", "Follow up once with Bo Chen", at_local(db, "2026-11-29T17:00"))
    nxt = interviews.schedule(db, bo, at_local(db, "2026-12-02T10:00"), purpose="Learn about grid storage")
    questions.add(db, nxt, "What changed in storage pricing this year?", "trends", must_ask=True)
    return db


def test_the_morning_digest_names_meetings_thank_yous_and_follow_ups_as_actions(sam) -> None:
    found = reminders.due(sam, at_local(sam, "2026-12-01T07:05"))
    digest = next(r for r in found if r.kind == "digest")
    assert digest.key == "digest:2026-12-01"
    assert "Thank Ana Okafor (" in digest.text and "hours left)" in digest.text
    assert "- Follow up once with Bo Chen" in digest.text
    assert "Open Rapport: http://localhost:8501/today" in digest.text


@pytest.mark.parametrize(("zone", "before", "after"), [
    ("Australia/Melbourne", "2026-12-01T06:55", "2026-12-01T07:05"),
    ("America/Los_Angeles", "2026-12-01T06:55", "2026-12-01T07:05"),
])
def test_the_digest_comes_at_the_users_hour_in_their_own_zone(sam, zone: str, before: str, after: str) -> None:
    profile.save(sam, time_zone=zone)
    assert not [r for r in reminders.due(sam, at_local(sam, before)) if r.kind == "digest"]
    assert [r.key for r in reminders.due(sam, at_local(sam, after)) if r.kind == "digest"] == ["digest:2026-12-01"]


def test_nothing_is_due_when_nothing_needs_doing(db: Database) -> None:
    profile.save(db, name="Sam", time_zone="UTC")
    assert reminders.due(db, datetime(2026, 12, 1, 7, 30)) == []


def test_meeting_prep_comes_within_its_lead_time_with_the_must_ask_questions(sam) -> None:
    early = reminders.due(sam, at_local(sam, "2026-12-02T07:30"))
    assert not [r for r in early if r.kind == "prep"]
    prep = next(r for r in reminders.due(sam, at_local(sam, "2026-12-02T08:30")) if r.kind == "prep")
    assert "What changed in storage pricing this year?" in prep.text and "interview?id=" in prep.text
    assert prep.title == "Rapport - meeting Bo Chen at 10:00"


def test_a_thank_you_nudge_comes_when_the_window_is_about_to_close(sam) -> None:
    due = interviews.thank_you_due(sam, 1)
    assert not [r for r in reminders.due(sam, due - timedelta(hours=5)) if r.kind == "thank_you"]
    nudge = [r for r in reminders.due(sam, due - timedelta(hours=3)) if r.kind == "thank_you"]
    assert [r.title for r in nudge] == ["Rapport - 3 hours left to thank Ana Okafor"]


def test_monday_brings_a_review_of_last_week(sam) -> None:
    review = next(r for r in reminders.due(sam, at_local(sam, "2026-12-07T07:10")) if r.kind == "weekly")
    assert review.key == "weekly:2026-W49" and "1 interview against your goal of 2" in review.text
    assert "Read Just Enough Research" in review.text


def test_the_digest_reaches_an_smtp_server_as_readable_html_with_a_plain_text_part(sam) -> None:
    with Mailbox() as box:
        outcome = reminders.send(sam, reminders.due(sam, at_local(sam, "2026-12-01T07:05")),
                                 [reminders.channel(box.url())])
    assert outcome.failed == [] and outcome.sent[0]["kinds"] == ["digest"]
    mail = box.messages[0]
    assert mail["Subject"] == "Rapport - today, Tue 01 Dec" and mail["To"] == "sam@example.com"
    assert mail.get_content_type() == "multipart/alternative"
    plain = mail.get_body(("plain",)).get_content()
    rich = mail.get_body(("html",)).get_content()
    assert "Follow up once with Bo Chen" in plain and "<li>Follow up once with Bo Chen</li>" in rich
    assert "http://localhost:8501/today" in rich


def test_ntfy_and_a_json_webhook_receive_the_text_and_two_runs_send_nothing_twice(sam) -> None:
    with Hook() as hook:
        targets = [reminders.channel(f"ntfy://127.0.0.1:{hook.port}/rapport"),
                   reminders.channel(f"json://127.0.0.1:{hook.port}/hook")]
        now = at_local(sam, "2026-12-01T07:05")
        first = reminders.send(sam, reminders.due(sam, now), targets)
        again = reminders.send(sam, reminders.due(sam, now + timedelta(minutes=15)), targets)
    assert [s["kinds"] for s in first.sent] == [["digest"], ["digest"]] and again.sent == []
    assert len(hook.requests) == 2
    assert "Follow up once with Bo Chen" in hook.requests[0]["body"]
    assert json.loads(hook.requests[1]["body"])["title"] == "Rapport - today, Tue 01 Dec"


@pytest.mark.parametrize("fault", ["refused", "unauthorized", "timeout", "malformed", "wrong_password"])
def test_a_failing_channel_is_named_with_its_reason_does_not_stop_the_others_and_is_retried(sam, fault) -> None:
    now = at_local(sam, "2026-12-01T07:05")
    with Hook() as good, Hook(status=401) as refusing, Mailbox() as box:
        broken = {"refused": f"json://127.0.0.1:{free_port()}/x",
                  "unauthorized": f"json://127.0.0.1:{refusing.port}/x",
                  "timeout": f"json://127.0.0.1:{good.port}/slow?rto=1&cto=1",
                  "malformed": "notaservice://nothing/here",
                  "wrong_password": box.url(password="revoked-app-password")}[fault]
        if fault == "timeout":
            good.hold = True
        targets = [reminders.channel(broken), reminders.channel(f"ntfy://127.0.0.1:{refusing.port + 0}/ok")]
        targets[1] = reminders.channel(f"ntfy://127.0.0.1:{good.port}/ok") if fault != "timeout" else \
            reminders.channel(box.url())
        outcome = reminders.send(sam, reminders.due(sam, now), targets)
        good.released.set()
    assert [f["channel"] for f in outcome.failed] == [targets[0].label] and outcome.failed[0]["reason"]
    assert [s["channel"] for s in outcome.sent] == [targets[1].label]  # the other channel still got it
    assert "revoked-app-password" not in json.dumps(outcome.as_json())
    retried = reminders.send(sam, reminders.due(sam, now + timedelta(minutes=15)), targets, dry_run=True)
    assert retried.sent == [{"channel": targets[0].label, "kinds": ["digest"]}]  # only what failed, again


def test_a_canary_password_in_a_channel_url_is_found_nowhere_on_disk_or_in_output(sam, tmp_path: Path) -> None:
    from lib.io import backup, exports

    with Mailbox(password=CANARY) as box:
        secrets = tmp_path / "secrets.toml"
        secrets.write_text(f'[reminders]\nurls = ["{box.url()}", "notaservice://{CANARY}@x"]\n')
        done = subprocess.run([sys.executable, "-m", "lib.cli", "remind", "--db", sam.path, "--secrets",
                               str(secrets), "--now", "2026-12-01T07:05", "--json"],
                              cwd=ROOT, capture_output=True, text=True, timeout=120)
        plain = subprocess.run([sys.executable, "-m", "lib.cli", "remind", "--db", sam.path, "--secrets",
                                str(secrets), "--now", "2026-12-01T07:05", "--force"],
                               cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1  # the malformed channel failed, the mailbox got its digest
    report = json.loads(done.stdout)
    assert report["sent"][0]["kinds"] == ["digest"] and "not a channel address" in report["failed"][0]["reason"]
    assert len(box.messages) == 2  # the digest, and --force sent it again
    backup.write(sam, tmp_path / "backup.zip")
    seen = {"stdout": done.stdout + plain.stdout, "stderr": done.stderr + plain.stderr,
            "database": Path(sam.path).read_bytes().decode("latin-1"), "tables": str(table_contents(sam)),
            "backup": (tmp_path / "backup.zip").read_bytes().decode("latin-1"),
            "export": exports.everything_json(sam).decode("utf-8", "replace")}
    assert {where for where, text in seen.items() if CANARY in text} == set()
    assert "mailto://sam:****@127.0.0.1" in done.stdout  # what the user sees: the channel, redacted


def test_remind_without_channels_says_how_to_add_one(sam, tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "lib.cli", "remind", "--db", sam.path, "--secrets",
                           str(tmp_path / "none.toml")], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1 and "[reminders] urls" in done.stderr and "Traceback" not in done.stderr


def test_remind_schedule_prints_a_cron_line_and_a_systemd_timer_for_this_checkout() -> None:
    said = reminders.schedule(sys.executable)
    assert "*/15 * * * * " in said and " remind" in said and "OnCalendar=*:0/15" in said
