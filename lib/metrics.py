"""Dashboard series, computed in DuckDB. Each function's docstring is its definition.

Every series takes the same `Filters` (date range, industry, tag, source) so the dashboard's
filters apply to every chart, and the same `Moment`: the profile's time zone and the instant the
figures stand at. Timestamps are stored in UTC; every date a person reads or a rule compares (a
month, an ISO week, a keep-in-touch date, "after the request") is the local date in the profile's
zone, converted in SQL (DuckDB's ICU) so the dashboard stays as fast as its bare queries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

import numpy as np
import pandas as pd

from lib import cadence, clock, followups, interviews
from lib import profile as profiles
from lib.clock import local_date_sql, local_sql
from lib.db import Database


@dataclass(frozen=True)
class Moment:
    """The clock the figures are read by: the profile's zone, the instant they stand at (naive UTC; what
    happened before it counts) and the user's date then."""

    tz: str
    now: datetime
    today: date


def moment(db: Database, today: date | None = None, now: datetime | None = None,
           prof: profiles.Profile | None = None) -> Moment:
    """Now, or the end of `today` in the profile's zone when that day is not today: `metrics --today D`
    gives every figure as it stood when D ended."""
    tz = clock.sql_zone((prof or profiles.get(db)).time_zone)
    if now is None:
        real = clock.utcnow()
        local = clock.to_local(real, tz).date()
        now = real if today in (None, local) else clock.to_utc(datetime.combine(today + timedelta(days=1), time()), tz)
    if today is None:
        today = clock.to_local(now - timedelta(microseconds=1), tz).date()
    return Moment(tz=tz, now=now, today=today)


@dataclass(frozen=True)
class Filters:
    """What the dashboard narrows to; None means no filter."""

    start: date | None = None
    end: date | None = None
    industry: str | None = None
    tag: str | None = None
    source: str | None = None

    def contact_ids_sql(self) -> tuple[str, dict[str, Any]]:
        """A subquery of the contacts these filters keep (date range aside)."""
        where, params = ["TRUE"], {}
        if self.industry:
            where.append("o.industry = $f_industry")
            params["f_industry"] = self.industry
        if self.source:
            where.append("c.source = $f_source")
            params["f_source"] = self.source
        if self.tag:
            where.append("c.id IN (SELECT contact_id FROM contact_tag WHERE tag = $f_tag)")
            params["f_tag"] = self.tag
        sql = ("SELECT c.id FROM contact c LEFT JOIN organisation o ON o.id = c.organisation_id "
               f"WHERE {' AND '.join(where)}")
        return sql, params

    def narrows_contacts(self) -> bool:
        return bool(self.industry or self.source or self.tag)

    def keeps(self, column: str) -> tuple[str, dict[str, Any]]:
        """A predicate on a contact-id column; plain TRUE when no contact filter is set, so an unfiltered
        dashboard runs no subquery at all (it was a fifth of the dashboard's time)."""
        if not self.narrows_contacts():
            return "TRUE", {}
        sql, params = self.contact_ids_sql()
        return f"{column} IN ({sql})", params

    def window(self, tz: str | None = None) -> tuple[datetime, datetime]:
        """The date range as UTC instants: from the first day's local midnight to the one after the last
        day, open-ended when not set."""
        start = clock.to_utc(datetime.combine(self.start, time()), tz) if self.start else datetime(1970, 1, 1)
        end = (clock.to_utc(datetime.combine(self.end + timedelta(days=1), time()), tz) if self.end
               else datetime(2999, 1, 1))
        return start, end


NONE = Filters()
MET = f"coalesce(c.first_met_on, {local_date_sql('c.created_at')})"  # the local date a contact was met
# A contact counts once met by the moment's date - or added by then, whatever date they were met.
EXISTED = f"({MET} <= $today OR c.created_at < $now)"
COMPLETED = "status = 'completed' AND scheduled_at < $now"


def _params(filters: Filters, column: str, at: Moment) -> tuple[str, dict[str, Any]]:
    """The contact predicate and every parameter a series may use: the window as UTC instants ($w_start,
    $w_end) and as local dates ($d_start, $d_end, inclusive), the zone and the moment."""
    kept, params = filters.keeps(column)
    start, end = filters.window(at.tz)
    return kept, params | {"w_start": start, "w_end": end, "d_start": filters.start or date(1970, 1, 1),
                           "d_end": filters.end or date(2999, 12, 31), "tz": at.tz, "now": at.now,
                           "today": at.today}


