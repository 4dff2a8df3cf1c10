"""Checking what a person typed into the application form, before anything is written."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

import pandas as pd

from lib.domain.model import as_date
from lib.domain.schema import APPLICATIONS, Kind
from lib.io.store.rows import comparable

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def validate_application(values: Mapping[str, Any]) -> list[str]:
    """Return what is wrong with a new or edited application, as sentences ([] if nothing)."""
    errors: list[str] = []
    for col in APPLICATIONS.columns:
        if col.required and not str(values.get(col.name) or "").strip():
            errors.append(f"{col.name} is required.")
    applied = as_date(values.get("Applied On"))
    for name in ("Interview On", "Response On", "Thank-You Sent On", "Last Follow-Up On"):
        other = as_date(values.get(name))
        if applied and other and other < applied:
            errors.append(f"{name} ({other:%-d %b %Y}) is before Applied On ({applied:%-d %b %Y}).")
    interview = as_date(values.get("Interview On"))
    thanks = as_date(values.get("Thank-You Sent On"))
    if interview and thanks and thanks < interview:
        errors.append(f"Thank-You Sent On ({thanks:%-d %b %Y}) is before the interview ({interview:%-d %b %Y}).")
    email = str(values.get("Interviewer Email") or "").strip()
    if email and not _EMAIL.match(email):
        errors.append(f"Interviewer Email '{email}' does not look like an email address.")
    for name in ("Job Link", "Interviewer LinkedIn"):
        link = str(values.get(name) or "").strip()
        if link and not re.match(r"^(https?://|www\.)", link, re.I) and "." not in link:
            errors.append(f"{name} '{link}' does not look like a web address.")
    count = values.get("Follow-Ups Sent")
    if count is not None and (not isinstance(count, int) or count < 0):
        errors.append("Follow-Ups Sent must be a whole number of 0 or more.")
    return errors


def changed_fields(base: Mapping[str, Any], values: Mapping[str, Any]) -> dict[str, Any]:
    """Return the schema fields whose value in `values` differs from `base`."""
    changes: dict[str, Any] = {}
    for col in APPLICATIONS.columns:
        if col.name == "ID" or col.name not in values:
            continue
        if comparable(col, values[col.name]) != comparable(col, base.get(col.name)):
            changes[col.name] = values[col.name]
    return changes


def to_widget_value(kind: Kind, value: Any) -> Any:
    """Return a typed cell value in the form a Streamlit input widget takes (None for blank dates)."""
    if kind in (Kind.DATE, Kind.DATETIME):
        if value is None or value is pd.NaT:
            return None
        ts = pd.Timestamp(value)
        return ts.date() if kind is Kind.DATE else ts.to_pydatetime()
    if kind is Kind.INT:
        return int(value or 0)
    return "" if value is None else str(value)


def combine(day: date | None, moment: Any = None) -> datetime | None:
    """Return a datetime from a date input and an optional time input."""
    if day is None:
        return None
    if moment is None:
        return datetime(day.year, day.month, day.day)
    return datetime.combine(day, moment)
