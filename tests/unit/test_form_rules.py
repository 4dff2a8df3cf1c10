"""Form rules: web addresses in link fields, what an edit may leave as typed, and spotting a likely duplicate."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from lib.views.forms import edit_problems, likely_duplicates, normalise_link, validate_application

BASE = {"Company": "Acme", "Job Title": "Analyst"}


@pytest.mark.parametrize(
    "link",
    ["javascript:alert(document.domain)", "JAVASCRIPT:alert(1)", "data:text/html,<b>x</b>", "ftp://example.com/x",
     "vbscript:msgbox(1)", "file:///etc/passwd", "not a link", "http://", "https:// spaced.com", "mailto:a@b.com",
     "//evil.example/x", "http://exa mple.com"],
)
@pytest.mark.parametrize("field", ["Job Link", "Interviewer LinkedIn"])
def test_link_fields_refuse_anything_but_web_addresses(field, link):
    errors = validate_application({**BASE, field: link})
    assert any(field in e and "web address" in e for e in errors), errors


@pytest.mark.parametrize(
    "link",
    ["https://jobs.example.com/123", "http://example.com", "HTTPS://Example.com/a?b=c#d", "www.example.com/jobs",
     "example.com/jobs", "linkedin.com/in/jo-smith", "https://www.linkedin.com/in/jo-smith/"],
)
def test_link_fields_accept_web_addresses(link):
    assert validate_application({**BASE, "Job Link": link, "Interviewer LinkedIn": link}) == []


def test_a_bare_address_is_stored_as_https():
    assert normalise_link("www.example.com/jobs") == "https://www.example.com/jobs"
    assert normalise_link("example.com") == "https://example.com"
    assert normalise_link("http://example.com") == "http://example.com"


def _apps(*rows: dict) -> pd.DataFrame:
    cols = ["ID", "Company", "Job Title", "Job Link"]
    return pd.DataFrame([{c: r.get(c, "") for c in cols} for r in rows], columns=cols)


def test_same_company_and_title_ignoring_case_spacing_and_punctuation_is_a_likely_duplicate():
    apps = _apps({"ID": "A-1", "Company": "Acme Rockets, Inc.", "Job Title": "Data  Analyst"},
                 {"ID": "A-2", "Company": "Acme Rockets", "Job Title": "Engineer"})
    found = likely_duplicates(apps, {"Company": "acme rockets inc", "Job Title": "data-analyst"})
    assert [d.app_id for d in found] == ["A-1"]


def test_same_job_link_is_a_likely_duplicate_whatever_the_names():
    apps = _apps({"ID": "A-1", "Company": "Acme", "Job Title": "Analyst", "Job Link": "https://jobs.example.com/42/"})
    found = likely_duplicates(apps, {"Company": "ACME Corp (via agency)", "Job Title": "BI person", "Job Link": "jobs.example.com/42"})
    assert [d.app_id for d in found] == ["A-1"]
    assert "link" in found[0].reason


def test_different_jobs_are_not_duplicates():
    apps = _apps({"ID": "A-1", "Company": "Acme", "Job Title": "Analyst", "Job Link": "https://jobs.example.com/42"})
    assert likely_duplicates(apps, {"Company": "Acme", "Job Title": "Senior Analyst", "Job Link": "https://jobs.example.com/43"}) == []
    assert likely_duplicates(apps, {"Company": "Acme Rockets", "Job Title": "Analyst"}) == []
    assert likely_duplicates(_apps(), {"Company": "Acme", "Job Title": "Analyst"}) == []


HAND_TYPED = {**BASE, "Job Link": "see Dana's email", "Applied On": date(2026, 5, 10), "Interview On": date(2026, 5, 1)}


@pytest.mark.parametrize(
    ("change", "refused"),
    [
        ({"Status": "Interviewing"}, []),  # an unrelated change: the hand-typed cells stay as they are
        ({"Job Link": "still not a link"}, ["Job Link 'still not a link' does not look like a web address (https://…)."]),
        ({"Interview On": date(2026, 5, 2)}, ["Interview On (2 May 2026) is before Applied On (10 May 2026)."]),
        ({"Applied On": date(2026, 5, 12)}, ["Interview On (1 May 2026) is before Applied On (12 May 2026)."]),
        ({"Company": ""}, ["Company is required."]),
        ({"Job Link": "https://acme.example/jobs/1", "Interview On": date(2026, 5, 11)}, []),
    ],
)
def test_an_edit_is_refused_only_for_problems_it_brings(change, refused):
    assert edit_problems(HAND_TYPED, {**HAND_TYPED, **change}) == refused