_NAMES = re.compile(r"\$(\w+)")


def _used(sql: str, params: dict[str, Any]) -> dict[str, Any]:
    """The parameters `sql` names: DuckDB refuses any it does not."""
    named = set(_NAMES.findall(sql))
    return {k: v for k, v in params.items() if k in named}


def _at(db: Database, at: Moment | None) -> Moment:
    """The caller's moment, else now: `dashboard` makes one for all its series, so the profile is read once."""
    return at or moment(db)


# -- network growth ---------------------------------------------------------------------------------

def network_growth(db: Database, filters: Filters = NONE, at: Moment | None = None) -> pd.DataFrame:
    """Contacts by month first met (Connected On for LinkedIn imports, else the date added, in your time
    zone), by source.

    Columns: month (YYYY-MM), source, new. Archived contacts count: they were met.
    """
    kept, params = _params(filters, "c.id", _at(db, at))
    sql = (f"SELECT strftime({MET}, '%Y-%m') AS month, c.source, count(*) AS new FROM contact c "
           f"WHERE {kept} AND {EXISTED} AND {MET} BETWEEN $d_start AND $d_end "
           "GROUP BY ALL ORDER BY month, c.source")
    return db.frame(sql, _used(sql, params))


def growth_by_month(growth: pd.DataFrame) -> list[dict[str, Any]]:
    """New and cumulative contacts per month with the split by source (the CLI's `network_growth`)."""
    out, running = [], 0
    for month, rows in growth.groupby("month", sort=True):
        new = int(rows["new"].sum())
        running += new
        out.append({"month": month, "new": new, "cumulative": running,
                    "by_source": {s: int(n) for s, n in zip(rows["source"], rows["new"], strict=True)}})
    return out


WARM_SQL = ("(SELECT contact_id FROM interaction WHERE kind = 'meeting' AND occurred_at < $now UNION "
            f"SELECT contact_id FROM interview WHERE {COMPLETED})")


def warm_contacts(db: Database, filters: Filters = NONE, at: Moment | None = None) -> int:
    """Contacts met at least once: a meeting on their timeline or a completed interview."""
    kept, params = _params(filters, "c.id", _at(db, at))
    sql = f"SELECT count(*) FROM contact c WHERE {kept} AND {EXISTED} AND c.id IN {WARM_SQL}"
    return int(db.value(sql, _used(sql, params)))


def contacts_total(db: Database, filters: Filters = NONE, at: Moment | None = None) -> int:
    """Every contact the filters keep (met in the date range), archived included: the network-growth
    chart's running total."""
    kept, params = _params(filters, "c.id", _at(db, at))
    sql = f"SELECT count(*) FROM contact c WHERE {kept} AND {EXISTED} AND {MET} BETWEEN $d_start AND $d_end"
    return int(db.value(sql, _used(sql, params)))


# -- referrals --------------------------------------------------------------------------------------

def referral_tree(db: Database, filters: Filters = NONE, at: Moment | None = None) -> pd.DataFrame:
    """Who introduced whom: each contact with its introducer, its depth in the chain (0 for people met
    without an introduction) and how many completed interviews it led to.

    Filtered, it keeps the contacts the filters keep (first met in the date range); someone whose
    introducer is filtered out starts a chain of their own.
    """
    kept, params = _params(filters, "c.id", _at(db, at))
    sql = ("WITH RECURSIVE chain(id, depth) AS ("
           " SELECT id, 0 FROM contact WHERE introduced_by_id IS NULL"
           " UNION ALL SELECT c.id, chain.depth + 1 FROM contact c JOIN chain ON c.introduced_by_id = chain.id),"
           f" met AS (SELECT contact_id, count(*) AS n FROM interview WHERE {COMPLETED} GROUP BY contact_id)"
           " SELECT c.id, c.full_name AS name, c.introduced_by_id, chain.depth, coalesce(met.n, 0) AS interviews"
           " FROM chain JOIN contact c ON c.id = chain.id LEFT JOIN met ON met.contact_id = c.id"
           f" WHERE {kept} AND {EXISTED} AND {MET} BETWEEN $d_start AND $d_end"
           " ORDER BY chain.depth, c.id")
    tree = db.frame(sql, _used(sql, params))
    orphans = tree["introduced_by_id"].notna() & ~tree["introduced_by_id"].isin(tree["id"])
    return tree.assign(introduced_by_id=tree["introduced_by_id"].where(~orphans))


