"""A person sorting, inserting or deleting rows in the gap between a write's fresh read and its write.

The Sheets API has no conditional write, so the store asks the batchUpdate for the written row
back as it stands after the update. The stand-in applies the hand edit just before the write
request is served, as if the person had done it in that moment. Whatever the edit, the
change ends on the target's row, every other row is as the person left it, and the person is
told what happened.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import pytest

from lib.domain.literal import shown
from lib.domain.schema import APPLICATIONS, FOLLOWUPS, TABS, column_letter
from lib.io.demo import generate
from lib.io.store.errors import RowsMovedError
from lib.io.store.gsheets import GoogleSheetsStore, RetryPolicy
from tests.fakes.sheets_api import FakeSheetsAPI

TODAY = date(2026, 11, 22)
A, F = APPLICATIONS.title, FOLLOWUPS.title
CHANGES = {"Notes": "Called the recruiter", "Status": "Offer"}
Grid = list[list[Any]]


class Sheet:
    def __init__(self, count: int = 8):
        self.fake = FakeSheetsAPI()
        self.sid = self.fake.create_spreadsheet(tabs={t.title: [t.headers] for t in TABS})
        self.store = GoogleSheetsStore(self.fake.client, self.sid, retry=RetryPolicy(attempts=4), sleep=lambda s: None,
                                       today=lambda: TODAY)
        apps, history = generate(count, TODAY, seed=5)
        self.store.replace_all(apps, history, {})
        data = self.store.load(TODAY)
        target = data.applications[data.applications["_row"] == 5].iloc[0]  # sheet row 5: rows above and below
        self.app_id = str(target["ID"])
        self.app = data.application(self.app_id)

    def grid(self, tab: str = A) -> Grid:
        return [list(r) for r in self.fake.grid(self.sid, tab)]

    def col(self, name: str) -> int:
        return self.grid()[0].index(name)

    def edit_before_the_write(self, edit: Callable[[Sheet], None]) -> list[Grid]:
        """Run `edit` by hand just before the next write request; return [the grid right after it]."""
        seen: list[Grid] = []

        def hook(api: FakeSheetsAPI, record: Any) -> None:
            edit(self)
            seen.append(self.grid())

        self.fake.before_request(hook, method="POST")
        return seen


def sort_by_company_descending(s: Sheet) -> None:
    s.fake.sort_rows(s.sid, A, s.col("Company"), descending=True)


def sort_by_applied_on(s: Sheet) -> None:
    s.fake.sort_rows(s.sid, A, s.col("Applied On"))


def insert_blank_row_above(s: Sheet) -> None:
    s.fake.insert_row(s.sid, A, 3, [])


def insert_blank_row_at_the_target(s: Sheet) -> None:
    s.fake.insert_row(s.sid, A, 5, [])


def insert_row_with_an_id_above(s: Sheet) -> None:
    s.fake.insert_row(s.sid, A, 2, ["A-typed", "Typed By Hand Ltd", "Analyst"])


def delete_row_above(s: Sheet) -> None:
    s.fake.delete_row(s.sid, A, 3)


def delete_two_rows_above(s: Sheet) -> None:
    s.fake.delete_row(s.sid, A, 2)
    s.fake.delete_row(s.sid, A, 2)


def move_notes_column_first(s: Sheet) -> None:
    s.fake.move_column(s.sid, A, s.col("Notes"), 0)


EDITS = {f.__name__.replace("_", " "): f for f in (
    sort_by_company_descending, sort_by_applied_on, insert_blank_row_above, insert_blank_row_at_the_target,
    insert_row_with_an_id_above, delete_row_above, delete_two_rows_above, move_notes_column_first)}


def only_the_target_changed(edited: Grid, after: Grid, app_id: str, cells: dict[str, Any]) -> None:
    """`after` is the grid as the person left it, with only `cells` of `app_id`'s row changed."""
    header = edited[0]
    assert after[0] == header
    width = max(len(r) for r in edited + after)
    pad = lambda r: list(r) + [""] * (width - len(r))  # noqa: E731
    id_col = header.index("ID")
    trimmed = [r for r in after if any(str(c) != "" for c in r)]
    assert len(trimmed) == len([r for r in edited if any(str(c) != "" for c in r)])
    for old, new in zip(edited, after):
        old, new = pad(old), pad(new)
        if old[id_col] == app_id:
            for name, value in cells.items():
                assert new[header.index(name)] == value, name
                old[header.index(name)] = value
        assert new == old, f"row {old[id_col] or '(blank)'} changed"


