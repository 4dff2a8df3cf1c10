"""The demo tells a believable job search: each application's story fits its Status, dates and
history, following up gets replies more often than not following up (the app's own advice),
and Today has actions of several kinds due."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

import pandas as pd
import pytest

from lib.domain.history import entries
from lib.domain.model import applications_frame, followups_frame
from lib.domain.vocab import Status
from lib.io.demo import demo_records, generate
from lib.pipeline import metrics as m
from lib.planner.action import ActionKind, Urgency
from lib.planner.plan import plan

TODAY = date(2026, 12, 1)


def _dated(value: Any) -> datetime | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).to_pydatetime()


def story_problems(app: pd.Series, history: pd.DataFrame, today: date) -> list[str]:
    """What in one application's record does not add up (an empty list when its story holds)."""
    problems: list[str] = []
    rows = sorted(entries(history), key=lambda e: e.at or datetime.min)
    status = str(app["Status"])
    applied = _dated(app["Applied On"])
    interview = _dated(app["Interview On"])
    response = _dated(app["Response On"])
    replies = [e.at for e in rows if e.received and e.at is not None]
    counted = [e.at for e in rows if e.counted and e.at is not None]
    if status == Status.WISHLIST:
        return ["a wishlist entry has a history"] if rows or applied else []
    if applied is None:
        return ["no Applied On"]
    for e in rows:
        if e.at is None or e.at.date() > today:
            problems.append(f"a history row is dated {e.at}")
        elif e.at < applied:
            problems.append(f"{e.kind} on {e.at:%Y-%m-%d} before applying on {applied:%Y-%m-%d}")
    if int(app["Follow-Ups Sent"]) != len(counted):
        problems.append(f"Follow-Ups Sent {app['Follow-Ups Sent']} but {len(counted)} in the history")
    if _dated(app["Last Follow-Up On"]) != (max(counted) if counted else None):
        problems.append("Last Follow-Up On is not the last follow-up in the history")
    if (response is None) != (not replies) or (replies and response != max(replies)):
        problems.append("Response On is not the last reply in the history")
    if response is not None and (pd.isna(app["Outcome"]) or not str(app["Outcome"]).strip()):
        problems.append("a reply without an Outcome")
    thanked = _dated(app["Thank-You Sent On"])
    if thanked is not None and (interview is None or thanked < interview):
        problems.append("a thank-you note before the interview")
    if status in (Status.INTERVIEWING, Status.OFFER, Status.ACCEPTED):
        if interview is None:
            problems.append(f"{status} without an interview")
        elif not any(r < interview for r in replies):
            problems.append("an interview without an invitation before it")
    if status in (Status.REJECTED, Status.OFFER, Status.ACCEPTED):
        if not replies:
            problems.append(f"{status} without a reply from them")
        elif interview is not None and interview < datetime.combine(today, time()) and max(replies) < interview:
            problems.append(f"{status} decided before the interview")
    if status == Status.NO_RESPONSE:
        sent = [e.at for e in rows if e.sent and e.at is not None]
        if any(r > max(sent) for r in replies):
            problems.append("closed as No Response after they replied")
    return problems


def _frames(records: tuple[list[dict[str, Any]], list[dict[str, Any]]]) -> tuple[pd.DataFrame, pd.DataFrame]:
    return applications_frame(records[0]), followups_frame(records[1])


SEARCHES = {
    "the demo": lambda: demo_records(TODAY),
    "a generated search": lambda: generate(600, TODAY),
    "another seed": lambda: generate(600, TODAY, seed=3),
}


@pytest.mark.parametrize("search", SEARCHES)
def test_every_application_has_a_story_that_holds_and_no_data_issues(search):
    apps, history = _frames(SEARCHES[search]())
    by_app = dict(tuple(history.groupby("Application ID")))
    empty = history.iloc[0:0]
    problems = {
        f"{app['ID']} {app['Company']} ({app['Status']})": found
        for _, app in apps.iterrows()
        if (found := story_problems(app, by_app.get(app["ID"], empty), TODAY))
    }
    assert problems == {}
    assert m.data_issues(apps) == []


@pytest.mark.parametrize("search", SEARCHES)
def test_followed_up_applications_get_replies_more_often(search):
    """As the career advice says: a polite follow-up helps, at a realistic rate (not always)."""
    apps, history = _frames(SEARCHES[search]())
    effect = m.follow_up_effect(apps, history).query("Breakdown == 'Overall'").set_index("Group")
    followed, without = effect.loc[m.GROUP_FOLLOWED_UP], effect.loc[m.GROUP_NO_FOLLOW_UP]
    assert followed["Applications"] >= 10 and without["Applications"] >= 10
    assert 0.3 < followed["Response rate"] < 0.8
    assert 0.1 < without["Response rate"] < followed["Response rate"] - 0.1


def test_the_demo_figures():
    apps, history = _frames(demo_records(TODAY))
    effect = m.follow_up_effect(apps, history).query("Breakdown == 'Overall'").set_index("Group")
    assert effect["Responses"].to_dict() == {m.GROUP_FOLLOWED_UP: 9, m.GROUP_NO_FOLLOW_UP: 5}
    assert effect["Applications"].to_dict() == {m.GROUP_FOLLOWED_UP: 15, m.GROUP_NO_FOLLOW_UP: 12}


@pytest.mark.parametrize("days_on", range(7))
def test_today_has_actions_of_several_kinds_due_every_day_of_the_week(days_on):
    today = TODAY + timedelta(days=days_on)
    apps, history = _frames(demo_records(today))
    actions = plan(apps, history, datetime.combine(today, time(10)))
    due = {a.kind for a in actions if a.urgency in (Urgency.OVERDUE, Urgency.DUE_TODAY)}
    assert due >= {ActionKind.THANK_YOU, ActionKind.FOLLOW_UP, ActionKind.FINAL_FOLLOW_UP,
                   ActionKind.REVIEW_OFFER, ActionKind.REPLY_TO_REJECTION}
    assert any(a.kind is ActionKind.MOVE_ON for a in actions)
    assert any(a.urgency is Urgency.COMING_UP for a in actions)
