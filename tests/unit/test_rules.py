"""The follow-up planner: timing rules, counting, replies, missing data, settings."""

from __future__ import annotations

from dataclasses import fields
from datetime import date, datetime, time, timedelta
from typing import Any

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st

from lib.domain.model import applications_frame, followups_frame
from lib.domain.vocab import Scenario
from lib.pipeline.metrics import kpis
from lib.planner.rules import Action, ActionKind, RuleSettings, Urgency, next_action, plan

# November 2026: Mon 2, Tue 3, Fri 6, Mon 9, Tue 10, Fri 13, Mon 16, Fri 20, Mon 23, Mon 30.
INTERVIEW = "2026-11-03T10:00"
NOW = datetime(2026, 11, 16, 9, 0)
SENT_TY = {"Thank-You Sent On": "2026-11-03T18:00"}


def app(**cells: Any) -> dict[str, Any]:
    """One typed application row as a dict. Keyword names use _ for spaces and - as __."""
    record: dict[str, Any] = {
        "ID": "A-1",
        "Company": "Acme",
        "Job Title": "Analyst",
        "Status": "Interviewing",
        "Applied On": "2026-10-01",
        "Interviewer": "Ms. Dana Lee",
    }
    record.update({k.replace("__", "-").replace("_", " "): v for k, v in cells.items()})
    return applications_frame([record]).iloc[0].to_dict()


def history(*rows: dict[str, Any]) -> pd.DataFrame:
    return followups_frame([{"Application ID": "A-1", "Direction": "Sent", **r} for r in rows])


def act(row: dict[str, Any], now: datetime = NOW, hist: pd.DataFrame | None = None, **rule: Any) -> Action:
    return next_action(row, history() if hist is None else hist, now, RuleSettings(**rule))


def interviewed(**cells: Any) -> dict[str, Any]:
    return app(Interview_On=INTERVIEW, **cells)


def thanked(**cells: Any) -> dict[str, Any]:
    return interviewed(Thank__You_Sent_On="2026-11-03T18:00", **cells)


# --- thank-you note ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("now", "urgency"),
    [
        (datetime(2026, 11, 3, 15, 0), Urgency.DUE_TODAY),
        (datetime(2026, 11, 4, 10, 0), Urgency.DUE_TODAY),  # exactly 24 hours later
        (datetime(2026, 11, 4, 10, 1), Urgency.OVERDUE),
        (datetime(2026, 11, 8, 9, 0), Urgency.OVERDUE),
    ],
)
def test_thank_you_is_due_within_24_hours(now: datetime, urgency: Urgency) -> None:
    a = act(interviewed(), now)
    assert (a.kind, a.urgency, a.scenario, a.medium) == (ActionKind.THANK_YOU, urgency, Scenario.THANK_YOU, "Email")
    assert (a.due_on, a.late_after) == (date(2026, 11, 3), date(2026, 11, 4))


@pytest.mark.parametrize(
    ("now", "urgency"),
    [(datetime(2026, 11, 4, 23, 0), Urgency.DUE_TODAY), (datetime(2026, 11, 5, 8, 0), Urgency.OVERDUE)],
)
def test_interview_without_a_time_allows_the_whole_next_day(now: datetime, urgency: Urgency) -> None:
    assert act(app(Interview_On="2026-11-03"), now).urgency is urgency


def test_upcoming_interview_plans_the_thank_you() -> None:
    a = act(interviewed(), datetime(2026, 11, 1, 9, 0))
    assert (a.kind, a.urgency, a.due_on) == (ActionKind.THANK_YOU, Urgency.COMING_UP, date(2026, 11, 3))
    assert "Tue 3 Nov at 10:00" in a.reason


def test_interview_later_today_is_coming_up_not_due() -> None:
    # Issue 14: a thank-you comes due when the interview is over, not on the morning before it.
    a = act(interviewed(), datetime(2026, 11, 3, 8, 0))
    assert (a.kind, a.urgency) == (ActionKind.THANK_YOU, Urgency.COMING_UP)
    assert "after it" in a.reason
    assert act(interviewed(), datetime(2026, 11, 3, 11, 0)).urgency is Urgency.DUE_TODAY  # over by 11:00


@pytest.mark.parametrize(
    ("row", "hist"),
    [
        (thanked(), None),
        (interviewed(), history({"Date": "2026-11-03T19:00", "Kind": "Thank-you", "Medium": "Email"})),
        (interviewed(Last_Follow__Up_On="2026-11-04"), None),  # logged in the wrong cell
    ],
)
def test_a_sent_thank_you_moves_on_to_the_follow_up(row: dict[str, Any], hist: pd.DataFrame | None) -> None:
    a = act(row, datetime(2026, 11, 5, 9, 0), hist)
    # Issue 14: spacing counts from the thank-you too, so one logged on Wed 4 Nov moves the follow-up a day.
    due = date(2026, 11, 11) if pd.notna(row.get("Last Follow-Up On")) else date(2026, 11, 10)
    assert (a.kind, a.due_on, a.followups_sent) == (ActionKind.FOLLOW_UP, due, 0)


