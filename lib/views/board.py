"""The board: one lane per status with a compact card per application, and the moves a card offers."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd

from lib.domain.fields import AppCol
from lib.domain.history import HistoryEntry, entries_by_application
from lib.domain.records import Application, read_applications
from lib.domain.vocab import Status
from lib.planner.rules import Action, ActionKind, Urgency  # the planner's public names
from lib.views.when import due_phrase

OTHER = ""  # the lane of applications whose status is blank or a word of the person's own
OPEN_LANES: tuple[Status, ...] = (Status.WISHLIST, Status.APPLIED, Status.INTERVIEWING, Status.OFFER)
CLOSED_LANES: tuple[Status, ...] = (Status.ACCEPTED, Status.REJECTED, Status.WITHDRAWN, Status.NO_RESPONSE)

# The moves a card offers as one click, the likely next steps first; every other status is one menu away.
NEXT_MOVES: dict[str, tuple[Status, ...]] = {
    Status.WISHLIST: (Status.APPLIED,),
    Status.APPLIED: (Status.INTERVIEWING, Status.REJECTED, Status.NO_RESPONSE),
    Status.INTERVIEWING: (Status.OFFER, Status.REJECTED),
    Status.OFFER: (Status.ACCEPTED, Status.WITHDRAWN),
    Status.ACCEPTED: (),
    Status.REJECTED: (Status.INTERVIEWING,),
    Status.WITHDRAWN: (Status.APPLIED,),
    Status.NO_RESPONSE: (Status.INTERVIEWING,),
    OTHER: (Status.APPLIED,),
}


@dataclass(frozen=True)
class Card:
    """One application on the board."""

    app_id: str
    company: str
    job_title: str
    status: str  # as in the sheet
    days_since_contact: int | None  # None when no contact date is known
    next_step: str  # "" when the planner has nothing to say
    overdue: bool = False  # the next step is past its usual time (shown in red)

    @property
    def contact_text(self) -> str:
        """Return "last contact today", "last contact 1 day ago", "no contact yet"."""
        return contact_text(self.days_since_contact)


def contact_text(days: int | None) -> str:
    """Return "last contact today", "last contact 1 day ago", "no contact yet" for days since the last contact."""
    if days is None:
        return "no contact yet"
    if days <= 0:
        return "last contact today"
    return f"last contact {days} day{'s' if days != 1 else ''} ago"


def days_since_contact(app: Application, history: Iterable[HistoryEntry], today: date) -> int | None:
    """Return the days since the latest past date among applied, interview, thank-you, follow-up,
    response and the history (None when there is none)."""
    last = _latest(
        (app.applied_on, app.interview_on, app.thank_you_sent_on, app.last_follow_up_on, app.response_on,
         *(e.at for e in history)),
        today,
    )
    return None if last is None else (today - last).days


@dataclass(frozen=True)
class Lane:
    """One status's column: its `status` ("" for applications with no known status) and cards."""

    status: str
    cards: tuple[Card, ...]

    @property
    def title(self) -> str:
        return f"{self.status or 'Other status'} ({len(self.cards)})"


def lane_of(status: str) -> str:
    """Return the lane an application with this status cell goes in (OTHER for blank or unknown words)."""
    for s in Status:
        if s.value.casefold() == status.strip().casefold():
            return s.value
    return OTHER


def moves(status: str) -> tuple[tuple[Status, ...], tuple[Status, ...]]:
    """Return (one-click moves, the other statuses) for a card in the lane of `status`."""
    lane = lane_of(status)
    first = NEXT_MOVES[lane]
    rest = tuple(s for s in Status if s not in first and s.value != lane)
    return first, rest


def next_step(action: Action | None, today: date) -> str:
    """Return the planner's next step in a few words: "Follow up · due Tue 3 Nov".

    A step whose day has come says so ("due today", "due now, since Mon 30 Nov", "overdue, was
    due Fri 27 Nov"): a past date alone reads as done, not as waiting for the person.
    """
    if action is None or action.kind is ActionKind.NOTHING:
        return ""
    when = due_phrase(action, today)
    return f"{action.kind.label} · {when}" if when else action.kind.label


def _latest(moments: Iterable[date | datetime | None], today: date) -> date | None:
    days = [m.date() if isinstance(m, datetime) else m for m in moments if m is not None]
    past = [d for d in days if d <= today]  # an interview booked for next week is not contact yet
    return max(past) if past else None


def board(apps: pd.DataFrame, followups: pd.DataFrame, actions: Sequence[Action], today: date) -> list[Lane]:
    """Return the lanes in status order (open, then closed, then OTHER when any card is in it).

    Days since the last contact count from the latest past date among applied, interview,
    thank-you, follow-up, response and the history; `actions` is the planner's plan.
    """
    by_action = {a.app_id: a for a in actions}
    history = entries_by_application(followups)
    statuses = [str(s) for s in apps[AppCol.STATUS].tolist()] if len(apps) else []
    grouped: dict[str, list[Card]] = {s.value: [] for s in (*OPEN_LANES, *CLOSED_LANES)}
    grouped[OTHER] = []
    for app, status in zip(read_applications(apps), statuses):
        action = by_action.get(app.app_id)
        card = Card(
            app.app_id, app.company, app.job_title, status,
            days_since_contact(app, history.get(app.app_id, []), today), next_step(action, today),
            overdue=action is not None and action.urgency is Urgency.OVERDUE,
        )
        grouped[lane_of(status)].append(card)
    lanes = [Lane(s, tuple(cards)) for s, cards in grouped.items() if s != OTHER or cards]
    return lanes
