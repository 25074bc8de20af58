"""lib/drafting/material.py: notes become items and short phrases, said to the reader in the right voice."""

from __future__ import annotations

import pytest

from lib.drafting import material


def test_notes_split_into_items_however_they_were_typed() -> None:
    assert material.items("Also started as a teacher. Spoke at UX Australia 2025. loves bouldering") == [
        "Also started as a teacher", "Spoke at UX Australia 2025", "loves bouldering"]
    assert material.items("- read Just Enough Research\n* plan a survey\n2) email Tom") == [
        "read Just Enough Research", "plan a survey", "email Tom"]
    assert material.items("Read it; plan a survey; email Tom Kelly") == ["Read it", "plan a survey", "email Tom Kelly"]
    assert material.items("went to the same uni as me. into trail running") == [
        "went to the same uni as me", "into trail running"]


@pytest.mark.parametrize(("note", "phrase"), [
    ("Her talk on consent and ethics when researching with minors", "Her talk on consent and ethics"),
    ("Köln's new mobility plan was published last year", "Köln's new mobility plan was published"),
    ("Build the first project using public transport data", "Build the first project"),
    ("send the curriculum she asked about", "send the curriculum she asked about"),
])
def test_a_phrase_is_a_few_words_that_end_cleanly(note: str, phrase: str) -> None:
    assert material.phrase(note, 7) == phrase


@pytest.mark.parametrize(("note", "said"), [
    ("Introduce Priya to two heads of science", "Introduce you to two heads of science"),
    ("her talk on consent", "your talk on consent"),
    ("send her the article", "send you the article"),
    ("Priya's team runs diary studies", "your team runs diary studies"),
    ("my school projects", "my school projects"),
])
def test_a_note_about_them_is_said_to_them_and_mine_stays_mine(note: str, said: str) -> None:
    assert material.to_reader(note, "Priya Raman") == said


@pytest.mark.parametrize(("advice", "mine"), [
    ("Turn one of your school projects into a research case study",
     "Turn one of my school projects into a research case study"),
    ("You should talk to parents before you build anything", "talk to parents before I build anything"),
])
def test_advice_in_their_voice_is_restated_in_mine(advice: str, mine: str) -> None:
    assert material.advice_in_my_voice(advice) == mine


def test_lists_join_as_english_and_plans_start_with_a_verb() -> None:
    assert material.join(["read X", "plan Y", "email Z"]) == "read X, plan Y and email Z"
    assert material.as_plan("I'll email Tom Kelly") == "email Tom Kelly"
    assert material.as_plan("Read Just Enough Research") == "read Just Enough Research"
    assert material.lower_common("Design software") == "design software"
    assert material.lower_common("EdTech platforms") == "EdTech platforms"
    assert material.lower_common("Quill Academy's course") == "Quill Academy's course"


@pytest.mark.parametrize(("note", "most", "phrase"), [
    ("classroom visits and seeing students use the product", 6, "classroom visits"),
    ("seeing teachers use something she researched", 3, "seeing teachers"),
    ("Loves going to", 7, "Loves going"),
    ("the tools you use every day at work", 4, "the tools you use"),
    ("send the curriculum she asked about", 7, "send the curriculum she asked about"),
])
def test_a_phrase_never_ends_on_a_verb_wanting_its_object_a_preposition_or_an_article(note, most, phrase) -> None:
    assert material.phrase(note, most) == phrase
    assert not material.ends_badly(material.words(material.phrase(note, most)))


@pytest.mark.parametrize(("typed", "read"), [
    ("lots of stakeholder mgmt w/ clinicians lol", "lots of stakeholder management with clinicians"),
    ("talk to ppl b4 applying", "talk to people before applying"),
    ("Heidi = AI medical scribe", "Heidi is AI medical scribe"),
    ("discovery + delivery", "discovery and delivery"),
    ("physio -> BA", "physio - BA"),
    ("dont wait!!", "don't wait!"),
    ("key thing: find a problem you've lived", "find a problem you've lived"),
    ("feedback: their onboarding flow", "feedback on their onboarding flow"),
])
def test_shorthand_typed_on_a_phone_is_read_as_words(typed: str, read: str) -> None:
    assert material.plain(typed) == read


def test_a_phrase_is_kept_whole_or_left_out() -> None:
    assert material.whole("watching a nurse use something you built", 7) == "watching a nurse use something you built"
    assert material.whole("watching a nurse use something you built", 6) == ""
    assert material.whole("classroom visits and seeing students use the product", 7) == "classroom visits"


@pytest.mark.parametrize(("name", "first"), [("🦄 Ben Walker", "Ben"), ("Dan Ross 🚀", "Dan"), ("🌸", ""),
                                             ("Zoë Brandt", "Zoë")])
def test_the_first_name_is_the_first_word_that_is_a_name(name: str, first: str) -> None:
    assert material.first_name(name) == first
