"""lib/clock.py: stored in UTC, shown in the user's zone, across daylight-saving changes."""

from datetime import datetime

from lib import clock


def test_a_london_summer_evening_is_stored_an_hour_earlier_in_utc() -> None:
    assert clock.to_utc(datetime(2026, 7, 1, 18, 30), "Europe/London") == datetime(2026, 7, 1, 17, 30)


def test_a_london_winter_evening_is_stored_unchanged() -> None:
    assert clock.to_utc(datetime(2026, 12, 1, 18, 30), "Europe/London") == datetime(2026, 12, 1, 18, 30)


def test_shown_times_follow_the_zone_across_the_autumn_change() -> None:
    before = clock.to_local(datetime(2026, 10, 24, 12, 0), "Europe/Berlin")
    after = clock.to_local(datetime(2026, 10, 26, 12, 0), "Europe/Berlin")
    assert (before.hour, after.hour) == (14, 13)


def test_an_unknown_zone_falls_back_to_utc_rather_than_failing() -> None:
    assert clock.zone("Mars/Olympus_Mons").key == "UTC"
    assert clock.zone("").key == "UTC"


def test_utcnow_is_naive_like_the_stored_timestamps() -> None:
    assert clock.utcnow().tzinfo is None


def test_every_zone_the_profile_offers_converts_in_duckdb_sql() -> None:
    import duckdb

    con = duckdb.connect()
    for name in clock.time_zone_names():  # "localtime" is not offered: ICU refuses it
        con.execute("SELECT " + clock.local_date_sql("TIMESTAMP '2026-11-15 21:00'"),
                    {"tz": clock.sql_zone(name)}).fetchone()
    assert clock.sql_zone("localtime") == "UTC"
    late_in_la = con.execute("SELECT " + clock.local_date_sql("TIMESTAMP '2026-11-16 05:00'"),
                             {"tz": "America/Los_Angeles"}).fetchone()[0]
    assert late_in_la.isoformat() == "2026-11-15"  # 21:00 on the 15th in Los Angeles
