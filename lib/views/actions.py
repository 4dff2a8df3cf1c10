"""What happens in the data when a person sends a message or hears back.

The Today page and the Follow-up page both record through these functions, so a message
logged on either page changes the same fields in the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

import pandas as pd

from lib.domain.fields import AppCol, HistCol
from lib.domain.values import Increment, Latest
from lib.domain.vocab import COUNTED_KINDS, Direction, HistoryKind, Scenario
from lib.io.store.base import Store
from lib.planner.action import Action
from lib.planner.calendar_ics import google_calendar_url


def sent_changes(app: Mapping[str, Any], kind: str, medium: str, when: datetime) -> dict[str, Any]:
    """Return the application fields to change when a message of `kind` was sent at `when`.

    A thank-you note sets Thank-You Sent On; a counted follow-up (follow-up, check-in,
    final) sets Last Follow-Up On and Follow-Up Medium and adds one to Follow-Ups Sent.
    Other messages (a feedback request, a correction) change nothing on the application.
    The count is an `Increment` and the dates are `Latest`: the store resolves them against the
    row as it is when it writes, not against `app`, so two tabs logging at once both count and
    the later date stays.
    """
    if kind == HistoryKind.THANK_YOU:
        return {AppCol.THANK_YOU_SENT_ON: Latest(when)}
    if kind in COUNTED_KINDS:
        return {
            AppCol.LAST_FOLLOW_UP_ON: Latest(when),
            AppCol.FOLLOW_UP_MEDIUM: medium,
            AppCol.FOLLOW_UPS_SENT: Increment(1),
        }
    return {}


def _history_entry(app: Mapping[str, Any], when: datetime, direction: Direction, medium: str, kind: str,
                   subject: str, message: str) -> dict[str, Any]:
    """Return the Follow-ups row for a message about `app` (its ID is added by the store)."""
    return {
        HistCol.COMPANY: app.get(AppCol.COMPANY, ""),
        HistCol.JOB_TITLE: app.get(AppCol.JOB_TITLE, ""),
        HistCol.DATE: when,
        HistCol.DIRECTION: direction,
        HistCol.MEDIUM: medium,
        HistCol.KIND: kind,
        HistCol.SUBJECT: subject,
        HistCol.MESSAGE: message,
    }


def record_sent(
    store: Store,
    app: Mapping[str, Any],
    *,
    medium: str,
    when: datetime,
    scenario: Scenario | None = None,
    kind: str | None = None,
    subject: str = "",
    message: str = "",
) -> str:
    """Log a message sent for `app` (the application as the person saw it) and update the application.

    Fields the person changed by hand since `app` was read are not overwritten: the store
    refuses the whole log (ConflictError) when a field it would change was edited by hand.

    The history kind comes from `kind`, else from the scenario, else "Follow-up".
    Returns the new history row's ID; raises the store's errors (nothing is written then).
    """
    kind = kind or (scenario.history_kind if scenario else HistoryKind.FOLLOW_UP)
    entry = _history_entry(app, when, Direction.SENT, medium, kind, subject, message)
    return store.log_followup(str(app[AppCol.ID]), entry, sent_changes(app, kind, medium, when), app)


def record_reply(
    store: Store,
    app: Mapping[str, Any],
    *,
    when: datetime,
    outcome: str,
    new_status: str | None = None,
    medium: str = "",
    message: str = "",
) -> str:
    """Log a reply from the employer: sets Response On and Outcome, and Status when given.

    `app` is the application as the person saw it: the conflict check compares against it.

    Returns the new history row's ID; raises the store's errors (nothing is written then).
    """
    changes: dict[str, Any] = {AppCol.RESPONSE_ON: when, AppCol.OUTCOME: outcome}
    if new_status and new_status != app.get(AppCol.STATUS):
        changes[AppCol.STATUS] = new_status
    entry = _history_entry(app, when, Direction.RECEIVED, medium, HistoryKind.REPLY, outcome, message)
    return store.log_followup(str(app[AppCol.ID]), entry, changes, app)


def calendar_links(actions: Iterable[Action], apps: pd.DataFrame, today: date) -> dict[str, str]:
    """Return the "add to Google Calendar" address of each scheduled action, by application ID.

    The event's details carry the application's Job Link when it is a web address.
    """
    links = dict(zip(apps[AppCol.ID], apps[AppCol.JOB_LINK], strict=True)) if AppCol.JOB_LINK in apps else {}
    out: dict[str, str] = {}
    for action in actions:
        url = google_calendar_url(action, today, links.get(action.app_id))
        if url:
            out[action.app_id] = url
    return out
