"""One application's story as a small picture: what happened when, on one time axis.

The application's page shows it above the details, so "where does this stand" is answered at
a glance: applied, the interview, the thank-you note, each follow-up, each reply, the dates the
employer gave (an answer expected by, an offer deadline), and today with the status now.

Events come from the typed record (`lib.domain.records`) and from the history as
`lib.domain.history` reads it, so a thank-you or a reply is what it is everywhere else. The
history has no column for a status, so status changes are not on the axis: the status now is
written at today. A date that could not be read (None in the record, NaT in the history) is
left out, never guessed. The same kind of event on the same day from the row and from the
history is drawn once, with the history's detail (it says which medium).

`application_events` is the list (tested on its own); `application_timeline_chart` draws it,
in the colours of the Pipeline's timeline (readable on the light and the dark theme), with
sheet text in hovers written by `lib.domain.literal.hover`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pandas as pd
import plotly.graph_objects as go

from lib.domain.fields import HistCol
from lib.domain.history import entries
from lib.domain.literal import hover
from lib.domain.model import column_values
from lib.domain.records import Application
from lib.pipeline import charts as c
from lib.pipeline import metrics as m

EVENT_APPLIED = "Applied"
EVENT_INTERVIEW = m.EVENT_INTERVIEW
EVENT_THANK_YOU = m.EVENT_THANK_YOU
EVENT_FOLLOW_UP = m.EVENT_FOLLOW_UP
EVENT_MESSAGE = "Message sent"  # a sent row that is neither a thank-you nor a follow-up (a feedback request, say)
EVENT_REPLY = m.EVENT_REPLY
EVENT_EXPECTED = "Answer expected"
EVENT_OFFER_DEADLINE = "Offer deadline"
EVENT_TODAY = "Today"
# The order of events on the same day: the way a day's story is told.
EVENT_ORDER: tuple[str, ...] = (
    EVENT_APPLIED, EVENT_INTERVIEW, EVENT_THANK_YOU, EVENT_FOLLOW_UP, EVENT_MESSAGE, EVENT_REPLY,
    EVENT_EXPECTED, EVENT_OFFER_DEADLINE, EVENT_TODAY,
)  # fmt: skip

EVENT_STYLE: dict[str, dict[str, object]] = {
    EVENT_APPLIED: {"symbol": "circle", "size": 12, "color": c.STATUS_COLORS["Applied"], "line": c.MARKER_EDGE},
    **c.EVENT_STYLE,
    EVENT_MESSAGE: {"symbol": "triangle-right", "size": 10, "color": c.NEUTRAL, "line": c.MARKER_EDGE},
    EVENT_EXPECTED: {"symbol": "hourglass", "size": 11, "color": c.RESPONDED_COLOR, "line": c.MARKER_EDGE},
    EVENT_OFFER_DEADLINE: {"symbol": "square", "size": 10, "color": c.STATUS_COLORS["Offer"], "line": c.MARKER_EDGE},
    EVENT_TODAY: {"symbol": "line-ns", "size": 18, "color": c.NEUTRAL, "line": c.NEUTRAL},
}
HEIGHT = 190  # px: a small picture, not a chart to study
MIN_SPAN = timedelta(days=14)  # a story of one day still gets an axis a person can read


@dataclass(frozen=True)
class TimelineEvent:
    """One thing that happened (or is due) on the application's time axis."""

    at: datetime
    event: str  # one of EVENT_ORDER
    detail: str = ""  # plain text, sheet text as typed (escaped when drawn)


def _day(moment: datetime) -> date:
    return moment.date()


def _as_moment(day: date | datetime | None) -> datetime | None:
    if day is None or isinstance(day, datetime):
        return day
    return datetime(day.year, day.month, day.day)


def _joined(*parts: str) -> str:
    return " · ".join(p for p in parts if p)


