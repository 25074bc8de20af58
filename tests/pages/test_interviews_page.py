"""pages/interviews.py through AppTest: schedule, prepare, debrief, thank, cancel, and outreach."""

from datetime import timedelta

from lib import clock, contacts, followups, interviews, messages, outreach, questions
from lib.db import Database
from tests.pages.conftest import links, shown, texts

PAGE = "pages/interviews.py"
INTERVIEW = "pages/interview.py"


def test_the_overview_lists_every_stage_even_when_empty(app_db, open_app) -> None:
    at = open_app(PAGE)
    labels = [t.label for t in at.tabs]
    assert labels == ["Upcoming (0)", "Awaiting debrief (0)", "Awaiting thank-you (0)", "Completed (0)",
                      "Cancelled and no-shows (0)", "Outreach"]
    assert "Nothing scheduled" in texts(at)


def test_scheduling_with_a_new_contact_creates_both(app_db: Database, open_app) -> None:
    at = open_app(PAGE)
    at.text_input(key="schedule_new_name").input("Ana Okafor")
    at.text_input(key="schedule_purpose").input("Learn how research works at Ledgerly")
    at.button(key="FormSubmitter:schedule-Schedule").click().run()
    assert not at.exception
    assert "Scheduled. Prepare for it here." in texts(at) and at.title[0].value == "Ana Okafor"
    assert dict(at.query_params) == {"id": str(interviews.listing(app_db)["id"][0])}
    planned = interviews.listing(app_db)
    assert list(planned["contact"]) == ["Ana Okafor"]
    assert planned["purpose"][0] == "Learn how research works at Ledgerly"


def test_scheduling_without_anyone_says_so_and_keeps_what_was_typed(app_db: Database, open_app) -> None:
    at = open_app(PAGE)
    at.text_input(key="schedule_purpose").input("Learn about climate tech")
    at.button(key="FormSubmitter:schedule-Schedule").click().run()
    assert "Pick a contact, or type a new contact's name" in shown(at.error[0].value)
    assert at.text_input(key="schedule_purpose").value == "Learn about climate tech"
    assert interviews.listing(app_db).empty


def _past_meeting(db: Database) -> tuple[int, int]:
    ana = contacts.create(db, full_name="Ana Okafor", email="ana@ledgerly.example")
    meeting = interviews.schedule(db, ana, clock.utcnow() - timedelta(hours=3))
    questions.add(db, meeting, "What trends matter?", "trends")
    return ana, meeting


def test_a_past_meeting_is_debriefed_and_completed_with_a_referral(app_db: Database, open_app) -> None:
    ana, meeting = _past_meeting(app_db)
    at = open_app(INTERVIEW, id=str(meeting))
    assert at.title[0].value == "Ana Okafor"
    at.text_area(key=f"d_{meeting}_realities").input("Mostly synthesis work")
    at.text_area(key=f"d_{meeting}_advice").input("Take the research course")
    at.text_area(key=f"d_{meeting}_referrals").input("Bo Chen, Greenline, Researcher")
    at.button(key=f"debrief_save_{meeting}").click().run()
    assert not at.exception
    assert "Completed. Thank-you due within 21 hours" in texts(at)  # the hours left, not the window
    assert interviews.get(app_db, meeting)["status"] == "completed"
    bo = contacts.search(app_db, "Bo Chen").iloc[0]
    assert bo["introduced_by_id"] == ana and bo["source"] == "referral"


def test_a_thank_you_is_written_and_marked_sent(app_db: Database, open_app) -> None:
    ana, meeting = _past_meeting(app_db)
    interviews.complete(app_db, meeting, {})
    at = open_app(INTERVIEW, id=str(meeting))
    assert "hours left" in texts(at)
    key = f"compose_{meeting}"
    at.text_area(key=f"{key}_body").input("Dear Ana, thank you for the tour of research ops.")
    at.button(key=f"{key}_sent").click().run()
    assert "An email needs a subject" in shown(at.error[0].value)
    assert at.text_area(key=f"{key}_body").value.startswith("Dear Ana")  # nothing lost
    at.text_input(key=f"{key}_subject").input("Thank you")
    at.button(key=f"{key}_sent").click().run()
    assert not at.exception
    assert interviews.get(app_db, meeting)["thank_you_sent_at"] is not None
    assert "hours after the meeting" in texts(at)
    assert messages.for_interview(app_db, meeting)[0]["status"] == "sent"


