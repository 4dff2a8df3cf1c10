"""The words of the sheet: statuses, media, directions and kinds of message, and the scenarios.

Each vocabulary is an enum whose values are the words the person sees in the sheet's
dropdowns, so a member compares equal to (and hashes like) the text in a cell:
`Status.APPLIED == "Applied"`. The schema's choice lists are built from these enums
(`lib.domain.schema`), so a word is added or renamed in one place.

`Status`, `Medium`, `Direction` and `HistoryKind` are `StrEnum`s: `str()` and f-strings give
the word itself, which is what reaches the sheet. `Scenario` is older and keeps its
`(str, Enum)` form; its value appears in links between pages.
"""

from __future__ import annotations

from enum import Enum, StrEnum


class Status(StrEnum):
    """Where an application stands (the Applications tab's "Status")."""

    WISHLIST = "Wishlist"
    APPLIED = "Applied"
    INTERVIEWING = "Interviewing"
    OFFER = "Offer"
    ACCEPTED = "Accepted"
    REJECTED = "Rejected"
    WITHDRAWN = "Withdrawn"
    NO_RESPONSE = "No Response"


class Medium(StrEnum):
    """How a message goes out or comes in ("Follow-Up Medium", the history's "Medium")."""

    EMAIL = "Email"
    PHONE = "Phone"
    LINKEDIN = "LinkedIn"
    LETTER = "Letter"
    TEXT = "Text"


class Direction(StrEnum):
    """Whether a history row is the person's message or the employer's."""

    SENT = "Sent"
    RECEIVED = "Received"


class HistoryKind(StrEnum):
    """What a history row is (the Follow-ups tab's "Kind")."""

    THANK_YOU = "Thank-you"
    FOLLOW_UP = "Follow-up"
    CHECK_IN = "Check-in"
    FINAL = "Final"
    FEEDBACK_REQUEST = "Feedback request"
    REPLY = "Reply"
    OTHER = "Other"


# Kinds in the history that count toward the follow-up limit (the thank-you note does not).
COUNTED_KINDS: frozenset[HistoryKind] = frozenset({HistoryKind.FOLLOW_UP, HistoryKind.CHECK_IN, HistoryKind.FINAL})


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
    def history_kind(self) -> HistoryKind:
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

SCENARIO_HISTORY_KIND: dict[Scenario, HistoryKind] = {
    Scenario.THANK_YOU: HistoryKind.THANK_YOU,
    Scenario.STATUS_INQUIRY: HistoryKind.FOLLOW_UP,
    Scenario.ADDRESS_CONCERN: HistoryKind.FOLLOW_UP,
    Scenario.AFTER_FINAL_INTERVIEW: HistoryKind.FOLLOW_UP,
    Scenario.CHECK_IN: HistoryKind.CHECK_IN,
    Scenario.FINAL_FOLLOW_UP: HistoryKind.FINAL,
    Scenario.REJECTION_REPLY: HistoryKind.FEEDBACK_REQUEST,
    Scenario.FEEDBACK_THANKS: HistoryKind.OTHER,
    Scenario.CORRECTION: HistoryKind.OTHER,
    Scenario.COMPETING_OFFER: HistoryKind.FOLLOW_UP,
}
