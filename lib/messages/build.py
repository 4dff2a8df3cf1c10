"""The template builder: follow-up messages filled with an application's own details.

Everything here is a pure function of the application row, the person's `Profile`, the
chosen scenario, medium and tone, and "now" (always passed in). Information that is missing
is never dropped silently: its placeholder (e.g. "[specific topic discussed]") stays visible
in the text and is listed in `Message.missing`, with where to fill it in.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import replace
from datetime import datetime

from lib.domain.records import read_application
from lib.domain.vocab import Scenario
from lib.messages.anatomy import DROP_ORDER, AppLike, Message, Part, Tone, default_parts
from lib.messages.context import Context, make_context
from lib.messages.media import EMAIL, LETTER, MEDIA, PHONE, TEXT, fits, length, refusal, too_long
from lib.messages.notes import unplaced_notes
from lib.messages.placeholders import find_placeholders
from lib.messages.profile import Profile
from lib.messages.render import render_email, render_letter, render_phone, render_short
from lib.messages.scenarios import compose, subject_line


class Refused(ValueError):
    """A message that is not written: the scenario does not suit the medium, or it cannot be
    made short enough for it. `reason` says why, and what to use instead."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _body(c: Context, enabled: frozenset[Part]) -> str:
    if c.medium == PHONE:
        return render_phone(c, enabled)
    paragraphs = compose(c, enabled)
    if c.medium == EMAIL:
        return render_email(c, paragraphs)
    if c.medium == LETTER:
        return render_letter(c, paragraphs)
    return render_short(c, paragraphs)


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

    A message longer than its medium allows (`lib.messages.media.LIMITS`) leaves out enabled
    optional parts in `DROP_ORDER` until it fits; they are listed in `dropped`.

    Returns a `Message` whose subject ("" except for email) and body keep a visible
    placeholder for every missing piece, each listed in `missing`, and whose `unplaced` lists
    the notes that do not read well in their sentence.
    Raises ValueError for a medium outside `MEDIA`; `Refused` (a ValueError) for a medium that
    does not suit the scenario (`lib.messages.media.refusal`), or a text message that is still
    too long with every optional part left out.
    """
    if medium not in MEDIA:
        raise ValueError(f"Unknown medium {medium!r}; expected one of {', '.join(MEDIA)}")
    tone = Tone(tone)
    scenario = Scenario(scenario)
    reason = refusal(scenario, medium)
    if reason:
        raise Refused(reason)
    app = read_application(app)
    if parts is None:
        enabled = set(default_parts(scenario, app))
        if qualification.strip():
            enabled.add(Part.QUALIFICATION)
    else:
        enabled = set(parts)
    c = make_context(app, profile, scenario, medium, tone, qualification, extra or {}, now)
    body = _body(c, frozenset(enabled))
    dropped: list[Part] = []
    for part in DROP_ORDER:
        if fits(body, medium):
            break
        if part in enabled:
            enabled.discard(part)
            shorter = _body(c, frozenset(enabled))
            if shorter != body:
                body = shorter
                dropped.append(part)
    if medium == TEXT and not fits(body, medium):
        raise Refused(too_long(medium, length(body, medium)))
    subject = subject_line(c) if medium == EMAIL else ""
    unplaced = unplaced_notes(app.topics_discussed, app.concerns_raised, subject, body)
    return Message(scenario, medium, tone, subject, body, find_placeholders(subject, body), unplaced, tuple(dropped))


def with_text(message: Message, app: AppLike, subject: str, body: str) -> Message:
    """Return `message` with the person's own `subject` and `body`: the placeholders and the
    notes that do not read well are read again from that text; the parts the builder left out
    stay listed."""
    record = read_application(app)
    unplaced = unplaced_notes(record.topics_discussed, record.concerns_raised, subject, body)
    return replace(message, subject=subject, body=body, missing=find_placeholders(subject, body), unplaced=unplaced)