def test_editing_the_question_list_saves_it(app_db: Database, open_app) -> None:
    ana = contacts.create(app_db, full_name="Ana")
    meeting = interviews.schedule(app_db, ana, clock.utcnow() + timedelta(days=2))
    questions.add(app_db, meeting, "Old question", "trends")
    at = open_app(INTERVIEW, id=str(meeting))
    assert "nothing yet on Insights, Advice, Resources, Assignments" in texts(at)
    at.button(key=f"save_questions_{meeting}").click().run()
    assert [q["text"] for q in questions.of(app_db, meeting)] == ["Old question"]


def test_an_upcoming_interview_can_be_cancelled_with_a_reason(app_db: Database, open_app) -> None:
    ana = contacts.create(app_db, full_name="Ana")
    meeting = interviews.schedule(app_db, ana, clock.utcnow() + timedelta(days=2))
    at = open_app(INTERVIEW, id=str(meeting))
    assert "Debrief after the meeting ends" in texts(at)
    at.text_input(key=f"reason_{meeting}").input("They moved abroad")
    at.button(key=f"cancel_{meeting}").click().run()
    stored = interviews.get(app_db, meeting)
    assert (stored["status"], stored["status_reason"]) == ("cancelled", "They moved abroad")


def test_logging_an_outreach_sets_3b7_reminders(app_db: Database, open_app) -> None:
    ana = contacts.create(app_db, full_name="Ana")
    at = open_app(PAGE, show="outreach")  # as Today's "Ask for a conversation" opens it
    at.selectbox(key="outreach_contact").select(ana)
    at.button(key="FormSubmitter:log_outreach-Log outreach").click().run()
    assert "Reminders set for 3 and 7 business days" in texts(at)
    assert sorted(followups.listing(app_db)["kind"]) == ["ask_second_person", "follow_up_once"]
    at.button(key=f"reply_{outreach.open_for(app_db, ana)[0]['id']}").click().run()
    assert outreach.open_for(app_db, ana) == []


def test_only_the_open_list_is_drawn_and_another_is_drawn_when_chosen(demo_app_db: Database, open_app) -> None:
    at = open_app(PAGE)
    assert len(at.dataframe) == 1  # the upcoming list; the other four wait for their tabs
    assert "outreach_contact" not in [box.key for box in at.selectbox]  # so does the picker of every contact
    at.session_state["interview_lists"] = "Outreach"
    at.run()
    assert "outreach_contact" in [box.key for box in at.selectbox] and len(at.dataframe) == 0


def test_a_missing_interview_says_so(app_db, open_app) -> None:
    at = open_app(INTERVIEW, id="999")
    assert "There is no interview 999" in shown(at.warning[0].value)


def test_an_address_saved_before_interviews_had_their_own_page_still_opens_it(demo_app_db, open_app) -> None:
    meeting = interviews.get(demo_app_db, 1)
    at = open_app(PAGE, interview="1")
    assert at.title[0].value == meeting["contact"] and dict(at.query_params) == {"id": "1"}
    assert links(at)["All interviews"] == "interviews"


def test_the_demo_detail_shows_debrief_items_and_referrals(demo_app_db: Database, open_app) -> None:
    meeting = demo_app_db.value("SELECT interview_id FROM referral LIMIT 1")
    at = open_app(INTERVIEW, id=str(meeting))
    assert not at.exception
    assert "Advice (" in texts(at) and "Referrals (" in texts(at)


def test_a_past_date_asks_whether_the_meeting_already_happened(app_db: Database, open_app) -> None:
    from datetime import date, timedelta

    at = open_app(PAGE)
    at.text_input(key="schedule_new_name").input("Ana Okafor")
    at.date_input(key="schedule_day").set_value(date.today() - timedelta(days=21))
    at.button(key="FormSubmitter:schedule-Schedule").click().run()
    assert "is in the past. If this meeting already happened, tick *It already happened*" in texts(at)
    assert interviews.listing(app_db).empty
    at.checkbox(key="schedule_happened").check()
    at.button(key="FormSubmitter:schedule-Schedule").click().run()
    assert "Recorded. It is waiting for your debrief." in texts(at)
    assert len(interviews.listing(app_db)) == 1


