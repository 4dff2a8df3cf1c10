"""The numbers behind the follow-up timing rules (`RuleSettings`), stored as "rules.*" settings.

Every field carries the metadata a settings form is drawn from; `from_settings` is tolerant:
a missing, unreadable or out-of-range value falls back to its default.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import MISSING, dataclass, field, fields
from datetime import time
from functools import lru_cache
from typing import Any

from lib.domain.text import SHORT_WEEKDAYS

SETTINGS_PREFIX = "rules."


def _meta(label: str, help: str, min: int | None = None, max: int | None = None) -> dict[str, Any]:
    return {"label": label, "help": help, "min": min, "max": max}


@dataclass(frozen=True)
class RuleSettings:
    """The numbers behind the follow-up timing rules, each with the default from DESIGN.md.

    Every field carries metadata {"label", "help", "min", "max"} so that a settings form can
    be drawn from the dataclass alone; "min"/"max" are None for non-numeric fields.
    """

    thank_you_hours: int = field(
        default=24,
        metadata=_meta("Thank-you note within (hours)", "Send a thank-you note within this many hours of an interview.", 1, 168),
    )
    followup_days_after_interview: int = field(
        default=7,
        metadata=_meta(
            "First follow-up after an interview (days)",
            "When no timeline was given, follow up this many days after the interview (7 to 10 is normal).",
            1,
            60,
        ),
    )
    followup_late_after_days: int = field(
        default=14,
        metadata=_meta(
            "First follow-up is late after (days)",
            "A first follow-up not sent this many days after the interview is shown as overdue.",
            1,
            90,
        ),
    )
    followup_days_after_applying: int = field(
        default=10,
        metadata=_meta(
            "Follow-up after applying (days)",
            "With no interview yet, follow up this many days after applying (1 to 2 weeks is normal).",
            1,
            90,
        ),
    )
    followup_late_after_applying_days: int = field(
        default=14,
        metadata=_meta(
            "Follow-up after applying is late after (days)",
            "With no interview yet, a follow-up not sent this many days after applying is shown as overdue.",
            1,
            120,
        ),
    )
    phone_min_business_days: int = field(
        default=5,
        metadata=_meta(
            "Call no sooner than (business days)",
            "Do not phone before this many working days (Monday to Friday) after the interview.",
            0,
            30,
        ),
    )
    min_days_between_followups: int = field(
        default=7,
        metadata=_meta(
            "Days between follow-ups, at least",
            "Never send two follow-ups closer together than this.",
            1,
            60,
        ),
    )
    next_followup_days: int = field(
        default=10,
        metadata=_meta(
            "Next follow-up after the last (days)",
            "Send the next follow-up this many days after the previous one (1 to 2 weeks is normal).",
            1,
            60,
        ),
    )
    next_followup_late_after_days: int = field(
        default=14,
        metadata=_meta(
            "Next follow-up is late after (days)",
            "A next follow-up not sent this many days after the previous one is shown as overdue.",
            1,
            90,
        ),
    )
    max_followups: int = field(
        default=2,
        metadata=_meta(
            "Follow-ups at most",
            "How many follow-ups to send after the thank-you note when nothing comes back; the last is the final, polite one.",
            1,
            5,
        ),
    )
    move_on_after_days: int = field(
        default=10,
        metadata=_meta(
            "Move on after the final follow-up (days)",
            "When the final follow-up is unanswered this long, suggest closing the application as No Response.",
            1,
            90,
        ),
    )
    quiet_after_days: int = field(
        default=60,
        metadata=_meta(
            "Move on after a silence of (days)",
            "When a follow-up is overdue and nothing has happened for this many days, suggest closing the application instead.",
            14,
            365,
        ),
    )
    coming_up_days: int = field(
        default=7,
        metadata=_meta("Coming up within (days)", "Actions due within this many days are listed as coming up.", 1, 60),
    )
    rejection_reply_days: int = field(
        default=2,
        metadata=_meta(
            "Reply to a rejection within (days)",
            "A reply to a rejection, asking for feedback, is best sent within this many days.",
            1,
            30,
        ),
    )
    rejection_reply_stale_days: int = field(
        default=14,
        metadata=_meta(
            "Stop suggesting a rejection reply after (days)",
            "After this many days a reply to a rejection is no longer suggested.",
            1,
            120,
        ),
    )
    call_window_start: time = field(
        default=time(10, 30),
        metadata=_meta("Calls from", "Earliest time of day to phone (late morning is best)."),
    )
    call_window_end: time = field(
        default=time(14, 30),
        metadata=_meta("Calls until", "Latest time of day to phone (early afternoon is best)."),
    )
    call_days: str = field(
        default="Tue, Wed, Thu",
        metadata=_meta(
            "Days to phone",
            "Weekdays to phone on, e.g. \"Tue, Wed, Thu\". Monday mornings and Friday afternoons are always avoided.",
        ),
    )

    @property
    def call_weekdays(self) -> frozenset[int]:
        """Return the weekdays (Monday is 0) to phone on, from `call_days`; Tue-Thu if none."""
        return _parse_weekdays(self.call_days) or frozenset({1, 2, 3})

    @classmethod
    def from_settings(cls, d: Mapping[str, str]) -> RuleSettings:
        """Return settings read from the flat settings dict ("rules.<field>" keys).

        Tolerant: a missing, unreadable or out-of-range value falls back to its default;
        never raises.
        """
        values: dict[str, Any] = {}
        for f in fields(cls):
            default = f.default if f.default is not MISSING else None
            raw = d.get(SETTINGS_PREFIX + f.name) if d else None
            values[f.name] = _read_value(raw, default, f.metadata)
        if values["call_window_end"] <= values["call_window_start"]:
            values["call_window_start"] = cls.call_window_start
            values["call_window_end"] = cls.call_window_end
        if not _parse_weekdays(values["call_days"]):
            values["call_days"] = cls.call_days
        return cls(**values)

    def to_settings(self) -> dict[str, str]:
        """Return the settings as a flat dict of "rules.<field>" -> text."""
        out: dict[str, str] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            out[SETTINGS_PREFIX + f.name] = value.strftime("%H:%M") if isinstance(value, time) else str(value)
        return out


def _read_value(raw: Any, default: Any, meta: Mapping[str, Any]) -> Any:
    if raw is None or str(raw).strip() == "":
        return default
    text = str(raw).strip()
    if isinstance(default, bool):
        return default
    if isinstance(default, int):
        try:
            number = float(text)
        except ValueError:
            return default
        if number != int(number):
            return default
        value = int(number)
        lo, hi = meta.get("min"), meta.get("max")
        if (lo is not None and value < lo) or (hi is not None and value > hi):
            return default
        return value
    if isinstance(default, time):
        match = re.fullmatch(r"(\d{1,2})[:.h](\d{2})(?::\d{2})?", text)
        if not match:
            return default
        hour, minute = int(match.group(1)), int(match.group(2))
        if hour > 23 or minute > 59:
            return default
        return time(hour, minute)
    return text


@lru_cache(maxsize=64)
def _parse_weekdays(text: str) -> frozenset[int]:
    days: set[int] = set()
    for word in re.split(r"[\s,;/]+", str(text).strip().lower()):
        if not word:
            continue
        for i, name in enumerate(SHORT_WEEKDAYS):
            if word[:3] == name.lower():
                days.add(i)
                break
        else:
            return frozenset()  # an unknown word: the whole value is unreadable
    return frozenset(d for d in days if d < 5)
