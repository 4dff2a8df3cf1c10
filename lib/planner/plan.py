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
- The whole search and the employer's words: an offer in hand with an `Offer Deadline` makes
  a competing-offer nudge right at once on every other live interview (the soonest deadline
  is the one named; not past the follow-up limit); `Posting Closed On` makes the next follow-up early; `Contact After` holds back
  every message until that day, over any default.
- The calendar: spacing counts from every message sent, the thank-you note included (one
  sent when the first follow-up was due counts as it); follow-ups, calls, replies and the
  day to move on never fall on a weekend or a public holiday of the person's country
  (`lib.planner.workdays`); a thank-you comes due when the interview is over (it keeps its
  24 hours, so it is not moved off a day off).
- A date cell that holds text the app could not read is named as such, with its value and
  where to fix it (the date-order setting or the cell), never "add the date".
- People log by hand in the Applications row or in the Follow-ups tab, or both: counts take
  the larger of the two (`lib.domain.facts.followups_sent`), dates the latest of the two.
  History rows are read by `lib.domain.history`, the application by `lib.domain.records`.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

import pandas as pd

from lib.domain.facts import interview_over, offer_in_hand
from lib.domain.fields import AppCol
from lib.domain.history import HistoryEntry, entries, entries_by_application
from lib.domain.model import ROW, DataIssue
from lib.domain.records import Application, read_application, read_applications
from lib.domain.schema import APPLICATIONS, Kind
from lib.domain.vocab import HistoryKind, Status
from lib.planner.action import Action
from lib.planner.clock import latest, not_before, strictly_after
from lib.planner.cycle import Cycle
from lib.planner.settings import RuleSettings
from lib.planner.steps import Offer, Steps, Unreadable

DEFAULT_SETTINGS = RuleSettings()  # frozen: safe to share as a default


class Planner(Steps):
    """Works out the next action for one application: which of the `Steps` applies now."""

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
            return self.after_contact_date(self.rejected())
        return self.after_contact_date(self.competing_offer(self.active()))

    def active(self) -> Action:
        a, s = self.a, self.s
        iv = a.interview_on
        if iv is None:
            if a.status == Status.INTERVIEWING:
                return self.missing("Add the interview date (Interview On) to plan a thank-you note and a follow-up.", AppCol.INTERVIEW_ON)
            if a.applied_on is None:
                return self.missing("Add the date you applied (Applied On) to plan a follow-up.", AppCol.APPLIED_ON)
            anchor = datetime.combine(a.applied_on, time())
        else:
            anchor = iv
            if self.now < interview_over(iv):
                return self.thank_you_ahead(iv)

        # Thank-you notes recorded for this interview, in the row or the history.
        ty_times = [a.thank_you_sent_on] if a.thank_you_sent_on is not None else []
        ty_times += [m.at for m in self.msgs if m.sent and m.kind == HistoryKind.THANK_YOU and m.at is not None]
        thank_you = latest(t for t in ty_times if iv is not None and not_before(t, iv))
        ty_deadline = self.thank_you_deadline(iv) if iv is not None else None

        # "Last Follow-Up On" may really be the thank-you note, logged in that cell too.
        last_cell = a.last_follow_up_on
        if last_cell is not None and self.unknown == 0:
            same_day_counted = any(at.date() == last_cell.date() for at in self.counted_at)
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
        last_sent = latest([last_cell, *others])

        # A reply after the person's last message stops the clock; counting starts afresh.
        reply = self.last_reply()
        replied = reply is not None and not_before(reply, anchor)
        if reply is not None and replied:
            ours = latest([thank_you, last_sent])
            if ours is None or not strictly_after(ours, reply):
                if a.response_expected_by is not None and a.response_expected_by > reply.date():
                    return self.first_followup(Cycle(reply, True), last_sent, thank_you)
                who = self.name or a.company or "They"
                return self.nothing(
                    f"{who} replied on {self.d(reply.date())}; nothing to send for now. "
                    "If they gave a new date, add it as Response Expected By."
                )
        cycle = Cycle(reply, True) if reply is not None and replied else Cycle(anchor, False)

        count = sum(1 for at in self.counted_at if cycle.contains(at))
        if self.unknown > 0 and (
            (a.last_follow_up_on is None and not replied) or (a.last_follow_up_on is not None and cycle.contains(a.last_follow_up_on))
        ):
            count += self.unknown
        if last_cell is not None and cycle.contains(last_cell):
            count = max(count, 1)
        last_in_cycle = last_sent if last_sent is not None and cycle.contains(last_sent) else None

        if count == 0 and thank_you is not None and cycle.contains(thank_you) and not replied:
            # A thank-you sent when the first follow-up was already due does that follow-up's job.
            would_be = self.first_followup(cycle, last_sent, None, without_thanks=True).due_on
            if would_be is not None and thank_you.date() >= would_be:
                if s.max_followups <= 1:
                    return self.move_on(1, thank_you)
                followup = self.next_followup(1, thank_you, last_sent, thank_you, cycle, folded=True)
                return self.unless_gone_quiet(followup, latest([cycle.start, thank_you]))
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
        return self.unless_gone_quiet(followup, latest([cycle.start, thank_you, last_in_cycle]))