@pytest.mark.parametrize("edit", EDITS)
def test_an_edit_lands_on_its_row_whatever_the_person_did_meanwhile(edit):
    sheet = Sheet()
    seen = sheet.edit_before_the_write(EDITS[edit])
    with pytest.raises(RowsMovedError) as told:
        sheet.store.update_application(sheet.app_id, CHANGES, sheet.app)
    assert told.value.saved
    assert "Rows moved" in str(told.value) and "put back as it was" in str(told.value), str(told.value)
    assert str(told.value).startswith("Saved on the right row")
    only_the_target_changed(seen[0], sheet.grid(), sheet.app_id, CHANGES)
    assert {k: sheet.store.load(TODAY).application(sheet.app_id)[k] for k in CHANGES} == CHANGES


def test_the_message_names_the_row_written_by_mistake():
    sheet = Sheet()
    before = sheet.grid()
    victim = before[5]  # sheet row 6 moves up to row 5 when row 3 is deleted
    sheet.edit_before_the_write(delete_row_above)
    with pytest.raises(RowsMovedError) as told:
        sheet.store.update_application(sheet.app_id, CHANGES, sheet.app)
    assert f"sheet row 5 ({victim[before[0].index('Company')]}" in str(told.value)


@pytest.mark.parametrize("edit", ["sort by company descending", "delete row above", "insert blank row at the target"])
def test_a_logged_follow_up_puts_its_fields_on_the_right_row_and_is_logged_once(edit):
    sheet = Sheet()
    history_before = sheet.grid(F)
    seen = sheet.edit_before_the_write(EDITS[edit])
    entry = {"Date": datetime(2026, 11, 21, 9, 30), "Direction": "Sent", "Medium": "Email", "Kind": "Follow-up"}
    fields = {"Follow-Ups Sent": 7, "Follow-Up Medium": "Email"}
    with pytest.raises(RowsMovedError) as told:
        sheet.store.log_followup(sheet.app_id, entry, fields, sheet.app)
    assert told.value.saved and "follow-up was logged" in str(told.value)
    only_the_target_changed(seen[0], sheet.grid(), sheet.app_id, fields)
    history = sheet.grid(F)
    assert history[: len(history_before)] == history_before
    (row,) = history[len(history_before):]
    assert row[history[0].index("ID")] == told.value.result
    assert row[history[0].index("Application ID")] == sheet.app_id


def test_the_target_deleted_meanwhile_writes_nothing_and_says_so():
    sheet = Sheet()
    seen = sheet.edit_before_the_write(lambda s: s.fake.delete_row(s.sid, A, 5))
    with pytest.raises(RowsMovedError) as told:
        sheet.store.update_application(sheet.app_id, CHANGES, sheet.app)
    assert not told.value.saved
    assert "put back as it was" in str(told.value) and f"no row in '{A}' has the ID '{sheet.app_id}'" in str(told.value)
    assert sheet.grid() == seen[0]


def test_a_typed_row_overwritten_at_the_gap_is_named_for_checking():
    sheet = Sheet()
    seen = sheet.edit_before_the_write(lambda s: s.fake.insert_row(s.sid, A, 5, ["", "Typed In The Gap", "Analyst"]))
    with pytest.raises(RowsMovedError) as told:
        sheet.store.update_application(sheet.app_id, CHANGES, sheet.app)
    notes, status = (f"{column_letter(sheet.col(n))}5" for n in ("Notes", "Status"))
    assert "cannot tell" in str(told.value) and notes in str(told.value) and status in str(told.value)
    after = sheet.grid()
    assert after[4][sheet.col("Company")] == "Typed In The Gap"  # the row stays; its two cells need a look
    target = next(r for r in after if r[sheet.col("ID")] == sheet.app_id)
    assert [target[sheet.col(n)] for n in CHANGES] == list(CHANGES.values())
    assert len(after) == len(seen[0])


