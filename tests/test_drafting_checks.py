"""lib/drafting/checks.py: the checks catch what they claim, and pass what is fine."""

import pytest

from lib.drafting import checks


@pytest.mark.parametrize("text", [
    "Are there any job openings on your team?",
    "Could you pass my resume to the hiring manager?",
    "I have attached my CV for you.",
    "Would you refer me for a role at Ledgerly?",
    "Please put in a good word for me.",
    "I'd love to be considered for a position at your company.",
])
def test_job_and_resume_asks_are_caught(text: str) -> None:
    assert not checks.job_ask(text).ok


@pytest.mark.parametrize("text", [
    "What does a typical week look like for you?",
    "How did you get your first job in research?",
    "Which skills would you hire for in five years?",
])
def test_questions_about_their_work_are_not_mistaken_for_asks(text: str) -> None:
    assert checks.job_ask(text).ok


def test_leftover_placeholders_are_named() -> None:
    found = checks.placeholders("Hi [Name], thanks for {topic}. TODO")
    assert not found.ok and "[Name]" in found.detail and "{topic}" in found.detail and "TODO" in found.detail
    assert checks.placeholders("Hi Ana, thank you.").ok


def test_a_message_must_name_the_person_by_first_name() -> None:
    assert checks.names("Dear Ana, thank you", "Ana Okafor").ok
    assert checks.names("Dear friend, thank you", "Ana Okafor").detail == "Address Ana by name"


def test_channel_and_word_limits() -> None:
    assert checks.length("x" * 200, 200, "LinkedIn note").ok
    assert checks.length("x" * 201, 200, "LinkedIn note").detail == "LinkedIn note allows 200 characters; this has 201"
    assert not checks.words_at_most("word " * 76, 75, "The message").ok


def test_near_duplicate_questions_are_found() -> None:
    found = checks.duplicates(["What does a typical week look like for you?",
                               "What does a typical week look like for you at Ledgerly?",
                               "Who else should I talk to?"])
    assert not found.ok and "typical week" in found.detail
    assert checks.duplicates(["What trends matter?", "Who else should I talk to?"]).ok


def test_tiara_coverage_names_what_is_missing() -> None:
    found = checks.tiara(["trends", "insights", "advice"])
    assert not found.ok and found.detail == "Nothing yet on Resources, Assignments"


def test_a_request_is_more_about_them_and_ends_with_a_question() -> None:
    assert not checks.about_them("I am looking for work and I need my next step. Can you help?").ok
    assert checks.about_them("Your work on your team's research shows how you think. Would you talk?").ok
    assert checks.ends_with_question("Hi Ana,\n\nWould you be open to a call?\n\nBest,\nSam").ok
    assert not checks.ends_with_question("Hi Ana,\n\nI hope to hear from you.\n\nSam").ok


def test_a_name_counts_only_as_a_whole_word() -> None:
    assert not checks.names("Thank you - it went well and I learned a lot.", "Wen Li").ok
    assert checks.names("Dear Wen, thank you.", "Wen Li").ok
    assert checks.names("Merci, Zoë !", "Zoë Brandt").ok and checks.names("Hi ANNE-MARIE,", "Anne-Marie Roy").ok


# -- the drafts a person could not send (issue: "the offline drafter writes, it does not paste") -------

RAPPORT = ("Also started as a teacher (primary school) before moving into research. Spoke at UX Australia "
           "2025 about research with students. Loves bouldering")
BAD_QUESTIONS = [
    ("rapport", f"About “{RAPPORT}”: how did that come about, and does it shape how you work?"),
    ("advice", "With eight years as a high-school science teacher in Sydney, where would you start?"),
    ("assignments", "Which project from eight years as a high-school science teacher in Sydney could I reframe?"),
]
BAD_THANKS = ("Hi Priya,\n\nYour advice to turn one of your school projects into a research case study was "
              "exactly what I needed.\n\nI am going to read Just Enough Research; plan a small parent survey "
              "project as a case study; email Tom Kelly and will let you know how it goes. As promised, I will "
              "introduce Priya to two heads of science.\n\nWarmly,\nMaya")


def test_a_quoted_rapport_note_and_a_background_in_every_question_are_caught() -> None:
    found = {c.name: c for c in checks.for_questions(BAD_QUESTIONS, [RAPPORT])}
    assert not found["Notes put in your own words"].ok
    assert not found["No phrase repeated across questions"].ok
    assert "is in questions 2 and 3" in found["No phrase repeated across questions"].detail


def test_the_thank_you_from_the_issue_fails_four_checks() -> None:
    notes = ["Read Just Enough Research; plan a small parent survey project as a case study; email Tom Kelly"]
    found = {c.name: c for c in checks.for_message(BAD_THANKS, "Priya Raman", None, "Email", material=notes,
                                                   referrals=["Tom Kelly"])}
    assert not found["Speaks to them as “you”"].ok and "introduce Priya to" in found["Speaks to them as “you”"].detail
    assert not found["No pasted lists"].ok
    assert not found["Notes put in your own words"].ok
    assert found["Thanks them for introductions"].ok  # Tom Kelly is named (if not thanked): the name is there
    assert not checks.referrals_thanked(BAD_THANKS, ["Ayşe Yılmaz"]).ok


