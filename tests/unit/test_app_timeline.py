"""The application's own timeline: which events, in which order, on which days, drawn safely."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd

from lib.domain.literal import hover
from lib.domain.model import followups_frame
from lib.domain.records import read_application
from lib.pipeline import app_timeline as t

TODAY = date(2026, 3, 20)


def app(**cells: object):
    return read_application({"ID": "A-1", "Company": "Acme", "Job Title": "Analyst", "Status": "Interviewing", **cells})


def history(*rows: dict[str, object]) -> pd.DataFrame:
    return followups_frame([{"Application ID": "A-1", **r} for r in rows])


def story(events: list[t.TimelineEvent]) -> list[tuple[str, str]]:
    return [(e.event, e.at.strftime("%Y-%m-%d")) for e in events]


def test_the_whole_story_in_time_order_with_today_at_its_place() -> None:
    record = app(
        **{
            "Applied On": "2026-02-02", "Interview On": "2026-02-16 10:00", "Interview Round": "Second",
            "Thank-You Sent On": "2026-02-16 15:00", "Response Expected By": "2026-03-27",
            "Response On": "2026-03-18", "Outcome": "next round",
        }
    )  # fmt: skip
    rows = history(
        {"Date": "2026-03-02 09:00", "Direction": "Sent", "Kind": "Follow-up", "Medium": "Email", "Subject": "Checking in"},
        {"Date": "2026-02-16 15:00", "Direction": "Sent", "Kind": "Thank-you", "Medium": "Email"},
        {"Date": "2026-03-10", "Direction": "", "Kind": "Feedback request", "Medium": "LinkedIn"},
        {"Date": "2026-03-18 11:00", "Direction": "Received", "Kind": "Reply", "Medium": "Email", "Subject": "Next steps"},
    )
    events = t.application_events(record, rows, TODAY)
    assert story(events) == [
        ("Applied", "2026-02-02"),
        ("Interview", "2026-02-16"),
        ("Thank-you", "2026-02-16"),  # the row's and the history's on the same day: one
        ("Follow-up", "2026-03-02"),
        ("Message sent", "2026-03-10"),
        ("Reply", "2026-03-18"),  # the history's, with its subject
        ("Today", "2026-03-20"),
        ("Answer expected", "2026-03-27"),
    ]
    by_kind = {e.event: e for e in events}
    assert by_kind["Interview"].detail == "Second"
    assert by_kind["Reply"].detail == "Reply · Email · Next steps"
    assert by_kind["Today"].detail == "Interviewing"


def test_each_follow_up_in_the_history_is_its_own_event() -> None:
    rows = history(
        {"Date": "2026-03-09", "Direction": "Sent", "Kind": "Final"},
        {"Date": "2026-02-23", "Direction": "Sent", "Kind": ""},  # a blank kind is a follow-up
        {"Date": "2026-03-02", "Direction": "Sent", "Kind": "Check-in"},
    )
    record = app(**{"Applied On": "2026-02-09", "Last Follow-Up On": "2026-03-09"})
    assert story(t.application_events(record, rows, TODAY)) == [
        ("Applied", "2026-02-09"), ("Follow-up", "2026-02-23"), ("Follow-up", "2026-03-02"),
        ("Follow-up", "2026-03-09"), ("Today", "2026-03-20"),
    ]  # fmt: skip


def test_the_row_alone_tells_the_story_when_there_is_no_history() -> None:
    record = app(**{"Applied On": "2026-02-09", "Last Follow-Up On": "2026-03-02 10:00", "Follow-Up Medium": "Phone",
                    "Response On": "2026-03-05", "Offer Deadline": "2026-03-25", "Status": "Offer"})
    events = t.application_events(record, None, TODAY)
    assert story(events) == [
        ("Applied", "2026-02-09"), ("Follow-up", "2026-03-02"), ("Reply", "2026-03-05"),
        ("Today", "2026-03-20"), ("Offer deadline", "2026-03-25"),
    ]  # fmt: skip
    assert events[1].detail == "Phone"


def test_an_application_with_only_an_applied_date_gets_a_small_picture() -> None:
    events = t.application_events(app(**{"Applied On": "2026-03-18", "Status": "Applied"}), history(), TODAY)
    assert story(events) == [("Applied", "2026-03-18"), ("Today", "2026-03-20")]
    fig = t.application_timeline_chart(events)
    assert fig is not None
    lo, hi = (pd.Timestamp(x) for x in fig.layout.xaxis.range)
    assert hi - lo >= pd.Timedelta(t.MIN_SPAN), "two days apart still get a readable axis"
    assert lo < pd.Timestamp("2026-03-18") and hi > pd.Timestamp("2026-03-20")


def test_unreadable_dates_are_left_out_not_guessed() -> None:
    record = app(**{"Applied On": "last spring", "Interview On": "the 14th", "Response On": "2026-13-45"})
    rows = history({"Date": None, "Direction": "Sent", "Kind": "Follow-up"})
    events = t.application_events(record, rows, TODAY)
    assert story(events) == [("Today", "2026-03-20")]
    assert t.application_timeline_chart(events) is None  # the page says there is nothing dated yet


def test_a_same_day_tie_keeps_the_days_order() -> None:
    record = app(**{"Applied On": "2026-03-20", "Interview On": "2026-03-20"})
    assert [e.event for e in t.application_events(record, None, TODAY)] == ["Applied", "Interview", "Today"]


def test_sheet_text_in_the_picture_is_escaped_for_plotly() -> None:
    record = app(**{"Applied On": "2026-03-02", "Source": "<a href='https://evil.example'>x</a>",
                    "Status": "<b>Hired</b> & <img src=https://evil.example/t.png>"})
    rows = history({"Date": "2026-03-09", "Direction": "Sent", "Kind": "Follow-up", "Subject": "<i>hi</i><br>there"})
    fig = t.application_timeline_chart(t.application_events(record, rows, TODAY))
    assert fig is not None
    texts = [str(d) for trace in fig.data for d in (trace.customdata or ())] + [a.text for a in fig.layout.annotations]
    joined = " ".join(texts)
    assert "<a " not in joined and "<img" not in joined and "<i>" not in joined and "<b>Hired" not in joined
    assert any(hover("<a href='https://evil.example'>x</a>") in x for x in texts)
    assert any(f"Today · {hover('<b>Hired</b> & <img src=https://evil.example/t.png>')}" == x for x in texts)


def test_the_picture_has_every_event_with_its_date_and_today_marked() -> None:
    record = app(**{"Applied On": "2026-02-02", "Interview On": "2026-02-16 10:00", "Thank-You Sent On": "2026-02-16 18:00"})
    events = t.application_events(record, None, TODAY)
    fig = t.application_timeline_chart(events)
    assert fig is not None
    drawn = {trace.name: [pd.Timestamp(x) for x in trace.x] for trace in fig.data if trace.name}
    assert drawn == {
        "Applied": [pd.Timestamp("2026-02-02")],
        "Interview": [pd.Timestamp("2026-02-16 10:00")],
        "Thank-you": [pd.Timestamp("2026-02-16 18:00")],
        "Today": [pd.Timestamp(TODAY)],
    }
    (line,) = [s for s in fig.layout.shapes if s.type == "line"]
    assert pd.Timestamp(line.x0) == pd.Timestamp(TODAY)
    assert fig.layout.height == t.HEIGHT


def test_markers_and_lines_read_on_light_and_dark() -> None:
    from tests.unit.test_views_chart_theme import readable_on_both

    for name, style in t.EVENT_STYLE.items():
        assert readable_on_both(str(style["color"]), str(style.get("line", style["color"]))), name
    fig = t.application_timeline_chart(t.application_events(app(**{"Applied On": "2026-03-01"}), None, TODAY))
    assert fig is not None
    assert all(readable_on_both(s.line.color) for s in fig.layout.shapes)
    assert readable_on_both(fig.data[0].line.color)  # the line joining the events


def test_events_are_datetimes_for_the_axis() -> None:
    events = t.application_events(app(**{"Applied On": "2026-03-01", "Offer Deadline": "2026-04-01"}), None, TODAY)
    assert all(type(e.at) is datetime for e in events)


def test_each_event_is_named_beside_it() -> None:
    record = app(**{"Applied On": "2026-02-02", "Interview On": "2026-02-16 10:00", "Status": "Interviewing"})
    events = t.application_events(record, None, TODAY)
    fig = t.application_timeline_chart(events)
    assert fig is not None
    names = [(a.text, pd.Timestamp(a.x)) for a in fig.layout.annotations]
    assert names == [("Applied", pd.Timestamp("2026-02-02")), ("Interview", pd.Timestamp("2026-02-16 10:00")),
                     ("Today · Interviewing", pd.Timestamp(TODAY))]


def at(day: int) -> datetime:
    return datetime(2026, 3, day)


def test_labels_of_close_events_go_to_other_rows() -> None:
    places = t.label_places([at(1), at(2), at(3), at(4), at(30)], ["Interview"] * 5, at(1), at(31))
    offsets = [p.offset for p in places]
    assert len(set(offsets[:4])) == 4, "four events in four days: four rows"
    assert offsets[4] == t.LABEL_ROWS[0], "one far away goes back to the first row"


def test_labels_far_apart_share_the_first_row() -> None:
    places = t.label_places([at(1), at(11), at(21), at(31)], ["Reply"] * 4, at(1), at(31))
    assert [p.offset for p in places] == [t.LABEL_ROWS[0]] * 4


def test_labels_near_the_ends_grow_inward() -> None:
    places = t.label_places([at(1), at(16), at(31)], ["Reply"] * 3, at(1), at(31))
    assert [p.anchor for p in places] == ["left", "center", "right"]


def test_a_long_label_growing_inward_keeps_clear_of_its_neighbour() -> None:
    # "Today · Interviewing" ends at today, so it reaches back over the days before it.
    places = t.label_places([at(1), at(25), at(31)], ["Applied", "Thank-you", "Today · Interviewing"], at(1), at(31))
    assert places[2].anchor == "right" and places[2].offset != places[1].offset


def test_more_close_events_than_rows_still_get_a_place() -> None:
    places = t.label_places([at(1)] * 7, ["Follow-up"] * 7, at(1), at(31))
    assert len(places) == 7 and {p.offset for p in places} == set(t.LABEL_ROWS)


def test_what_happened_earlier_today_comes_before_the_today_marker() -> None:
    record = app(**{"Applied On": "2026-03-01", "Interview On": "2026-03-20 10:00", "Thank-You Sent On": "2026-03-20 15:00"})
    events = t.application_events(record, None, datetime(2026, 3, 20, 16, 30))
    assert [e.event for e in events] == ["Applied", "Interview", "Thank-you", "Today"]