def _offers(apps: Sequence[Application]) -> tuple[Offer, ...]:
    """The offers in hand that have a deadline, soonest first: they make other follow-ups early."""
    found = [
        Offer(a.app_id, a.company, a.offer_deadline, a.response_on.date() if a.response_on else None)
        for a in apps
        if offer_in_hand(a.status, a.offer_deadline) and a.offer_deadline is not None
    ]
    return tuple(sorted(found, key=lambda o: o.deadline))


def next_action(
    app: Mapping[str, Any] | Application,
    history: pd.DataFrame | Sequence[HistoryEntry] | None,
    now: datetime,
    settings: RuleSettings = DEFAULT_SETTINGS,
    search: pd.DataFrame | Sequence[Application] | None = None,
) -> Action:
    """Return the next action for one application.

    `app` is an `Application` or one row of the typed Applications frame as a dict; `history`
    holds that application's history, as rows of the typed Follow-ups frame or as
    `HistoryEntry` records (any order; not filtered by ID here). `search` is the whole search
    (the typed Applications frame or records), read for offers in hand; without it the
    application is planned on its own.
    `now` is a naive local datetime. Missing or odd data never raises: the returned action
    says what to add instead.
    """
    msgs = entries(history) if history is None or isinstance(history, pd.DataFrame) else history
    others = read_applications(search) if isinstance(search, pd.DataFrame) else list(search or ())
    return Planner(read_application(app), msgs, now, settings, _offers(others)).run()


def unreadable_cells(applications: pd.DataFrame, issues: Sequence[DataIssue]) -> list[dict[str, Unreadable]]:
    """Return, per application in frame order, its date cells that hold text the app could not read.

    Read from the data issues of the Applications tab (matched by sheet row), so a card can say
    "could not be read" and show the value instead of asking to add a date that is there.
    """
    rows = list(applications[ROW]) if ROW in applications.columns else [None] * len(applications)
    by_row: dict[int, dict[str, Unreadable]] = {}
    dated = {c.name for c in APPLICATIONS.columns if c.kind in (Kind.DATE, Kind.DATETIME)}
    for issue in issues:
        if issue.tab == APPLICATIONS.title and issue.row is not None and issue.column in dated and issue.value.strip():
            by_row.setdefault(issue.row, {})[issue.column] = Unreadable(issue.value, issue.where, "could be" in issue.message)
    return [by_row.get(int(r), {}) if r is not None and not pd.isna(r) else {} for r in rows]


_Inputs = tuple[Application, tuple[HistoryEntry, ...], tuple[tuple[str, Unreadable], ...]]  # record, history, unreadable cells
_Planned = tuple[Action, datetime | None]  # the action, and the minute it holds for (None: all day)


