"""Data issues as a person reads them: which application, where in the sheet, what is wrong."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from lib.domain.fields import AppCol, HistCol
from lib.domain.model import ROW, DataIssue
from lib.domain.schema import APPLICATIONS, FOLLOWUPS


def _name(company: object, title: object) -> str:
    return " – ".join(p for p in (str(company).strip(), str(title).strip()) if p) or "(no company or job title)"


def _at_row(frame: pd.DataFrame, row: int) -> pd.Series | None:
    if frame.empty or ROW not in frame.columns:
        return None
    hit = frame[frame[ROW] == row]
    return None if hit.empty else hit.iloc[0]


def application_of(issue: DataIssue, apps: pd.DataFrame, followups: pd.DataFrame) -> tuple[str, str]:
    """Return (application ID, "Company – Job Title") of the application an issue is about.

    An issue on the Follow-ups tab is about the application of that history row (named by the
    row's own Company and Job Title when its Application ID matches none). ("", "") when the
    issue is about no row the app read.
    """
    if issue.row is None:
        return "", ""
    if issue.tab == APPLICATIONS.title:
        app = _at_row(apps, issue.row)
        return ("", "") if app is None else (str(app[AppCol.ID]), _name(app[AppCol.COMPANY], app[AppCol.JOB_TITLE]))
    if issue.tab == FOLLOWUPS.title:
        entry = _at_row(followups, issue.row)
        if entry is None:
            return "", ""
        app_id = str(entry[HistCol.APPLICATION_ID]).strip()
        match = apps[apps[AppCol.ID] == app_id] if app_id and not apps.empty else apps.iloc[0:0]
        if not match.empty:
            return app_id, _name(match.iloc[0][AppCol.COMPANY], match.iloc[0][AppCol.JOB_TITLE])
        return "", _name(entry[HistCol.COMPANY], entry[HistCol.JOB_TITLE])
    return "", ""


def issue_rows(issues: Iterable[DataIssue], apps: pd.DataFrame, followups: pd.DataFrame) -> list[dict[str, str]]:
    """Return one row per issue for a table: Application, Where, What is wrong, Value (whole texts)."""
    return [
        {"Application": application_of(i, apps, followups)[1], "Where": i.where, "What is wrong": i.message, "Value": i.value}
        for i in issues
    ]


def applications_to_fix(issues: Iterable[DataIssue], apps: pd.DataFrame, followups: pd.DataFrame) -> list[tuple[str, str]]:
    """Return (application ID, "Company – Job Title") of each application with an issue, once, in issue order."""
    found: dict[str, str] = {}
    for issue in issues:
        app_id, name = application_of(issue, apps, followups)
        if app_id:
            found.setdefault(app_id, name)
    return list(found.items())
