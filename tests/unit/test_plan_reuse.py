"""The whole-search plan reuses what it worked out before, and gives exactly what planning each
application on its own gives.

`plan` keeps the last plan's actions by each application's inputs and works out again only
what changed (an edit, a new history row, another day, a time of day that matters). The
straightforward path here plans every application of a generated 1,000-application search on
its own, from its own history rows, with no reuse; both must agree for every application, at
several times of one day, after an edit, and the next day.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pandas as pd
import pytest

from lib.domain.fields import AppCol, HistCol
from lib.domain.history import entries
from lib.domain.model import applications_frame, followups_frame
from lib.domain.records import read_applications
from lib.domain.text import clean
from lib.domain.vocab import Scenario
from lib.io.demo import generate
from lib.planner.action import Action
from lib.planner.plan import Planner, _offers, forget_plans, plan
from lib.planner.settings import RuleSettings

TODAY = date(2026, 11, 18)  # a Wednesday
SETTINGS = RuleSettings()


@pytest.fixture(scope="module")
def search() -> tuple[pd.DataFrame, pd.DataFrame]:
    apps, history = generate(1000, TODAY, seed=11)
    return applications_frame(apps), followups_frame(history)


def one_by_one(applications: pd.DataFrame, followups: pd.DataFrame, now: datetime) -> list[Action]:
    """Plan each application on its own: its history picked out row by row, nothing kept."""
    records = read_applications(applications)
    offers = _offers(records)
    ids = [clean(v) for v in followups[HistCol.APPLICATION_ID]]
    rows = entries(followups)
    return [Planner(app, [e for i, e in zip(ids, rows, strict=True) if i == app.app_id], now, SETTINGS, offers).run()
            for app in records]


def assert_same(fast: list[Action], slow: list[Action]) -> None:
    assert len(fast) == len(slow)
    for got, want in zip(fast, slow, strict=True):
        assert got == want, got.app_id


def test_the_plan_is_the_same_at_every_time_of_a_day_and_the_next(search):
    applications, followups = search
    forget_plans()
    for moment in (time(0, 0), time(8, 59), time(9, 0), time(11, 30), time(14, 1), time(16, 45), time(23, 59)):
        now = datetime.combine(TODAY, moment)
        assert_same(plan(applications, followups, now, SETTINGS), one_by_one(applications, followups, now))
    tomorrow = datetime.combine(TODAY + timedelta(days=1), time(10, 0))
    assert_same(plan(applications, followups, tomorrow, SETTINGS), one_by_one(applications, followups, tomorrow))


def test_an_edit_and_a_new_history_row_are_planned_again(search):
    applications, followups = search
    now = datetime.combine(TODAY, time(10, 0))
    forget_plans()
    before = plan(applications, followups, now, SETTINGS)
    edited = applications.copy()
    waiting = next(i for i, a in enumerate(before) if a.kind.value in ("follow_up", "final_follow_up"))
    edited.loc[edited.index[waiting], AppCol.LAST_FOLLOW_UP_ON] = pd.Timestamp(now - timedelta(hours=1))
    added = pd.concat([followups, followups_frame([{
        HistCol.APPLICATION_ID: before[waiting + 1].app_id, HistCol.DATE: now - timedelta(hours=2),
        HistCol.DIRECTION: "Received", HistCol.KIND: "Reply"}])], ignore_index=True)
    after = plan(edited, added, now, SETTINGS)
    assert_same(after, one_by_one(edited, added, now))
    assert after[waiting] != before[waiting] and after[waiting + 1] != before[waiting + 1]


def test_an_offer_in_hand_replans_the_other_applications(search):
    applications, followups = search
    now = datetime.combine(TODAY, time(10, 0))
    forget_plans()
    plan(applications, followups, now, SETTINGS)
    offered = applications.copy()
    first = offered.index[0]
    offered.loc[first, AppCol.STATUS] = "Offer"
    offered.loc[first, AppCol.OFFER_DEADLINE] = pd.Timestamp(TODAY + timedelta(days=5))
    offered.loc[first, AppCol.RESPONSE_ON] = pd.Timestamp(now - timedelta(hours=1))
    nudged = plan(offered, followups, now, SETTINGS)
    assert_same(nudged, one_by_one(offered, followups, now))
    assert sum(1 for a in nudged if a.scenario is Scenario.COMPETING_OFFER) > 10


def test_a_second_plan_of_the_same_data_reuses_the_first(search):
    applications, followups = search
    now = datetime.combine(TODAY, time(10, 0))
    forget_plans()
    first = plan(applications, followups, now, SETTINGS)
    again = plan(applications.copy(), followups.copy(), now, SETTINGS)  # a new read of the same data
    assert all(a is b for a, b in zip(first, again, strict=True))
