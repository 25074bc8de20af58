

def test_the_ledger_dates_a_meeting_by_the_users_day(db) -> None:
    from datetime import date, datetime

    from lib import contacts, insights, interviews, profile

    profile.save(db, name="Maya", time_zone="Australia/Sydney")
    ana = contacts.create(db, full_name="Priya Raman")
    meeting = interviews.schedule(db, ana, datetime(2026, 11, 28, 20, 0), duration_minutes=30)  # 07:00 Sydney
    interviews.complete(db, meeting, {"realities": "Lots of synthesis"}, now=datetime(2026, 11, 28, 21, 0))
    assert list(insights.ledger(db)["day"]) == [date(2026, 11, 29)]