def test_thank_you_from_an_earlier_round_does_not_count() -> None:
    a = act(interviewed(Thank__You_Sent_On="2026-10-20"), datetime(2026, 11, 3, 15, 0))
    assert a.kind is ActionKind.THANK_YOU


def test_missed_thank_you_gives_way_to_the_follow_up_after_a_week() -> None:
    assert act(interviewed(), datetime(2026, 11, 10, 9, 0)).kind is ActionKind.FOLLOW_UP


def test_thank_you_hours_is_a_setting() -> None:
    assert act(interviewed(), datetime(2026, 11, 5, 9, 0), thank_you_hours=48).urgency is Urgency.DUE_TODAY


# --- first follow-up ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("now", "urgency"),
    [
        (datetime(2026, 11, 2, 9, 0), Urgency.COMING_UP),
        (datetime(2026, 11, 10, 9, 0), Urgency.DUE_TODAY),
        (datetime(2026, 11, 17, 20, 0), Urgency.DUE_TODAY),  # day 14: still on time
        (datetime(2026, 11, 18, 8, 0), Urgency.OVERDUE),
    ],
)
def test_first_follow_up_a_week_after_the_interview(now: datetime, urgency: Urgency) -> None:
    row = app(Interview_On="2026-11-01T10:00", Thank__You_Sent_On="2026-11-01T18:00") if now.day == 2 else thanked()
    a = act(row, now)
    assert a.kind is ActionKind.FOLLOW_UP and a.urgency is urgency
    if now.day != 2:
        assert (a.due_on, a.late_after) == (date(2026, 11, 10), date(2026, 11, 17))


def test_given_timeline_sets_the_first_follow_up() -> None:
    a = act(thanked(Response_Expected_By="2026-11-13"))
    # Sat 14 Nov is the day after the timeline; a follow-up never falls due on a weekend (issue 14).
    assert (a.kind, a.due_on, a.urgency) == (ActionKind.FOLLOW_UP, date(2026, 11, 16), Urgency.DUE_TODAY)
    assert a.reason == "You interviewed with Dana Lee on Tue 3 Nov and she said they'd decide by Fri 13 Nov; that has passed."


def test_timeline_not_yet_passed_is_coming_up() -> None:
    a = act(thanked(Response_Expected_By="2026-11-13"), datetime(2026, 11, 12, 9, 0))
    assert (a.urgency, a.due_on) == (Urgency.COMING_UP, date(2026, 11, 16))  # the Monday after, not Sat 14
    assert "follow up from Mon 16 Nov" in a.reason


def test_later_timeline_overrides_the_default_week() -> None:
    a = act(thanked(Response_Expected_By="2026-11-30"))
    assert (a.due_on, a.urgency) == (date(2026, 12, 1), Urgency.WAITING)


@pytest.mark.parametrize("given", ["2026-11-01", "2026-10-15"])
def test_timeline_already_past_at_interview_time_is_ignored(given: str) -> None:
    assert act(thanked(Response_Expected_By=given)).due_on == date(2026, 11, 10)


def test_timeline_on_the_interview_day_counts() -> None:
    a = act(interviewed(Response_Expected_By="2026-11-03"), datetime(2026, 11, 4, 9, 0))
    assert (a.kind, a.due_on) == (ActionKind.FOLLOW_UP, date(2026, 11, 4)) and "decide by Tue 3 Nov" in a.reason
    # With the thank-you sent on the evening of the 3rd, the follow-up keeps a week from it (issue 14).
    assert act(thanked(Response_Expected_By="2026-11-03"), datetime(2026, 11, 4, 9, 0)).due_on == date(2026, 11, 10)


def test_no_interview_follows_up_about_ten_days_after_applying() -> None:
    a = act(app(Status="Applied", Applied_On="2026-11-02", Interviewer=""), datetime(2026, 11, 12, 9, 0))
    assert (a.kind, a.due_on, a.late_after, a.urgency) == (
        ActionKind.FOLLOW_UP,
        date(2026, 11, 12),
        date(2026, 11, 16),
        Urgency.DUE_TODAY,
    )
    assert a.scenario is Scenario.STATUS_INQUIRY and a.reason.startswith("You applied on Mon 2 Nov")


def test_no_interview_respects_a_reply_by_date() -> None:
    a = act(app(Status="Applied", Applied_On="2026-11-02", Response_Expected_By="2026-11-20"))
    assert a.due_on == date(2026, 11, 23) and "said they'd reply by Fri 20 Nov" in a.reason  # Sat 21 -> Mon 23


