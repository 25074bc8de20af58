"""Hostile text in every field, seen on every page in Chromium: nothing loads, links, runs or breaks.

Every value carries a Markdown image and link to a probe address on this machine, a Streamlit
colour directive, HTML that would run script, and right-to-left and zero-width characters. The
browser records every request and dialog; the probe address must never be asked for.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from lib import clock, contacts, interactions, interviews, organisations, outreach, profile
from lib.db import Database
from tests.e2e.helpers import open_every_expander, open_page, wait_for_app
from tests.e2e.servers import start_server

PROBE = "127.0.0.1:9/probe"


def hostile(field: str) -> str:
    """One field's worth of attack: image, link, directive, script, iframe, direction override."""
    return (f"{field} ![i](http://{PROBE}/{field}.png) [Bank](http://{PROBE}/{field}) :red[alarm] "
            f"<img src=x onerror=alert(1)> \u202ereversed\u200b [j](javascript:alert(1))")


def seed(db: Database) -> dict[str, int]:
    profile.save(db, name="Sam Rivera", time_zone="Australia/Sydney")
    org = organisations.create(db, hostile("org")[:190], industry=hostile("ind")[:190],
                               notes="<script>alert(1)</script>" + hostile("orgnotes"))
    organisations.set_lamp(db, org, is_target=True)
    intro = contacts.create(db, full_name=hostile("introducer")[:190])
    person = contacts.create(
        db, full_name=hostile("name")[:190], organisation=organisations.get(db, org)["name"],
        role=hostile("role")[:190], location=hostile("loc")[:190], phone="+61 :red[1]",
        email="ana@example.org", tags=[hostile("tag")[:190]], rapport_notes=hostile("rapport"),
        notes="<iframe src=javascript:alert(1)></iframe>\n" + hostile("notes"), introduced_by_id=intro)
    # 100,000 characters, as a database from elsewhere could hold them (forms refuse it).
    db.execute("UPDATE contact SET notes = notes || ? WHERE id = ?", ["x" * 100_000, person])
    interactions.log(db, person, "message", note=hostile("interaction"))
    outreach.log(db, person, "email", clock.today("UTC") - timedelta(days=1), hostile("outreach"))
    past = interviews.schedule(db, person, clock.utcnow() - timedelta(hours=3), purpose=hostile("purpose"),
                               goals=hostile("goals"), place=hostile("place")[:190])
    interviews.set_research_notes(db, past, hostile("research"))
    interviews.complete(db, past, {"realities": hostile("realities"), "advice": hostile("advice"),
                                   "offers": hostile("offer"), "next_steps": hostile("next"),
                                   "referrals": interviews.parse_referrals(hostile("referral")[:150])})
    coming = interviews.schedule(db, person, clock.utcnow() + timedelta(hours=20), purpose=hostile("soon"))
    return {"person": person, "past": past, "coming": coming, "org": org}


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory: pytest.TempPathFactory):
    folder: Path = tmp_path_factory.mktemp("hostile")
    db = Database(folder / "rapport.duckdb")
    db.migrate()
    ids = seed(db)
    server = start_server(folder)
    yield server, ids
    server.stop()


def _paths(ids: dict[str, int]) -> list[str]:
    return ["today", "contacts", f"contact?id={ids['person']}", "interviews",
            f"interview?id={ids['past']}", f"interview?id={ids['coming']}", "followups",
            "insights", "dashboard", "organisations", "settings"]


@pytest.mark.parametrize("which", range(11))
def test_hostile_text_is_inert_on_every_page(hostile_server, page: Page, which: int) -> None:
    server, ids = hostile_server
    path = _paths(ids)[which]
    requested, dialogs = [], []
    page.on("request", lambda request: requested.append(request.url))
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_page(page, f"{server.url}/{path}")
    for tab in page.get_by_role("tab").all():  # every tab's content, as a person would click through
        tab.click()
        wait_for_app(page)
    open_every_expander(page)  # the Dashboard draws most charts only when their section opens
    expect(page.get_by_test_id("stException")).to_have_count(0)
    if path.startswith(("contact?", "interview?")):  # the hostile name is there, as plain text
        expect(page.get_by_role("heading", level=1)).to_contain_text("name ![i](http")
    assert not [u for u in requested if "/probe" in u], path
    assert dialogs == []
    assert page.locator("a[href^='javascript:'], a[href*='/probe'], img[src*='/probe'], iframe").count() == 0