@dataclass(frozen=True)
class _Memo:
    """The last plan: its read, each application's inputs and action, for the next plan to reuse.

    An application's action is a pure function of its record, its history, its unreadable
    cells, the day (or, for the few steps that read the time of day, the minute), the settings
    and the offers in hand. The next plan works out again only the applications whose inputs
    changed: after the app's own edit, one; after a new read of unchanged data (Refresh, a hand
    edit that changed nothing here, the read's time-out), none, and then the frames compare equal,
    so not even the records are read again. The frames of the read it came from are held weakly
    (a memo must not keep an old read in memory; once that read is gone, the records are compared
    instead); like every read the app shares between pages and sessions, they are never changed
    in place.
    """

    applications: weakref.ref[pd.DataFrame]
    followups: weakref.ref[pd.DataFrame]
    issues: tuple[DataIssue, ...]
    basis: tuple[date, RuleSettings, tuple[Offer, ...]]
    inputs: list[_Inputs]  # in frame order
    planned: list[_Planned]  # aligned with `inputs`

    def same_read(self, applications: pd.DataFrame, followups: pd.DataFrame, issues: Sequence[DataIssue]) -> bool:
        """Whether this memo came from the same data (the frames may be another read's equal copies)."""
        apps, history = self.applications(), self.followups()
        return (
            apps is not None
            and history is not None
            and (applications is apps or applications.equals(apps))
            and (followups is history or followups.equals(history))
            and tuple(issues) == self.issues
        )


_memo_lock = threading.Lock()
_memo: _Memo | None = None


def forget_plans() -> None:
    """Forget the last plan (the next `plan` works out every application)."""
    global _memo
    with _memo_lock:
        _memo = None


def _inputs(applications: pd.DataFrame, followups: pd.DataFrame, issues: Sequence[DataIssue]) -> tuple[list[_Inputs], tuple[Offer, ...]]:
    """Return each application's inputs (record, history, unreadable cells) in frame order, and the offers in hand."""
    by_app = entries_by_application(followups)  # the history is grouped by "Application ID" once
    apps = read_applications(applications)
    cells = unreadable_cells(applications, issues) if issues else [{} for _ in apps]
    inputs = [(app, tuple(by_app.get(app.app_id, ())), tuple(bad.items())) for app, bad in zip(apps, cells, strict=True)]
    return inputs, _offers(apps)


def plan(
    applications: pd.DataFrame,
    followups: pd.DataFrame,
    now: datetime,
    settings: RuleSettings = DEFAULT_SETTINGS,
    issues: Sequence[DataIssue] = (),
) -> list[Action]:
    """Return one action per application, in the frame's order.

    `issues` are the dataset's data issues: a date cell that could not be read is named as such.
    What the last plan worked out is reused where the inputs are the same (`_Memo`); the result
    is the same as planning each application on its own with `Planner`.
    """
    global _memo
    if applications is None or len(applications) == 0:
        return []
    with _memo_lock:
        last = _memo
    same_read = last is not None and last.same_read(applications, followups, issues)
    if last is not None and same_read:
        inputs, offers = last.inputs, last.basis[2]
    else:
        inputs, offers = _inputs(applications, followups, issues)
    basis = (now.date(), settings, offers)

    def work_out(app: Application, msgs: tuple[HistoryEntry, ...], bad: tuple[tuple[str, Unreadable], ...]) -> _Planned:
        planner = Planner(app, msgs, now, settings, offers, dict(bad))
        return planner.run(), (now if planner.read_the_time else None)

    def holds(planned: _Planned | None) -> bool:
        return planned is not None and (planned[1] is None or planned[1] == now)

    if last is not None and same_read and last.basis == basis:
        planned = [p if holds(p) else work_out(*key) for key, p in zip(inputs, last.planned, strict=True)]
    else:
        kept: dict[_Inputs, _Planned] = dict(zip(last.inputs, last.planned, strict=True)) if last is not None and last.basis == basis else {}
        planned = []
        for key in inputs:
            hit = kept.get(key)
            planned.append(hit if hit is not None and holds(hit) else work_out(*key))
    with _memo_lock:
        _memo = _Memo(weakref.ref(applications), weakref.ref(followups), tuple(issues), basis, inputs, planned)
    return [action for action, _ in planned]
