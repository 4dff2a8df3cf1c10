"""When a planned step is due, in the words the Today cards and the Board both use."""

from __future__ import annotations

from datetime import date

from lib.domain.text import short_day
from lib.planner.action import Action, ActionKind, Urgency


def due_phrase(action: Action, today: date) -> str:
    """Return when `action` is due: "due Tue 3 Nov", "due today", "due now, since Mon 30 Nov",
    "overdue, was due Fri 27 Nov", "until Tue 3 Nov" (a wait) or "since ..." (moving on); "" without a day.

    A step whose day has come says so: a past date alone reads as done, not as waiting for the person.
    """
    due = action.due_on
    if due is None:
        return ""
    if action.urgency is Urgency.OVERDUE:
        return f"overdue, was due {short_day(due, today)}"
    if action.urgency is Urgency.DUE_TODAY:
        return "due today" if due >= today else f"due now, since {short_day(due, today)}"
    verb = {ActionKind.WAIT: "until", ActionKind.MOVE_ON: "since"}.get(action.kind, "due")
    return f"{verb} {short_day(due, today)}"


def when_line(action: Action, today: date) -> str:
    """Return how and when for a Today card: "Email · due today · late after Tue 17 Nov · 1 follow-up sent".

    "late after" is left out once it says nothing more: when it is the due day itself, when the
    step is already overdue, and for moving on.
    """
    parts = [action.medium] if action.medium else []
    if action.kind is ActionKind.CALL and action.call_window:
        start, end = action.call_window
        parts.append(f"call {short_day(start.date(), today)}, {start:%H:%M}–{end:%H:%M}")
    elif due := due_phrase(action, today):
        parts.append(due)
    late = action.late_after
    if late and late != action.due_on and action.urgency not in (Urgency.MOVE_ON, Urgency.OVERDUE):
        parts.append(f"late after {short_day(late, today)}")
    if action.followups_sent:
        parts.append(f"{action.followups_sent} follow-up{'s' if action.followups_sent != 1 else ''} sent")
    return " · ".join(parts)