@pytest.mark.parametrize(
    ("round_", "scenario"),
    [
        ("First", Scenario.STATUS_INQUIRY),
        ("", Scenario.STATUS_INQUIRY),
        ("Second", Scenario.AFTER_FINAL_INTERVIEW),
        ("2nd round", Scenario.AFTER_FINAL_INTERVIEW),
        ("Round 2", Scenario.AFTER_FINAL_INTERVIEW),
        ("Final", Scenario.AFTER_FINAL_INTERVIEW),
        ("last one", Scenario.AFTER_FINAL_INTERVIEW),
    ],
)
def test_later_rounds_pick_their_own_scenario(round_: str, scenario: Scenario) -> None:
    assert act(thanked(Interview_Round=round_)).scenario is scenario


def test_a_raised_concern_is_addressed_first_even_after_a_final_round() -> None:
    a = act(thanked(Interview_Round="Final", Concerns_Raised="little SQL experience"))
    assert a.scenario is Scenario.ADDRESS_CONCERN and "concern" in a.reason


@pytest.mark.parametrize(
    ("interviewer", "said"),
    [
        ("Mr. Sam Ortiz", "with Sam Ortiz on Tue 3 Nov and he said"),
        ("Sam Ortiz", "and they said"),
        ("Dr. Kim", "with Dr. Kim"),
        ("", "at Acme on Tue 3 Nov and they said"),
    ],
)
def test_reasons_name_the_person(interviewer: str, said: str) -> None:
    assert said in act(thanked(Interviewer=interviewer, Response_Expected_By="2026-11-13")).reason


def test_dates_outside_this_year_carry_the_year() -> None:
    row = app(Interview_On="2025-12-02T10:00", Thank__You_Sent_On="2025-12-02T15:00")
    assert "Tue 2 Dec 2025" in act(row, datetime(2026, 1, 5, 9, 0)).reason


def test_coming_up_means_within_a_week() -> None:
    row = thanked(Response_Expected_By="2026-11-30")
    assert act(row, datetime(2026, 11, 24, 9, 0)).urgency is Urgency.COMING_UP
    assert act(row, datetime(2026, 11, 23, 9, 0)).urgency is Urgency.WAITING
    assert act(row, datetime(2026, 11, 24, 9, 0), coming_up_days=3).urgency is Urgency.WAITING


# --- phone calls --------------------------------------------------------------------------


def test_call_is_midweek_and_five_business_days_after_the_interview() -> None:
    a = act(thanked(Follow__Up_Medium="Phone"), datetime(2026, 11, 9, 9, 0))
    assert (a.kind, a.medium, a.due_on) == (ActionKind.CALL, "Phone", date(2026, 11, 10))
    assert a.call_window == (datetime(2026, 11, 10, 10, 30), datetime(2026, 11, 10, 14, 30))


def test_call_after_a_friday_interview_skips_the_weekend_and_the_next_friday() -> None:
    row = app(Interview_On="2026-11-06T10:00", Thank__You_Sent_On="2026-11-06T15:00", Follow__Up_Medium="Phone")
    a = act(row, datetime(2026, 11, 9, 9, 0), followup_days_after_interview=1)
    # Five business days after Fri 6 Nov is Fri 13 Nov; calls go midweek, so Tue 17 Nov.
    assert a.due_on == date(2026, 11, 17) and a.call_window[0] == datetime(2026, 11, 17, 10, 30)


def test_call_waits_for_business_days_even_when_the_follow_up_is_due_earlier() -> None:
    a = act(thanked(Follow__Up_Medium="Phone"), datetime(2026, 11, 4, 9, 0), followup_days_after_interview=1)
    assert a.due_on == date(2026, 11, 10)


@pytest.mark.parametrize(
    ("now", "window"),
    [
        (datetime(2026, 11, 11, 12, 7), (datetime(2026, 11, 11, 12, 15), datetime(2026, 11, 11, 14, 30))),
        (datetime(2026, 11, 11, 15, 0), (datetime(2026, 11, 12, 10, 30), datetime(2026, 11, 12, 14, 30))),
        (datetime(2026, 11, 13, 9, 0), (datetime(2026, 11, 17, 10, 30), datetime(2026, 11, 17, 14, 30))),
    ],
)
def test_overdue_call_gets_the_next_open_slot(now: datetime, window: tuple[datetime, datetime]) -> None:
    assert act(thanked(Follow__Up_Medium="Phone"), now).call_window == window


@pytest.mark.parametrize("days", ["Mon", "Fri", "Mon, Fri", "Mon Tue Wed Thu Fri"])
@pytest.mark.parametrize("day", range(9, 16))
def test_calls_avoid_monday_morning_and_friday_afternoon(days: str, day: int) -> None:
    rule = dict(call_days=days, call_window_start=time(8, 0), call_window_end=time(18, 0))
    start, end = act(thanked(Follow__Up_Medium="Phone"), datetime(2026, 11, day, 7, 0), **rule).call_window
    assert start.date() == end.date() and start < end
    assert not (start.weekday() == 0 and start.time() < time(12, 0))
    assert not (end.weekday() == 4 and end.time() > time(12, 0))
    assert start.weekday() < 5


