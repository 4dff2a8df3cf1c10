"""Placeholders: information a message needs but does not have yet, kept visible in the text.

Also the scenario-specific inputs typed on the Follow-up page (`ExtraInput`), whose tokens are
placeholders too.
"""

from __future__ import annotations

from dataclasses import dataclass

from lib.domain.fields import AppCol
from lib.domain.vocab import Scenario


@dataclass(frozen=True)
class ExtraInput:
    """A scenario-specific input typed on the Follow-up page (e.g. the other offer's deadline)."""

    key: str
    label: str
    token: str
    help: str = ""
    required: bool = True  # False: the message reads well without it (no placeholder)


CONCERN_RESPONSE = ExtraInput(
    "concern_response",
    "Your answer to the concern",
    "[how your experience answers that concern]",
    "One or two sentences, e.g. 'In my last role I took over our Kubernetes clusters within a month.'",
)


EXTRA_INPUTS: dict[Scenario, tuple[ExtraInput, ...]] = {
    Scenario.COMPETING_OFFER: (
        ExtraInput(
            "offer_deadline",
            "When you must answer the other offer",
            "[date you must answer the other offer by]",
            "e.g. Friday, 20 November",
        ),
    ),
    Scenario.CORRECTION: (
        ExtraInput("mistake", "What the earlier message got wrong", "[what you wrote by mistake]", "e.g. that I can start on 1 March"),
        ExtraInput("correction", "What it should have said", "[the correct information]", "e.g. that I can start on 1 April"),
    ),
    Scenario.FEEDBACK_THANKS: (
        ExtraInput(
            "feedback",
            "The feedback you received",
            "[the feedback you received]",
            "e.g. going deeper into the trade-offs in my system design",
        ),
    ),
}


@dataclass(frozen=True)
class Placeholder:
    """Information a message needs but does not have yet.

    `token` is the text left visible in the message; `field` the column (or setting key, or
    "qualification" / "extra.<key>" for inputs on the Follow-up page) that fills it; `where`
    the page to fill it in: "Applications", "Settings" or "Follow-up".
    """

    token: str
    field: str
    where: str


# Every placeholder a message can hold; `find_placeholders` lists them in order of appearance.
PLACEHOLDERS: tuple[Placeholder, ...] = (
    Placeholder("[interviewer's name]", AppCol.INTERVIEWER, "Applications"),
    Placeholder("[company]", AppCol.COMPANY, "Applications"),
    Placeholder("[job title]", AppCol.JOB_TITLE, "Applications"),
    Placeholder("[interview date]", AppCol.INTERVIEW_ON, "Applications"),
    Placeholder("[application date]", AppCol.APPLIED_ON, "Applications"),
    Placeholder("[specific topic discussed]", AppCol.TOPICS_DISCUSSED, "Applications"),
    Placeholder("[concern they raised]", AppCol.CONCERNS_RAISED, "Applications"),
    Placeholder("[interviewer's phone]", AppCol.INTERVIEWER_PHONE, "Applications"),
    Placeholder("[your name]", "profile.name", "Settings"),
    Placeholder("[your phone]", "profile.phone", "Settings"),
    Placeholder("[your email]", "profile.email", "Settings"),
    Placeholder("[a qualification that fits the role]", "qualification", "Follow-up"),
    *(
        Placeholder(i.token, f"extra.{i.key}", "Follow-up")
        for i in (CONCERN_RESPONSE, *(x for xs in EXTRA_INPUTS.values() for x in xs))
    ),
)


TOKEN = {p.field: p.token for p in PLACEHOLDERS}


def find_placeholders(*texts: str) -> tuple[Placeholder, ...]:
    """Return the known placeholders that occur in `texts`, in order of first appearance."""
    joined = "\n".join(texts)
    found = [(joined.find(p.token), p) for p in PLACEHOLDERS if p.token in joined]
    return tuple(p for _, p in sorted(found, key=lambda pair: pair[0]))
