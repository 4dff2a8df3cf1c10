"""The board's lanes, cards and moves."""

from __future__ import annotations

from datetime import date, datetime

from lib.domain.model import applications_frame, followups_frame
from lib.domain.vocab import Status
from lib.planner.rules import Action, ActionKind, Urgency
from lib.views.board import Card, board, lane_of, moves, next_step

TODAY = date(2026, 11, 16)


def test_every_application_is_in_the_lane_of_its_status() -> None:
    apps = applications_frame([
        {"ID": "A-1", "Company": "Acme", "Status": "Applied", "Applied On": date(2026, 11, 6)},
        {"ID": "A-2", "Company": "Birch", "Status": "interviewing"},
        {"ID": "A-3", "Company": "Cedar", "Status": "Ghosted"},
        {"ID": "A-4", "Company": "Dune", "Status": ""},
    ])
    lanes = board(apps, followups_frame([]), [], TODAY)
    by_status = {lane.status: [c.app_id for c in lane.cards] for lane in lanes}
    assert by_status["Applied"] == ["A-1"] and by_status["Interviewing"] == ["A-2"] and by_status[""] == ["A-3", "A-4"]
    assert [lane.status for lane in lanes][:8] == [s.value for s in Status if s in (
        Status.WISHLIST, Status.APPLIED, Status.INTERVIEWING, Status.OFFER)] + ["Accepted", "Rejected", "Withdrawn", "No Response"]
    assert sum(len(lane.cards) for lane in lanes) == 4


def test_no_other_lane_when_every_status_is_known() -> None:
    apps = applications_frame([{"ID": "A-1", "Company": "Acme", "Status": "Offer"}])
    assert "" not in [lane.status for lane in board(apps, followups_frame([]), [], TODAY)]


def test_days_since_the_last_past_contact() -> None:
    apps = applications_frame([
        {"ID": "A-1", "Status": "Interviewing", "Applied On": date(2026, 11, 1), "Interview On": datetime(2026, 11, 20, 10)},
        {"ID": "A-2", "Status": "Applied", "Applied On": date(2026, 11, 1)},
        {"ID": "A-3", "Status": "Wishlist"},
    ])
    history = followups_frame([{"Application ID": "A-2", "Date": datetime(2026, 11, 13, 9), "Direction": "Sent", "Kind": "Follow-up"}])
    cards = {c.app_id: c for lane in board(apps, history, [], TODAY) for c in lane.cards}
    assert cards["A-1"].days_since_contact == 15  # next week's interview is not contact yet
    assert cards["A-2"].days_since_contact == 3
    assert cards["A-3"].days_since_contact is None and cards["A-3"].contact_text == "no contact yet"
    assert cards["A-2"].contact_text == "last contact 3 days ago"


def test_contact_text() -> None:
    card = Card("A", "", "", "Applied", 1, "")
    assert card.contact_text == "last contact 1 day ago"
    assert Card("A", "", "", "Applied", 0, "").contact_text == "last contact today"


def test_moves_offer_every_other_status_once() -> None:
    for status in [*(s.value for s in Status), "Ghosted", ""]:
        first, rest = moves(status)
        offered = [*first, *rest]
        assert len(offered) == len(set(offered))
        assert lane_of(status) not in offered
        assert set(offered) | ({lane_of(status)} - {""}) == set(Status)
    assert moves("Applied")[0][0] is Status.INTERVIEWING


def action(kind: ActionKind, due: date | None, urgency: Urgency = Urgency.WAITING) -> Action:
    return Action("A-1", "Acme", "Analyst", "", kind, urgency, due, None, "", "", None, None, 0)


def test_next_step_says_what_and_when() -> None:
    assert next_step(None, TODAY) == "" and next_step(action(ActionKind.NOTHING, None), TODAY) == ""
    assert next_step(action(ActionKind.FOLLOW_UP, date(2026, 11, 17)), TODAY) == "Follow up · due Tue 17 Nov"
    assert next_step(action(ActionKind.WAIT, date(2026, 11, 17)), TODAY) == "Wait · until Tue 17 Nov"
    assert next_step(action(ActionKind.WAIT, None), TODAY) == "Wait"
    assert next_step(action(ActionKind.FOLLOW_UP, date(2027, 1, 5)), TODAY) == "Follow up · due Tue 5 Jan 2027"


def test_a_step_whose_day_has_come_says_so() -> None:
    """A past date alone would read as done: a due or late step says it is waiting for the person."""
    assert next_step(action(ActionKind.FOLLOW_UP, TODAY, Urgency.DUE_TODAY), TODAY) == "Follow up · due today"
    since = next_step(action(ActionKind.FOLLOW_UP, date(2026, 11, 13), Urgency.DUE_TODAY), TODAY)
    assert since == "Follow up · due now, since Fri 13 Nov"
    late = next_step(action(ActionKind.THANK_YOU, date(2026, 11, 12), Urgency.OVERDUE), TODAY)
    assert late == "Send a thank-you note · overdue, was due Thu 12 Nov"


def test_cards_carry_the_plans_next_step() -> None:
    apps = applications_frame([
        {"ID": "A-1", "Company": "Acme", "Status": "Applied", "Applied On": date(2026, 11, 1)},
        {"ID": "A-2", "Company": "Birch", "Status": "Applied", "Applied On": date(2026, 10, 1)},
    ])
    plan = [action(ActionKind.FOLLOW_UP, date(2026, 11, 18)),
            Action("A-2", "Birch", "", "", ActionKind.FOLLOW_UP, Urgency.OVERDUE, date(2026, 11, 2), date(2026, 11, 9),
                   "", "", None, None, 1)]
    cards = {c.app_id: c for lane in board(apps, followups_frame([]), plan, TODAY) for c in lane.cards}
    assert cards["A-1"].next_step == "Follow up · due Wed 18 Nov" and not cards["A-1"].overdue
    assert cards["A-2"].next_step == "Follow up · overdue, was due Mon 2 Nov" and cards["A-2"].overdue