# --- spacing, the limit, and the change of medium ----------------------------------------


def test_next_follow_up_is_ten_days_after_the_last_and_final() -> None:
    hist = history({"Date": "2026-11-10T09:00", "Kind": "Follow-up", "Medium": "Email"})
    a = act(thanked(Interviewer_LinkedIn="https://linkedin.com/in/dana"), NOW, hist)
    assert (a.due_on, a.late_after, a.scenario) == (date(2026, 11, 20), date(2026, 11, 24), Scenario.FINAL_FOLLOW_UP)
    assert a.followups_sent == 1


def test_spacing_never_below_the_minimum() -> None:
    hist = history({"Date": "2026-11-10", "Kind": "Follow-up", "Medium": "Email"})
    row = thanked(Interviewer_LinkedIn="https://linkedin.com/in/dana")  # LinkedIn, so no midweek call
    assert act(row, NOW, hist, min_days_between_followups=12).due_on == date(2026, 11, 23)  # Sun 22 -> Mon 23


def test_spacing_counts_any_recent_message_the_thank_you_included() -> None:
    hist = history({"Date": "2026-11-09", "Kind": "Other", "Medium": "Email", "Subject": "Correction"})
    assert act(thanked(), datetime(2026, 11, 10, 9, 0), hist).due_on == date(2026, 11, 16)
    # Issue 14 (this test said "but not the thank-you" before): a thank-you sent on day 6 keeps the follow-up a week off.
    late_thanks = interviewed(Thank__You_Sent_On="2026-11-09T09:00")
    a = act(late_thanks, datetime(2026, 11, 10, 9, 0))
    assert (a.kind, a.due_on, a.urgency) == (ActionKind.FOLLOW_UP, date(2026, 11, 16), Urgency.COMING_UP)


def test_later_of_cell_and_history_sets_the_spacing() -> None:
    hist = history({"Date": "2026-11-10", "Kind": "Follow-up", "Medium": "Email"})
    row = thanked(Last_Follow__Up_On="2026-11-12", Follow__Ups_Sent=1, Interviewer_LinkedIn="x")
    assert act(row, NOW, hist).due_on == date(2026, 11, 23)  # Sun 22 -> Mon 23


def test_second_of_three_is_a_check_in() -> None:
    hist = history({"Date": "2026-11-10", "Kind": "Follow-up", "Medium": "Email"})
    a = act(thanked(Interviewer_LinkedIn="x"), NOW, hist, max_followups=3)
    assert (a.kind, a.scenario) == (ActionKind.FOLLOW_UP, Scenario.CHECK_IN)


@pytest.mark.parametrize(
    ("linkedin", "phone", "kind", "medium"),
    [
        ("", "+44 20 7946 0000", ActionKind.CALL, "Phone"),
        ("https://linkedin.com/in/dana", "", ActionKind.FINAL_FOLLOW_UP, "LinkedIn"),
        ("https://linkedin.com/in/dana", "+44 20 7946 0000", ActionKind.FINAL_FOLLOW_UP, "LinkedIn"),
        ("", "", ActionKind.FINAL_FOLLOW_UP, "Email"),  # no other channel: one more email, and find one
    ],
)
def test_two_unanswered_emails_change_the_medium(linkedin: str, phone: str, kind: ActionKind, medium: str) -> None:
    # Issue 14: two follow-up emails (this test counted the thank-you as one before), and only a channel the person has.
    hist = history(
        {"Date": "2026-11-03T18:00", "Kind": "Thank-you", "Medium": "Email"},
        {"Date": "2026-11-05", "Kind": "Follow-up", "Medium": "Email"},
        {"Date": "2026-11-12", "Kind": "Follow-up", "Medium": "Email"},
    )
    a = act(interviewed(Interviewer_LinkedIn=linkedin, Interviewer_Phone=phone), datetime(2026, 11, 24, 9, 0), hist, max_followups=3)
    assert (a.kind, a.medium, a.scenario, a.followups_sent) == (kind, medium, Scenario.FINAL_FOLLOW_UP, 2)
    assert "After two unanswered follow-up emails" in a.reason
    if medium == "Email":
        assert "look for a phone number or LinkedIn profile for Dana Lee" in a.reason


def test_a_thank_you_and_one_email_do_not_change_the_medium() -> None:
    hist = history({"Date": "2026-11-10", "Kind": "Follow-up", "Medium": "Email"})
    a = act(thanked(Interviewer_Phone="555 0100"), NOW, hist)
    assert (a.kind, a.medium, a.scenario, a.followups_sent) == (ActionKind.FINAL_FOLLOW_UP, "Email", Scenario.FINAL_FOLLOW_UP, 1)
    assert "After" not in a.reason


