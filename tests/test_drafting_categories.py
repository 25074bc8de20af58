"""lib/drafting/categories.py: labels and wording name the kind of question the model meant."""

from __future__ import annotations

import pytest

from lib.drafting import categories


@pytest.mark.parametrize(("label", "kind"), [
    ("Trends", "trends"), ("TIARA - Advice", "advice"), ("Offer of help", "offer"), ("R: Resources", "resources"),
    ("assignment", "assignments"), ("Rapport opener", "rapport"), ("Closing question", "closing"),
    ("insights", "insights"), ("Questions to help you prepare for it", None), ("Quick question", None), ("", None),
])
def test_a_written_label_names_its_category(label: str, kind: str | None) -> None:
    assert categories.from_label(label) == kind


@pytest.mark.parametrize(("text", "kind"), [
    ("Where is research ops heading over the next two years?", "trends"),
    ("What would you do first in my place?", "advice"),
    ("Which communities are worth joining?", "resources"),
    ("Is there a small project I could try to test my fit?", "assignments"),
    ("Could I share my workshop checklist with your team?", "offer"),
    ("Who else would you suggest I speak to?", "closing"),
    ("What does a week look like for you?", "insights"),
])
def test_a_question_without_a_label_is_sorted_by_what_it_asks(text: str, kind: str) -> None:
    assert categories.from_wording(text) == kind


def test_a_guessed_question_moves_to_a_missing_tiara_kind_its_wording_fits() -> None:
    found = [("trends", "Where is it heading?"), ("insights", "What is a week like?"),
             ("insights", "Which book should I read first?"), ("advice", "What would you do?"),
             ("assignments", "Could I try a small project?")]
    assert categories.balance(found, [True] * 5)[2] == "resources"
    assert categories.balance(found, [True, True, False, True, True])[2] == "insights"  # the model said so
    assert categories.balance(found[:3], [True] * 3) == ["trends", "insights", "resources"]
