"""Every page gives the same answer: each headline figure, from every place it is shown.

The dataset is the demo search plus the rows that used to make the pages disagree: an
interviewed application with no reply recorded, a history row typed by hand without a Kind,
a reply typed without a Direction, an "Applied" row without an Applied On date, a rejection
without a date, a wishlist row with a reply date. Each figure (response rate, active
applications, follow-ups sent, interviews) is computed by the definition's scalar form
(`lib.domain.facts`, one application at a time), by its vectorised form (the metrics), by
the planner and the Follow-up checks where they show it, and read off the Today and Pipeline
pages themselves; all must agree.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pandas as pd
import pytest

from lib.domain import facts
from lib.domain.history import entries_by_application
from lib.domain.model import applications_frame, as_date, as_datetime, followups_frame
from lib.io.demo import demo_records
from lib.io.store.local import LocalStore
from lib.messages.templates import unanswered_followups
from lib.pipeline import metrics
from lib.planner.rules import plan
from tests.conftest import no_exceptions

TODAY = date.today()  # the pages under AppTest read the clock
NOW = datetime.combine(TODAY, datetime.min.time()).replace(hour=9)


def _day(days_ago: int) -> date:
    return TODAY - timedelta(days=days_ago)


def dataset() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    apps, history = demo_records(TODAY)
    extra_apps = [
        # Interviewed, no reply recorded: no response, but "Responded or interviewed" in the funnel.
        {"ID": "A-x01", "Company": "Interviewed Co", "Job Title": "Analyst", "Status": "Interviewing",
         "Applied On": _day(20), "Interview On": datetime.combine(_day(6), datetime.min.time()).replace(hour=10)},
        # Interviewed by its date only; the status still says Applied.
        {"ID": "A-x02", "Company": "Dated Interview", "Job Title": "Analyst", "Status": "Applied",
         "Applied On": _day(25), "Interview On": _day(9)},
        # A hand-typed Sent row with a blank Kind: one follow-up.
        {"ID": "A-x03", "Company": "Hand Typed", "Job Title": "Engineer", "Status": "Applied", "Applied On": _day(30)},
        # A reply typed without a Direction: a response.
        {"ID": "A-x04", "Company": "Quiet Reply", "Job Title": "Engineer", "Status": "Applied", "Applied On": _day(28)},
        # Active by status but no Applied On date: not an application, so not active.
        {"ID": "A-x05", "Company": "Undated", "Job Title": "Designer", "Status": "Applied"},
        # Rejected without a date: a response.
        {"ID": "A-x06", "Company": "Turned Down", "Job Title": "Designer", "Status": "Rejected", "Applied On": _day(40)},
        # On the wishlist with a reply date: no application at all.
        {"ID": "A-x07", "Company": "Wishful", "Job Title": "Writer", "Status": "Wishlist", "Response On": _day(3)},
        # Follow-ups counted in the row only, and one more in the history.
        {"ID": "A-x08", "Company": "Counted", "Job Title": "Writer", "Status": "Applied", "Applied On": _day(50),
         "Follow-Ups Sent": 2, "Last Follow-Up On": _day(20)},
    ]
    extra_history = [
        {"ID": "F-x01", "Application ID": "A-x03", "Date": _day(15), "Direction": "Sent", "Kind": "", "Medium": "Email"},
        {"ID": "F-x02", "Application ID": "A-x04", "Date": _day(12), "Direction": "", "Kind": "Reply", "Medium": "Email"},
        {"ID": "F-x03", "Application ID": "A-x08", "Date": _day(30), "Direction": "", "Kind": "", "Medium": ""},
    ]
    return apps + extra_apps, history + extra_history


@pytest.fixture(scope="module")
def frames() -> tuple[pd.DataFrame, pd.DataFrame]:
    apps, history = dataset()
    return applications_frame(apps), followups_frame(history)


def _scalar(apps: pd.DataFrame, fups: pd.DataFrame) -> dict[str, Any]:
    """The figures by the definitions' scalar forms, one application at a time."""
    by_app = entries_by_application(fups)
    applications = responses = active = interviews = offers = 0
    sent: list[int] = []
    for row in apps.to_dict("records"):
        history = by_app.get(row["ID"], [])
        status, applied_on = row["Status"], as_date(row["Applied On"])
        sent.append(facts.followups_sent(int(row["Follow-Ups Sent"]), history))
        if not facts.is_application(status, applied_on):
            continue
        applications += 1
        responses += facts.got_response(status, as_datetime(row["Response On"]), history)
        active += facts.is_active(status, applied_on)
        interviews += facts.reached_interview(status, as_datetime(row["Interview On"]))
        offers += facts.got_offer(status)
    return {"applications": applications, "responses": responses, "active": active, "interviews": interviews, "offers": offers,
            "sent": sent}


