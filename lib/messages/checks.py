"""Checks before a message is sent: placeholders, names and addresses, length, and timing
against the planner's action for the application."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import pandas as pd

from lib.domain.facts import followups_sent, interview_over
from lib.domain.history import entries
from lib.domain.people import parse_people
from lib.domain.records import Application, read_application
from lib.domain.text import short_day, short_moment
from lib.domain.vocab import COUNTED_KINDS, Scenario, Status
from lib.messages.anatomy import AppLike, Message, Part
from lib.messages.media import EMAIL, LETTER, LIMITS, LINKEDIN, TEXT, WORDS, length
from lib.messages.notes import unplaced_notes
from lib.planner.action import FOLLOW_UP_KINDS, Action, ActionKind
from lib.planner.plan import next_action
from lib.planner.settings import RuleSettings


@dataclass(frozen=True)
class Check:
    """One remark about a message before it is sent: "ok", "warning" or "problem"."""

    level: str
    message: str


# Scenarios that are follow-ups in the planner's sense: timing rules and the limit apply.
_FOLLOW_UPS = frozenset(s for s in Scenario if s.history_kind in COUNTED_KINDS and s is not Scenario.COMPETING_OFFER)


_MEDIUM_NOUN: dict[str, str] = {EMAIL: "an email", LETTER: "a letter", LINKEDIN: "a LinkedIn message", TEXT: "a text message"}


# Parts that carry text the person typed on the Follow-up page: leaving them out is worth a warning.
_TYPED_PARTS = frozenset({Part.QUALIFICATION, Part.CONCERN})


def _length_check(message: Message) -> Check | None:
    # The limits live in lib.messages.media, where the builder fits the message to them.
    if message.medium not in LIMITS:
        return None
    limit, unit = LIMITS[message.medium]
    size = length(message.body, message.medium)
    noun = _MEDIUM_NOUN.get(message.medium, f"a {message.medium} message")
    if size > limit:
        advice = "A few short paragraphs" if unit == WORDS else "A few sentences"
        return Check("warning", f"Long for {noun}: {size} {unit}. {advice} (under {limit} {unit}) get read.")
    if message.dropped:
        left_out = ", ".join(p.label.lower() for p in message.dropped)
        level = "warning" if _TYPED_PARTS & set(message.dropped) else "ok"
        return Check(level, f"Shortened to fit {noun} ({limit} {unit}): left out {left_out}. Switch other parts off to keep one.")
    return Check("ok", f"{'Brief' if unit == WORDS else 'Short enough'}: {size} {unit}.")


def unanswered_followups(app: AppLike, history: pd.DataFrame | None) -> int:
    """Return how many follow-ups went out since the employer last replied.

    History rows are read by `lib.domain.history` (the planner's and the Pipeline's reading).
    With no reply on record this is the follow-ups sent (`lib.domain.facts.followups_sent`:
    the history's count or the row's Follow-Ups Sent, whichever is more)."""
    read = entries(history)
    replies = [e.at for e in read if e.received and e.at is not None]
    record = read_application(app)
    response_on = record.response_on
    reply = max([*replies, *([response_on] if response_on is not None else [])], default=None)
    if reply is not None:
        return sum(1 for e in read if e.counted and e.at is not None and e.at > reply)
    return followups_sent(record.follow_ups_sent, read)


def check_message(
    message: Message,
    app: AppLike,
    history: pd.DataFrame,
    now: datetime,
    rule_settings: RuleSettings,
    action: Action | None = None,
) -> list[Check]:
    """Return remarks on `message` before it is sent, problems first, then warnings, then
    what is fine: unfilled placeholders, notes that do not read well where they stand
    (`lib.messages.notes.unplaced_notes`), the interviewer's name and address, the length
    for its medium (and the parts left out to fit it), timing against the planner's `action` for this application (worked out
    with `lib.planner.rules.next_action` when not given), and the limit of
    `rule_settings.max_followups` unanswered follow-ups. Never raises on odd data."""
    checks: list[Check] = []
    if message.missing:
        tokens = ", ".join(p.token for p in message.missing)
        checks.append(Check("problem", f"Fill in before sending: {tokens}."))
    record = read_application(app)
    # Read from the text as it stands, so a note the person has rewritten in place no longer counts.
    for note in unplaced_notes(record.topics_discussed, record.concerns_raised, message.subject, message.body):
        checks.append(Check("problem", note.advice))
    if not parse_people(record.interviewer):
        checks.append(Check("warning", "No interviewer's name: a message to a named person is far more likely to be read."))
    if message.medium == EMAIL and not record.interviewer_email:
        checks.append(Check("warning", "No email address for the interviewer yet; add it on the Applications page."))
    length = _length_check(message)
    if length:
        checks.append(length)

    if action is None:
        action = next_action(app, history, now, rule_settings)
    today = now.date()
    status = record.status
    scenario = message.scenario
    timing: list[Check] = []
    sending_kinds = FOLLOW_UP_KINDS  # the planner's kinds that send a follow-up
    if status in (Status.ACCEPTED, Status.WITHDRAWN, Status.NO_RESPONSE) and scenario not in (Scenario.CORRECTION, Scenario.FEEDBACK_THANKS):
        timing.append(Check("warning", f"This application is marked {status}."))
    elif scenario in _FOLLOW_UPS:
        unanswered = unanswered_followups(app, history)
        if unanswered >= rule_settings.max_followups:
            timing.append(
                Check(
                    "warning",
                    f"This would be follow-up number {unanswered + 1} with no reply. After {rule_settings.max_followups}, "
                    "it is usually time to move on, or to try another medium once.",
                )
            )
        if action.due_on is not None and action.due_on > today and action.kind in (*sending_kinds, ActionKind.WAIT):
            timing.append(Check("warning", f"Too soon to follow up. {action.reason}"))
        elif action.kind is ActionKind.MOVE_ON and unanswered < rule_settings.max_followups:
            timing.append(Check("warning", action.reason))
        elif action.kind not in (*sending_kinds, ActionKind.MOVE_ON) and action.reason:
            timing.append(Check("warning", f"Not the usual next step here. {action.reason}"))
        elif action.kind in sending_kinds and action.medium and action.medium not in (message.medium, EMAIL):
            timing.append(Check("warning", f"{action.medium} is suggested this time. {action.reason}"))
    elif scenario is Scenario.THANK_YOU:
        interview = record.interview_on.date() if record.interview_on else None
        thanked = record.thank_you_sent_on.date() if record.thank_you_sent_on else None
        if record.interview_on and now < interview_over(record.interview_on):
            timing.append(Check("warning", f"The interview is on {short_moment(record.interview_on, today)}; send the thank-you after it."))
        elif interview and thanked and thanked >= interview:
            timing.append(Check("warning", f"A thank-you for this interview already went out on {short_day(thanked, today)}."))
    elif scenario is Scenario.REJECTION_REPLY and status != Status.REJECTED:
        timing.append(Check("warning", "This application is not marked Rejected."))
    elif scenario is Scenario.REJECTION_REPLY and action.kind is not ActionKind.REPLY_TO_REJECTION and action.reason:
        timing.append(Check("warning", action.reason))
    if not timing:
        planned = action.scenario is scenario and (action.due_on is None or action.due_on <= today)
        timing.append(Check("ok", "Good timing: this is the message the planner suggests now." if planned else "Timing looks fine."))
    checks += timing
    order = {"problem": 0, "warning": 1, "ok": 2}
    return sorted(checks, key=lambda ch: order.get(ch.level, 3))


def suggested_scenario(
    app: AppLike, history: pd.DataFrame, now: datetime, rule_settings: RuleSettings, action: Action | None = None
) -> Scenario:
    """Return the scenario the planner suggests for this application now (its `action`, worked
    out when not given); when it suggests none, the one that fits the row best (a reply to a
    rejection, a thank-you right after an interview, a check-in after a follow-up, else a
    status inquiry)."""
    if action is None:
        action = next_action(app, history, now, rule_settings)
    if action.scenario is not None:
        return Scenario(action.scenario)
    return _fallback_scenario(read_application(app), now)


def _fallback_scenario(app: Application, now: datetime) -> Scenario:
    if app.status == Status.REJECTED:
        return Scenario.REJECTION_REPLY
    interview = app.interview_on.date() if app.interview_on else None
    thanked = app.thank_you_sent_on.date() if app.thank_you_sent_on else None
    if interview and interview <= now.date() and not (thanked and thanked >= interview) and now.date() - interview <= timedelta(days=2):
        return Scenario.THANK_YOU
    sent = app.follow_ups_sent
    if sent >= 2:
        return Scenario.FINAL_FOLLOW_UP
    if sent == 1:
        return Scenario.CHECK_IN
    return Scenario.STATUS_INQUIRY