def referral_summary(tree: pd.DataFrame) -> dict[str, int]:
    """How many contacts came through an introduction, and the longest chain."""
    referred = tree[tree["introduced_by_id"].notna()]
    return {"count": int(len(referred)), "max_depth": int(tree["depth"].max()) if len(tree) else 0}


# -- interviews against the goal --------------------------------------------------------------------

def interviews_per_week(db: Database, filters: Filters = NONE, at: Moment | None = None) -> pd.DataFrame:
    """Completed interviews per ISO week (Monday, in your time zone), every week in range shown."""
    at = _at(db, at)
    kept, params = _params(filters, "contact_id", at)
    sql = (f"SELECT scheduled_at FROM interview WHERE {COMPLETED} AND {kept} "
           "AND scheduled_at >= $w_start AND scheduled_at < $w_end")
    frame = db.frame(sql, _used(sql, params))
    if frame.empty:
        return pd.DataFrame({"week": pd.Series(dtype="object"), "interviews": pd.Series(dtype="int64")})
    counted = interviews.week_counts(frame["scheduled_at"], at.tz)
    every = pd.date_range(counted.index.min(), counted.index.max(), freq="7D")
    return pd.DataFrame({"week": every.date,
                         "interviews": counted.reindex(every, fill_value=0).to_numpy(dtype="int64")})


# -- outreach funnel ---------------------------------------------------------------------------------

# Requests sent in the date range by the moment's date, with only the replies and follow-ups made by then.
_REQUESTS = ("requests AS (SELECT id, contact_id, sent_on, CASE WHEN replied_on <= $today THEN replied_on END"
             " AS replied_on, CASE WHEN followed_up_on <= $today THEN followed_up_on END AS followed_up_on"
             " FROM outreach WHERE {kept} AND sent_on BETWEEN $d_start AND least($d_end, $today))")


def outreach_funnel(db: Database, filters: Filters = NONE, at: Moment | None = None) -> dict[str, Any]:
    """Contacts asked for a conversation, of those who replied, who were interviewed after the request (on
    or after the day of their first request, in your time zone), and whose interview after the request
    led to a referral; the reply rate; the Booster / Obligate / Curmudgeon split, one label per contact
    by their latest request."""
    at = _at(db, at)
    kept, params = _params(filters, "contact_id", at)
    requests = _REQUESTS.format(kept=kept)
    sql = (f"WITH {requests}, asked AS (SELECT contact_id, min(sent_on) AS first_sent,"
           " bool_or(replied_on IS NOT NULL) AS replied FROM requests GROUP BY contact_id), "
           "met AS (SELECT i.id, i.contact_id FROM asked a JOIN interview i ON i.contact_id = a.contact_id"
           " AND i.status = 'completed' AND i.scheduled_at < $now"  # on or after the first request's local day:
           " AND i.scheduled_at >= timezone('UTC', timezone($tz, CAST(a.first_sent AS TIMESTAMP)))), "
           "referred AS (SELECT DISTINCT m.contact_id FROM met m JOIN referral r ON r.interview_id = m.id) "
           "SELECT (SELECT count(*) FROM asked) AS outreach, (SELECT count(*) FROM asked WHERE replied) AS replied,"
           " (SELECT count(DISTINCT contact_id) FROM met) AS interviewed, (SELECT count(*) FROM referred) AS referral")
    row = db.rows(sql, _used(sql, params))[0]
    latest = (f"WITH {requests} SELECT unnest(arg_max({{'sent_on': sent_on, 'replied_on': replied_on,"
              " 'followed_up_on': followed_up_on}, (sent_on, id))) FROM requests GROUP BY contact_id")
    split = responder_split(db.frame(latest, _used(latest, params)), at.today)
    rate = round(row["replied"] / row["outreach"], 3) if row["outreach"] else None
    return {**{k: int(v) for k, v in row.items()}, "reply_rate": rate, "responders": split}


def _business_days_after(days: pd.Series, n: int) -> np.ndarray:
    """`followups.add_business_days` for a whole column at once (numpy's business-day calendar)."""
    return np.busday_offset(pd.to_datetime(days).values.astype("datetime64[D]"), n, roll="backward")


