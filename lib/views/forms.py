"""Forms: checking what a person typed before anything is written, what a form was filled from,
and spotting a likely duplicate before an application is added."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, MutableMapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeVar, cast
from urllib.parse import urlsplit

import pandas as pd

from lib.domain.fields import AppCol
from lib.domain.model import DataIssue, as_date
from lib.domain.schema import APPLICATIONS, Kind
from lib.domain.values import comparable, display
from lib.planner.plan import unreadable_cells

T = TypeVar("T")

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
LINK_FIELDS = ("Job Link", "Interviewer LinkedIn")
# A web address: http(s), or a bare host with a dot ("www.x.com", "x.com/jobs", read as https).
# Only a host name or IPv4 address may follow the scheme, so "javascript:", "data:", user
# names before an "@" and spaces are all refused. [^\W_] is a letter or digit in any script.
_LABEL = r"[^\W_](?:[^\W_]|-){0,62}"
_HOST = rf"(?:{_LABEL}\.)+(?:[^\W\d_]{{2,63}}|xn--[a-z0-9-]{{1,59}})\.?"
_IPV4 = r"\d{1,3}(?:\.\d{1,3}){3}"
_WEB = re.compile(rf"^(?:(https?)://)?(?:{_HOST}|{_IPV4})(?::\d{{1,5}})?(?:[/?#]\S*)?$", re.IGNORECASE)


def is_web_address(text: Any) -> bool:
    """Return True when `text` is an http(s) web address, or a bare one like "www.x.com/jobs"."""
    return isinstance(text, str) and _WEB.match(text.strip()) is not None


def normalise_link(text: str) -> str:
    """Return a web address with its scheme: a bare "x.com/jobs" becomes "https://x.com/jobs".

    Text that is not a web address is returned stripped (validation reports it).
    """
    link = text.strip()
    match = _WEB.match(link)
    if match is None or match.group(1):
        return link
    return "https://" + link


def with_web_links(values: Mapping[str, Any]) -> dict[str, Any]:
    """Return `values` with each link field given its scheme (see `normalise_link`)."""
    return {k: normalise_link(v) if k in LINK_FIELDS and isinstance(v, str) and v.strip() else v for k, v in values.items()}


@dataclass(frozen=True)
class FieldProblem:
    """What is wrong with a value a person typed: the fields it is about (first the one to fix) and a sentence."""

    fields: tuple[str, ...]
    message: str


def application_problems(values: Mapping[str, Any]) -> list[FieldProblem]:
    """Return what is wrong with a new or edited application ([] if nothing)."""
    problems: list[FieldProblem] = []
    for col in APPLICATIONS.columns:
        if col.required and not str(values.get(col.name) or "").strip():
            problems.append(FieldProblem((col.name,), f"{col.name} is required."))
    applied = as_date(values.get("Applied On"))
    for name in ("Interview On", "Response On", "Thank-You Sent On", "Last Follow-Up On"):
        other = as_date(values.get(name))
        if applied and other and other < applied:
            problems.append(FieldProblem((name, "Applied On"), f"{name} ({other:%-d %b %Y}) is before Applied On ({applied:%-d %b %Y})."))
    interview = as_date(values.get("Interview On"))
    thanks = as_date(values.get("Thank-You Sent On"))
    if interview and thanks and thanks < interview:
        problems.append(FieldProblem(("Thank-You Sent On", "Interview On"),
                                     f"Thank-You Sent On ({thanks:%-d %b %Y}) is before the interview ({interview:%-d %b %Y})."))
    email = str(values.get("Interviewer Email") or "").strip()
    if email and not _EMAIL.match(email):
        problems.append(FieldProblem(("Interviewer Email",), f"Interviewer Email '{email}' does not look like an email address."))
    for name in LINK_FIELDS:
        link = str(values.get(name) or "").strip()
        if link and not is_web_address(link):
            problems.append(FieldProblem((name,), f"{name} '{link}' does not look like a web address (https://…)."))
    count = values.get("Follow-Ups Sent")
    if count is not None and (not isinstance(count, int) or count < 0):
        problems.append(FieldProblem(("Follow-Ups Sent",), "Follow-Ups Sent must be a whole number of 0 or more."))
    return problems


def validate_application(values: Mapping[str, Any]) -> list[str]:
    """Return what is wrong with a new or edited application, as sentences ([] if nothing)."""
    return [p.message for p in application_problems(values)]


def edit_problems(base: Mapping[str, Any], values: Mapping[str, Any]) -> list[str]:
    """Return what is wrong with the fields an edit changes (or with how they sit with the others), as sentences.

    A cell typed by hand that the form would refuse (a note in Job Link, an interview dated before
    the application) must not stop an unrelated change: the save writes only the changed fields,
    so such a cell stays exactly as typed. Changing it, or a field it is checked against, is refused.
    """
    changed = set(changed_fields(base, values))
    return [p.message for p in application_problems(values) if changed.intersection(p.fields)]


def is_valid_email(text: str) -> bool:
    """Return True when `text` looks like an email address (what the form accepts in Interviewer Email)."""
    return _EMAIL.match(text.strip()) is not None


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


# --- what a form was filled from --------------------------------------------------------


@dataclass(frozen=True)
class FieldChange:
    """A field whose stored value changed since a form was filled from it."""

    field: str
    was: str  # as the form was filled, for a person to read
    now: str  # as stored now


def changes_since(base: Mapping[str, Any], current: Mapping[str, Any]) -> list[FieldChange]:
    """Return the application fields (but the ID) whose value in `current` differs from `base`."""
    return [
        FieldChange(col.name, display(base.get(col.name)), display(current.get(col.name)))
        for col in APPLICATIONS.columns
        if col.name != "ID" and comparable(col, base.get(col.name)) != comparable(col, current.get(col.name))
    ]


def settings_changes_since(base: Mapping[str, str], current: Mapping[str, str], keys: Iterable[str]) -> list[FieldChange]:
    """Return the settings among `keys` whose stored text differs between `base` and `current`."""
    return [
        FieldChange(k, display(base.get(k)), display(current.get(k)))
        for k in keys
        if (base.get(k) or "").strip() != (current.get(k) or "").strip()
    ]


def describe_changes(changes: list[FieldChange]) -> str:
    """Return changes as one line for a person: "Notes: (blank) → Call Sam; Location: York → Leeds"."""
    return "; ".join(f"{c.field}: {c.was} → {c.now}" for c in changes)


def remembered(state: MutableMapping[Any, Any], key: str, current: T, *, opening: bool) -> T:
    """Return what is kept under `key` in `state`, first keeping `current` there when `opening`
    (the form is drawn for the first time) or nothing is kept yet.

    A form is filled from, and its writes checked against, the values it opened with, not
    the data re-read when it is submitted.
    """
    if opening or key not in state:
        state[key] = current
    return cast(T, state[key])


# --- likely duplicates -----------------------------------------------------------------

_COMPANY_SUFFIXES = frozenset({"inc", "incorporated", "ltd", "limited", "llc", "plc", "corp", "corporation", "co", "gmbh", "ag", "sa", "bv", "pty"})
_TRACKING = re.compile(r"^(utm_|gclid$|fbclid$|trk|ref$|source$)", re.IGNORECASE)


@dataclass(frozen=True)
class Duplicate:
    """An application already in the data that a new one probably repeats."""

    app_id: str
    company: str
    job_title: str
    status: str
    reason: str  # "same job link" or "same company and job title"


def name_key(text: Any, *, company: bool = False) -> str:
    """Return `text` folded for comparing names: case, Unicode look-alike forms, spacing and punctuation ignored.

    For a company, a trailing legal form ("Inc.", "Ltd") is ignored too.
    """
    folded = unicodedata.normalize("NFKC", str(text or "")).casefold()
    words = re.sub(r"[\W_]+", " ", folded).split()
    while company and len(words) > 1 and words[-1] in _COMPANY_SUFFIXES:
        words.pop()
    return " ".join(words)


def link_key(text: Any) -> str:
    """Return a job link folded for comparing: no scheme, "www.", fragment, tracking parameters or end slash."""
    link = normalise_link(str(text or ""))
    if not is_web_address(link):
        return ""
    parts = urlsplit(link)
    host = parts.hostname or ""
    host = host[4:] if host.startswith("www.") else host
    query = "&".join(sorted(q for q in parts.query.split("&") if q and not _TRACKING.match(q.split("=", 1)[0])))
    return f"{host}{parts.path.rstrip('/')}" + (f"?{query}" if query else "")


def likely_duplicates(apps: pd.DataFrame, values: Mapping[str, Any]) -> list[Duplicate]:
    """Return the applications in `apps` that `values` (a new application) probably repeats.

    A likely duplicate has the same job link, or the same company and job title ignoring
    case, spacing, punctuation and the company's legal form. Nothing is merged or dropped:
    the caller asks the person.
    """
    if apps.empty:
        return []
    link = link_key(values.get("Job Link"))
    company, title = name_key(values.get("Company"), company=True), name_key(values.get("Job Title"))
    found: list[Duplicate] = []
    for row in apps.to_dict("records"):
        if link and link_key(row.get("Job Link")) == link:
            reason = "same job link"
        elif company and title and name_key(row.get("Company"), company=True) == company and name_key(row.get("Job Title")) == title:
            reason = "same company and job title"
        else:
            continue
        found.append(Duplicate(str(row.get("ID", "")), str(row.get("Company") or ""), str(row.get("Job Title") or ""), str(row.get("Status") or ""), reason))
    return found


def unreadable_notes(applications: pd.DataFrame, app_id: str, issues: Sequence[DataIssue]) -> list[str]:
    """Return, for the edit form, a sentence per date cell of `app_id` that holds text the app could not read.

    The form shows such a field blank; the sentence says what the cell holds, where, and how
    to fix it. Left blank in the form, the cell keeps what was typed (only changed fields are written).
    """
    rows = applications[applications[AppCol.ID] == app_id]
    if rows.empty:
        return []
    notes = []
    for column, cell in unreadable_cells(rows, issues)[0].items():
        fix = "set the date order in Settings, or type it as 2026-03-14" if cell.two_ways else "type it as 2026-03-14"
        notes.append(f"{column} holds \u201c{cell.value}\u201d ({cell.where}), which could not be read as a date: {fix}. "
                     "Left blank here, the cell keeps what was typed.")
    return notes