def application_events(app: Application, history: pd.DataFrame | None, now: date | datetime) -> list[TimelineEvent]:
    """Return the events of one application in time order, today included (at `now`: a date is its start).

    Pass the clock's moment, so what happened earlier today (an interview at 10:00, a note just
    logged) sits before the Today marker, not after it as if it were still to come.

    `history` is the application's rows of the typed Follow-ups frame (any order). Events on
    the same moment keep the order of EVENT_ORDER; a dated event of the same kind on the same
    day from the row and from the history is one event (the history's).
    """
    from_history: list[TimelineEvent] = []
    if history is not None and len(history):
        subjects = column_values(history, HistCol.SUBJECT)
        for entry, subject in zip(entries(history), subjects):
            if entry.at is None:
                continue  # an unreadable date: a data issue, not a point on the axis
            if entry.received:
                kind = EVENT_REPLY
            elif entry.thank_you:
                kind = EVENT_THANK_YOU
            elif entry.counted:
                kind = EVENT_FOLLOW_UP
            else:
                kind = EVENT_MESSAGE
            subject_text = "" if subject is None or pd.isna(subject) else str(subject).strip()
            from_history.append(TimelineEvent(entry.at, kind, _joined(str(entry.kind), entry.medium, subject_text)))
    seen = {(e.event, _day(e.at)) for e in from_history}
    from_row: list[TimelineEvent] = []
    for at, kind, detail in (
        (_as_moment(app.applied_on), EVENT_APPLIED, app.source),
        (app.interview_on, EVENT_INTERVIEW, _joined(app.interview_round, app.interviewer)),
        (app.thank_you_sent_on, EVENT_THANK_YOU, ""),
        (app.last_follow_up_on, EVENT_FOLLOW_UP, app.follow_up_medium),
        (app.response_on, EVENT_REPLY, app.outcome),
        (_as_moment(app.response_expected_by), EVENT_EXPECTED, ""),
        (_as_moment(app.offer_deadline), EVENT_OFFER_DEADLINE, ""),
    ):
        if at is not None and (kind, _day(at)) not in seen:
            from_row.append(TimelineEvent(at, kind, detail))
    events = [*from_row, *from_history, TimelineEvent(_as_moment(now) or datetime.combine(now, datetime.min.time()), EVENT_TODAY, app.status)]
    return sorted(events, key=lambda e: (e.at, EVENT_ORDER.index(e.event)))


# Label rows, in pixels from the axis (negative is above): near ones first, then farther out.
LABEL_ROWS: tuple[int, ...] = (-20, 20, -40, 40)
# Labels are placed for the narrowest screen: a phone's axis is about this wide, and a
# character of the labels' 11 px font about this wide; a wider screen has room to spare.
AXIS_PX = 330
CHAR_PX = 6.2
LABEL_PAD_PX = 8  # between two labels in one row
EDGE = 0.25  # a label this near an end of the axis grows inward, so it is not cut off


@dataclass(frozen=True)
class LabelPlace:
    """Where an event's name sits: `offset` pixels from the axis, growing `anchor`-wards."""

    offset: int
    anchor: str  # "left" (text starts at the event), "center" or "right" (text ends at it)


def label_places(moments: list[datetime], names: list[str], lo: datetime, hi: datetime) -> list[LabelPlace]:
    """Return a place for each label (`names`) of events at `moments` on an axis from `lo` to `hi`.

    A label near an end grows inward; each takes the nearest row where it overlaps no label
    placed before it (on a phone-wide axis), or, when every row is taken there, the row it
    overlaps least.
    """
    width = (hi - lo).total_seconds() or 1.0
    taken: dict[int, list[tuple[float, float]]] = {row: [] for row in LABEL_ROWS}
    places: list[LabelPlace] = []
    for moment, name in zip(moments, names):
        at = (moment - lo).total_seconds() / width * AXIS_PX
        size = len(name) * CHAR_PX
        share = at / AXIS_PX
        anchor = "left" if share < EDGE else "right" if share > 1 - EDGE else "center"
        start = {"left": at, "right": at - size, "center": at - size / 2}[anchor]
        span = (start - LABEL_PAD_PX / 2, start + size + LABEL_PAD_PX / 2)

        def overlap(row: int, span: tuple[float, float] = span) -> float:
            return sum(max(0.0, min(span[1], b) - max(span[0], a)) for a, b in taken[row])

        row = min(LABEL_ROWS, key=lambda r: (overlap(r) > 0, overlap(r), LABEL_ROWS.index(r)))
        taken[row].append(span)
        places.append(LabelPlace(row, anchor))
    return places


