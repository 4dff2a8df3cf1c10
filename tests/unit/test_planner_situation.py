"""The planner reads the whole situation (issue 14): a competing offer, the employer's words
(Contact After, Posting Closed On), spacing from every message, the channels the person has,
and a thank-you that waits for the interview to be over."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pandas as pd
import pytest

from lib.domain.model import applications_frame, followups_frame
from lib.domain.schema import APPLICATIONS, match_headers
from lib.domain.vocab import Scenario
from lib.planner.rules import Action, ActionKind, RuleSettings, Urgency, next_action, plan

# November 2026: Tue 3, Mon 9, Tue 10, Fri 13, Mon 16, Tue 17, Fri 20, Mon 23, Thu 26, Fri 27.
NOW = datetime(2026, 11, 16, 9, 0)
RULES = RuleSettings(holidays_country="none")


def row(**cells: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "ID": "A-1",
        "Company": "Acme",
        "Job Title": "Analyst",
        "Status": "Interviewing",
        "Applied On": "2026-10-01",
        "Interview On": "2026-11-03T10:00",
        "Thank-You Sent On": "2026-11-03T18:00",
        "Interviewer": "Ms. Dana Lee",
        "Interviewer Email": "dana@acme.example",
    }
    record.update({k.replace("__", "-").replace("_", " "): v for k, v in cells.items()})
    return record


def history(*rows: dict[str, Any]) -> pd.DataFrame:
    return followups_frame([{"Application ID": "A-1", "Direction": "Sent", **r} for r in rows])


def one(record: dict[str, Any], now: datetime = NOW, hist: pd.DataFrame | None = None, rules: RuleSettings = RULES) -> Action:
    typed = applications_frame([record]).iloc[0].to_dict()
    return next_action(typed, history() if hist is None else hist, now, rules)


def planned(records: list[dict[str, Any]], now: datetime = NOW, hist: pd.DataFrame | None = None) -> dict[str, Action]:
    actions = plan(applications_frame(records), history() if hist is None else hist, now, RULES)
    return {a.app_id: a for a in actions}


OFFER = row(ID="A-9", Company="Beta", Status="Offer", Response_On="2026-11-13", Offer_Deadline="2026-11-20")


# --- the new columns ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("Offer Deadline", "Offer Deadline"),
        ("offer expires", "Offer Deadline"),
        ("Do not contact before", "Contact After"),
        ("contact after", "Contact After"),
        ("Posting taken down on", "Posting Closed On"),
        ("posting closed", "Posting Closed On"),
    ],
)
def test_new_columns_are_matched_by_name_and_alias(typed: str, name: str) -> None:
    match = match_headers(APPLICATIONS, ["Company", "Job Title", typed])
    assert match.positions[name] == 2


def test_new_columns_come_after_the_old_ones_in_the_schema() -> None:
    headers = APPLICATIONS.headers
    assert headers.index("Offer Deadline") > headers.index("Outcome")
    assert {"Offer Deadline", "Contact After", "Posting Closed On"} <= set(headers)


# --- a competing offer -------------------------------------------------------------------


def test_an_offer_with_a_deadline_nudges_every_other_live_interview_now() -> None:
    waiting = row(ID="A-1")  # thanked on the 3rd; would follow up on Thu 19 after the follow-up of the 12th
    hist = history({"Application ID": "A-1", "Date": "2026-11-12", "Kind": "Follow-up", "Medium": "Email"})
    screened = row(ID="A-2", Company="Gamma", Status="Applied", Interview_On="2026-11-10T10:00", Thank__You_Sent_On="2026-11-10T15:00")
    applied = row(ID="A-3", Company="Epsilon", Status="Applied", Applied_On="2026-11-12", Interview_On=None, Thank__You_Sent_On=None)
    got = planned([waiting, screened, applied, OFFER], hist=hist)
    assert got["A-3"].scenario is not Scenario.COMPETING_OFFER  # no interview yet: nothing for them to speed up
    for app_id in ("A-1", "A-2"):
        a = got[app_id]
        assert (a.kind, a.scenario, a.due_on) == (ActionKind.FOLLOW_UP, Scenario.COMPETING_OFFER, NOW.date())
        assert a.late_after == date(2026, 11, 19) and a.urgency is Urgency.DUE_TODAY
        assert "offer from Beta" in a.reason and "Fri 20 Nov" in a.reason
    assert got["A-9"].kind is ActionKind.REVIEW_OFFER and got["A-9"].late_after == date(2026, 11, 20)


def test_the_soonest_offer_deadline_is_the_one_named() -> None:
    later = row(ID="A-8", Company="Delta", Status="Offer", Offer_Deadline="2026-11-27")
    got = planned([row(ID="A-1"), later, OFFER])
    assert got["A-1"].scenario is Scenario.COMPETING_OFFER and "Beta" in got["A-1"].reason


def test_no_nudge_without_a_deadline_after_it_passed_or_once_sent() -> None:
    no_deadline = row(ID="A-9", Company="Beta", Status="Offer", Offer_Deadline=None)
    assert planned([row(ID="A-1"), no_deadline])["A-1"].scenario is not Scenario.COMPETING_OFFER
    passed = planned([row(ID="A-1"), OFFER], now=datetime(2026, 11, 21, 9, 0))
    assert passed["A-1"].scenario is not Scenario.COMPETING_OFFER
    told = history({"Application ID": "A-1", "Date": "2026-11-14", "Kind": "Follow-up", "Medium": "Email"})
    assert planned([row(ID="A-1"), OFFER], hist=told)["A-1"].scenario is not Scenario.COMPETING_OFFER


def test_a_thank_you_due_now_goes_before_the_nudge() -> None:
    fresh = row(ID="A-1", Interview_On="2026-11-16T08:00", Thank__You_Sent_On=None)
    a = planned([fresh, OFFER], now=datetime(2026, 11, 16, 12, 0))["A-1"]
    assert a.kind is ActionKind.THANK_YOU


def test_an_offer_deadline_is_the_offer_s_own_deadline() -> None:
    a = one(row(Status="Offer", Response_On="2026-11-12", Offer_Deadline="2026-11-19"))
    assert (a.kind, a.late_after) == (ActionKind.REVIEW_OFFER, date(2026, 11, 19)) and "Thu 19 Nov" in a.reason


def test_next_action_reads_the_search_for_offers() -> None:
    typed = applications_frame([row(ID="A-1"), OFFER])
    a = next_action(typed.iloc[0].to_dict(), history(), NOW, RULES, search=typed)
    assert a.scenario is Scenario.COMPETING_OFFER


# --- the employer's words ---------------------------------------------------------------


def test_contact_after_holds_every_message_back() -> None:
    a = one(row(Contact_After="2026-11-25"))  # would be due on Tue 10 Nov
    assert (a.kind, a.due_on, a.urgency) == (ActionKind.FOLLOW_UP, date(2026, 11, 25), Urgency.WAITING)
    assert "asked not to be contacted before Wed 25 Nov" in a.reason


def test_contact_after_on_a_weekend_waits_for_the_monday() -> None:
    assert one(row(Contact_After="2026-11-21")).due_on == date(2026, 11, 23)


def test_contact_after_holds_back_a_competing_offer_nudge_too() -> None:
    got = planned([row(ID="A-1", Contact_After="2026-11-18"), OFFER])
    assert (got["A-1"].scenario, got["A-1"].due_on) == (Scenario.COMPETING_OFFER, date(2026, 11, 18))


def test_contact_after_in_the_past_changes_nothing() -> None:
    assert one(row(Contact_After="2026-11-01")) == one(row())


def test_a_closed_posting_makes_the_follow_up_early() -> None:
    applied = row(Status="Applied", Applied_On="2026-11-09", Interview_On=None, Thank__You_Sent_On=None, Posting_Closed_On="2026-11-13")
    a = one(applied)  # ten days after applying would be Thu 19 Nov
    assert (a.kind, a.due_on, a.urgency) == (ActionKind.FOLLOW_UP, date(2026, 11, 13), Urgency.DUE_TODAY)
    assert "taken down on Fri 13 Nov" in a.reason


def test_a_closed_posting_still_keeps_the_spacing() -> None:
    a = one(row(Posting_Closed_On="2026-11-05"), now=datetime(2026, 11, 6, 9, 0))  # thanked on the 3rd
    assert a.due_on == date(2026, 11, 10)
    assert "taken down" in a.reason


def test_a_posting_closed_before_the_last_message_is_old_news() -> None:
    hist = history({"Date": "2026-11-10", "Kind": "Follow-up", "Medium": "Email"})
    a = one(row(Posting_Closed_On="2026-11-09"), hist=hist)
    assert "taken down" not in a.reason and a.due_on == date(2026, 11, 20)


# --- spacing from every message ----------------------------------------------------------


def test_a_thank_you_sent_late_is_never_followed_the_next_day() -> None:
    late = row(Interview_On="2026-11-03T10:00", Thank__You_Sent_On="2026-11-09T09:00")  # day 6
    a = one(late, now=datetime(2026, 11, 10, 9, 0))
    assert a.due_on == date(2026, 11, 16) and a.urgency is not Urgency.DUE_TODAY


def test_a_thank_you_sent_when_the_follow_up_was_due_counts_as_it() -> None:
    folded = row(Thank__You_Sent_On="2026-11-11T09:00")  # the first follow-up was due on Tue 10
    a = one(folded, now=datetime(2026, 11, 16, 9, 0))
    assert (a.kind, a.scenario, a.due_on) == (ActionKind.FINAL_FOLLOW_UP, Scenario.FINAL_FOLLOW_UP, date(2026, 11, 23))
    assert "counts as one" in a.reason and a.followups_sent == 0


# --- channels the person has ------------------------------------------------------------


def test_no_call_suggested_without_a_phone_number() -> None:
    hist = history(
        {"Date": "2026-11-05", "Kind": "Follow-up", "Medium": "Email"},
        {"Date": "2026-11-12", "Kind": "Follow-up", "Medium": "Email"},
    )
    a = one(row(), now=datetime(2026, 11, 24, 9, 0), hist=hist, rules=RuleSettings(holidays_country="none", max_followups=3))
    assert (a.kind, a.medium) == (ActionKind.FINAL_FOLLOW_UP, "Email") and a.call_window is None
    assert "look for a phone number or LinkedIn profile" in a.reason


# --- not before it happened --------------------------------------------------------------


@pytest.mark.parametrize(
    ("now", "urgency"),
    [
        (datetime(2026, 11, 16, 8, 10), Urgency.COMING_UP),
        (datetime(2026, 11, 16, 9, 30), Urgency.COMING_UP),  # under way
        (datetime(2026, 11, 16, 10, 0), Urgency.DUE_TODAY),  # over
    ],
)
def test_the_thank_you_comes_due_when_the_interview_is_over(now: datetime, urgency: Urgency) -> None:
    a = one(row(Interview_On="2026-11-16T09:00", Thank__You_Sent_On=None), now=now)
    assert (a.kind, a.urgency) == (ActionKind.THANK_YOU, urgency)


# --- holidays ------------------------------------------------------------------------------


def test_a_follow_up_due_on_christmas_day_moves_to_the_next_working_day() -> None:
    christmas = row(Interview_On="2026-12-18T10:00", Thank__You_Sent_On="2026-12-18T15:00")  # a week later is Fri 25 Dec
    gb = RuleSettings(holidays_country="GB", holidays_region="ENG")
    assert one(christmas, now=datetime(2026, 12, 20, 9, 0), rules=gb).due_on == date(2026, 12, 29)  # 26, 27 weekend, 28 Boxing Day (substitute)
    assert one(christmas, now=datetime(2026, 12, 20, 9, 0), rules=RULES).due_on == date(2026, 12, 25)  # weekends only


def test_five_business_days_skip_a_bank_holiday() -> None:
    # Interview Tue 25 Aug 2026; Mon 31 Aug is the summer bank holiday in England (not in Scotland).
    phoned = row(Interview_On="2026-08-25T10:00", Thank__You_Sent_On="2026-08-25T15:00", Follow__Up_Medium="Phone")
    gb = RuleSettings(holidays_country="GB", holidays_region="ENG", followup_days_after_interview=1)
    a = one(phoned, now=datetime(2026, 8, 26, 9, 0), rules=gb)
    # Five working days after Tue 25 Aug skipping Mon 31 Aug is Wed 2 Sep (a call day).
    assert (a.kind, a.due_on) == (ActionKind.CALL, date(2026, 9, 2))
    a = one(phoned, now=datetime(2026, 8, 26, 9, 0), rules=RuleSettings(holidays_country="none", followup_days_after_interview=1))
    assert a.due_on == date(2026, 9, 1)


# --- unreadable is not missing -----------------------------------------------------------


def test_an_unreadable_date_is_named_shown_and_its_fix_linked() -> None:
    from lib.io.parse import parse_dataset
    from lib.io.store.base import RawTable

    headers = APPLICATIONS.headers
    cells = {"ID": "A-1", "Company": "Acme", "Job Title": "Analyst", "Status": "Applied", "Applied On": "3/4/2026"}
    grid = RawTable(header=list(headers), rows=[[cells.get(h, "") for h in headers]])
    data = parse_dataset({"Applications": grid, "Follow-ups": None, "Settings": None}, NOW.date())
    a = plan(data.applications, data.followups, NOW, RULES, data.issues)[0]
    assert a.kind is ActionKind.WAIT and "Add the date" not in a.reason
    assert "'3/4/2026'" in a.reason and "could not be read" in a.reason
    assert "Settings (Reading dates)" in a.reason and "Applications!H2 (Applied On)" in a.reason
    typo = {**cells, "Applied On": "last tuesday-ish"}
    grid = RawTable(header=list(headers), rows=[[typo.get(h, "") for h in headers]])
    data = parse_dataset({"Applications": grid, "Follow-ups": None, "Settings": None}, NOW.date())
    a = plan(data.applications, data.followups, NOW, RULES, data.issues)[0]
    assert "'last tuesday-ish'" in a.reason and "Reading dates" not in a.reason


def test_a_rejection_on_a_saturday_is_answered_on_the_monday() -> None:
    a = one(row(Status="Rejected", Response_On="2026-11-14T10:00"), now=datetime(2026, 11, 14, 12, 0))  # Sat 14 Nov
    assert (a.kind, a.due_on, a.urgency) == (ActionKind.REPLY_TO_REJECTION, date(2026, 11, 16), Urgency.COMING_UP)
    assert "turned you down on Sat 14 Nov" in a.reason


def test_contact_after_holds_back_the_thank_you_too() -> None:
    a = one(row(Interview_On="2026-11-16T09:00", Thank__You_Sent_On=None, Contact_After="2026-11-18"), now=datetime(2026, 11, 16, 12, 0))
    assert (a.kind, a.due_on) == (ActionKind.THANK_YOU, date(2026, 11, 18))
    assert "asked not to be contacted before Wed 18 Nov" in a.reason


def test_the_day_to_move_on_is_a_working_day() -> None:
    hist = history(
        {"Date": "2026-11-04", "Kind": "Follow-up", "Medium": "Email"},
        {"Date": "2026-11-11", "Kind": "Final", "Medium": "Email"},
    )
    a = one(row(), now=datetime(2026, 11, 16, 9, 0), hist=hist)  # ten days after Wed 11 is Sat 21
    assert (a.kind, a.due_on) == (ActionKind.WAIT, date(2026, 11, 23))


def test_an_interview_after_the_offer_deadline_does_not_hold_the_nudge_back() -> None:
    soon = row(ID="A-1", Interview_On="2026-11-18T10:00", Thank__You_Sent_On=None)  # before Fri 20: tell them there
    late = row(ID="A-2", Interview_On="2026-11-25T10:00", Thank__You_Sent_On=None)  # after the deadline: tell them now
    got = planned([soon, late, OFFER])
    assert got["A-1"].kind is ActionKind.THANK_YOU
    assert (got["A-2"].scenario, got["A-2"].due_on) == (Scenario.COMPETING_OFFER, NOW.date())
