"""Pipeline: how the search is going, and what gets responses."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lib import ui
from lib.domain.model import DataIssue, Dataset
from lib.domain.schema import STATUSES
from lib.io.export import safe_csv
from lib.pipeline import metrics
from lib.pipeline.view import ChartView, build_pipeline
from lib.planner.rules import Urgency


def _percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate:.0%}"


def filters(apps: pd.DataFrame) -> metrics.Filters:
    applied = apps.loc[apps["Applied On"].notna()]
    sources = sorted(set(metrics.source_labels(applied)), key=lambda s: (s == metrics.NOT_RECORDED, s.casefold()))
    statuses = [s for s in STATUSES if s != "Wishlist" and s in set(applied["Status"])]
    span_col, source_col, status_col = st.columns(3)  # the date range needs a third to show both days
    first, last = applied["Applied On"].min().date(), max(applied["Applied On"].max().date(), ui.today())
    span = span_col.date_input(
        "Applied between", value=[], min_value=first, max_value=last, key="pipeline.applied", format="YYYY-MM-DD"
    )
    start, end = (tuple(span) + (None, None))[:2] if isinstance(span, (tuple, list)) else (span, None)
    chosen_sources = source_col.multiselect("Source", sources, key="pipeline.source", placeholder="All sources")
    chosen_statuses = status_col.multiselect("Status", statuses, key="pipeline.status", placeholder="All statuses")
    return metrics.Filters(start=start, end=end, sources=tuple(chosen_sources), statuses=tuple(chosen_statuses))


def headline(k: metrics.Kpis) -> None:
    box = ui.headline_row("pipeline.headline")
    box.metric("Applications", f"{k.applications:,}", help="Rows with an Applied On date; Wishlist rows do not count.",
               width="content")
    box.metric(
        "Response rate", _percent(k.response_rate), width="content",
        help=f"{k.responses:,} of {k.applications:,} applications got a response (a rejection counts).",
    )
    box.metric(
        "Interview rate", _percent(k.interview_rate), width="content",
        help=f"{k.interviews:,} of {k.applications:,} applications reached an interview.",
    )
    box.metric(
        "Offer rate", _percent(k.offer_rate), width="content",
        help=f"{k.offers:,} offers from {k.interviews:,} applications that reached an interview.",
    )
    days = "—" if k.median_days_to_response is None else f"{k.median_days_to_response:g}"
    box.metric(
        "Days to a response", days, width="content",
        help="The median number of days from applying, or from the interview for responses after it, to Response On.",
    )
    box.metric("Active", f"{k.active:,}", help="Applications still Applied, Interviewing or at Offer.", width="content")
    st.caption(
        f"{k.responses:,} of {k.applications:,} applications got a response, {k.interviews:,} reached an "
        f"interview and {k.offers:,} became an offer."
    )


def issues_note(issues: list[DataIssue]) -> None:
    if not issues:
        return
    with st.expander(f"{len(issues)} reply date(s) left out of the response times", icon=":material/report:"):
        st.dataframe(
            pd.DataFrame([{"Where": i.where, "What is wrong": i.message} for i in issues]),
            hide_index=True, key="pipeline.issues",
        )


def chart(view: ChartView) -> None:
    """Show one chart with the CSV of its numbers, or a short note when there is nothing to draw."""
    if view.figure is None:
        st.info(view.empty_note, icon=":material/info:")
        return
    st.plotly_chart(view.figure, width="stretch", key=f"pipeline.chart.{view.name}")
    st.download_button(
        "Download the numbers (CSV)", lambda: safe_csv(view.numbers), file_name=f"pipeline-{view.name}.csv",
        mime="text/csv", key=f"pipeline.csv.{view.name}", icon=":material/download:", type="tertiary", on_click="ignore",
    )


def main() -> None:
    st.title("Pipeline")
    st.caption("How the search is going, and what gets responses.")
    data = ui.dataset()
    all_apps = data.applications
    if not all_apps["Applied On"].notna().any():
        st.info(
            "No applications yet. The charts appear once an application has an Applied On date.",
            icon=":material/insights:",
        )
        st.page_link("app_pages/applications.py", label="Add an application", icon=":material/add:")
        st.caption(metrics.DEFINITIONS)
        return

    chosen = filters(all_apps)
    today = ui.today()
    view = ui.derived(
        "pipeline", data, (repr(chosen), today),
        lambda: build_pipeline(all_apps, data.followups, chosen, today, overdue_ids(data)),
    )
    if view is None:
        st.info("No applications match these filters.", icon=":material/filter_alt_off:")
        st.caption(metrics.DEFINITIONS)
        return
    headline(view.kpis)
    with st.expander("What the numbers count", icon=":material/help:"):  # a long paragraph; the ? on each number says it short
        st.caption(metrics.DEFINITIONS)
    issues_note(view.issues)
    for row in view.rows:
        for column, chart_view in zip(st.columns(len(row)), row):
            with column:
                chart(chart_view)


def overdue_ids(data: Dataset) -> set[str]:
    return {a.app_id for a in ui.plan(data) if a.urgency is Urgency.OVERDUE}


main()
