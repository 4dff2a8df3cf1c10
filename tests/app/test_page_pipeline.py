"""The Pipeline page: KPIs, filters, one chart and CSV per view, friendly notes when empty."""

from __future__ import annotations

import io
import json
from datetime import date

import pandas as pd
import pytest

from lib.domain.model import applications_frame, followups_frame
from lib.io.demo import generate
from lib.io.export import safe_csv
from lib.pipeline import metrics
from tests.conftest import no_exceptions

PAGE = "app_pages/pipeline.py"
CHARTS = 7


def kpis(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def figures(at) -> dict[str, dict]:
    """Return each chart on the page by its title, as the figure JSON sent to the browser."""
    out = {}
    for element in at.get("plotly_chart"):
        spec = json.loads(element.proto.spec)
        out[spec["layout"]["title"]["text"]] = spec
    return out


@pytest.mark.parametrize("fixture", ["demo_store", "sheets_demo"])
def test_demo_answers_how_the_search_is_going(request, app_on, fixture):
    at = app_on(request.getfixturevalue(fixture), PAGE)
    no_exceptions(at)
    assert at.title[0].value == "Pipeline"
    assert kpis(at) == {
        "Applications": "27",
        "Response rate": "63%",
        "Interview rate": "56%",
        "Offer rate": "20%",
        "Days to a response": "10",
        "Active": "20",
    }
    assert any("**Response**: any reply from the employer" in c.value for c in at.caption)
    assert len(at.get("download_button")) == CHARTS


def test_demo_charts_hold_the_numbers(app_on, demo_store):
    at = app_on(demo_store, PAGE)
    figs = figures(at)
    assert set(figs) == {
        "How far applications got", "Where applications ended up", "Applications over time",
        "Response rate by week applied", "Response rate by source", "Do follow-ups get a response?",
        "How long responses take",
    }
    assert figs["How far applications got"]["data"][0]["x"] == [27, 17, 15, 3]
    source = figs["Response rate by source"]["data"][0]
    assert dict(zip(source["y"], source["text"])) == {
        "LinkedIn": "5/8", "Company site": "4/6", "Recruiter": "3/5", "Job board": "2/4", "Referral": "3/4",
    }
    timeline_bars = [t for t in figs["Applications over time"]["data"] if t["type"] == "bar"]
    assert sum(len(t["y"]) for t in timeline_bars if not t["name"].startswith("⚠")) == 27
    assert any(t["name"] == "⚠ Overdue" for t in timeline_bars)  # the planner's view is passed in
    overall = figs["Do follow-ups get a response?"]["data"][0]
    assert overall["text"] == ["9/15", "5/12"]  # followed up, not followed up: following up helps


def test_filters_apply_to_every_chart(app_on, demo_store):
    at = app_on(demo_store, PAGE)
    at.multiselect(key="pipeline.source").set_value(["Referral"]).run()
    no_exceptions(at)
    assert kpis(at)["Applications"] == "4"
    assert figures(at)["How far applications got"]["data"][0]["x"] == [4, 3, 2, 1]
    assert figures(at)["Response rate by source"]["data"][0]["y"] == ["Referral"]
    at.multiselect(key="pipeline.status").set_value(["Interviewing"]).run()
    assert kpis(at)["Applications"] == "1"  # Copperleaf Energy


def test_filter_by_date_range(app_on, demo_store):
    at = app_on(demo_store, PAGE)
    today = date.today()
    at.date_input(key="pipeline.applied").set_value((today - pd.Timedelta(days=14), today)).run()
    no_exceptions(at)
    # applied 12, 7, 6, 4 and 2 days ago
    assert kpis(at)["Applications"] == "5"


def test_filters_that_match_nothing_say_so(app_on, demo_store):
    at = app_on(demo_store, PAGE)
    at.multiselect(key="pipeline.source").set_value(["Referral"])
    at.multiselect(key="pipeline.status").set_value(["Rejected"]).run()
    no_exceptions(at)
    assert any("No applications match" in i.value for i in at.info)
    assert not at.get("plotly_chart")


def test_empty_store_shows_a_friendly_note(app_on, fresh_store):
    at = app_on(fresh_store, PAGE)
    no_exceptions(at)
    assert any("No applications yet" in i.value for i in at.info)
    assert not at.get("plotly_chart")
    assert not at.metric


def test_wishlist_only_store_is_empty_too(app_on, fresh_store):
    fresh_store.replace_all([{"Company": "Kite", "Job Title": "Analyst", "Status": "Wishlist"}], [], {})
    at = app_on(fresh_store, PAGE)
    no_exceptions(at)
    assert any("No applications yet" in i.value for i in at.info)


def test_no_response_dates_yet_gives_a_note_instead_of_a_chart(app_on, fresh_store):
    fresh_store.replace_all([{"Company": "Kite", "Job Title": "Analyst", "Status": "Applied", "Applied On": date.today()}], [], {})
    at = app_on(fresh_store, PAGE)
    no_exceptions(at)
    assert kpis(at)["Response rate"] == "0%"
    assert kpis(at)["Offer rate"] == "—"
    assert any("No response dates yet" in i.value for i in at.info)
    assert len(at.get("plotly_chart")) == CHARTS - 1


def test_large_generated_search(app_on, fresh_store):
    apps, history = generate(1000, date.today())
    fresh_store.replace_all(apps, history, {})
    at = app_on(fresh_store, PAGE)
    no_exceptions(at)
    expected = sum(1 for a in apps if a.get("Applied On") is not None)
    assert kpis(at)["Applications"] == f"{expected:,}"
    timeline = figures(at)["Applications over time"]
    shown = sum(len(t["y"]) for t in timeline["data"] if t["type"] == "bar" and not t["name"].startswith("⚠"))
    assert shown == 60
    assert f"Showing 60 of {expected:,}" in timeline["layout"]["title"]["subtitle"]["text"]


def test_reply_dates_that_cannot_be_used_are_listed(app_on, fresh_store):
    today = date.today()
    fresh_store.replace_all(
        [
            {"Company": "Acme", "Job Title": "Analyst", "Status": "Rejected", "Applied On": today,
             "Response On": today - pd.Timedelta(days=3)},
            {"Company": "Beta", "Job Title": "Analyst", "Status": "Applied", "Applied On": today},
        ],
        [], {},
    )
    at = app_on(fresh_store, PAGE)
    no_exceptions(at)
    assert any("left out of the response times" in e.label for e in at.expander)
    issues = at.dataframe[0].value
    assert list(issues["Where"]) == ["Applications row 2 (Response On)"]


@pytest.mark.parametrize("company", ["=HYPERLINK(\"http://x\")", "+1 555", "@SUM(A1)", "-2"])
def test_chart_numbers_download_without_formulas(company):
    apps = applications_frame([{"ID": "A1", "Company": company, "Job Title": "Analyst", "Applied On": "2026-01-05"}])
    rows = metrics.timeline(apps, followups_frame([]), date(2026, 2, 1))
    read = pd.read_csv(io.BytesIO(safe_csv(rows)), encoding="utf-8-sig", dtype=str)
    assert read.loc[0, "Company"] == "'" + company

