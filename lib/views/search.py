"""Finding applications by text, status, company and date."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

import pandas as pd

SEARCHED_COLUMNS = ("Company", "Job Title", "Location", "Source", "Interviewer", "Notes", "Outcome", "Topics Discussed")


def filter_applications(
    apps: pd.DataFrame,
    *,
    text: str = "",
    statuses: Collection[str] = (),
    companies: Collection[str] = (),
    applied_from: date | None = None,
    applied_to: date | None = None,
) -> pd.DataFrame:
    """Return the applications matching every given filter, newest application first.

    `text` matches any of SEARCHED_COLUMNS, case-insensitively; the date range includes
    both ends and leaves out rows without an Applied On date.
    """
    mask = pd.Series(True, index=apps.index)
    words = text.strip().lower().split()
    if words:
        haystack = apps[list(SEARCHED_COLUMNS)].astype(str).agg(" ".join, axis=1).str.lower()
        for word in words:
            mask &= haystack.str.contains(word, regex=False)
    if statuses:
        mask &= apps["Status"].isin(list(statuses))
    if companies:
        mask &= apps["Company"].isin(list(companies))
    if applied_from is not None:
        mask &= apps["Applied On"] >= pd.Timestamp(applied_from)
    if applied_to is not None:
        mask &= apps["Applied On"] <= pd.Timestamp(applied_to)
    return apps[mask].sort_values("Applied On", ascending=False, na_position="last", kind="stable")
