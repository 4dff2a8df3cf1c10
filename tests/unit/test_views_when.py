"""How a Today card says when a step is due: the Board's words, no date said twice, no past date read as done."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from lib.planner.action import Action, ActionKind, Urgency
from lib.views.when import when_line

TODAY = date(2026, 12, 1)  # a Tuesday


def action(kind: ActionKind, urgency: Urgency, due: date | None, late: date | None = None, medium: str = "Email") -> Action:
    return Action("A-1", "Acme", "Analyst", "", kind, urgency, due, late, "", medium, None, None, 0)


@pytest.mark.parametrize(
    ("step", "line"),
    [
        (action(ActionKind.FOLLOW_UP, Urgency.COMING_UP, date(2026, 12, 4), date(2026, 12, 11)), "Email · due Fri 4 Dec · late after Fri 11 Dec"),
        (action(ActionKind.FOLLOW_UP, Urgency.DUE_TODAY, TODAY, date(2026, 12, 8)), "Email · due today · late after Tue 8 Dec"),
        (action(ActionKind.FOLLOW_UP, Urgency.DUE_TODAY, date(2026, 11, 27), date(2026, 12, 4)), "Email · due now, since Fri 27 Nov · late after Fri 4 Dec"),
        (action(ActionKind.THANK_YOU, Urgency.OVERDUE, date(2026, 11, 27), date(2026, 11, 28)), "Email · overdue, was due Fri 27 Nov"),
        (action(ActionKind.THANK_YOU, Urgency.DUE_TODAY, TODAY, TODAY), "Email · due today"),  # late after the same day: said once
        (action(ActionKind.WAIT, Urgency.WAITING, date(2026, 12, 9), medium=""), "until Wed 9 Dec"),
        (action(ActionKind.MOVE_ON, Urgency.MOVE_ON, date(2026, 11, 20), date(2026, 11, 25), ""), "since Fri 20 Nov"),
        (action(ActionKind.NOTHING, Urgency.DONE, None, medium=""), ""),
    ],
)
def test_when_line(step: Action, line: str) -> None:
    assert when_line(step, TODAY) == line


def test_follow_ups_so_far_are_counted() -> None:
    step = replace(action(ActionKind.FOLLOW_UP, Urgency.COMING_UP, date(2026, 12, 4)), followups_sent=2)
    assert when_line(step, TODAY) == "Email · due Fri 4 Dec · 2 follow-ups sent"
