"""Pipeline: how the search is going, and what gets responses."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from lib import charts, metrics, state
from lib.export import safe_csv
from lib.model import DataIssue, Dataset
from lib.rules import Urgency
from lib.schema import STATUSES


def _percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate:.0%}"


def filters(apps: pd.DataFrame) -> metrics.Filters:
    applied = apps.loc[apps["Applied On"].notna()]
    sources = sorted(set(metrics.source_labels(applied)), key=lambda s: (s == metrics.NOT_RECORDED, s.casefold()))
    statuses = [s for s in STATUSES if s != "Wishlist" and s in set(applied["Status"])]
    span_col, source_col, status_col = st.columns([2, 3, 3])
    first, last = applied["Applied On"].min().date(), max(applied["Applied On"].max().date(), state.today())
    span = span_col.date_input(
        "Applied between", value=(), min_value=first, max_value=last, key="pipeline.applied", format="YYYY-MM-DD"
    )
    start, end = (tuple(span) + (None, None))[:2] if isinstance(span, (tuple, list)) else (span, None)
    chosen_sources = source_col.multiselect("Source", sources, key="pipeline.source", placeholder="All sources")
    chosen_statuses = status_col.multiselect("Status", statuses, key="pipeline.status", placeholder="All statuses")
    return metrics.Filters(start=start, end=end, sources=tuple(chosen_sources), statuses=tuple(chosen_statuses))


def headline(k: metrics.Kpis) -> None:
    cols = st.columns(6)
    cols[0].metric("Applications", f"{k.applications:,}", help="Rows with an Applied On date; Wishlist rows do not count.")
    cols[1].metric(
        "Response rate", _percent(k.response_rate),
        help=f"{k.responses:,} of {k.applications:,} applications got a response (a rejection counts).",
    )
    cols[2].metric(
        "Interview rate", _percent(k.interview_rate),
        help=f"{k.interviews:,} of {k.applications:,} applications reached an interview.",
    )
    cols[3].metric(
        "Offer rate", _percent(k.offer_rate),
        help=f"{k.offers:,} offers from {k.interviews:,} applications that reached an interview.",
    )
    days = "—" if k.median_days_to_response is None else f"{k.median_days_to_response:g}"
    cols[4].metric(
        "Days to a response", days,
        help="The median number of days from applying, or from the interview for responses after it, to Response On.",
    )
    cols[5].metric("Active", f"{k.active:,}", help="Applications still Applied, Interviewing or at Offer.")
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


def chart(name: str, figure: go.Figure | None, numbers: pd.DataFrame, empty_note: str) -> None:
    """Show one chart with the CSV of its numbers, or a short note when there is nothing to draw."""
    if figure is None:
        st.info(empty_note, icon=":material/info:")
        return
    st.plotly_chart(figure, width="stretch", key=f"pipeline.chart.{name}")
    st.download_button(
        "Download the numbers (CSV)", lambda: safe_csv(numbers), file_name=f"pipeline-{name}.csv", mime="text/csv",
        key=f"pipeline.csv.{name}", icon=":material/download:", type="tertiary",
    )


def overdue_ids(data: Dataset) -> set[str]:
    return {a.app_id for a in state.plan(data) if a.urgency is Urgency.OVERDUE}


def main() -> None:
    st.title("Pipeline")
    st.caption("How the search is going, and what gets responses.")
    data = state.dataset()
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
    apps, followups = metrics.apply_filters(all_apps, data.followups, chosen)
    facts = metrics.application_facts(apps, followups)
    k = metrics.kpis(apps, followups, facts)
    if k.applications == 0:
        st.info("No applications match these filters.", icon=":material/filter_alt_off:")
        st.caption(metrics.DEFINITIONS)
        return
    headline(k)
    st.caption(metrics.DEFINITIONS)
    issues_note(metrics.data_issues(all_apps))

    left, right = st.columns(2)
    with left:
        numbers = metrics.funnel(apps, followups, facts)
        chart("funnel", charts.funnel_chart(numbers), numbers, "Nothing to show yet.")
    with right:
        numbers = metrics.flow(apps, followups, facts)
        chart("flow", charts.flow_chart(numbers), numbers, "Nothing to show yet.")

    rows = metrics.timeline(apps, followups, state.today(), overdue_ids(data), facts)
    shown = metrics.timeline_window(rows, charts.TIMELINE_MAX_ROWS)
    events = metrics.timeline_events(apps, followups, facts, ids=shown["ID"])
    chart("timeline", charts.timeline_chart(rows, events, state.today()), rows, "No applications to draw.")

    left, right = st.columns(2)
    with left:
        numbers = metrics.response_rate_by_week(apps, followups, facts)
        chart("by-week", charts.response_rate_by_week_chart(numbers), numbers, "No applications to group by week.")
    with right:
        numbers = metrics.response_rate_by_source(apps, followups, facts)
        chart("by-source", charts.response_rate_by_source_chart(numbers), numbers, "No applications to group by source.")

    left, right = st.columns(2)
    with left:
        numbers = metrics.follow_up_effect(apps, followups, facts)
        chart("follow-ups", charts.follow_up_chart(numbers), numbers, "No applications to compare.")
    with right:
        numbers = metrics.response_times(apps, facts)
        chart(
            "response-times", charts.response_time_chart(numbers, k.median_days_to_response), numbers,
            "No response dates yet: fill in Response On when an employer replies to see how long it takes.",
        )


main()
