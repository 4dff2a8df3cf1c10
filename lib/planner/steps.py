"""The steps an application's plan can take: a thank-you note, a first or next follow-up (or
a call), the final one, moving on, reviewing an offer, replying to a rejection.

Each `Steps` method builds one `Action` with its dates, medium, scenario and reason; the
wording names people and dates through `lib.domain.people` and `lib.domain.text`.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from lib.domain.facts import followups_sent
from lib.domain.fields import AppCol
from lib.domain.history import HistoryEntry
from lib.domain.people import plain_names, pronoun
from lib.domain.records import Application
from lib.domain.text import short_day, short_moment, untimed
from lib.domain.vocab import HistoryKind, Medium, Scenario, Status
from lib.planner.action import FOLLOW_UP_KINDS, Action, ActionKind, Urgency, urgency
from lib.planner.clock import add_business_days, call_window, first_call_day, latest, not_before, strictly_after, working_day
from lib.planner.cycle import Cycle
from lib.planner.settings import RuleSettings

# Interviewer cells repeat across a search: each distinct one is read into names once.
_plain_names = functools.lru_cache(maxsize=4096)(plain_names)
_pronoun = functools.lru_cache(maxsize=4096)(pronoun)

_NUMBER_WORDS = ("No", "One", "Two", "Three", "Four", "Five", "Six")


def _number(n: int) -> str:
    return _NUMBER_WORDS[n] if 0 <= n < len(_NUMBER_WORDS) else str(n)


_LATER_ROUND = re.compile(r"second|third|fourth|fifth|final|last|[2-9]", re.IGNORECASE)
_CONCERN = " Use it to answer the concern they raised."
# How long an interview with a time of day is taken to last: the thank-you comes due after it.


@dataclass(frozen=True)
class Unreadable:
    """A cell of the application that holds something the app could not read as a date.

    `value` is the cell as typed, `where` the place to fix it ("Applications!H5 (Applied On)"),
    `two_ways` whether it reads two ways (3/4/2026), which the date-order setting settles.
    """

    value: str
    where: str
    two_ways: bool


@dataclass(frozen=True)
class Offer:
    """An offer in hand: the application at Offer, its company, the day to answer by, and the day it came (if known)."""

    app_id: str
    company: str
    deadline: date
    since: date | None


def _held_back(reason: str, instruction: str) -> str:
    """The reason of a step held back by the employer's date: its fact, the instruction, its last advice.

    "You applied on Fri 13 Nov and haven't heard back; it's a good time to follow up." becomes
    "You applied on Fri 13 Nov and haven't heard back; Orbit asked not to be contacted before
    Mon 7 Dec, so wait until Mon 7 Dec."; a closing "Make it the last one..." is kept.
    """
    fact = re.split(r"; |: |\. ", reason, maxsplit=1)[0].rstrip(".")
    kept = [part for part in (" Make it the last one, short and polite.", " Use it to answer the concern they raised.") if part in reason]
    return f"{fact}; {instruction}." + "".join(kept)


class Steps:
    """What one application's next step can be: each method builds one kind of `Action`.

    Holds what every step needs: the application, its history, now and the settings, and
    the follow-ups counted so far. `Planner` (lib.planner.plan) chooses among the steps.
    """

    def __init__(
        self,
        app: Application,
        msgs: Sequence[HistoryEntry],
        now: datetime,
        s: RuleSettings,
        offers: Sequence[Offer] = (),
        unreadable: Mapping[str, Unreadable] | None = None,
    ) -> None:
        self.a = app
        self.offers = offers
        self.unreadable = unreadable or {}
        self.msgs = msgs
        self._now = now
        # Whether the step read the time of day, not just the day: a plan that did not holds all day.
        self.read_the_time = False
        self.today = now.date()
        self.s = s
        counted = [m for m in msgs if m.counted]
        self.counted_at = [m.at for m in counted if m.at is not None]
        self.total = followups_sent(app.follow_ups_sent, counted)
        # Follow-ups the person counted in the row but did not log with a date.
        self.unknown = self.total - len(self.counted_at)

    @property
    def now(self) -> datetime:
        self.read_the_time = True
        return self._now

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

    def missing(self, reason: str, header: str = "") -> Action:
        """Wait for data: `reason` says what to add; when the `header` cell holds text that could
        not be read, say so instead, show it and say where to fix it."""
        bad = self.unreadable.get(header) if header else None
        if bad is not None:
            fix = f"write it as YYYY-MM-DD in the cell ({bad.where})"
            if bad.two_ways:
                fix = f"choose the date order in Settings (Reading dates), or {fix}"
            reason = f"{header} holds '{bad.value}', which could not be read as a date: {fix}."
        return self.action(ActionKind.WAIT, Urgency.WAITING, reason)

    @functools.cached_property
    def last_message(self) -> datetime | None:
        """The last message the person sent, of any kind (a thank-you from any round included)."""
        a = self.a
        return latest([a.thank_you_sent_on, a.last_follow_up_on, *(m.at for m in self.msgs if m.sent)])

    @functools.cached_property
    def name(self) -> str:
        """The interviewer as people write about them: "Dana Lee" for "Ms. Dana Lee"."""
        return _plain_names(self.a.interviewer)

    def d(self, value: date) -> str:
        return short_day(value, self.today)

    @property
    def default_medium(self) -> str:
        return Medium.LINKEDIN if self.a.interviewer_linkedin and not self.a.interviewer_email else Medium.EMAIL

    def last_reply(self) -> datetime | None:
        return latest([self.a.response_on, *(m.at for m in self.msgs if not m.sent)])

    def offer(self) -> Action:
        reply = self.last_reply()
        due = reply.date() if reply else self.today
        given = self.a.offer_deadline or self.a.response_expected_by
        deadline = given if given and given >= due else None
        reason = f"Offer from {self.a.company or 'the company'}: review the terms (pay, start date, anything still open elsewhere) before you accept."
        if deadline:
            reason += f" They'd like an answer by {self.d(deadline)}."
        return self.action(
            ActionKind.REVIEW_OFFER, urgency(due, deadline, self.today, self.s), reason, due=due, late=deadline
        )

    def rejected(self) -> Action:
        company = self.a.company or "The company"
        reply = self.last_reply()
        if reply is None:
            if AppCol.RESPONSE_ON in self.unreadable:
                return self.missing("", AppCol.RESPONSE_ON)
            return self.nothing(
                "Rejected. If it's recent, add the date they told you (Response On) to plan a reply asking for feedback."
            )
        answered = any(
            m.sent
            and m.at is not None
            and (
                not_before(m.at, reply) if m.kind in (HistoryKind.FEEDBACK_REQUEST, HistoryKind.REPLY) else strictly_after(m.at, reply)
            )
            for m in self.msgs
        ) or (self.a.last_follow_up_on is not None and strictly_after(self.a.last_follow_up_on, reply))
        if answered:
            return self.nothing(f"You replied to {company}'s decision; nothing more to send.")
        told = reply.date()
        if (self.today - told).days > self.s.rejection_reply_stale_days:
            return self.nothing(f"{company} turned you down on {self.d(told)}, a while ago; nothing to send.")
        due = working_day(told, self.s)
        late = max(due, told + timedelta(days=self.s.rejection_reply_days))
        return self.action(
            ActionKind.REPLY_TO_REJECTION,
            urgency(due, late, self.today, self.s),
            f"{company} turned you down on {self.d(told)}; a gracious reply asking for feedback keeps the door open.",
            due=due,
            late=late,
            medium=self.default_medium,
            scenario=Scenario.REJECTION_REPLY,
        )

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

    # the whole search and the employer's words

    def competing_offer(self, planned: Action) -> Action:
        """The competing-offer nudge, when another application's offer must be answered soon.

        With an offer in hand (an application at Offer with an Offer Deadline not yet passed),
        telling every other live interview early is right (an application still waiting to
        hear after an interview: Status Interviewing or an Interview On date). It is due at
        once (the next working day, unless that is past the deadline), best sent before the
        deadline, and names the soonest deadline. Not when a message already went out since
        the offer came (or, its day unknown, within the spacing), nor once the follow-ups
        allowed are spent. A thank-you due now goes first, and so does an interview still to
        come before the deadline (tell them there).
        """
        a, s, today = self.a, self.s, self.today
        offer = next((o for o in self.offers if o.app_id != a.app_id and o.deadline >= today), None)
        if offer is None or a.status not in (Status.APPLIED, Status.INTERVIEWING):
            return planned
        if a.status != Status.INTERVIEWING and a.interview_on is None:
            return planned  # no interview yet: nothing for them to speed up
        if planned.kind is ActionKind.THANK_YOU and (
            planned.urgency in (Urgency.DUE_TODAY, Urgency.OVERDUE)
            or (a.interview_on is not None and a.interview_on.date() <= offer.deadline)
        ):
            return planned
        if planned.kind is ActionKind.MOVE_ON or (planned.kind is ActionKind.WAIT and planned.due_on is not None):
            return planned  # the follow-ups allowed are spent: one more would be one too many
        since = offer.since or today - timedelta(days=s.min_days_between_followups)
        ours = [m.at for m in self.msgs if m.sent and m.at is not None and m.kind != HistoryKind.THANK_YOU]
        if any(t.date() >= since for t in [*ours, *([a.last_follow_up_on] if a.last_follow_up_on else [])]):
            return planned
        if a.contact_after is not None and a.contact_after > offer.deadline:
            return planned  # they asked not to be contacted before the offer must be answered
        start = max(today, a.contact_after or today)
        due = working_day(start, s)
        if due > offer.deadline:
            due = start
        late = max(due, offer.deadline - timedelta(days=1))
        who = self.name or a.company or "them"
        reason = (
            f"You have an offer from {offer.company or 'another company'} to answer by {self.d(offer.deadline)}: "
            f"tell {who} and ask whether they can share their decision before then."
        )
        return self.action(
            ActionKind.FOLLOW_UP,
            urgency(due, late, today, s),
            reason,
            due=due,
            late=late,
            medium=self.default_medium,
            scenario=Scenario.COMPETING_OFFER,
        )

    def after_contact_date(self, planned: Action) -> Action:
        """Hold back any message until the employer's Contact After date ("don't contact us before the 15th")."""
        a, s = self.a, self.s
        wait = a.contact_after
        if wait is None or planned.scenario is None or (planned.due_on is not None and planned.due_on >= wait):
            return planned
        window_days = (planned.late_after - planned.due_on) if planned.late_after and planned.due_on else timedelta(days=0)
        due = working_day(wait, s)
        window = planned.call_window
        if planned.kind is ActionKind.CALL:
            due = first_call_day(due, s)
            window = call_window(due, self.now, s)
        late = due + window_days
        who = a.company or "The employer"
        return dataclasses.replace(
            planned,
            due_on=due,
            late_after=late,
            urgency=urgency(due, late, self.today, s),
            call_window=window,
            reason=_held_back(planned.reason, f"{who} asked not to be contacted before {self.d(wait)}, so wait until {self.d(due)}"),
        )

    # thank-you note

    def thank_you_deadline(self, iv: datetime) -> datetime:
        hours = timedelta(hours=self.s.thank_you_hours)
        if untimed(iv):
            # The time of the interview is unknown: allow until the end of the last day.
            return datetime.combine((iv + hours).date(), time.max)
        return iv + hours

    def thank_you_ahead(self, iv: datetime) -> Action:
        """The thank-you for an interview still to come (or under way): never due before it is over."""
        deadline = self.thank_you_deadline(iv)
        who = f" with {self.name}" if self.name else ""
        ahead = Urgency.COMING_UP if (iv.date() - self.today).days <= self.s.coming_up_days else Urgency.WAITING
        return self.action(
            ActionKind.THANK_YOU,
            ahead,
            f"Your interview{who} is on {short_moment(iv, self.today)}; send a thank-you note after it, "
            f"within {self.s.thank_you_hours} hours.",
            due=iv.date(),
            late=deadline.date(),
            medium=self.default_medium,
            scenario=Scenario.THANK_YOU,
        )

    def thank_you_due(self, iv: datetime, deadline: datetime) -> Action:
        where = f"with {self.name}" if self.name else f"at {self.a.company}" if self.a.company else ""
        said = f"You interviewed {where} on {short_moment(iv, self.today)}".replace("  ", " ")
        if self.now > deadline:
            urgency = Urgency.OVERDUE
            reason = f"{said} and no thank-you note is logged; a short one now still helps."
        else:
            urgency = Urgency.DUE_TODAY
            by = f"the end of {self.d(deadline.date())}" if deadline.time() == time.max else short_moment(deadline, self.today)
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

    def followup_medium(self, cycle: Cycle) -> tuple[str, str]:
        """Return the medium for the next follow-up, and the sentence that explains a change of medium.

        Only follow-ups count toward "two unanswered emails" (the thank-you note is not one).
        After two, the change goes to a channel the person has: LinkedIn with a profile, a call
        with a phone number; with neither, one more email and a prompt to find a contact.
        """
        a = self.a
        dated = [(m.at, m) for m in self.msgs if m.sent and m.counted and m.at is not None and cycle.contains(m.at)]
        followups = [m for _, m in sorted(dated, key=lambda pair: pair[0])]
        emails = sum(1 for m in followups if m.medium in (Medium.EMAIL, ""))
        if (
            self.unknown > 0
            and a.last_follow_up_on is not None
            and cycle.contains(a.last_follow_up_on)
            and (a.follow_up_medium or Medium.EMAIL) == Medium.EMAIL
        ):
            emails += self.unknown
        known = [m.medium for m in followups if m.medium]
        current = known[-1] if known else (a.follow_up_medium or self.default_medium)
        if emails >= 2 and current in (Medium.EMAIL, ""):
            after = f"After {_number(emails).lower()} unanswered follow-up emails"
            if a.interviewer_linkedin:
                return Medium.LINKEDIN, f" {after}, try LinkedIn instead."
            if a.interviewer_phone:
                return Medium.PHONE, f" {after}, try a call instead:"
            who = self.name or f"someone at {a.company}" if (self.name or a.company) else "the hiring team"
            return Medium.EMAIL, (
                f" {after}; send this one by email too, and look for a phone number or LinkedIn profile for {who} to try next."
            )
        return current, ""

    def first_scenario(self) -> Scenario:
        # A concern is the more specific thing to write about, so it wins over a later round.
        if self.a.concerns_raised:
            return Scenario.ADDRESS_CONCERN
        if self.a.interview_on is not None and _LATER_ROUND.search(self.a.interview_round):
            return Scenario.AFTER_FINAL_INTERVIEW
        return Scenario.STATUS_INQUIRY

    def first_followup(self, cycle: Cycle, last_sent: datetime | None, thank_you: datetime | None, without_thanks: bool = False) -> Action:
        """The first follow-up of a cycle (after an interview, an application or a reply).

        `without_thanks`: plan it as if no thank-you note had gone out (to see where it would have fallen).
        """
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
            told, subject = " ".join(f"You interviewed {where} on {self.d(start)}".split()), _pronoun(a.interviewer)
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
            wording = (
                wording[0] + _CONCERN,
                wording[1] + _CONCERN,
                wording[2] + _CONCERN,
            )
        return self.finish(1, due, late, last_sent, thank_you, cycle, scenario, wording, without_thanks)

    def next_followup(
        self,
        count: int,
        last: datetime | None,
        last_sent: datetime | None,
        thank_you: datetime | None,
        cycle: Cycle,
        folded: bool = False,
    ) -> Action:
        """The follow-up after `count` unanswered ones, the last sent at `last`.

        `folded`: the one before was a thank-you note sent when the first follow-up was due.
        """
        s = self.s
        if last is None:
            return self.missing("Add the date of your last follow-up (Last Follow-Up On) to plan the next one.", AppCol.LAST_FOLLOW_UP_ON)
        gap = max(s.next_followup_days, s.min_days_between_followups)
        due = last.date() + timedelta(days=gap)
        late = last.date() + timedelta(days=max(s.next_followup_late_after_days, gap))
        timeline = self.a.response_expected_by
        if timeline is not None and timeline >= last.date() and timeline + timedelta(days=1) > due:
            # The employer's own date wins over the default spacing.
            late += timeline + timedelta(days=1) - due
            due = timeline + timedelta(days=1)
        sent = f"Your follow-up on {self.d(last.date())}"
        if folded:
            sent = f"Your thank-you note on {self.d(last.date())} went out when the first follow-up was due, so it counts as one; it"
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
        cycle: Cycle,
        scenario: Scenario,
        wording: tuple[str, ...],
        without_thanks: bool = False,
    ) -> Action:
        """Apply spacing, the limit's last step and the medium's own timing; build the action.

        `wording` is (reason once due, reason before it is due with "{due}" for the date, the bare
        fact for a call, whose own sentence gives the day).
        """
        s, a = self.s, self.a
        window_days = late - due
        closed = a.posting_closed_on
        # Spacing counts from every message sent, the thank-you included.
        spoken = last_sent if without_thanks else latest([last_sent, thank_you, self.last_message])
        # The posting was taken down since the last message: asking now is right, not pushy.
        if closed is not None and cycle.start.date() <= closed < due and (spoken is None or spoken.date() < closed):
            due = closed
            said = f"The posting was taken down on {self.d(closed)}"
            wording = (
                f"{said}; it's a good time to ask where things stand.",
                f"{said}; ask where things stand on {{due}}.",
                f"{said}.",
            )
        if spoken is not None:
            due = max(due, spoken.date() + timedelta(days=s.min_days_between_followups))
        final = step >= s.max_followups
        medium, change = self.followup_medium(cycle)
        window = None
        if medium == Medium.PHONE:
            kind = ActionKind.CALL
            if a.interview_on is not None:
                due = max(due, add_business_days(a.interview_on.date(), s.phone_min_business_days, s))
            due = first_call_day(due, s)
            window = call_window(due, self.now, s)
            slot = f"{self.d(window[0].date())} between {window[0]:%H:%M} and {window[1]:%H:%M}, for under five minutes."
            extra = f"{change} {slot}" if change else f" Call on {slot}"
        else:
            due = working_day(due, s)  # never due on a weekend or a public holiday
            extra = change
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
            urgency(due, late, self.today, s),
            reason,
            due=due,
            late=late,
            medium=medium,
            scenario=scenario,
            window=window,
        )

    def move_on(self, count: int, last: datetime | None) -> Action:
        if last is None:
            return self.missing("Add the date of your last follow-up (Last Follow-Up On) to know when to move on.", AppCol.LAST_FOLLOW_UP_ON)
        when = working_day(last.date() + timedelta(days=self.s.move_on_after_days), self.s)  # a day to decide, not a day off
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
