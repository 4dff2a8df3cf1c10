"""The Settings page's groups: every field shown once, defaults said in words."""

from __future__ import annotations

import dataclasses
from datetime import time

from lib.messages.templates import Profile
from lib.planner.rules import RuleSettings
from lib.views.settings import TIMING_GROUPS, default_text, grouped_fields, help_with_default


def test_every_timing_setting_is_in_one_group() -> None:
    groups = grouped_fields(RuleSettings, TIMING_GROUPS)
    shown = [name for _, names in groups for name in names]
    assert sorted(shown) == sorted(f.name for f in dataclasses.fields(RuleSettings))
    assert len(shown) == len(set(shown))
    assert groups[0][0] == "After an interview"


def test_a_field_no_group_names_is_still_shown() -> None:
    groups = grouped_fields(RuleSettings, (("Calls", ("call_days", "not_a_field")),))
    assert groups[0] == ("Calls", ["call_days"])
    assert groups[-1][0] == "Other" and "max_followups" in groups[-1][1]
    assert grouped_fields(Profile) == [("", [f.name for f in dataclasses.fields(Profile)])]


def test_defaults_in_words() -> None:
    assert default_text(7) == "7" and default_text(time(10, 30)) == "10:30" and default_text("") == "(blank)"
    assert help_with_default("Never send two follow-ups closer together than this.", 7) == (
        "Never send two follow-ups closer together than this. Default: 7.")
    assert help_with_default(None, "Best regards") == "Default: Best regards."
