"""Pipeline numbers: how the search is going and what gets replies.

Pure functions over the typed frames of `lib.domain.model` (data in, numbers or tidy frames out).
Every chart of the Pipeline page has one function here that returns the numbers behind it,
which the page also offers as a CSV download.

Definitions: what counts as an application, a response, an interview, an offer, an active
application and a follow-up sent is defined once, in `lib.domain.facts`, for every page. The
page shows them in words (`DEFINITIONS`). On top of those:

- *interview rate* = applications that reached an interview / applications;
- *offer rate* = offers / applications that reached an interview;
- the funnel's second stage is "Responded or interviewed": an interview with no reply recorded
  is no response, but the funnel counts it at that stage so that its stages nest;
- *time to response* = days from Applied On (or from the interview, for replies after it) to
  Response On. Replies dated before the application, and replies on rows without an Applied
  On date, are reported as data issues and left out.

Rates are floats between 0 and 1. A scalar rate is None when its denominator is 0; in the
tidy frames such a rate is NaN (a blank cell in the CSV). Nothing here raises on empty input.

Performance matters (every page view, 10,000 applications and 30,000 history rows): the
history is aggregated on integer positions rather than text keys, per-application work is
vectorised, and every chart function accepts `facts=` (from `application_facts`) so a page
computes the per-application facts once for all its charts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from lib.domain import facts as define
from lib.domain.facts import CLOSED_STATUSES
from lib.domain.fields import AppCol, HistCol
from lib.domain.history import history_flags
from lib.domain.model import ROW, DataIssue
from lib.domain.schema import APPLICATIONS
from lib.domain.vocab import Status

NOT_RECORDED = "Not recorded"  # label for a blank Source or Follow-Up Medium
SMALL_SAMPLE = 5  # rates over fewer applications than this are shown as tentative

DEFINITIONS = (
    "**Application**: a row with an Applied On date (Wishlist rows do not count). "
    "**Response**: any reply from the employer, a rejection included (Response On is set, the "
    "history has a Received row, or the Status is Rejected); an interview with no reply recorded "
    "is not one, though the funnel's \"Responded or interviewed\" stage counts both. "
    "**Interview rate**: applications that reached an interview (Interview On set, or Status "
    "Interviewing, Offer or Accepted) out of all applications. "
    "**Offer rate**: offers (Status Offer or Accepted) out of applications that reached an "
    "interview. "
    "**Active**: applications still Applied, Interviewing or at Offer. "
    "**Time to response**: days from Applied On (or from the interview, for replies after it) "
    "to Response On."
)

# Funnel stages, in order.
STAGE_APPLIED = "Applied"
STAGE_RESPONDED = "Responded or interviewed"  # the stages nest: an interview counts here
STAGE_INTERVIEWED = "Interviewed"
STAGE_OFFER = "Offer"
FUNNEL_STAGES: tuple[str, ...] = (STAGE_APPLIED, STAGE_RESPONDED, STAGE_INTERVIEWED, STAGE_OFFER)

# Where applications ended (the right-hand side of the flow), by Status.
OUTCOME_BY_STATUS: dict[str, str] = {
    "": "No response yet",
    Status.APPLIED: "No response yet",
    Status.INTERVIEWING: "Interviewing",
    Status.OFFER: "Offer",
    Status.ACCEPTED: "Accepted",
    Status.REJECTED: "Rejected",
    Status.WITHDRAWN: "Withdrawn",
    Status.NO_RESPONSE: "No response",
}
OUTCOMES: tuple[str, ...] = tuple(dict.fromkeys(OUTCOME_BY_STATUS.values()))
# The status whose colour each outcome takes in the charts.
OUTCOME_STATUS: dict[str, str] = {
    "No response yet": Status.APPLIED,
    "Interviewing": Status.INTERVIEWING,
    "Offer": Status.OFFER,
    "Accepted": Status.ACCEPTED,
    "Rejected": Status.REJECTED,
    "Withdrawn": Status.WITHDRAWN,
    "No response": Status.NO_RESPONSE,
}
FLOW_INTERVIEWED = "Interviewed"
FLOW_NOT_INTERVIEWED = "No interview"

# Timeline markers.
EVENT_INTERVIEW = "Interview"
EVENT_THANK_YOU = "Thank-you"
EVENT_FOLLOW_UP = "Follow-up"
EVENT_REPLY = "Reply"
EVENTS: tuple[str, ...] = (EVENT_INTERVIEW, EVENT_THANK_YOU, EVENT_FOLLOW_UP, EVENT_REPLY)

# How a timeline bar ends.
END_REPLY = "reply"
END_TODAY = "today"
END_LAST_ACTIVITY = "last activity"

# Follow-up effectiveness groups.
GROUP_FOLLOWED_UP = "Followed up"
GROUP_NO_FOLLOW_UP = "No follow-up"
BREAKDOWN_OVERALL = "Overall"
BREAKDOWN_MEDIUM = "By medium"

FROM_APPLICATION = "application"
FROM_INTERVIEW = "interview"


# --- filters ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    """What the Pipeline page shows.

    `start`/`end` bound Applied On (inclusive; None leaves that side open; a row without an
    Applied On date is left out as soon as either bound is set). `sources` and `statuses`
    keep only those values (empty keeps all); sources are compared by `source_labels`, so a
    blank Source is selected as NOT_RECORDED.
    """

    start: date | None = None
    end: date | None = None
    sources: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()

    @property
    def active(self) -> bool:
        """Return True when any filter is set."""
        return bool(self.start or self.end or self.sources or self.statuses)


def source_labels(applications: pd.DataFrame) -> pd.Series:
    """Return the Source of each row as shown in charts, aligned with `applications`.

    Spacing and case are ignored when grouping ("linkedin " and "LinkedIn" are one source,
    shown in its most common spelling); a blank Source is NOT_RECORDED.
    """
    raw = applications[AppCol.SOURCE].astype(str).str.strip()
    key = raw.str.casefold()
    if raw.empty:
        return raw
    counts = pd.DataFrame({"key": key, "raw": raw}).groupby(["key", "raw"]).size().reset_index(name="n")
    # The commonest spelling per key; on a tie the first in sort order, so the label is stable.
    counts = counts.sort_values(["key", "n", "raw"], ascending=[True, False, True], kind="stable")
    spelling = counts.drop_duplicates("key").set_index("key")["raw"]
    labels = key.map(spelling)
    return labels.where(labels != "", NOT_RECORDED)


def apply_filters(
    applications: pd.DataFrame, followups: pd.DataFrame, filters: Filters
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (applications, followups) kept by `filters`.

    The history keeps only rows of the applications kept. Frames are returned as new
    objects; the index of the applications is preserved.
    """
    keep = pd.Series(True, index=applications.index)
    applied_on = applications[AppCol.APPLIED_ON]
    if filters.start is not None:
        keep &= applied_on >= pd.Timestamp(filters.start)
    if filters.end is not None:
        keep &= applied_on <= pd.Timestamp(filters.end)
    if filters.sources:
        keep &= source_labels(applications).isin(filters.sources)
    if filters.statuses:
        keep &= applications[AppCol.STATUS].isin(filters.statuses)
    apps = applications.loc[keep].copy()
    if not filters.active:
        return apps, followups.copy()
    fups = followups.loc[followups[HistCol.APPLICATION_ID].isin(apps[AppCol.ID])].copy()
    return apps, fups


