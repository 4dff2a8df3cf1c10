"""Data issues as a person reads them: which application, where in the sheet, what is wrong."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from lib.domain.fields import AppCol, HistCol
from lib.domain.model import ROW, DataIssue
from lib.domain.schema import APPLICATIONS, FOLLOWUPS


def _names(frame: pd.DataFrame, company: str, title: str) -> dict[int, str]:
    if frame.empty or ROW not in frame.columns:
        return {}
    return {
        int(row): " – ".join(p for p in (str(c).strip(), str(t).strip()) if p) or "(no company or job title)"
        for row, c, t in zip(frame[ROW], frame[company], frame[title])
    }


def application_of(issue: DataIssue, apps: pd.DataFrame, followups: pd.DataFrame) -> str:
    """Return "Company – Job Title" of the application an issue is about, or "" when none is known.

    An issue on the Follow-ups tab names the application of that history row.
    """
    if issue.row is None:
        return ""
    if issue.tab == APPLICATIONS.title:
        return _names(apps, AppCol.COMPANY, AppCol.JOB_TITLE).get(issue.row, "")
    if issue.tab == FOLLOWUPS.title and not followups.empty and ROW in followups.columns:
        hit = followups[followups[ROW] == issue.row]
        if hit.empty:
            return ""
        app_id = str(hit.iloc[0][HistCol.APPLICATION_ID]).strip()
        by_id = apps[apps[AppCol.ID] == app_id] if app_id and not apps.empty else apps.iloc[0:0]
        if not by_id.empty:
            return _names(by_id, AppCol.COMPANY, AppCol.JOB_TITLE).get(int(by_id.iloc[0][ROW]), "")
        return _names(hit, HistCol.COMPANY, HistCol.JOB_TITLE).get(issue.row, "")
    return ""


def issue_rows(issues: Iterable[DataIssue], apps: pd.DataFrame, followups: pd.DataFrame) -> list[dict[str, str]]:
    """Return one row per issue for a table: Application, Where, What is wrong, Value (whole texts)."""
    return [
        {"Application": application_of(i, apps, followups), "Where": i.where, "What is wrong": i.message, "Value": i.value}
        for i in issues
    ]
