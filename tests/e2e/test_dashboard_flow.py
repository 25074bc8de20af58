"""The dashboard in the browser: filter it and watch the charts change."""

from pathlib import Path

from playwright.sync_api import Page, expect

from lib import contacts, metrics
from lib.db import Database
from tests.e2e.helpers import expect_title, open_every_expander, open_page, wait_for_app
from tests.e2e.servers import AppServer


def test_filtering_the_dashboard_by_industry_changes_the_charts(demo_server: AppServer, page: Page,
                                                                 screenshot_dir: Path) -> None:
    open_page(page, f"{demo_server.url}/dashboard")
    expect_title(page, "Dashboard")
    charts = page.get_by_test_id("stPlotlyChart")
    expect(charts).to_have_count(2)  # the first screen: network growth and introductions
    expect(page.get_by_text("Network growth").first).to_be_visible()
    kpi = page.get_by_test_id("stMetricValue").first
    expect(kpi).to_have_text("80")
    page.screenshot(path=str(screenshot_dir / "dashboard.png"), full_page=False)

    before = page.get_by_test_id("stPlotlyChart").first.inner_text()
    page.get_by_label("Industry", exact=True).click()
    page.get_by_role("option", name="Fintech").click()
    wait_for_app(page)
    fintech = metrics.contacts_total(Database(demo_server.db_path), metrics.Filters(industry="Fintech"))
    expect(kpi).to_have_text(str(fintech))
    expect(page.get_by_test_id("stPlotlyChart").first).not_to_have_text(before)
    assert fintech < contacts.count(Database(demo_server.db_path))


def test_every_section_draws_its_charts_when_opened(demo_server: AppServer, page: Page) -> None:
    open_page(page, f"{demo_server.url}/dashboard")
    charts = page.get_by_test_id("stPlotlyChart")
    expect(charts).to_have_count(2)
    open_every_expander(page)
    expect(charts).to_have_count(11)
