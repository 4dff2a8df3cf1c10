"""The follow-up plan for a calendar: an iCalendar (.ics) file to import into any calendar app, and
one Google Calendar "add event" address per action (the calendar's own event template, no sign-in)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from urllib.parse import quote, urlencode

from icalendar import Calendar, Event

from lib.domain.literal import web_url
from lib.domain.text import short_day
from lib.planner.action import Action, ActionKind

PRODID = "-//job-search-followup//follow-up plan//EN"
UID_DOMAIN = "job-search-followup"
CALENDAR_NAME = "Job search follow-ups"
GOOGLE_CALENDAR = "https://calendar.google.com/calendar/render"  # its event template: action=TEMPLATE

_SUMMARY_PREFIX: dict[ActionKind, str] = {
    ActionKind.THANK_YOU: "Thank-you note",
    ActionKind.FOLLOW_UP: "Follow up",
    ActionKind.FINAL_FOLLOW_UP: "Final follow-up",
    ActionKind.CALL: "Call",
    ActionKind.WAIT: "Decide whether to move on",
    ActionKind.MOVE_ON: "Consider moving on",
    ActionKind.REPLY_TO_REJECTION: "Reply and ask for feedback",
    ActionKind.REVIEW_OFFER: "Review the offer",
}
_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")


def _step(action: Action) -> str:
    """Name the step of the plan, so that the same step keeps the same UID.

    The medium is left out on purpose: a follow-up that turns from an email into a call is
    still the same step, and re-importing should move the event, not add a second one.
    """
    kind = action.kind
    if kind is ActionKind.THANK_YOU:
        return f"thank-you-{action.due_on:%Y%m%d}" if action.due_on else "thank-you"
    if kind in (ActionKind.FOLLOW_UP, ActionKind.FINAL_FOLLOW_UP, ActionKind.CALL):
        return f"follow-up-{action.followups_sent + 1}"
    if kind in (ActionKind.WAIT, ActionKind.MOVE_ON):
        return "move-on"
    if kind is ActionKind.REPLY_TO_REJECTION:
        return "rejection-reply"
    return str(kind.value).replace("_", "-")


def event_uid(action: Action) -> str:
    """Return the stable UID of the event for `action`, e.g. "A-0001-follow-up-1@job-search-followup"."""
    app = _UNSAFE.sub("-", action.app_id).strip("-") or "application"
    return f"{app}-{_step(action)}@{UID_DOMAIN}"


def _role(action: Action) -> str:
    if action.job_title and action.company:
        return f"{action.job_title} at {action.company}"
    return action.job_title or action.company or "an application"


def _description(action: Action, today: date) -> str:
    lines = [action.reason]
    if action.contact:
        lines.append(f"Contact: {action.contact}")
    if action.medium:
        lines.append(f"By: {action.medium}")
    if action.late_after and action.kind is not ActionKind.THANK_YOU:
        # The app's own day phrase ("Sat 5 Dec", the year only when it is not this year).
        lines.append(f"Best done by: {short_day(action.late_after, today)}")
    return "\n".join(lines)


def event_title(action: Action) -> str:
    """Return the event's title, e.g. "Follow up: Analyst at Acme"."""
    return f"{_SUMMARY_PREFIX.get(action.kind, action.kind.label)}: {_role(action)}"


def _all_day(action: Action, today: date) -> date:
    """The day of an all-day event: its due day, or today when that has passed (nothing lands in the past)."""
    return max(action.due_on or today, today)


def is_scheduled(action: Action) -> bool:
    """True for actions that belong in a calendar: something to do, on a known day."""
    return action.kind is not ActionKind.NOTHING and action.due_on is not None


def build_calendar(actions: Iterable[Action], now: datetime) -> bytes:
    """Return an .ics calendar with one event per scheduled action (see `is_scheduled`).

    Calls are timed events in their suggested call window; everything else is an all-day
    event on its due day, or today when that day has passed (so nothing lands in the past).
    UIDs are stable per application and step, so importing a newer file updates events
    instead of duplicating them. `now` is a naive local datetime; it sets DTSTAMP.
    """
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", CALENDAR_NAME)
    stamp = (now if now.tzinfo else now.astimezone()).astimezone(UTC)
    today = now.date()
    for action in actions:
        if not is_scheduled(action):
            continue
        event = Event()
        event.add("uid", event_uid(action))
        event.add("dtstamp", stamp)
        event.add("summary", event_title(action))
        event.add("description", _description(action, today))
        if action.kind is ActionKind.CALL and action.call_window is not None:
            start, end = action.call_window
            event.add("dtstart", start)
            event.add("dtend", end)
        else:
            day = _all_day(action, today)
            event.add("dtstart", day)
            event.add("dtend", day + timedelta(days=1))
            event.add("transp", "TRANSPARENT")  # a reminder, not a busy slot
        cal.add_component(event)
    ical: bytes = cal.to_ical()
    return ical


def google_calendar_url(action: Action, today: date, job_link: object = None) -> str | None:
    """Return the Google Calendar address that opens a new event for `action`, or None when it is not
    scheduled (see `is_scheduled`).

    Like the .ics file: a call is timed in its call window (in the person's calendar's time zone),
    anything else is an all-day event on its due day, or today when that day has passed. The
    details say what to send to whom and why, and the job's link when `job_link` is an http(s)
    one. Every value is percent-encoded into the query: text from the sheet never leaves it.
    """
    if not is_scheduled(action):
        return None
    if action.kind is ActionKind.CALL and action.call_window is not None:
        start, end = action.call_window
        dates = f"{start:%Y%m%dT%H%M%S}/{end:%Y%m%dT%H%M%S}"
    else:
        day = _all_day(action, today)
        dates = f"{day:%Y%m%d}/{day + timedelta(days=1):%Y%m%d}"  # the end day is not included
    details = _description(action, today)
    link = web_url(job_link)
    if link:
        details += f"\nJob posting: {link}"
    query = {"action": "TEMPLATE", "text": event_title(action), "dates": dates, "details": details}
    return f"{GOOGLE_CALENDAR}?{urlencode(query, quote_via=quote, safe='')}"
