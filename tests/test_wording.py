"""Numbers with words, one way everywhere; and inflect loaded without its 3-second instrumentation."""

import subprocess
import sys

import pytest

from lib import wording
from tests.conftest import ROOT


@pytest.mark.parametrize(("n", "noun", "said"), [
    (1, "promise", "1 promise"), (2, "reply", "2 replies"), (0, "thank-you", "no thank-yous"),
    (1204, "contact", "1,204 contacts"), (3, "person", "3 people"), (2, "follow-up", "2 follow-ups"),
])
def test_a_number_agrees_with_its_noun(n: int, noun: str, said: str) -> None:
    assert wording.count(n, noun) == said


def test_zero_can_read_as_a_number_or_another_word() -> None:
    assert wording.count(0, "reply", none=None) == "0 replies"
    assert wording.count(0, "meeting", none="none of the") == "none of the meetings"


def test_a_given_plural_wins_over_the_dictionary() -> None:
    assert wording.count(2, "staff member", many="staff") == "2 staff"


def test_loading_inflect_leaves_typeguard_checking_everyone_else() -> None:
    """The pass-through decorator is used only while inflect is imported; anything imported after is checked."""
    probe = ("import typeguard\nchecked = typeguard.typechecked\nimport lib.wording, inflect\n"
             "assert typeguard.typechecked is checked\n"
             "print(inflect.engine().plural_noun('analysis'))\n")
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "analyses"
