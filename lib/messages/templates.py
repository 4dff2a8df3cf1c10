"""The template builder's public names, where the pages and tests import them from.

The messages live in `lib.messages.profile` (the signature), `media`, `placeholders`,
`anatomy` (parts, tone, the built `Message`), `notes` (the person's notes in sentences), `phrasing`, `context`, `scenarios` (the ten
writers), `render` (one layout per medium), `build` (`build_message`) and `checks`. Names
are read by `lib.domain.people`, dates written by `lib.domain.text`.

Public API:
    Profile, Tone, EMAIL / LINKEDIN / PHONE / LETTER / TEXT, MEDIA, SUITED_MEDIA, LIMITS,
    refusal, Refused, Part, OPTIONAL_PARTS, DROP_ORDER, optional_parts, default_parts,
    topic_phrase, concern_phrase, Unplaced, sent_noun,
    ExtraInput, EXTRA_INPUTS, extra_inputs,
    Placeholder, PLACEHOLDERS, find_placeholders, Message, build_message, with_text,
    Check, check_message, suggested_scenario, unanswered_followups,
    Person, parse_people, greeting, day_phrase, long_date.
"""

from __future__ import annotations

from lib.domain.people import Person, parse_people
from lib.domain.text import day_phrase, long_date
from lib.domain.vocab import Scenario
from lib.messages.anatomy import DROP_ORDER, OPTIONAL_PARTS, AppLike, Message, Part, Tone, default_parts, extra_inputs, optional_parts
from lib.messages.build import Refused, build_message, with_text
from lib.messages.checks import Check, check_message, suggested_scenario, unanswered_followups
from lib.messages.media import EMAIL, LETTER, LIMITS, LINKEDIN, MEDIA, PHONE, SUITED_MEDIA, TEXT, refusal, sent_noun
from lib.messages.notes import Unplaced, concern_phrase, topic_phrase
from lib.messages.phrasing import greeting
from lib.messages.placeholders import EXTRA_INPUTS, PLACEHOLDERS, ExtraInput, Placeholder, find_placeholders
from lib.messages.profile import Profile

__all__ = [
    "DROP_ORDER",
    "EMAIL",
    "EXTRA_INPUTS",
    "LETTER",
    "LIMITS",
    "LINKEDIN",
    "MEDIA",
    "OPTIONAL_PARTS",
    "PHONE",
    "PLACEHOLDERS",
    "SUITED_MEDIA",
    "TEXT",
    "AppLike",
    "Check",
    "ExtraInput",
    "Message",
    "Part",
    "Person",
    "Placeholder",
    "Profile",
    "Refused",
    "Scenario",
    "Tone",
    "Unplaced",
    "build_message",
    "check_message",
    "concern_phrase",
    "day_phrase",
    "default_parts",
    "extra_inputs",
    "find_placeholders",
    "greeting",
    "long_date",
    "optional_parts",
    "parse_people",
    "refusal",
    "sent_noun",
    "suggested_scenario",
    "topic_phrase",
    "unanswered_followups",
    "with_text",
]
