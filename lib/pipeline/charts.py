"""Plotly figures of the pipeline, built from the tidy frames of `lib.pipeline.metrics`.

Pure functions: a frame in, a `go.Figure` out, or None when there is nothing to draw (the
page then shows a short note instead of an empty axis). Colours come from one status map,
`STATUS_COLORS`, so a status looks the same in every chart.

The figures are built once for every viewer, before anyone's theme is known, and Streamlit
draws them on a white or a near-black background. So every colour here reads on both: fills
of middle lightness, markers with a contrasting outline, and neutral lines in `NEUTRAL` (a
grey as far from white as from near-black); never black, white or a pale grey on its own.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from lib.domain.facts import CLOSED_STATUSES
from lib.domain.fields import AppCol
from lib.domain.literal import hover
from lib.domain.vocab import Status
from lib.pipeline import metrics as m

STATUS_COLORS: dict[str, str] = {
    Status.WISHLIST: "#9AA5B1",
    Status.APPLIED: "#4C78A8",
    Status.INTERVIEWING: "#F58518",
    Status.OFFER: "#54A24B",
    Status.ACCEPTED: "#2E7D32",
    Status.REJECTED: "#E45756",
    Status.WITHDRAWN: "#B279A2",
    Status.NO_RESPONSE: "#A0A0A0",
}
NO_STATUS_COLOR = STATUS_COLORS[Status.APPLIED]  # a blank Status counts as still waiting
RESPONDED_COLOR = "#72B7B2"
OVERDUE_COLOR = "#C2185B"
BAND_COLOR = "#54A24B"
NEUTRAL = "#8B95A5"  # lines and notes: readable on the light and the dark theme alike
MARKER_EDGE = "#1F2937"  # a marker's outline: shows on light, and its bright fill shows on dark
NEUTRAL_FILL = "rgba(139, 149, 165, 0.22)"  # a see-through grey: the funnel's connectors, a label's box
MUTED_OPACITY = 0.45  # bars over fewer than SMALL_SAMPLE applications
TIMELINE_MAX_ROWS = 60

STAGE_COLORS: dict[str, str] = {
    m.STAGE_APPLIED: STATUS_COLORS[Status.APPLIED],
    m.STAGE_RESPONDED: RESPONDED_COLOR,
    m.STAGE_INTERVIEWED: STATUS_COLORS[Status.INTERVIEWING],
    m.STAGE_OFFER: STATUS_COLORS[Status.OFFER],
}
NODE_COLORS: dict[str, str] = {
    m.STAGE_APPLIED: STATUS_COLORS[Status.APPLIED],
    m.FLOW_INTERVIEWED: STATUS_COLORS[Status.INTERVIEWING],
    m.FLOW_NOT_INTERVIEWED: "#8C9BAB",
    **{outcome: STATUS_COLORS[status] for outcome, status in m.OUTCOME_STATUS.items()},
}
EVENT_STYLE: dict[str, dict[str, object]] = {
    m.EVENT_INTERVIEW: {"symbol": "star", "size": 14, "color": "#FACC15", "line": MARKER_EDGE},
    m.EVENT_THANK_YOU: {"symbol": "diamond", "size": 10, "color": "#C084FC", "line": MARKER_EDGE},
    m.EVENT_FOLLOW_UP: {"symbol": "triangle-right", "size": 11, "color": "#38BDF8", "line": MARKER_EDGE},
    m.EVENT_REPLY: {"symbol": "circle", "size": 9, "color": "#FFFFFF", "line": MARKER_EDGE},
}
# Names on the flow a person tells apart ("No response" and "No response yet" read alike).
FLOW_NAMES: dict[str, str] = {
    "No response yet": "Still waiting",
    "No response": "Closed, never answered",
    "Interviewing": "Still interviewing",  # beside "Interviewed" in the middle
}
FROM_LABELS: dict[str, str] = {
    m.FROM_APPLICATION: "After applying",
    m.FROM_INTERVIEW: "After an interview",
}
FROM_COLORS: dict[str, str] = {
    m.FROM_APPLICATION: STATUS_COLORS[Status.APPLIED],
    m.FROM_INTERVIEW: STATUS_COLORS[Status.INTERVIEWING],
}

_DAY_MS = 86_400_000


def status_color(status: str) -> str:
    """Return the colour of a status (a blank or unknown one looks like Applied)."""
    return STATUS_COLORS.get(status, NO_STATUS_COLOR)


def _layout(
    fig: go.Figure,
    title: str,
    subtitle: str = "",
    height: int | None = None,
    legend: str = "",
) -> go.Figure:
    """Apply the common layout: title and subtitle at the top, then the legend if any.

    `legend` is "" (none), "top" (a short legend just above the plot) or "bottom" (below the
    plot, for long legends that would wrap into the title on a narrow screen).
    """
    # Plotly does not wrap subtitles: long ones are written with <br> and need the room.
    lines = subtitle.count("<br>") + 1 if subtitle else 0
    top = 52 + 18 * lines + (26 if legend == "top" else 0)
    fig.update_layout(
        title={
            "text": title,
            "subtitle": {"text": subtitle},
            # From the figure's left edge, not the plot's: long axis labels (the timeline's names)
            # would push the title right, and on a phone past the edge.
            "x": 0.0,
            "xref": "container",
            "xanchor": "left",
            "y": 1.0,
            "yref": "container",
            "yanchor": "top",
            "pad": {"t": 14, "l": 10},
        },
        margin={"l": 10, "r": 10, "t": top, "b": 10},
        hoverlabel={"align": "left"},
        showlegend=bool(legend),
    )
    if legend == "top":
        fig.update_layout(
            legend={"orientation": "h", "traceorder": "normal", "x": 0.0, "xanchor": "left", "y": 1.0, "yanchor": "bottom"}
        )
    elif legend == "bottom":
        fig.update_layout(
            legend={"orientation": "h", "traceorder": "normal", "x": 0.0, "xanchor": "left",
                    "yref": "container", "y": 0.0, "yanchor": "bottom"}
        )
    if height:
        fig.update_layout(height=height)
    return fig


def share_label(part: int, whole: int) -> str:
    """Return "part/whole", the label on every rate bar (so 1/1 is not read as 100% of much)."""
    return f"{part:,}/{whole:,}"


def _empty(frame: pd.DataFrame, count_column: str) -> bool:
    return frame.empty or int(frame[count_column].sum()) == 0


# --- funnel and flow ----------------------------------------------------------------------


def funnel_chart(funnel: pd.DataFrame) -> go.Figure | None:
    """Return the funnel (applied -> responded -> interviewed -> offer) from `metrics.funnel`.

    Each stage is labelled with its count and its share of all applications; None when
    there are no applications.
    """
    if _empty(funnel, "Applications"):
        return None
    shares = funnel["Share of applied"].fillna(0)
    text = [f"{n:,} ({s:.0%})" for n, s in zip(funnel["Applications"], shares)]
    fig = go.Figure(
        go.Funnel(
            y=funnel["Stage"].tolist(),
            x=funnel["Applications"].tolist(),
            text=text,
            textinfo="text",
            # Narrow stages get their label beside the bar, where it stays readable.
            textposition=["inside" if s >= 0.3 else "outside" for s in shares],
            marker={"color": [STAGE_COLORS.get(s, NO_STATUS_COLOR) for s in funnel["Stage"]]},
            connector={"fillcolor": NEUTRAL_FILL, "line": {"width": 0}},
            customdata=np.column_stack([funnel["Share of previous stage"].fillna(0)]),
            hovertemplate="%{y}: %{x:,} applications<br>%{customdata[0]:.0%} of the stage before<extra></extra>",
        )
    )
    subtitle = "Each stage counts those that got at least that far"
    return _layout(fig, "How far applications got", subtitle, height=420)


def flow_chart(flow: pd.DataFrame) -> go.Figure | None:
    """Return a Sankey diagram of where applications ended, from `metrics.flow`.

    Nodes are labelled with their counts and coloured by status; None when there are no links.
    """
    if _empty(flow, "Applications"):
        return None
    names = list(dict.fromkeys([*flow["Source"], *flow["Target"]]))
    index = {name: i for i, name in enumerate(names)}
    inflow = flow.groupby("Target")["Applications"].sum()
    outflow = flow.groupby("Source")["Applications"].sum()
    totals = [int(inflow.get(n, outflow.get(n, 0))) for n in names]
    labels = [f"{hover(FLOW_NAMES.get(n, n))} ({t:,})" for n, t in zip(names, totals)]
    link_colors = [_rgba(NODE_COLORS.get(t, NO_STATUS_COLOR), 0.35) for t in flow["Target"]]
    fig = go.Figure(
        go.Sankey(
            arrangement="snap",
            textfont={"shadow": "none"},  # plotly's default white halo glares behind the labels in the dark theme
            node={
                "label": labels,
                "color": [NODE_COLORS.get(n, NO_STATUS_COLOR) for n in names],
                "pad": 18,
                "thickness": 16,
                "hovertemplate": "%{label}<extra></extra>",
            },
            link={
                "source": [index[s] for s in flow["Source"]],
                "target": [index[t] for t in flow["Target"]],
                "value": flow["Applications"].astype(int).tolist(),
                "color": link_colors,
                "hovertemplate": "%{source.label} → %{target.label}: %{value:,}<extra></extra>",
            },
        )
    )
    return _layout(
        fig, "Where applications ended up", "From applying, through an interview or not, to the status today", height=420
    )


def _rgba(hex_color: str, alpha: float) -> str:
    h = hex_color.lstrip("#")
    r, g, b = (int(h[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"


# --- timeline -----------------------------------------------------------------------------


def timeline_labels(rows: pd.DataFrame) -> pd.Series:
    """Return the y-axis label of each timeline row: "Company · Job Title", unique.

    Overdue rows start with "⚠ " so they stand out even without colour; a label that two
    applications share gets the application ID appended. Labels are written for plotly
    (`literal.hover`): "<", ">" and "&" from the sheet show as typed.
    """
    company, title = rows["Company"].astype(str).str.strip(), rows["Job Title"].astype(str).str.strip()
    base = (company + " · " + title).str.strip(" ·")
    base = base.where(base.str.len() <= 48, base.str.slice(0, 47) + "…")
    base = base.where(base != "", rows["ID"].astype(str))
    dup = base.duplicated(keep=False)
    base = base.where(~dup, base + " (" + rows["ID"].astype(str) + ")")
    base = base.where(~rows["Overdue"].astype(bool), "⚠ " + base)
    return base.map(hover)  # plotly reads HTML in tick labels: the text from the sheet shows as typed


def reaching_today(rows: pd.DataFrame, today: date | None) -> pd.DataFrame:
    """Return timeline rows whose open applications end today at the earliest.

    An open application is still going today, even with a reply logged: its bar reaches
    today, so the interviews and follow-ups after that reply sit on it, not past its end.
    Closed ones keep their end (the last reply or activity). Without `today`, `rows` as given.
    """
    if today is None or rows.empty:
        return rows
    day = pd.Timestamp(today)
    open_ = ~rows["Status"].isin(CLOSED_STATUSES) & (rows["End"] < day)
    if not open_.any():
        return rows
    out = rows.copy()
    out.loc[open_, "End"] = day
    out.loc[open_, "Ends At"] = m.END_TODAY
    out.loc[open_, "Days"] = (day - out.loc[open_, AppCol.APPLIED_ON].dt.normalize()).dt.days.astype("int64")
    return out


def timeline_chart(
    rows: pd.DataFrame,
    events: pd.DataFrame,
    today: date | None = None,
    max_rows: int = TIMELINE_MAX_ROWS,
) -> go.Figure | None:
    """Return the timeline: one bar per application, from applying to the reply (or today).

    `rows` come from `metrics.timeline`, `events` from `metrics.timeline_events`. Bars are
    coloured by status; overdue ones (the next step is late) get a thick outline and a "⚠"
    label. Markers show interviews, thank-you notes, follow-ups and replies. With more than `max_rows` rows only
    `metrics.timeline_window` is drawn, with a note saying so. A bar is at least one day long
    so same-day replies stay visible. None when there are no rows.
    """
    if rows.empty:
        return None
    shown = reaching_today(m.timeline_window(rows, max_rows).reset_index(drop=True), today)
    labels = timeline_labels(shown)
    fig = go.Figure()
    start = shown[AppCol.APPLIED_ON]
    length_ms = ((shown["End"] - start).dt.total_seconds() * 1000).clip(lower=_DAY_MS)
    present = set(shown["Status"])
    statuses = [st for st in STATUS_COLORS if st in present] + sorted(present - set(STATUS_COLORS))
    for status in statuses:
        part = shown["Status"] == status
        sub = shown.loc[part]
        overdue = sub["Overdue"].astype(bool)
        custom = np.column_stack(
            [
                sub["Company"].map(hover),
                sub["Job Title"].map(hover),
                sub["Status"].replace("", "(no status)").map(hover),
                sub[AppCol.APPLIED_ON].dt.strftime("%Y-%m-%d"),
                sub["End"].dt.strftime("%Y-%m-%d"),
                sub["Ends At"].map(hover),
                sub["Days"],
                np.where(overdue, "<br><b>Next step overdue</b>", ""),
            ]
        )
        fig.add_trace(
            go.Bar(
                name=hover(status) or "(no status)",
                orientation="h",
                y=labels[part].tolist(),
                base=sub[AppCol.APPLIED_ON].tolist(),
                x=length_ms[part].tolist(),
                marker={"color": status_color(status), "line": {"width": 0}},
                customdata=custom,
                hovertemplate=(
                    "<b>%{customdata[0]}</b><br>%{customdata[1]}<br>%{customdata[2]}"
                    "<br>Applied %{customdata[3]}, until %{customdata[4]} (%{customdata[5]})"
                    "<br>%{customdata[6]} days%{customdata[7]}<extra></extra>"
                ),
            )
        )
    late = shown["Overdue"].astype(bool)
    if late.any():
        # An outline drawn over the overdue bars, as its own trace so the legend explains it.
        fig.add_trace(
            go.Bar(
                name="⚠ Overdue",
                orientation="h",
                y=labels[late].tolist(),
                base=shown.loc[late, AppCol.APPLIED_ON].tolist(),
                x=length_ms[late].tolist(),
                marker={"color": "rgba(0,0,0,0)", "line": {"color": OVERDUE_COLOR, "width": 3}},
                hoverinfo="skip",
            )
        )
    label_of = dict(zip(shown["ID"], labels))
    ev = events.loc[events["ID"].isin(label_of)]
    info = shown.set_index("ID")
    for event in m.EVENTS:
        part = ev.loc[ev["Event"] == event]
        if part.empty:
            continue
        style = EVENT_STYLE[event]
        custom = np.column_stack(
            [
                part["ID"].map(info["Company"]).map(hover),
                part["ID"].map(info["Job Title"]).map(hover),
                part["Date"].dt.strftime("%Y-%m-%d"),
                part["Detail"].map(hover),
            ]
        )
        fig.add_trace(
            go.Scatter(
                name=event,
                mode="markers",
                x=part["Date"].tolist(),
                y=part["ID"].map(label_of).tolist(),
                marker={
                    "symbol": style["symbol"],
                    "size": style["size"],
                    "color": style["color"],
                    "line": {"color": style.get("line", style["color"]), "width": 1.2},
                },
                customdata=custom,
                hovertemplate=(
                    f"<b>{event}</b> %{{customdata[2]}}<br>%{{customdata[0]}}<br>%{{customdata[1]}}"
                    "<br>%{customdata[3]}<extra></extra>"
                ),
            )
        )
    if today is not None:
        day = pd.Timestamp(today)
        fig.update_layout(
            shapes=[{"type": "line", "xref": "x", "yref": "paper", "x0": day, "x1": day, "y0": 0, "y1": 1,
                     "line": {"dash": "dot", "color": NEUTRAL, "width": 1.5}}]
        )
    subtitle = "From applying to today while open; a closed one ends at its last reply or step"
    if len(shown) < len(rows):
        subtitle = (
            f"Showing {len(shown):,} of {len(rows):,}: the overdue ones and the most recent.<br>"
            "Narrow the filters to see others."
        )
    fig.update_layout(
        barmode="overlay",
        xaxis={"type": "date"},
        yaxis={
            "categoryorder": "array",
            "categoryarray": labels.tolist(),
            "range": [-0.6, len(shown) - 0.4],
            "automargin": True,
        },
    )
    # One row of 24 px per application, plus the title above and the legend below the dates
    # (plotly widens the bottom margin to fit the legend, which wraps on a narrow screen).
    height = max(360, 24 * len(shown) + 260)
    return _layout(fig, "Applications over time", subtitle, height=height, legend="bottom")


# --- response rates -----------------------------------------------------------------------


def _rate_bars(frame: pd.DataFrame, key: str, rate: str, part: str, whole: str, horizontal: bool) -> go.Bar:
    rates = frame[rate].fillna(0).tolist()
    text = [share_label(int(p), int(w)) for p, w in zip(frame[part], frame[whole])]
    opacity = [1.0 if n >= m.SMALL_SAMPLE else MUTED_OPACITY for n in frame[whole]]
    keys = [hover(k) if isinstance(k, str) else k for k in frame[key]]  # a source is typed in the sheet
    custom = np.column_stack([frame[part], frame[whole]])
    return go.Bar(
        x=rates if horizontal else keys,
        y=keys if horizontal else rates,
        orientation="h" if horizontal else "v",
        text=text,
        textposition="outside",
        cliponaxis=False,
        marker={"color": STATUS_COLORS[Status.APPLIED], "opacity": opacity},
        customdata=custom,
        hovertemplate=(
            ("%{y}" if horizontal else "%{x}")
            + ": %{customdata[0]:,} of %{customdata[1]:,} applications<extra></extra>"
        ),
    )


def response_rate_by_week_chart(weeks: pd.DataFrame) -> go.Figure | None:
    """Return the response rate per week of application, each bar labelled "responses/n".

    From `metrics.response_rate_by_week`; bars over fewer than SMALL_SAMPLE applications
    are paler. None when there are no applications.
    """
    if _empty(weeks, "Applications"):
        return None
    fig = _rate_figure(_rate_bars(weeks, "Week", "Response rate", "Responses", "Applications", horizontal=False))
    fig.data[0].hovertemplate = "Week of %{x|%d %b %Y}: %{customdata[0]:,} of %{customdata[1]:,} got a response<extra></extra>"
    fig.update_layout(
        xaxis={"type": "date", "title": "Week applied"},
        yaxis={"tickformat": ".0%", "range": [0, 1.15], "title": "Responded"},
    )
    return _layout(fig, "Response rate by week applied", _small_note())


def response_rate_by_source_chart(sources: pd.DataFrame) -> go.Figure | None:
    """Return the response rate per source, each bar labelled "responses/n", most used on top.

    From `metrics.response_rate_by_source`. None when there are no applications.
    """
    if _empty(sources, "Applications"):
        return None
    ordered = sources.iloc[::-1]  # plotly draws the first category at the bottom
    fig = _rate_figure(_rate_bars(ordered, "Source", "Response rate", "Responses", "Applications", horizontal=True))
    fig.data[0].hovertemplate = "%{y}: %{customdata[0]:,} of %{customdata[1]:,} got a response<extra></extra>"
    fig.update_layout(
        xaxis={"tickformat": ".0%", "range": [0, 1.2], "title": "Responded"},
        yaxis={"type": "category", "automargin": True},
    )
    return _layout(fig, "Response rate by source", _small_note(), height=max(300, 36 * len(sources) + 140))


def follow_up_chart(effect: pd.DataFrame) -> go.Figure | None:
    """Return reply rates with and without a follow-up, and by medium, labelled "replies/n".

    From `metrics.follow_up_effect`. None when there are no applications.
    """
    if _empty(effect, "Applications"):
        return None
    fig = _rate_figure()
    colors = {m.BREAKDOWN_OVERALL: STATUS_COLORS[Status.APPLIED], m.BREAKDOWN_MEDIUM: RESPONDED_COLOR}
    for breakdown in (m.BREAKDOWN_OVERALL, m.BREAKDOWN_MEDIUM):
        part = effect.loc[effect["Breakdown"] == breakdown]
        if part.empty:
            continue
        bar = _rate_bars(part, "Group", "Response rate", "Responses", "Applications", horizontal=False)
        bar.name = breakdown
        bar.marker.color = colors[breakdown]
        bar.hovertemplate = "%{x}: %{customdata[0]:,} of %{customdata[1]:,} got a response<extra></extra>"
        fig.add_trace(bar)
    fig.update_layout(yaxis={"tickformat": ".0%", "range": [0, 1.15], "title": "Responded"}, xaxis={"type": "category"})
    return _layout(
        fig,
        "Do follow-ups get a response?",
        "Only responses after the first follow-up count for it.<br>Quick responses never needed one: compare with care.",
        legend="top",
    )


def _rate_figure(*bars: go.Bar) -> go.Figure:
    # Labels too small to read on a crowded axis are hidden; the hover still has them.
    return go.Figure(list(bars), layout={"uniformtext": {"minsize": 9, "mode": "hide"}})


def _small_note() -> str:
    return f"Labels: responses/applications. Paler bars: fewer than {m.SMALL_SAMPLE}."


# --- time to response ---------------------------------------------------------------------


def response_time_chart(times: pd.DataFrame, median: float | None = None) -> go.Figure | None:
    """Return the distribution of days to a reply, with its median and the 7-14 day band.

    From `metrics.response_times` (and `metrics.median_days`, computed here when not given).
    Bars count replies per day (per week when the longest wait exceeds 60 days), stacked by
    whether the clock started at the application or the interview; hovering a bar lists the
    companies in it. None when there are no replies to measure.
    """
    if times.empty:
        return None
    if median is None:
        median = m.median_days(times)
    width = 1 if int(times["Days"].max()) <= 60 else 7
    fig = go.Figure()
    binned = times.assign(Bin=(times["Days"] // width) * width)
    binned["Who"] = (binned["Company"].astype(str) + " – " + binned["Job Title"].astype(str)).map(hover)
    for start_from in (m.FROM_APPLICATION, m.FROM_INTERVIEW):
        part = binned.loc[binned["From"] == start_from]
        if part.empty:
            continue
        grouped = part.groupby("Bin").agg(count=("ID", "size"), who=("Who", _name_list)).reset_index()
        fig.add_trace(
            go.Bar(
                name=FROM_LABELS[start_from],
                x=(grouped["Bin"] + (width - 1) / 2).tolist(),
                y=grouped["count"].tolist(),
                width=width * 0.9,
                marker={"color": FROM_COLORS[start_from]},
                customdata=np.column_stack([grouped["Bin"], grouped["Bin"] + width - 1, grouped["who"]]),
                hovertemplate=(
                    ("%{customdata[0]} days" if width == 1 else "%{customdata[0]}–%{customdata[1]} days")
                    + f" {FROM_LABELS[start_from].lower()}: %{{y}}<br>%{{customdata[2]}}<extra></extra>"
                ),
            )
        )
    # Shapes are set in one go: add_vrect/add_vline are several times slower per call.
    shapes = [
        {"type": "rect", "xref": "x", "yref": "paper", "x0": 7, "x1": 14, "y0": 0, "y1": 1,
         "fillcolor": BAND_COLOR, "opacity": 0.12, "line": {"width": 0}, "layer": "below"},
    ]
    annotations = [
        {"x": 10.5, "y": 1, "xref": "x", "yref": "paper", "text": "1–2 weeks", "showarrow": False,
         "xanchor": "center", "yanchor": "top", "font": {"color": BAND_COLOR}},
    ]
    if median is not None:
        shapes.append(
            {"type": "line", "xref": "x", "yref": "paper", "x0": median, "x1": median, "y0": 0, "y1": 1,
             "line": {"dash": "dash", "color": NEUTRAL, "width": 2}}
        )
        annotations.append(
            {"x": median, "y": 0.93, "xref": "x", "yref": "paper", "text": f" median {median:g} days",
             "showarrow": False, "xanchor": "left", "yanchor": "top", "bgcolor": NEUTRAL_FILL}
        )
    fig.update_layout(shapes=shapes, annotations=annotations)
    peak = int(binned.groupby("Bin").size().max())  # tallest stacked bar
    fig.update_layout(
        barmode="stack",
        xaxis={"title": "Days until the response" + ("" if width == 1 else " (one bar per week)"), "rangemode": "tozero"},
        yaxis={"title": "Responses", "dtick": 1 if peak <= 8 else None},
    )
    return _layout(fig, "How long responses take", "From applying, or from the interview for replies after it", legend="top")


def _name_list(names: pd.Series, limit: int = 5) -> str:
    shown = "<br>".join(names.head(limit))
    more = len(names) - limit
    return shown + (f"<br>and {more:,} more" if more > 0 else "")
