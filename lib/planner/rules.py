"""The follow-up planner: for each application, what to send to whom, and when.

Everything here is a pure function of the typed frames (see `lib.domain.model`), the rule settings
and "now", which is always a parameter (a naive local datetime, like the dates in the data).

How an application is read (the timing rules of DESIGN.md, every number a `RuleSettings`
field):

- Closed statuses (Accepted, Withdrawn, No Response) and Wishlist need nothing. Rejected
  suggests one gracious reply asking for feedback, for a while after the rejection; Offer
  suggests reviewing the offer.
- Otherwise the clock starts at the latest interview (or, with no interview, the day the
  person applied). A thank-you note is due within `thank_you_hours` of the interview; the
  first follow-up comes after the timeline the interviewer gave (`Response Expected By`) or
  `followup_days_after_interview` days after the interview; then further follow-ups are
  spaced at least `min_days_between_followups` apart, up to `max_followups`, the last one
  being the final, polite one; when that goes unanswered for `move_on_after_days` days the
  planner suggests closing the application as No Response.
- A reply from the employer after the person's last message stops the clock: nothing is due
  until the person sends something again or records a new timeline after the reply. Counting
  starts afresh after a reply ("two follow-ups when nothing comes back").
- People log by hand in the Applications row or in the Follow-ups tab, or both: counts take
  the larger of the two, dates the latest of the two.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import MISSING, dataclass, field, fields
from datetime import date, datetime, time, timedelta
from enum import Enum
from functools import lru_cache
from typing import Any

import pandas as pd

from lib.domain.history import HistoryEntry, entries, entries_by_application
from lib.domain.facts import followups_sent
from lib.domain.people import plain_names, pronoun
from lib.domain.records import Application, read_application, read_applications
from lib.domain.text import SHORT_WEEKDAYS, short_day, short_moment, untimed
from lib.domain.vocab import HistoryKind, Medium, Scenario, Status

__all__ = [
    "Action",
    "ActionKind",
    "RuleSettings",
    "Urgency",
    "next_action",
    "plan",
]

SETTINGS_PREFIX = "rules."
_NOON = time(12, 0)


def _meta(label: str, help: str, min: int | None = None, max: int | None = None) -> dict[str, Any]:
    return {"label": label, "help": help, "min": min, "max": max}


@dataclass(frozen=True)
class RuleSettings:
    """The numbers behind the follow-up timing rules, each with the default from DESIGN.md.

    Every field carries metadata {"label", "help", "min", "max"} so that a settings form can
    be drawn from the dataclass alone; "min"/"max" are None for non-numeric fields.
    """

    thank_you_hours: int = field(
        default=24,
        metadata=_meta("Thank-you note within (hours)", "Send a thank-you note within this many hours of an interview.", 1, 168),
    )
    followup_days_after_interview: int = field(
        default=7,
        metadata=_meta(
            "First follow-up after an interview (days)",
            "When no timeline was given, follow up this many days after the interview (7 to 10 is normal).",
            1,
            60,
        ),
    )
    followup_late_after_days: int = field(
        default=14,
        metadata=_meta(
            "First follow-up is late after (days)",
            "A first follow-up not sent this many days after the interview is shown as overdue.",
            1,
            90,
        ),
    )
    followup_days_after_applying: int = field(
        default=10,
        metadata=_meta(
            "Follow-up after applying (days)",
            "With no interview yet, follow up this many days after applying (1 to 2 weeks is normal).",
            1,
            90,
        ),
    )
    followup_late_after_applying_days: int = field(
        default=14,
        metadata=_meta(
            "Follow-up after applying is late after (days)",
            "With no interview yet, a follow-up not sent this many days after applying is shown as overdue.",
            1,
            120,
        ),
    )
    phone_min_business_days: int = field(
        default=5,
        metadata=_meta(
            "Call no sooner than (business days)",
            "Do not phone before this many working days (Monday to Friday) after the interview.",
            0,
            30,
        ),
    )
    min_days_between_followups: int = field(
        default=7,
        metadata=_meta(
            "Days between follow-ups, at least",
            "Never send two follow-ups closer together than this.",
            1,
            60,
        ),
    )
    next_followup_days: int = field(
        default=10,
        metadata=_meta(
            "Next follow-up after the last (days)",
            "Send the next follow-up this many days after the previous one (1 to 2 weeks is normal).",
            1,
            60,
        ),
    )
    next_followup_late_after_days: int = field(
        default=14,
        metadata=_meta(
            "Next follow-up is late after (days)",
            "A next follow-up not sent this many days after the previous one is shown as overdue.",
            1,
            90,
        ),
    )
    max_followups: int = field(
        default=2,
        metadata=_meta(
            "Follow-ups at most",
            "How many follow-ups to send after the thank-you note when nothing comes back; the last is the final, polite one.",
            1,
            5,
        ),
    )
    move_on_after_days: int = field(
        default=10,
        metadata=_meta(
            "Move on after the final follow-up (days)",
            "When the final follow-up is unanswered this long, suggest closing the application as No Response.",
            1,
            90,
        ),
    )
    quiet_after_days: int = field(
        default=60,
        metadata=_meta(
            "Move on after a silence of (days)",
            "When a follow-up is overdue and nothing has happened for this many days, suggest closing the application instead.",
            14,
            365,
        ),
    )
    coming_up_days: int = field(
        default=7,
        metadata=_meta("Coming up within (days)", "Actions due within this many days are listed as coming up.", 1, 60),
    )
    rejection_reply_days: int = field(
        default=2,
        metadata=_meta(
            "Reply to a rejection within (days)",
            "A reply to a rejection, asking for feedback, is best sent within this many days.",
            1,
            30,
        ),
    )
    rejection_reply_stale_days: int = field(
        default=14,
        metadata=_meta(
            "Stop suggesting a rejection reply after (days)",
            "After this many days a reply to a rejection is no longer suggested.",
            1,
            120,
        ),
    )
    call_window_start: time = field(
        default=time(10, 30),
        metadata=_meta("Calls from", "Earliest time of day to phone (late morning is best)."),
    )
    call_window_end: time = field(
        default=time(14, 30),
        metadata=_meta("Calls until", "Latest time of day to phone (early afternoon is best)."),
    )
    call_days: str = field(
        default="Tue, Wed, Thu",
        metadata=_meta(
            "Days to phone",
            "Weekdays to phone on, e.g. \"Tue, Wed, Thu\". Monday mornings and Friday afternoons are always avoided.",
        ),
    )

    @property
    def call_weekdays(self) -> frozenset[int]:
        """Return the weekdays (Monday is 0) to phone on, from `call_days`; Tue-Thu if none."""
        return _parse_weekdays(self.call_days) or frozenset({1, 2, 3})

    @classmethod
    def from_settings(cls, d: Mapping[str, str]) -> RuleSettings:
        """Return settings read from the flat settings dict ("rules.<field>" keys).

        Tolerant: a missing, unreadable or out-of-range value falls back to its default;
        never raises.
        """
        values: dict[str, Any] = {}
        for f in fields(cls):
            default = f.default if f.default is not MISSING else None
            raw = d.get(SETTINGS_PREFIX + f.name) if d else None
            values[f.name] = _read_value(raw, default, f.metadata)
        if values["call_window_end"] <= values["call_window_start"]:
            values["call_window_start"] = cls.call_window_start
            values["call_window_end"] = cls.call_window_end
        if not _parse_weekdays(values["call_days"]):
            values["call_days"] = cls.call_days
        return cls(**values)

    def to_settings(self) -> dict[str, str]:
        """Return the settings as a flat dict of "rules.<field>" -> text."""
        out: dict[str, str] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            out[SETTINGS_PREFIX + f.name] = value.strftime("%H:%M") if isinstance(value, time) else str(value)
        return out


def _read_value(raw: Any, default: Any, meta: Mapping[str, Any]) -> Any:
    if raw is None or str(raw).strip() == "":
        return default
    text = str(raw).strip()
    if isinstance(default, bool):
        return default
    if isinstance(default, int):
        try:
            number = float(text)
        except ValueError:
            return default
        if number != int(number):
            return default
        value = int(number)
        lo, hi = meta.get("min"), meta.get("max")
        if (lo is not None and value < lo) or (hi is not None and value > hi):
            return default
        return value
    if isinstance(default, time):
        match = re.fullmatch(r"(\d{1,2})[:.h](\d{2})(?::\d{2})?", text)
        if not match:
            return default
        hour, minute = int(match.group(1)), int(match.group(2))
        if hour > 23 or minute > 59:
            return default
        return time(hour, minute)
    return text


@lru_cache(maxsize=64)
def _parse_weekdays(text: str) -> frozenset[int]:
    days: set[int] = set()
    for word in re.split(r"[\s,;/]+", str(text).strip().lower()):
        if not word:
            continue
        for i, name in enumerate(SHORT_WEEKDAYS):
            if word[:3] == name.lower():
                days.add(i)
                break
        else:
            return frozenset()  # an unknown word: the whole value is unreadable
    return frozenset(d for d in days if d < 5)


class ActionKind(str, Enum):
    """What the person should do next for one application."""

    THANK_YOU = "thank_you"
    WAIT = "wait"
    FOLLOW_UP = "follow_up"
    CALL = "call"
    FINAL_FOLLOW_UP = "final_follow_up"
    MOVE_ON = "move_on"
    REPLY_TO_REJECTION = "reply_to_rejection"
    REVIEW_OFFER = "review_offer"
    NOTHING = "nothing"

    @property
    def label(self) -> str:
        """A short imperative for buttons and headings, e.g. "Send a thank-you note"."""
        return _KIND_LABELS[self]


_KIND_LABELS: dict[ActionKind, str] = {
    ActionKind.THANK_YOU: "Send a thank-you note",
    ActionKind.WAIT: "Wait",
    ActionKind.FOLLOW_UP: "Follow up",
    ActionKind.CALL: "Call",
    ActionKind.FINAL_FOLLOW_UP: "Send the final follow-up",
    ActionKind.MOVE_ON: "Consider moving on",
    ActionKind.REPLY_TO_REJECTION: "Reply and ask for feedback",
    ActionKind.REVIEW_OFFER: "Review the offer",
    ActionKind.NOTHING: "Nothing to do",
}

# Kinds that send a follow-up and so count toward the limit.
FOLLOW_UP_KINDS: frozenset[ActionKind] = frozenset({ActionKind.FOLLOW_UP, ActionKind.CALL, ActionKind.FINAL_FOLLOW_UP})


class Urgency(str, Enum):
    """How pressing an action is; the value is what the person sees."""

    OVERDUE = "Overdue"
    DUE_TODAY = "Due today"
    COMING_UP = "Coming up"
    WAITING = "Waiting"
    MOVE_ON = "Consider moving on"
    DONE = "Nothing to do"


@dataclass(frozen=True)
class Action:
    """The next thing to do for one application.

    `due_on` is the first day it is right to act and `late_after` the last day before it is
    overdue (None when there is no deadline). `scenario` names the message to write; it is
    None for WAIT, NOTHING, MOVE_ON and REVIEW_OFFER. `call_window` is set for CALL only: the
    next suggested slot to phone. `followups_sent` counts follow-ups so far, the thank-you
    note excluded.
    """

    app_id: str
    company: str
    job_title: str
    contact: str
    kind: ActionKind
    urgency: Urgency
    due_on: date | None
    late_after: date | None
    reason: str
    medium: str
    scenario: Scenario | None
    call_window: tuple[datetime, datetime] | None
    followups_sent: int


# --- reading one application -------------------------------------------------------------


# --- time helpers -------------------------------------------------------------------------


_untimed = untimed


def _not_before(a: datetime, b: datetime) -> bool:
    """Is `a` at or after `b`? Compared by day when either has no time of day."""
    if _untimed(a) or _untimed(b):
        return a.date() >= b.date()
    return a >= b


def _strictly_after(a: datetime, b: datetime) -> bool:
    """Is `a` certainly after `b`? On the same day with a time missing, it is not."""
    if _untimed(a) or _untimed(b):
        return a.date() > b.date()
    return a > b


def _latest(values: Iterable[datetime | None]) -> datetime | None:
    found = [v for v in values if v is not None]
    return max(found) if found else None


def _add_business_days(day: date, n: int) -> date:
    while n > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            n -= 1
    return day


def _call_hours(day: date, s: RuleSettings) -> tuple[time, time] | None:
    """The calling hours on `day`, or None when it is not a day to call."""
    if day.weekday() not in s.call_weekdays:
        return None
    start, end = s.call_window_start, s.call_window_end
    if day.weekday() == 0:  # never a Monday morning
        start = max(start, _NOON)
    if day.weekday() == 4:  # never a Friday afternoon
        end = min(end, _NOON)
    return (start, end) if start < end else None


def _first_call_day(day: date, s: RuleSettings) -> date:
    """The first day on or after `day` with calling hours."""
    for offset in range(14):
        candidate = day + timedelta(days=offset)
        if _call_hours(candidate, s) is not None:
            return candidate
    # The settings allow no slot at all (e.g. only Monday mornings): fall back to midweek.
    return _first_call_day(day, RuleSettings())


def _call_window(day: date, now: datetime, s: RuleSettings) -> tuple[datetime, datetime]:
    """The next calling slot on or after `day` that has not passed at `now`."""
    candidate = max(day, now.date())
    for _ in range(21):
        hours = _call_hours(candidate, s)
        if hours is not None:
            start = datetime.combine(candidate, hours[0])
            end = datetime.combine(candidate, hours[1])
            if now > start:
                # Later the same day: start at the next quarter hour so the slot reads naturally.
                start = now.replace(second=0, microsecond=0)
                start += timedelta(minutes=(-start.minute) % 15)
                if start < now:
                    start += timedelta(minutes=15)
            if end - start >= timedelta(minutes=15):
                return start, end
        candidate += timedelta(days=1)
    return _call_window(day, now, RuleSettings())


# --- wording ------------------------------------------------------------------------------

_NUMBER_WORDS = ("No", "One", "Two", "Three", "Four", "Five", "Six")
_day = short_day
_when = short_moment


def _number(n: int) -> str:
    return _NUMBER_WORDS[n] if 0 <= n < len(_NUMBER_WORDS) else str(n)


# --- the planner ---------------------------------------------------------------------------

_LATER_ROUND = re.compile(r"second|third|fourth|fifth|final|last|[2-9]", re.IGNORECASE)


def _urgency(due: date | None, late: date | None, today: date, s: RuleSettings) -> Urgency:
    if due is None:
        return Urgency.WAITING
    if late is not None and today > late:
        return Urgency.OVERDUE
    if due <= today:
        return Urgency.DUE_TODAY
    if (due - today).days <= s.coming_up_days:
        return Urgency.COMING_UP
    return Urgency.WAITING


@dataclass(frozen=True)
class _Cycle:
    """Where the current round of follow-ups starts: the interview or application, or a reply.

    Messages on the day an interview or application happened belong to its cycle; after a
    reply, only messages certainly later than the reply do.
    """

    start: datetime
    after_reply: bool

    def contains(self, at: datetime) -> bool:
        return _strictly_after(at, self.start) if self.after_reply else _not_before(at, self.start)


class _Planner:
    """Works out the next action for one application."""

    def __init__(self, app: Application, msgs: Sequence[HistoryEntry], now: datetime, s: RuleSettings) -> None:
        self.a = app
        self.msgs = msgs
        self.now = now
        self.today = now.date()
        self.s = s
        counted = [m for m in msgs if m.counted]
        self.counted_dated = [m for m in counted if m.at is not None]
        self.total = followups_sent(app.follow_ups_sent, counted)
        # Follow-ups the person counted in the row but did not log with a date.
        self.unknown = self.total - len(self.counted_dated)

    # small builders

    def action(
        self,
        kind: ActionKind,
        urgency: Urgency,
        reason: str,
        due: date | None = None,
        late: date | None = None,
        medium: str = "",
        scenario: Scenario | None = None,
        window: tuple[datetime, datetime] | None = None,
    ) -> Action:
        a = self.a
        return Action(
            app_id=a.app_id,
            company=a.company,
            job_title=a.job_title,
            contact=a.interviewer,
            kind=kind,
            urgency=urgency,
            due_on=due,
            late_after=late,
            reason=reason,
            medium=medium,
            scenario=scenario,
            call_window=window,
            followups_sent=self.total,
        )

    def nothing(self, reason: str) -> Action:
        return self.action(ActionKind.NOTHING, Urgency.DONE, reason)

    def missing(self, reason: str) -> Action:
        return self.action(ActionKind.WAIT, Urgency.WAITING, reason)

    @functools.cached_property
    def name(self) -> str:
        """The interviewer as people write about them: "Dana Lee" for "Ms. Dana Lee"."""
        return plain_names(self.a.interviewer)

    def d(self, value: date) -> str:
        return _day(value, self.today)

    @property
    def default_medium(self) -> str:
        return Medium.LINKEDIN if self.a.interviewer_linkedin and not self.a.interviewer_email else Medium.EMAIL

    def last_reply(self) -> datetime | None:
        return _latest([self.a.response_on, *(m.at for m in self.msgs if not m.sent)])

    # top level

    def run(self) -> Action:
        status = self.a.status
        if status == Status.ACCEPTED:
            return self.nothing("Accepted: nothing more to send.")
        if status == Status.WITHDRAWN:
            return self.nothing("Withdrawn: nothing to send.")
        if status == Status.NO_RESPONSE:
            return self.nothing("Closed as No Response: nothing to send.")
        if status == Status.WISHLIST:
            return self.nothing("On your wishlist: nothing to send until you apply.")
        if status == Status.OFFER:
            return self.offer()
        if status == Status.REJECTED:
            return self.rejected()
        return self.active()

    def offer(self) -> Action:
        reply = self.last_reply()
        due = reply.date() if reply else self.today
        deadline = self.a.response_expected_by if self.a.response_expected_by and self.a.response_expected_by >= due else None
        reason = f"Offer from {self.a.company or 'the company'}: review the terms (pay, start date, anything still open elsewhere) before you accept."
        if deadline:
            reason += f" They'd like an answer by {self.d(deadline)}."
        return self.action(
            ActionKind.REVIEW_OFFER, _urgency(due, deadline, self.today, self.s), reason, due=due, late=deadline
        )

    def rejected(self) -> Action:
        company = self.a.company or "The company"
        reply = self.last_reply()
        if reply is None:
            return self.nothing(
                "Rejected. If it's recent, add the date they told you (Response On) to plan a reply asking for feedback."
            )
        answered = any(
            m.sent
            and m.at is not None
            and (
                _not_before(m.at, reply) if m.kind in (HistoryKind.FEEDBACK_REQUEST, HistoryKind.REPLY) else _strictly_after(m.at, reply)
            )
            for m in self.msgs
        ) or (self.a.last_follow_up_on is not None and _strictly_after(self.a.last_follow_up_on, reply))
        if answered:
            return self.nothing(f"You replied to {company}'s decision; nothing more to send.")
        due = reply.date()
        if (self.today - due).days > self.s.rejection_reply_stale_days:
            return self.nothing(f"{company} turned you down on {self.d(due)}, a while ago; nothing to send.")
        late = due + timedelta(days=self.s.rejection_reply_days)
        return self.action(
            ActionKind.REPLY_TO_REJECTION,
            _urgency(due, late, self.today, self.s),
            f"{company} turned you down on {self.d(due)}; a gracious reply asking for feedback keeps the door open.",
            due=due,
            late=late,
            medium=self.default_medium,
            scenario=Scenario.REJECTION_REPLY,
        )

    def active(self) -> Action:
        a, now, s = self.a, self.now, self.s
        iv = a.interview_on
        if iv is None:
            if a.status == Status.INTERVIEWING:
                return self.missing("Add the interview date (Interview On) to plan a thank-you note and a follow-up.")
            if a.applied_on is None:
                return self.missing("Add the date you applied (Applied On) to plan a follow-up.")
            anchor = datetime.combine(a.applied_on, time())
        else:
            anchor = iv
            if iv > now:
                return self.thank_you_ahead(iv)

        # Thank-you notes recorded for this interview, in the row or the history.
        ty_times = [a.thank_you_sent_on] if a.thank_you_sent_on is not None else []
        ty_times += [m.at for m in self.msgs if m.sent and m.kind == HistoryKind.THANK_YOU and m.at is not None]
        thank_you = _latest(t for t in ty_times if iv is not None and _not_before(t, iv))
        ty_deadline = self.thank_you_deadline(iv) if iv is not None else None

        # "Last Follow-Up On" may really be the thank-you note, logged in that cell too.
        last_cell = a.last_follow_up_on
        if last_cell is not None and self.unknown == 0:
            same_day_counted = any(m.at.date() == last_cell.date() for m in self.counted_dated)
            is_ty_day = any(t.date() == last_cell.date() for t in ty_times)
            in_ty_window = (
                iv is not None
                and thank_you is None
                and ty_deadline is not None
                and iv.date() <= last_cell.date() <= ty_deadline.date()
            )
            if not same_day_counted and (is_ty_day or in_ty_window):
                if thank_you is None:
                    thank_you = last_cell
                last_cell = None

        # The last message that was not a thank-you note: spacing counts from it.
        others = [m.at for m in self.msgs if m.sent and m.kind != HistoryKind.THANK_YOU and m.at is not None]
        last_sent = _latest([last_cell, *others])

        # A reply after the person's last message stops the clock; counting starts afresh.
        reply = self.last_reply()
        replied = reply is not None and _not_before(reply, anchor)
        if replied:
            ours = _latest([thank_you, last_sent])
            if ours is None or not _strictly_after(ours, reply):
                if a.response_expected_by is not None and a.response_expected_by > reply.date():
                    return self.first_followup(_Cycle(reply, True), last_sent, thank_you)
                who = self.name or a.company or "They"
                return self.nothing(
                    f"{who} replied on {self.d(reply.date())}; nothing to send for now. "
                    "If they gave a new date, add it as Response Expected By."
                )
        cycle = _Cycle(reply if replied else anchor, replied)

        count = sum(1 for m in self.counted_dated if cycle.contains(m.at))
        if self.unknown > 0 and (
            (a.last_follow_up_on is None and not replied) or (a.last_follow_up_on is not None and cycle.contains(a.last_follow_up_on))
        ):
            count += self.unknown
        if last_cell is not None and cycle.contains(last_cell):
            count = max(count, 1)
        last_in_cycle = last_sent if last_sent is not None and cycle.contains(last_sent) else None

        if count == 0:
            followup = self.first_followup(cycle, last_sent, thank_you)
            if (
                iv is not None
                and not replied
                and thank_you is None
                and ty_deadline is not None
                and followup.due_on is not None
                and self.today < followup.due_on
                and self.today < iv.date() + timedelta(days=s.followup_days_after_interview)
            ):
                return self.thank_you_due(iv, ty_deadline)
        elif count >= s.max_followups:
            return self.move_on(count, last_in_cycle)
        else:
            followup = self.next_followup(count, last_in_cycle, last_sent, thank_you, cycle)
        return self.unless_gone_quiet(followup, _latest([cycle.start, thank_you, last_in_cycle]))

    def unless_gone_quiet(self, followup: Action, last_word: datetime | None) -> Action:
        """Suggest moving on instead of an overdue follow-up after a long silence.

        An application left for months (often one imported from an old sheet) is better
        closed than chased; a follow-up that is not yet overdue is left alone.
        """
        if followup.kind not in FOLLOW_UP_KINDS or last_word is None or followup.late_after is None:
            return followup
        quiet_since = last_word.date() + timedelta(days=self.s.quiet_after_days)
        if self.today <= followup.late_after or self.today < quiet_since:
            return followup
        days = (self.today - last_word.date()).days
        return self.action(
            ActionKind.MOVE_ON,
            Urgency.MOVE_ON,
            f"Nothing has happened since {self.d(last_word.date())}, {days} days ago; "
            "consider closing it as No Response and moving on.",
            due=quiet_since,
        )

    # thank-you note

    def thank_you_deadline(self, iv: datetime) -> datetime:
        hours = timedelta(hours=self.s.thank_you_hours)
        if _untimed(iv):
            # The time of the interview is unknown: allow until the end of the last day.
            return datetime.combine((iv + hours).date(), time.max)
        return iv + hours

    def thank_you_ahead(self, iv: datetime) -> Action:
        deadline = self.thank_you_deadline(iv)
        who = f" with {self.name}" if self.name else ""
        return self.action(
            ActionKind.THANK_YOU,
            _urgency(iv.date(), deadline.date(), self.today, self.s),
            f"Your interview{who} is on {_when(iv, self.today)}; send a thank-you note within {self.s.thank_you_hours} hours.",
            due=iv.date(),
            late=deadline.date(),
            medium=self.default_medium,
            scenario=Scenario.THANK_YOU,
        )

    def thank_you_due(self, iv: datetime, deadline: datetime) -> Action:
        where = f"with {self.name}" if self.name else f"at {self.a.company}" if self.a.company else ""
        said = f"You interviewed {where} on {_when(iv, self.today)}".replace("  ", " ")
        if self.now > deadline:
            urgency = Urgency.OVERDUE
            reason = f"{said} and no thank-you note is logged; a short one now still helps."
        else:
            urgency = Urgency.DUE_TODAY
            by = f"the end of {self.d(deadline.date())}" if deadline.time() == time.max else _when(deadline, self.today)
            reason = f"{said}; send a thank-you note by {by}."
        return self.action(
            ActionKind.THANK_YOU,
            urgency,
            reason,
            due=iv.date(),
            late=deadline.date(),
            medium=self.default_medium,
            scenario=Scenario.THANK_YOU,
        )

    # follow-ups

    def followup_medium(self, thank_you: datetime | None, cycle: _Cycle) -> tuple[str, bool]:
        """Return the medium for the next follow-up, and whether it is a change after two unanswered emails."""
        a = self.a
        sent = [m for m in self.msgs if m.sent and m.at is not None and cycle.contains(m.at)]
        emails = 0
        if thank_you is not None and cycle.contains(thank_you):
            ty_media = [m.medium for m in sent if m.kind == HistoryKind.THANK_YOU]
            emails += 1 if (ty_media[-1] if ty_media else Medium.EMAIL) in (Medium.EMAIL, "") else 0
        followups = sorted((m for m in sent if m.counted), key=lambda m: m.at)
        emails += sum(1 for m in followups if m.medium in (Medium.EMAIL, ""))
        if self.unknown > 0 and a.last_follow_up_on is not None and cycle.contains(a.last_follow_up_on):
            if (a.follow_up_medium or Medium.EMAIL) == Medium.EMAIL:
                emails += self.unknown
        if emails >= 2:
            return (Medium.LINKEDIN if a.interviewer_linkedin else Medium.PHONE), True
        known = [m.medium for m in followups if m.medium]
        if known:
            return known[-1], False
        return (a.follow_up_medium or self.default_medium), False

    def first_scenario(self) -> Scenario:
        # A concern is the more specific thing to write about, so it wins over a later round.
        if self.a.concerns_raised:
            return Scenario.ADDRESS_CONCERN
        if self.a.interview_on is not None and _LATER_ROUND.search(self.a.interview_round):
            return Scenario.AFTER_FINAL_INTERVIEW
        return Scenario.STATUS_INQUIRY

    def first_followup(self, cycle: _Cycle, last_sent: datetime | None, thank_you: datetime | None) -> Action:
        """The first follow-up of a cycle (after an interview, an application or a reply)."""
        a, s = self.a, self.s
        iv = a.interview_on
        start = cycle.start.date()
        grace = max(s.followup_late_after_days - s.followup_days_after_interview, 1)
        timeline = a.response_expected_by
        if timeline is not None and (timeline <= start if cycle.after_reply else timeline < start):
            timeline = None  # a date from before this round is not its timeline
        if cycle.after_reply:
            who = self.name or a.company or "They"
            told, subject = f"{who} replied on {self.d(start)}", "they"
        elif iv is not None:
            where = f"with {self.name}" if self.name else f"at {a.company}" if a.company else ""
            told, subject = " ".join(f"You interviewed {where} on {self.d(start)}".split()), pronoun(a.interviewer)
        else:
            told, subject = f"You applied on {self.d(start)}", "they"

        if timeline is not None:
            due = timeline + timedelta(days=1)
            late = due + timedelta(days=grace)
            verb = "reply" if iv is None else "decide"
            said = f"{told} and {subject} said they'd {verb} by {self.d(timeline)}"
            if self.today > timeline:
                wording = (f"{said}; that has passed.", f"{said}; that has passed, but wait until {{due}}.", f"{said}; that has passed.")
            else:
                wording = (f"{said}.", f"{said}; follow up from {{due}} if you haven't heard.", f"{said}.")
        else:
            if cycle.after_reply or iv is not None:
                days, late_days = s.followup_days_after_interview, s.followup_late_after_days
            else:
                days, late_days = s.followup_days_after_applying, s.followup_late_after_applying_days
            due = start + timedelta(days=days)
            late = start + timedelta(days=max(days, late_days))
            if cycle.after_reply:
                wording = (
                    f"{told} and nothing has come since; it's a good time to follow up.",
                    f"{told}; if nothing more comes, follow up on {{due}}.",
                    f"{told}.",
                )
            else:
                wording = (
                    f"{told} and haven't heard back; it's a good time to follow up.",
                    f"{told}; if you haven't heard back by then, follow up on {{due}}.",
                    f"{told}.",
                )

        scenario = Scenario.STATUS_INQUIRY if cycle.after_reply else self.first_scenario()
        if scenario is Scenario.ADDRESS_CONCERN:
            wording = tuple(w + " Use it to answer the concern they raised." for w in wording)
        return self.finish(1, due, late, last_sent, thank_you, cycle, scenario, wording)

    def next_followup(
        self,
        count: int,
        last: datetime | None,
        last_sent: datetime | None,
        thank_you: datetime | None,
        cycle: _Cycle,
    ) -> Action:
        """The follow-up after `count` unanswered ones, the last sent at `last`."""
        s = self.s
        if last is None:
            return self.missing("Add the date of your last follow-up (Last Follow-Up On) to plan the next one.")
        gap = max(s.next_followup_days, s.min_days_between_followups)
        due = last.date() + timedelta(days=gap)
        late = last.date() + timedelta(days=max(s.next_followup_late_after_days, gap))
        timeline = self.a.response_expected_by
        if timeline is not None and timeline >= last.date() and timeline + timedelta(days=1) > due:
            # The employer's own date wins over the default spacing.
            late += timeline + timedelta(days=1) - due
            due = timeline + timedelta(days=1)
        sent = f"Your follow-up on {self.d(last.date())}"
        wording = (
            f"{sent} is still unanswered; it's fine to send another.",
            f"{sent} is unanswered; wait until {{due}} before the next one.",
            f"{sent} is unanswered.",
        )
        return self.finish(count + 1, due, late, last_sent, thank_you, cycle, Scenario.CHECK_IN, wording)

    def finish(
        self,
        step: int,
        due: date,
        late: date,
        last_sent: datetime | None,
        thank_you: datetime | None,
        cycle: _Cycle,
        scenario: Scenario,
        wording: tuple[str, ...],
    ) -> Action:
        """Apply spacing, the limit's last step and the medium's own timing; build the action.

        `wording` is (reason once due, reason before it is due with "{due}" for the date, the bare
        fact for a call, whose own sentence gives the day).
        """
        s = self.s
        window_days = late - due
        if last_sent is not None:
            due = max(due, last_sent.date() + timedelta(days=s.min_days_between_followups))
        final = step >= s.max_followups
        medium, switched = self.followup_medium(thank_you, cycle)
        window = None
        if medium == Medium.PHONE:
            kind = ActionKind.CALL
            if self.a.interview_on is not None:
                due = max(due, _add_business_days(self.a.interview_on.date(), s.phone_min_business_days))
            due = _first_call_day(due, s)
            window = _call_window(due, self.now, s)
            slot = f"{self.d(window[0].date())} between {window[0]:%H:%M} and {window[1]:%H:%M}, for under five minutes."
            extra = f" After two emails, try a call instead: {slot}" if switched else f" Call on {slot}"
        else:
            extra = f" After two emails, try {medium} instead." if switched else ""
            kind = ActionKind.FINAL_FOLLOW_UP if final else ActionKind.FOLLOW_UP
        late = max(late, due + window_days)
        if kind is ActionKind.CALL:
            reason = wording[2]
        else:
            reason = wording[0] if self.today >= due else wording[1].replace("{due}", self.d(due))
        reason += extra
        if final:
            scenario = Scenario.FINAL_FOLLOW_UP
            reason += " Make it the last one, short and polite."
        return self.action(
            kind,
            _urgency(due, late, self.today, s),
            reason,
            due=due,
            late=late,
            medium=medium,
            scenario=scenario,
            window=window,
        )

    def move_on(self, count: int, last: datetime | None) -> Action:
        if last is None:
            return self.missing("Add the date of your last follow-up (Last Follow-Up On) to know when to move on.")
        when = last.date() + timedelta(days=self.s.move_on_after_days)
        if self.today >= when:
            return self.action(
                ActionKind.MOVE_ON,
                Urgency.MOVE_ON,
                (
                    f"Your follow-up on {self.d(last.date())} has gone unanswered"
                    if count == 1
                    else f"{_number(count)} follow-ups, the last on {self.d(last.date())}, have gone unanswered"
                )
                + "; consider closing it as No Response and moving on.",
                due=when,
            )
        return self.action(
            ActionKind.WAIT,
            Urgency.WAITING,
            f"Your final follow-up went out on {self.d(last.date())}; if nothing comes back by {self.d(when)}, "
            "consider closing it as No Response.",
            due=when,
        )


def _plan_one(app: Mapping[str, Any] | Application, msgs: Sequence[HistoryEntry], now: datetime, settings: RuleSettings) -> Action:
    return _Planner(read_application(app), msgs, now, settings).run()


def next_action(
    app: Mapping[str, Any] | Application,
    history: pd.DataFrame | Sequence[HistoryEntry] | None,
    now: datetime,
    settings: RuleSettings = RuleSettings(),
) -> Action:
    """Return the next action for one application.

    `app` is an `Application` or one row of the typed Applications frame as a dict; `history`
    holds that application's history, as rows of the typed Follow-ups frame or as
    `HistoryEntry` records (any order; not filtered by ID here).
    `now` is a naive local datetime. Missing or odd data never raises: the returned action
    says what to add instead.
    """
    msgs = entries(history) if history is None or isinstance(history, pd.DataFrame) else history
    return _plan_one(app, msgs, now, settings)


def plan(
    applications: pd.DataFrame,
    followups: pd.DataFrame,
    now: datetime,
    settings: RuleSettings = RuleSettings(),
) -> list[Action]:
    """Return one action per application, in the frame's order.

    The history is grouped by "Application ID" once, so this stays fast on large sheets.
    """
    if applications is None or len(applications) == 0:
        return []
    by_app = entries_by_application(followups)
    empty: tuple[HistoryEntry, ...] = ()
    return [_Planner(app, by_app.get(app.app_id, empty), now, settings).run() for app in read_applications(applications)]
