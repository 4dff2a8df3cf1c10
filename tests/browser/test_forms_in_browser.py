"""Forms in a real browser: the add form empties after an add, and an edit form refilled after a
save shows (and sends back) the row as saved, so a note typed by hand in the CSV survives.

AppTest cannot check this: it reads widget values from the server, while the browser keeps
showing, and on the next submit sends back, what it had unless the server sets a new value.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from playwright.sync_api import expect

from lib.io.store.local import LocalStore
from tests.hands import LocalHands


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def test_add_form_empties_and_asks_about_a_duplicate(live_app, app_server):
    live_app.open()
    live_app.open_page("Applications")
    page = live_app.page
    live_app.expand("Add an application")
    form = page.locator('[data-testid="stForm"]').filter(has=page.get_by_role("button", name="Add application"))
    form.get_by_label("Company *", exact=True).fill("Zed Widgets")
    form.get_by_label("Job Title *", exact=True).fill("Data Wrangler")
    form.get_by_role("button", name="Add application").click()
    live_app.wait_idle()
    expect(form.get_by_label("Company *", exact=True)).to_have_value("")
    form.get_by_role("button", name="Add application").click()
    live_app.wait_idle()
    expect(page.get_by_text("Company is required.")).to_be_visible()
    path = app_server.data_dir / "applications.csv"
    assert sum(r["Company"] == "Zed Widgets" for r in _rows(path)) == 1
    form.get_by_label("Company *", exact=True).fill("zed  widgets")
    form.get_by_label("Job Title *", exact=True).fill("Data-Wrangler")
    form.get_by_role("button", name="Add application").click()
    live_app.wait_idle()
    expect(page.get_by_text(re.compile("looks like an application you already have"))).to_be_visible()
    page.get_by_role("button", name="Add anyway").click()
    live_app.wait_idle()
    assert sum(r["Company"].lower().split() == ["zed", "widgets"] for r in _rows(path)) == 2
    live_app.assert_clean("adding")


def test_edit_twice_keeps_a_note_typed_by_hand(live_app, app_server):
    live_app.open()
    live_app.open_page("Applications")
    page = live_app.page
    picker = page.get_by_role("combobox", name="Open an application", exact=True)
    picker.click()
    picker.fill("Quill Publishing")
    page.get_by_role("option").filter(has_text=re.compile("^Quill Publishing – ")).first.click()
    live_app.wait_idle()
    hands = LocalHands(LocalStore(app_server.data_dir))
    app_id = next(r["ID"] for r in _rows(app_server.data_dir / "applications.csv") if r["Company"] == "Quill Publishing")
    hands.set_cell(hands.row_of(app_id), "Notes", "Typed by hand")
    page.get_by_role("button", name="Refresh").click()
    live_app.wait_idle()
    live_app.expand("Edit this application")
    form = page.locator('[data-testid="stForm"]').filter(has=page.get_by_role("button", name="Save changes"))
    form.get_by_label("Location", exact=True).fill("Leeds")
    form.get_by_role("button", name="Save changes").click()
    live_app.wait_idle()
    form.get_by_label("Location", exact=True).fill("York")
    form.get_by_role("button", name="Save changes").click()
    live_app.wait_idle()
    row = next(r for r in _rows(app_server.data_dir / "applications.csv") if r["ID"] == app_id)
    assert (row["Location"], row["Notes"]) == ("York", "Typed by hand")
    live_app.assert_clean("editing")
