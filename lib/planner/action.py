"""What the planner says to do next for one application: `Action`, its kind and urgency."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum

from lib.domain.vocab import Scenario
from lib.planner.settings import RuleSettings


class ActionKind(str, Enum):
    """What the person should do next for one application."""

    THANK_YOU = "thank_you"
    WAIT = "wait"
    FOLLOW_UP = "follow_up"
    CALL = "call"
    FINAL_FOLLOW_UP = "final_follow_up"
    MOVE_ON = "move_on"
    REPLY_TO_REJECTION = "reply_to_rejection"
    REVIEW_OFFER = "review_offer"
    NOTHING = "nothing"

    @property
    def label(self) -> str:
        """A short imperative for buttons and headings, e.g. "Send a thank-you note"."""
        return _KIND_LABELS[self]

    @property
    def noun(self) -> str:
        """What the step is called inside a sentence ("Next: a follow-up on Fri 11 Dec"); "" for WAIT and NOTHING."""
        return _KIND_NOUNS.get(self, "")


_KIND_LABELS: dict[ActionKind, str] = {
    ActionKind.THANK_YOU: "Send a thank-you note",
    ActionKind.WAIT: "Wait",
    ActionKind.FOLLOW_UP: "Follow up",
    ActionKind.CALL: "Call",
    ActionKind.FINAL_FOLLOW_UP: "Send the final follow-up",
    ActionKind.MOVE_ON: "Consider moving on",
    ActionKind.REPLY_TO_REJECTION: "Reply and ask for feedback",
    ActionKind.REVIEW_OFFER: "Review the offer",
    ActionKind.NOTHING: "Nothing to do",
}


_KIND_NOUNS: dict[ActionKind, str] = {
    ActionKind.THANK_YOU: "a thank-you note",
    ActionKind.FOLLOW_UP: "a follow-up",
    ActionKind.CALL: "a call",
    ActionKind.FINAL_FOLLOW_UP: "the last follow-up",
    ActionKind.MOVE_ON: "consider moving on",
    ActionKind.REPLY_TO_REJECTION: "a reply asking for feedback",
    ActionKind.REVIEW_OFFER: "review the offer",
}


# Kinds that send a follow-up and so count toward the limit.
FOLLOW_UP_KINDS: frozenset[ActionKind] = frozenset({ActionKind.FOLLOW_UP, ActionKind.CALL, ActionKind.FINAL_FOLLOW_UP})


class Urgency(str, Enum):
    """How pressing an action is; the value is what the person sees."""

    OVERDUE = "Overdue"
    DUE_TODAY = "Due today"
    COMING_UP = "Coming up"
    WAITING = "Waiting"
    MOVE_ON = "Consider moving on"
    DONE = "Nothing to do"


@dataclass(frozen=True)
class Action:
    """The next thing to do for one application.

    `due_on` is the first day it is right to act and `late_after` the last day before it is
    overdue (None when there is no deadline). `scenario` names the message to write; it is
    None for WAIT, NOTHING, MOVE_ON and REVIEW_OFFER. `call_window` is set for CALL only: the
    next suggested slot to phone. `followups_sent` counts follow-ups so far, the thank-you
    note excluded.
    """

    app_id: str
    company: str
    job_title: str
    contact: str
    kind: ActionKind
    urgency: Urgency
    due_on: date | None
    late_after: date | None
    reason: str
    medium: str
    scenario: Scenario | None
    call_window: tuple[datetime, datetime] | None
    followups_sent: int


def urgency(due: date | None, late: date | None, today: date, s: RuleSettings) -> Urgency:
    if due is None:
        return Urgency.WAITING
    if late is not None and today > late:
        return Urgency.OVERDUE
    if due <= today:
        return Urgency.DUE_TODAY
    if (due - today).days <= s.coming_up_days:
        return Urgency.COMING_UP
    return Urgency.WAITING
