"""The app in a real browser: it loads, every page renders, the demo data shows, adding works.

The tests share one app server whose data folder starts with the demo job search; they run
in file order, so the screenshots (taken before anything is added) show the demo data alone.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PAGE_TITLES = ["Today", "Applications", "Board", "Follow-up", "Pipeline", "Import", "Settings"]
DEMO_COMPANIES = ["Northwind Analytics", "Quill Publishing"]


def grid_cell(live_app, text: str):
    """The cell of the Applications table that reads exactly `text`."""
    table = live_app.page.locator('[data-testid="stDataFrame"]').first
    return table.locator('[role="gridcell"]').get_by_text(text, exact=True)


def test_page_opened_first_by_its_own_url_keeps_the_app_around_it(live_app):
    # Must be the server's first request. With a folder named pages/ beside app.py, Streamlit
    # would run the page file alone (no sign-in check, no sidebar) until app.py had run once;
    # the pages live in app_pages/ for that reason.
    live_app.open("applications")
    live_app.assert_no_exception()
    assert [title for title, _ in live_app.nav_pages()] == PAGE_TITLES


def test_app_loads_with_navigation_and_demo_notice(live_app):
    live_app.open()
    live_app.assert_no_exception()
    assert [title for title, _ in live_app.nav_pages()] == PAGE_TITLES
    expect(live_app.page.get_by_text("demo data")).to_be_visible()


def test_every_page_renders(live_app):
    live_app.open()
    for title in PAGE_TITLES:
        live_app.open_page(title)
        live_app.assert_no_exception()
        live_app.screenshot(title)


def test_applications_page_lists_the_demo_rows(live_app):
    live_app.open()
    live_app.open_page("Applications")
    page = live_app.page
    expect(page.get_by_role("heading", name="Applications", exact=True)).to_be_visible()
    expect(page.get_by_text(re.compile(r"^(\d+) of \1 applications\."))).to_be_visible()
    for company in DEMO_COMPANIES:
        expect(grid_cell(live_app, company)).to_have_count(1)


def test_added_application_appears(live_app, app_server):
    live_app.open()
    live_app.open_page("Applications")
    page = live_app.page
    page.get_by_text("Add an application", exact=True).click()
    form = page.locator('[data-testid="stForm"]')
    form.get_by_label("Company *", exact=True).fill("Acme Rockets")
    form.get_by_label("Job Title *", exact=True).fill("Flight Data Analyst")
    form.get_by_role("button", name="Add application").click()
    # The confirmation is a toast that fades after a few seconds: look for it straight away.
    expect(page.get_by_text("Added Acme Rockets – Flight Data Analyst")).to_be_visible()
    live_app.wait_idle()
    live_app.assert_no_exception()

    page.get_by_role("textbox", name="Search", exact=True).fill("Acme Rockets")
    page.keyboard.press("Enter")
    live_app.wait_idle()
    expect(page.get_by_text(re.compile(r"^1 of \d+ applications\."))).to_be_visible()
    expect(grid_cell(live_app, "Acme Rockets")).to_have_count(1)
    assert "Acme Rockets" in (app_server.data_dir / "applications.csv").read_text(encoding="utf-8")
