"""Messy and hostile sheets, on both backends: reading never fails, writes touch only their cells.

The corpus (tests/hostile_sheets.py) is typed into a local CSV folder and into a Google Sheet on
the API stand-in. For each sheet: `load()` does not raise and names every planted bad cell;
the pages render; and editing one field of one application changes only the cell(s) it
means to (compared over the whole grid before and after). Then formula injection: text that
looks like a formula stays text through both stores and through CSV downloads.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from lib.domain.schema import APPLICATIONS, TABS, match_headers
from lib.io.export import safe_csv
from lib.io.parse import split_duplicate
from lib.io.store.errors import StoreError
from lib.io.store.gsheets import GoogleSheetsStore
from lib.io.store.local import LocalStore
from tests.conftest import SheetsOnFake, no_exceptions
from tests.fakes.sheets_api import FakeSheetsAPI
from tests.hostile_sheets import BY_NAME, CASES, MISSING, Case

TODAY = date.today()  # the app under AppTest reads the clock, so the stores do too
A = APPLICATIONS.title
NEW_NOTE = "Edited by the app"
PAGES = ["app_pages/today.py", "app_pages/applications.py", "app_pages/follow_up.py", "app_pages/pipeline.py", "app_pages/settings.py"]
ALL_PAGES_FOR = ["dates in many shapes and locales", "numbers where text belongs", "formulas", "#REF! and other error values",
                 "blank and merged-looking rows", "emoji and right-to-left text", "missing Status", "empty sheet, no header at all"]


# --- building a case on a backend ------------------------------------------------------------


class Local:
    """The case as CSV files in a folder."""

    name = "local"

    def __init__(self, case: Case, folder: Path):
        folder.mkdir(parents=True, exist_ok=True)
        for tab in TABS:
            rows = case.tabs.get(tab.title)
            if rows is None:
                continue
            with open(folder / tab.file_name, "w", encoding="utf-8", newline="") as fh:
                csv.writer(fh).writerows([["" if c is None else str(c) for c in row] for row in rows])
        self.store = LocalStore(folder, today=lambda: TODAY)

    def grids(self) -> dict[str, list[list[Any]]]:
        out = {}
        for tab in TABS:
            path = self.store.path(tab)
            if path.exists():
                with open(path, encoding="utf-8-sig", newline="") as fh:
                    out[tab.title] = list(csv.reader(fh))
        return out


class Sheets:
    """The case typed into a Google Sheet on the stand-in (as a person types: dates become dates)."""

    name = "gsheets"

    def __init__(self, case: Case, fake: FakeSheetsAPI | None = None):
        self.fake = fake or FakeSheetsAPI(today=lambda: TODAY)
        present = {title: rows for title, rows in case.tabs.items() if rows is not None}
        self.sid = self.fake.create_spreadsheet("Hostile", tabs=present or {"Sheet1": []})
        self.store = GoogleSheetsStore(self.fake.client, self.sid, sleep=lambda s: None, today=lambda: TODAY)

    def grids(self) -> dict[str, list[list[Any]]]:
        return {title: self.fake.grid(self.sid, title) for title in self.fake.tabs(self.sid)}


def build(backend: str, case: Case, tmp_path: Path):
    return Local(case, tmp_path / "data") if backend == "local" else Sheets(case)


def sheet_for_app(case: Case, monkeypatch: pytest.MonkeyPatch) -> SheetsOnFake:
    """The case on the stand-in, reachable by the app through its real credentials path."""
    sheet = SheetsOnFake(monkeypatch)
    built = Sheets(case, sheet.fake)
    sheet.sid, sheet.store = built.sid, built.store
    sheet.secrets = {**sheet.secrets, "spreadsheet": built.sid}
    return sheet


# --- comparing grids -------------------------------------------------------------------------


def changed_cells(before: list[list[Any]], after: list[list[Any]]) -> set[tuple[int, int]]:
    """Return (row, column) of every cell that differs (0-based; a missing cell is blank)."""
    def cell(grid, r, c):
        return grid[r][c] if r < len(grid) and c < len(grid[r]) else ""

    rows = max(len(before), len(after))
    cols = max((len(r) for r in before + after), default=0)
    return {(r, c) for r in range(rows) for c in range(cols) if cell(before, r, c) != cell(after, r, c)}


def header_width(grid: list[list[Any]]) -> int:
    header = list(grid[0]) if grid else []
    while header and str(header[-1]).strip() == "":
        header.pop()
    return len(header)


def assert_only_the_edit_changed(before: dict, after: dict, app_id: str, field: str, value: Any) -> None:
    """The edit wrote `value` into `field` of `app_id`'s row, and nothing else moved.

    Allowed besides that cell: the row's ID cell when the row had none (typed by hand), and
    header cells the app appends for columns the tab lacked, which must go above empty columns.
    """
    assert set(after) == set(before)
    for title in before:
        if title != A:
            assert after[title] == before[title], f"{title} changed"
    old, new = before[A], after[A]
    match = match_headers(APPLICATIONS, list(new[0]))
    id_col, field_col = match.positions["ID"], match.positions[field]
    stored = split_duplicate(app_id)
    row = next(i for i, r in enumerate(new) if i and id_col < len(r) and str(r[id_col]) == stored)
    assert new[row][field_col] == value
    allowed = {(row, field_col)}
    if id_col >= len(old[row]) or str(old[row][id_col]).strip() == "":
        allowed.add((row, id_col))
    added = {(0, c) for c in range(header_width(old), len(new[0]))}
    changed = changed_cells(old, new)
    assert changed <= allowed | added, f"cells changed that the edit did not mean to: {sorted(changed - allowed - added)}"
    for _, c in changed & added:
        assert all(c >= len(r) or str(r[c]).strip() == "" for r in old[1:]), f"new header over data in column {c}"


# --- reading ---------------------------------------------------------------------------------


@pytest.mark.parametrize("backend", ["local", "gsheets"])
@pytest.mark.parametrize("name", list(BY_NAME))
def test_load_never_raises_and_names_the_bad_cells(backend, name, tmp_path):
    case = BY_NAME[name]
    data = build(backend, case, tmp_path).store.load(TODAY)
    wheres = {i.where for i in data.issues}
    for where in case.expected(backend):
        assert where in wheres, f"{where} not reported; reported: {sorted(wheres)}"
    assert data.applications["ID"].is_unique
    assert all(i.cell == "" or i.where.startswith(f"{i.tab}!{i.cell}") for i in data.issues)


def test_readable_dates_are_read_alike_on_both_backends(tmp_path):
    case = BY_NAME["dates in many shapes and locales"]
    local = Local(case, tmp_path / "data").store.load(TODAY).applications.set_index("ID")
    sheet = Sheets(case).store.load(TODAY).applications.set_index("ID")
    both = [i for i in local.index if pd.notna(local.at[i, "Applied On"]) and pd.notna(sheet.at[i, "Applied On"])]
    assert len(both) >= 8
    assert all(local.at[i, "Applied On"] == sheet.at[i, "Applied On"] for i in both)


@pytest.mark.parametrize("backend", ["local", "gsheets"])
def test_duplicated_header_reads_the_first_column(backend, tmp_path):
    data = build(backend, BY_NAME["duplicated headers"], tmp_path).store.load(TODAY)
    assert data.application("A-target")["Company"] == "Target Co"
    assert data.application("A-target")["Notes"] == "first note"


@pytest.mark.parametrize("backend", ["local", "gsheets"])
def test_unicode_and_long_text_are_read_as_typed(backend, tmp_path):
    unicode = build(backend, BY_NAME["emoji and right-to-left text"], tmp_path / "u").store.load(TODAY).application("A-target")
    assert (unicode["Company"], unicode["Job Title"], unicode["Notes"]) == (
        "🚀 Rocket Labs 👩‍💻", "מהנדס נתונים", "ملاحظة: اتصل يوم الأحد")
    long = build(backend, BY_NAME["5,000-character cells"], tmp_path / "l").store.load(TODAY).application("A-target")
    assert len(long["Notes"]) == 5000


# --- writing ---------------------------------------------------------------------------------


def _edit_params():
    for case in CASES:
        if not case.edit:
            continue
        for backend in ("local", "gsheets"):
            yield pytest.param(backend, case.name, id=f"{case.name}-{backend}")


@pytest.mark.parametrize("backend, name", list(_edit_params()))
def test_an_edit_touches_only_its_cells(backend, name, tmp_path):
    built = build(backend, BY_NAME[name], tmp_path)
    data = built.store.load(TODAY)
    target = data.applications[data.applications["_row"] == 2].iloc[0].to_dict()
    before = built.grids()
    built.store.update_application(target["ID"], {"Notes": NEW_NOTE}, target)
    assert_only_the_edit_changed(before, built.grids(), target["ID"], "Notes", NEW_NOTE)
    assert built.store.load(TODAY).application(target["ID"])["Notes"] == NEW_NOTE


@pytest.mark.parametrize("backend", ["local", "gsheets"])
@pytest.mark.parametrize("name", ["empty sheet, no header at all", "every tab empty"])
def test_adding_to_an_empty_sheet_writes_a_header_and_one_row(backend, name, tmp_path):
    built = build(backend, BY_NAME[name], tmp_path)
    app_id = built.store.add_application({"Company": "First Co", "Job Title": "Analyst", "Notes": "=1+1"})
    rows = built.grids()[A]
    assert rows[0] == APPLICATIONS.headers
    assert len(rows) == 2 and rows[1][0] == app_id
    assert built.store.load(TODAY).application(app_id)["Notes"] == "=1+1"


def test_writing_to_a_missing_tab_says_what_to_do(tmp_path):
    built = Sheets(BY_NAME["Applications tab missing"])
    with pytest.raises(StoreError, match="Set up this spreadsheet"):
        built.store.add_application({"Company": "First Co", "Job Title": "Analyst"})


# --- the app on hostile sheets ---------------------------------------------------------------


def _page_params():
    # The "missing <column>" sheets read the same on both backends; their pages run on the local one.
    for case in CASES:
        for backend in ("local",) if case in MISSING and case.name not in ALL_PAGES_FOR else ("local", "gsheets"):
            if case.name in ALL_PAGES_FOR:
                yield pytest.param(backend, case.name, PAGES, id=f"{case.name}-{backend}-all pages")
            else:
                yield pytest.param(backend, case.name, ["app_pages/applications.py"], id=f"{case.name}-{backend}-applications")


@pytest.mark.parametrize("backend, name, pages", list(_page_params()))
def test_pages_render(backend, name, pages, app_on, monkeypatch, tmp_path):
    case = BY_NAME[name]
    source = Local(case, tmp_path / "data").store if backend == "local" else sheet_for_app(case, monkeypatch)
    at = app_on(source, pages[0] if pages[0] != "app_pages/today.py" else None)
    for page in pages:
        if page != pages[0]:
            at.switch_page(page).run()
        assert not at.exception, f"{page}: {[e.value for e in at.exception]}"
        assert at.title, f"{page} showed no title"
    no_exceptions(at)


# --- formula injection -----------------------------------------------------------------------

DANGEROUS = ["=1+1", '=HYPERLINK("http://evil.example","click")', "+44 20 7946 0958", "-2+3", "@SUM(A1:A2)",
             "\t=1+1", "\r=1+1", "-", "+", "@", "=", " =1+1"]
TEXT_FIELDS = ["Company", "Job Title", "Location", "Source", "Interviewer", "Interviewer Phone", "Topics Discussed",
               "Concerns Raised", "Outcome"]  # Notes is what the round trip then edits


@pytest.mark.parametrize("backend", ["local", "gsheets"])
def test_formula_like_text_survives_a_round_trip_as_text(backend, tmp_path):
    built = build(backend, BY_NAME["missing Location"], tmp_path)
    ids = []
    for n, text in enumerate(DANGEROUS):
        field = TEXT_FIELDS[n % len(TEXT_FIELDS)]
        ids.append((built.store.add_application({"Company": "Acme", "Job Title": "Analyst", field: text}), field, text))
    data = built.store.load(TODAY)
    for app_id, field, text in ids:
        assert data.application(app_id)[field] == text
        built.store.update_application(app_id, {"Notes": text + " (again)"}, data.application(app_id))
    data = built.store.load(TODAY)
    assert all(data.application(app_id)["Notes"] == text + " (again)" for app_id, _, text in ids)
    if backend == "gsheets":
        computed = [cell for row in built.fake.values(built.sid, A) for cell in row]
        for _, _, text in ids:
            assert text in computed and text + " (again)" in computed  # stored as text: nothing was computed


def neutral(cell: str) -> bool:
    return not cell.startswith(("=", "+", "-", "@", "\t", "\r"))


def csv_cells(payload: bytes) -> list[str]:
    rows = list(csv.reader(io.StringIO(payload.decode("utf-8-sig"), newline="")))
    return [cell for row in rows for cell in row]


def download_cells(backend: str, tmp_path: Path, texts: list[str]) -> list[str]:
    """Return every cell of the CSV downloads of a sheet holding `texts`, as a spreadsheet program reads them."""
    built = build(backend, BY_NAME["formulas"], tmp_path)
    for n, text in enumerate(texts):
        built.store.add_application({"Company": text, "Job Title": text, TEXT_FIELDS[n % len(TEXT_FIELDS)]: text})
    app = built.store.load(TODAY).application("A-target")
    built.store.log_followup("A-target", {"Date": pd.Timestamp("2026-11-01 09:00"), "Subject": "=1+1", "Message": "@cmd",
                                          "Company": "-1", "Direction": "Sent", "Kind": "Follow-up"}, {}, app)
    data = built.store.load(TODAY)
    issues = pd.DataFrame([{"Where": i.where, "What": i.message, "Value": i.value} for i in data.issues])
    return [cell for frame in (data.applications, data.followups, issues) for cell in csv_cells(safe_csv(frame))]


@pytest.mark.parametrize("backend", ["local", "gsheets"])
def test_csv_downloads_cannot_run_formulas(backend, tmp_path):
    cells = download_cells(backend, tmp_path, [t for t in DANGEROUS if "\r" not in t])
    assert all(neutral(c) for c in cells), [c for c in cells if not neutral(c)]


# A bare carriage return must not split a row: the text after it would become a cell of its own.
def test_csv_downloads_with_a_carriage_return_stay_whole(tmp_path):
    cells = download_cells("local", tmp_path, ["\r=1+1", "line one\rline two"])
    assert "'\r=1+1" in cells and "line one\rline two" in cells
    assert all(neutral(c) for c in cells), [c for c in cells if not neutral(c)]


# A person's own column can have a header that starts with "=": the download's header row is neutral too.
def test_csv_download_of_a_sheet_with_a_formula_header_is_safe(tmp_path):
    case = BY_NAME["reordered headers"]
    rows = [list(r) for r in case.tabs[A]]
    rows[0].append('=HYPERLINK("http://evil.example","x")')
    built = Local(Case("formula header", {**case.tabs, A: rows}), tmp_path / "data")
    cells = csv_cells(safe_csv(built.store.load(TODAY).applications))
    assert all(neutral(c) for c in cells), [c for c in cells if not neutral(c)]