def test_one_email_keeps_the_medium() -> None:
    hist = history(
        {"Date": "2026-11-03T18:00", "Kind": "Thank-you", "Medium": "LinkedIn"},
        {"Date": "2026-11-10", "Kind": "Follow-up", "Medium": "Email"},
    )
    a = act(interviewed(), NOW, hist)
    assert (a.kind, a.medium) == (ActionKind.FINAL_FOLLOW_UP, "Email")


@pytest.mark.parametrize(
    ("now", "kind", "urgency"),
    [
        (datetime(2026, 11, 29, 9, 0), ActionKind.WAIT, Urgency.WAITING),
        (datetime(2026, 11, 30, 9, 0), ActionKind.MOVE_ON, Urgency.MOVE_ON),
    ],
)
def test_unanswered_final_follow_up_suggests_moving_on(now: datetime, kind: ActionKind, urgency: Urgency) -> None:
    hist = history(
        {"Date": "2026-11-10", "Kind": "Follow-up", "Medium": "Email"},
        {"Date": "2026-11-20", "Kind": "Final", "Medium": "Phone"},
    )
    a = act(thanked(), now, hist)
    assert (a.kind, a.urgency, a.due_on, a.scenario, a.followups_sent) == (kind, urgency, date(2026, 11, 30), None, 2)
    assert "No Response" in a.reason


@pytest.mark.parametrize(
    ("applied", "expected_by", "kind"),
    [
        ("2026-10-06", None, ActionKind.FOLLOW_UP),  # 41 days: overdue, still worth a try
        ("2026-09-10", None, ActionKind.MOVE_ON),  # 67 days of silence
        ("2026-09-10", "2026-11-20", ActionKind.FOLLOW_UP),  # they said they'd reply later: not overdue
    ],
)
def test_long_silence_suggests_moving_on_instead_of_chasing(applied: str, expected_by: str | None, kind: ActionKind) -> None:
    a = act(app(Status="Applied", Applied_On=applied, Response_Expected_By=expected_by))
    assert a.kind is kind
    if kind is ActionKind.MOVE_ON:
        assert (a.urgency, a.due_on) == (Urgency.MOVE_ON, date(2026, 11, 9)) and "67 days" in a.reason


@pytest.mark.parametrize(
    ("cell", "rows", "sent", "kind"),
    [
        (2, 1, 2, ActionKind.WAIT),  # the cell says more than the history
        (0, 2, 2, ActionKind.WAIT),  # the history says more than the cell
        (1, 0, 1, ActionKind.FINAL_FOLLOW_UP),  # only the cell (a call before issue 14, which counted the thank-you)
    ],
)
def test_hand_typed_count_and_history_take_the_larger(cell: int, rows: int, sent: int, kind: ActionKind) -> None:
    hist = history(*({"Date": f"2026-11-{10 + i}", "Kind": "Follow-up", "Medium": "Email"} for i in range(rows)))
    row = thanked(Follow__Ups_Sent=cell, Last_Follow__Up_On="2026-11-12")
    a = act(row, NOW, hist)
    assert (a.followups_sent, a.kind) == (sent, kind)


def test_sent_row_without_a_kind_counts_as_a_follow_up() -> None:
    hist = history({"Date": "2026-11-10", "Medium": "Email"})
    assert act(thanked(), NOW, hist).followups_sent == 1


# --- replies ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cells", "hist"),
    [
        ({"Response_On": "2026-11-12"}, history({"Date": "2026-11-10", "Kind": "Follow-up"})),
        ({}, history({"Date": "2026-11-10", "Kind": "Follow-up"}, {"Date": "2026-11-12", "Direction": "Received", "Kind": "Reply"})),
        ({"Response_On": "2026-11-10"}, history({"Date": "2026-11-10", "Kind": "Follow-up"})),  # same day
    ],
)
def test_reply_after_a_follow_up_stops_the_clock(cells: dict[str, str], hist: pd.DataFrame) -> None:
    a = act(thanked(**cells), datetime(2026, 11, 25, 9, 0), hist)
    assert (a.kind, a.urgency, a.scenario) == (ActionKind.NOTHING, Urgency.DONE, None)
    assert "Dana Lee replied on" in a.reason


def test_reply_with_a_new_timeline_restarts_the_count() -> None:
    hist = history({"Date": "2026-11-10", "Kind": "Follow-up", "Medium": "Email"})
    row = thanked(Response_On="2026-11-12", Response_Expected_By="2026-11-20")
    a = act(row, datetime(2026, 11, 23, 9, 0), hist)
    assert (a.kind, a.due_on, a.scenario) == (ActionKind.FOLLOW_UP, date(2026, 11, 23), Scenario.STATUS_INQUIRY)  # Sat 21 -> Mon 23


