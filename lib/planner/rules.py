"""The planner's public names, where the pages and the messages import them from.

The planner lives in `lib.planner.settings` (the timing rules), `lib.planner.action` (what to
do next), `lib.planner.clock` and `lib.planner.cycle` (time and the round of follow-ups),
`lib.planner.steps` (each kind of step) and `lib.planner.plan` (choosing the step).
"""

from __future__ import annotations

from lib.planner.action import FOLLOW_UP_KINDS, Action, ActionKind, Urgency
from lib.planner.plan import next_action, plan
from lib.planner.settings import SETTINGS_PREFIX, RuleSettings

__all__ = [
    "FOLLOW_UP_KINDS",
    "SETTINGS_PREFIX",
    "Action",
    "ActionKind",
    "RuleSettings",
    "Urgency",
    "next_action",
    "plan",
]
