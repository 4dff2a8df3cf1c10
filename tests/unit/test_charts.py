"""Pipeline figures: the data inside each figure, and None for nothing to draw."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from lib.domain.model import applications_frame, followups_frame
from lib.domain.schema import STATUSES
from lib.pipeline import charts as c
from lib.pipeline import metrics as m

TODAY = date(2026, 3, 2)
NO_HISTORY = followups_frame([])
DAY_MS = 86_400_000


def search() -> tuple[pd.DataFrame, pd.DataFrame]:
    a = applications_frame([
        {"ID": "A1", "Company": "Acme", "Job Title": "Analyst", "Source": "LinkedIn", "Status": "Rejected",
         "Applied On": "2026-01-05", "Response On": "2026-01-12 15:00"},
        {"ID": "A2", "Company": "Beta", "Job Title": "Engineer", "Source": "Referral", "Status": "Offer",
         "Applied On": "2026-01-06", "Interview On": "2026-01-16 10:00", "Response On": "2026-01-20 15:00"},
        {"ID": "A3", "Company": "Cedar", "Job Title": "Analyst", "Source": "LinkedIn", "Status": "Interviewing",
         "Applied On": "2026-01-07", "Interview On": "2026-01-20 11:00"},
        {"ID": "A4", "Company": "Delta", "Job Title": "Scientist", "Source": "Job board", "Status": "Applied",
         "Applied On": "2026-02-20"},
    ])
    h = followups_frame([
        {"Application ID": "A4", "Date": "2026-02-27 10:00", "Direction": "Sent", "Medium": "Email", "Kind": "Follow-up"},
        {"Application ID": "A2", "Date": "2026-01-16 18:00", "Direction": "Sent", "Medium": "Email", "Kind": "Thank-you"},
    ])
    return a, h


EMPTY = applications_frame([])


@pytest.mark.parametrize(
    "build",
    [
        lambda a, h: c.funnel_chart(m.funnel(a, h)),
        lambda a, h: c.flow_chart(m.flow(a, h)),
        lambda a, h: c.timeline_chart(m.timeline(a, h, TODAY), m.timeline_events(a, h), TODAY),
        lambda a, h: c.response_rate_by_week_chart(m.response_rate_by_week(a, h)),
        lambda a, h: c.response_rate_by_source_chart(m.response_rate_by_source(a, h)),
        lambda a, h: c.follow_up_chart(m.follow_up_effect(a, h)),
        lambda a, h: c.response_time_chart(m.response_times(a)),
    ],
    ids=["funnel", "flow", "timeline", "week", "source", "follow-up", "response-time"],
)
@pytest.mark.parametrize(
    "records", [[], [{"Status": "Wishlist", "Company": "Kite"}]], ids=["empty", "all-wishlist"]
)
def test_nothing_to_draw_gives_none(build, records):
    assert build(applications_frame(records), NO_HISTORY) is None


def test_every_status_has_one_colour():
    assert set(c.STATUS_COLORS) == set(STATUSES)
    assert len(set(c.STATUS_COLORS.values())) == len(STATUSES)
    assert c.status_color("") == c.STATUS_COLORS["Applied"]


def test_funnel_chart_data():
    fig = c.funnel_chart(m.funnel(*search()))
    trace = fig.data[0]
    assert list(trace.y) == ["Applied", "Responded or interviewed", "Interviewed", "Offer"]
    assert list(trace.x) == [4, 3, 2, 1]
    assert list(trace.text) == ["4 (100%)", "3 (75%)", "2 (50%)", "1 (25%)"]
    assert fig.layout.title.text == "How far applications got"


def test_flow_chart_nodes_and_links():
    fig = c.flow_chart(m.flow(*search()))
    sankey = fig.data[0]
    labels = list(sankey.node.label)
    assert labels[0] == "Applied (4)"
    assert "Interviewed (2)" in labels and "No interview (2)" in labels
    links = {(labels[s], labels[t]): v for s, t, v in zip(sankey.link.source, sankey.link.target, sankey.link.value)}
    assert links[("Applied (4)", "Interviewed (2)")] == 2
    assert links[("Interviewed (2)", "Offer (1)")] == 1
    assert links[("No interview (2)", "Rejected (1)")] == 1
    assert sankey.node.color[labels.index("Rejected (1)")] == c.STATUS_COLORS["Rejected"]


def test_timeline_chart_bars_markers_and_overdue():
    a, h = search()
    rows = m.timeline(a, h, TODAY, overdue_ids={"A4"})
    fig = c.timeline_chart(rows, m.timeline_events(a, h), TODAY)
    bars = {t.name: t for t in fig.data if t.type == "bar"}
    assert set(bars) == {"Interviewing", "Offer", "Rejected", "Applied", "⚠ Overdue"}
    rejected = bars["Rejected"]
    assert list(rejected.y) == ["Acme · Analyst"]
    assert pd.Timestamp(rejected.base[0]) == pd.Timestamp("2026-01-05")
    assert rejected.x[0] == pytest.approx((pd.Timestamp("2026-01-12 15:00") - pd.Timestamp("2026-01-05")).total_seconds() * 1000)
    assert list(rejected.customdata[0][:2]) == ["Acme", "Analyst"]  # hover names the job
    assert list(bars["⚠ Overdue"].y) == ["⚠ Delta · Scientist"]
    assert list(bars["Applied"].y) == ["⚠ Delta · Scientist"]
    assert bars["Applied"].x[0] == pytest.approx(10 * DAY_MS)  # open: runs to today
    markers = {t.name: len(t.x) for t in fig.data if t.type == "scatter"}
    assert markers == {"Interview": 2, "Thank-you": 1, "Follow-up": 1, "Reply": 2}
    assert list(fig.layout.yaxis.categoryarray) == ["Acme · Analyst", "Beta · Engineer", "Cedar · Analyst", "⚠ Delta · Scientist"]


def test_timeline_chart_shows_a_readable_window_of_a_long_search():
    a = applications_frame([
        {"ID": f"A{i:03d}", "Company": f"Co {i}", "Job Title": "Analyst", "Applied On": pd.Timestamp("2025-06-01") + pd.Timedelta(days=i)}
        for i in range(200)
    ])
    fig = c.timeline_chart(m.timeline(a, NO_HISTORY, TODAY, overdue_ids={"A000"}), m.timeline_events(a, NO_HISTORY), TODAY, max_rows=60)
    shown = [label for t in fig.data if t.type == "bar" and not t.name.startswith("⚠") for label in t.y]
    assert len(shown) == 60
    assert "⚠ Co 0 · Analyst" in shown and "Co 199 · Analyst" in shown
    assert "Showing 60 of 200" in fig.layout.title.subtitle.text


def test_timeline_labels_are_unique():
    a = applications_frame([
        {"ID": "A1", "Company": "Acme", "Job Title": "Analyst", "Applied On": "2026-01-05"},
        {"ID": "A2", "Company": "Acme", "Job Title": "Analyst", "Applied On": "2026-02-05"},
    ])
    labels = c.timeline_labels(m.timeline(a, NO_HISTORY, TODAY))
    assert labels.tolist() == ["Acme · Analyst (A1)", "Acme · Analyst (A2)"]


def test_same_day_reply_still_shows_a_bar():
    a = applications_frame([{"ID": "A1", "Company": "Acme", "Job Title": "Analyst", "Status": "Rejected",
                             "Applied On": "2026-01-05", "Response On": "2026-01-05 00:00"}])
    fig = c.timeline_chart(m.timeline(a, NO_HISTORY, TODAY), m.timeline_events(a, NO_HISTORY))
    assert fig.data[0].x[0] == DAY_MS


def test_week_chart_labels_counts_and_mutes_small_weeks():
    fig = c.response_rate_by_week_chart(m.response_rate_by_week(*search()))
    bar = fig.data[0]
    assert list(bar.text) == ["2/3", "0/1"]  # A3's interview alone is no response
    assert list(bar.y) == pytest.approx([2 / 3, 0.0])
    assert [pd.Timestamp(x) for x in bar.x] == [pd.Timestamp("2026-01-05"), pd.Timestamp("2026-02-16")]
    assert list(bar.marker.opacity) == [c.MUTED_OPACITY, c.MUTED_OPACITY]  # fewer than 5 each


def test_source_chart_puts_most_used_on_top():
    fig = c.response_rate_by_source_chart(m.response_rate_by_source(*search()))
    bar = fig.data[0]
    assert bar.orientation == "h"
    assert list(bar.y) == ["Referral", "Job board", "LinkedIn"]  # bottom to top
    assert list(bar.text) == ["1/1", "0/1", "1/2"]
    assert list(bar.x) == pytest.approx([1.0, 0.0, 0.5])


def test_follow_up_chart_groups():
    fig = c.follow_up_chart(m.follow_up_effect(*search()))
    overall, by_medium = fig.data
    assert (overall.name, list(overall.x), list(overall.text)) == ("Overall", ["Followed up", "No follow-up"], ["0/1", "2/3"])
    assert (by_medium.name, list(by_medium.x), list(by_medium.text)) == ("By medium", ["Email"], ["0/1"])


def test_response_time_chart_bins_median_and_band():
    a = applications_frame([
        {"ID": f"A{i}", "Company": f"Co {i}", "Job Title": "Analyst", "Applied On": "2026-01-01",
         "Response On": pd.Timestamp("2026-01-01") + pd.Timedelta(days=d, hours=9)}
        for i, d in enumerate([3, 3, 10, 12, 20])
    ])
    fig = c.response_time_chart(m.response_times(a))
    bar = fig.data[0]
    assert bar.name == "After applying"
    assert dict(zip(bar.x, bar.y)) == {3: 2, 10: 1, 12: 1, 20: 1}
    assert "Co 0 – Analyst" in bar.customdata[0][2]  # hover lists who replied
    band, median = fig.layout.shapes
    assert (band.type, band.x0, band.x1) == ("rect", 7, 14)
    assert (median.type, median.x0) == ("line", 10.0)
    assert any(a.text == " median 10 days" for a in fig.layout.annotations)


def test_response_time_chart_uses_weeks_for_long_waits():
    a = applications_frame([
        {"ID": f"A{i}", "Company": "Co", "Job Title": "Analyst", "Applied On": "2025-10-01",
         "Response On": pd.Timestamp("2025-10-01") + pd.Timedelta(days=d)}
        for i, d in enumerate([1, 5, 90])
    ])
    bar = c.response_time_chart(m.response_times(a)).data[0]
    assert list(bar.y) == [2, 1]  # 1 and 5 share the first week; 90 falls in week 12
    assert list(bar.x) == [3, 87]  # bar centres


def test_response_time_chart_stacks_interview_replies():
    a, _ = search()
    fig = c.response_time_chart(m.response_times(a))
    assert [t.name for t in fig.data] == ["After applying", "After an interview"]
    assert list(fig.data[1].x) == [4] and list(fig.data[1].y) == [1]


def test_titles_start_at_the_figures_left_edge():
    """Measured from the plot, a title starts after the axis labels: on a phone the timeline's
    long names pushed "Applications over time" past the right edge."""
    a, h = search()
    figures = [
        c.timeline_chart(m.timeline(a, h, TODAY), m.timeline_events(a, h), TODAY),
        c.funnel_chart(m.funnel(a, h)),
    ]
    for fig in figures:
        assert fig.layout.title.xref == "container" and fig.layout.title.x == 0 and fig.layout.title.xanchor == "left"