def test_follow_up_sent_after_a_reply_starts_a_new_count() -> None:
    hist = history(
        {"Date": "2026-11-10", "Kind": "Follow-up", "Medium": "LinkedIn"},
        {"Date": "2026-11-16", "Kind": "Follow-up", "Medium": "LinkedIn"},
    )
    a = act(thanked(Response_On="2026-11-12"), datetime(2026, 11, 20, 9, 0), hist)
    assert (a.kind, a.due_on, a.followups_sent) == (ActionKind.FINAL_FOLLOW_UP, date(2026, 11, 26), 2)


def test_reply_before_the_thank_you_means_no_thank_you() -> None:
    a = act(interviewed(Response_On="2026-11-04T09:00"), datetime(2026, 11, 4, 9, 30))
    assert a.kind is ActionKind.NOTHING


def test_reply_before_the_interview_is_the_invitation_not_an_answer() -> None:
    a = act(interviewed(Response_On="2026-10-25"), datetime(2026, 11, 3, 15, 0))
    assert a.kind is ActionKind.THANK_YOU


def test_reply_to_an_application_stops_the_clock() -> None:
    a = act(app(Status="Applied", Applied_On="2026-11-02", Response_On="2026-11-05"))
    assert a.kind is ActionKind.NOTHING


# --- statuses -----------------------------------------------------------------------------


@pytest.mark.parametrize("status", ["Accepted", "Withdrawn", "No Response", "Wishlist"])
def test_closed_statuses_need_nothing(status: str) -> None:
    a = act(interviewed(Status=status))
    assert (a.kind, a.urgency, a.scenario, a.due_on) == (ActionKind.NOTHING, Urgency.DONE, None, None)


@pytest.mark.parametrize(
    ("now", "kind", "urgency"),
    [
        (datetime(2026, 11, 12, 15, 0), ActionKind.REPLY_TO_REJECTION, Urgency.DUE_TODAY),
        (datetime(2026, 11, 14, 9, 0), ActionKind.REPLY_TO_REJECTION, Urgency.DUE_TODAY),
        (datetime(2026, 11, 15, 9, 0), ActionKind.REPLY_TO_REJECTION, Urgency.OVERDUE),
        (datetime(2026, 12, 1, 9, 0), ActionKind.NOTHING, Urgency.DONE),
    ],
)
def test_rejection_suggests_a_gracious_reply_for_a_while(now: datetime, kind: ActionKind, urgency: Urgency) -> None:
    a = act(thanked(Status="Rejected", Response_On="2026-11-12T11:00"), now)
    assert (a.kind, a.urgency) == (kind, urgency)
    if kind is ActionKind.REPLY_TO_REJECTION:
        assert a.scenario is Scenario.REJECTION_REPLY


@pytest.mark.parametrize(
    "hist",
    [
        history({"Date": "2026-11-12T11:00", "Direction": "Received", "Kind": "Reply"}, {"Date": "2026-11-12T16:00", "Kind": "Feedback request"}),
        history({"Date": "2026-11-13", "Kind": "Feedback request"}),
    ],
)
def test_answered_rejection_needs_nothing(hist: pd.DataFrame) -> None:
    a = act(thanked(Status="Rejected", Response_On="2026-11-12T11:00"), datetime(2026, 11, 14, 9, 0), hist)
    assert a.kind is ActionKind.NOTHING


def test_rejection_without_a_date_asks_for_it() -> None:
    a = act(thanked(Status="Rejected"))
    assert a.kind is ActionKind.NOTHING and "Response On" in a.reason


def test_offer_is_reviewed_before_its_deadline() -> None:
    a = act(thanked(Status="Offer", Response_On="2026-11-12", Response_Expected_By="2026-11-20"))
    assert (a.kind, a.urgency, a.due_on, a.late_after) == (
        ActionKind.REVIEW_OFFER,
        Urgency.DUE_TODAY,
        date(2026, 11, 12),
        date(2026, 11, 20),
    )


# --- missing or odd data ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("row", "hint"),
    [
        (app(Status="Interviewing"), "Interview On"),
        (app(Status="Applied", Applied_On=None), "Applied On"),
        (app(Status="", Applied_On=None), "Applied On"),
        (thanked(Follow__Ups_Sent=1), "Last Follow-Up On"),
        (thanked(Follow__Ups_Sent=2), "Last Follow-Up On"),
    ],
)
def test_missing_dates_say_what_to_add(row: dict[str, Any], hint: str) -> None:
    a = act(row)
    assert (a.kind, a.urgency, a.due_on, a.scenario) == (ActionKind.WAIT, Urgency.WAITING, None, None)
    assert hint in a.reason


