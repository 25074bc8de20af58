"""lib/questions.py: an ordered, editable question list in TIARA categories."""

from datetime import datetime

import pytest

from lib import contacts, interviews, questions
from lib.db import Database
from lib.validation import Invalid


@pytest.fixture
def meeting(db: Database) -> int:
    ana = contacts.create(db, full_name="Ana")
    return interviews.schedule(db, ana, datetime(2026, 12, 1, 10))


def test_questions_keep_the_order_they_were_added(db: Database, meeting: int) -> None:
    questions.add(db, meeting, "What trends matter?", "trends")
    questions.add(db, meeting, "What surprised you?")
    assert [(q["position"], q["category"]) for q in questions.of(db, meeting)] == [(1, "trends"), (2, "insights")]


def test_saving_the_edited_list_reorders_drops_blank_rows_and_keeps_answers(db: Database, meeting: int) -> None:
    questions.add(db, meeting, "First", "trends")
    questions.add(db, meeting, "Second", "advice")
    rows = [
        {"text": "Second", "category": "advice", "asked": True, "answer": "Start small"},
        {"text": "  ", "category": "trends"},  # cleared in the editor: deleted
        {"text": "New one", "category": float("nan"), "asked": float("nan")},  # a fresh editor row
    ]
    questions.save_list(db, meeting, rows)
    saved = questions.of(db, meeting)
    assert [(q["text"], q["category"], q["asked"], q["answer"]) for q in saved] == [
        ("Second", "advice", True, "Start small"), ("New one", "insights", False, "")]


def test_a_bad_row_is_refused_and_the_old_list_stays(db: Database, meeting: int) -> None:
    questions.add(db, meeting, "Keep me", "trends")
    with pytest.raises(Invalid, match="Unknown category 'gossip'"):
        questions.save_list(db, meeting, [{"text": "Who is leaving?", "category": "gossip"}])
    assert [q["text"] for q in questions.of(db, meeting)] == ["Keep me"]


def test_moving_a_question_up_and_down(db: Database, meeting: int) -> None:
    ids = [questions.add(db, meeting, t) for t in ("A", "B", "C")]
    questions.move(db, ids[2], -1)
    assert [q["text"] for q in questions.of(db, meeting)] == ["A", "C", "B"]
    first = questions.of(db, meeting)[0]["id"]
    questions.move(db, first, -5)  # already first: stays
    assert [q["text"] for q in questions.of(db, meeting)] == ["A", "C", "B"]


def test_tiara_coverage_counts_every_category_including_the_missing() -> None:
    rows = [{"category": "trends"}, {"category": "trends"}, {"category": "rapport"}]
    assert questions.tiara_coverage(rows) == {"trends": 2, "insights": 0, "advice": 0, "resources": 0,
                                              "assignments": 0}


def test_an_empty_question_is_refused(db: Database, meeting: int) -> None:
    with pytest.raises(Invalid, match="needs some words"):
        questions.add(db, meeting, "   ")


def test_a_table_editors_unsaved_edits_rebuild_the_list_as_it_was_left() -> None:
    rows = [{"text": "What trends matter?", "category": "trends"}, {"text": "Old one", "category": "advice"},
            {"text": "A typical week?", "category": "insights"}]
    edits = {"edited_rows": {"0": {"text": "Which trends matter most in ICU informatics?"}},
             "deleted_rows": [1], "added_rows": [{"text": "Who else should I meet?", "category": "closing"}]}
    assert [r["text"] for r in questions.with_edits(rows, edits)] == [
        "Which trends matter most in ICU informatics?", "A typical week?", "Who else should I meet?"]
    assert questions.with_edits(rows, {}) == rows