def test_the_dataset_holds_the_cases_that_used_to_disagree(frames) -> None:
    apps, fups = frames
    k = metrics.kpis(apps, fups)
    assert k.applications == 27 + 6  # demo applications, the extra rows less the undated and the wishlist
    assert (apps["ID"] == "A-x01").any() and (fups["Kind"] == "").any() and (fups["Direction"] == "").any()


def test_response_rate(frames) -> None:
    apps, fups = frames
    scalar = _scalar(apps, fups)
    k = metrics.kpis(apps, fups)
    facts_frame = metrics.application_facts(apps, fups)
    applied = facts_frame.loc[facts_frame["applied"]]
    assert (k.applications, k.responses) == (scalar["applications"], scalar["responses"])
    assert k.response_rate == pytest.approx(scalar["responses"] / scalar["applications"])
    assert metrics.response_rate_by_week(apps, fups)["Responses"].sum() == k.responses
    assert metrics.response_rate_by_source(apps, fups)["Responses"].sum() == k.responses
    # The funnel's second stage nests the interviews into it, and says so.
    stages = metrics.funnel(apps, fups).set_index("Stage")["Applications"]
    assert stages.index[1] == "Responded or interviewed"
    assert stages.iloc[1] == int((applied["responded"] | applied["interviewed"]).sum()) > k.responses


def test_active_applications(frames) -> None:
    apps, fups = frames
    k = metrics.kpis(apps, fups)
    assert k.active == _scalar(apps, fups)["active"] == int(facts.active_mask(apps).sum())
    assert not facts.is_active("Applied", None)  # the undated "Applied" row


def test_interviews(frames) -> None:
    apps, fups = frames
    k = metrics.kpis(apps, fups)
    assert k.interviews == _scalar(apps, fups)["interviews"]
    stages = metrics.funnel(apps, fups).set_index("Stage")["Applications"]
    assert stages["Interviewed"] == k.interviews
    assert stages["Offer"] == k.offers == _scalar(apps, fups)["offers"]
    flow = metrics.flow(apps, fups)
    assert flow.query("Source == 'Applied' and Target == 'Interviewed'")["Applications"].sum() == k.interviews


def test_follow_ups_sent(frames) -> None:
    apps, fups = frames
    planner = [a.followups_sent for a in plan(apps, fups, NOW)]
    pipeline = metrics.application_facts(apps, fups)["follow_ups"].tolist()
    assert planner == pipeline == _scalar(apps, fups)["sent"]
    timeline = metrics.timeline(apps, fups, TODAY).set_index("ID")["Follow-ups"]
    for app_id, count in zip(apps["ID"], pipeline):
        if app_id in timeline.index:
            assert timeline[app_id] == count
    # The Follow-up checks count the same follow-ups while no reply has come.
    by_app = entries_by_application(fups)
    for row, count in zip(apps.to_dict("records"), planner):
        if pd.isna(row["Response On"]) and not any(e.received for e in by_app.get(row["ID"], [])):
            assert unanswered_followups(row, fups[fups["Application ID"] == row["ID"]]) == count, row["Company"]
    assert dict(zip(apps["ID"], planner))["A-x03"] == 1  # the hand-typed row without a Kind
    assert dict(zip(apps["ID"], planner))["A-x08"] == 2  # the row's count wins over one history row


def test_the_pages_show_the_same_figures(app_on, tmp_path) -> None:
    apps, history = dataset()
    store = LocalStore(tmp_path / "data")
    store.replace_all(apps, history, {})
    k = metrics.kpis(*store_frames(store))
    today = app_on(store, "app_pages/today.py")
    no_exceptions(today)
    shown = {m.label: m.value for m in today.metric}
    pipeline = app_on(store, "app_pages/pipeline.py")
    no_exceptions(pipeline)
    headline = {m.label: m.value for m in pipeline.metric}
    assert shown["Response rate so far"] == headline["Response rate"] == f"{k.response_rate:.0%}"
    assert shown["Active applications"] == headline["Active"] == f"{k.active:,}"
    assert any(f"{k.responses:,} of {k.applications:,} applications got a response, {k.interviews:,} reached an interview" in c.value
               for c in pipeline.caption)


def store_frames(store: LocalStore) -> tuple[pd.DataFrame, pd.DataFrame]:
    data = store.load(TODAY)
    return data.applications, data.followups