@pytest.mark.parametrize(
    "row",
    [
        {"ID": "A-9"},
        {"ID": "A-9", "Status": "Rejected", "Follow-Ups Sent": "x"},
        {"ID": "A-9", "Status": "Offer", "Interview On": float("nan")},
        {"ID": "A-9", "Status": "Applied", "Applied On": pd.NaT, "Response On": None},
    ],
)
def test_sparse_rows_never_crash(row: dict[str, Any]) -> None:
    assert isinstance(next_action(row, history(), NOW), Action)


def test_history_with_blank_dates_and_directions_is_read() -> None:
    hist = followups_frame(
        [
            {"Application ID": "A-1", "Date": None, "Direction": "", "Kind": "Follow-up"},
            {"Application ID": "A-1", "Date": "2026-11-12", "Direction": "", "Kind": "Reply"},
        ]
    )
    a = act(thanked(), datetime(2026, 11, 20, 9, 0), hist)
    assert a.kind is ActionKind.NOTHING and a.followups_sent == 1


# --- plan and response rate ---------------------------------------------------------------


def _frames() -> tuple[pd.DataFrame, pd.DataFrame]:
    apps = applications_frame(
        [
            {"ID": "A-1", "Company": "Acme", "Job Title": "Analyst", "Status": "Interviewing", "Applied On": "2026-10-01",
             "Interview On": INTERVIEW, "Response On": "2026-10-20"},
            {"ID": "A-2", "Company": "Beta", "Job Title": "Engineer", "Status": "Applied", "Applied On": "2026-11-02"},
            {"ID": "A-3", "Company": "Gamma", "Job Title": "Designer", "Status": "Wishlist"},
            {"ID": "A-4", "Company": "Delta", "Job Title": "Writer", "Status": "Applied", "Applied On": "2026-11-01"},
        ]
    )
    fus = followups_frame(
        [
            {"Application ID": "A-2", "Date": "2026-11-12", "Direction": "Sent", "Kind": "Follow-up", "Medium": "Email"},
            {"Application ID": "A-4", "Date": "2026-11-13", "Direction": "Received", "Kind": "Reply", "Medium": "Email"},
        ]
    )
    return apps, fus


def test_plan_gives_one_action_per_application_matching_next_action() -> None:
    apps, fus = _frames()
    actions = plan(apps, fus, NOW)
    assert [a.app_id for a in actions] == ["A-1", "A-2", "A-3", "A-4"]
    for row, action in zip(apps.to_dict("records"), actions):
        assert action == next_action(row, fus[fus["Application ID"] == row["ID"]], NOW)
    assert actions[1].followups_sent == 1 and actions[0].followups_sent == 0


def test_plan_of_nothing_is_empty() -> None:
    assert plan(applications_frame([]), followups_frame([]), NOW) == []


def test_response_rate_counts_replies_among_applied() -> None:
    # Today shows the Pipeline's response rate (lib.pipeline.metrics.kpis).
    apps, fus = _frames()
    assert kpis(apps, fus).response_rate == pytest.approx(2 / 3)
    assert kpis(apps, followups_frame([])).response_rate == pytest.approx(1 / 3)


@pytest.mark.parametrize("records", [[], [{"ID": "A-1", "Company": "X", "Job Title": "Y", "Status": "Wishlist"}]])
def test_response_rate_is_none_without_applications(records: list[dict[str, Any]]) -> None:
    assert kpis(applications_frame(records), followups_frame([])).response_rate is None


# --- settings -----------------------------------------------------------------------------


def test_settings_round_trip_and_defaults() -> None:
    custom = RuleSettings(thank_you_hours=48, call_window_start=time(11, 0), call_days="Wed")
    assert RuleSettings.from_settings(custom.to_settings()) == custom
    assert RuleSettings.from_settings({}) == RuleSettings()
    assert RuleSettings().to_settings()["rules.call_window_end"] == "14:30"
    assert all(k.startswith("rules.") for k in custom.to_settings())


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("max_followups", "abc"),
        ("max_followups", "-3"),
        ("max_followups", "2.5"),
        ("max_followups", "999"),
        ("call_window_start", "25:00"),
        ("call_window_start", "15:00"),  # after the end
        ("call_days", "someday"),
        ("call_days", "Sat Sun"),
        ("thank_you_hours", ""),
    ],
)
def test_bad_settings_fall_back_to_defaults(key: str, value: str) -> None:
    assert RuleSettings.from_settings({f"rules.{key}": value}) == RuleSettings()


def test_settings_read_loosely_typed_values() -> None:
    got = RuleSettings.from_settings({"rules.max_followups": " 3 ", "rules.call_window_start": "9.45", "rules.other": "x"})
    assert (got.max_followups, got.call_window_start) == (3, time(9, 45))
    assert RuleSettings(call_days="monday, Friday").call_weekdays == frozenset({0, 4})


