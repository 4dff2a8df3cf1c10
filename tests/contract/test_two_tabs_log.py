"""Two tabs log a follow-up for one application a minute apart: both land, the count is 2 and the later date stays."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from lib.domain.vocab import HistoryKind
from lib.views.actions import record_sent

EARLY, LATE = datetime(2026, 12, 1, 15, 24), datetime(2026, 12, 1, 15, 25)


@pytest.mark.parametrize("order", [(EARLY, LATE), (LATE, EARLY)])
def test_two_tabs_logging_a_minute_apart_both_land(backend, order):
    store, _hands = backend
    app_id = store.add_application({"Company": "Acme", "Job Title": "Analyst", "Status": "Applied", "Applied On": date(2026, 11, 2)})
    seen = store.load(date(2026, 12, 1)).application(app_id)  # both tabs opened on this
    for when in order:
        record_sent(store, seen, medium="Email", when=when, kind=HistoryKind.FOLLOW_UP, subject="Checking in", message="Hello")
    row = store.load(date(2026, 12, 1)).application(app_id)
    assert row["Follow-Ups Sent"] == 2
    assert row["Last Follow-Up On"] == LATE
