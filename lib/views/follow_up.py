"""The Follow-up page after "Log as sent": what was logged, and what the planner says comes next.

Once a message is logged the page stops drafting: the next message is usually not due yet,
and a fresh draft with "too soon" beside it reads as if it were. It says what was logged and
what comes next (the planner's own next action, re-planned from the data as written), and
offers to write another message when the person wants to.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from lib.domain.fields import AppCol
from lib.domain.people import plain_names
from lib.domain.text import clean, short_day
from lib.domain.vocab import COUNTED_KINDS, HistoryKind, Medium, Scenario
from lib.planner.action import Action, ActionKind, Urgency

# How a message went, as the confirmation says it ("by email to Dana Lee").
_BY: dict[str, str] = {
    Medium.EMAIL: "by email",
    Medium.LINKEDIN: "on LinkedIn",
    Medium.PHONE: "by phone",
    Medium.LETTER: "by letter",
    Medium.TEXT: "by text message",
}
_ORDINALS = ("first", "second", "third", "fourth", "fifth")

@dataclass(frozen=True)
class Logged:
    """A message the person has just logged on the page, as the confirmation names it."""

    app_id: str
    what: str  # "first follow-up", "thank-you note", "final follow-up", "call"
    medium: str
    recipient: str
    at: datetime


def logged_message(app: Mapping[str, Any], scenario: Scenario, medium: str, at: datetime, followups_before: int) -> Logged:
    """Name the message of `scenario` sent by `medium` at `at` for `app`.

    `followups_before` is how many follow-ups the planner counted before this one (its
    action's `followups_sent`), so a follow-up is called the first, the second, ...
    """
    kind = scenario.history_kind
    if kind == HistoryKind.FINAL:
        what = "final follow-up"
    elif kind in COUNTED_KINDS:
        n = followups_before + 1
        what = f"{_ORDINALS[n - 1]} follow-up" if n <= len(_ORDINALS) else f"follow-up number {n}"
    elif kind == HistoryKind.THANK_YOU:
        what = "thank-you note"
    elif kind == HistoryKind.FEEDBACK_REQUEST:
        what = "reply asking for feedback"
    else:
        what = "message"
    if medium == Medium.PHONE:
        what = "call" if kind not in COUNTED_KINDS else f"{what} call"
    recipient = plain_names(app.get(AppCol.INTERVIEWER)) or clean(app.get(AppCol.COMPANY)) or "the company"
    return Logged(str(app.get(AppCol.ID, "")), what, medium, recipient, at)


def logged_line(logged: Logged, today: date) -> str:
    """Return the confirmation, e.g. "Logged: first follow-up by email to Dana Lee on Tue 1 Dec."

    Plain text with sheet text in it (the recipient): the page shows it literally."""
    by = "" if logged.medium == Medium.PHONE else " " + _BY.get(logged.medium, f"by {logged.medium}")
    return f"Logged: {logged.what}{by} to {logged.recipient} on {short_day(logged.at.date(), today)}."


@dataclass(frozen=True)
class NextStep:
    """What comes next for the application, from the planner's action.

    `headline` is "Next: the last follow-up on Fri 11 Dec" or "Nothing more to send: ...";
    `reason` is the planner's own why; `due_now` is true when the next message is due today
    or overdue (the page then offers to write it at once).
    """

    headline: str
    reason: str
    due_now: bool


def after_logging_step(action: Action, today: date) -> NextStep:
    """Say what the planner's `action` (planned after the message was logged) asks for next."""
    if action.kind == ActionKind.WAIT:
        return NextStep("Nothing more to send: wait for their reply.", action.reason, False)
    what = action.kind.noun
    if not what:  # NOTHING: the reason says why (replied, closed, ...)
        return NextStep("Nothing more to send.", action.reason, False)
    due = action.due_on
    if due is None:
        return NextStep(f"Next: {what}.", action.reason, False)
    if action.urgency in (Urgency.OVERDUE, Urgency.DUE_TODAY) or due <= today:
        return NextStep(f"Next: {what}, due now.", action.reason, True)
    since = "from" if action.kind == ActionKind.MOVE_ON else "on"
    return NextStep(f"Next: {what} {since} {short_day(due, today)}.", action.reason, False)
