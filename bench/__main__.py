"""`make bench` (`python -m bench [--json]`): Rapport at a heavy networker's scale, against baselines.

The benchmark is a tool beside the app, not part of it: nothing under lib/ imports it. It starts the
local OpenAI-compatible server and the app servers the tests use (tests/fakes, tests/e2e/servers.py).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

BENCH_PHASES = ["data", "metrics", "drafting", "import", "reminders", "debrief", "pages", "first_page", "every_page",
                "memory", "sync"]


def _bench_phase(name: str, path: Path, model_url: str) -> list:
    """One phase of the benchmark over the file at `path` (run in a process of its own by run)."""
    import logging

    from bench import measures as bench
    from lib import storage

    for logger in list(logging.root.manager.loggerDict):  # Streamlit's loggers each carry their own level
        if logger.startswith("streamlit"):
            logging.getLogger(logger).setLevel(logging.ERROR)
    db = storage.open_database(path)
    if name == "data":
        return bench.data_measures(db)
    if name == "metrics":
        return bench.metrics_measures(path)
    if name == "drafting":
        from tests.fakes.openai_server import MODEL
        return bench.drafting_measures(db, model_url, MODEL)
    if name == "import":
        return bench.import_measures(db)
    if name == "reminders":
        return bench.reminder_measures(db)
    if name == "debrief":
        return bench.debrief_measures()
    if name == "sync":  # last: it writes (and undoes) mail and meetings that other phases would count
        import tempfile
        with tempfile.TemporaryDirectory() as folder:
            return bench.sync_measures(db, Path(folder))
    if name == "pages":
        from bench.pages import page_measures
        return page_measures(path)
    from bench.browser import app_memory, every_page_measures, first_page_measures
    if name == "every_page":
        return every_page_measures(path)
    return first_page_measures() if name == "first_page" else app_memory(path)


def run(args: argparse.Namespace) -> int:
    """Measure Rapport at benchmark scale in a temp dir; print the table (or JSON).

    Each phase runs in a process of its own, so one phase's memory, threads and caches never weigh on the
    next one's figures (the first page in Chromium measured 0.3 s slower after the AppTest phase).
    """
    import dataclasses
    import subprocess
    import tempfile

    from bench import measures as bench
    from lib.config import PROJECT_ROOT

    if args.phase:  # a child: print this phase's results as JSON for the parent
        found = _bench_phase(args.phase, Path(args.db), args.model_url or "")
        print(json.dumps([{"kind": type(m).__name__} | dataclasses.asdict(m) for m in found]))
        return 0

    # The local OpenAI-compatible server from the test suite: `make bench` installs the dev tools.
    from tests.fakes.openai_server import FakeOpenAI

    results = []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.duckdb"
        started = time.perf_counter()
        bench.build(path)
        built_s = time.perf_counter() - started
        model_server = FakeOpenAI().start()
        try:
            for phase in BENCH_PHASES:
                child = subprocess.run(
                    [sys.executable, "-m", "bench", "--phase", phase, "--db", str(path),
                     "--model-url", model_server.url], cwd=PROJECT_ROOT, capture_output=True, text=True)
                if child.returncode != 0:
                    print(child.stderr, file=sys.stderr)
                    raise RuntimeError(f"The benchmark's {phase} phase failed (its output is above).")
                if child.stderr.strip() and "not measured" in child.stderr:
                    print(child.stderr.strip(), file=sys.stderr)
                results += json.loads(child.stdout.strip().splitlines()[-1])
        finally:
            model_server.stop()
    measures = [bench.Measure(**{k: v for k, v in r.items() if k != "kind"}) for r in results
                if r["kind"] == "Measure"]
    footprints = [bench.Footprint(**{k: v for k, v in r.items() if k != "kind"}) for r in results
                  if r["kind"] == "Footprint"]
    missed = [m.name for m in [*measures, *footprints] if not m.met]
    report = {
        "scale": {"contacts": bench.CONTACTS, "interactions": bench.INTERACTIONS,
                  "organisations": bench.ORGANISATIONS, "interviews": bench.INTERVIEWS,
                  "followups": bench.FOLLOWUPS, "build_seconds": round(built_s, 1)},
        "measures": [m.as_dict() for m in measures],
        "memory": [f.as_dict() for f in footprints],
        "app_peak_memory_mb": footprints[0].peak_mb if footprints else None,
        "targets_missed": missed,
    }
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print(f"Synthetic network: {bench.CONTACTS:,} contacts, {bench.INTERACTIONS:,} interactions, "
              f"{bench.INTERVIEWS:,} interviews, {bench.FOLLOWUPS:,} follow-ups (built in {built_s:.1f} s)\n")
        print(bench.table(measures))
        for footprint in footprints:
            print(f"\n{footprint.name}: {footprint.peak_mb:g} MB (target under {footprint.under_mb:g} MB) - "
                  f"{'met' if footprint.met else 'NOT MET'}")
        print("\nEvery target met." if not missed else f"\nTargets not met: {len(missed)} - " + "; ".join(missed))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description="measure Rapport at a heavy networker's scale")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("--phase", choices=BENCH_PHASES, help=argparse.SUPPRESS)  # one phase, in a child
    parser.add_argument("--db", help=argparse.SUPPRESS)
    parser.add_argument("--model-url", help=argparse.SUPPRESS)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