def responder_split(outreach: pd.DataFrame, today: date) -> dict[str, int]:
    """Booster / Obligate / Curmudgeon / pending counts, as `followups.classify_responder` labels each."""
    if outreach.empty:
        return {"booster": 0, "obligate": 0, "curmudgeon": 0, "pending": 0}
    replied = outreach["replied_on"].notna().to_numpy()
    reply_day = pd.to_datetime(outreach["replied_on"]).values.astype("datetime64[D]")
    booster = replied & (reply_day <= _business_days_after(outreach["sent_on"], 3))
    followed = outreach["followed_up_on"].notna().to_numpy()
    follow_days = outreach["followed_up_on"].where(outreach["followed_up_on"].notna(), outreach["sent_on"])
    curmudgeon = ~replied & followed & (np.datetime64(today) >= _business_days_after(follow_days, 7))
    return {"booster": int(booster.sum()), "obligate": int((replied & ~booster).sum()),
            "curmudgeon": int(curmudgeon.sum()), "pending": int((~replied & ~curmudgeon).sum())}


# -- follow-up health over time ---------------------------------------------------------------------

def followup_health_weekly(db: Database, filters: Filters = NONE, at: Moment | None = None) -> pd.DataFrame:
    """For each ISO week (Monday 00:00 in your time zone), the follow-ups as they stood when the week
    ended: done on time (done by then, by the due time), done late, overdue (not done then, due before
    then, snoozed or not) and open (not done then, not yet due). Follow-ups dismissed by then, or created
    after, are left out of that week. The last week is this one, standing now - as `followup_health_now`.

    Computed from events rather than week by week: each follow-up adds and removes itself from a
    state at known moments (created, due, done, dismissed); a running sum over weeks gives the
    standing at each week's end (or now, for the current week). The rule is `followups.STANDING_SQL`'s.
    """
    at = _at(db, at)
    kept, params = _params(filters, "contact_id", at)
    sql = (
        "WITH f AS (SELECT created_at, due_at, done_at,"
        "  least(coalesce(done_at, TIMESTAMP '9999-12-31'), coalesce(dismissed_at, TIMESTAMP '9999-12-31')) AS closed"
        f"  FROM followup WHERE {kept} AND created_at < $now), "
        # States as numbers (0 on time, 1 late, 2 overdue, 3 open): grouping 100,000 events by a string
        # cost a third of the query.
        "events AS ("
        " SELECT created_at AS t, 3 AS state, 1 AS d FROM f WHERE created_at < least(due_at, closed)"
        " UNION ALL SELECT least(due_at, closed), 3, -1 FROM f WHERE created_at < least(due_at, closed)"
        " UNION ALL SELECT greatest(due_at, created_at), 2, 1 FROM f WHERE greatest(due_at, created_at) < closed"
        " UNION ALL SELECT closed, 2, -1 FROM f WHERE greatest(due_at, created_at) < closed"
        " UNION ALL SELECT done_at, CASE WHEN done_at <= due_at THEN 0 ELSE 1 END, 1 FROM f"
        "  WHERE done_at = closed), "
        # Events summed per UTC quarter-hour first, then the quarters put in local weeks: every zone's offset
        # has been a whole number of quarter-hours since 1972, so no quarter straddles a local midnight, and
        # far fewer stamps are converted (converting all 100,000 events doubled the query's time).
        "quarters AS (SELECT time_bucket(INTERVAL 15 MINUTE, t) AS q, state, sum(d) AS d FROM events"
        " WHERE t < $now GROUP BY ALL), "
        f"weekly AS (SELECT date_trunc('week', {local_sql('q')}) AS week,"
        " sum(d) FILTER (WHERE state = 0) AS on_time, sum(d) FILTER (WHERE state = 1) AS late,"
        " sum(d) FILTER (WHERE state = 2) AS overdue, sum(d) FILTER (WHERE state = 3) AS open FROM quarters"
        " GROUP BY ALL), "
        "weeks AS (SELECT unnest(generate_series((SELECT min(week) FROM weekly),"
        " CAST(date_trunc('week', $today) AS TIMESTAMP), INTERVAL 7 DAY)) AS week) "  # the last is this local week
        "SELECT * FROM (SELECT CAST(w.week AS DATE) AS week,"
        " CAST(sum(coalesce(x.on_time, 0)) OVER running AS BIGINT) AS on_time,"
        " CAST(sum(coalesce(x.late, 0)) OVER running AS BIGINT) AS late,"
        " CAST(sum(coalesce(x.overdue, 0)) OVER running AS BIGINT) AS overdue,"
        " CAST(sum(coalesce(x.open, 0)) OVER running AS BIGINT) AS open"
        " FROM weeks w LEFT JOIN weekly x ON x.week = w.week WINDOW running AS (ORDER BY w.week))"
        " WHERE week BETWEEN $d_start AND $d_end ORDER BY week")
    frame = db.frame(sql, _used(sql, params))
    return frame.assign(week=pd.to_datetime(frame["week"]).dt.date)


