"""A corpus of messy and hostile sheets, as people really leave them, for tests/contract/test_hostile_sheets.py.

Each `Case` is what the person typed into each tab (row 1 is the header, as typed), which tab
is missing, and which cells are planted wrong (each must come back as a data issue naming
that cell). Sheet row 2 is always the application the write tests edit, when there is one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lib.domain.schema import APPLICATIONS, FOLLOWUPS, SETTINGS, column_letter

A, F, S = APPLICATIONS.title, FOLLOWUPS.title, SETTINGS.title
HEADERS = APPLICATIONS.headers
BOTH = ("local", "gsheets")


@dataclass
class Case:
    """One hostile spreadsheet."""

    name: str
    tabs: dict[str, list[list[Any]] | None]  # None: the tab (or CSV file) is not there at all
    planted: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)  # (DataIssue.where, backends)
    edit: bool = True  # sheet row 2 holds an application to edit

    def expected(self, backend: str) -> list[str]:
        return [where for where, backends in self.planted if backend in backends]


def record(**values: Any) -> dict[str, Any]:
    return values


TARGET = record(ID="A-target", Company="Target Co", **{
    "Job Title": "Data Analyst", "Location": "Remote", "Job Link": "https://jobs.example/1", "Source": "LinkedIn",
    "Status": "Interviewing", "Applied On": "2026-10-01", "Interview On": "2026-10-20 10:00", "Interview Round": "First",
    "Interviewer": "Dana Lee", "Interviewer Email": "dana@example.com", "Topics Discussed": "dashboards",
    "Follow-Ups Sent": "1", "Last Follow-Up On": "2026-10-28 09:00", "Follow-Up Medium": "Email", "Notes": "first note",
})
OTHER = record(ID="A-other", Company="Other Ltd", **{
    "Job Title": "Engineer", "Status": "Applied", "Applied On": "2026-09-15", "Notes": "second note",
})
HISTORY = [
    FOLLOWUPS.headers,
    ["F-1", "A-target", "Target Co", "Data Analyst", "2026-10-21 08:00", "Sent", "Email", "Thank-you", "Thanks", ""],
    ["F-2", "A-target", "Target Co", "Data Analyst", "2026-10-28 09:00", "Sent", "Email", "Follow-up", "Checking in", ""],
]
SETTINGS_GRID = [SETTINGS.headers, ["profile.name", "Sam Ortiz"]]


def grid(header: list[str], *records: dict[str, Any], fill: dict[str, Any] | None = None) -> list[list[Any]]:
    """Return a tab as typed: the header, then each record's values under the header's names."""
    rows = [list(header)]
    for r in records:
        r = {**r, **(fill or {})}
        rows.append([r.get(h, "") for h in header])
    return rows


def tabs(apps: list[list[Any]] | None, history: list[list[Any]] | None = HISTORY,
         settings: list[list[Any]] | None = SETTINGS_GRID) -> dict[str, list[list[Any]] | None]:
    return {A: apps, F: history, S: settings}


def at(header: list[str], sheet_row: int, name: str, tab: str = A) -> str:
    """Return the `where` of a cell: "Applications!H5 (Applied On)"."""
    return f"{tab}!{column_letter(header.index(name))}{sheet_row} ({name.strip()})"


def missing_column(name: str) -> Case:
    header = [h for h in HEADERS if h != name]
    planted = []
    if APPLICATIONS.column(name).required:
        planted.append((f"{A} row 1 ({name})", BOTH))
    return Case(f"missing {name}", tabs(grid(header, TARGET, OTHER)), planted)


MISSING = [missing_column(h) for h in HEADERS]


def _dates() -> Case:
    header = list(HEADERS)
    # (Applied On, Interview On, which backends cannot read it). A Google Sheet turns what
    # it recognises into real dates as it is typed (en_US), so some shapes are fine there.
    shapes: list[tuple[str, str, tuple[str, ...]]] = [
        ("2026-03-14", "2026-03-20 14:30", ()),
        ("3/14/2026", "3/20/2026 2:30 PM", ()),
        ("14/03/2026", "20/03/2026 14:30", ()),  # day first: only one reading is possible
        ("14.03.2026", "20.03.2026", ()),
        ("14 Mar 2026", "20 March 2026", ()),
        ("March 14, 2026", "Fri 20 Mar 2026 10:00", ()),
        ("2026/03/14", "46101.5", ()),
        ("46095", "Mar 20", ()),
        ("3/4/2026", "yesterday", ("local",)),  # ambiguous as text; Sheets (en_US) reads March 4
        ("2026-02-30", "tomorrow", BOTH),  # no such day
        ("13/13/2026", "", BOTH),  # neither number can be the month
        ("2026年3月14日", "", BOTH),
        ("14 mars 2026", "", BOTH),
        ("next week", "", BOTH),
    ]
    rows = [record(**TARGET)]
    planted: list[tuple[str, tuple[str, ...]]] = []
    for n, (applied, interview, bad) in enumerate(shapes, start=3):
        rows.append(record(ID=f"A-d{n}", Company=f"Dates {n}", **{"Job Title": "Analyst", "Status": "Applied",
                                                                 "Applied On": applied, "Interview On": interview}))
        if bad:
            planted.append((at(header, n, "Applied On"), bad))
    history = [list(r) for r in HISTORY] + [["F-3", "A-target", "", "", "the 3rd-ish", "Sent", "Email", "Other", "", ""]]
    planted.append((f"{F}!E4 (Date)", BOTH))
    return Case("dates in many shapes and locales", tabs(grid(header, *rows), history), planted)


def _numbers() -> Case:
    header = list(HEADERS)
    weird = record(ID="A-num", Company=12345, **{"Job Title": 3.14, "Status": "3", "Follow-Ups Sent": "two",
                                                  "Interviewer Phone": "07700900123", "Location": "1e5"})
    negative = record(ID="A-neg", Company="Neg", **{"Job Title": "T", "Follow-Ups Sent": "-1"})
    half = record(ID="A-half", Company="Half", **{"Job Title": "T", "Follow-Ups Sent": "1.5", "Follow-Up Medium": "42"})
    planted = [(at(header, 3, "Status"), BOTH), (at(header, 3, "Follow-Ups Sent"), BOTH),
               (at(header, 4, "Follow-Ups Sent"), BOTH), (at(header, 5, "Follow-Ups Sent"), BOTH),
               (at(header, 5, "Follow-Up Medium"), BOTH)]
    return Case("numbers where text belongs", tabs(grid(header, TARGET, weird, negative, half)), planted)


def _formulas() -> Case:
    header = list(HEADERS)
    rows = [
        record(**TARGET),
        record(ID="A-f1", Company='=HYPERLINK("http://evil.example","Acme")', **{"Job Title": "=1+1", "Notes": "=A1",
                                                                               "Applied On": "=1/0"}),
        record(ID="A-f2", Company="=CONCATENATE(\"a\",\"b\")", **{"Job Title": "Analyst", "Status": "=UPPER(\"applied\")",
                                                                "Follow-Ups Sent": "=1+1"}),
    ]
    # A Google Sheet computes the formulas (UPPER gives a status, 1+1 a number); the CSV keeps them as text.
    planted = [(at(header, 3, "Applied On"), BOTH), (at(header, 4, "Status"), ("local",)),
               (at(header, 4, "Follow-Ups Sent"), ("local",))]
    return Case("formulas", tabs(grid(header, *rows)), planted)


def _errors() -> Case:
    header = list(HEADERS)
    rows = [record(**TARGET),
            record(ID="A-e1", Company="#VALUE!", **{"Job Title": "#REF!", "Applied On": "#REF!", "Interview On": "#N/A",
                                                   "Follow-Ups Sent": "#DIV/0!", "Status": "#N/A"})]
    planted = [(at(header, 3, name), BOTH) for name in ("Applied On", "Interview On", "Follow-Ups Sent", "Status")]
    return Case("#REF! and other error values", tabs(grid(header, *rows)), planted)


def _duplicated_headers() -> Case:
    header = list(HEADERS) + ["Company", "  notes "]
    rows = grid(header, TARGET, OTHER)
    rows[1][-2:] = ["Shadow Co", "shadow note"]
    return Case("duplicated headers", tabs(rows), [(f"{A}!{column_letter(len(HEADERS))}1 (Company)", BOTH),
                                                          (f"{A}!{column_letter(len(HEADERS) + 1)}1 (notes)", BOTH)])


def _blank_headers() -> Case:
    header = list(HEADERS)
    header.insert(3, "")
    header.insert(11, "   ")
    rows = grid(header, TARGET, OTHER)
    for r in rows[1:]:
        r[3], r[11] = "under a blank header", "also unlabelled"
    return Case("blank headers with data under them", tabs(rows))


def _reordered() -> Case:
    header = list(reversed(HEADERS))
    return Case("reordered headers", tabs(grid(header, TARGET, OTHER)))


def _odd_case() -> Case:
    names = {"Company": "  company ", "Job Title": "JOB TITLE", "Applied On": "applied  on", "Follow-Ups Sent": "follow ups sent",
             "Thank-You Sent On": "Thank You Sent On", "Interviewer LinkedIn": "interviewer linkedin ", "Notes": "NOTES"}
    header = [names.get(h, h) for h in HEADERS]
    rows = grid(HEADERS, TARGET, OTHER)
    rows[0] = header
    rows[0][HEADERS.index("Location")] = "City"  # an alias
    return Case("odd case, spaces and aliases in headers", tabs(rows))


def _merged_rows() -> Case:
    header = list(HEADERS)
    title = [""] * len(header)
    title[1] = "— October applications —"
    rows = grid(header, TARGET) + [title, [], [""] * len(header)] + grid(header, OTHER)[1:]
    return Case("blank and merged-looking rows", tabs(rows), [(at(header, 3, "Job Title"), BOTH)])


def _long_cells() -> Case:
    long = ("Long notes about the interview. " * 160)[:5000]
    return Case("5,000-character cells", tabs(grid(list(HEADERS), TARGET, OTHER, fill={"Topics Discussed": long, "Notes": long})))


def _unicode() -> Case:
    target = record(**{**TARGET, "Company": "🚀 Rocket Labs 👩‍💻", "Job Title": "מהנדס נתונים",
                       "Interviewer": "Zoë Ñúñez-Łukasz", "Notes": "ملاحظة: اتصل يوم الأحد", "Location": "東京"})
    return Case("emoji and right-to-left text", tabs(grid(list(HEADERS), target, OTHER)))


def _unlabelled_end_column() -> Case:
    header = [h for h in HEADERS if h != "Notes"]
    rows = grid(header, TARGET, OTHER)
    for r in rows[1:]:
        r.append("kept in a column with no header")
    return Case("data in an unlabelled column at the end, Notes missing", tabs(rows))


CASES_OTHER = [
    _dates(),
    _numbers(),
    _formulas(),
    _errors(),
    _duplicated_headers(),
    _blank_headers(),
    _reordered(),
    _odd_case(),
    _merged_rows(),
    _long_cells(),
    _unicode(),
    _unlabelled_end_column(),
    Case("Follow-ups tab missing", tabs(grid(list(HEADERS), TARGET, OTHER), history=None), [(F, ("gsheets",))]),
    Case("Settings tab missing", tabs(grid(list(HEADERS), TARGET, OTHER), settings=None), []),
    Case("Settings without a header", tabs(grid(list(HEADERS), TARGET, OTHER), settings=[["profile.name", "Sam"]])),
    Case("Applications tab missing", tabs(None), [(A, ("gsheets",))], edit=False),
    Case("empty sheet, no header at all", tabs([]), [(f"{A} row 1 (Company)", BOTH), (f"{A} row 1 (Job Title)", BOTH)], edit=False),
    Case("every tab empty", {A: [], F: [], S: []}, [(f"{A} row 1 (Company)", BOTH)], edit=False),
]

CASES = MISSING + CASES_OTHER
BY_NAME = {c.name: c for c in CASES}
