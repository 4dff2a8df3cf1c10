"""The message scenarios the planner suggests and the template builder writes."""

from __future__ import annotations

from enum import Enum


class Scenario(str, Enum):
    """Why a message is sent. The value is stable: it appears in links between pages."""

    THANK_YOU = "thank_you"
    STATUS_INQUIRY = "status_inquiry"
    ADDRESS_CONCERN = "address_concern"
    AFTER_FINAL_INTERVIEW = "after_final_interview"
    CHECK_IN = "check_in"
    FINAL_FOLLOW_UP = "final_follow_up"
    REJECTION_REPLY = "rejection_reply"
    FEEDBACK_THANKS = "feedback_thanks"
    CORRECTION = "correction"
    COMPETING_OFFER = "competing_offer"

    @property
    def label(self) -> str:
        return SCENARIO_LABELS[self]

    @property
    def history_kind(self) -> str:
        """The Follow-ups tab "Kind" recorded when a message of this scenario is sent."""
        return SCENARIO_HISTORY_KIND[self]


SCENARIO_LABELS: dict[Scenario, str] = {
    Scenario.THANK_YOU: "Thank-you note after an interview",
    Scenario.STATUS_INQUIRY: "Status inquiry (the timeline has passed)",
    Scenario.ADDRESS_CONCERN: "Follow-up that addresses a concern",
    Scenario.AFTER_FINAL_INTERVIEW: "After a second or final interview",
    Scenario.CHECK_IN: "Check-in (second follow-up)",
    Scenario.FINAL_FOLLOW_UP: "Final follow-up (close the loop)",
    Scenario.REJECTION_REPLY: "Reply to a rejection (ask for feedback)",
    Scenario.FEEDBACK_THANKS: "Thanks for feedback",
    Scenario.CORRECTION: "Correct a mistake in an earlier message",
    Scenario.COMPETING_OFFER: "Competing-offer nudge",
}

SCENARIO_HISTORY_KIND: dict[Scenario, str] = {
    Scenario.THANK_YOU: "Thank-you",
    Scenario.STATUS_INQUIRY: "Follow-up",
    Scenario.ADDRESS_CONCERN: "Follow-up",
    Scenario.AFTER_FINAL_INTERVIEW: "Follow-up",
    Scenario.CHECK_IN: "Check-in",
    Scenario.FINAL_FOLLOW_UP: "Final",
    Scenario.REJECTION_REPLY: "Feedback request",
    Scenario.FEEDBACK_THANKS: "Other",
    Scenario.CORRECTION: "Other",
    Scenario.COMPETING_OFFER: "Follow-up",
}

# Kinds in the history that count toward the follow-up limit (the thank-you note does not).
COUNTED_KINDS: frozenset[str] = frozenset({"Follow-up", "Check-in", "Final"})
