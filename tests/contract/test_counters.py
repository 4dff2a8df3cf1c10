"""Counters the app increments resolve against the row as it is at write time, on every backend."""

from __future__ import annotations

from datetime import date, datetime

from lib.views.actions import record_sent

TODAY = date(2026, 11, 22)


def test_two_tabs_logging_a_follow_up_in_the_same_minute_count_two(backend):
    store, _hands = backend
    app_id = store.add_application({"Company": "Acme", "Job Title": "Analyst", "Follow-Ups Sent": 1})
    seen = store.load(TODAY).application(app_id)  # both tabs read the row before either logs
    at = datetime(2026, 11, 22, 9, 30)
    record_sent(store, seen, medium="Email", when=at)
    record_sent(store, seen, medium="Email", when=at)
    data = store.load(TODAY)
    assert len(data.history(app_id)) == 2
    assert data.application(app_id)["Follow-Ups Sent"] == 3


def test_an_increment_adds_to_a_count_typed_by_hand(backend):
    store, hands = backend
    app_id = store.add_application({"Company": "Acme", "Job Title": "Analyst"})
    seen = store.load(TODAY).application(app_id)
    hands.set_cell(hands.row_of(app_id), "Follow-Ups Sent", "4")
    record_sent(store, seen, medium="Email", when=datetime(2026, 11, 22, 9, 30))
    assert store.load(TODAY).application(app_id)["Follow-Ups Sent"] == 5
