"""The Pipeline's figures in both themes, names a person tells apart, and bars that reach today."""

from __future__ import annotations

import re
from datetime import date

import pandas as pd
import pytest

from lib.domain.model import applications_frame, followups_frame
from lib.io.demo import demo_records
from lib.pipeline import charts as c
from lib.pipeline import metrics as m
from lib.pipeline.view import build_pipeline

TODAY = date(2026, 3, 2)
BACKGROUNDS = {"light": (255, 255, 255), "dark": (17, 24, 39)}  # .streamlit/config.toml


def rgb(colour: str) -> tuple[tuple[int, int, int], float]:
    """Return (r, g, b), alpha of "#rrggbb" or "rgba(r, g, b, a)"."""
    if colour.startswith("#"):
        h = colour.lstrip("#")
        return (int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)), 1.0
    r, g, b, *a = (float(x) for x in re.findall(r"[\d.]+", colour))
    return (int(r), int(g), int(b)), a[0] if a else 1.0


def contrast(one: tuple[int, int, int], two: tuple[int, int, int]) -> float:
    def lum(c: tuple[int, int, int]) -> float:
        ch = [v / 255 for v in c]
        ch = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in ch]
        return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2]

    a, b = sorted((lum(one), lum(two)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def readable_on_both(*colours: str, at_least: float = 2.0) -> bool:
    """True when, on each background, one of `colours` stands out from it."""
    return all(any(contrast(rgb(c)[0], bg) >= at_least for c in colours) for bg in BACKGROUNDS.values())


def demo_view():
    apps, history = demo_records(TODAY)
    view = build_pipeline(applications_frame(apps), followups_frame(history), m.Filters(), TODAY, set())
    assert view is not None
    return {chart.name: chart.figure for row in view.rows for chart in row if chart.figure is not None}


def test_timeline_markers_show_on_light_and_dark() -> None:
    for name, style in c.EVENT_STYLE.items():
        assert readable_on_both(str(style["color"]), str(style.get("line", style["color"]))), name


def test_lines_and_notes_show_on_light_and_dark() -> None:
    figures = demo_view()
    seen = 0
    for name, fig in figures.items():
        for shape in fig.layout.shapes:
            if shape.type == "line":
                assert readable_on_both(shape.line.color), (name, shape.line.color)
                seen += 1
        for note in fig.layout.annotations:
            if note.font.color:
                assert readable_on_both(note.font.color), (name, note.font.color)
            if note.bgcolor:
                assert rgb(note.bgcolor)[1] < 0.5, (name, note.bgcolor)  # see-through: no white box on dark
    assert seen >= 1


def test_funnel_connectors_do_not_glare_on_dark() -> None:
    fig = demo_view()["funnel"]
    fill = fig.data[0].connector.fillcolor
    colour, alpha = rgb(fill)
    assert alpha < 0.5 or contrast(colour, BACKGROUNDS["dark"]) < 3, fill


def test_flow_labels_have_no_halo_on_dark() -> None:
    fig = demo_view()["flow"]
    assert fig.data[0].textfont.shadow == "none"  # plotly's default white halo glares on the dark background


def test_flow_names_are_told_apart() -> None:
    a = applications_frame([
        {"Status": "Applied", "Applied On": "2026-01-05"},
        {"Status": "No Response", "Applied On": "2026-01-06"},
        {"Status": "Interviewing", "Applied On": "2026-01-07", "Interview On": "2026-01-20 10:00"},
    ])
    labels = [re.sub(r" \(\d[\d,]*\)$", "", label) for label in c.flow_chart(m.flow(a, followups_frame([]))).data[0].node.label]
    assert len(labels) == len(set(labels))
    words = [set(re.findall(r"\w+", label.lower())) for label in labels]
    for i, one in enumerate(words):
        for two in words[i + 1:]:
            assert not (one < two or two < one), labels  # no name is another's with a word added
    assert any("waiting" in label.lower() for label in labels)


@pytest.mark.parametrize("status", ["Applied", "Interviewing", "Offer"])
def test_bars_of_open_applications_reach_today(status: str) -> None:
    a = applications_frame([
        {"ID": "A1", "Company": "Acme", "Job Title": "Analyst", "Status": status, "Applied On": "2026-01-05",
         "Response On": "2026-01-12 15:00", "Interview On": "2026-02-20 10:00"},
        {"ID": "A2", "Company": "Beta", "Job Title": "Engineer", "Status": "Rejected", "Applied On": "2026-01-06",
         "Response On": "2026-01-20 15:00"},
    ])
    h = followups_frame([{"Application ID": "A1", "Date": "2026-02-25 10:00", "Direction": "Sent", "Kind": "Follow-up"}])
    fig = c.timeline_chart(m.timeline(a, h, TODAY), m.timeline_events(a, h), TODAY)
    ends = {}
    for bar in (t for t in fig.data if t.type == "bar" and t.name != "⚠ Overdue"):
        for label, base, length in zip(bar.y, bar.base, bar.x):
            ends[label] = pd.Timestamp(base) + pd.Timedelta(milliseconds=length)
    assert ends["Acme · Analyst"] >= pd.Timestamp(TODAY)  # open: the follow-up after the reply sits on the bar
    assert ends["Beta · Engineer"] == pd.Timestamp("2026-01-20 15:00")  # closed: ends at its last reply
