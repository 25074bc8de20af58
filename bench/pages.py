"""Page timings for the benchmark, through AppTest (here because only lib/ui imports streamlit)."""

from __future__ import annotations

import logging
import os
import statistics
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

from bench.measures import Measure
from lib.config import PROJECT_ROOT
from lib.ui import cached, session

APP = str(PROJECT_ROOT / "app.py")


def _time(run) -> float:
    started = time.perf_counter()
    run()
    return (time.perf_counter() - started) * 1000


def page_measures(db_path: Path, runs: int = 7) -> list[Measure]:
    """Contacts page with a search, cold (a new session) and warm (a rerun), beside a bare script."""
    logging.getLogger("streamlit").setLevel(logging.ERROR)  # AppTest outside a server warns on every run
    os.environ["RAPPORT_DB"] = str(db_path)
    session.reset_caches()
    cold, warm, bare = [], [], []
    for _ in range(runs):
        at = AppTest.from_file(APP, default_timeout=60)
        at.query_params["contact"] = ""
        at.switch_page("pages/contacts.py")
        cold.append(_time(at.run))
        at.text_input(key="contact_search").input("engineer okafor")
        warm.append(_time(at.run))
        trivial = AppTest.from_string("import streamlit as st\nst.title('x')", default_timeout=60)
        bare.append(_time(trivial.run))
    baseline = round(statistics.median(bare), 1)
    cold_dash, warm_dash = [], []
    for _ in range(runs):
        cached.clear()
        at = AppTest.from_file(APP, default_timeout=120)
        at.switch_page("pages/dashboard.py")
        cold_dash.append(_time(at.run))
        warm_dash.append(_time(at.run))
    return [
        Measure("Dashboard page, cold (no cached results)", round(statistics.median(cold_dash), 1),
                "one-line Streamlit script", baseline, under_ms=1500),
        Measure("Dashboard page rerun, warm (cached results)", round(statistics.median(warm_dash), 1),
                "one-line Streamlit script", baseline, under_ms=300),
        Measure("Contacts page, new session (AppTest)", round(statistics.median(cold), 1),
                "one-line Streamlit script", baseline, under_ms=1500),
        Measure("Contacts page rerun with a search (AppTest)", round(statistics.median(warm), 1),
                "one-line Streamlit script", baseline, under_ms=500),
    ]
