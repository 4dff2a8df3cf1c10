"""The template builder: follow-up messages filled with an application's own details.

Everything here is a pure function of the application row, the person's `Profile`, the
chosen scenario, medium and tone, and "now" (always passed in). Information that is missing
is never dropped silently: its placeholder (e.g. "[specific topic discussed]") stays visible
in the text and is listed in `Message.missing`, with where to fill it in.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from datetime import datetime

from lib.domain.records import read_application
from lib.domain.vocab import Scenario
from lib.messages.anatomy import AppLike, Message, Part, Tone, default_parts
from lib.messages.context import Context, make_context
from lib.messages.media import EMAIL, LETTER, MEDIA, PHONE
from lib.messages.placeholders import find_placeholders
from lib.messages.profile import Profile
from lib.messages.render import render_email, render_letter, render_phone, render_short
from lib.messages.scenarios import compose, subject_line


def build_message(
    app: AppLike,
    profile: Profile,
    scenario: Scenario,
    medium: str,
    tone: Tone,
    *,
    parts: Collection[Part] | None = None,
    qualification: str = "",
    extra: Mapping[str, str] | None = None,
    now: datetime,
) -> Message:
    """Build the message for one application.

    `app` is an `Application` or one Applications row (column -> value; blanks may be "",
    None, NaN or NaT).
    `parts` are the optional parts switched on (see `optional_parts`); None means
    `default_parts(scenario, app)`, plus the qualification when one is given. Parts a
    scenario does not offer are ignored; the other parts of the anatomy are always written.
    `extra` holds the scenario's extra inputs by key (see `extra_inputs`).

    Returns a `Message` whose subject ("" except for email) and body keep a visible
    placeholder for every missing piece, each listed in `missing`.
    Raises ValueError for a medium outside `MEDIA`.
    """
    if medium not in MEDIA:
        raise ValueError(f"Unknown medium {medium!r}; expected one of {', '.join(MEDIA)}")
    tone = Tone(tone)
    scenario = Scenario(scenario)
    app = read_application(app)
    if parts is None:
        enabled = set(default_parts(scenario, app))
        if qualification.strip():
            enabled.add(Part.QUALIFICATION)
    else:
        enabled = set(parts)
    c = make_context(app, profile, scenario, medium, tone, qualification, extra or {}, now)
    frozen = frozenset(enabled)
    if medium == PHONE:
        body = render_phone(c, frozen)
    else:
        paragraphs = compose(c, frozen)
        layouts: dict[str, Callable[[Context, list[str]], str]] = {EMAIL: render_email, LETTER: render_letter}
        body = layouts.get(medium, render_short)(c, paragraphs)
    subject = subject_line(c) if medium == EMAIL else ""
    return Message(scenario, medium, tone, subject, body, find_placeholders(subject, body))
