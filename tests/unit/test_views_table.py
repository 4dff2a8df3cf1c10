"""The Applications table as shown: blank cells empty, dates readable and sortable, links only to web addresses."""

from __future__ import annotations

from datetime import date, datetime

from lib.domain.model import applications_frame
from lib.views.table import DEFAULT_COLUMNS, choosable_columns, own_columns, table_view


def frame():
    return applications_frame([
        {"Company": "Acme", "Job Title": "Analyst", "Applied On": date(2026, 10, 1), "Interview On": datetime(2026, 10, 9, 14, 30),
         "Job Link": "https://acme.example/jobs/1", "Salary": "£40k"},
        {"Company": "Birch", "Job Title": "Engineer", "Job Link": "javascript:alert(1)", "Interviewer LinkedIn": "Sam on LinkedIn"},
        {"Company": "Cedar", "Job Title": "Lead", "Applied On": date(2026, 9, 30), "Interview On": datetime(2026, 10, 2)},
    ])


def test_blank_cells_are_empty_text_never_none() -> None:
    view = table_view(frame(), [*DEFAULT_COLUMNS, "Interviewer LinkedIn", "Follow-Ups Sent"])
    for column in view.frame.columns:
        for value in view.frame[column]:
            assert value is not None and str(value) not in ("None", "NaT", "nan")
    birch = view.frame.iloc[1]
    assert birch["Applied On"] == "" and birch["Interview On"] == "" and birch["Source"] == ""


def test_dates_read_as_iso_days_with_a_time_only_when_given() -> None:
    view = table_view(frame(), ["Applied On", "Interview On"])
    assert list(view.frame["Applied On"]) == ["2026-10-01", "", "2026-09-30"]
    assert list(view.frame["Interview On"]) == ["2026-10-09 14:30", "", "2026-10-02"]
    assert sorted(v for v in view.frame["Applied On"] if v) == ["2026-09-30", "2026-10-01"]  # text order is date order
    assert set(view.dates) == {"Applied On", "Interview On"}


def test_link_columns_hold_only_web_addresses() -> None:
    view = table_view(frame(), ["Company", "Job Link", "Interviewer LinkedIn"])
    assert list(view.frame["Job Link"]) == ["https://acme.example/jobs/1", "", ""]
    assert list(view.frame["Interviewer LinkedIn"]) == ["", "", ""]
    assert set(view.links) == {"Job Link", "Interviewer LinkedIn"}


def test_the_persons_own_columns_can_be_shown() -> None:
    apps = frame()
    extra = {"Applications": ["Salary", "Not in the frame"]}
    assert own_columns(apps, extra) == ["Salary"]
    assert choosable_columns(apps, extra)[-1] == "Salary" and "ID" not in choosable_columns(apps, extra)
    view = table_view(apps, ["Company", "Salary", "Unknown"])
    assert list(view.frame.columns) == ["Company", "Salary"]
    assert list(view.frame["Salary"]) == ["£40k", "", ""]


def test_an_empty_frame_gives_an_empty_table() -> None:
    view = table_view(applications_frame([]), DEFAULT_COLUMNS)
    assert view.frame.empty and list(view.frame.columns) == list(DEFAULT_COLUMNS)


def test_a_date_column_is_wide_enough_for_its_longest_date() -> None:
    """Sized to its header, "Interview On" cut "2026-10-09 14:30" short."""
    view = table_view(frame(), ["Applied On", "Interview On", "Last Follow-Up On"])
    assert view.date_width("Interview On") > view.date_width("Applied On")  # a time of day needs more room
    assert view.date_width("Interview On") >= len("2026-10-09 14:30") * 7
    assert view.date_width("Last Follow-Up On") >= len("Last Follow-Up On") * 7  # never narrower than its header
