"""The import preview: headers mapped by name and alias, rows as stored, problems and likely duplicates."""

from __future__ import annotations

import time
from datetime import date, datetime

import pytest

from lib.domain.model import applications_frame
from lib.io.store.local import LocalStore
from lib.io.tabular import read_table
from lib.views.importing import (
    NOT_IMPORTED,
    flag_text,
    mapping_problems,
    preview_frame,
    preview_rows,
    proposed_mapping,
    records_to_import,
)
from tests.unit.test_import_reading import HUNTR_CSV, teal_xlsx

TODAY = date(2026, 11, 20)
STORED = [
    {"ID": "A-old1", "Company": "Acme Analytics", "Job Title": "Data Engineer", "Job Link": "https://acme-analytics.com/jobs/99"},
    {"ID": "A-old2", "Company": "Brill", "Job Title": "product manager", "Status": "Applied"},
]


def huntr():
    table = read_table("huntr.csv", HUNTR_CSV)
    return table, proposed_mapping(table.raw.header)


def test_huntr_headers_map_by_alias():
    _table, mapping = huntr()
    assert mapping == ["Company", "Job Title", "Applied On", "Status", "Job Link", "Interviewer Email", NOT_IMPORTED]
    assert mapping_problems(mapping) == []


def test_a_files_own_id_column_is_not_imported():
    assert proposed_mapping(["ID", "Company", "Role"]) == [NOT_IMPORTED, "Company", "Job Title"]


def test_an_unknown_header_is_left_for_the_person_to_map():
    table = read_table("teal.xlsx", teal_xlsx())
    mapping = proposed_mapping(table.raw.header)
    assert mapping[:2] == ["Company", NOT_IMPORTED]  # "Job Position" is no name the schema knows
    assert mapping_problems(mapping) == ["No column of the file is set to 'Job Title'."]
    mapping[1] = "Job Title"
    assert mapping_problems(mapping) == []
    mapping[2] = "Company"
    assert mapping_problems(mapping) == ["Two columns of the file are set to 'Company'; choose one."]


def test_rows_are_shown_as_they_will_be_stored():
    table, mapping = huntr()
    rows = preview_rows(table, mapping, applications_frame([]), TODAY, day_first=False)
    assert [r.row for r in rows] == [2, 3, 5]  # the blank row 4 is skipped
    first, second, third = rows
    assert first.values["Applied On"] == datetime(2026, 10, 2)
    assert second.values["Applied On"] == datetime(2026, 10, 14)  # month first, as asked
    assert second.values["Status"] == "Interviewing"  # "Interview" is a synonym
    assert second.values["Job Link"] == "https://brill.co.uk/careers/pm-123"
    assert third.values["Company"] == "Cobalt, Inc." and third.values["Status"] == "Wishlist"
    assert not any(r.flagged for r in rows)
    frame = preview_frame(rows, mapping)
    assert list(frame.columns) == ["Row", "Company", "Job Title", "Job Link", "Status", "Applied On", "Interviewer Email", "Flag"]
    assert frame.iloc[0]["Applied On"] == "2026-10-02" and frame.iloc[2]["Applied On"] == ""


def test_columns_left_out_can_be_kept_in_notes():
    table, mapping = huntr()
    rows = preview_rows(table, mapping, applications_frame([]), TODAY, keep_others=True)
    assert [r.record().get("Notes") for r in rows] == ["Also in the file: Salary: 60k", None, "Also in the file: Salary: line one\nline two"]
    assert "Notes" in preview_frame(rows, mapping).columns
    assert "Notes" not in records_to_import(preview_rows(table, mapping, applications_frame([]), TODAY))[0]


def test_a_date_that_cannot_be_read_is_listed_and_the_person_decides():
    table, mapping = huntr()
    rows = preview_rows(table, mapping, applications_frame([]), TODAY)  # 10/14/2026 is only month first anyway
    assert not rows[1].problems
    bad = read_table("x.csv", b"Company,Role,Applied,Stage\nAcme,Analyst,sometime,Phone Screen\n")
    [row] = preview_rows(bad, proposed_mapping(bad.raw.header), applications_frame([]), TODAY)
    assert [p.column for p in row.problems] == ["Applied On", "Status"]
    assert "'sometime' is not a date" in flag_text(row)
    assert row.importable and row.flagged
    assert records_to_import([row]) == []  # left out unless the person ticks it
    [record] = records_to_import([row], {row.index: True})
    assert record["Applied On"] is None and record["Status"] == ""
    assert record["Notes"] == "Imported, not read: Applied On: sometime; Status: Phone Screen"


