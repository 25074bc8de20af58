"""lib/drafting/answers.py: answers as real models give them read as the draft the model meant."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lib.drafting import answers, errors
from tests.fakes.answers import QUESTION_ANSWERS, TEXTS, THANK_YOU_ANSWERS, THANKS
from tests.fakes.openai_server import QUESTIONS
from tests.fixtures.model_answers import model_answers

WHOLE = [(q["category"], q["text"]) for q in QUESTIONS["questions"]]


@pytest.mark.parametrize("tag", ["think", "thinking", "reasoning", "THINK"])
def test_a_reasoning_block_with_braces_inside_is_taken_out(tag: str) -> None:
    text = f'<{tag}>I will answer {{"questions": []}} - {{no}}</{tag}>\n{{"questions": [{{"text": "Why?"}}]}}'
    assert answers.without_reasoning(text).strip() == '{"questions": [{"text": "Why?"}]}'


def test_an_unclosed_block_hides_everything_after_it_and_a_swallowed_opening_tag_too() -> None:
    assert answers.without_reasoning("Hi <think>still going {") == "Hi "
    assert answers.without_reasoning("planning {json}\n</think>\nHi Ana").strip() == "Hi Ana"
    assert answers.without_reasoning("planning\n</think>\nHi", streaming=True) == "planning\n</think>\nHi"


def test_a_tag_still_arriving_is_held_back_and_other_angles_are_not() -> None:
    assert answers.held_back("Hi <thi") == "Hi " and answers.held_back("Hi <reas") == "Hi "
    assert answers.held_back("a <b") == "a <b" and answers.held_back("5 < 6") == "5 < 6"


@pytest.mark.parametrize("shape", ["think", "reasoning_content", "fenced"])
def test_questions_after_reasoning_or_in_a_fence_among_chatter_read_whole(shape: str) -> None:
    found = answers.parse_questions(QUESTION_ANSWERS[shape].content)
    assert [(q.category, q.text) for q in found] == WHOLE


def test_a_list_of_strings_is_sorted_by_wording_and_covers_tiara() -> None:
    found = answers.parse_questions(QUESTION_ANSWERS["strings"].content)
    assert [q.text for q in found] == TEXTS
    assert [q.category for q in found][2:] == ["trends", "insights", "advice", "resources", "assignments",
                                               "offer", "closing"]


def test_labels_in_every_form_name_the_category() -> None:
    labelled = answers.parse_questions(QUESTION_ANSWERS["labels"].content)
    assert [q.category for q in labelled] == ["trends", "insights", "advice", "resources", "assignments", "closing"]
    sections = answers.parse_questions(QUESTION_ANSWERS["sections"].content)
    assert [q.category for q in sections] == ["trends", "insights", "advice", "resources", "assignments", "offer"]
    assert sections[3].text == "Which research communities in fintech are worth joining?"


def test_categories_written_as_labels_map_and_unknown_keys_are_ignored() -> None:
    text = json.dumps({"questions": [
        {"category": "TIARA - Advice", "text": "What would you do?", "why": "it matters", "must": "yes"},
        {"type": "Offer of help", "question": "Could I send my notes?", "id": 3},
        {"category": "Trends", "text": "  Where is   it heading? "},
        {"category": "something else", "text": "Which book should I read?"},
        {"category": "trends"}, 7, None]}) + "\nmore {chatter}"
    found = answers.parse_questions(text)
    assert [(q.category, q.text, q.must) for q in found] == [
        ("advice", "What would you do?", True), ("offer", "Could I send my notes?", False),
        ("trends", "Where is it heading?", False), ("resources", "Which book should I read?", False)]


def test_a_rendered_list_reads_back_with_its_must_ask_marks() -> None:
    found = answers.parse_questions("1. [Trends] Where next? (must ask)\n2. [Offer of help] Could I help?")
    assert [(q.category, q.must) for q in found] == [("trends", True), ("offer", False)]


@pytest.mark.parametrize("shape", ["cut", "filtered", "thinking_cut"])
def test_a_cut_answer_is_no_list_of_questions(shape: str) -> None:
    with pytest.raises(errors.BadShape):
        answers.parse_questions(QUESTION_ANSWERS[shape].content)


@pytest.mark.parametrize("shape", ["think", "reasoning_content", "fenced", "chatty"])
def test_a_thank_you_reads_as_its_subject_and_body_however_it_came(shape: str) -> None:
    message = answers.parse_message(THANK_YOU_ANSWERS[shape].content, subject_wanted=True)
    assert (message.subject, message.body) == (THANKS["subject"], THANKS["body"])


def test_chatter_about_the_message_goes_and_its_own_closing_lines_stay() -> None:
    text = ("Here is a short thank-you note for Ana:\n\n---\n**Subject:** Thanks, Ana\n\nHi Ana,\n\nLet me know "
            "if you'd like my checklist.\n\nBest,\nSam\n---\n\nI hope this helps! You can tweak the tone.")
    message = answers.parse_message(text, subject_wanted=True)
    assert message.subject == "Thanks, Ana"
    assert message.body == "Hi Ana,\n\nLet me know if you'd like my checklist.\n\nBest,\nSam"
    assert answers.parse_message(text, subject_wanted=False).subject == ""


def test_a_message_one_level_down_or_in_paragraphs_is_found() -> None:
    nested = json.dumps({"email": {"subject": "Thanks", "body": ["Hi Ana,", "Thank you."]}, "notes": "x"})
    message = answers.parse_message(nested, subject_wanted=True)
    assert (message.subject, message.body) == ("Thanks", "Hi Ana,\n\nThank you.")


def test_a_message_with_nothing_in_it_says_so() -> None:
    with pytest.raises(errors.BadShape, match="had no message in it"):
        answers.parse_message("<think>I could say {hello}", subject_wanted=True)


# -- no traceback from any answer --------------------------------------------------------------------

@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(model_answers(), st.booleans())
def test_any_answer_reads_as_a_draft_or_a_draft_error(text: str, subject_wanted: bool) -> None:
    for parse in (answers.parse_questions, lambda t: answers.parse_message(t, subject_wanted)):
        try:
            parsed = parse(text)
        except errors.DraftError:
            continue
        shown = json.dumps([q.model_dump() for q in parsed]) if isinstance(parsed, list) else parsed.body
        assert "<think>" not in shown.lower()


def test_a_message_that_opens_warmly_is_not_taken_for_chatter() -> None:
    text = "Great to meet you today - thank you for the note on research ops.\n\nSam"
    assert answers.parse_message(text, subject_wanted=True).body == text


@pytest.mark.parametrize("text", ['{"subject": "Thanks", "body": "Hi Ana, thank y', '```json\n{"questions": []}\n```',
                                  '["Hi Ana"'])
def test_json_with_no_message_in_it_never_becomes_the_body(text: str) -> None:
    with pytest.raises(errors.BadShape, match="JSON with no message in it"):
        answers.parse_message(text, subject_wanted=True)
