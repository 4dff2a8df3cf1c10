"""Reading and validation: typed tables plus data issues that name the cell; never a crash."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from lib.io.parse import RawTable, parse_dataset

TODAY = date(2026, 11, 22)
HEADER = ["ID", "Company", "Job Title", "Status", "Applied On", "Interview On", "Follow-Ups Sent", "Follow-Up Medium"]


def read(rows, header=HEADER, followups=None):
    raw = {"Applications": RawTable(header, rows), "Follow-ups": RawTable(["ID", "Application ID", "Date"], followups or []),
           "Settings": RawTable(["Key", "Value"], [])}
    return parse_dataset(raw, TODAY)


def issues_at(data, cell):
    return [i for i in data.issues if i.cell == cell]


def test_good_row_is_typed():
    data = read([["A-1", "Acme", "Analyst", "applied", "2026-11-02", "3 Nov 2026 14:00", "2", "e-mail"]])
    app = data.application("A-1")
    assert (app["Status"], app["Follow-Up Medium"], app["Follow-Ups Sent"]) == ("Applied", "Email", 2)
    assert app["Applied On"] == datetime(2026, 11, 2) and app["Interview On"] == datetime(2026, 11, 3, 14)
    assert app["_row"] == 2
    assert not [i for i in data.issues if i.severity != "info"]


@pytest.mark.parametrize(
    "column, value, cell, words",
    [
        ("Applied On", "3/4/2026", "E2", "could be"),
        ("Applied On", "soon", "E2", "not a date"),
        ("Applied On", "#REF!", "E2", "not a date"),
        ("Interview On", "31/31/2026", "F2", "neither number"),
        ("Status", "Phone screen", "D2", "is not one of"),
        ("Follow-Ups Sent", "two", "G2", "whole number"),
        ("Follow-Ups Sent", "-1", "G2", "whole number"),
        ("Follow-Up Medium", "Pigeon", "H2", "is not one of"),
        ("Company", "", "B2", "Company is empty"),
        ("Job Title", "  ", "C2", "Job Title is empty"),
    ],
)
def test_bad_cells_become_issues_naming_the_cell(column, value, cell, words):
    row = ["A-1", "Acme", "Analyst", "Applied", "2026-11-02", "", "0", "Email"]
    row[HEADER.index(column)] = value
    data = read([row])
    found = issues_at(data, cell)
    assert found and words in found[0].message, data.issues
    assert found[0].where.startswith(f"Applications!{cell} ")
    assert len(data.applications) == 1  # the row is still shown


def test_unknown_status_text_is_kept_for_the_person_to_see():
    data = read([["A-1", "Acme", "Analyst", "Phone screen", "", "", "", ""]])
    assert data.application("A-1")["Status"] == "Phone screen"


def test_blank_rows_between_data_are_reported_and_skipped():
    data = read([["A-1", "Acme", "Analyst"], ["", "", ""], [], ["A-2", "Beta", "Dev"], [], []])
    assert list(data.applications["ID"]) == ["A-1", "A-2"]
    assert [i.row for i in data.issues if "empty" in i.message and i.column == ""] == [3, 4]
    assert list(data.applications["_row"]) == [2, 5]


def test_duplicate_ids_are_reported_and_kept_apart():
    data = read([["A-1", "Acme", "Analyst"], ["A-1", "Beta", "Dev"]])
    assert len(data.applications) == 2
    assert data.applications["ID"].is_unique
    assert any(i.cell == "A3" and "also on row 2" in i.message for i in data.issues)


def test_rows_without_id_get_a_stable_provisional_one():
    first = read([["", "Acme", "Analyst"]]).applications.iloc[0]["ID"]
    again = read([["", "Acme", "Analyst"]]).applications.iloc[0]["ID"]
    assert first == again and first.startswith("A-")


@pytest.mark.parametrize("missing", ["Company", "Job Title"])
def test_missing_required_column_is_an_error(missing):
    header = [h for h in HEADER if h != missing]
    data = read([["A-1", "x", "y"]], header=header)
    assert any(i.severity == "error" and i.column == missing for i in data.issues)


def test_missing_optional_columns_are_one_note():
    data = read([["A-1", "Acme", "Analyst"]], header=["ID", "Company", "Job Title"])
    notes = [i for i in data.issues if i.severity == "info" and i.row == 1 and i.tab == "Applications"]
    assert len(notes) == 1 and "Interviewer Email" in notes[0].message


def test_aliased_headers_are_announced():
    data = read([["A-1", "Acme", "Analyst"]], header=["ID", "Employer", "Position"])
    assert data.application("A-1")["Job Title"] == "Analyst"
    assert any("'Position' as 'Job Title'" in n for n in data.notes)


def test_user_columns_are_kept():
    data = read([["A-1", "Acme", "Salary note", "Analyst"]], header=["ID", "Company", "My Notes", "Job Title"])
    assert data.application("A-1")["My Notes"] == "Salary note"
    assert data.extra_columns["Applications"] == ["My Notes"]


def test_missing_tab_is_reported_not_fatal():
    data = parse_dataset({"Applications": RawTable(HEADER, [["A-1", "Acme", "Analyst"]]), "Follow-ups": None, "Settings": None}, TODAY)
    assert len(data.applications) == 1 and data.followups.empty
    assert any("'Follow-ups' is missing" in i.message for i in data.issues)


def test_history_for_an_unknown_application_is_reported():
    data = read([["A-1", "Acme", "Analyst"]], followups=[["F-1", "A-9", "2026-11-01"]])
    assert any(i.tab == "Follow-ups" and "A-9" in i.message for i in data.issues)


def test_date_order_setting_is_applied():
    raw = {"Applications": RawTable(HEADER, [["A-1", "Acme", "Analyst", "", "3/4/2026"]]),
           "Follow-ups": RawTable(["ID"], []), "Settings": RawTable(["Key", "Value"], [["data.date_order", "DMY"]])}
    assert parse_dataset(raw, TODAY).application("A-1")["Applied On"] == datetime(2026, 4, 3)


def test_sheets_serial_numbers_and_numbers_as_text():
    data = read([["A-1", "Acme", 12345, "Applied", 46000, 46000.5, 2.0, ""]])
    app = data.application("A-1")
    assert app["Job Title"] == "12345"
    assert app["Applied On"] == datetime(2025, 12, 9) and app["Interview On"] == datetime(2025, 12, 9, 12)
    assert app["Follow-Ups Sent"] == 2
