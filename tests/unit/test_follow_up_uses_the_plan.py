"""The Follow-up page takes the next action from the cached plan, and gives it to the checks."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest

from lib.domain.model import applications_frame, followups_frame
from lib.messages import checks, templates
from lib.messages.templates import EMAIL, Profile, Tone, build_message, check_message, suggested_scenario
from lib.planner import plan as plan_module
from lib.planner import rules
from lib.planner.rules import RuleSettings, next_action
from tests.conftest import no_exceptions

NOW = datetime(2026, 11, 16, 11, 0)
APP: dict[str, Any] = {
    "ID": "A-1", "Company": "Acme", "Job Title": "Analyst", "Status": "Interviewing", "Applied On": date(2026, 10, 20),
    "Interview On": datetime(2026, 11, 3, 10), "Interviewer": "Dr. Sam Lee", "Interviewer Email": "sam@acme.example",
}


def test_checks_and_suggestion_with_the_plans_action_are_the_same_as_without() -> None:
    app = applications_frame([APP]).iloc[0].to_dict()
    history = followups_frame([])
    action = next_action(app, history, NOW)
    for scenario in templates.Scenario:
        message = build_message(app, Profile(), scenario, EMAIL, Tone.FORMAL, now=NOW)
        assert check_message(message, app, history, NOW, RuleSettings(), action=action) == check_message(
            message, app, history, NOW, RuleSettings()
        )
    assert suggested_scenario(app, history, NOW, RuleSettings(), action=action) is suggested_scenario(app, history, NOW, RuleSettings())


def test_the_page_does_not_plan_again(app_on, demo_store, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_second_plan(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("next_action called again; the page should use ui.plan(data)")

    monkeypatch.setattr(rules, "next_action", no_second_plan)
    monkeypatch.setattr(plan_module, "next_action", no_second_plan)
    monkeypatch.setattr(checks, "next_action", no_second_plan)
    at = app_on(demo_store, "app_pages/follow_up.py")
    no_exceptions(at)
    assert at.title[0].value == "Follow-up"
    assert at.info, "the planner's suggestion is shown"