def test_every_setting_has_form_metadata() -> None:
    for f in fields(RuleSettings):
        assert f.metadata["label"] and f.metadata["help"]
        if isinstance(f.default, int):
            assert f.metadata["min"] <= f.default <= f.metadata["max"]


# --- property: following the plan never over-sends ----------------------------------------


SENDS = (ActionKind.FOLLOW_UP, ActionKind.CALL, ActionKind.FINAL_FOLLOW_UP)


def _take(row: dict[str, Any], rows: list[dict[str, Any]], a: Action, when: datetime, in_history: bool) -> None:
    """Record that the person did what `a` says, in the row or the history."""
    if a.kind is ActionKind.THANK_YOU:
        if in_history:
            rows.append({"Application ID": "A-1", "Date": when, "Direction": "Sent", "Kind": "Thank-you", "Medium": a.medium})
        else:
            row["Thank-You Sent On"] = pd.Timestamp(when)
        return
    if in_history:
        rows.append({"Application ID": "A-1", "Date": when, "Direction": "Sent", "Kind": a.scenario.history_kind, "Medium": a.medium})
    row["Follow-Ups Sent"] = int(row["Follow-Ups Sent"]) + 1
    row["Last Follow-Up On"] = pd.Timestamp(when)
    row["Follow-Up Medium"] = a.medium


@hyp_settings(max_examples=150, deadline=None)
@given(
    interview_day=st.one_of(st.none(), st.integers(0, 20)),
    interview_hour=st.sampled_from([0, 9, 14, 17]),
    timeline=st.one_of(st.none(), st.integers(-5, 25)),
    start_offset=st.integers(-3, 30),
    linkedin=st.booleans(),
    preferred=st.sampled_from(["", "Email", "Phone", "LinkedIn"]),
    concerns=st.booleans(),
    in_history=st.lists(st.booleans(), min_size=8, max_size=8),
    max_followups=st.integers(1, 4),
    min_between=st.integers(1, 14),
    next_days=st.integers(1, 14),
    after_interview=st.integers(1, 10),
)
def test_following_the_plan_never_over_sends(
    interview_day: int | None,
    interview_hour: int,
    timeline: int | None,
    start_offset: int,
    linkedin: bool,
    preferred: str,
    concerns: bool,
    in_history: list[bool],
    max_followups: int,
    min_between: int,
    next_days: int,
    after_interview: int,
) -> None:
    rules = RuleSettings(
        max_followups=max_followups,
        min_days_between_followups=min_between,
        next_followup_days=next_days,
        followup_days_after_interview=after_interview,
    )
    applied = datetime(2026, 10, 1)
    interview = None if interview_day is None else applied + timedelta(days=interview_day, hours=interview_hour)
    anchor = interview or applied
    row = app(
        Status="Interviewing" if interview else "Applied",
        Applied_On=applied,
        Interview_On=interview,
        Response_Expected_By=None if timeline is None else anchor + timedelta(days=timeline),
        Interviewer_LinkedIn="https://linkedin.com/in/x" if linkedin else "",
        Follow__Up_Medium=preferred,
        Concerns_Raised="commute" if concerns else "",
    )
    rows: list[dict[str, Any]] = []
    now = anchor + timedelta(days=start_offset)
    sent: list[date] = []
    for step in range(12):
        a = next_action(row, followups_frame(rows), now, rules)
        assert a.followups_sent == len(sent)
        if a.kind in (ActionKind.NOTHING, ActionKind.MOVE_ON) or a.due_on is None:
            break
        when = max(now, datetime.combine(a.due_on, time(9, 0)))
        if a.kind is ActionKind.THANK_YOU and interview is not None:
            when = max(when, interview + timedelta(hours=1))
        if a.kind is ActionKind.CALL:
            assert a.call_window is not None and a.call_window[0] >= when.replace(hour=0, minute=0)
            when = a.call_window[0]
        if a.kind is ActionKind.WAIT:
            now = max(now + timedelta(days=1), when)
            continue
        if when > now:
            a = next_action(row, followups_frame(rows), when, rules)  # the same step, on its day
            now = when
            if a.kind is ActionKind.CALL:
                now = a.call_window[0]
        if a.kind in SENDS:
            assert len(sent) < max_followups, "more follow-ups than allowed"
            if sent:
                assert (now.date() - sent[-1]).days >= min_between, "follow-ups too close together"
            assert (a.kind is ActionKind.FINAL_FOLLOW_UP or a.scenario is Scenario.FINAL_FOLLOW_UP) == (
                len(sent) + 1 == max_followups
            )
            sent.append(now.date())
        _take(row, rows, a, now, in_history[step % len(in_history)])
        now += timedelta(hours=1)
    else:
        pytest.fail("the plan never settled")
    assert len(sent) <= max_followups
