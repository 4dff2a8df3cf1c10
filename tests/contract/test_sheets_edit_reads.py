"""An edit of one row on Google Sheets reads what it needs, not the whole tab.

The fresh read before a write asks for the header row, the ID column, the changed columns and
the row where the person last saw the application; the whole tab only when that cannot be
trusted. Whatever was read, the write lands on the right row and refuses what it always refused.
"""

from __future__ import annotations

from datetime import date

import pytest

from lib.domain.schema import APPLICATIONS, TABS, column_letter
from lib.io.demo import generate
from lib.io.store.errors import ConflictError, DuplicateIdError, RowGoneError
from lib.io.store.gsheets import GoogleSheetsStore, RetryPolicy
from tests.fakes.sheets_api import FakeSheetsAPI

TODAY = date(2026, 11, 22)
A = APPLICATIONS.title
CHANGES = {"Notes": "Called the recruiter", "Status": "Interviewing"}


class Sheet:
    def __init__(self, count: int = 300):
        self.fake = FakeSheetsAPI()
        self.sid = self.fake.create_spreadsheet(tabs={t.title: [t.headers] for t in TABS})
        self.store = GoogleSheetsStore(self.fake.client, self.sid, retry=RetryPolicy(attempts=3), sleep=lambda s: None,
                                       today=lambda: TODAY)
        apps, history = generate(count, TODAY, seed=7)
        self.store.replace_all(apps, history, {})
        self.fake.reset_counters()
        self.data = self.store.load(TODAY)
        self.load_bytes = self.fake.bytes_received
        row = self.data.applications.iloc[count // 2]
        self.app_id = str(row["ID"])
        self.app = self.data.application(self.app_id)

    def grid(self) -> list[list]:
        return [list(r) for r in self.fake.grid(self.sid, A)]

    def col(self, name: str) -> int:
        return self.grid()[0].index(name)

    def row_of(self, app_id: str) -> list:
        id_col = self.col("ID")
        (row,) = [r for r in self.grid() if len(r) > id_col and r[id_col] == app_id]
        return row

    def edit(self, changes=CHANGES, base=None) -> int:
        """Save `changes`; return the bytes received."""
        self.fake.reset_counters()
        self.store.update_application(self.app_id, changes, self.app if base is None else base)
        return self.fake.bytes_received


def test_an_edit_reads_a_small_part_of_the_tab_and_lands_on_its_row():
    sheet = Sheet()
    before = sheet.grid()
    received = sheet.edit()
    assert sheet.fake.request_count == 2
    assert received < sheet.load_bytes / 4, (received, sheet.load_bytes)
    after = sheet.grid()
    id_col = before[0].index("ID")
    for old, new in zip(before, after):
        if old[id_col] == sheet.app_id:
            assert [new[sheet.col(n)] for n in CHANGES] == list(CHANGES.values())
        else:
            assert new == old


def test_a_row_moved_by_hand_since_the_read_is_found_by_its_id():
    sheet = Sheet()
    sheet.fake.sort_rows(sheet.sid, A, sheet.col("Company"), descending=True)
    sheet.fake.insert_row(sheet.sid, A, 2, ["A-typed", "Typed By Hand Ltd", "Analyst"])
    others = {tuple(r) for r in sheet.grid() if r[sheet.col("ID")] != sheet.app_id}
    sheet.edit()
    row = sheet.row_of(sheet.app_id)
    assert [row[sheet.col(n)] for n in CHANGES] == list(CHANGES.values())
    assert {tuple(r) for r in sheet.grid() if r[sheet.col("ID")] != sheet.app_id} == others


def test_a_cell_changed_by_hand_is_still_refused():
    sheet = Sheet()
    notes = f"{column_letter(sheet.col('Notes'))}{sheet.app['_row']}"
    sheet.fake.set_cell(sheet.sid, A, notes, "Typed by hand")
    with pytest.raises(ConflictError):
        sheet.edit()
    assert sheet.row_of(sheet.app_id)[sheet.col("Notes")] == "Typed by hand"


def test_a_hand_edited_count_is_added_to():
    from lib.domain.values import Increment

    sheet = Sheet()
    count = f"{column_letter(sheet.col('Follow-Ups Sent'))}{sheet.app['_row']}"
    sheet.fake.set_cell(sheet.sid, A, count, "4")
    sheet.edit({"Follow-Ups Sent": Increment()})
    assert sheet.row_of(sheet.app_id)[sheet.col("Follow-Ups Sent")] == 5


def test_a_row_deleted_by_hand_is_gone():
    sheet = Sheet()
    sheet.fake.delete_row(sheet.sid, A, int(sheet.app["_row"]))
    before = sheet.grid()
    with pytest.raises(RowGoneError):
        sheet.edit()
    assert sheet.grid() == before


def test_an_id_copied_by_hand_onto_another_row_is_refused():
    sheet = Sheet()
    sheet.fake.set_cell(sheet.sid, A, f"{column_letter(sheet.col('ID'))}3", sheet.app_id)
    before = sheet.grid()
    with pytest.raises(DuplicateIdError):
        sheet.edit()
    assert sheet.grid() == before


def test_a_column_moved_by_hand_since_the_read_is_written_where_it_is_now():
    sheet = Sheet()
    sheet.fake.move_column(sheet.sid, A, sheet.col("Notes"), 0)
    others = {tuple(r) for r in sheet.grid() if r[sheet.col("ID")] != sheet.app_id}
    sheet.edit()
    row = sheet.row_of(sheet.app_id)
    assert [row[sheet.col(n)] for n in CHANGES] == list(CHANGES.values())
    assert {tuple(r) for r in sheet.grid() if r[sheet.col("ID")] != sheet.app_id} == others


def test_an_edit_without_a_known_row_reads_the_whole_tab_and_still_lands():
    sheet = Sheet()
    base = {k: v for k, v in sheet.app.items() if k != "_row"}
    received = sheet.edit(base=base)
    assert received > sheet.load_bytes / 4  # nothing to start from: the whole tab
    row = sheet.row_of(sheet.app_id)
    assert [row[sheet.col(n)] for n in CHANGES] == list(CHANGES.values())


def test_every_request_asks_for_compact_json():
    """Google pretty-prints its answers unless asked not to: the store asks, on loads, edits and writes."""
    sheet = Sheet(count=30)
    sheet.fake.requests_log.clear()
    sheet.store.load(TODAY)
    sheet.edit()
    assert sheet.fake.requests_log
    for record in sheet.fake.requests_log:
        assert record.query.get("prettyPrint") == ["false"], (record.method, record.path)
