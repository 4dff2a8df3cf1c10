"""What happens in the data when a person sends a message or hears back.

The Today page and the Follow-up page both record through these functions, so a message
logged on either page changes the same fields in the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from lib.domain.values import Increment
from lib.domain.vocab import COUNTED_KINDS, Scenario
from lib.io.store.base import Store


def sent_changes(app: Mapping[str, Any], kind: str, medium: str, when: datetime) -> dict[str, Any]:
    """Return the application fields to change when a message of `kind` was sent at `when`.

    A thank-you note sets Thank-You Sent On; a counted follow-up (follow-up, check-in,
    final) sets Last Follow-Up On and Follow-Up Medium and adds one to Follow-Ups Sent.
    Other messages (a feedback request, a correction) change nothing on the application.
    The count is an `Increment`: the store adds one to the count as it is when it writes,
    not to the count in `app`, so two tabs logging at once both count.
    """
    if kind == "Thank-you":
        return {"Thank-You Sent On": when}
    if kind in COUNTED_KINDS:
        return {
            "Last Follow-Up On": when,
            "Follow-Up Medium": medium,
            "Follow-Ups Sent": Increment(1),
        }
    return {}


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
    kind = kind or (scenario.history_kind if scenario else "Follow-up")
    entry = {
        "Company": app.get("Company", ""),
        "Job Title": app.get("Job Title", ""),
        "Date": when,
        "Direction": "Sent",
        "Medium": medium,
        "Kind": kind,
        "Subject": subject,
        "Message": message,
    }
    return store.log_followup(str(app["ID"]), entry, sent_changes(app, kind, medium, when), app)


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
    changes: dict[str, Any] = {"Response On": when, "Outcome": outcome}
    if new_status and new_status != app.get("Status"):
        changes["Status"] = new_status
    entry = {
        "Company": app.get("Company", ""),
        "Job Title": app.get("Job Title", ""),
        "Date": when,
        "Direction": "Received",
        "Medium": medium,
        "Kind": "Reply",
        "Subject": outcome,
        "Message": message,
    }
    return store.log_followup(str(app["ID"]), entry, changes, app)
