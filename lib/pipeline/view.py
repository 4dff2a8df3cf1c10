"""Everything the Pipeline page shows for one read of the data and one choice of filters.

Built in one go so the page can keep it for as long as the data and filters stay the same:
drawing seven charts is the slow part of the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from lib.domain.model import DataIssue
from lib.pipeline import charts, metrics


@dataclass(frozen=True)
class ChartView:
    """One chart, the numbers behind it (for the CSV download), and what to say when it is empty."""

    name: str
    figure: go.Figure | None
    numbers: pd.DataFrame
    empty_note: str


@dataclass(frozen=True)
class PipelineView:
    """The page's numbers and charts, in the order the page lays them out."""

    kpis: metrics.Kpis
    issues: list[DataIssue]
    rows: list[tuple[ChartView, ...]]


def build_pipeline(
    applications: pd.DataFrame, followups: pd.DataFrame, filters: metrics.Filters, today: date, overdue: set[str]
) -> PipelineView | None:
    """Return the view for the applications that match `filters`, or None when none match.

    `overdue` holds the IDs the planner calls overdue; their timeline bars stand out.
    """
    apps, history = metrics.apply_filters(applications, followups, filters)
    facts = metrics.application_facts(apps, history)
    k = metrics.kpis(apps, history, facts)
    if k.applications == 0:
        return None

    def view(name: str, numbers: pd.DataFrame, figure: go.Figure | None, empty_note: str) -> ChartView:
        return ChartView(name, figure, numbers, empty_note)

    funnel = metrics.funnel(apps, history, facts)
    flow = metrics.flow(apps, history, facts)
    timeline = metrics.timeline(apps, history, today, overdue, facts)
    shown = metrics.timeline_window(timeline, charts.TIMELINE_MAX_ROWS)
    events = metrics.timeline_events(apps, history, facts, ids=shown["ID"])
    by_week = metrics.response_rate_by_week(apps, history, facts)
    by_source = metrics.response_rate_by_source(apps, history, facts)
    effect = metrics.follow_up_effect(apps, history, facts)
    times = metrics.response_times(apps, facts)
    return PipelineView(
        kpis=k,
        issues=metrics.data_issues(applications),
        rows=[
            (view("funnel", funnel, charts.funnel_chart(funnel), "Nothing to show yet."),
             view("flow", flow, charts.flow_chart(flow), "Nothing to show yet.")),
            (view("timeline", timeline, charts.timeline_chart(timeline, events, today), "No applications to draw."),),
            (view("by-week", by_week, charts.response_rate_by_week_chart(by_week), "No applications to group by week."),
             view("by-source", by_source, charts.response_rate_by_source_chart(by_source), "No applications to group by source.")),
            (view("follow-ups", effect, charts.follow_up_chart(effect), "No applications to compare."),
             view("response-times", times, charts.response_time_chart(times, k.median_days_to_response),
                  "No response dates yet: fill in Response On when an employer replies to see how long it takes.")),
        ],
    )
