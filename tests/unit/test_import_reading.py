"""Reading another tracker's export: CSV in its own dialect, Excel workbooks written with openpyxl."""

from __future__ import annotations

import io
from datetime import datetime

import pytest
from openpyxl import Workbook

from lib.io.tabular import UnreadableFileError, read_table

HUNTR_CSV = (
    b"Company Name,Position,Date Applied,Stage,URL,Contact Email,Salary\r\n"
    b"Acme Analytics,Data Analyst,2026-10-02,Applied,https://acme-analytics.com/jobs/17?utm_source=huntr,sam@acme-analytics.com,60k\r\n"
    b"Brill Ltd,Product Manager,10/14/2026,Interview,brill.co.uk/careers/pm-123,,\r\n"
    b"\r\n"
    b"\"Cobalt, Inc.\",Backend Engineer,,Wishlist,,,\"line one\nline two\"\r\n"
)


def teal_xlsx(*, title_row: bool = True, extra_sheet: bool = True) -> bytes:
    """A workbook as Teal-style trackers export it: a title row, real dates and numbers, a notes sheet first."""
    book = Workbook()
    first = book.active
    first.title = "Read me"
    first.append(["Exported from a tracker"])
    if not extra_sheet:
        book.remove(first)
    sheet = book.create_sheet("Jobs")
    if title_row:
        sheet.append(["My job search"])
    sheet.append(["Company", "Job Position", "Location", "Status", "Date Applied", "Job URL", "Follow Ups", "Excitement"])
    sheet.append(["Delta Inc.", "Designer", "Leeds", "Interviewing", datetime(2026, 10, 20), "https://delta.io/jobs/designer", 2, 5])
    sheet.append(["Northwind Traders", "Buyer", "Remote", "Applied", datetime(2026, 11, 1, 9, 30), None, None, 3])
    sheet.append([None] * 8)  # formatted but empty rows Excel keeps at the end
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()


def test_csv_export_keeps_its_headers_and_cells():
    table = read_table("huntr.csv", HUNTR_CSV)
    assert table.raw.header == ["Company Name", "Position", "Date Applied", "Stage", "URL", "Contact Email", "Salary"]
    assert table.raw.rows[0][0] == "Acme Analytics"
    assert table.raw.rows[3][0] == "Cobalt, Inc." and table.raw.rows[3][6] == "line one\nline two"
    assert table.row_number(3) == 5  # as the person's spreadsheet numbers it


def test_csv_saved_by_european_excel():
    data = "Firma;Position;Date Applied;Stage\r\nMüller GmbH;Einkäufer;03.11.2026;Applied\r\n".encode("cp1252")
    table = read_table("export.CSV", data)
    assert table.raw.header[1] == "Position"
    assert table.raw.rows[0][:2] == ["Müller GmbH", "Einkäufer"]


def test_xlsx_finds_the_sheet_and_the_header_row_below_a_title():
    table = read_table("teal.xlsx", teal_xlsx())
    assert table.sheet == "Jobs"
    assert table.raw.header[:2] == ["Company", "Job Position"]
    assert table.first_row == 3
    assert table.raw.rows[0][4] == datetime(2026, 10, 20)  # a real date stays a date
    assert table.raw.rows[0][6] == 2
    assert len(table.raw.rows) == 2  # trailing empty rows dropped


def test_xlsx_with_the_header_on_the_first_row():
    table = read_table("teal.xlsx", teal_xlsx(title_row=False, extra_sheet=False))
    assert table.first_row == 2 and table.raw.header[0] == "Company"


@pytest.mark.parametrize("name, data", [
    ("tracker.txt", b"a,b"),
    ("broken.xlsx", b"PK\x03\x04 not really a zip"),
    ("empty.csv", b""),
    ("quotes.csv", b'Company,Position\n"Acme,Analyst\n'),
])
def test_unreadable_files_are_refused_with_a_reason(name, data):
    with pytest.raises(UnreadableFileError) as exc:
        read_table(name, data)
    assert str(exc.value)
