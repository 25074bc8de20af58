"""Dashboard series, computed in DuckDB. Each function's docstring is its definition.

Every series takes the same `Filters` (date range, industry, tag, source) so the dashboard's
filters apply to every chart. Dates are the user's calendar dates; timestamps are stored in UTC.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

import numpy as np
import pandas as pd

from lib import cadence, clock, followups, interviews
from lib import profile as profiles
from lib.db import Database


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

    def window(self) -> tuple[datetime, datetime]:
        """The date range as UTC-ish timestamps (whole days), open-ended when not set."""
        start = datetime.combine(self.start, time()) if self.start else datetime(1970, 1, 1)
        end = datetime.combine(self.end + timedelta(days=1), time()) if self.end else datetime(2999, 1, 1)
        return start, end


NONE = Filters()


def _params(filters: Filters, column: str) -> tuple[str, dict[str, Any]]:
    kept, params = filters.keeps(column)
    start, end = filters.window()
    return kept, params | {"w_start": start, "w_end": end}


# -- network growth ---------------------------------------------------------------------------------

def network_growth(db: Database, filters: Filters = NONE) -> pd.DataFrame:
    """Contacts by month first met (Connected On for LinkedIn imports, else the date added), by source.

    Columns: month (YYYY-MM), source, new. Archived contacts count: they were met.
    """
    kept, params = _params(filters, "c.id")
    return db.frame(
        "SELECT strftime(coalesce(c.first_met_on, CAST(c.created_at AS DATE)), '%Y-%m') AS month, "
        "c.source, count(*) AS new FROM contact c "
        f"WHERE {kept} AND coalesce(c.first_met_on, CAST(c.created_at AS DATE)) "
        "BETWEEN CAST($w_start AS DATE) AND CAST($w_end AS DATE) - 1 "
        "GROUP BY ALL ORDER BY month, c.source", params)


def growth_by_month(growth: pd.DataFrame) -> list[dict[str, Any]]:
    """New and cumulative contacts per month with the split by source (the CLI's `network_growth`)."""
    out, running = [], 0
    for month, rows in growth.groupby("month", sort=True):
        new = int(rows["new"].sum())
        running += new
        out.append({"month": month, "new": new, "cumulative": running,
                    "by_source": {s: int(n) for s, n in zip(rows["source"], rows["new"], strict=True)}})
    return out


WARM_SQL = ("(SELECT contact_id FROM interaction WHERE kind = 'meeting' UNION "
            "SELECT contact_id FROM interview WHERE status = 'completed')")


def warm_contacts(db: Database, filters: Filters = NONE) -> int:
    """Contacts met at least once: a meeting on their timeline or a completed interview."""
    kept, params = filters.keeps("id")
    return int(db.value(f"SELECT count(*) FROM contact WHERE {kept} AND id IN {WARM_SQL}", params))


def contacts_total(db: Database, filters: Filters = NONE) -> int:
    """Every contact the filters keep, archived included."""
    kept, params = filters.keeps("id")
    return int(db.value(f"SELECT count(*) FROM contact WHERE {kept}", params))


# -- referrals --------------------------------------------------------------------------------------

def referral_tree(db: Database, filters: Filters = NONE) -> pd.DataFrame:
    """Who introduced whom: each contact with its introducer, its depth in the chain (0 for people met
    without an introduction) and how many completed interviews it led to.

    Filtered, it keeps the contacts the filters keep (first met in the date range); someone whose
    introducer is filtered out starts a chain of their own.
    """
    kept, params = _params(filters, "c.id")
    tree = db.frame(
        "WITH RECURSIVE chain(id, depth) AS ("
        " SELECT id, 0 FROM contact WHERE introduced_by_id IS NULL"
        " UNION ALL SELECT c.id, chain.depth + 1 FROM contact c JOIN chain ON c.introduced_by_id = chain.id),"
        " met AS (SELECT contact_id, count(*) AS n FROM interview WHERE status = 'completed' GROUP BY contact_id)"
        " SELECT c.id, c.full_name AS name, c.introduced_by_id, chain.depth, coalesce(met.n, 0) AS interviews"
        " FROM chain JOIN contact c ON c.id = chain.id LEFT JOIN met ON met.contact_id = c.id"
        f" WHERE {kept} AND coalesce(c.first_met_on, CAST(c.created_at AS DATE))"
        " BETWEEN CAST($w_start AS DATE) AND CAST($w_end AS DATE) - 1"
        " ORDER BY chain.depth, c.id", params)
    orphans = tree["introduced_by_id"].notna() & ~tree["introduced_by_id"].isin(tree["id"])
    return tree.assign(introduced_by_id=tree["introduced_by_id"].where(~orphans))


def referral_summary(tree: pd.DataFrame) -> dict[str, int]:
    """How many contacts came through an introduction, and the longest chain."""
    referred = tree[tree["introduced_by_id"].notna()]
    return {"count": int(len(referred)), "max_depth": int(tree["depth"].max()) if len(tree) else 0}


# -- interviews against the goal --------------------------------------------------------------------

def interviews_per_week(db: Database, filters: Filters = NONE, prof: profiles.Profile | None = None) -> pd.DataFrame:
    """Completed interviews per ISO week (Monday, in the user's zone), every week in range shown."""
    kept, params = _params(filters, "contact_id")
    tz = (prof or profiles.get(db)).time_zone
    frame = db.frame(f"SELECT scheduled_at FROM interview WHERE status = 'completed' AND {kept} "
                     "AND scheduled_at >= $w_start AND scheduled_at < $w_end", params)
    if frame.empty:
        return pd.DataFrame({"week": pd.Series(dtype="object"), "interviews": pd.Series(dtype="int64")})
    counted = interviews.week_counts(frame["scheduled_at"], tz)
    every = pd.date_range(counted.index.min(), counted.index.max(), freq="7D")
    return pd.DataFrame({"week": every.date,
                         "interviews": counted.reindex(every, fill_value=0).to_numpy(dtype="int64")})


# -- outreach funnel ---------------------------------------------------------------------------------

def outreach_funnel(db: Database, filters: Filters = NONE, today: date | None = None,
                    prof: profiles.Profile | None = None) -> dict[str, Any]:
    """Contacts asked for a conversation, of those who replied, who were interviewed after the request,
    and whose interview led to a referral; the reply rate; the Booster / Obligate / Curmudgeon split."""
    kept, params = _params(filters, "contact_id")
    row = db.row(
        "WITH asked AS (SELECT contact_id, min(sent_on) AS first_sent, bool_or(replied_on IS NOT NULL) AS replied "
        f" FROM outreach WHERE {kept} AND sent_on BETWEEN CAST($w_start AS DATE) "
        " AND CAST($w_end AS DATE) - 1 GROUP BY contact_id), "
        "met AS (SELECT DISTINCT a.contact_id FROM asked a JOIN interview i ON i.contact_id = a.contact_id "
        " AND i.status = 'completed' AND CAST(i.scheduled_at AS DATE) >= a.first_sent), "
        "referred AS (SELECT DISTINCT m.contact_id FROM met m JOIN interview i ON i.contact_id = m.contact_id "
        " JOIN referral r ON r.interview_id = i.id) "
        "SELECT (SELECT count(*) FROM asked) AS outreach, (SELECT count(*) FROM asked WHERE replied) AS replied, "
        "(SELECT count(*) FROM met) AS interviewed, (SELECT count(*) FROM referred) AS referral", params)
    today = today or clock.today((prof or profiles.get(db)).time_zone)
    kinds = db.frame(f"SELECT sent_on, replied_on, followed_up_on FROM outreach WHERE {kept} "
                     "AND sent_on BETWEEN CAST($w_start AS DATE) AND CAST($w_end AS DATE) - 1", params)
    split = responder_split(kinds, today)
    rate = row["replied"] / row["outreach"] if row["outreach"] else None
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

def followup_health_weekly(db: Database, filters: Filters = NONE, now: datetime | None = None) -> pd.DataFrame:
    """For each week, the follow-ups as they stood when the week ended: done on time (done by then, by
    the due time), done late, overdue (open then, due before then) and open (open then, not yet due).
    Follow-ups dismissed by then, or created after, are left out of that week.

    Computed from events rather than week by week: each follow-up adds and removes itself from a
    state at known moments (created, due, done, dismissed); a running sum over weeks gives the
    standing at each week's end (or now, for the current week).
    """
    kept, params = _params(filters, "contact_id")
    now = now or clock.utcnow()
    frame = db.frame(
        "WITH f AS (SELECT created_at, due_at, done_at,"
        "  least(coalesce(done_at, TIMESTAMP '9999-12-31'), coalesce(dismissed_at, TIMESTAMP '9999-12-31')) AS closed"
        f"  FROM followup WHERE {kept}), "
        # States as numbers (0 on time, 1 late, 2 overdue, 3 open): grouping 100,000 events by a string
        # cost a third of the query.
        "events AS ("
        " SELECT created_at AS t, 3 AS state, 1 AS d FROM f WHERE created_at < least(due_at, closed)"
        " UNION ALL SELECT least(due_at, closed), 3, -1 FROM f WHERE created_at < least(due_at, closed)"
        " UNION ALL SELECT greatest(due_at, created_at), 2, 1 FROM f WHERE greatest(due_at, created_at) < closed"
        " UNION ALL SELECT closed, 2, -1 FROM f WHERE greatest(due_at, created_at) < closed"
        " UNION ALL SELECT done_at, CASE WHEN done_at <= due_at THEN 0 ELSE 1 END, 1 FROM f"
        "  WHERE done_at IS NOT NULL), "
        "weekly AS (SELECT date_trunc('week', t) AS week,"
        " sum(d) FILTER (WHERE state = 0) AS on_time, sum(d) FILTER (WHERE state = 1) AS late,"
        " sum(d) FILTER (WHERE state = 2) AS overdue, sum(d) FILTER (WHERE state = 3) AS open FROM events"
        " WHERE t < CAST($now AS TIMESTAMP) GROUP BY ALL), "
        "weeks AS (SELECT unnest(generate_series((SELECT min(week) FROM weekly),"
        " date_trunc('week', CAST($now AS TIMESTAMP)), INTERVAL 7 DAY)) AS week) "
        "SELECT * FROM (SELECT CAST(w.week AS DATE) AS week,"
        " CAST(sum(coalesce(x.on_time, 0)) OVER running AS BIGINT) AS on_time,"
        " CAST(sum(coalesce(x.late, 0)) OVER running AS BIGINT) AS late,"
        " CAST(sum(coalesce(x.overdue, 0)) OVER running AS BIGINT) AS overdue,"
        " CAST(sum(coalesce(x.open, 0)) OVER running AS BIGINT) AS open"
        " FROM weeks w LEFT JOIN weekly x ON x.week = w.week WINDOW running AS (ORDER BY w.week))"
        " WHERE week >= CAST($w_start AS DATE) AND week < CAST($w_end AS DATE) ORDER BY week",
        params | {"now": now})
    return frame.assign(week=pd.to_datetime(frame["week"]).dt.date)


def followup_health_now(db: Database, filters: Filters = NONE, now: datetime | None = None) -> dict[str, int]:
    """The current split: on time, late, overdue, open (snoozed ones count as open)."""
    return followups.health(db, now, among=filters.keeps("f.contact_id"))


# -- thank-yous ---------------------------------------------------------------------------------------

def thank_you_latency(db: Database, filters: Filters = NONE) -> pd.DataFrame:
    """Hours from a meeting's end to its first thank-you sent, per completed interview that has one."""
    kept, params = _params(filters, "i.contact_id")
    return db.frame(
        "SELECT i.id AS interview_id, c.full_name AS contact,"
        " date_diff('minute', i.scheduled_at + to_minutes(i.duration_minutes), min(m.sent_at)) / 60.0 AS hours"
        " FROM interview i JOIN contact c ON c.id = i.contact_id JOIN message m ON m.interview_id = i.id"
        " AND m.kind = 'thank_you' AND m.status = 'sent'"
        f" WHERE {kept} AND i.scheduled_at >= $w_start AND i.scheduled_at < $w_end"
        " GROUP BY i.id, c.full_name, i.scheduled_at, i.duration_minutes ORDER BY i.id", params)


def thank_you_summary(db: Database, latency: pd.DataFrame, prof: profiles.Profile | None = None) -> dict[str, Any]:
    """How many thank-yous were sent, the share within the profile's window, and the median hours."""
    window = (prof or profiles.get(db)).thank_you_window_hours
    if latency.empty:
        return {"count": 0, "on_time_rate": None, "median_hours": None, "window_hours": window}
    hours = latency["hours"].astype(float)
    return {"count": int(len(hours)), "on_time_rate": round(float((hours <= window).mean()), 3),
            "median_hours": round(float(hours.median()), 1), "window_hours": window}


# -- keep in touch, reciprocity, coverage -------------------------------------------------------------

def keep_in_touch(db: Database, filters: Filters = NONE, today: date | None = None,
                  prof: profiles.Profile | None = None) -> dict[str, int]:
    """Active contacts by keep-in-touch health: healthy, due soon (within 14 days), overdue, dormant
    (overdue by more than its cadence again). The same rule as lib/cadence.py, counted in SQL."""
    kept, params = filters.keeps("c.id")
    prof = prof or profiles.get(db)
    state = cadence.state_sql("due", "cadence", "CAST($today AS DATE)")
    rows = db.rows(
        "WITH last AS (SELECT contact_id, max(occurred_at) AS at FROM interaction GROUP BY contact_id), "
        "paced AS (SELECT coalesce(c.cadence_days, CASE c.tier WHEN 'close' THEN $close WHEN 'casual' THEN $casual"
        "  ELSE $active END) AS cadence,"
        "  coalesce(CAST(l.at AS DATE), c.first_met_on, CAST(c.created_at AS DATE)) AS start"
        "  FROM contact c LEFT JOIN last l ON l.contact_id = c.id"
        f"  WHERE c.archived_at IS NULL AND {kept}), "
        "due AS (SELECT cadence, start + cadence AS due FROM paced) "
        f"SELECT {state} AS state, count(*) AS n FROM due GROUP BY ALL",
        params | {"close": prof.cadence_close_days, "active": prof.cadence_active_days,
                  "casual": prof.cadence_casual_days, "today": today or clock.today(prof.time_zone)})
    counts = {r["state"]: int(r["n"]) for r in rows}
    return {k: counts.get(k, 0) for k in ("healthy", "due_soon", "overdue", "dormant")}


def reciprocity(db: Database, filters: Filters = NONE) -> pd.DataFrame:
    """Help given and received per month: offers made, offers kept, introductions made to me (referrals),
    and help-given / help-received touchpoints."""
    kept, params = _params(filters, "contact_id")
    by_interview = filters.keeps("i.contact_id")[0]
    return db.frame(
        "WITH events AS ("
        f" SELECT created_at AS happened, 'offers made' AS kind FROM offer WHERE {kept}"
        f" UNION ALL SELECT kept_at, 'offers kept' FROM offer WHERE kept_at IS NOT NULL AND {kept}"
        " UNION ALL SELECT i.scheduled_at, 'introductions to me' FROM referral r"
        "  JOIN interview i ON i.id = r.interview_id"
        f"  WHERE {by_interview}"
        " UNION ALL SELECT occurred_at, CASE kind WHEN 'help_given' THEN 'help given' ELSE 'help received' END"
        f"  FROM interaction WHERE kind IN ('help_given', 'help_received') AND {kept})"
        " SELECT strftime(happened, '%Y-%m') AS month, kind, count(*) AS n FROM events"
        " WHERE happened >= $w_start AND happened < $w_end GROUP BY ALL ORDER BY month, kind", params)


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


def meeting_modes(db: Database, filters: Filters = NONE) -> pd.DataFrame:
    """Completed interviews by mode (video, in person, phone)."""
    kept, params = _params(filters, "contact_id")
    return db.frame(f"SELECT mode, count(*) AS interviews FROM interview WHERE status = 'completed' "
                    f"AND {kept} AND scheduled_at >= $w_start AND scheduled_at < $w_end "
                    "GROUP BY mode ORDER BY interviews DESC", params)


def dashboard(db: Database, filters: Filters = NONE) -> dict[str, Any]:
    """Every series the Dashboard shows, in one hold of the file and one read of the profile."""
    with db.connect():
        prof = profiles.get(db)
        latency = thank_you_latency(db, filters)
        return {
            "contacts_total": contacts_total(db, filters),
            "warm": warm_contacts(db, filters),
            "growth": network_growth(db, filters),
            "tree": referral_tree(db, filters),
            "weekly": interviews_per_week(db, filters, prof),
            "progress": interviews.weekly_progress(db),
            "goal": prof.weekly_goal,
            "funnel": outreach_funnel(db, filters, prof=prof),
            "health_weekly": followup_health_weekly(db, filters),
            "health_now": followup_health_now(db, filters),
            "latency": latency,
            "thank_you": thank_you_summary(db, latency, prof),
            "keep_in_touch": keep_in_touch(db, filters, prof=prof),
            "reciprocity": reciprocity(db, filters),
            "coverage": coverage(db, filters),
            "modes": meeting_modes(db, filters),
        }


def summary(db: Database, today: date | None = None, filters: Filters = NONE) -> dict[str, Any]:
    """Everything `lib.cli metrics --json` reports."""
    tz = profiles.get(db).time_zone
    today = today or clock.today(tz)
    now = clock.utcnow() if today == clock.today(tz) else clock.to_utc(datetime.combine(today, time(23, 59)), tz)
    weekly = interviews_per_week(db, filters)
    return {
        "today": today.isoformat(),
        "contacts_total": contacts_total(db, filters),
        "warm_contacts": warm_contacts(db, filters),
        "network_growth": growth_by_month(network_growth(db, filters)),
        "interviews_per_week": [{"week": w.isoformat(), "interviews": int(n)}
                                for w, n in zip(weekly["week"], weekly["interviews"], strict=True)],
        "weekly_goal": interviews.weekly_progress(db, today),
        "followup_health": followup_health_now(db, filters, now),
        "thank_you": {k: v for k, v in thank_you_summary(db, thank_you_latency(db, filters)).items()
                      if k != "window_hours"},
        "keep_in_touch": keep_in_touch(db, filters, today),
        "referrals": referral_summary(referral_tree(db)),
        "outreach": outreach_funnel(db, filters, today),
    }


def contacts_in_month(db: Database, month: str, source: str | None, filters: Filters = NONE) -> pd.DataFrame:
    """The contacts behind one bar of the network-growth chart (`month` as the chart gives it: 2026-11-01)."""
    kept, params = _params(filters, "c.id")
    month = str(month)[:7]
    return db.frame(
        "SELECT c.id, c.full_name AS name, coalesce(o.name, '') AS organisation, c.source,"
        " coalesce(c.first_met_on, CAST(c.created_at AS DATE)) AS first_met FROM contact c"
        " LEFT JOIN organisation o ON o.id = c.organisation_id"
        f" WHERE {kept} AND strftime(coalesce(c.first_met_on, CAST(c.created_at AS DATE)), '%Y-%m') = $m"
        " AND coalesce(c.first_met_on, CAST(c.created_at AS DATE)) BETWEEN CAST($w_start AS DATE)"
        " AND CAST($w_end AS DATE) - 1 AND ($s IS NULL OR c.source = $s) ORDER BY first_met",
        params | {"m": month, "s": source})


def followups_standing_in_week(db: Database, week: date, state: str, filters: Filters = NONE,
                               now: datetime | None = None) -> pd.DataFrame:
    """The follow-ups behind one bar of the follow-up health chart: those in `state` as the week ended
    (or now, for this week) - by the very definition `followup_health_weekly` counts, so the rows are
    exactly the bar's count."""
    kept, params = filters.keeps("contact_id")
    now = now or clock.utcnow()
    cut = min(datetime.combine(week, time()) + timedelta(days=7), now)
    condition = {
        "open": "f.created_at < least(f.due_at, f.closed) AND f.created_at < $cut"
                " AND least(f.due_at, f.closed) >= $cut",
        "overdue": "greatest(f.due_at, f.created_at) < f.closed AND greatest(f.due_at, f.created_at) < $cut"
                   " AND f.closed >= $cut",
        "on_time": "f.done_at IS NOT NULL AND f.done_at < $cut AND f.done_at <= f.due_at",
        "late": "f.done_at IS NOT NULL AND f.done_at < $cut AND f.done_at > f.due_at",
    }[state]
    return db.frame(
        "WITH f AS (SELECT f.*, least(coalesce(done_at, TIMESTAMP '9999-12-31'),"
        "  coalesce(dismissed_at, TIMESTAMP '9999-12-31')) AS closed FROM followup f"
        f"  WHERE {kept}) "
        "SELECT f.id, f.title, c.full_name AS contact, coalesce(o.name, '') AS organisation, f.due_at "
        "FROM f JOIN contact c ON c.id = f.contact_id LEFT JOIN organisation o ON o.id = c.organisation_id "
        f"WHERE {condition} ORDER BY f.due_at, f.id", params | {"cut": cut})