def test_a_row_without_a_company_cannot_be_imported_whatever_is_chosen():
    bad = read_table("x.csv", b"Company,Role\n,Analyst\nAcme,\n")
    rows = preview_rows(bad, proposed_mapping(bad.raw.header), applications_frame([]), TODAY)
    assert [flag_text(r) for r in rows] == ["Company is required.", "Job Title is required."]
    assert records_to_import(rows, {r.index: True for r in rows}) == []


def test_an_email_that_is_no_email_is_a_problem():
    bad = read_table("x.csv", b"Company,Role,Contact Email\nAcme,Analyst,sam at acme\n")
    [row] = preview_rows(bad, proposed_mapping(bad.raw.header), applications_frame([]), TODAY)
    assert [p.column for p in row.problems] == ["Interviewer Email"]


def test_likely_duplicates_of_stored_applications_are_flagged_distinct_roles_are_not():
    data = (b"Company Name,Position,URL\n"
            b"Acme Analytics,Data Analyst,https://www.acme-analytics.com/jobs/99/?utm_source=x\n"  # same link as A-old1
            b"Brill Ltd,Product Manager,\n"  # same company (legal form aside) and title as A-old2
            b"Brill Ltd,Product Designer,\n"  # another role at Brill: new
            b"Acme Analytics,Data Scientist,\n")
    table = read_table("x.csv", data)
    rows = preview_rows(table, proposed_mapping(table.raw.header), applications_frame(STORED), TODAY)
    assert [[d.app_id for d in r.duplicates] for r in rows] == [["A-old1"], ["A-old2"], [], []]
    assert [d.reason for d in rows[0].duplicates] == ["same job link"]
    assert [r["Job Title"] for r in records_to_import(rows)] == ["Product Designer", "Data Scientist"]
    kept = records_to_import(rows, {rows[1].index: True})
    assert [r["Job Title"] for r in kept] == ["Product Manager", "Product Designer", "Data Scientist"]


def test_a_row_repeated_in_the_file_is_flagged():
    table = read_table("x.csv", b"Company,Role\nAcme,Analyst\nACME Inc.,analyst\nAcme,Engineer\n")
    rows = preview_rows(table, proposed_mapping(table.raw.header), applications_frame([]), TODAY)
    assert [r.repeats for r in rows] == [None, 2, None]
    assert "Probably repeats row 2 of this file" in flag_text(rows[1])


def test_an_excel_import_lands_below_the_stored_rows(tmp_path):
    store = LocalStore(tmp_path / "data")
    store.replace_all(STORED, [], {})
    table = read_table("teal.xlsx", teal_xlsx())
    mapping = proposed_mapping(table.raw.header)
    mapping[1] = "Job Title"
    rows = preview_rows(table, mapping, store.load(TODAY).applications, TODAY)
    ids = store.add_applications(records_to_import(rows))
    data = store.load(TODAY)
    assert list(data.applications["ID"]) == ["A-old1", "A-old2", *ids]
    delta = data.application(ids[0])
    assert (delta["Company"], delta["Job Title"], delta["Location"], delta["Status"]) == ("Delta Inc.", "Designer", "Leeds", "Interviewing")
    assert delta["Applied On"] == datetime(2026, 10, 20) and delta["Follow-Ups Sent"] == 2
    assert data.application(ids[1])["Applied On"] == datetime(2026, 11, 1)  # a DATE column keeps the day
    again = preview_rows(table, mapping, data.applications, TODAY)
    assert records_to_import(again) == []  # importing the same file twice adds nothing unasked


@pytest.mark.parametrize("n", [2000])
def test_a_large_export_previews_quickly(n):
    lines = ["Company,Role,Date Applied,Stage,URL"] + [
        f"Company {i % 700},Role {i},2026-{1 + i % 12:02d}-{1 + i % 28:02d},Applied,https://jobs.example/{i}" for i in range(n)
    ]
    table = read_table("big.csv", "\n".join(lines).encode())
    stored = applications_frame([{"Company": f"Company {i}", "Job Title": f"Role {i}"} for i in range(300)])
    started = time.perf_counter()
    rows = preview_rows(table, proposed_mapping(table.raw.header), stored, TODAY)
    elapsed = time.perf_counter() - started
    assert len(rows) == n
    assert sum(bool(r.duplicates) for r in rows) == 300
    print(f"preview of {n} rows against 300 stored: {elapsed:.2f}s")
