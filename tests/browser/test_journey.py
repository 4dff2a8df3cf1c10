"""A new user's first visit, in a real browser, on a server and data folder of its own.

The steps build on each other, so they run in one test: land on Today, write a due message,
log it, see Today move on, find it in the application's history, add an application, look at
the Pipeline, switch to the dark theme and back. Every step fails on an exception box or a
browser error and leaves a screenshot (journey-*.png) in the browser tests' work folder
(conftest.WORK_SHOTS).
"""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

VISIBLE_MS = 10_000  # how long an element the app is drawing may take to appear
HEADLINE = ["Due today", "Overdue", "Waiting", "Active applications", "Response rate so far"]
# The "Write the …" / "Prepare the call" button of a row in the Overdue or Due today group
# (Streamlit gives each keyed element the class st-key-<key>, dots turned into dashes).
DUE_WRITE_BUTTON = '[class*="st-key-today-overdue-"][class*="-write"], [class*="st-key-today-due-"][class*="-write"]'
# What a missing value looks like when it leaks into text from pandas or Python.
LEAKED_MISSING = re.compile(r"\b(None|nan|NaN|NaT|<NA>)\b")
NEW_COMPANY = "Lanternfish Studio"
NEW_TITLE = "Junior Data Analyst"


def data_table(page, column: str):
    """The table (st.dataframe) that has a column headed `column`.

    The table draws on a canvas; the cells are also in a hidden HTML table for screen readers,
    which is what is searched here.
    """
    return page.locator('[data-testid="stDataFrame"]').filter(has=page.locator("th", has_text=re.compile(f"^{re.escape(column)}$")))


def csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def day_texts(days: list[date]) -> list[str]:
    """How a day may read in a table cell: ISO (the table's text for screen readers) or as shown."""
    return [t for d in days for t in (d.isoformat(), f"{d.day} {d:%b} {d.year}")]


def due_rows_of(page, app_id: str):
    """The Overdue / Due today rows' elements that belong to application `app_id`."""
    return page.locator(f'[class*="st-key-today-overdue-{app_id}-"], [class*="st-key-today-due-{app_id}-"]')


MAIN_MENU = '[data-testid="stMainMenuButton"]'
MENU_POPOVER = '[data-testid="stMainMenuPopover"]'


def background(page) -> str:
    """The app's background colour as the browser computes it, e.g. "rgb(255, 255, 255)"."""
    return page.locator('[data-testid="stApp"]').evaluate("e => getComputedStyle(e).backgroundColor")


