"""The follow-up plan as an .ics calendar."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest
from icalendar import Calendar

from lib.domain.model import applications_frame, followups_frame
from lib.planner.calendar_ics import build_calendar, event_uid
from lib.planner.rules import ActionKind, plan

NOW = datetime(2026, 11, 16, 9, 0)  # a Monday


def _actions(now: datetime = NOW):
    apps = applications_frame(
        [
            # first follow-up due Tue 10 Nov: overdue-ish, lands on today
            {"ID": "A-1", "Company": "Acme", "Job Title": "Analyst", "Status": "Interviewing", "Interview On": "2026-11-03T10:00",
             "Interviewer": "Ms. Dana Lee", "Thank-You Sent On": "2026-11-03T18:00"},
            # phone follow-up: a timed event in the call window
            {"ID": "A-2", "Company": "Beta", "Job Title": "Engineer", "Status": "Interviewing", "Interview On": "2026-11-12T10:00",
             "Thank-You Sent On": "2026-11-12T15:00", "Follow-Up Medium": "Phone"},
            # applied, follow-up later this month
            {"ID": "A-3", "Company": "Gamma", "Job Title": "Designer", "Status": "Applied", "Applied On": "2026-11-13"},
            # nothing to do: left out
            {"ID": "A-4", "Company": "Delta", "Job Title": "Writer", "Status": "Withdrawn"},
            # a missing date: a WAIT with no day, left out
            {"ID": "A-5", "Company": "Eps", "Job Title": "Tester", "Status": "Interviewing"},
        ]
    )
    return plan(apps, followups_frame([]), now)


def _events(data: bytes) -> dict[str, object]:
    cal = Calendar.from_ical(data)
    return {str(e.get("uid")): e for e in cal.walk("VEVENT")}


def test_calendar_parses_back_with_one_event_per_scheduled_action() -> None:
    data = build_calendar(_actions(), NOW)
    cal = Calendar.from_ical(data)
    assert str(cal.get("version")) == "2.0" and cal.get("prodid")
    events = _events(data)
    assert set(events) == {
        "A-1-follow-up-1@job-search-followup",
        "A-2-follow-up-1@job-search-followup",
        "A-3-follow-up-1@job-search-followup",
    }
    for event in events.values():
        assert event.get("dtstamp") and event.get("summary")


def test_events_read_naturally() -> None:
    events = _events(build_calendar(_actions(), NOW))
    first = events["A-1-follow-up-1@job-search-followup"]
    assert str(first.get("summary")) == "Follow up: Analyst at Acme"
    assert "Contact: Ms. Dana Lee" in str(first.get("description"))
    assert "You interviewed with Dana Lee" in str(first.get("description"))


def test_overdue_all_day_event_lands_on_today() -> None:
    event = _events(build_calendar(_actions(), NOW))["A-1-follow-up-1@job-search-followup"]
    assert event.decoded("dtstart") == date(2026, 11, 16)
    assert event.decoded("dtend") == date(2026, 11, 17)


def test_future_event_is_on_its_due_day() -> None:
    event = _events(build_calendar(_actions(), NOW))["A-3-follow-up-1@job-search-followup"]
    assert event.decoded("dtstart") == date(2026, 11, 23)


def test_call_is_timed_in_its_window() -> None:
    actions = _actions()
    call = next(a for a in actions if a.app_id == "A-2")
    assert call.kind is ActionKind.CALL
    event = _events(build_calendar(actions, NOW))["A-2-follow-up-1@job-search-followup"]
    assert (event.decoded("dtstart"), event.decoded("dtend")) == call.call_window
    assert str(event.get("summary")).startswith("Call: ")


def test_uids_are_stable_across_builds() -> None:
    first = build_calendar(_actions(NOW), NOW)
    later = datetime(2026, 11, 18, 9, 0)
    second = build_calendar(_actions(later), later)
    assert list(_events(first)) == list(_events(second))
    assert build_calendar(_actions(NOW), NOW) == first


@pytest.mark.parametrize(("app_id", "uid"), [("A-0001", "A-0001-"), ("row 12/x", "row-12-x-"), ("", "application-")])
def test_uid_is_safe_text(app_id: str, uid: str) -> None:
    action = _actions()[0]
    assert event_uid(replace(action, app_id=app_id)).startswith(uid)


def test_empty_plan_is_still_a_valid_calendar() -> None:
    cal = Calendar.from_ical(build_calendar([], NOW))
    assert cal.walk("VEVENT") == []
