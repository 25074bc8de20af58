"""AppTest fixtures: the real app.py router over a real database file in tmp_path."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lib.db import Database
from lib.ui import cached, session
from tests.conftest import ROOT

APP = str(ROOT / "app.py")


@pytest.fixture
def app_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Database]:
    """Point the app at an empty file; cache_resource outlives AppTest instances, so clear it."""
    path = tmp_path / "rapport.duckdb"
    monkeypatch.setenv("RAPPORT_DB", str(path))
    monkeypatch.setenv("RAPPORT_DEMO_DB", str(tmp_path / "demo.duckdb"))
    session.reset_caches()
    cached.clear()
    database = Database(path)
    database.migrate()
    yield database
    session.reset_caches()


@pytest.fixture
def demo_app_db(app_db: Database, demo_file: Path) -> Database:
    """The app over a copy of the seeded demo data, as the user's own database."""
    shutil.copy(demo_file, app_db.path)
    session.reset_caches()
    return app_db


@pytest.fixture
def open_app() -> Callable[..., AppTest]:
    def start(page: str | None = None, **query: str) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=30)
        for key, value in query.items():
            at.query_params[key] = value
        if page:
            at.switch_page(page)
        return at.run()

    return start


def shown(markdown: object) -> str:
    """What a person reads from Markdown source: user text is escaped (lib/ui/text.py), read unescaped."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", str(markdown)).replace("\u2060", "")  # the word joiner


def links(at: AppTest) -> dict[str, str]:
    """Each page link's label (as read) and where it goes (`contact?id=7`), to assert on navigation."""
    found = {}
    for element in at.get("page_link"):
        target = element.proto.page + (f"?{element.proto.query_string}" if element.proto.query_string else "")
        found[shown(element.proto.label)] = target
    return found


def texts(at: AppTest) -> str:
    """Everything written on the page, to assert on what the user reads."""
    parts = [m.value for m in at.markdown] + [t.value for t in at.title] + [c.value for c in at.caption]
    parts += [e.value for e in at.error] + [i.value for i in at.info] + [s.value for s in at.success]
    parts += [w.value for w in at.warning] + [h.value for h in at.header] + [h.value for h in at.subheader]
    return "\n".join(shown(p) for p in parts)