def followup_health_now(db: Database, filters: Filters = NONE, at: Moment | None = None) -> dict[str, int]:
    """The split now (or as the moment ended, or the last week of the date range): on time, late, overdue
    (past due and not done, snoozed or not), open - the last point of the weekly series."""
    at = _at(db, at)
    cut = at.now
    if filters.end:  # the end of the last week the chart shows: the week holding the range's last day
        monday_after = interviews.week_start(filters.end) + timedelta(days=7)
        cut = min(cut, clock.to_utc(datetime.combine(monday_after, time()), at.tz))
    return followups.standing(db, cut, among=filters.keeps("f.contact_id"))


def health_weekly_records(weekly: pd.DataFrame) -> list[dict[str, Any]]:
    """The weekly series as `metrics --json` gives it: {week (the Monday), on_time, late, overdue, open}."""
    return [{"week": r["week"].isoformat(), **{k: int(r[k]) for k in ("on_time", "late", "overdue", "open")}}
            for r in weekly.to_dict("records")]


# -- thank-yous ---------------------------------------------------------------------------------------

def thank_you_latency(db: Database, filters: Filters = NONE, at: Moment | None = None) -> pd.DataFrame:
    """Hours from a meeting's end to its first thank-you sent, per completed interview that has one."""
    kept, params = _params(filters, "i.contact_id", _at(db, at))
    sql = ("SELECT i.id AS interview_id, c.full_name AS contact,"
           " date_diff('minute', i.scheduled_at + to_minutes(i.duration_minutes), min(m.sent_at)) / 60.0 AS hours"
           " FROM interview i JOIN contact c ON c.id = i.contact_id JOIN message m ON m.interview_id = i.id"
           " AND m.kind = 'thank_you' AND m.status = 'sent' AND m.sent_at < $now"
           f" WHERE {kept} AND i.scheduled_at >= $w_start AND i.scheduled_at < $w_end"
           " GROUP BY i.id, c.full_name, i.scheduled_at, i.duration_minutes ORDER BY i.id")
    return db.frame(sql, _used(sql, params))


def thank_you_summary(db: Database, latency: pd.DataFrame, prof: profiles.Profile | None = None) -> dict[str, Any]:
    """How many thank-yous were sent, the share within the profile's window, and the median hours."""
    window = (prof or profiles.get(db)).thank_you_window_hours
    if latency.empty:
        return {"count": 0, "on_time_rate": None, "median_hours": None, "window_hours": window}
    hours = latency["hours"].astype(float)
    return {"count": int(len(hours)), "on_time_rate": round(float((hours <= window).mean()), 3),
            "median_hours": round(float(hours.median()), 1), "window_hours": window}


# -- keep in touch, reciprocity, coverage -------------------------------------------------------------

def keep_in_touch(db: Database, filters: Filters = NONE, at: Moment | None = None,
                  prof: profiles.Profile | None = None) -> dict[str, int]:
    """Active contacts by keep-in-touch health on your date: healthy, due soon (within 14 days), overdue,
    dormant (overdue by more than its cadence again), the clock starting on the local date of the last
    interaction. The same rule as lib/cadence.py, counted in SQL."""
    prof = prof or profiles.get(db)
    kept, params = _params(filters, "c.id", at or moment(db, prof=prof))
    state = cadence.state_sql("due", "cadence", "$today")
    sql = ("WITH last AS (SELECT contact_id, max(occurred_at) AS at FROM interaction WHERE occurred_at < $now"
           " GROUP BY contact_id), "
           "paced AS (SELECT coalesce(c.cadence_days, CASE c.tier WHEN 'close' THEN $close WHEN 'casual' THEN $casual"
           "  ELSE $active END) AS cadence,"
           f"  coalesce({local_date_sql('l.at')}, {MET}) AS start"
           "  FROM contact c LEFT JOIN last l ON l.contact_id = c.id"
           f"  WHERE (c.archived_at IS NULL OR c.archived_at >= $now) AND {EXISTED} AND {kept}), "
           "due AS (SELECT cadence, start + cadence AS due FROM paced) "
           f"SELECT {state} AS state, count(*) AS n FROM due GROUP BY ALL")
    params |= {"close": prof.cadence_close_days, "active": prof.cadence_active_days,
               "casual": prof.cadence_casual_days}
    counts = {r["state"]: int(r["n"]) for r in db.rows(sql, _used(sql, params))}
    return {k: counts.get(k, 0) for k in ("healthy", "due_soon", "overdue", "dormant")}


