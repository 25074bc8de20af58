"""lib/drafting/bank.py: enough original questions, in every category, with only known blanks."""

import re
from collections import Counter

from lib.drafting import bank
from lib.questions import CATEGORIES, TIARA

KNOWN = {"first_name", "organisation", "industry", "role", "target_role", "background", "introducer"}


def test_there_are_at_least_120_tiara_questions_plus_openers_and_closings() -> None:
    counts = Counter(e.category for e in bank.BANK)
    assert sum(counts[c] for c in TIARA) >= 120
    assert all(counts[c] >= 10 for c in TIARA)
    assert counts["rapport"] >= 5 and counts["closing"] >= 3


def test_every_entry_has_a_known_category_and_only_known_placeholders() -> None:
    for entry in bank.BANK:
        assert entry.category in CATEGORIES
        assert set(re.findall(r"\{(\w+)\}", entry.template)) <= KNOWN, entry.template
        assert entry.template.rstrip().endswith("?"), entry.template


def test_no_two_entries_are_the_same_question() -> None:
    texts = [e.template.lower() for e in bank.BANK]
    assert len(texts) == len(set(texts))