def _name(event: TimelineEvent) -> str:
    """The label beside an event: its name; today's with the status now (typed in the sheet)."""
    if event.event == EVENT_TODAY and event.detail:
        return f"{EVENT_TODAY} · {event.detail}"
    return event.event


def _when(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d" if moment.time() == datetime.min.time() else "%Y-%m-%d %H:%M")


def application_timeline_chart(events: list[TimelineEvent]) -> go.Figure | None:
    """Return the small picture of `application_events`, or None when nothing but today is dated.

    A line joins the first event to the last; each event is a marker with its name beside it
    (placed by `label_places`; hover: the date and its detail), today a dotted line named with
    the status now. Sheet text goes through `literal.hover`.
    """
    if all(e.event == EVENT_TODAY for e in events):
        return None
    first, last = events[0].at, events[-1].at
    span = max(last - first, MIN_SPAN)
    pad = span * 0.06
    middle = first + (last - first) / 2
    lo, hi = min(first, middle - span / 2) - pad, max(last, middle + span / 2) + pad
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(x=[first, last], y=[0, 0], mode="lines", line={"color": c.NEUTRAL, "width": 2}, hoverinfo="skip",
                   showlegend=False)
    )
    for kind in EVENT_ORDER:
        part = [e for e in events if e.event == kind]
        if not part:
            continue
        style = EVENT_STYLE[kind]
        fig.add_trace(
            go.Scatter(
                name=kind,
                x=[e.at for e in part],
                y=[0] * len(part),
                mode="markers",
                marker={
                    "symbol": style["symbol"],
                    "size": style["size"],
                    "color": style["color"],
                    "line": {"color": style.get("line", style["color"]), "width": 1.2 if kind != EVENT_TODAY else 2},
                },
                customdata=[[_when(e.at), hover(e.detail)] for e in part],
                hovertemplate=f"<b>{kind}</b> %{{customdata[0]}}<br>%{{customdata[1]}}<extra></extra>",
                showlegend=False,
                cliponaxis=False,
            )
        )
    annotations = []
    names = [_name(e) for e in events]
    for event, name, place in zip(events, names, label_places([e.at for e in events], names, lo, hi)):
        annotations.append(
            {"x": event.at, "y": 0, "xref": "x", "yref": "y", "text": hover(name), "showarrow": True, "arrowhead": 0,
             "arrowwidth": 1, "arrowcolor": c.NEUTRAL, "ax": 0, "ay": place.offset, "xanchor": place.anchor,
             "yanchor": "bottom" if place.offset < 0 else "top", "font": {"size": 11}, "standoff": 6}
        )
    today = next(e.at for e in events if e.event == EVENT_TODAY)
    fig.update_layout(
        annotations=annotations,
        shapes=[{"type": "line", "xref": "x", "yref": "paper", "x0": today, "x1": today, "y0": 0.15, "y1": 0.85,
                 "line": {"dash": "dot", "color": c.NEUTRAL, "width": 1.5}}],
        height=HEIGHT,
        margin={"l": 12, "r": 12, "t": 4, "b": 4},
        showlegend=False,
        hoverlabel={"align": "left"},
        xaxis={"type": "date", "range": [lo, hi], "showgrid": False, "fixedrange": True, "nticks": 6},
        yaxis={"visible": False, "range": [-1, 1], "fixedrange": True},
    )
    return fig