def reciprocity(db: Database, filters: Filters = NONE, at: Moment | None = None) -> pd.DataFrame:
    """Help given and received per month (in your time zone): offers made, offers kept, introductions made
    to me (referrals), and help-given / help-received touchpoints."""
    kept, params = _params(filters, "contact_id", _at(db, at))
    by_interview = filters.keeps("i.contact_id")[0]
    sql = ("WITH events AS ("
           f" SELECT created_at AS happened, 'offers made' AS kind FROM offer WHERE {kept}"
           f" UNION ALL SELECT kept_at, 'offers kept' FROM offer WHERE kept_at IS NOT NULL AND {kept}"
           " UNION ALL SELECT i.scheduled_at, 'introductions to me' FROM referral r"
           "  JOIN interview i ON i.id = r.interview_id"
           f"  WHERE {by_interview}"
           " UNION ALL SELECT occurred_at, CASE kind WHEN 'help_given' THEN 'help given' ELSE 'help received' END"
           f"  FROM interaction WHERE kind IN ('help_given', 'help_received') AND {kept})"
           f" SELECT strftime({local_sql('happened')}, '%Y-%m') AS month, kind, count(*) AS n FROM events"
           " WHERE happened >= $w_start AND happened < least($w_end, $now) GROUP BY ALL ORDER BY month, kind")
    return db.frame(sql, _used(sql, params))


def coverage(db: Database, filters: Filters = NONE) -> pd.DataFrame:
    """Industry, organisation, how many contacts Rapport knows there and how many interviews happened."""
    kept, params = filters.keeps("c.id")
    return db.frame(  # counted per contact first: a DISTINCT over every contact-interview pair cost 2.5x
        "WITH met AS (SELECT contact_id, count(*) AS n FROM interview WHERE status = 'completed' GROUP BY ALL),"
        " per_org AS (SELECT c.organisation_id, count(*) AS contacts, coalesce(sum(met.n), 0) AS interviews"
        f"  FROM contact c LEFT JOIN met ON met.contact_id = c.id WHERE {kept} AND c.organisation_id IS NOT NULL"
        "  GROUP BY ALL)"
        " SELECT coalesce(nullif(o.industry, ''), 'No industry') AS industry, o.name AS organisation,"
        " p.contacts, CAST(p.interviews AS BIGINT) AS interviews"
        " FROM per_org p JOIN organisation o ON o.id = p.organisation_id ORDER BY industry, organisation", params)


def meeting_modes(db: Database, filters: Filters = NONE, at: Moment | None = None) -> pd.DataFrame:
    """Completed interviews by mode (video, in person, phone)."""
    kept, params = _params(filters, "contact_id", _at(db, at))
    sql = (f"SELECT mode, count(*) AS interviews FROM interview WHERE {COMPLETED} "
           f"AND {kept} AND scheduled_at >= $w_start AND scheduled_at < $w_end "
           "GROUP BY mode ORDER BY interviews DESC")
    return db.frame(sql, _used(sql, params))


def interviews_this_month(weekly: pd.DataFrame, today: date) -> int:
    """Interviews held in the weeks that overlap this month, from the weekly series (the headline beside it)."""
    month_start = today.replace(day=1)
    return sum(int(n) for week, n in zip(weekly["week"], weekly["interviews"], strict=True)
               if isinstance(week, date) and week >= month_start - timedelta(days=6))


