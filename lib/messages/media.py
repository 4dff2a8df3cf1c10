"""The media a message can go by, and which suit each scenario."""

from __future__ import annotations

from lib.domain.vocab import HistoryKind, Medium, Scenario

# Media are the schema's vocabulary (lib.domain.schema.MEDIA) so a logged message matches the sheet.
EMAIL = Medium.EMAIL


LINKEDIN = Medium.LINKEDIN


PHONE = Medium.PHONE


LETTER = Medium.LETTER


TEXT = Medium.TEXT  # written in the same short form as a LinkedIn message


MEDIA: tuple[str, ...] = (EMAIL, LINKEDIN, PHONE, LETTER, TEXT)


SHORT_MEDIA = frozenset({LINKEDIN, TEXT})


# Which media suit each scenario, most usual first. A thank-you is written, not phoned; an
# urgent question (a competing offer) is not put in the post; a letter suits the formal notes.
SUITED_MEDIA: dict[Scenario, tuple[str, ...]] = {
    Scenario.THANK_YOU: (EMAIL, LINKEDIN, LETTER),
    Scenario.STATUS_INQUIRY: (EMAIL, PHONE, LINKEDIN),
    Scenario.ADDRESS_CONCERN: (EMAIL, LINKEDIN, LETTER),
    Scenario.AFTER_FINAL_INTERVIEW: (EMAIL, LINKEDIN, LETTER, PHONE),
    Scenario.CHECK_IN: (EMAIL, PHONE, LINKEDIN),
    Scenario.FINAL_FOLLOW_UP: (EMAIL, PHONE, LINKEDIN, LETTER),
    Scenario.REJECTION_REPLY: (EMAIL, LINKEDIN, LETTER),
    Scenario.FEEDBACK_THANKS: (EMAIL, LINKEDIN, LETTER),
    Scenario.CORRECTION: (EMAIL, LINKEDIN),
    Scenario.COMPETING_OFFER: (EMAIL, PHONE, LINKEDIN),
}


# How long a message may be in each written medium: (limit, unit). An email of a few short
# paragraphs gets read; a letter has an address block and a date on top; a LinkedIn message
# and a text message are read on a phone. The builder fits the message to these (leaving out
# optional parts) and the checks measure against the same numbers.
WORDS, CHARACTERS = "words", "characters"
LIMITS: dict[str, tuple[int, str]] = {
    EMAIL: (200, WORDS),
    LETTER: (250, WORDS),
    LINKEDIN: (600, CHARACTERS),
    TEXT: (320, CHARACTERS),
}


def length(body: str, medium: str) -> int:
    """Return the length of `body` in its medium's unit (words or characters)."""
    unit = LIMITS.get(medium, (0, WORDS))[1]
    return len(body) if unit == CHARACTERS else len(body.split())


def fits(body: str, medium: str) -> bool:
    """True when `body` is within its medium's limit (a call script has none)."""
    return medium not in LIMITS or length(body, medium) <= LIMITS[medium][0]


# Why a scenario is not written in a medium that does not suit it (see SUITED_MEDIA).
_WHAT: dict[Scenario, str] = {
    Scenario.THANK_YOU: "A thank-you note",
    Scenario.STATUS_INQUIRY: "A status inquiry",
    Scenario.ADDRESS_CONCERN: "An answer to a concern",
    Scenario.AFTER_FINAL_INTERVIEW: "A follow-up after an interview",
    Scenario.CHECK_IN: "A check-in",
    Scenario.FINAL_FOLLOW_UP: "A last follow-up",
    Scenario.REJECTION_REPLY: "A reply to a rejection",
    Scenario.FEEDBACK_THANKS: "A thank-you for feedback",
    Scenario.CORRECTION: "A correction",
    Scenario.COMPETING_OFFER: "A question about a competing offer",
}
_WHY: dict[str, str] = {
    PHONE: "is better in writing, where they can read it when it suits them and keep it",
    LETTER: "cannot wait for the post",
    LINKEDIN: "needs more room than a LinkedIn message",
    EMAIL: "does not suit an email",
}


_A: dict[str, str] = {EMAIL: "an email", LINKEDIN: "a LinkedIn message", PHONE: "a call", LETTER: "a letter", TEXT: "a text message"}


def _either(media: tuple[str, ...]) -> str:
    names = [_A.get(m, m) for m in media]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def refusal(scenario: Scenario, medium: str) -> str:
    """Return why a message for `scenario` is not written in `medium`, or "" when it suits.

    A text message is the short form, so it goes wherever a LinkedIn message suits (and is
    refused by the builder when it cannot be made short enough)."""
    suited = SUITED_MEDIA[scenario]
    if medium in suited or (medium == TEXT and LINKEDIN in suited):
        return ""
    return f"{_WHAT[scenario]} {_WHY.get(medium, 'does not suit this medium')}: use {_either(suited)}."


def too_long(medium: str, size: int) -> str:
    """Return why a message of `size` (in the medium's unit) is not written in `medium`."""
    limit, unit = LIMITS[medium]
    return (
        f"{_A.get(medium, medium).capitalize()} of {size} {unit} is too long, even with every optional part left out "
        f"(keep it under {limit}): use an email or a LinkedIn message."
    )


# What a logged message is called when the app confirms it ("Logged the final follow-up to …").
_SENT_NOUN: dict[str, str] = {
    HistoryKind.THANK_YOU: "thank-you note",
    HistoryKind.FOLLOW_UP: "follow-up",
    HistoryKind.CHECK_IN: "check-in",
    HistoryKind.FINAL: "final follow-up",
    HistoryKind.FEEDBACK_REQUEST: "feedback request",
    HistoryKind.REPLY: "reply",
}


def sent_noun(kind: str, medium: str) -> str:
    """Return how a message sent as history `kind` by `medium` is named in a sentence:
    "call" for a phone call, "final follow-up" for a Final, "message" for Other or unknown."""
    if medium == PHONE:
        return "call"
    return _SENT_NOUN.get(kind, "message")
