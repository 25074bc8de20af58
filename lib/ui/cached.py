"""Dashboard results cached per database, filters and data version: reruns do not recompute, and any
change to the data (a new version fingerprint) recomputes on the next run."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar, cast

import streamlit as st

from lib import chart_summaries, charts, duplicates, metrics, today
from lib.db import Database
from lib.io.files import ImportRefused


@st.cache_data(show_spinner=False, max_entries=32)
def _compute(_db: Database, path: str, version: str, filters: metrics.Filters) -> dict[str, Any]:
    return metrics.dashboard(_db, filters)  # the leading underscore keeps the Database out of the key


def _charts(data: dict[str, Any]) -> dict[str, tuple[str, tuple[Any, ...]]]:
    """Each chart's function (named alike in lib/charts.py and lib/chart_summaries.py) and its arguments."""
    return {
        "growth": ("network_growth", (data["growth"],)),
        "tree": ("referral_tree", (data["tree"],)),
        "weekly": ("interviews_per_week", (data["weekly"], data["goal"])),
        "funnel": ("outreach_funnel", (data["funnel"],)),
        "health": ("followup_health", (data["health_weekly"],)),
        "responders": ("responders", (data["funnel"]["responders"],)),
        "latency": ("thank_you_latency", (data["latency"], data["thank_you"]["window_hours"])),
        "keep_in_touch": ("keep_in_touch", (data["keep_in_touch"],)),
        "reciprocity": ("reciprocity", (data["reciprocity"],)),
        "modes": ("meeting_modes", (data["modes"],)),
        "coverage": ("coverage", (data["coverage"],)),
    }


@st.cache_resource(show_spinner=False, max_entries=32)  # shared, not copied: unpickling 11 figures cost 150 ms
def _figures(_db: Database, path: str, version: str,
             filters: metrics.Filters) -> tuple[dict[str, Any], dict[str, str]]:
    data = _compute(_db, path, version, filters)
    drawn = _charts(data).items()
    return ({key: getattr(charts, name)(*args) for key, (name, args) in drawn},
            {key: getattr(chart_summaries, name)(*args) for key, (name, args) in drawn})


def dashboard(db: Database, filters: metrics.Filters) -> tuple[dict[str, Any], dict[str, Any], dict[str, str]]:
    """Every dashboard series, figure and figure's sentence for these filters, from cache while the data is
    unchanged."""
    version = db.version()
    data = _compute(db, db.path, version, filters)
    return data, *_figures(db, db.path, version, filters)


@st.cache_resource(show_spinner=False, max_entries=8)  # read-only; unpickling 95,000 pairs cost 100 ms a run
def _duplicate_pairs(_db: Database, path: str, version: str) -> list[dict[str, Any]]:
    return duplicates.pairs(_db)


def duplicate_pairs(db: Database) -> list[dict[str, Any]]:
    """Likely duplicates, recomputed only when the data has changed (it compares names pairwise)."""
    return _duplicate_pairs(db, db.path, db.version())


@st.cache_data(show_spinner=False, max_entries=16)
def _agenda(_db: Database, path: str, version: str, minute: datetime) -> today.Agenda:
    return today.agenda(_db, minute)


def agenda(db: Database, now: datetime) -> today.Agenda:
    """Today's sections, worked out once a minute while the data is unchanged: every visit to Today and
    every click on it asked for them afresh (a third of the page's run)."""
    return _agenda(db, db.path, db.version(), now.replace(second=0, microsecond=0))


Previewed = TypeVar("Previewed")


def preview(key: str, data: bytes, version: str, make: Callable[[], Previewed], *options: object) -> Previewed:
    """An upload's preview made once per file (by its hash), options and data version, then kept for this
    session: every rerun previewed it again (a 200 MB mailbox took 72 s, each click). A refusal is kept
    too, and raised again."""
    wanted = (hashlib.sha256(data).hexdigest(), version, options)
    slot = f"rapport_preview_{key}"
    kept = st.session_state.get(slot)
    if kept is None or kept[0] != wanted:
        try:
            kept = (wanted, make(), None)
        except ImportRefused as error:
            kept = (wanted, None, error)
        st.session_state[slot] = kept
    if kept[2] is not None:
        raise kept[2]
    return cast(Previewed, kept[1])


def clear() -> None:
    """Forget cached results (tests start each app on a fresh file)."""
    _compute.clear()
    _figures.clear()
    _duplicate_pairs.clear()
    _agenda.clear()
