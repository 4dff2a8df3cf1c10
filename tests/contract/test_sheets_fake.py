"""The FakeSheetsAPI, exercised through real gspread code (and raw HTTP where gspread hides it)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import gspread
import pytest
import requests

from tests.fakes.sheets_api import FakeSheetsAPI, RequestRecord

SHEETS = "https://sheets.googleapis.com/v4/spreadsheets"
MARCH_14_2026 = 46095  # serial number: days since 1899-12-30

HEADER = ["ID", "Company", "Job Title", "Applied On", "Interviewer Phone"]


@pytest.fixture
def api() -> FakeSheetsAPI:
    return FakeSheetsAPI(today=lambda: dt.date(2026, 5, 1))


@pytest.fixture
def sid(api: FakeSheetsAPI) -> str:
    return api.create_spreadsheet(
        "Job search",
        tabs={
            "Applications": [
                HEADER,
                ["a1", "Acme", "Engineer", "2026-03-14", ""],
                ["a2", "Beta", "Analyst", "2026-03-20"],
            ],
            "Follow-ups": [["ID", "Application ID", "Date"]],
        },
    )


@pytest.fixture
def gc(api: FakeSheetsAPI) -> gspread.Client:
    return api.client()


@pytest.fixture
def sh(gc: gspread.Client, sid: str) -> gspread.Spreadsheet:
    return gc.open_by_key(sid)


@pytest.fixture
def ws(sh: gspread.Spreadsheet) -> gspread.Worksheet:
    return sh.worksheet("Applications")


def cell(ws: gspread.Worksheet, a1: str, render: str) -> Any:
    """One cell as the API renders it (``""`` when empty)."""
    values = ws.spreadsheet.values_get(f"'{ws.title}'!{a1}", params={"valueRenderOption": render}).get("values")
    return values[0][0] if values else ""


# ------------------------------------------------------------------------------ opening


def test_open_by_key_reports_tabs_and_grid(sh: gspread.Spreadsheet) -> None:
    assert sh.title == "Job search"
    assert sh.locale == "en_US" and sh.timezone == "Etc/GMT"
    assert [w.title for w in sh.worksheets()] == ["Applications", "Follow-ups"]
    apps = sh.worksheet("Applications")
    assert (apps.id, apps.index, apps.row_count, apps.col_count) == (0, 0, 1000, 26)
    assert apps.frozen_row_count == 0


def test_open_unknown_key_is_not_found(gc: gspread.Client) -> None:
    with pytest.raises(gspread.SpreadsheetNotFound):
        gc.open_by_key("no-such-spreadsheet")


def test_not_found_error_body_is_the_real_one(api: FakeSheetsAPI) -> None:
    answer = api.session().get(f"{SHEETS}/missing?includeGridData=false")
    assert answer.status_code == 404
    assert answer.json() == {"error": {"code": 404, "message": "Requested entity was not found.", "status": "NOT_FOUND"}}


def test_get_all_values_pads_what_the_api_trims(ws: gspread.Worksheet, sh: gspread.Spreadsheet) -> None:
    assert ws.get_all_values() == [
        HEADER,
        ["a1", "Acme", "Engineer", "2026-03-14", ""],
        ["a2", "Beta", "Analyst", "2026-03-20", ""],
    ]
    raw = sh.values_get("Applications")
    assert raw["range"] == "Applications!A1:Z1000"
    assert raw["values"][1] == ["a1", "Acme", "Engineer", "2026-03-14"]  # trailing empty cell trimmed


def test_an_empty_range_has_no_values_key(sh: gspread.Spreadsheet) -> None:
    assert sh.values_get("'Follow-ups'!A2:C10") == {"range": "'Follow-ups'!A2:C10", "majorDimension": "ROWS"}


def test_interior_empty_rows_come_back_empty(ws: gspread.Worksheet, sh: gspread.Spreadsheet) -> None:
    ws.update([["x"]], "A6")
    values = sh.values_get("'Applications'!A3:A6")["values"]
    assert values == [["a2"], [], [], ["x"]]


# ------------------------------------------------------------------------------ A1 ranges


@pytest.mark.parametrize(
    ("requested", "answered"),
    [
        ("'Follow-ups'!A1:C3", "'Follow-ups'!A1:C3"),
        ("'Follow-ups'!A:A", "'Follow-ups'!A1:A1000"),
        ("'Follow-ups'!2:2", "'Follow-ups'!A2:Z2"),
        ("'Follow-ups'!A5:Z", "'Follow-ups'!A5:Z1000"),
        ("'Follow-ups'!A1:1", "'Follow-ups'!A1:Z1"),
        ("'Follow-ups'", "'Follow-ups'!A1:Z1000"),
        ("Follow-ups!B2", "'Follow-ups'!B2"),
        ("Applications", "Applications!A1:Z1000"),
        ("'Applications'!C3:A1", "Applications!A1:C3"),
        ("A1:B2", "Applications!A1:B2"),  # no tab: the first one
        ("'Bob''s tab'!A1", "'Bob''s tab'!A1"),
    ],
)
def test_ranges_are_answered_the_way_the_api_writes_them(
    api: FakeSheetsAPI, sid: str, sh: gspread.Spreadsheet, requested: str, answered: str
) -> None:
    api.add_tab(sid, "Bob's tab")
    assert sh.values_get(requested)["range"] == answered


@pytest.mark.parametrize("bad", ["Nope!A1", "'Applications'!A0", "Applications!1A", "'Unclosed!A1", "Applications!A1:B2:C3"])
def test_unparsable_ranges_answer_400(sh: gspread.Spreadsheet, bad: str) -> None:
    with pytest.raises(gspread.exceptions.APIError) as raised:
        sh.values_get(bad)
    assert raised.value.code == 400
    assert raised.value.error == {
        "code": 400,
        "message": f"Unable to parse range: {bad}",
        "status": "INVALID_ARGUMENT",
    }


@pytest.mark.parametrize("outside", ["Applications!A1001", "Applications!AA1", "Applications!A990:B1005"])
def test_ranges_outside_the_grid_answer_400(ws: gspread.Worksheet, outside: str) -> None:
    with pytest.raises(gspread.exceptions.APIError) as raised:
        ws.spreadsheet.values_update(outside, params={"valueInputOption": "RAW"}, body={"values": [["x"]]})
    assert raised.value.code == 400
    assert "exceeds grid limits. Max rows: 1000, max columns: 26" in raised.value.error["message"]


def test_writing_more_than_the_named_range_answers_400(ws: gspread.Worksheet) -> None:
    with pytest.raises(gspread.exceptions.APIError) as raised:
        ws.update([["a", "b", "c"]], "A5:B5")
    assert raised.value.code == 400
    assert "tried writing to column [C]" in raised.value.error["message"]


def test_values_that_are_not_rows_answer_the_real_400(api: FakeSheetsAPI, sid: str) -> None:
    answer = api.session().put(
        f"{SHEETS}/{sid}/values/%27Applications%27%21A1?valueInputOption=RAW", json={"values": "X"}
    )
    assert answer.status_code == 400
    error = answer.json()["error"]
    assert error["message"] == "Invalid value at 'data.values' (type.googleapis.com/google.protobuf.ListValue), \"X\""
    assert error["details"][0]["fieldViolations"][0]["field"] == "data.values"


# ------------------------------------------------------------------------------ writing: RAW vs USER_ENTERED


@pytest.mark.parametrize(
    ("typed", "entered", "unformatted", "formatted", "number_format"),
    [
        ("=1+1", "=1+1", 2, "2", None),
        ("=4/2", "=4/2", 2, "2", None),
        ("=3/2", "=3/2", 1.5, "1.5", None),
        ("=A1", "=A1", "#NAME?", "#NAME?", None),  # references are not emulated
        ("=SUM(", "=SUM(", "#ERROR!", "#ERROR!", None),
        ("+44 20 7946 0958", "=+44 20 7946 0958", "#ERROR!", "#ERROR!", None),
        ("007", 7, 7, "7", None),
        ("'007", "007", "007", "007", None),
        ("2026-03-14", MARCH_14_2026, MARCH_14_2026, "2026-03-14", {"type": "DATE", "pattern": "yyyy-mm-dd"}),
        ("3/14/2026", MARCH_14_2026, MARCH_14_2026, "3/14/2026", {"type": "DATE", "pattern": "M/d/yyyy"}),
        ("14 Mar", MARCH_14_2026, MARCH_14_2026, "14 Mar", {"type": "DATE", "pattern": "d mmm"}),
        (
            "2026-03-14 10:30",
            MARCH_14_2026 + 0.4375,
            MARCH_14_2026 + 0.4375,
            "2026-03-14 10:30",
            {"type": "DATE_TIME", "pattern": "yyyy-mm-dd hh:mm"},
        ),
        ("2/30/2026", "2/30/2026", "2/30/2026", "2/30/2026", None),  # not a date: stays text
        ("TRUE", True, True, "TRUE", None),
        ("false", False, False, "FALSE", None),
        ("12%", 0.12, 0.12, "12%", {"type": "PERCENT", "pattern": "0%"}),
        ("1,234", 1234, 1234, "1,234", {"type": "NUMBER", "pattern": "#,##0"}),
        ("Acme, Inc.", "Acme, Inc.", "Acme, Inc.", "Acme, Inc.", None),
    ],
)
def test_user_entered_input_is_parsed_like_typing(
    api: FakeSheetsAPI,
    sid: str,
    ws: gspread.Worksheet,
    typed: str,
    entered: Any,
    unformatted: Any,
    formatted: str,
    number_format: dict | None,
) -> None:
    ws.update([[typed]], "F2", value_input_option="USER_ENTERED")
    assert api.grid(sid, "Applications")[1][5] == entered
    assert cell(ws, "F2", "UNFORMATTED_VALUE") == unformatted
    assert cell(ws, "F2", "FORMATTED_VALUE") == formatted
    assert api.number_format(sid, "Applications", "F2") == number_format


@pytest.mark.parametrize("typed", ["=1+1", "+44 20 7946 0958", "007", "2026-03-14", "TRUE", "'quoted", "  padded  "])
def test_raw_input_stays_text_exactly(api: FakeSheetsAPI, sid: str, ws: gspread.Worksheet, typed: str) -> None:
    ws.update([[typed]], "F2", value_input_option="RAW")
    assert api.grid(sid, "Applications")[1][5] == typed
    assert cell(ws, "F2", "UNFORMATTED_VALUE") == typed
    assert cell(ws, "F2", "FORMULA") == typed
    assert api.number_format(sid, "Applications", "F2") is None


@pytest.mark.parametrize(("value", "unformatted", "formatted"), [(7, 7, "7"), (0.12, 0.12, "0.12"), (True, True, "TRUE")])
def test_raw_numbers_and_booleans_stay_what_they_are(ws: gspread.Worksheet, value: Any, unformatted: Any, formatted: str) -> None:
    ws.update([[value]], "F2", value_input_option="RAW")
    assert cell(ws, "F2", "UNFORMATTED_VALUE") == unformatted
    assert cell(ws, "F2", "FORMATTED_VALUE") == formatted


def test_a_plain_text_column_keeps_typed_phone_numbers(api: FakeSheetsAPI, sid: str, ws: gspread.Worksheet) -> None:
    api.set_number_format(sid, "Applications", "E2:E10", {"type": "TEXT", "pattern": "@"})
    ws.update([["+44 20 7946 0958"], ["007"]], "E2:E3", value_input_option="USER_ENTERED")
    assert api.values(sid, "Applications")[1][4] == "+44 20 7946 0958"
    assert api.values(sid, "Applications")[2][4] == "007"


def test_a_date_column_keeps_its_format_when_other_shapes_are_typed(api: FakeSheetsAPI, sid: str, ws: gspread.Worksheet) -> None:
    ws.update([["3/14/2026"]], "D2", value_input_option="USER_ENTERED")  # D2 was typed as 2026-03-14
    assert cell(ws, "D2", "FORMATTED_VALUE") == "2026-03-14"
    assert api.number_format(sid, "Applications", "D2") == {"type": "DATE", "pattern": "yyyy-mm-dd"}


def test_empty_string_clears_and_null_skips(api: FakeSheetsAPI, sid: str, ws: gspread.Worksheet) -> None:
    ws.spreadsheet.values_update(
        "'Applications'!A2:C2", params={"valueInputOption": "RAW"}, body={"values": [["", None, "Lead"]]}
    )
    assert api.grid(sid, "Applications")[1][:3] == ["", "Acme", "Lead"]


def test_columns_major_input(api: FakeSheetsAPI, sid: str, ws: gspread.Worksheet) -> None:
    ws.update([["x", "y"]], "F1", major_dimension="COLUMNS")
    assert [row[5] for row in api.grid(sid, "Applications")[:2]] == ["x", "y"]


# ------------------------------------------------------------------------------ reading with render options


RENDERED = {
    ("FORMATTED_VALUE", "SERIAL_NUMBER"): ["2026-03-14", "2", "53", "TRUE", "text"],
    ("FORMATTED_VALUE", "FORMATTED_STRING"): ["2026-03-14", "2", "53", "TRUE", "text"],
    ("UNFORMATTED_VALUE", "SERIAL_NUMBER"): [MARCH_14_2026, 2, 53, True, "text"],
    ("UNFORMATTED_VALUE", "FORMATTED_STRING"): ["2026-03-14", 2, 53, True, "text"],
    ("FORMULA", "SERIAL_NUMBER"): [MARCH_14_2026, "=4/2", 53, True, "text"],
    ("FORMULA", "FORMATTED_STRING"): ["2026-03-14", "=4/2", 53, True, "text"],
}


@pytest.mark.parametrize(("value_render", "date_render"), list(RENDERED))
def test_values_batch_get_render_options(
    sh: gspread.Spreadsheet, value_render: str, date_render: str
) -> None:
    sh.values_update(
        "'Follow-ups'!A2", params={"valueInputOption": "USER_ENTERED"}, body={"values": [["2026-03-14", "=4/2", 53, "TRUE", "text"]]}
    )
    answer = sh.values_batch_get(
        ["'Follow-ups'!A2:E2", "'Follow-ups'!A1:A1"],
        params={"valueRenderOption": value_render, "dateTimeRenderOption": date_render},
    )
    assert [r["range"] for r in answer["valueRanges"]] == ["'Follow-ups'!A2:E2", "'Follow-ups'!A1"]
    assert answer["valueRanges"][0]["values"] == [RENDERED[(value_render, date_render)]]
    assert answer["valueRanges"][1]["values"] == [["ID"]]


def test_columns_major_read(sh: gspread.Spreadsheet) -> None:
    answer = sh.values_get("Applications!A1:B3", params={"majorDimension": "COLUMNS"})
    assert answer["values"] == [["ID", "a1", "a2"], ["Company", "Acme", "Beta"]]


# ------------------------------------------------------------------------------ appending


def test_append_goes_below_the_table(api: FakeSheetsAPI, sid: str, ws: gspread.Worksheet) -> None:
    answer = ws.append_row(["a3", "Gamma", "Designer", "2026-04-01"], value_input_option="USER_ENTERED")
    assert answer["tableRange"] == "Applications!A1:E3"
    assert answer["updates"]["updatedRange"] == "Applications!A4:D4"
    assert api.values(sid, "Applications")[3] == ["a3", "Gamma", "Designer", MARCH_14_2026 + 18]


@pytest.mark.parametrize(
    ("option", "stored"),
    [("RAW", ["+44 20 7946 0958", "007", "=1+1"]), ("USER_ENTERED", ["#ERROR!", 7, 2])],
)
def test_append_raw_vs_user_entered(api: FakeSheetsAPI, sid: str, ws: gspread.Worksheet, option: str, stored: list) -> None:
    ws.append_row(["+44 20 7946 0958", "007", "=1+1"], value_input_option=option)
    assert api.values(sid, "Applications")[3] == stored


def test_append_to_an_empty_tab_starts_at_the_top(api: FakeSheetsAPI, sid: str, sh: gspread.Spreadsheet) -> None:
    api.add_tab(sid, "Empty")
    answer = sh.worksheet("Empty").append_row(["x", "y"])
    assert "tableRange" not in answer
    assert answer["updates"]["updatedRange"] == "Empty!A1:B1"


def test_append_below_a_table_with_blank_rows(api: FakeSheetsAPI, sid: str, ws: gspread.Worksheet) -> None:
    # Rows 1-3 are the table; row 4 is blank; a person typed two rows further down.
    api.set_cell(sid, "Applications", "A5", "a9")
    api.set_cell(sid, "Applications", "A6", "a10")
    # Searching the whole tab anchors on the last value, so the append lands after row 6 ...
    answer = ws.append_row(["whole tab"])
    assert (answer["tableRange"], answer["updates"]["updatedRange"]) == ("Applications!A5:A6", "Applications!A7")
    # ... while a table range of A1 means "the table holding A1": the blank row 4 gets filled.
    answer = ws.append_row(["from A1"], table_range="A1")
    assert (answer["tableRange"], answer["updates"]["updatedRange"]) == ("Applications!A1:E3", "Applications!A4")
    assert [row[0] for row in api.grid(sid, "Applications")] == ["ID", "a1", "a2", "from A1", "a9", "a10", "whole tab"]


def test_append_with_insert_rows_pushes_rows_down(api: FakeSheetsAPI, sid: str, sh: gspread.Spreadsheet) -> None:
    api.set_cell(sid, "Applications", "A5", "below")
    ws = sh.worksheet("Applications")
    ws.append_rows([["new"]], table_range="A1", insert_data_option="INSERT_ROWS")
    assert [row[:1] for row in api.grid(sid, "Applications")] == [["ID"], ["a1"], ["a2"], ["new"], [], ["below"]]
    assert api.sheet_properties(sid, "Applications")["gridProperties"]["rowCount"] == 1001


def test_append_grows_the_grid(api: FakeSheetsAPI, sid: str, sh: gspread.Spreadsheet) -> None:
    api.add_tab(sid, "Tiny", rows=2, columns=2)
    tiny = sh.worksheet("Tiny")
    tiny.append_rows([["a", "b", "c"], ["d"], ["e"]])
    assert api.sheet_properties(sid, "Tiny")["gridProperties"] == {"rowCount": 3, "columnCount": 3}
    assert tiny.get_all_values() == [["a", "b", "c"], ["d", "", ""], ["e", "", ""]]


# ------------------------------------------------------------------------------ spreadsheets.batchUpdate


def test_format_header_bold_and_dates_then_freeze(api: FakeSheetsAPI, sid: str, ws: gspread.Worksheet) -> None:
    ws.format("A1:E1", {"textFormat": {"bold": True}})
    ws.format("D2:D", {"numberFormat": {"type": "DATE", "pattern": "yyyy-mm-dd"}})
    ws.freeze(rows=1)
    assert api.cell_data(sid, "Applications", "B1")["userEnteredFormat"] == {"textFormat": {"bold": True}}
    assert api.number_format(sid, "Applications", "D900") == {"type": "DATE", "pattern": "yyyy-mm-dd"}
    ws.update([["2026-03-14 00:00"]], "D3", value_input_option="USER_ENTERED")
    assert cell(ws, "D3", "FORMATTED_VALUE") == "2026-03-14"  # the column format wins
    assert api.sheet_properties(sid, "Applications")["gridProperties"]["frozenRowCount"] == 1


def test_update_cells_honours_fields(api: FakeSheetsAPI, sid: str, sh: gspread.Spreadsheet) -> None:
    api.set_number_format(sid, "Applications", "B2", {"type": "TEXT"})
    sh.batch_update(
        {
            "requests": [
                {
                    "updateCells": {
                        "start": {"sheetId": 0, "rowIndex": 1, "columnIndex": 1},
                        "rows": [
                            {
                                "values": [
                                    {"userEnteredValue": {"stringValue": "Acme Corp"}, "userEnteredFormat": {"textFormat": {"italic": True}}},
                                    {"userEnteredValue": {"formulaValue": "=2*3"}},
                                    {"userEnteredValue": {"numberValue": 5}},
                                    {"userEnteredValue": {"boolValue": True}},
                                ]
                            }
                        ],
                        "fields": "userEnteredValue",
                    }
                }
            ]
        }
    )
    assert api.grid(sid, "Applications")[1][1:5] == ["Acme Corp", "=2*3", 5, True]
    assert api.values(sid, "Applications")[1][2] == 6
    assert api.cell_data(sid, "Applications", "B2")["userEnteredFormat"] == {"numberFormat": {"type": "TEXT"}}


def test_batch_update_answers_the_response_ranges_as_they_stand_after_it(api: FakeSheetsAPI, sid: str, sh: gspread.Spreadsheet) -> None:
    # BatchUpdateSpreadsheetRequest: includeSpreadsheetInResponse, responseRanges (limits the ranges in the
    # response spreadsheet), responseIncludeGridData; the answer's updatedSpreadsheet is shaped like
    # spreadsheets.get with ranges and includeGridData (one GridData per range, startRow when not 0).
    sort = {"sortRange": {"range": {"sheetId": 0, "startRowIndex": 1}, "sortSpecs": [{"dimensionIndex": 1, "sortOrder": "DESCENDING"}]}}
    write = {"updateCells": {"start": {"sheetId": 0, "rowIndex": 1, "columnIndex": 2},
                             "rows": [{"values": [{"userEnteredValue": {"stringValue": "Lead"}}]}], "fields": "userEnteredValue"}}
    body = {"requests": [sort, write], "includeSpreadsheetInResponse": True,
            "responseRanges": ["'Applications'!1:1", "'Applications'!2:2"], "responseIncludeGridData": True}
    answer = sh.batch_update(body)
    (sheet,) = answer["updatedSpreadsheet"]["sheets"]  # only the tab the ranges name
    assert sheet["properties"]["title"] == "Applications"
    header, row = sheet["data"]
    assert "startRow" not in header and row["startRow"] == 1
    assert [c["effectiveValue"]["stringValue"] for c in header["rowData"][0]["values"]] == HEADER
    cells = row["rowData"][0]["values"]
    assert [c.get("formattedValue") for c in cells[:3]] == ["a2", "Beta", "Lead"]  # after the sort, then the write
    assert cells[3]["effectiveValue"] == {"numberValue": MARCH_14_2026 + 6}
    assert answer["replies"] == [{}, {}]
    without = sh.batch_update({**body, "requests": [write], "responseIncludeGridData": False})
    assert "data" not in without["updatedSpreadsheet"]["sheets"][0]
    assert "updatedSpreadsheet" not in sh.batch_update({"requests": [write]})


def test_batch_update_response_honours_a_field_mask(api: FakeSheetsAPI, sid: str, gc: gspread.Client) -> None:
    write = {"updateCells": {"start": {"sheetId": 0, "rowIndex": 1, "columnIndex": 2},
                             "rows": [{"values": [{"userEnteredValue": {"stringValue": "Lead"}}]}], "fields": "userEnteredValue"}}
    body = {"requests": [write], "includeSpreadsheetInResponse": True, "responseRanges": ["'Applications'!2:2"]}
    mask = "replies,updatedSpreadsheet(sheets(properties(title),data(startRow,rowData(values(effectiveValue)))))"
    answer = gc.http_client.request("post", f"{SHEETS}/{sid}:batchUpdate", json=body, params={"fields": mask}).json()
    assert set(answer) == {"replies", "updatedSpreadsheet"}
    (sheet,) = answer["updatedSpreadsheet"]["sheets"]
    assert sheet["properties"] == {"title": "Applications"}
    (row,) = sheet["data"]
    assert row["startRow"] == 1
    assert row["rowData"][0]["values"][:3] == [{"effectiveValue": {"stringValue": v}} for v in ("a1", "Acme", "Lead")]


def test_dimensions_validation_conditional_formats_and_sort(api: FakeSheetsAPI, sid: str, sh: gspread.Spreadsheet) -> None:
    rule = {"condition": {"type": "ONE_OF_LIST", "values": [{"userEnteredValue": "Applied"}]}, "strict": True}
    cf_rule = {
        "ranges": [{"sheetId": 0, "startRowIndex": 1, "startColumnIndex": 1, "endColumnIndex": 2}],
        "booleanRule": {"condition": {"type": "TEXT_EQ", "values": [{"userEnteredValue": "Acme"}]}, "format": {"textFormat": {"bold": True}}},
    }
    sh.batch_update(
        {
            "requests": [
                {"insertDimension": {"range": {"sheetId": 0, "dimension": "ROWS", "startIndex": 1, "endIndex": 2}}},
                {"appendDimension": {"sheetId": 0, "dimension": "COLUMNS", "length": 4}},
                {"deleteDimension": {"range": {"sheetId": 0, "dimension": "COLUMNS", "startIndex": 2, "endIndex": 3}}},
                {"setDataValidation": {"range": {"sheetId": 0, "startRowIndex": 1, "endRowIndex": 5, "startColumnIndex": 5,
                                                 "endColumnIndex": 6}, "rule": rule}},
                {"addConditionalFormatRule": {"rule": cf_rule, "index": 0}},
                {"sortRange": {"range": {"sheetId": 0, "startRowIndex": 1}, "sortSpecs": [{"dimensionIndex": 1, "sortOrder": "DESCENDING"}]}},
                {"appendCells": {"sheetId": 0, "rows": [{"values": [{"userEnteredValue": {"stringValue": "last"}}]}], "fields": "userEnteredValue"}},
            ]
        }
    )
    # The inserted blank row sorts last (blanks always do); appendCells writes after the last value.
    assert api.grid(sid, "Applications") == [
        ["ID", "Company", "Applied On", "Interviewer Phone"],
        ["a2", "Beta", MARCH_14_2026 + 6],
        ["a1", "Acme", MARCH_14_2026],
        ["last"],
    ]
    assert api.sheet_properties(sid, "Applications")["gridProperties"] == {"rowCount": 1001, "columnCount": 29}
    assert api.cell_data(sid, "Applications", "F3")["dataValidation"] == rule
    metadata = sh.fetch_sheet_metadata()
    assert metadata["sheets"][0]["conditionalFormats"] == [cf_rule]


def test_add_rename_and_delete_worksheets(api: FakeSheetsAPI, sid: str, sh: gspread.Spreadsheet) -> None:
    notes = sh.add_worksheet("Notes", rows=10, cols=3)
    assert (notes.index, notes.row_count, notes.col_count) == (2, 10, 3)
    notes.update_title("Archive")
    assert api.tabs(sid) == ["Applications", "Follow-ups", "Archive"]
    sh.del_worksheet(notes)
    assert api.tabs(sid) == ["Applications", "Follow-ups"]


def test_a_failing_request_leaves_the_batch_unapplied(api: FakeSheetsAPI, sid: str, sh: gspread.Spreadsheet) -> None:
    with pytest.raises(gspread.exceptions.APIError) as raised:
        sh.batch_update(
            {
                "requests": [
                    {"addSheet": {"properties": {"title": "New"}}},
                    {"addSheet": {"properties": {"title": "Applications"}}},
                ]
            }
        )
    assert raised.value.code == 400
    assert raised.value.error["message"] == (
        'Invalid requests[1].addSheet: A sheet with the name "Applications" already exists. Please enter another name.'
    )
    assert api.tabs(sid) == ["Applications", "Follow-ups"]


def test_requests_the_fake_does_not_emulate_fail_loudly(sh: gspread.Spreadsheet) -> None:
    with pytest.raises(NotImplementedError, match="addProtectedRange"):
        sh.batch_update({"requests": [{"addProtectedRange": {"protectedRange": {}}}]})


def test_clear_keeps_formats(api: FakeSheetsAPI, sid: str, ws: gspread.Worksheet) -> None:
    ws.format("A1", {"textFormat": {"bold": True}})
    ws.spreadsheet.values_batch_clear(body={"ranges": ["Applications!A1:B1", "'Follow-ups'!A1"]})
    assert api.cell_data(sid, "Applications", "A1") == {"userEnteredFormat": {"textFormat": {"bold": True}}}
    assert api.grid(sid, "Applications")[0][:3] == ["", "", "Job Title"]
    assert api.grid(sid, "Follow-ups") == [["", "Application ID", "Date"]]


# ------------------------------------------------------------------------------ Drive


def test_create_open_by_title_copy_and_delete(api: FakeSheetsAPI, gc: gspread.Client, sid: str) -> None:
    created = gc.create("Second search")
    assert created.sheet1.title == "Sheet1"
    assert gc.open("Job search").id == sid
    duplicate = gc.copy(sid, title="Backup", copy_comments=False)
    assert api.grid(duplicate.id, "Applications") == api.grid(sid, "Applications")
    gc.del_spreadsheet(created.id)
    assert created.id not in api.spreadsheet_ids()


# ------------------------------------------------------------------------------ faults


def test_429_is_the_real_quota_error_and_the_next_request_succeeds(api: FakeSheetsAPI, ws: gspread.Worksheet) -> None:
    api.fail_next(1, 429)
    with pytest.raises(gspread.exceptions.APIError) as raised:
        ws.get_all_values()
    error = raised.value.error
    assert raised.value.code == 429 and error["status"] == "RESOURCE_EXHAUSTED"
    assert error["details"][0]["reason"] == "RATE_LIMIT_EXCEEDED"
    assert "Read requests per minute per user" in error["message"]
    assert ws.get_all_values()[0] == HEADER


@pytest.mark.parametrize(("status", "api_status"), [(500, "INTERNAL"), (503, "UNAVAILABLE"), (401, "UNAUTHENTICATED"), (403, "PERMISSION_DENIED")])
def test_injected_errors_become_api_errors(api: FakeSheetsAPI, ws: gspread.Worksheet, status: int, api_status: str) -> None:
    api.fail_next(status=status)
    with pytest.raises(gspread.exceptions.APIError) as raised:
        ws.update([["x"]], "F2")
    assert (raised.value.code, raised.value.error["status"]) == (status, api_status)


def test_timeout_raises_from_the_transport_and_changes_nothing(api: FakeSheetsAPI, sid: str, ws: gspread.Worksheet) -> None:
    api.fail_next(timeout=True)
    with pytest.raises(requests.exceptions.ReadTimeout):
        ws.update([["x"]], "F2")
    assert api.requests_log[-1].status is None
    assert len(api.grid(sid, "Applications")[1]) == 4


def test_a_timeout_after_serving_means_the_write_happened(api: FakeSheetsAPI, sid: str, ws: gspread.Worksheet) -> None:
    api.fail_next(timeout=True, after_serving=True)
    with pytest.raises(requests.exceptions.ReadTimeout):
        ws.append_row(["a3", "Gamma"])
    assert api.grid(sid, "Applications")[3] == ["a3", "Gamma"]  # a blind retry would duplicate it


def test_faults_only_hit_matching_requests(api: FakeSheetsAPI, ws: gspread.Worksheet) -> None:
    api.fail_next(2, 503, method="PUT")
    ws.get_all_values()  # a GET is not affected
    for _ in range(2):
        with pytest.raises(gspread.exceptions.APIError):
            ws.update([["x"]], "F2")
    ws.update([["x"]], "F2")
    assert [r.status for r in api.requests_log[-4:]] == [200, 503, 503, 200]


def test_gspread_backoff_client_retries_through_the_fake(api: FakeSheetsAPI, sid: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gspread.http_client.time, "sleep", lambda seconds: None)
    client = api.client(http_client=gspread.BackOffHTTPClient)
    api.fail_next(2, 429)
    assert client.open_by_key(sid).title == "Job search"
    assert [r.status for r in api.requests_log] == [429, 429, 200]


def test_revoked_credentials_answer_401(api: FakeSheetsAPI, ws: gspread.Worksheet) -> None:
    api.revoke_credentials()
    with pytest.raises(gspread.exceptions.APIError) as raised:
        ws.get_all_values()
    assert (raised.value.code, raised.value.error["status"]) == (401, "UNAUTHENTICATED")
    api.restore_credentials()
    assert ws.get_all_values()[0] == HEADER


def test_denied_spreadsheet_answers_403(api: FakeSheetsAPI, gc: gspread.Client, sid: str, ws: gspread.Worksheet) -> None:
    api.deny(sid)
    with pytest.raises(gspread.exceptions.APIError) as raised:
        ws.get_all_values()
    assert raised.value.code == 403
    assert raised.value.error["message"] == "The caller does not have permission"
    with pytest.raises(PermissionError):
        gc.open_by_key(sid)


def test_nothing_reaches_the_network(api: FakeSheetsAPI) -> None:
    with pytest.raises(requests.exceptions.ConnectionError):
        api.session().get("https://example.com/")


# ------------------------------------------------------------------------------ a person editing by hand


def test_hand_edit_between_read_and_write(api: FakeSheetsAPI, sid: str, ws: gspread.Worksheet) -> None:
    rows = ws.get_all_values()
    row_of_beta = next(i for i, row in enumerate(rows, start=1) if row[1] == "Beta")

    # Before the app's next request, the person inserts a row above Beta on their phone.
    api.before_request(lambda fake, record: fake.insert_row(sid, "Applications", 2, ["a0", "Zeta"]))
    ws.update([["Offer"]], f"F{row_of_beta}")

    grid = api.grid(sid, "Applications")
    assert grid[2][:2] == ["a1", "Acme"] and grid[2][5] == "Offer"  # the stale row number hit Acme
    assert grid[3][:2] == ["a2", "Beta"]


def test_hooks_run_once_and_can_filter_by_method(api: FakeSheetsAPI, sid: str, ws: gspread.Worksheet) -> None:
    seen: list[str] = []

    def person_sorts(fake: FakeSheetsAPI, record: RequestRecord) -> None:
        seen.append(record.method)
        fake.sort_rows(sid, "Applications", 1, descending=True)

    api.before_request(person_sorts, method="PUT")
    ws.get_all_values()
    assert seen == []
    ws.update([["x"]], "F9")
    ws.update([["y"]], "F9")
    assert seen == ["PUT"]
    assert [row[1] for row in api.grid(sid, "Applications")[1:3]] == ["Beta", "Acme"]


def test_repeating_hook(api: FakeSheetsAPI, sid: str, ws: gspread.Worksheet) -> None:
    counter = iter(range(100))
    api.before_request(lambda fake, record: fake.set_cell(sid, "Applications", "G1", str(next(counter))), once=False)
    ws.acell("A1")
    assert ws.acell("G1").value == "1"


def test_hand_edits(api: FakeSheetsAPI, sid: str, ws: gspread.Worksheet) -> None:
    api.set_cell(sid, "Applications", "D3", "3/14/2026")
    api.delete_row(sid, "Applications", 2)
    api.move_column(sid, "Applications", 1, 0)
    assert api.grid(sid, "Applications") == [
        ["Company", "ID", "Job Title", "Applied On", "Interviewer Phone"],
        ["Beta", "a2", "Analyst", MARCH_14_2026],
    ]
    assert api.sheet_properties(sid, "Applications")["gridProperties"]["rowCount"] == 999
    assert ws.get("D2")[0][0] == "2026-03-14"  # D3 was already a yyyy-mm-dd date cell


# ------------------------------------------------------------------------------ counting


def test_requests_and_bytes_are_counted(api: FakeSheetsAPI, sid: str, ws: gspread.Worksheet) -> None:
    api.reset_counters()
    assert (api.request_count, api.bytes_sent, api.bytes_received) == (0, 0, 0)

    ws.update([["a3", "Gamma"]], "A4")
    (put,) = api.requests_log
    assert (put.method, put.path, put.query["valueInputOption"]) == (
        "PUT",
        f"/v4/spreadsheets/{sid}/values/'Applications'!A4",
        ["RAW"],
    )
    assert put.json == {"values": [["a3", "Gamma"]], "majorDimension": None}
    assert api.bytes_sent == len(put.body) > 0

    answer = api.session().get(f"{SHEETS}/{sid}/values/Applications")
    assert api.request_count == 2
    assert api.requests_log[-1].bytes_received == len(answer.content)
    assert api.bytes_received == sum(r.bytes_received for r in api.requests_log)
    assert api.count(method="GET") == 1 and api.count(path_contains="/values/") == 2


def test_reading_the_whole_tab_costs_one_request(api: FakeSheetsAPI, ws: gspread.Worksheet) -> None:
    api.reset_counters()
    ws.get_all_records()
    assert api.request_count == 1
    assert json.loads(api.session().get(api.requests_log[0].url).content)["range"] == "Applications!A1:Z1000"


# ------------------------------------------------------------------------------ prettyPrint


def test_answers_are_pretty_printed_unless_asked_for_compact_json(api: FakeSheetsAPI, sid: str) -> None:
    url = f"{SHEETS}/{sid}/values:batchGet?ranges=Applications"
    pretty = api.session().get(url)
    compact = api.session().get(url + "&prettyPrint=false")
    assert json.loads(compact.content) == json.loads(pretty.content)
    assert b"\n" in pretty.content.strip() and b"\n" not in compact.content.strip()
    assert b": " not in compact.content and b", " not in compact.content
    assert api.requests_log[-1].bytes_received == len(compact.content) < len(pretty.content)
    assert api.session().get(url + "&prettyPrint=true").content == pretty.content
