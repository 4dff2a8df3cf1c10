"""What the Follow-up page says after "Log as sent": the message logged, and the planner's next step."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from lib.domain.history import HistoryEntry
from lib.domain.text import short_day
from lib.domain.vocab import Direction, HistoryKind, Medium, Scenario
from lib.planner.action import Action, ActionKind, Urgency
from lib.planner.plan import next_action
from lib.views.follow_up import after_logging_step, logged_line, logged_message

TODAY = date(2026, 12, 1)  # a Tuesday
NOW = datetime(2026, 12, 1, 11, 0)
APP = {"ID": "A-1", "Company": "Northwind Analytics", "Interviewer": "Ms. Dana Lee", "Status": "Interviewing"}


@pytest.mark.parametrize(
    ("scenario", "medium", "before", "expected"),
    [
        (Scenario.STATUS_INQUIRY, Medium.EMAIL, 0, "Logged: first follow-up by email to Dana Lee on Tue 1 Dec."),
        (Scenario.CHECK_IN, Medium.LINKEDIN, 1, "Logged: second follow-up on LinkedIn to Dana Lee on Tue 1 Dec."),
        (Scenario.FINAL_FOLLOW_UP, Medium.EMAIL, 1, "Logged: final follow-up by email to Dana Lee on Tue 1 Dec."),
        (Scenario.COMPETING_OFFER, Medium.PHONE, 0, "Logged: first follow-up call to Dana Lee on Tue 1 Dec."),
        (Scenario.THANK_YOU, Medium.LETTER, 0, "Logged: thank-you note by letter to Dana Lee on Tue 1 Dec."),
        (Scenario.REJECTION_REPLY, Medium.EMAIL, 0, "Logged: reply asking for feedback by email to Dana Lee on Tue 1 Dec."),
        (Scenario.CORRECTION, Medium.EMAIL, 2, "Logged: message by email to Dana Lee on Tue 1 Dec."),
    ],
)
def test_the_confirmation_names_what_was_sent_how_to_whom_and_when(scenario, medium, before, expected):
    assert logged_line(logged_message(APP, scenario, medium, NOW, before), TODAY) == expected


def test_without_an_interviewer_the_company_is_the_recipient():
    app = {"ID": "A-2", "Company": "Quill Publishing", "Interviewer": None}
    logged = logged_message(app, Scenario.STATUS_INQUIRY, Medium.EMAIL, NOW - timedelta(days=400), 6)
    assert logged_line(logged, TODAY) == "Logged: follow-up number 7 by email to Quill Publishing on Mon 27 Oct 2025."


def _action(kind: ActionKind, urgency: Urgency, due: date | None, reason: str = "Because.") -> Action:
    return Action("A-1", "Northwind Analytics", "Analyst", "Dana Lee", kind, urgency, due, None, reason, "Email", None, None, 1)


def test_the_next_step_says_what_and_when_with_the_planners_reason():
    later = _action(ActionKind.FINAL_FOLLOW_UP, Urgency.WAITING, date(2026, 12, 15), "Wait two weeks.")
    step = after_logging_step(later, TODAY)
    assert (step.headline, step.reason, step.due_now) == ("Next: the last follow-up on Tue 15 Dec.", "Wait two weeks.", False)
    now = after_logging_step(_action(ActionKind.FOLLOW_UP, Urgency.DUE_TODAY, TODAY), TODAY)
    assert (now.headline, now.due_now) == ("Next: a follow-up, due now.", True)
    late = after_logging_step(_action(ActionKind.THANK_YOU, Urgency.OVERDUE, TODAY - timedelta(days=1)), TODAY)
    assert late.due_now
    move_on = after_logging_step(_action(ActionKind.MOVE_ON, Urgency.WAITING, date(2026, 12, 11)), TODAY)
    assert move_on.headline == "Next: consider moving on from Fri 11 Dec."


def test_nothing_to_send_is_said_plainly():
    wait = after_logging_step(_action(ActionKind.WAIT, Urgency.WAITING, date(2026, 12, 11), "Your final follow-up went out."), TODAY)
    assert (wait.headline, wait.reason, wait.due_now) == ("Nothing more to send: wait for their reply.", "Your final follow-up went out.", False)
    done = after_logging_step(_action(ActionKind.NOTHING, Urgency.DONE, None, "Accepted: nothing more to send."), TODAY)
    assert done.headline == "Nothing more to send."


def test_after_a_first_follow_up_the_planner_names_the_next_one_and_its_day():
    """The page's next step is the planner's own: its day is the planner's, not re-derived."""
    app = {"ID": "A-1", "Company": "Quill Publishing", "Status": "Applied", "Applied On": datetime(2026, 11, 16),
           "Follow-Ups Sent": 1, "Last Follow-Up On": NOW}
    history = [HistoryEntry(at=NOW, direction=Direction.SENT, kind=HistoryKind.FOLLOW_UP, medium=Medium.EMAIL)]
    action = next_action(app, history, NOW)
    step = after_logging_step(action, TODAY)
    assert action.due_on is not None and action.due_on > TODAY
    assert step.headline == f"Next: the last follow-up on {short_day(action.due_on, TODAY)}."
    assert not step.due_now and step.reason == action.reason