def test_no_hand_edit_costs_no_extra_request_and_no_message():
    sheet = Sheet(count=40)
    before = sheet.grid()
    sheet.fake.reset_counters()
    sheet.store.update_application(sheet.app_id, CHANGES, sheet.app)
    assert sheet.fake.request_count == 2  # the fresh read, and the write that reports its row back
    only_the_target_changed(before, sheet.grid(), sheet.app_id, CHANGES)


def test_a_sheet_that_keeps_moving_gives_up_clearly():
    sheet = Sheet()
    before = sheet.grid()
    flip = {"descending": False}

    def keep_sorting(api: FakeSheetsAPI, record: Any) -> None:
        flip["descending"] = not flip["descending"]
        api.sort_rows(sheet.sid, A, sheet.col("Company"), descending=flip["descending"])

    sheet.fake.before_request(keep_sorting, once=False, method="POST")
    with pytest.raises(RowsMovedError) as told:
        sheet.store.update_application(sheet.app_id, CHANGES, sheet.app)
    assert not told.value.saved and "kept changing" in str(told.value)
    # Bounded, and every row left changed is named for the person to check.
    assert sheet.fake.count(method="POST") <= 2 * 4
    was = {r[0]: r for r in before[1:]}
    company = before[0].index("Company")
    for row in sheet.grid()[1:]:
        if row != was[row[0]]:
            assert f"({row[company]}," in str(told.value)


@pytest.mark.parametrize("edit", ["sort by company descending", "delete row above", "insert blank row at the target"])
def test_a_row_typed_without_an_id_gets_its_id_and_change_on_its_own_row(edit):
    sheet = Sheet()
    sheet.fake.set_cell(sheet.sid, A, "A5", "")  # the target was typed by hand: no ID yet
    data = sheet.store.load(TODAY)
    target = data.applications[data.applications["_row"] == 5].iloc[0].to_dict()
    company = target["Company"]
    seen = sheet.edit_before_the_write(EDITS[edit])
    with pytest.raises(RowsMovedError) as told:
        sheet.store.update_application(target["ID"], CHANGES, target)
    assert told.value.saved, str(told.value)
    width = len(seen[0][0])
    after = [r + [""] * (width - len(r)) for r in sheet.grid()]
    seen = [[r + [""] * (width - len(r)) for r in seen[0]]]
    col = after[0].index
    (row,) = [r for r in after if r[col("Company")] == company]
    assert [row[col(n)] for n in CHANGES] == list(CHANGES.values()) and row[col("ID")]
    # Every other row is as the person left it.
    others = lambda grid: sorted(tuple(r) for r in grid[1:] if r[col("Company")] != company)  # noqa: E731
    assert others(after) == others(seen[0])


# --- deleting: rows are deleted by position ----------------------------------------------------


def rows_by_id(grid: Grid) -> dict[Any, list[Any]]:
    id_col = grid[0].index("ID")
    return {r[id_col]: r for r in grid[1:] if id_col < len(r) and r[id_col] != ""}


@pytest.mark.parametrize("edit", ["sort by company descending", "delete row above", "insert row with an id above"])
def test_a_delete_removes_its_rows_whatever_the_person_did_meanwhile(edit):
    sheet = Sheet()
    seen = sheet.edit_before_the_write(EDITS[edit])
    history = sheet.grid(F)
    with pytest.raises(RowsMovedError) as told:
        sheet.store.delete_application(sheet.app_id)
    assert told.value.saved and str(told.value).startswith("Deleted.") and "by mistake and put it back" in str(told.value)
    expected = rows_by_id(seen[0])
    del expected[sheet.app_id]
    assert rows_by_id(sheet.grid()) == expected  # every other application is there, with its values
    app_col = history[0].index("Application ID")
    assert rows_by_id(sheet.grid(F)) == {k: r for k, r in rows_by_id(history).items() if r[app_col] != sheet.app_id}


