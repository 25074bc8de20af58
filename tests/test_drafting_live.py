"""lib/drafting/live.py: the streamed view shows what the draft says, never reasoning or JSON."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lib.drafting import live
from lib.drafting.answers import Reasoning
from tests.fakes.answers import QUESTION_ANSWERS, TEXTS, THANK_YOU_ANSWERS, THANKS


def chunks(text: str, size: int = 5) -> list[str]:
    return [text[i:i + size] for i in range(0, len(text), size)]


@pytest.mark.parametrize("size", [1, 3, 12])
def test_a_think_block_streams_as_one_thinking_note_and_then_the_questions(size: int) -> None:
    shown = list(live.readable(chunks(QUESTION_ANSWERS["think"].content, size)))
    assert shown[0] == live.THINKING and isinstance(shown[0], live.Note)
    assert sum(isinstance(p, live.Note) for p in shown) == 1
    text = "".join(shown[1:])
    assert "Rapport openers" not in text and "think" not in text and "{" not in text
    assert text == "".join(f"• {t}  \n" for t in TEXTS)


def test_reasoning_sent_apart_shows_only_as_the_thinking_note() -> None:
    pieces = [Reasoning("Let me {plan}"), Reasoning(" more"), *chunks(THANK_YOU_ANSWERS["think"].content)]
    shown = list(live.readable(pieces))
    assert shown[0] == live.THINKING and "plan" not in "".join(shown)
    assert "".join(shown[1:]) == THANKS["body"].replace("\n", "  \n")


def test_an_unclosed_think_block_never_shows_while_it_streams() -> None:
    shown = list(live.readable(chunks(QUESTION_ANSWERS["thinking_cut"].content, 4)))
    assert shown == [live.THINKING]


@pytest.mark.parametrize("shape", ["fenced", "strings"])
def test_questions_after_chatter_in_a_fence_or_as_strings_stream_as_their_text(shape: str) -> None:
    text = live.shown(chunks(QUESTION_ANSWERS[shape].content, 7))
    assert all(f"• {t}" in text for t in TEXTS)
    assert '"category"' not in text and "```" not in text


def test_plain_text_streams_as_it_comes_and_a_closing_less_than_sign_is_kept() -> None:
    text = QUESTION_ANSWERS["labels"].content + "\n1 < 2 <"
    assert live.shown(chunks(text, 2)) == text


def test_a_cut_json_answer_shows_the_questions_that_arrived_whole() -> None:
    text = live.shown(chunks(QUESTION_ANSWERS["cut"].content))
    assert text.startswith(f"• {TEXTS[0]}") and TEXTS[-1] not in text


@settings(max_examples=150, deadline=None)
@given(st.sampled_from([a.content for a in (*QUESTION_ANSWERS.values(), *THANK_YOU_ANSWERS.values())]),
       st.lists(st.integers(min_value=0, max_value=2000), max_size=12), st.text(max_size=30))
def test_any_split_of_any_answer_streams_the_same_and_never_its_reasoning(answer: str, cuts: list[int],
                                                                         thought: str) -> None:
    points = sorted({min(c, len(answer)) for c in cuts} | {0, len(answer)})
    pieces = [answer[a:b] for a, b in zip(points, points[1:], strict=False) if b > a]
    streamed = live.shown([Reasoning(thought), *pieces] if thought else pieces)
    assert streamed == live.shown([answer])
    assert "Rapport openers first" not in streamed and "<think>" not in streamed
