"""The full application form's sections, in order, and which are open for a given application."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from lib.domain.fields import AppCol
from lib.domain.schema import APPLICATIONS
from lib.domain.text import is_blank
from lib.domain.vocab import Status


@dataclass(frozen=True)
class Section:
    """A group of the form's fields; open for the statuses in `open_for` (or when a field holds a value)."""

    title: str
    fields: tuple[str, ...]
    open_for: frozenset[str]  # empty: always open


ALL_STATUSES: frozenset[str] = frozenset(s.value for s in Status)
SECTIONS: tuple[Section, ...] = (
    Section("The job", (AppCol.COMPANY, AppCol.JOB_TITLE, AppCol.STATUS, AppCol.APPLIED_ON, AppCol.SOURCE,
                        AppCol.JOB_LINK, AppCol.LOCATION, AppCol.POSTING_CLOSED_ON), frozenset()),
    Section("The interview", (AppCol.INTERVIEW_ON, AppCol.INTERVIEW_ROUND, AppCol.RESPONSE_EXPECTED_BY,
                              AppCol.TOPICS_DISCUSSED, AppCol.CONCERNS_RAISED),
            frozenset({Status.INTERVIEWING, Status.OFFER})),
    Section("The interviewer", (AppCol.INTERVIEWER, AppCol.INTERVIEWER_TITLE, AppCol.INTERVIEWER_EMAIL,
                                AppCol.INTERVIEWER_PHONE, AppCol.INTERVIEWER_LINKEDIN),
            frozenset({Status.INTERVIEWING, Status.OFFER})),
    Section("Follow-up", (AppCol.THANK_YOU_SENT_ON, AppCol.LAST_FOLLOW_UP_ON, AppCol.FOLLOW_UP_MEDIUM,
                          AppCol.FOLLOW_UPS_SENT, AppCol.RESPONSE_ON, AppCol.OUTCOME, AppCol.CONTACT_AFTER),
            ALL_STATUSES - {Status.WISHLIST}),
    Section("The offer", (AppCol.OFFER_DEADLINE,), frozenset({Status.OFFER})),
    Section("Notes", (AppCol.NOTES,), frozenset()),
)


def unplaced_fields() -> list[str]:
    """Return the schema's fields that no section shows (a new column must be given a section)."""
    placed = {f for s in SECTIONS for f in s.fields}
    return [c.name for c in APPLICATIONS.columns if c.name != AppCol.ID and c.name not in placed]


def _filled(value: Any) -> bool:
    if is_blank(value):
        return False
    if isinstance(value, int) and not isinstance(value, bool):
        return value != 0
    return str(value).strip() != ""


def is_open(section: Section, values: Mapping[str, Any]) -> bool:
    """Return True when `section` starts open: always-open, one that matters for the status, or one holding a value."""
    if not section.open_for:
        return True
    status = str(values.get(AppCol.STATUS) or "").strip()
    return status in section.open_for or any(_filled(values.get(f)) for f in section.fields)


def source_choices(sources: Iterable[Any]) -> list[str]:
    """Return the sources a person already uses, each once (first spelling kept), most used first, then A to Z."""
    counts: dict[str, int] = {}
    spelling: dict[str, str] = {}
    for raw in sources:
        text = str(raw or "").strip()
        if not text:
            continue
        key = text.casefold()
        spelling.setdefault(key, text)
        counts[key] = counts.get(key, 0) + 1
    return [spelling[k] for k in sorted(counts, key=lambda k: (-counts[k], k))]
