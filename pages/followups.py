"""Follow-ups: every open promise and reminder by urgency; check-ins; the calendar export."""

from lib.ui.guard import page_guard

page_guard()

import pandas as pd
import streamlit as st

from lib import clock, contacts, followups, interactions, profile
from lib.io import ics
from lib.ui import once, records, session, widgets
from lib.ui.followup_items import followup_list, show_problem
from lib.ui.text import plain

db = session.database()
prof = profile.get(db)
tz = prof.time_zone
today = clock.today(tz)

st.title("Follow-ups")
show_problem()
with st.expander("Add a follow-up", icon=":material/add_task:"):
    people = contacts.choices(db)
    form = "add_followup"  # saving starts a fresh, empty form: a second click adds nothing
    with st.form(once.keyed(form), clear_on_submit=False):
        who = st.selectbox("Contact", list(people), format_func=people.get, index=None,
                           placeholder="Who is it about?", key=once.keyed(form, "new_followup_contact"))
        what = st.text_input("What needs doing", key=once.keyed(form, "new_followup_title"))
        due_on = st.date_input("Due", value=today, key=once.keyed(form, "new_followup_due"), format="YYYY-MM-DD")
        notes = st.text_area("Notes", key=once.keyed(form, "new_followup_notes"))
        submitted = st.form_submit_button("Add follow-up", type="primary")

    def add() -> str:
        followups.create(db, once.picked(who, "Pick the contact this is about"), "custom", what,
                         followups.end_of_day(due_on, tz), notes=notes)
        return f"Added {once.DONE_MARK} {plain(what)}"

    once.submit(form, submitted, add)

board = followups.board(db)

top = st.columns([3, 1], vertical_alignment="bottom")
top[0].caption(f"{len(board.overdue)} overdue · {len(board.today)} due today · "
               f"{len(board.this_week)} later this week · {len(board.later)} later")
top[1].download_button("Export to calendar (.ics)", data=lambda: ics.agenda(db), file_name="rapport.ics",
                       mime="text/calendar", icon=":material/calendar_month:",
                       help="Open follow-ups and upcoming interviews, for Google Calendar or Outlook. "
                            "Importing a newer file updates the events instead of duplicating them.")


sections = [
    ("Overdue", board.overdue, "Nothing overdue. Well kept."),
    ("Today", board.today, "Nothing due today."),
    ("This week", board.this_week, "Nothing else this week."),
    ("Later", board.later, "Nothing further ahead."),
]
for heading, frame, empty in sections:
    st.header(f"{heading} ({len(frame)})")
    followup_list(db, frame, tz, today, key=heading.lower().replace(" ", "_"), empty=empty)


def log_check_in(contact_id: int) -> None:
    """A check-in sent: it lands on the timeline and resets the keep-in-touch clock (once a day, however
    many clicks reach the server)."""
    if once.done(f"checkin_{contact_id}", str(today)):
        return
    once.mark_done(f"checkin_{contact_id}", str(today))
    interactions.log(db, contact_id, "message", note="Keep-in-touch check-in")
    st.toast("Check-in logged; the clock starts again.", icon=":material/check:")


due_check_ins = followups.check_ins(db, today)
st.header(f"Keep-in-touch check-ins ({len(due_check_ins)})")
if due_check_ins.empty:
    st.caption("Every relationship is within its cadence.")
for person in due_check_ins.head(25).to_dict("records"):
    left, right = st.columns([5, 3], vertical_alignment="center")
    due_day = pd.Timestamp(person["keep_in_touch_due"]).date()
    org = f" · {person['organisation']}" if person["organisation"] else ""
    left.markdown(f"**{person['name']}**{org}  \nDue {widgets.relative(due_day, today)} · "
                  f"every {person['cadence']} days {widgets.STATE_BADGES[person['keep_in_touch_state']]}")
    with right:
        a, b = st.columns(2)
        a.button("Checked in", key=f"checkin_{person['id']}", on_click=log_check_in, args=(person["id"],),
                 icon=":material/mark_email_read:")
        records.contact_link(person["id"], "Open", where=b)
if len(due_check_ins) > 25:
    st.caption(f"…and {len(due_check_ins) - 25} more; the Contacts page filters by keep-in-touch state.")

with st.expander(f"Snoozed ({len(board.snoozed)})"):
    followup_list(db, board.snoozed, tz, today, key="snoozed", empty="Nothing snoozed.")
with st.expander(f"Done ({len(board.done)})"):
    followup_list(db, board.done.head(30), tz, today, key="done", empty="Nothing done yet.")
