"""`python -m lib.cli debrief`: notes or a voice memo into a debrief, as a user runs it - a real process."""

from __future__ import annotations

import json
import os
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from lib import contacts, interviews, profile
from lib.db import Database
from tests.fakes.openai_server import MODEL
from tests.test_cli import rapport
from tests.test_drafting_transcribe import wav

NOTES = ("- recruiting teachers is the hardest part\nadvice: turn a school project into a case study\n"
         "intro to Tom Kelly (Researcher, Canva)\nI'll send her my consent templates by Friday\n"
         "next: plan a parent survey")


@pytest.fixture
def meeting(db: Database) -> int:
    profile.save(db, name="Maya Chen")
    priya = contacts.create(db, full_name="Priya Raman", organisation="Canva", role="UX Research Lead")
    return interviews.schedule(db, priya, datetime.now() - timedelta(hours=2))


def test_notes_are_printed_as_a_proposal_and_nothing_is_saved(db: Database, meeting: int, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text(NOTES)
    done = rapport("debrief", "--interview", str(meeting), "--notes", str(tmp_path / "notes.txt"),
                   "--provider", "offline", "--json", "--db", db.path)
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout)
    assert shown["challenges"] == "recruiting teachers is the hardest part"
    assert shown["referrals"] == [{"name": "Tom Kelly", "organisation": "Canva", "role": "Researcher"}]
    assert shown["promises"][0]["text"].startswith("I'll send her") and shown["promises"][0]["due"]
    assert shown["next_steps"] == ["plan a parent survey"] and "transcript" not in shown
    assert interviews.get(db, meeting)["status"] == "planned"


def test_notes_from_standard_input_are_saved_with_contacts_and_follow_ups(db: Database, meeting: int) -> None:
    import subprocess
    import sys

    from tests.conftest import ROOT

    done = subprocess.run([sys.executable, "-m", "lib.cli", "debrief", "--interview", str(meeting), "--notes", "-",
                           "--provider", "offline", "--save", "--db", db.path], cwd=ROOT, capture_output=True,
                          text=True, input=NOTES)
    assert done.returncode == 0, done.stderr
    assert "Introduction: Tom Kelly, Researcher, Canva" in done.stdout and "Saved: interview" in done.stdout
    assert interviews.get(db, meeting)["status"] == "completed"
    assert interviews.debrief_of(db, meeting)["notes"] == NOTES
    assert [r["name"] for r in interviews.referrals_of(db, meeting)] == ["Tom Kelly"]


def test_a_memo_is_transcribed_by_the_local_server_and_sorted(db: Database, meeting: int, fake_llm,
                                                              tmp_path: Path) -> None:
    fake_llm.transcript = "The hardest part is recruiting teachers. Next: plan a parent survey."
    (tmp_path / "memo.wav").write_bytes(wav())
    env = os.environ | {"OPENAI_API_KEY": "sk-cli-memo-123456789", "OPENAI_BASE_URL": fake_llm.url,
                        "RAPPORT_LLM_MODEL": MODEL}
    done = rapport("debrief", "--interview", str(meeting), "--audio", str(tmp_path / "memo.wav"), "--provider",
                   "offline", "--json", "--save", "--db", db.path, env=env)
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout)
    assert shown["transcript"] == fake_llm.transcript and shown["next_steps"] == ["plan a parent survey"]
    assert fake_llm.uploads[-1]["model"] == "whisper-1"
    assert interviews.debrief_of(db, meeting)["notes"] == fake_llm.transcript
    assert "sk-cli-memo-123456789" not in done.stdout + done.stderr


def test_a_file_that_is_not_audio_is_one_line(db: Database, meeting: int, fake_llm, tmp_path: Path) -> None:
    (tmp_path / "notes.m4a").write_text("not audio at all")
    env = os.environ | {"OPENAI_BASE_URL": fake_llm.url}
    done = rapport("debrief", "--interview", str(meeting), "--audio", str(tmp_path / "notes.m4a"), "--db", db.path,
                   env=env)
    assert done.returncode == 1 and done.stderr.startswith("Error: notes.m4a is not a voice memo")
    assert len(done.stderr.strip().splitlines()) == 1 and fake_llm.uploads == []


def test_no_such_interview_says_how_to_list_them(db: Database, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text(NOTES)
    done = rapport("debrief", "--interview", "999", "--notes", str(tmp_path / "notes.txt"), "--db", db.path)
    assert done.returncode == 1 and "No interview 999" in done.stderr
