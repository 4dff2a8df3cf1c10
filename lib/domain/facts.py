"""What the figures count: one definition each of an application, a response, a follow-up
sent, an active application, an interview and an offer.

Today's headline, the Pipeline's headline, funnel and charts, the Follow-up page's checks,
the planner and the Google Sheet's "follow-up due" highlight all count with these, so every
page gives the same answer. Each definition has a scalar form (one application, for the
planner and the checks) and a vectorised form (a whole typed frame, for the metrics); a
test (tests/unit/test_same_figures.py) proves the two forms equal.

- an *application* is a row with an Applied On date whose Status is not Wishlist;
- a *response* is any reply from the employer, a rejection included: Response On is set,
  the history has a received row for it (`lib.domain.history`), or the Status is Rejected
  (a rejection is a reply even when its date was not typed). An interview with no reply
  recorded is not a response;
- a *follow-up sent* is a sent history row of Kind Follow-up, Check-in or Final (a sent row
  typed without a Kind is one); an application has sent the larger of the history's count
  and the row's Follow-Ups Sent (people log in either place);
- an application is *active* while its Status is Applied, Interviewing or Offer;
- an application *reached an interview* when Interview On is set or its Status is
  Interviewing, Offer or Accepted;
- it *got an offer* when its Status is Offer or Accepted (an offer implies an interview);
- it is *awaiting a reply* (the planner schedules follow-ups; the sheet highlights the row
  when one is due) while its Status is Applied or Interviewing and no response is recorded.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta

import numpy as np
import pandas as pd

from lib.domain.fields import AppCol
from lib.domain.history import HistoryEntry
from lib.domain.text import untimed
from lib.domain.vocab import Status

# Stages after which nothing more is sent (the planner may still suggest a gracious reply).
CLOSED_STATUSES: frozenset[Status] = frozenset({Status.ACCEPTED, Status.REJECTED, Status.WITHDRAWN, Status.NO_RESPONSE})
ACTIVE_STATUSES: frozenset[Status] = frozenset({Status.APPLIED, Status.INTERVIEWING, Status.OFFER})
INTERVIEW_STATUSES: frozenset[Status] = frozenset({Status.INTERVIEWING, Status.OFFER, Status.ACCEPTED})
OFFER_STATUSES: frozenset[Status] = frozenset({Status.OFFER, Status.ACCEPTED})
# Statuses in which the person waits for an answer and follows up, in the sheet's order.
AWAITING_STATUSES: tuple[Status, ...] = (Status.APPLIED, Status.INTERVIEWING)


# --- one application -----------------------------------------------------------------------


def is_application(status: str, applied_on: date | None) -> bool:
    """An application: it has an Applied On date and is not on the wishlist."""
    return applied_on is not None and status != Status.WISHLIST


def is_active(status: str, applied_on: date | None) -> bool:
    """An active application: an application whose Status is Applied, Interviewing or Offer."""
    return is_application(status, applied_on) and status in ACTIVE_STATUSES


INTERVIEW_LENGTH = timedelta(hours=1)  # a timed interview is taken to be over an hour after it starts


def interview_over(start: datetime) -> datetime:
    """Return when an interview that starts at `start` is over (its thank-you can go out then).

    An interview typed without a time (midnight) counts as over from the start of its day.
    """
    return start if untimed(start) else start + INTERVIEW_LENGTH


def reached_interview(status: str, interview_on: datetime | None) -> bool:
    return interview_on is not None or status in INTERVIEW_STATUSES


def got_offer(status: str) -> bool:
    return status in OFFER_STATUSES


def offer_in_hand(status: str, offer_deadline: date | None) -> bool:
    """An offer the person still has to answer by a known day: it makes other follow-ups early."""
    return status == Status.OFFER and offer_deadline is not None


def competing_offer_deadline(apps: pd.DataFrame, app_id: str, today: date) -> date | None:
    """Return the soonest day, from `today` on, by which the person must answer an offer held at
    another application than `app_id` (None when there is none)."""
    deadlines = apps[AppCol.OFFER_DEADLINE]
    mask = (apps[AppCol.STATUS] == Status.OFFER) & deadlines.notna() & (apps[AppCol.ID] != app_id)
    upcoming = deadlines[mask]
    upcoming = upcoming[upcoming.dt.date >= today]
    return None if upcoming.empty else upcoming.min().date()


def got_response(status: str, response_on: datetime | None, history: Iterable[HistoryEntry]) -> bool:
    """A response: Response On is set, the history holds a reply, or the Status is Rejected."""
    return response_on is not None or status == Status.REJECTED or any(e.received for e in history)


def followups_sent(count_cell: int, history: Iterable[HistoryEntry]) -> int:
    """Follow-ups sent: the history's count or the row's Follow-Ups Sent, whichever is more."""
    return max(count_cell, sum(1 for e in history if e.counted))


def rate(part: int, whole: int) -> float | None:
    """Return part / whole, or None when there is nothing to divide by."""
    return None if whole == 0 else part / whole


# --- a whole frame ---------------------------------------------------------------------------


def _status(apps: pd.DataFrame) -> np.ndarray:
    values: np.ndarray = apps[AppCol.STATUS].to_numpy(dtype=object)
    return values


def _isin(values: np.ndarray, words: Iterable[str]) -> np.ndarray:
    return np.isin(values, [str(w) for w in words])


def application_mask(apps: pd.DataFrame) -> pd.Series:
    """`is_application` for every row of a typed Applications frame."""
    return apps[AppCol.APPLIED_ON].notna() & (_status(apps) != Status.WISHLIST)


def active_mask(apps: pd.DataFrame) -> pd.Series:
    """`is_active` for every row."""
    return application_mask(apps) & _isin(_status(apps), ACTIVE_STATUSES)


def interview_mask(apps: pd.DataFrame) -> pd.Series:
    """`reached_interview` for every row."""
    return apps[AppCol.INTERVIEW_ON].notna() | _isin(_status(apps), INTERVIEW_STATUSES)


def offer_mask(apps: pd.DataFrame) -> pd.Series:
    """`got_offer` for every row."""
    return pd.Series(_isin(_status(apps), OFFER_STATUSES), index=apps.index)


def response_mask(apps: pd.DataFrame, replies_in_history: pd.Series) -> pd.Series:
    """`got_response` for every row; `replies_in_history` counts each row's received history rows."""
    return apps[AppCol.RESPONSE_ON].notna() | (replies_in_history > 0) | (_status(apps) == Status.REJECTED)


def followups_sent_counts(apps: pd.DataFrame, counted_in_history: pd.Series | int) -> pd.Series:
    """`followups_sent` for every row; `counted_in_history` counts each row's follow-ups in the history."""
    return pd.Series(np.maximum(counted_in_history, apps[AppCol.FOLLOW_UPS_SENT]).astype("int64"), index=apps.index)


def followed_up_mask(apps: pd.DataFrame, counted_in_history: pd.Series | int) -> pd.Series:
    """Followed up, for every row: a follow-up is counted (`followups_sent`) or Last Follow-Up On is set."""
    return (followups_sent_counts(apps, counted_in_history) > 0) | apps[AppCol.LAST_FOLLOW_UP_ON].notna()
