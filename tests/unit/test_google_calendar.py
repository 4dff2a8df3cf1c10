"""An "add to Google Calendar" address per planned action: the calendar's own event template."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from urllib.parse import parse_qs, urlsplit

import pytest

from lib.domain.model import applications_frame, followups_frame
from lib.planner.calendar_ics import GOOGLE_CALENDAR, google_calendar_url
from lib.planner.rules import ActionKind, plan
from lib.views.actions import calendar_links

NOW = datetime(2026, 11, 16, 9, 0)  # a Monday
TODAY = NOW.date()
APPS = applications_frame(
    [
        {"ID": "A-1", "Company": "Acme", "Job Title": "Analyst", "Status": "Interviewing", "Interview On": "2026-11-03T10:00",
         "Interviewer": "Ms. Dana Lee", "Thank-You Sent On": "2026-11-03T18:00", "Job Link": "https://jobs.lever.co/acme/1?a=1&b=2"},
        {"ID": "A-2", "Company": "Beta", "Job Title": "Engineer", "Status": "Interviewing", "Interview On": "2026-11-12T10:00",
         "Thank-You Sent On": "2026-11-12T15:00", "Follow-Up Medium": "Phone"},
        {"ID": "A-3", "Company": "Gamma", "Job Title": "Designer", "Status": "Applied", "Applied On": "2026-11-13",
         "Job Link": "javascript:alert(1)"},
        {"ID": "A-4", "Company": "Delta", "Job Title": "Writer", "Status": "Withdrawn"},
        {"ID": "A-5", "Company": "Eps", "Job Title": "Tester", "Status": "Interviewing"},
    ]
)


def _actions():
    return {a.app_id: a for a in plan(APPS, followups_frame([]), NOW)}


def _query(url: str) -> dict[str, str]:
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == GOOGLE_CALENDAR
    query = parse_qs(parts.query, keep_blank_values=True, strict_parsing=True)
    assert all(len(v) == 1 for v in query.values())
    return {k: v[0] for k, v in query.items()}


def test_an_overdue_follow_up_is_an_all_day_event_today_saying_what_to_send_to_whom_and_the_job() -> None:
    url = google_calendar_url(_actions()["A-1"], TODAY, "https://jobs.lever.co/acme/1?a=1&b=2")
    assert url is not None
    query = _query(url)
    assert query["action"] == "TEMPLATE"
    assert query["text"] == "Follow up: Analyst at Acme"
    assert query["dates"] == "20261116/20261117"  # the end day is not included
    assert "Contact: Ms. Dana Lee" in query["details"] and "You interviewed with Dana Lee" in query["details"]
    assert query["details"].endswith("\nJob posting: https://jobs.lever.co/acme/1?a=1&b=2")


def test_a_future_step_is_on_its_due_day() -> None:
    query = _query(google_calendar_url(_actions()["A-3"], TODAY) or "")
    assert query["dates"] == "20261123/20261124"


def test_a_call_is_timed_in_its_window() -> None:
    call = _actions()["A-2"]
    assert call.kind is ActionKind.CALL and call.call_window is not None
    start, end = call.call_window
    query = _query(google_calendar_url(call, TODAY) or "")
    assert query["dates"] == f"{start:%Y%m%dT%H%M%S}/{end:%Y%m%dT%H%M%S}"
    assert query["text"].startswith("Call: ")


def test_nothing_to_do_or_no_day_gets_no_link() -> None:
    actions = _actions()
    assert google_calendar_url(actions["A-4"], TODAY) is None  # withdrawn
    assert google_calendar_url(actions["A-5"], TODAY) is None  # a missing date: no day to put it on


@pytest.mark.parametrize(
    "hostile",
    [
        "Acme & Co?dates=19990101/19990102&action=EDIT#x",
        "[click](javascript:alert(1)) **bold** <script>alert(1)</script>",
        "Line\nbreak\r\n%0A%26 + plus",
        "Ünïcødé — 東京 \u202e",
    ],
)
def test_sheet_text_stays_inside_its_own_query_value(hostile: str) -> None:
    action = replace(_actions()["A-3"], company=hostile, job_title=hostile, reason=hostile, contact=hostile)
    url = google_calendar_url(action, TODAY) or ""
    assert not set(url) & set(" \n\r<>\"'[]#")  # every value percent-encoded
    query = _query(url)
    assert set(query) == {"action", "text", "dates", "details"}
    assert query["action"] == "TEMPLATE" and query["dates"] == "20261123/20261124"
    assert query["text"] == f"Follow up: {hostile} at {hostile}"
    assert query["details"].startswith(hostile)


def test_only_a_web_address_goes_in_as_the_job_link() -> None:
    query = _query(google_calendar_url(_actions()["A-3"], TODAY, "javascript:alert(1)") or "")
    assert "Job posting" not in query["details"] and "javascript" not in query["details"]


def test_links_for_the_plan_by_application() -> None:
    links = calendar_links(_actions().values(), APPS, TODAY)
    assert set(links) == {"A-1", "A-2", "A-3"}
    assert "Job posting: https://jobs.lever.co/acme/1?a=1&b=2" in _query(links["A-1"])["details"]
    assert "Job posting" not in _query(links["A-3"])["details"]  # a javascript: link is no link
    assert calendar_links([], applications_frame([]), TODAY) == {}