def test_a_delete_with_nothing_moved_says_nothing_and_costs_one_more_read():
    sheet = Sheet()
    before = sheet.grid()
    sheet.fake.reset_counters()
    sheet.store.delete_application(sheet.app_id)
    assert sheet.fake.request_count == 3  # read, delete, read again to check
    expected = rows_by_id(before)
    del expected[sheet.app_id]
    assert rows_by_id(sheet.grid()) == expected


# --- what the person sees ------------------------------------------------------------------------


def test_the_page_tells_the_person_when_rows_moved_during_a_save(app_on, sheets_demo):
    at = app_on(sheets_demo, "app_pages/applications.py")
    data = sheets_demo.store.load(date.today())
    app_id = data.applications.set_index("Company").loc["Quill Publishing", "ID"]
    company = sheets_demo.fake.grid(sheets_demo.sid, A)[0].index("Company")
    sheets_demo.fake.before_request(lambda api, rec: api.sort_rows(sheets_demo.sid, A, company, descending=True), method="POST")
    at.selectbox(key="applications.open").set_value(app_id).run()
    at.text_area(key=f"applications.edit.{app_id}.Notes").input("Rang them")
    at.button(key=f"FormSubmitter:applications.edit.{app_id}-Save changes").click().run()
    assert not at.exception
    assert any(m.value.startswith("Saved on the right row") and "put back as it was" in m.value for m in at.warning)
    assert sheets_demo.store.load(date.today()).application(app_id)["Notes"] == "Rang them"


# --- settings: a value is written on its key's row ------------------------------------------------

S = "Settings"


def test_settings_saved_while_the_person_sorts_the_tab_land_on_their_keys():
    sheet = Sheet()
    sheet.store.save_settings({"profile.name": "Sam", "rules.thank_you_hours": "24", "rules.final_after_days": "14"})
    seen: list[Grid] = []

    def sort_settings(api: FakeSheetsAPI, record: Any) -> None:
        api.sort_rows(sheet.sid, S, 0, descending=True)
        seen.append(sheet.grid(S))

    sheet.fake.before_request(sort_settings, method="POST")
    with pytest.raises(RowsMovedError) as told:
        sheet.store.save_settings({"profile.name": "Sam Ortiz", "rules.final_after_days": "10", "rules.new": "1"})
    assert told.value.saved and str(told.value).startswith("Saved."), str(told.value)
    as_left = {r[0]: r[1] for r in seen[0][1:]}
    assert {r[0]: r[1] for r in sheet.grid(S)[1:]} == {**as_left, "profile.name": "Sam Ortiz", "rules.final_after_days": "10",
                                                      "rules.new": "1"}
    assert [r[0] for r in sheet.grid(S)[1:]].count("rules.new") == 1


def test_a_follow_up_logged_while_the_person_sorts_says_what_was_logged(app_on, sheets_demo):
    at = app_on(sheets_demo, "app_pages/follow_up.py")
    app_id = sheets_demo.store.load(date.today()).applications.set_index("Company").loc["Quill Publishing", "ID"]
    at.selectbox(key="follow_up.app").set_value(app_id).run()
    company = sheets_demo.fake.grid(sheets_demo.sid, A)[0].index("Company")
    sheets_demo.fake.before_request(lambda api, rec: api.sort_rows(sheets_demo.sid, A, company, descending=True), method="POST")
    at.button(key="follow_up.log").click().run()
    assert not at.exception
    assert any("Saved on the right row" in shown(m.value) for m in at.warning)
    assert any(shown(m.value).startswith("Logged: first follow-up") for m in at.success)  # what was logged, not a fresh draft
    assert not [b for b in at.button if b.key == "follow_up.log"]