def is_dark(rgb: str) -> bool:
    r, g, b = (int(n) for n in re.findall(r"\d+", rgb)[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b < 128


def choose_theme(page, label: str) -> None:
    """Pick System, Light or Dark in Streamlit's main menu; the menu stays open after a pick."""
    if not page.locator(MENU_POPOVER).is_visible():
        page.locator(MAIN_MENU).click()
    page.locator(f'{MENU_POPOVER} [data-testid="stMainMenuItem-theme-{label}"]').click()
    page.keyboard.press("Escape")
    expect(page.locator(MENU_POPOVER)).to_be_hidden()


def test_new_user_journey(journey_app, journey_server):
    app, page = journey_app, journey_app.page
    data_dir = journey_server.data_dir

    # 1. The app opens on Today, with the headline counts.
    app.open()
    expect(page.get_by_role("heading", name="Today", exact=True)).to_be_visible()
    metrics = page.locator('[data-testid="stMetric"]')
    for label in HEADLINE:
        metric = metrics.filter(has=page.get_by_text(label, exact=True))
        expect(metric.locator('[data-testid="stMetricValue"]')).to_have_text(re.compile(r"^(\d+|\d+%|—)$"))
    app.assert_clean("Today on arrival")
    app.screenshot("journey-today")

    # 2. The first due action's button opens the Follow-up page for that application and scenario.
    write = page.locator(DUE_WRITE_BUTTON).first
    expect(write, "the demo data should have something overdue or due today").to_be_visible(timeout=VISIBLE_MS)
    write_key = re.search(r"st-key-(today-(?:overdue|due)-\S+-write)", write.get_attribute("class") or "")
    assert write_key, write.get_attribute("class")
    row = page.locator('[data-testid="stVerticalBlock"]').filter(has=page.locator(f".st-key-{write_key[1]}")).last
    company = row.locator("strong").first.inner_text().strip()
    write.get_by_role("button").click()
    expect(page).to_have_url(re.compile(r"/follow_up\?"))
    app.wait_idle()
    query = parse_qs(urlparse(page.url).query)
    app_id, scenario = query["app"][0], query["scenario"][0]
    record = next(r for r in csv_rows(data_dir / "applications.csv") if r["ID"] == app_id)
    assert record["Company"] == company, (record["Company"], company)
    assert scenario
    expect(page.get_by_role("heading", name="Follow-up", exact=True)).to_be_visible()
    expect(page.get_by_role("combobox", name="Application", exact=True)).to_have_value(re.compile("^" + re.escape(company)))
    body_box = page.get_by_label(re.compile(r"^(Message|Call script)$"))
    expect(body_box).to_be_visible()
    subject_box = page.get_by_label("Subject", exact=True)
    subject = subject_box.input_value() if subject_box.count() else ""
    body = body_box.input_value()
    text = f"{subject}\n{body}"
    interviewer = record["Interviewer"].split()[-1] if record["Interviewer"].strip() else ""
    assert company in text or (interviewer and interviewer in text), f"no {company!r} nor {interviewer!r} in:\n{text}"
    assert not LEAKED_MISSING.search(text), f"a missing value shows in the message:\n{text}"
    app.assert_clean("Follow-up page opened from Today")
    app.screenshot("journey-follow-up")

    # 3. Logging it as sent: the page says what was logged and what comes next (once: no toast
    # beside it) instead of drafting the next message as if it were due.
    chosen_medium = page.get_by_role("radiogroup", name="Medium").get_by_role("radio", checked=True).inner_text().strip()
    days = [date.today()]
    page.get_by_role("button", name=re.compile(r"^(Log as sent|Log the call)$")).click()
    app.wait_idle()
    days.append(date.today())
    expect(page.get_by_text(re.compile(r"^Logged:\u2060? .+ on \w{3} \d{1,2} \w{3}")).first).to_be_visible(timeout=VISIBLE_MS)
    expect(page.locator('[data-testid="stToast"]')).to_have_count(0)
    expect(page.get_by_text(re.compile(r"^(Next:\u2060? |Nothing more to send)")).first).to_be_visible()
    expect(page.get_by_label(re.compile(r"^(Message|Call script)$"))).to_have_count(0)
    app.assert_clean("after logging the message")
    logged = [r for r in csv_rows(data_dir / "followups.csv") if r["Application ID"] == app_id and r["Direction"] == "Sent"]
    assert any(r["Date"][:10] in {d.isoformat() for d in days} for r in logged), logged

    # 4. Back on Today, the application is no longer overdue or due today.
    app.open_page("Today")
    expect(page.get_by_role("heading", name="Today", exact=True)).to_be_visible()
    expect(due_rows_of(page, app_id)).to_have_count(0)
    app.assert_clean("Today after logging")
    app.screenshot("journey-today-after")

    # 5. In Applications, the application's history shows what was just sent.
    app.open_page("Applications")
    picker = page.get_by_role("combobox", name="Open an application", exact=True)
    picker.click()
    picker.fill(company)
    page.get_by_role("option").filter(has_text=re.compile("^" + re.escape(company) + " – ")).first.click()
    app.wait_idle()
    expect(page.get_by_role("heading", name=re.compile("^" + re.escape(company) + " – "))).to_be_visible()
    history = data_table(page, "Direction")
    entry = history.locator('[role="row"]').filter(has_text=re.compile("|".join(map(re.escape, day_texts(days)))))
    entry = entry.filter(has_text="Sent").filter(has_text=chosen_medium)
    if subject:
        entry = entry.filter(has_text=subject)
    expect(entry).to_have_count(1, timeout=VISIBLE_MS)
    app.assert_clean("the application's history")
    app.screenshot("journey-application")

    # 6. A new application added through the form shows in the table.
    app.expand("Add an application")
    form = page.locator('[data-testid="stForm"]').filter(has=page.get_by_role("button", name="Add application"))
    form.get_by_label("Company *", exact=True).fill(NEW_COMPANY)
    form.get_by_label("Job Title *", exact=True).fill(NEW_TITLE)
    form.get_by_role("button", name="Add application").click()
    expect(page.locator('[data-testid="stToast"]').filter(has_text=f"Added {NEW_COMPANY} – {NEW_TITLE}")).to_be_visible(timeout=VISIBLE_MS)
    app.wait_idle()
    page.get_by_role("textbox", name="Search", exact=True).fill(NEW_COMPANY)
    page.keyboard.press("Enter")
    app.wait_idle()
    expect(page.get_by_text(re.compile(r"^1 of \d+ applications\."))).to_be_visible()
    table = data_table(page, "Job Title")
    expect(table.locator('[role="gridcell"]').get_by_text(NEW_COMPANY, exact=True)).to_have_count(1)
    assert any(r["Company"] == NEW_COMPANY for r in csv_rows(data_dir / "applications.csv"))
    app.assert_clean("after adding an application")
    app.screenshot("journey-added")

    # 7. The Pipeline draws its charts.
    app.open_page("Pipeline")
    expect(page.get_by_role("heading", name="Pipeline", exact=True)).to_be_visible()
    charts = page.locator('[data-testid="stPlotlyChart"]')
    expect(charts.first).to_be_visible(timeout=VISIBLE_MS)
    expect(charts.locator(".js-plotly-plot .main-svg").first).to_be_visible(timeout=VISIBLE_MS)
    expect(charts.locator(".js-plotly-plot")).to_have_count(charts.count(), timeout=VISIBLE_MS)
    app.assert_clean("Pipeline")
    app.screenshot("journey-pipeline")

    # 8. The theme switches to Dark in Streamlit's main menu, and back.
    shell = page.locator('[data-testid="stApp"]')
    light = background(page)
    assert not is_dark(light), f"the app opened with a dark background ({light})"
    expect(page.locator(MAIN_MENU), "Streamlit's main menu (top right)").to_be_visible()
    page.locator(MAIN_MENU).click()
    themes = page.locator(f'{MENU_POPOVER} [data-testid^="stMainMenuItem-theme-"]')
    expect(themes.filter(has_text="Dark"), "the menu's Dark theme").to_be_visible()
    first_choice = themes.and_(page.locator('[aria-checked="true"]')).get_attribute("data-testid").removeprefix("stMainMenuItem-theme-")
    choose_theme(page, "Dark")
    expect(shell).not_to_have_css("background-color", light)
    dark = background(page)
    assert is_dark(dark), f"the Dark theme's background is {dark}"
    app.assert_clean("in the Dark theme")
    app.screenshot("journey-pipeline-dark")
    choose_theme(page, first_choice)
    expect(shell).to_have_css("background-color", light)
    app.assert_clean(f"back in the {first_choice} theme")
