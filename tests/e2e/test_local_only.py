"""Local-first: a page asks nothing of any host but Rapport's own server (no fonts, no icons, no CDNs)."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page

from tests.e2e.helpers import open_page

PAGES = ["", "today", "contacts", "organisations", "interviews", "followups", "insights", "dashboard", "settings"]


@pytest.mark.parametrize("path", PAGES)
def test_a_page_makes_no_request_beyond_its_own_server(demo_server, page: Page, path: str) -> None:
    asked: list[str] = []
    own = urlsplit(demo_server.url).netloc
    page.on("request", lambda request: asked.append(request.url))
    open_page(page, f"{demo_server.url}/{path}")
    elsewhere = [url for url in asked if urlsplit(url).scheme in ("http", "https", "ws", "wss")
                 and urlsplit(url).netloc != own]
    assert elsewhere == [], f"/{path} asked other hosts: {elsewhere}"