def test_greetings_sign_offs_and_other_names_are_not_third_person() -> None:
    text = "Dear Priya,\n\nThank you, Priya! Priya Group's report was great.\n\nWarmly,\nPriya Sharma"
    assert checks.third_person(text, "Priya Raman", others=("Priya Group",)).ok
    assert not checks.third_person("I told Priya's team about it.", "Priya Raman").ok


# -- drafts from the way real models answer --------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Sure! Here's a warm thank-you email you can send:\n\nHi Ana,\n\nThank you.",
    "Hi Ana,\n\nThank you for your time.\n\nFeel free to adjust the details so it sounds like you.",
    "Hi Ana,\n\nThank you.\n\nBest,\n[Your name]",
    "Hi Ana, thank you! Let me know if you'd like a shorter version.",
])
def test_a_message_that_talks_about_itself_fails(text: str) -> None:
    assert not checks.self_talk(text).ok
    assert not {c.name: c for c in checks.for_message(text, "Ana Okafor", None, "Email")}[
        "Talks to them, not about itself"].ok


@pytest.mark.parametrize("text", [
    "Hi Ana,\n\nHere is the link to the article I mentioned. Feel free to reach out any time.\n\nSam",
    "Hi Ana, you can change careers at any age - you showed me that. Let me know if I can help.",
])
def test_a_message_that_talks_to_its_reader_passes(text: str) -> None:
    assert checks.self_talk(text).ok


@pytest.mark.parametrize("text", [
    "It was good to hear how much you enjoy classroom visits and seeing students use.",
    "I will send you a summary of.",
    "Thank you for the introduction to the.",
])
def test_a_sentence_cut_before_its_object_is_caught(text: str) -> None:
    found = checks.loose_ends(f"Hi Ana,\n\n{text}\n\nWarmly,\nSam")
    assert not found.ok and "finish the thought" in found.detail


@pytest.mark.parametrize("text", [
    "It was good to hear about the tools you use.", "I will send the curriculum she asked about.",
    "Who else should I talk to?", "Thank you!", "Let me know how it goes.",
])
def test_sentences_that_end_well_pass(text: str) -> None:
    assert checks.loose_ends(text).ok


def test_every_question_list_and_message_gets_the_cut_short_check() -> None:
    assert "No sentence cut short" in {c.name for c in checks.for_questions([("trends", "Where next?")])}
    assert "No sentence cut short" in {c.name for c in checks.for_message("Hi Ana", "Ana Okafor", None, "Email")}


@pytest.mark.parametrize("text", [
    "Your advice to don't hide the nursing was exactly what I needed.",
    "Your advice to should build a portfolio stayed with me.",
    "It was good to hear how much you enjoy watching a nurse use something you.",
    "I loved hearing about the team's.",
])
def test_a_broken_infinitive_or_a_sentence_ending_on_a_possessive_is_caught(text: str) -> None:
    found = checks.loose_ends(f"Hi Ben,\n\n{text}\n\nWarmly,\nAnika")
    assert not found.ok


@pytest.mark.parametrize("text", ["I look forward to seeing you.", "Thank you.", "It was great to meet you.",
                                  "Your advice not to hide the nursing was exactly what I needed."])
def test_sentences_that_end_on_you_or_say_not_to_pass(text: str) -> None:
    assert checks.loose_ends(text).ok


def test_a_time_phrase_said_twice_or_two_openers_in_a_row_are_caught() -> None:
    twice = "Thank you for introducing me to Ben - I will get in touch this week. I will email Ben this week."
    assert "this week" in checks.said_twice(twice).detail
    assert not checks.said_twice("Thank you, Anika! Thank you for introducing me to Sam.").ok
    assert checks.said_twice("Thank you, Anika, for introducing me to Sam! Your advice helped.").ok
    found = {c.name: c for c in checks.for_message(twice, "Ben Walker", None, "Email")}
    assert not found["Nothing said twice"].ok


def test_questions_that_paste_five_words_of_the_research_notes_are_flagged() -> None:
    research = ["Heidi Health raised a series A and is expanding to the UK"]
    pasted = [("trends", "What does raised a series A and expanding mean at Heidi Health?")]
    said = [("trends", "I read about the series A - what has that meant for your work?")]
    names_ = ("Heidi Health",)
    assert not {c.name: c for c in checks.for_questions(pasted, [], names_, research)}["Notes put in your own words"].ok
    assert {c.name: c for c in checks.for_questions(said, [], names_, research)}["Notes put in your own words"].ok