def test_a_sent_thank_you_can_be_reread_in_full(app_db: Database, open_app) -> None:
    from datetime import datetime, timedelta

    from lib import contacts, messages

    ana = contacts.create(app_db, full_name="Ana Okafor")
    past = interviews.schedule(app_db, ana, datetime.now() - timedelta(hours=3))
    interviews.complete(app_db, past, {"realities": "Mostly synthesis"})
    body = "Dear Ana,\n\nThank you for walking me through synthesis - I have started the course.\n\nSam"
    messages.mark_sent(app_db, messages.save_draft(app_db, ana, "thank_you", "email", "Thank you", body, past))
    at = open_app(INTERVIEW, id=str(past))
    assert any(e.label.startswith("Thank-you by Email, sent") for e in at.expander)
    assert "Thank you for walking me through synthesis - I have started the course." in texts(at)


def test_a_thank_you_found_in_the_mailbox_says_its_text_was_not_kept(app_db: Database, open_app) -> None:
    import io
    from datetime import datetime, timedelta
    from email.utils import format_datetime

    from lib import contacts, profile
    from lib.io import mailboxes

    profile.save(app_db, name="Sam", email="sam@example.com")
    ana = contacts.create(app_db, full_name="Ana Okafor", email="ana@ledgerly.example")
    met = datetime.now() - timedelta(days=1)
    past = interviews.schedule(app_db, ana, met)
    interviews.complete(app_db, past, {})
    sent = format_datetime((met + timedelta(hours=2)).astimezone())
    mail = (f"Message-ID: <t@x>\nDate: {sent}\nFrom: sam@example.com\nTo: ana@ledgerly.example\n"
            "Subject: Thank you, Ana\n\nThe text stays in the mailbox.\n").encode()
    mailboxes.commit(app_db, mailboxes.preview(app_db, io.BytesIO(mail), "thanks.eml", sent_folder=True))
    at = open_app(INTERVIEW, id=str(past))
    assert any(e.label.startswith("Thank-you by Email, sent") for e in at.expander)
    assert "Found in your mailbox: Rapport keeps who, when and the subject, not the text." in texts(at)
    assert "The text stays in the mailbox." not in texts(at)


def test_a_meeting_with_no_role_or_goals_shows_neither_the_word_contact_nor_an_empty_goals_line(
        app_db: Database, open_app) -> None:
    ana = contacts.create(app_db, full_name="Ana Okafor")
    meeting = interviews.schedule(app_db, ana, clock.utcnow() - timedelta(hours=3), purpose="Learn about ICU")
    at = open_app(INTERVIEW, id=str(meeting))
    shown_text = texts(at)
    assert "**Purpose** Learn about ICU" in shown_text
    assert "My goals" not in shown_text
    assert "\nContact" not in shown_text and not shown_text.rstrip().endswith("Contact")


def test_a_meeting_link_is_clickable_and_moving_it_into_the_past_is_refused_with_a_warning(
        app_db: Database, open_app) -> None:
    ana = contacts.create(app_db, full_name="Ana Okafor")
    meeting = interviews.schedule(app_db, ana, clock.utcnow() + timedelta(days=2), mode="video",
                                  place="https://meet.example/ana")
    at = open_app(INTERVIEW, id=str(meeting))
    assert "(https://meet.example/ana)" in "\n".join(m.value for m in at.markdown)  # a Markdown link
    assert "In your time zone, UTC." in texts(at)
    before = interviews.get(app_db, meeting)["scheduled_at"]
    at.date_input(key=f"rs_day_{meeting}").set_value(clock.today("UTC") - timedelta(days=3))
    at.button(key=f"FormSubmitter:reschedule_{meeting}-Reschedule").click().run()
    assert "is in the past, so nothing was moved" in texts(at)
    assert interviews.get(app_db, meeting)["scheduled_at"] == before


def test_the_schedule_form_names_its_time_zone(app_db: Database, open_app) -> None:
    from lib import profile

    profile.save(app_db, name="Sam", time_zone="Australia/Melbourne")
    assert "Date and time in your time zone, Australia/Melbourne" in texts(open_app("pages/interviews.py"))
