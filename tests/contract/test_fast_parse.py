"""The columnar read of an all-text table (a CSV file) reads exactly as the cell-by-cell read does.

The fast path parses each distinct value once and ISO dates in one go; whatever the cells,
it must give the same typed frame and the same data issues as reading every cell on its own.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from lib.domain.schema import APPLICATIONS, FOLLOWUPS
from lib.io.parse import RawTable, parse_tab

TODAY = date(2026, 11, 22)
ODD_DAYS = ["2026-03-14", "2026-02-30", "14/03/2026", "3/4/2026", " 2026-03-14 ", "2026-03-14 10:30", "2026-03-14 25:00",
            "today", "", "  ", "45000", "Mar 14", "2026-03-14T10:30", "not a date", "2026-3-4", "2026-03-14 10:30:15"]


def table(tab, rows: list[list[str]], header: list[str] | None = None) -> tuple[RawTable, RawTable]:
    header = header or list(tab.headers)
    return (RawTable(list(header), [list(r) for r in rows], text_only=True), RawTable(list(header), [list(r) for r in rows]))


def same(tab, fast: RawTable, slow: RawTable, day_first=None) -> None:
    f_frame, f_issues, f_notes, f_extra = parse_tab(tab, fast, TODAY, day_first=day_first)
    s_frame, s_issues, s_notes, s_extra = parse_tab(tab, slow, TODAY, day_first=day_first)
    pd.testing.assert_frame_equal(f_frame, s_frame)
    assert f_issues == s_issues
    assert (f_notes, f_extra) == (s_notes, s_extra)


def row(tab, **cells: str) -> list[str]:
    return [cells.get(h.replace(" ", "_").replace("-", "_"), "") for h in tab.headers]


@pytest.mark.parametrize("day_first", [None, True, False])
def test_odd_dates_counts_and_choices_read_the_same(day_first):
    rows = []
    for n, day in enumerate(ODD_DAYS * 3):
        rows.append([f"A-{n % 40}", "Acme" if n % 5 else "", "Analyst", "", "", "", ["Applied", "interview", "Nope", ""][n % 4],
                     day, ODD_DAYS[(n + 3) % len(ODD_DAYS)], "", "", "", "", "", "", day, "", "", "", "", "", ["1", "x", "", "-2", "3.0"][n % 5]])
    rows.insert(5, [""] * 25)
    rows.insert(9, ["   ", ""])
    rows.append(["A-short", "Short Ltd"])
    same(APPLICATIONS, *table(APPLICATIONS, rows), day_first=day_first)


def test_blank_ids_extra_columns_and_moved_headers_read_the_same():
    header = ["Notes", "Company", "ID", "My own", "Job Title", "Applied On"]
    rows = [["n1", "Acme", "", "x", "Dev", "2026-01-02"], ["", "Beta", "A-1", "", "Ops", "2026-13-01"],
            ["n3", "Beta", "A-1", "y", "", ""], ["", "", "", "", "", ""], ["", "Gamma", " A-2 ", "", "QA", "02/01/2026"]]
    same(APPLICATIONS, *table(APPLICATIONS, rows, header))


def test_history_rows_read_the_same():
    rows = [["F-1", "A-1", "Acme", "Dev", "2026-03-14 10:30", "Sent", "email", "Follow-up", "Hi", "Body"],
            ["F-2", "", "", "", "", "Sideways", "", "", "", ""],
            ["F-3", "A-2", "", "", "yesterday", "", "", "", "", ""]]
    same(FOLLOWUPS, *table(FOLLOWUPS, rows))
