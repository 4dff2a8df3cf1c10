"""Property tests for the calendar rules (issue 14): a message never falls due on a weekend or a
public holiday, business days skip public holidays, and spacing counts from every message sent."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import holidays
from hypothesis import given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st

from lib.domain.model import applications_frame, followups_frame
from lib.planner import workdays
from lib.planner.rules import ActionKind, RuleSettings, Urgency, next_action

SENDS = (ActionKind.FOLLOW_UP, ActionKind.FINAL_FOLLOW_UP, ActionKind.CALL, ActionKind.REPLY_TO_REJECTION)
CALENDARS = [("GB", "ENG"), ("GB", "SCT"), ("US", ""), ("US", "CA"), ("DE", "BY"), ("FR", ""), ("IN", ""), ("none", "")]
# From mid-December into January, and across Easter and the spring bank holidays: the days off pile up.
START = date(2026, 12, 1)


def day_off(day: date, country: str, region: str) -> bool:
    if day.weekday() >= 5:
        return True
    if country == "none":
        return False
    return day in holidays.country_holidays(country, subdiv=region or None, years=day.year)


@st.composite
def situations(draw: st.DrawFn) -> tuple[dict[str, Any], list[dict[str, Any]], datetime, RuleSettings]:
    country, region = draw(st.sampled_from(CALENDARS))
    base = draw(st.sampled_from([START, date(2027, 3, 20), date(2026, 8, 20), date(2027, 5, 1)]))
    applied = base + timedelta(days=draw(st.integers(0, 30)))
    interview = draw(st.one_of(st.none(), st.integers(1, 20).map(lambda n: applied + timedelta(days=n))))
    anchor = interview or applied
    status = draw(st.sampled_from(["Applied", "Interviewing", "Rejected"])) if interview is None else draw(
        st.sampled_from(["Interviewing", "Rejected"])
    )
    msgs: list[dict[str, Any]] = []
    for offset, kind, medium in draw(
        st.lists(
            st.tuples(
                st.integers(0, 40),
                st.sampled_from(["Thank-you", "Follow-up", "Check-in", "Other", "Final"]),
                st.sampled_from(["Email", "LinkedIn", "Phone", ""]),
            ),
            max_size=4,
        )
    ):
        at = datetime.combine(anchor, datetime.min.time()) + timedelta(days=offset, hours=10)
        msgs.append({"Application ID": "A-1", "Direction": "Sent", "Date": at, "Kind": kind, "Medium": medium})
    now = datetime.combine(anchor, datetime.min.time()) + timedelta(days=draw(st.integers(0, 60)), hours=draw(st.sampled_from([8, 12, 17])))
    msgs = [m for m in msgs if m["Date"] < now]
    row = {
        "ID": "A-1",
        "Company": "Acme",
        "Job Title": "Analyst",
        "Status": status,
        "Applied On": applied,
        "Interview On": None if interview is None else datetime.combine(interview, datetime.min.time()) + timedelta(hours=10),
        "Interviewer": "Dana Lee",
        "Interviewer Phone": draw(st.sampled_from(["", "555 0100"])),
        "Interviewer LinkedIn": draw(st.sampled_from(["", "https://linkedin.com/in/dana"])),
        "Follow-Up Medium": draw(st.sampled_from(["", "Email", "Phone"])),
        "Response Expected By": draw(st.one_of(st.none(), st.integers(-3, 30).map(lambda n: anchor + timedelta(days=n)))),
        "Response On": draw(st.one_of(st.none(), st.integers(0, 30).map(lambda n: anchor + timedelta(days=n)))),
        "Contact After": draw(st.one_of(st.none(), st.integers(0, 40).map(lambda n: anchor + timedelta(days=n)))),
        "Posting Closed On": draw(st.one_of(st.none(), st.integers(0, 40).map(lambda n: anchor + timedelta(days=n)))),
    }
    rules = RuleSettings(
        holidays_country=country,
        holidays_region=region,
        min_days_between_followups=draw(st.integers(1, 14)),
        max_followups=draw(st.integers(1, 4)),
        followup_days_after_interview=draw(st.integers(1, 10)),
    )
    return row, msgs, now, rules


def act(row: dict[str, Any], msgs: list[dict[str, Any]], now: datetime, rules: RuleSettings) -> Any:
    typed = applications_frame([row]).iloc[0].to_dict()
    return next_action(typed, followups_frame(msgs), now, rules)


@hyp_settings(max_examples=300, deadline=None)
@given(situations())
def test_a_message_never_falls_due_on_a_weekend_or_a_public_holiday(case: tuple[dict[str, Any], list[dict[str, Any]], datetime, RuleSettings]) -> None:
    row, msgs, now, rules = case
    a = act(row, msgs, now, rules)
    if a.kind in SENDS and a.due_on is not None:
        assert not day_off(a.due_on, rules.holidays_country, rules.holidays_region), (a.due_on, a.reason)
    if a.call_window is not None:
        assert not day_off(a.call_window[0].date(), rules.holidays_country, rules.holidays_region)


@hyp_settings(max_examples=300, deadline=None)
@given(situations())
def test_spacing_counts_from_every_message_sent_the_thank_you_included(
    case: tuple[dict[str, Any], list[dict[str, Any]], datetime, RuleSettings],
) -> None:
    row, msgs, now, rules = case
    a = act(row, msgs, now, rules)
    if a.kind in (ActionKind.FOLLOW_UP, ActionKind.FINAL_FOLLOW_UP, ActionKind.CALL) and msgs:
        last = max(m["Date"] for m in msgs).date()
        assert a.due_on is not None and (a.due_on - last).days >= rules.min_days_between_followups, (last, a.due_on, a.reason)


@hyp_settings(max_examples=300, deadline=None)
@given(situations())
def test_nothing_is_planned_before_contact_after(case: tuple[dict[str, Any], list[dict[str, Any]], datetime, RuleSettings]) -> None:
    row, msgs, now, rules = case
    a = act(row, msgs, now, rules)
    if a.scenario is not None and row["Contact After"] is not None:
        assert a.due_on is not None and a.due_on >= row["Contact After"]
        assert a.urgency is not Urgency.OVERDUE or (a.late_after is not None and now.date() > a.late_after)


@hyp_settings(max_examples=200, deadline=None)
@given(
    day=st.dates(min_value=date(2025, 1, 1), max_value=date(2028, 12, 31)),
    n=st.integers(0, 25),
    calendar=st.sampled_from(CALENDARS),
)
def test_business_days_skip_weekends_and_public_holidays(day: date, n: int, calendar: tuple[str, str]) -> None:
    country, region = calendar
    end = workdays.add_business_days(day, n, country, region)
    between = [day + timedelta(days=i) for i in range(1, (end - day).days + 1)]
    assert sum(1 for d in between if not day_off(d, country, region)) == n
    assert n == 0 or not day_off(end, country, region)
    nxt = workdays.next_working_day(day, country, region)
    assert not day_off(nxt, country, region) and all(day_off(d, country, region) for d in (day + timedelta(days=i) for i in range((nxt - day).days)))
