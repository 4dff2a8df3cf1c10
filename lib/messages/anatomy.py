"""The anatomy of a message: its parts, which a scenario offers and switches on, its tone,
and the built `Message`."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace
from enum import Enum
from typing import Any

from lib.domain.facts import reached_interview
from lib.domain.records import Application, read_application
from lib.domain.vocab import Scenario, Status
from lib.messages.notes import Unplaced
from lib.messages.placeholders import CONCERN_RESPONSE, EXTRA_INPUTS, ExtraInput, Placeholder

AppLike = Mapping[str, Any] | Application  # an Application, or one Applications row as a dict


class Tone(str, Enum):
    """How the message sounds; it should match the tone of the interview."""

    FORMAL = "formal"
    FRIENDLY = "friendly"

    @property
    def label(self) -> str:
        return "Formal" if self is Tone.FORMAL else "Friendly"


class Part(str, Enum):
    """One piece of a good follow-up message, in the order it usually appears."""

    SUBJECT = "subject"
    GREETING = "greeting"
    REINTRODUCE = "reintroduce"
    SPECIFIC_DETAIL = "specific_detail"
    INTEREST = "interest"
    QUALIFICATION = "qualification"
    CONCERN = "concern"
    ASK = "ask"
    REFERRAL = "referral"  # after a rejection or a last note: ask to be introduced elsewhere
    MORE_INFO = "more_info"
    THANKS = "thanks"
    SIGNOFF = "signoff"

    @property
    def label(self) -> str:
        return _PART_LABELS[self]


_PART_LABELS: dict[Part, str] = {
    Part.SUBJECT: "Subject",
    Part.GREETING: "Greeting",
    Part.REINTRODUCE: "Who you are and the interview",
    Part.SPECIFIC_DETAIL: "A detail from the conversation",
    Part.INTEREST: "Renewed interest",
    Part.QUALIFICATION: "A qualification that fits",
    Part.CONCERN: "Address a concern they raised",
    Part.ASK: "The ask",
    Part.REFERRAL: "Ask about other openings",
    Part.MORE_INFO: "Offer more information",
    Part.THANKS: "Thanks",
    Part.SIGNOFF: "Sign-off",
}


# Parts the person can switch on or off. Which of them apply, and which start switched on,
# depends on the scenario (see `optional_parts` and `default_parts`).
OPTIONAL_PARTS: tuple[Part, ...] = (
    Part.SPECIFIC_DETAIL,
    Part.QUALIFICATION,
    Part.CONCERN,
    Part.REFERRAL,
    Part.MORE_INFO,
)


# scenario -> (optional parts offered, those switched on by default)
_OPTIONS: dict[Scenario, tuple[tuple[Part, ...], frozenset[Part]]] = {
    Scenario.THANK_YOU: (
        (Part.SPECIFIC_DETAIL, Part.QUALIFICATION, Part.CONCERN, Part.MORE_INFO),
        frozenset({Part.SPECIFIC_DETAIL, Part.MORE_INFO}),
    ),
    Scenario.STATUS_INQUIRY: (
        (Part.SPECIFIC_DETAIL, Part.QUALIFICATION, Part.CONCERN, Part.MORE_INFO),
        frozenset({Part.SPECIFIC_DETAIL, Part.MORE_INFO}),
    ),
    # The concern is the point of this message, so it is not optional here.
    Scenario.ADDRESS_CONCERN: (
        (Part.SPECIFIC_DETAIL, Part.QUALIFICATION, Part.MORE_INFO),
        frozenset({Part.MORE_INFO}),
    ),
    Scenario.AFTER_FINAL_INTERVIEW: (
        (Part.SPECIFIC_DETAIL, Part.QUALIFICATION, Part.CONCERN, Part.MORE_INFO),
        frozenset({Part.SPECIFIC_DETAIL, Part.MORE_INFO}),
    ),
    Scenario.CHECK_IN: (
        (Part.SPECIFIC_DETAIL, Part.QUALIFICATION, Part.MORE_INFO),
        frozenset({Part.MORE_INFO}),
    ),
    Scenario.FINAL_FOLLOW_UP: ((Part.SPECIFIC_DETAIL, Part.REFERRAL), frozenset()),
    Scenario.REJECTION_REPLY: ((Part.SPECIFIC_DETAIL, Part.REFERRAL), frozenset({Part.SPECIFIC_DETAIL})),
    Scenario.FEEDBACK_THANKS: ((Part.REFERRAL,), frozenset()),
    Scenario.CORRECTION: ((Part.MORE_INFO,), frozenset()),
    Scenario.COMPETING_OFFER: ((Part.SPECIFIC_DETAIL, Part.QUALIFICATION), frozenset()),
}


def optional_parts(scenario: Scenario, app: AppLike | None = None) -> tuple[Part, ...]:
    """Return the parts the person may switch on or off for `scenario`, in message order.

    With `app`, a part that cannot say anything for it is left out: a detail from the
    conversation when there has been no conversation yet."""
    offered = _OPTIONS[scenario][0]
    if app is not None and not about_interview(read_application(app), scenario) and not read_application(app).topics_discussed:
        offered = tuple(p for p in offered if p is not Part.SPECIFIC_DETAIL)
    return offered


def about_interview(app: Application, scenario: Scenario) -> bool:
    """Whether the message is about an interview (else about the application alone).

    A row with no sign of an interview (only an application) is written about the
    application; anything else, including an empty row, about the interview."""
    return bool(
        reached_interview(app.status, app.interview_on)
        or scenario in (Scenario.THANK_YOU, Scenario.AFTER_FINAL_INTERVIEW, Scenario.ADDRESS_CONCERN)
        or app.interviewer
        or app.interview_round
        or not (app.applied_on or app.status in (Status.APPLIED, Status.WISHLIST))
    )


def default_parts(scenario: Scenario, app: AppLike | None = None) -> frozenset[Part]:
    """Return the optional parts switched on by default for `scenario` (and this application).

    In the note right after an interview, a concern the interviewer raised (when the row
    records one) is addressed by default: that is the moment a doubt can still be answered.
    """
    on = _OPTIONS[scenario][1]
    parts = set(on)
    right_after = scenario in (Scenario.THANK_YOU, Scenario.AFTER_FINAL_INTERVIEW)
    if app is not None and right_after and read_application(app).concerns_raised:
        parts.add(Part.CONCERN)
    return frozenset(parts)


def extra_inputs(scenario: Scenario, parts: Collection[Part] = ()) -> tuple[ExtraInput, ...]:
    """Return the extra inputs a message for `scenario` with these optional `parts` uses.

    The answer to a concern is required when addressing it is the message's purpose and
    optional (a general line stands in) when it is one part among others."""
    inputs = list(EXTRA_INPUTS.get(scenario, ()))
    if scenario is Scenario.ADDRESS_CONCERN:
        inputs.append(CONCERN_RESPONSE)
    elif Part.CONCERN in parts and Part.CONCERN in optional_parts(scenario):
        inputs.append(replace(CONCERN_RESPONSE, required=False))
    return tuple(inputs)


# When a message runs past its medium's length (see `lib.messages.media.LIMITS`), optional
# parts are left out in this order until it fits: the offer of more information first, then
# the ask for an introduction, the qualification, the concern, and the detail from the
# conversation last (it is what shows the message was written for this reader).
DROP_ORDER: tuple[Part, ...] = (Part.MORE_INFO, Part.REFERRAL, Part.QUALIFICATION, Part.CONCERN, Part.SPECIFIC_DETAIL)


@dataclass(frozen=True)
class Message:
    """A built message. `subject` is "" for anything but an email; `missing` lists the
    placeholders still in the subject or body, in order of first appearance; `unplaced` the
    notes that do not read well where they stand; `dropped` the optional parts left out (in
    `DROP_ORDER`) to fit the medium."""

    scenario: Scenario
    medium: str
    tone: Tone
    subject: str
    body: str
    missing: tuple[Placeholder, ...] = ()
    unplaced: tuple[Unplaced, ...] = ()
    dropped: tuple[Part, ...] = ()

    @property
    def ready(self) -> bool:
        """True when no placeholder is left to fill in and every note reads well."""
        return not self.missing and not self.unplaced
