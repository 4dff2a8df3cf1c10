"""The media a message can go by, and which suit each scenario."""

from __future__ import annotations

from lib.domain.vocab import Medium, Scenario

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
