"""What counts as followed up, for the Pipeline's "Do follow-ups get a response?": one definition."""

from __future__ import annotations

import pandas as pd
import pytest

from lib.domain.facts import followed_up_mask
from lib.domain.model import applications_frame


@pytest.mark.parametrize(
    ("row", "in_history", "expected"),
    [
        ({}, 0, False),
        ({"Follow-Ups Sent": 1}, 0, True),  # counted in the row only
        ({}, 1, True),  # logged in the history only
        ({"Last Follow-Up On": "2026-05-02"}, 0, True),  # a date typed without a count
        ({"Thank-You Sent On": "2026-05-02"}, 0, False),  # a thank-you note is not a follow-up
    ],
)
def test_followed_up(row, in_history, expected):
    apps = applications_frame([{"Company": "Acme", "Job Title": "Analyst", "Applied On": "2026-04-20", **row}])
    assert followed_up_mask(apps, pd.Series([in_history], index=apps.index)).tolist() == [expected]
