"""The Settings page's groups and labels: which settings go together, in what order, and what each
number's default is."""

from __future__ import annotations

import dataclasses
from datetime import time
from typing import Any

# The page's groups, in order (tabs).
DETAILS, TIMING, DATES, DATA, SHEET = "Your details", "Follow-up timing", "Dates", "Data and backups", "Google Sheet"
SECTIONS: tuple[str, ...] = (DETAILS, TIMING, DATES, DATA, SHEET)

# The follow-up timing, in the order a search meets it; a field left out here is shown last.
TIMING_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("After an interview", ("thank_you_hours", "followup_days_after_interview", "followup_late_after_days",
                            "phone_min_business_days")),
    ("After applying", ("followup_days_after_applying", "followup_late_after_applying_days")),
    ("More follow-ups", ("min_days_between_followups", "next_followup_days", "next_followup_late_after_days",
                         "max_followups")),
    ("Moving on", ("move_on_after_days", "quiet_after_days")),
    ("After a rejection", ("rejection_reply_days", "rejection_reply_stale_days")),
    ("Calls", ("call_window_start", "call_window_end", "call_days")),
    ("The Today page", ("coming_up_days",)),
)


def grouped_fields(cls: type[Any], groups: tuple[tuple[str, tuple[str, ...]], ...] = ()) -> list[tuple[str, list[str]]]:
    """Return (group title, field names) for the dataclass `cls`: `groups` first (unknown names
    skipped), then any field no group names under "Other" ("" as the one title without groups)."""
    names = [f.name for f in dataclasses.fields(cls)]
    out = [(title, [n for n in fields if n in names]) for title, fields in groups]
    out = [(title, fields) for title, fields in out if fields]
    placed = {n for _, fields in out for n in fields}
    rest = [n for n in names if n not in placed]
    if rest:
        out.append(("Other" if out else "", rest))
    return out


def default_text(value: Any) -> str:
    """Return a default as the form shows it: "7", "10:30", "Best regards", "(blank)"."""
    if isinstance(value, bool):
        return "on" if value else "off"
    if isinstance(value, time):
        return f"{value:%H:%M}"
    return str(value) if str(value) != "" else "(blank)"


def help_with_default(help_text: str | None, default: Any) -> str:
    """Return what a setting means followed by its default: "... Default: 7."."""
    what = (help_text or "").strip()
    return f"{what} Default: {default_text(default)}.".strip()
