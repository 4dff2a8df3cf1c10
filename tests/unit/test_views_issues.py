"""Data issues name the application they are about."""

from __future__ import annotations

from lib.domain.model import DataIssue, applications_frame, followups_frame
from lib.views.issues import applications_to_fix, issue_rows


def test_issues_name_the_application() -> None:
    apps = applications_frame([
        {"ID": "A-1", "Company": "Acme", "Job Title": "Analyst", "_row": 2},
        {"ID": "A-2", "Company": "Birch", "Job Title": "", "_row": 5},
    ])
    history = followups_frame([{"ID": "F-1", "Application ID": "A-1", "Company": "", "_row": 3}])
    issues = [
        DataIssue("Applications", 5, "Applied On", "Applied On could not be read as a date.", "31/02", cell="H5"),
        DataIssue("Follow-ups", 3, "Date", "Date could not be read.", "soon", cell="E3"),
        DataIssue("Applications", None, "", "The tab has no ID column."),
        DataIssue("Applications", 40, "Status", "Unknown status.", "Maybe"),
    ]
    rows = issue_rows(issues, apps, history)
    assert [r["Application"] for r in rows] == ["Birch", "Acme – Analyst", "", ""]
    assert applications_to_fix(issues, apps, history) == [("A-2", "Birch"), ("A-1", "Acme – Analyst")]
    assert rows[0]["Where"] == "Applications!H5 (Applied On)"
    assert rows[0]["What is wrong"] == "Applied On could not be read as a date." and rows[0]["Value"] == "31/02"
