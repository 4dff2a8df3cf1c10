"""The typed Application record: one row of the Applications tab as the planner and the
messages read it, built by one reader.

`read_applications` reads a whole typed frame column by column (fast on large sheets);
`read_application` reads one row given as a mapping (a frame row's `to_dict()`, or a dict
typed in a test) with the same code: both hand the reader columns of values. Text is
trimmed by `lib.domain.text.clean`; dates may be `date`/`datetime`/`Timestamp` or ISO text;
a blank or unreadable count is 0.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from typing import Any, NamedTuple

import pandas as pd

from lib.domain.fields import AppCol
from lib.domain.model import as_datetime, column_values
from lib.domain.text import clean


class Application(NamedTuple):
    """One application, typed. Field order follows the sheet's columns.

    A named tuple: immutable, and quick to build for 10,000 rows at a time.
    """

    app_id: str
    company: str
    job_title: str
    location: str
    job_link: str
    source: str
    status: str
    applied_on: date | None
    interview_on: datetime | None
    interview_round: str
    interviewer: str
    interviewer_title: str
    interviewer_email: str
    interviewer_phone: str
    interviewer_linkedin: str
    response_expected_by: date | None
    topics_discussed: str
    concerns_raised: str
    thank_you_sent_on: datetime | None
    last_follow_up_on: datetime | None
    follow_up_medium: str
    follow_ups_sent: int
    response_on: datetime | None
    outcome: str
    offer_deadline: date | None
    contact_after: date | None
    posting_closed_on: date | None
    notes: str


def _moment(value: Any) -> datetime | None:
    if value is None or type(value) is datetime:
        return value
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        try:
            stamp = pd.Timestamp(text)
        except (ValueError, TypeError):
            return None
        return None if stamp is pd.NaT else stamp.to_pydatetime()
    return as_datetime(value)


def _texts(values: Sequence[Any]) -> list[Any]:
    return [v.strip() if type(v) is str else clean(v) for v in values]


def _moments(values: Sequence[Any]) -> list[Any]:
    return [_moment(v) for v in values]


def _days(values: Sequence[Any]) -> list[Any]:
    return [None if m is None else m.date() for m in _moments(values)]


def _count(value: Any) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 0
    return max(number, 0)


def _counts(values: Sequence[Any]) -> list[Any]:
    return [_count(v) for v in values]


# (record field, sheet header, how its cells are read), in the record's field order.
_READERS: tuple[tuple[str, str, Callable[[Sequence[Any]], list[Any]]], ...] = (
    ("app_id", AppCol.ID, _texts),
    ("company", AppCol.COMPANY, _texts),
    ("job_title", AppCol.JOB_TITLE, _texts),
    ("location", AppCol.LOCATION, _texts),
    ("job_link", AppCol.JOB_LINK, _texts),
    ("source", AppCol.SOURCE, _texts),
    ("status", AppCol.STATUS, _texts),
    ("applied_on", AppCol.APPLIED_ON, _days),
    ("interview_on", AppCol.INTERVIEW_ON, _moments),
    ("interview_round", AppCol.INTERVIEW_ROUND, _texts),
    ("interviewer", AppCol.INTERVIEWER, _texts),
    ("interviewer_title", AppCol.INTERVIEWER_TITLE, _texts),
    ("interviewer_email", AppCol.INTERVIEWER_EMAIL, _texts),
    ("interviewer_phone", AppCol.INTERVIEWER_PHONE, _texts),
    ("interviewer_linkedin", AppCol.INTERVIEWER_LINKEDIN, _texts),
    ("response_expected_by", AppCol.RESPONSE_EXPECTED_BY, _days),
    ("topics_discussed", AppCol.TOPICS_DISCUSSED, _texts),
    ("concerns_raised", AppCol.CONCERNS_RAISED, _texts),
    ("thank_you_sent_on", AppCol.THANK_YOU_SENT_ON, _moments),
    ("last_follow_up_on", AppCol.LAST_FOLLOW_UP_ON, _moments),
    ("follow_up_medium", AppCol.FOLLOW_UP_MEDIUM, _texts),
    ("follow_ups_sent", AppCol.FOLLOW_UPS_SENT, _counts),
    ("response_on", AppCol.RESPONSE_ON, _moments),
    ("outcome", AppCol.OUTCOME, _texts),
    ("offer_deadline", AppCol.OFFER_DEADLINE, _days),
    ("contact_after", AppCol.CONTACT_AFTER, _days),
    ("posting_closed_on", AppCol.POSTING_CLOSED_ON, _days),
    ("notes", AppCol.NOTES, _texts),
)
assert tuple(f for f, _, _ in _READERS) == Application._fields, "keep _READERS in field order"


def _read(column: Callable[[str], Sequence[Any]]) -> list[Application]:
    """The one reader: `column(header)` gives that column's values, one per application."""
    values = [read(column(header)) for _, header, read in _READERS]
    return [Application(*row) for row in zip(*values)]


def read_applications(frame: pd.DataFrame | None) -> list[Application]:
    """Return every row of a typed Applications frame as an `Application`, in frame order."""
    if frame is None or len(frame) == 0:
        return []
    return _read(lambda header: column_values(frame, header))


def read_application(row: Mapping[str, Any] | Application) -> Application:
    """Return one application given as a mapping of header -> value (or as a record already)."""
    if isinstance(row, Application):
        return row
    return _read(lambda header: [row.get(header)])[0]