# --- per-application facts ----------------------------------------------------------------


_rate = define.rate


def _rates(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    # NaN where there is nothing to divide by, instead of inf or an exception.
    return numerator / denominator.where(denominator > 0)


def _max_date(*series: pd.Series) -> pd.Series:
    return pd.concat(series, axis=1).max(axis=1).astype("datetime64[ns]")


def _min_date(*series: pd.Series) -> pd.Series:
    return pd.concat(series, axis=1).min(axis=1).astype("datetime64[ns]")


def _history_parts(followups: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return boolean arrays (received, thank_you_sent, counted_follow_up_sent) over the history.

    Rows are read by `lib.domain.history` (the planner's and the checks' reading too).
    """
    flags = history_flags(followups)
    return flags.received, flags.thank_you, flags.counted


_NAT = np.iinfo(np.int64).min  # the int64 view of NaT
_NEVER = np.iinfo(np.int64).max


def _history_by_application(applications: pd.DataFrame, followups: pd.DataFrame) -> pd.DataFrame:
    """Aggregate the history per application row, aligned with `applications`.

    Columns "received_last", "counted_first", "history_last" (datetimes, NaT if none) and
    "received_n", "counted_n" (int). History rows of unknown applications are ignored.
    """
    # Hash the IDs once and aggregate on integer positions: a groupby on 30,000 text keys
    # per chart would dominate the page's time.
    key = pd.Index(pd.unique(applications[AppCol.ID].to_numpy(dtype=object)))
    n = len(key)
    codes = key.get_indexer(followups[HistCol.APPLICATION_ID].to_numpy(dtype=object))
    received, _, counted = _history_parts(followups)
    dates = followups[HistCol.DATE].to_numpy(dtype="datetime64[ns]").view("int64")
    known = codes >= 0
    dated = known & (dates != _NAT)

    def extreme(mask: np.ndarray, ufunc: np.ufunc, fill: int) -> np.ndarray:
        out = np.full(n, fill, dtype="int64")
        sel = dated & mask
        ufunc.at(out, codes[sel], dates[sel])
        out[out == fill] = _NAT
        return out.view("datetime64[ns]")

    everything = np.ones(len(codes), dtype=bool)
    pos = key.get_indexer(applications[AppCol.ID].to_numpy(dtype=object))
    return pd.DataFrame(
        {
            "received_last": extreme(received, np.maximum, _NAT)[pos],
            "counted_first": extreme(counted, np.minimum, _NEVER)[pos],
            "history_last": extreme(everything, np.maximum, _NAT)[pos],
            "received_n": np.bincount(codes[known & received], minlength=n)[pos].astype("int64"),
            "counted_n": np.bincount(codes[known & counted], minlength=n)[pos].astype("int64"),
        },
        index=applications.index,
    )


def application_facts(applications: pd.DataFrame, followups: pd.DataFrame) -> pd.DataFrame:
    """Return what the definitions need to know about each row, aligned with `applications`.

    Columns: "applied", "responded", "interviewed", "offered", "active", "followed_up"
    (bool, by the definitions in the module docstring); "source" (label, see
    `source_labels`); "last_reply" (latest of Response On and the Received history; NaT if
    none); "first_follow_up" (earliest counted follow-up: a history Follow-up, Check-in or
    Final, or Last Follow-Up On); "replied_after_follow_up" (bool: followed up, and a reply
    came later than the first follow-up, or any response when the follow-up has no date; an
    interview alone is no reply); "last_activity" (latest dated thing the row or history
    records, replies included); "follow_ups" (counted history rows or Follow-Ups Sent,
    whichever is more); "replies" (Received history rows, at least 1 when Response On is set).

    Every other function here accepts these as `facts=` so a page that draws several charts
    from the same frames computes them once.
    """
    apps = applications
    hist = _history_by_application(apps, followups)

    interviewed = define.interview_mask(apps)
    responded = define.response_mask(apps, hist["received_n"])
    followed_up = define.followed_up_mask(apps, hist["counted_n"])
    last_reply = _max_date(apps[AppCol.RESPONSE_ON], hist["received_last"])
    first_follow_up = _min_date(hist["counted_first"], apps[AppCol.LAST_FOLLOW_UP_ON])
    after = (last_reply > first_follow_up) | (first_follow_up.isna() & responded)
    last_activity = _max_date(
        apps[AppCol.INTERVIEW_ON], apps[AppCol.THANK_YOU_SENT_ON], apps[AppCol.LAST_FOLLOW_UP_ON],
        apps[AppCol.RESPONSE_ON], hist["history_last"],
    )
    return pd.DataFrame(
        {
            "applied": define.application_mask(apps),
            "responded": responded,
            "interviewed": interviewed,
            "offered": define.offer_mask(apps),
            "active": define.active_mask(apps),
            "followed_up": followed_up,
            "source": source_labels(apps),
            "last_reply": last_reply,
            "first_follow_up": first_follow_up,
            "replied_after_follow_up": followed_up & after,
            "last_activity": last_activity,
            "follow_ups": define.followups_sent_counts(apps, hist["counted_n"]),
            "replies": np.maximum(hist["received_n"], apps[AppCol.RESPONSE_ON].notna().astype("int64")),
        },
        index=apps.index,
    )


def _facts(applications: pd.DataFrame, followups: pd.DataFrame, facts: pd.DataFrame | None) -> pd.DataFrame:
    return application_facts(applications, followups) if facts is None else facts


# --- KPIs ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kpis:
    """The headline numbers. Rates are None when their denominator is 0."""

    applications: int
    responses: int
    response_rate: float | None
    interviews: int
    interview_rate: float | None
    offers: int
    offer_rate: float | None
    median_days_to_response: float | None
    active: int


def kpis(
    applications: pd.DataFrame, followups: pd.DataFrame, facts: pd.DataFrame | None = None
) -> Kpis:
    """Return the headline numbers of the pipeline (see the module docstring)."""
    facts = _facts(applications, followups, facts)
    applied = facts.loc[facts["applied"]]
    n = len(applied)
    responses = int(applied["responded"].sum())
    interviews = int(applied["interviewed"].sum())
    offers = int(applied["offered"].sum())  # an offer status implies an interview
    return Kpis(
        applications=n,
        responses=responses,
        response_rate=_rate(responses, n),
        interviews=interviews,
        interview_rate=_rate(interviews, n),
        offers=offers,
        offer_rate=_rate(offers, interviews),
        median_days_to_response=median_days(response_times(applications, facts)),
        active=int(applied["active"].sum()),
    )


# --- funnel and flow ----------------------------------------------------------------------


def funnel(
    applications: pd.DataFrame, followups: pd.DataFrame, facts: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Return the funnel: applied -> responded -> interviewed -> offer.

    Columns "Stage", "Applications", "Share of applied", "Share of previous stage". Each
    stage counts the applications that got at least that far: an offer counts as an
    interview, and an interview as a response here even with no reply recorded, so the
    stages nest. No rows when there are no
    applications.
    """
    facts = _facts(applications, followups, facts)
    applied = facts.loc[facts["applied"]]
    if applied.empty:
        return pd.DataFrame(columns=["Stage", "Applications", "Share of applied", "Share of previous stage"])
    offered = applied["offered"]
    interviewed = applied["interviewed"] | offered
    responded = applied["responded"] | interviewed
    counts = pd.Series(
        [len(applied), int(responded.sum()), int(interviewed.sum()), int(offered.sum())],
        dtype="int64",
    )
    previous = counts.shift(1).fillna(counts.iloc[0]).astype("int64")
    return pd.DataFrame(
        {
            "Stage": list(FUNNEL_STAGES),
            "Applications": counts,
            "Share of applied": _rates(counts, pd.Series(counts.iloc[0], index=counts.index)),
            "Share of previous stage": _rates(counts, previous),
        }
    )


def flow(
    applications: pd.DataFrame, followups: pd.DataFrame, facts: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Return the links of the flow from applying to where applications ended.

    Columns "Source", "Target", "Applications": Applied -> Interviewed / No interview, then
    each of those -> the outcome named by the Status (see OUTCOME_BY_STATUS; an unknown or
    blank Status counts as "No response yet"). Links with no applications are left out; no
    rows when there are no applications.
    """
    facts = _facts(applications, followups, facts)
    mask = facts["applied"]
    if not mask.any():
        return pd.DataFrame(columns=["Source", "Target", "Applications"])
    status = applications.loc[mask, AppCol.STATUS].astype(str)
    outcome = status.map(OUTCOME_BY_STATUS).fillna(OUTCOME_BY_STATUS[""])
    middle = np.where(facts.loc[mask, "interviewed"], FLOW_INTERVIEWED, FLOW_NOT_INTERVIEWED)
    first = pd.DataFrame({"Source": STAGE_APPLIED, "Target": middle})
    second = pd.DataFrame({"Source": middle, "Target": outcome.to_numpy()})
    links = pd.concat([first, second], ignore_index=True)
    out = links.value_counts(sort=False).rename("Applications").reset_index()
    order = {name: i for i, name in enumerate((STAGE_APPLIED, FLOW_INTERVIEWED, FLOW_NOT_INTERVIEWED, *OUTCOMES))}
    out = out.sort_values(
        ["Source", "Target"], key=lambda s: s.map(order).fillna(len(order)), kind="stable"
    ).reset_index(drop=True)
    out["Applications"] = out["Applications"].astype("int64")
    return out


# --- timeline -----------------------------------------------------------------------------

TIMELINE_COLUMNS = [
    "ID", "Company", "Job Title", "Source", "Status", AppCol.APPLIED_ON, "End", "Ends At",
    "Days", AppCol.INTERVIEW_ON, AppCol.THANK_YOU_SENT_ON, "Follow-ups", "Responses", "Overdue",
]


def timeline(
    applications: pd.DataFrame,
    followups: pd.DataFrame,
    today: date,
    overdue_ids: Iterable[str] = (),
    facts: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Return one row per application for the timeline, oldest application first.

    Columns TIMELINE_COLUMNS. A bar runs from "Applied On" to "End": the latest reply
    ("Ends At" = "reply"); with no reply, today for an open application ("today"), or the
    last thing that happened for a closed one ("last activity": interview, thank-you,
    follow-up), so closed applications do not grow forever. Replies dated before the
    application are ignored here (they are data issues). "Follow-ups" and "Responses" are the
    counts of `application_facts`. "Overdue" is True for IDs in `overdue_ids` (the
    planner's view, passed in).
    """
    facts = _facts(applications, followups, facts)
    mask = facts["applied"]
    apps = applications.loc[mask]
    f = facts.loc[mask]
    if apps.empty:
        return pd.DataFrame(columns=TIMELINE_COLUMNS)
    start = apps[AppCol.APPLIED_ON]
    reply = f["last_reply"].where(f["last_reply"].dt.normalize() >= start)
    activity = f["last_activity"].where(f["last_activity"] >= start, start)
    closed = apps[AppCol.STATUS].isin(CLOSED_STATUSES)
    end = reply.fillna(activity.where(closed, pd.Timestamp(today))).astype("datetime64[ns]")
    end = end.where(end >= start, start)
    ends_at = np.select([reply.notna(), ~closed], [END_REPLY, END_TODAY], default=END_LAST_ACTIVITY)
    out = pd.DataFrame(
        {
            "ID": apps[AppCol.ID],
            "Company": apps[AppCol.COMPANY],
            "Job Title": apps[AppCol.JOB_TITLE],
            "Source": f["source"],
            "Status": apps[AppCol.STATUS],
            AppCol.APPLIED_ON: start,
            "End": end,
            "Ends At": ends_at,
            "Days": (end.dt.normalize() - start).dt.days.astype("int64"),
            AppCol.INTERVIEW_ON: apps[AppCol.INTERVIEW_ON],
            AppCol.THANK_YOU_SENT_ON: apps[AppCol.THANK_YOU_SENT_ON],
            "Follow-ups": f["follow_ups"],
            "Responses": f["replies"],
            "Overdue": apps[AppCol.ID].isin(set(overdue_ids)),
        }
    )
    return out.sort_values([AppCol.APPLIED_ON, "ID"], kind="stable").reset_index(drop=True)


def timeline_window(rows: pd.DataFrame, max_rows: int = 60) -> pd.DataFrame:
    """Return the timeline rows worth drawing when there are too many to read.

    With at most `max_rows` rows, all of them. Otherwise the overdue ones first (most recent
    first), then the most recent applications, up to `max_rows`; returned oldest first like
    `timeline`.
    """
    if len(rows) <= max_rows:
        return rows
    ranked = rows.sort_values(["Overdue", AppCol.APPLIED_ON, "ID"], ascending=[False, False, False], kind="stable")
    return ranked.head(max_rows).sort_values([AppCol.APPLIED_ON, "ID"], kind="stable").reset_index(drop=True)


def timeline_events(
    applications: pd.DataFrame,
    followups: pd.DataFrame,
    facts: pd.DataFrame | None = None,
    ids: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Return the markers of the timeline, one row per event, for applications only.

    Columns "ID", "Date", "Event" (one of EVENTS), "Detail" (the history Kind and Medium,
    or the column it came from). Events come from the row (Interview On, Thank-You Sent On,
    Last Follow-Up On, Response On) and from the history (Sent rows: thank-you or follow-up;
    Received rows: reply). The same event on the same day from both places is shown once.
    `ids` limits the result to those applications (e.g. the rows `timeline_window` kept).
    Sorted by ID, then date.
    """
    columns = ["ID", "Date", "Event", "Detail"]
    facts = _facts(applications, followups, facts)
    keep = facts["applied"]
    if ids is not None:
        keep = keep & applications[AppCol.ID].isin(set(ids))
    apps = applications.loc[keep]
    if apps.empty:
        return pd.DataFrame({c: pd.Series(dtype="datetime64[ns]" if c == "Date" else object) for c in columns})
    parts = []
    for column, event in (
        (AppCol.INTERVIEW_ON, EVENT_INTERVIEW),
        (AppCol.THANK_YOU_SENT_ON, EVENT_THANK_YOU),
        (AppCol.LAST_FOLLOW_UP_ON, EVENT_FOLLOW_UP),
        (AppCol.RESPONSE_ON, EVENT_REPLY),
    ):
        rows = apps.loc[apps[column].notna(), ["ID", column]]
        parts.append(pd.DataFrame({"ID": rows["ID"], "Date": rows[column], "Event": event, "Detail": column}))
    fups = followups.loc[followups[HistCol.APPLICATION_ID].isin(set(apps[AppCol.ID])) & followups[HistCol.DATE].notna()]
    flags = history_flags(fups)
    received, thank_you, kind = flags.received, flags.thank_you, flags.kind
    medium = fups[HistCol.MEDIUM].to_numpy(dtype=object)
    events = np.select([received, thank_you], [EVENT_REPLY, EVENT_THANK_YOU], default=EVENT_FOLLOW_UP)
    detail = pd.Series(kind + " " + medium, index=fups.index, dtype=object).str.strip()
    parts.append(pd.DataFrame({"ID": fups[HistCol.APPLICATION_ID], "Date": fups[HistCol.DATE], "Event": events, "Detail": detail}))
    out = pd.concat(parts, ignore_index=True)
    out["Date"] = out["Date"].astype("datetime64[ns]")
    # History rows come last, so on a same-day tie the history's richer detail is kept.
    out["_day"] = out["Date"].dt.normalize()
    out = out.drop_duplicates(["ID", "Event", "_day"], keep="last").drop(columns="_day")
    return out.sort_values(["ID", "Date"], kind="stable").reset_index(drop=True)[columns]


# --- response rates -----------------------------------------------------------------------


def _rate_table(keys: pd.Series, facts: pd.DataFrame, key_name: str) -> pd.DataFrame:
    grouped = pd.DataFrame(
        {key_name: keys, "responded": facts["responded"], "interviewed": facts["interviewed"]}
    ).groupby(key_name, sort=False)
    out = grouped.agg(
        Applications=("responded", "size"),
        Responses=("responded", "sum"),
        Interviews=("interviewed", "sum"),
    ).reset_index()
    for col in ("Applications", "Responses", "Interviews"):
        out[col] = out[col].astype("int64")
    out["Response rate"] = _rates(out["Responses"], out["Applications"])
    out["Interview rate"] = _rates(out["Interviews"], out["Applications"])
    return out


def response_rate_by_week(
    applications: pd.DataFrame, followups: pd.DataFrame, facts: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Return the response rate by week of application, oldest week first.

    Columns "Week" (the Monday, as a midnight timestamp), "Applications" (n), "Responses",
    "Interviews", "Response rate", "Interview rate". Weeks without applications are left out.
    """
    facts = _facts(applications, followups, facts)
    mask = facts["applied"]
    applied_on = applications.loc[mask, AppCol.APPLIED_ON]
    week = applied_on - pd.to_timedelta(applied_on.dt.day_of_week, unit="D")
    out = _rate_table(week.astype("datetime64[ns]"), facts.loc[mask], "Week")
    return out.sort_values("Week").reset_index(drop=True)


def response_rate_by_source(
    applications: pd.DataFrame, followups: pd.DataFrame, facts: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Return the response rate by Source, most used source first.

    Columns "Source" (see `source_labels`), "Applications" (n), "Responses", "Interviews",
    "Response rate", "Interview rate".
    """
    facts = _facts(applications, followups, facts)
    applied = facts.loc[facts["applied"]]
    out = _rate_table(applied["source"], applied, "Source")
    return out.sort_values(["Applications", "Source"], ascending=[False, True], kind="stable").reset_index(drop=True)


def follow_up_effect(
    applications: pd.DataFrame, followups: pd.DataFrame, facts: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Return how often applications got a reply with and without following up.

    Columns "Breakdown" (BREAKDOWN_OVERALL or BREAKDOWN_MEDIUM), "Group" ("Followed up",
    "No follow-up", or a medium), "Applications", "Responses", "Response rate". For followed-up
    groups a response counts only when a reply came after the first follow-up (by that
    medium, for the medium rows), so it measures what following up brought; a
    follow-up recorded without any date counts any response. An application followed up by two media counts under each.
    Groups with no applications are left out; no rows when there are no applications.
    """
    columns = ["Breakdown", "Group", "Applications", "Responses", "Response rate"]
    facts = _facts(applications, followups, facts)
    mask = facts["applied"]
    applied = facts.loc[mask]
    if applied.empty:
        return pd.DataFrame(columns=columns)
    overall = pd.DataFrame(
        {
            "Group": np.where(applied["followed_up"], GROUP_FOLLOWED_UP, GROUP_NO_FOLLOW_UP),
            "replied": np.where(applied["followed_up"], applied["replied_after_follow_up"], applied["responded"]),
        }
    )
    overall_table = overall.groupby("Group", sort=False)["replied"].agg(["size", "sum"])
    overall_table = overall_table.reindex([GROUP_FOLLOWED_UP, GROUP_NO_FOLLOW_UP]).dropna()

    apps = applications.loc[mask]
    _, _, counted = _history_parts(followups)
    hist = followups.loc[counted & followups[HistCol.APPLICATION_ID].isin(apps[AppCol.ID]), [HistCol.APPLICATION_ID, "Medium", "Date"]]
    hist = hist.rename(columns={HistCol.APPLICATION_ID: "ID"})
    # The row's own Follow-Up Medium is a fallback for applications without counted history.
    from_row = apps.loc[
        define.followed_up_mask(apps, 0) & ~apps[AppCol.ID].isin(hist["ID"]),  # followed up by the row alone
        ["ID", AppCol.FOLLOW_UP_MEDIUM, AppCol.LAST_FOLLOW_UP_ON],
    ].rename(columns={"Follow-Up Medium": "Medium", AppCol.LAST_FOLLOW_UP_ON: "Date"})
    sends = pd.concat([hist, from_row], ignore_index=True)
    sends["Medium"] = sends["Medium"].astype(str).str.strip().replace("", NOT_RECORDED)
    first = sends.groupby(["ID", "Medium"], sort=False)["Date"].min().reset_index()
    per_id = applied.set_index(apps[AppCol.ID])
    replied_on = first["ID"].map(per_id["last_reply"])
    responded = first["ID"].map(per_id["responded"]).astype(bool)
    first["replied"] = (replied_on > first["Date"]) | (first["Date"].isna() & responded)
    medium_table = first.groupby("Medium", sort=True)["replied"].agg(["size", "sum"])

    out = pd.concat(
        [
            overall_table.assign(Breakdown=BREAKDOWN_OVERALL),
            medium_table.assign(Breakdown=BREAKDOWN_MEDIUM),
        ]
    )
    out = out.rename_axis("Group").reset_index().rename(columns={"size": "Applications", "sum": "Responses"})
    out["Applications"] = out["Applications"].astype("int64")
    out["Responses"] = out["Responses"].astype("int64")
    out["Response rate"] = _rates(out["Responses"], out["Applications"])
    return out[columns].reset_index(drop=True)


# --- time to response and data issues -----------------------------------------------------

RESPONSE_TIME_COLUMNS = [
    "ID", "Company", "Job Title", "Source", "Status", "From", "Start", AppCol.RESPONSE_ON, "Days",
]


def _reply_problems(applications: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Return masks (reply without Applied On, reply before Applied On)."""
    response = applications[AppCol.RESPONSE_ON]
    applied_on = applications[AppCol.APPLIED_ON]
    has_reply = response.notna()
    no_applied = has_reply & applied_on.isna()
    before = has_reply & applied_on.notna() & (response.dt.normalize() < applied_on)
    return no_applied, before


def response_times(applications: pd.DataFrame, facts: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return the days to the employer's reply, one row per application with a Response On.

    Columns RESPONSE_TIME_COLUMNS. "From" is "interview" when Response On is on or after
    Interview On (a reply to the interview), otherwise "application"; "Start" is that date
    and "Days" the calendar days from it to Response On. Only applications count; rows with
    a reply before the application, or without an Applied On date, are left out (see
    `data_issues`). Sorted by Days. `facts` (from `application_facts`) is optional here:
    only "applied" and "source" are read from it.
    """
    no_applied, before = _reply_problems(applications)
    if facts is None:
        applied = define.application_mask(applications)
        sources = None
    else:
        applied, sources = facts["applied"], facts["source"]
    keep = applications[AppCol.RESPONSE_ON].notna() & ~no_applied & ~before & applied
    apps = applications.loc[keep]
    if apps.empty:
        return pd.DataFrame(columns=RESPONSE_TIME_COLUMNS)
    if sources is None:
        sources = source_labels(applications)
    interview = apps[AppCol.INTERVIEW_ON]
    response = apps[AppCol.RESPONSE_ON]
    after_interview = interview.notna() & (response >= interview) & (interview.dt.normalize() >= apps[AppCol.APPLIED_ON])
    start = interview.dt.normalize().where(after_interview, apps[AppCol.APPLIED_ON])
    out = pd.DataFrame(
        {
            "ID": apps[AppCol.ID],
            "Company": apps[AppCol.COMPANY],
            "Job Title": apps[AppCol.JOB_TITLE],
            "Source": sources.loc[apps.index],
            "Status": apps[AppCol.STATUS],
            "From": np.where(after_interview, FROM_INTERVIEW, FROM_APPLICATION),
            "Start": start,
            AppCol.RESPONSE_ON: response,
            "Days": (response.dt.normalize() - start).dt.days.astype("int64"),
        }
    )
    return out.sort_values(["Days", "ID"], kind="stable").reset_index(drop=True)


def median_days(times: pd.DataFrame) -> float | None:
    """Return the median of "Days" in a `response_times` frame, or None when it is empty."""
    if times.empty:
        return None
    return float(times["Days"].median())


def data_issues(applications: pd.DataFrame) -> list[DataIssue]:
    """Return the reply dates the pipeline cannot use, as warnings on the Applications tab.

    A Response On earlier than Applied On, and a Response On on a row without an Applied On
    date, are each one issue (row from "_row"); both rows are left out of time to response.
    """
    no_applied, before = _reply_problems(applications)
    tab = APPLICATIONS.title
    issues: list[DataIssue] = []
    late = applications.loc[before]
    for row, replied, applied in zip(late[ROW], late[AppCol.RESPONSE_ON], late[AppCol.APPLIED_ON]):
        issues.append(
            DataIssue(
                tab=tab,
                row=int(row),
                column=AppCol.RESPONSE_ON,
                message=(
                    f"The reply ({replied:%Y-%m-%d}) is dated before the application "
                    f"({applied:%Y-%m-%d}); it is left out of the time to response."
                ),
                value=f"{replied:%Y-%m-%d}",
            )
        )
    for row in applications.loc[no_applied, ROW]:
        issues.append(
            DataIssue(
                tab=tab,
                row=int(row),
                column=AppCol.APPLIED_ON,
                message=(
                    "A reply is recorded but there is no Applied On date; the row is left out "
                    "of the pipeline numbers until the date is filled in."
                ),
            )
        )
    return sorted(issues, key=lambda i: (i.row or 0, i.column))
