"""Google Sheets misbehaving in the middle of a write: quota, server errors, timeouts, revoked keys.

Every kind of write (add, update, log a follow-up, delete, save settings) is run against the
API stand-in with a fault injected into it. Each either succeeds exactly once or fails with a
clear message, and the sheet never holds a half-written or duplicated row. Then the app: when
the sheet goes away after a good read, pages show the last good data, read-only.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from lib.domain.schema import APPLICATIONS, FOLLOWUPS, SETTINGS, TABS
from lib.io.config import DEMO_ENV
from lib.io.demo import generate
from lib.io.store.errors import StoreError
from lib.io.store.gsheets import GoogleSheetsStore, RetryPolicy
from tests.conftest import APP_TIMEOUT_SECONDS, ROOT, no_exceptions
from tests.fakes.sheets_api import FakeSheetsAPI

TODAY = date(2026, 11, 22)
ATTEMPTS = 4
A, F, S = APPLICATIONS.title, FOLLOWUPS.title, SETTINGS.title

Grids = dict[str, list[list[Any]]]


class Sheet:
    """A small job search on the stand-in, and the store the test writes through."""

    def __init__(self):
        self.fake = FakeSheetsAPI()
        self.sid = self.fake.create_spreadsheet(tabs={t.title: [t.headers] for t in TABS})
        self.sleeps: list[float] = []
        self.store = GoogleSheetsStore(self.fake.client, self.sid, sleep=self.sleeps.append,
                                       retry=RetryPolicy(attempts=ATTEMPTS, first_delay_seconds=0.001), today=lambda: TODAY)
        apps, history = generate(8, TODAY, seed=3)
        self.store.replace_all(apps, history, {"profile.name": "Sam", "rules.thank_you_hours": "24"})
        data = self.store.load(TODAY)
        counts = Counter(data.followups["Application ID"])
        # The application with the most history: logging and deleting touch both tabs.
        self.app_id = counts.most_common(1)[0][0]
        self.app = data.application(self.app_id)

    def grids(self) -> Grids:
        return {t.title: [list(r) for r in self.fake.grid(self.sid, t.title)] for t in TABS}

    def column(self, tab: str, header: str) -> int:
        return self.fake.grid(self.sid, tab)[0].index(header)


def ids(grid: list[list[Any]]) -> list[Any]:
    col = grid[0].index("ID")
    return [r[col] for r in grid[1:] if col < len(r) and r[col] != ""]


def padded(row: list[Any], width: int) -> list[Any]:
    return list(row) + [""] * (width - len(row))


def only_row_changed(before: list[list[Any]], after: list[list[Any]], row_id: str, cells: dict[str, Any]) -> None:
    """Assert `after` is `before` with only `cells` of the row `row_id` changed, to these values."""
    assert len(after) == len(before) and after[0] == before[0]
    width = max(len(r) for r in before + after)
    id_col = before[0].index("ID")
    for old, new in zip(before, after):
        old, new = padded(old, width), padded(new, width)
        if old[id_col] != row_id:
            assert new == old
            continue
        for header, value in cells.items():
            col = before[0].index(header)
            assert new[col] == value, header
            old[col] = new[col]
        assert new == old  # nothing else in the row moved


# --- the five kinds of write: (run it, check the sheet after it worked) -----------------------

NOTE = "Rang the recruiter; =not a formula"


def add(sheet: Sheet) -> str:
    return sheet.store.add_application({"Company": "Fault Line Ltd", "Job Title": "Analyst", "Notes": NOTE})


def added(sheet: Sheet, before: Grids, after: Grids, new_id: str | None) -> None:
    assert after[F] == before[F] and after[S] == before[S]
    assert after[A][: len(before[A])] == before[A]
    (row,) = after[A][len(before[A]):]  # exactly one new row
    header = after[A][0]
    assert row[header.index("Company")] == "Fault Line Ltd" and row[header.index("Notes")] == NOTE
    assert new_id in (None, row[header.index("ID")])


def update(sheet: Sheet) -> None:
    sheet.store.update_application(sheet.app_id, {"Notes": NOTE, "Status": "Offer"}, sheet.app)


def updated(sheet: Sheet, before: Grids, after: Grids, _: Any) -> None:
    assert after[F] == before[F] and after[S] == before[S]
    only_row_changed(before[A], after[A], sheet.app_id, {"Notes": NOTE, "Status": "Offer"})


def log(sheet: Sheet) -> str:
    entry = {"Date": datetime(2026, 11, 21, 9, 30), "Direction": "Sent", "Medium": "Email", "Kind": "Follow-up", "Subject": NOTE}
    return sheet.store.log_followup(sheet.app_id, entry, {"Follow-Ups Sent": 7, "Follow-Up Medium": "Email"}, sheet.app)


def logged(sheet: Sheet, before: Grids, after: Grids, new_id: str | None) -> None:
    assert after[S] == before[S]
    only_row_changed(before[A], after[A], sheet.app_id, {"Follow-Ups Sent": 7, "Follow-Up Medium": "Email"})
    assert after[F][: len(before[F])] == before[F]
    (row,) = after[F][len(before[F]):]
    header = after[F][0]
    assert row[header.index("Application ID")] == sheet.app_id and row[header.index("Subject")] == NOTE
    assert new_id in (None, row[header.index("ID")])


def delete(sheet: Sheet) -> None:
    sheet.store.delete_application(sheet.app_id)


def deleted(sheet: Sheet, before: Grids, after: Grids, _: Any) -> None:
    assert after[S] == before[S]
    id_col = before[A][0].index("ID")
    assert after[A] == [r for r in before[A] if r[id_col] != sheet.app_id]
    app_col = before[F][0].index("Application ID")
    assert after[F] == [r for r in before[F] if r[app_col] != sheet.app_id]


def save_settings(sheet: Sheet) -> None:
    sheet.store.save_settings({"profile.name": "Sam Ortiz", "rules.final_after_days": "10"})


def saved(sheet: Sheet, before: Grids, after: Grids, _: Any) -> None:
    assert after[A] == before[A] and after[F] == before[F]
    expected = [r if r[0] != "profile.name" else ["profile.name", "Sam Ortiz"] for r in before[S]]
    assert after[S] == expected + [["rules.final_after_days", "10"]]


WRITES: dict[str, tuple[Callable[[Sheet], Any], Callable[[Sheet, Grids, Grids, Any], None]]] = {
    "add": (add, added),
    "update": (update, updated),
    "log follow-up": (log, logged),
    "delete": (delete, deleted),
    "save settings": (save_settings, saved),
}

# --- the faults: (how to inject, what must happen) --------------------------------------------
# "ok": the write succeeds; a phrase: it fails with a StoreError saying that; "either": the
# answer may be lost for good, so success or a clear failure, but the sheet is whole either way.

WRITE = ":batchUpdate"
READ = "values:batchGet"


def revoke_before_write(fake: FakeSheetsAPI) -> None:
    fake.before_request(lambda api, rec: api.revoke_credentials(), method="POST")


FAULTS: dict[str, tuple[Callable[[FakeSheetsAPI], None], str]] = {
    "429 burst on the read": (lambda f: f.fail_next(ATTEMPTS - 1, 429, path_contains=READ), "ok"),
    "429 burst on the write": (lambda f: f.fail_next(ATTEMPTS - 1, 429, path_contains=WRITE), "ok"),
    "429 that never ends": (lambda f: f.fail_next(100, 429), "quota is used up"),
    "5xx burst on the read": (lambda f: f.fail_next(ATTEMPTS - 1, 503, path_contains=READ), "ok"),
    "5xx burst on the write": (lambda f: f.fail_next(ATTEMPTS - 1, 500, path_contains=WRITE), "ok"),
    "5xx storm on the read": (lambda f: f.fail_next(100, 503, path_contains=READ), "server error"),
    "5xx storm on the write": (lambda f: f.fail_next(100, 502, path_contains=WRITE), "server error"),
    "timeouts before serving the read": (lambda f: f.fail_next(ATTEMPTS - 1, timeout=True, path_contains=READ), "ok"),
    "timeouts before serving the write": (lambda f: f.fail_next(ATTEMPTS - 1, timeout=True, path_contains=WRITE), "ok"),
    "timeout after serving the write": (
        lambda f: f.fail_next(1, timeout=True, after_serving=True, path_contains=WRITE), "ok"),
    "5xx after serving the write": (lambda f: f.fail_next(1, 500, after_serving=True, path_contains=WRITE), "ok"),
    "timeouts that never end": (lambda f: f.fail_next(100, timeout=True), "did not answer"),
    "answers lost for good": (lambda f: f.fail_next(100, 503, after_serving=True, path_contains=WRITE), "either"),
    "credentials revoked mid-write": (revoke_before_write, "did not accept"),
    "credentials revoked before": (lambda f: f.revoke_credentials(), "did not accept"),
}


@pytest.mark.parametrize("fault", FAULTS)
@pytest.mark.parametrize("write", WRITES)
def test_write_under_fault_is_whole_and_once(write, fault):
    sheet = Sheet()
    run, check = WRITES[write]
    inject, expect = FAULTS[fault]
    before = sheet.grids()
    inject(sheet.fake)
    try:
        result, error = run(sheet), None
    except StoreError as exc:
        result, error = None, exc
    after = sheet.grids()
    for title in (A, F):
        assert len(ids(after[title])) == len(set(ids(after[title]))), f"duplicated ID in {title}"
    assert len(sheet.sleeps) <= ATTEMPTS * ATTEMPTS  # retries are bounded
    if expect == "ok":
        assert error is None, str(error)
        check(sheet, before, after, result)
    elif expect == "either":
        if error is None or after != before:
            check(sheet, before, after, result)
    else:
        assert error is not None, "the write should have failed"
        assert expect in str(error)
        assert after == before  # nothing was written


@pytest.mark.parametrize("write", list(WRITES))
def test_a_write_that_landed_is_reported_done_even_if_every_answer_is_lost(write):
    sheet = Sheet()
    run, check = WRITES[write]
    before = sheet.grids()
    sheet.fake.fail_next(100, 503, after_serving=True, path_contains=WRITE)
    result = run(sheet)
    check(sheet, before, sheet.grids(), result)


def test_settings_key_written_once_when_the_answer_is_lost():
    sheet = Sheet()
    sheet.fake.fail_next(1, 503, after_serving=True, path_contains=WRITE)
    sheet.store.save_settings({"new.key": "1"})
    keys = [r[0] for r in sheet.grids()[S][1:]]
    assert keys.count("new.key") == 1


# --- the app when the sheet goes away after a good read ---------------------------------------

PAGE = "app_pages/applications.py"
# The app's own retry timing, from the secrets as a person would set it: no waiting between
# tries, and a failed read remembered for longer than any test runs (no test races a clock).
APP_RETRY = {"attempts": ATTEMPTS, "first_delay_seconds": 0, "failed_read_memory_seconds": 10**9}


@pytest.fixture
def app_with_retry(monkeypatch):
    """Return a function that starts the whole app on a sheet with APP_RETRY in its secrets, at a page."""

    def build(sheet, page: str) -> AppTest:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=APP_TIMEOUT_SECONDS)
        at.secrets["connections"] = {"gsheets": sheet.secrets}
        at.secrets["retry"] = APP_RETRY
        monkeypatch.setenv(DEMO_ENV, "0")
        at.run()
        at.switch_page(page).run()
        return at

    yield build
    st.cache_data.clear()
    st.cache_resource.clear()


def storm(sheet) -> None:
    """Google answers 5xx to everything."""
    sheet.fake.fail_next(100_000, 503)


def test_server_storm_after_a_good_read_shows_last_data_read_only(app_with_retry, sheets_demo):
    at = app_with_retry(sheets_demo, PAGE)
    assert len(at.dataframe(key="applications.table").value) == 30
    storm(sheets_demo)
    at.button(key="sidebar.refresh").click().run()
    no_exceptions(at)
    assert len(at.dataframe(key="applications.table").value) == 30
    assert any("Showing the last data read" in w.value and "server error" in w.value for w in at.sidebar.warning)


def test_during_an_outage_a_page_view_asks_google_once_and_then_not_until_refresh(app_with_retry, sheets_demo):
    at = app_with_retry(sheets_demo, PAGE)
    storm(sheets_demo)
    sheets_demo.fake.reset_counters()
    at.button(key="sidebar.refresh").click().run()
    assert sheets_demo.fake.request_count == ATTEMPTS  # the sidebar's read failed; the page's read shares it
    for page in (PAGE, "app_pages/pipeline.py", PAGE):
        at.switch_page(page).run()
        no_exceptions(at)
    assert sheets_demo.fake.request_count == ATTEMPTS  # every later view shows the last data at once
    warning = next(w.value for w in at.sidebar.warning if "Showing the last data read" in w.value)
    assert "press Refresh to try now" in warning
    at.button(key="sidebar.refresh").click().run()
    assert sheets_demo.fake.request_count == 2 * ATTEMPTS  # Refresh asks again now
    no_exceptions(at)


def test_edit_while_read_only_is_refused_clearly(app_with_retry, sheets_demo):
    at = app_with_retry(sheets_demo, PAGE)
    app_id = sheets_demo.store.load(date.today()).applications.set_index("Company").loc["Quill Publishing", "ID"]
    before = sheets_demo.fake.grid(sheets_demo.sid, A)
    storm(sheets_demo)
    at.button(key="sidebar.refresh").click().run()
    at.selectbox(key="applications.open").set_value(app_id).run()
    at.text_area(key=f"applications.edit.{app_id}.Notes").input("Offline edit")
    at.button(key=f"FormSubmitter:applications.edit.{app_id}-Save changes").click().run()
    no_exceptions(at)
    assert any("Not saved" in e.value and "read-only" in e.value for e in at.error)
    assert sheets_demo.fake.grid(sheets_demo.sid, A) == before