def dashboard(db: Database, filters: Filters = NONE, at: Moment | None = None) -> dict[str, Any]:
    """Every series the Dashboard shows, in one hold of the file, one read of the profile and one moment."""
    with db.connect():
        prof = profiles.get(db)
        at = at or moment(db, prof=prof)
        latency = thank_you_latency(db, filters, at)
        return {
            "contacts_total": contacts_total(db, filters, at),
            "warm": warm_contacts(db, filters, at),
            "growth": network_growth(db, filters, at),
            "tree": referral_tree(db, filters, at),
            "weekly": (weekly := interviews_per_week(db, filters, at)),
            "this_month": interviews_this_month(weekly, at.today),
            "progress": interviews.weekly_progress(db, at.today),
            "goal": prof.weekly_goal,
            "funnel": outreach_funnel(db, filters, at),
            "health_weekly": followup_health_weekly(db, filters, at),
            "health_now": followup_health_now(db, filters, at),
            "latency": latency,
            "thank_you": thank_you_summary(db, latency, prof),
            "keep_in_touch": keep_in_touch(db, filters, at, prof),
            "reciprocity": reciprocity(db, filters, at),
            "coverage": coverage(db, filters),
            "modes": meeting_modes(db, filters, at),
        }


def summary(db: Database, today: date | None = None, filters: Filters = NONE) -> dict[str, Any]:
    """Everything `lib.cli metrics --json` reports: as it stands now, or as it stood at the end of `today`
    in the profile's zone."""
    prof = profiles.get(db)
    at = moment(db, today=today, prof=prof)
    weekly = interviews_per_week(db, filters, at)
    return {
        "today": at.today.isoformat(),
        "contacts_total": contacts_total(db, filters, at),
        "warm_contacts": warm_contacts(db, filters, at),
        "network_growth": growth_by_month(network_growth(db, filters, at)),
        "interviews_per_week": [{"week": w.isoformat(), "interviews": int(n)}
                                for w, n in zip(weekly["week"], weekly["interviews"], strict=True)],
        "weekly_goal": interviews.weekly_progress(db, at.today),
        "followup_health": followup_health_now(db, filters, at),
        "followup_health_weekly": health_weekly_records(followup_health_weekly(db, filters, at)),
        "thank_you": {k: v for k, v in thank_you_summary(db, thank_you_latency(db, filters, at), prof).items()
                      if k != "window_hours"},
        "keep_in_touch": keep_in_touch(db, filters, at, prof),
        "referrals": referral_summary(referral_tree(db, at=at)),
        "outreach": outreach_funnel(db, filters, at),
    }


def contacts_in_month(db: Database, month: str, source: str | None, filters: Filters = NONE,
                      at: Moment | None = None) -> pd.DataFrame:
    """The contacts behind one bar of the network-growth chart (`month` as the chart gives it: 2026-11-01)."""
    kept, params = _params(filters, "c.id", _at(db, at))
    sql = ("SELECT c.id, c.full_name AS name, coalesce(o.name, '') AS organisation, c.source,"
           f" {MET} AS first_met FROM contact c"
           " LEFT JOIN organisation o ON o.id = c.organisation_id"
           f" WHERE {kept} AND {EXISTED} AND strftime({MET}, '%Y-%m') = $m"
           f" AND {MET} BETWEEN $d_start AND $d_end AND ($s IS NULL OR c.source = $s) ORDER BY first_met")
    return db.frame(sql, _used(sql, params | {"m": str(month)[:7], "s": source}))


def followups_standing_in_week(db: Database, week: date, state: str, filters: Filters = NONE,
                               at: Moment | None = None) -> pd.DataFrame:
    """The follow-ups behind one bar of the follow-up health chart: those in `state` as the week ended
    (Monday 00:00 after it, in your time zone; or now, for this week) - by `followups.STANDING_SQL`, the
    rule `followup_health_weekly` counts by, so the rows are exactly the bar's count."""
    at = _at(db, at)
    kept, params = filters.keeps("f.contact_id")
    cut = min(clock.to_utc(datetime.combine(week + timedelta(days=7), time()), at.tz), at.now)
    return db.frame(
        "SELECT f.id, f.title, c.full_name AS contact, coalesce(o.name, '') AS organisation, f.due_at,"
        " CASE WHEN f.snoozed_until > $now THEN f.snoozed_until END AS snoozed_until "  # snoozed now
        "FROM followup f JOIN contact c ON c.id = f.contact_id LEFT JOIN organisation o ON o.id = c.organisation_id "
        f"WHERE {kept} AND f.created_at < $at AND ({followups.STANDING_SQL}) = $state ORDER BY f.due_at, f.id",
        params | {"at": cut, "state": state, "now": at.now})
