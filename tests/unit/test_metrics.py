"""Pipeline metrics on small hand-built tables with known answers."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import pytest

from lib.domain.model import applications_frame, followups_frame
from lib.io.demo import demo_records, generate
from lib.pipeline import metrics as m

TODAY = date(2026, 3, 2)  # a Monday


def apps(*records: dict) -> pd.DataFrame:
    return applications_frame(records)


def history(*records: dict) -> pd.DataFrame:
    return followups_frame(records)


NO_HISTORY = history()


def search() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Five applications and a wishlist row; the expected answers are in the tests."""
    a = apps(
        {"ID": "A1", "Company": "Acme", "Job Title": "Analyst", "Source": "LinkedIn", "Status": "Rejected",
         "Applied On": "2026-01-05", "Response On": "2026-01-12 15:00"},
        {"ID": "A2", "Company": "Beta", "Job Title": "Engineer", "Source": "Referral", "Status": "Offer",
         "Applied On": "2026-01-06", "Interview On": "2026-01-16 10:00", "Response On": "2026-01-20 15:00"},
        {"ID": "A3", "Company": "Cedar", "Job Title": "Analyst", "Source": "linkedin ", "Status": "Interviewing",
         "Applied On": "2026-01-07", "Interview On": "2026-01-20 11:00"},
        {"ID": "A4", "Company": "Delta", "Job Title": "Scientist", "Source": "", "Status": "Applied",
         "Applied On": "2026-01-12"},
        {"ID": "A5", "Company": "Echo", "Job Title": "Analyst", "Source": "Referral", "Status": "No Response",
         "Applied On": "2026-01-13", "Last Follow-Up On": "2026-01-21 10:00", "Follow-Up Medium": "Email",
         "Follow-Ups Sent": 1},
        {"ID": "A6", "Company": "Falcon", "Job Title": "Analyst", "Source": "LinkedIn", "Status": "Wishlist"},
    )
    h = history(
        {"Application ID": "A4", "Date": "2026-01-15 09:00", "Direction": "Received", "Medium": "Email", "Kind": "Reply"},
        {"Application ID": "A5", "Date": "2026-01-21 10:00", "Direction": "Sent", "Medium": "Email", "Kind": "Follow-up"},
        {"Application ID": "A2", "Date": "2026-01-16 18:00", "Direction": "Sent", "Medium": "Email", "Kind": "Thank-you"},
    )
    return a, h


# --- KPIs ---------------------------------------------------------------------------------


def test_kpis_known_answers():
    k = m.kpis(*search())
    # responses: A1 (rejected), A2 (Response On), A4 (Received reply); A3 only reached an interview
    assert (k.applications, k.responses, k.interviews, k.offers, k.active) == (5, 3, 2, 1, 3)
    assert k.response_rate == pytest.approx(0.6)
    assert k.interview_rate == pytest.approx(0.4)
    assert k.offer_rate == pytest.approx(0.5)
    # A1: 7 days after applying; A2: 4 days after the interview
    assert k.median_days_to_response == pytest.approx(5.5)


@pytest.mark.parametrize(
    "records",
    [
        pytest.param([], id="empty"),
        pytest.param([{"Status": "Wishlist"}, {"Status": "Wishlist", "Company": "Kite"}], id="all-wishlist"),
        pytest.param([{"Status": "Applied"}], id="no-applied-on"),
    ],
)
def test_kpis_without_applications_have_no_rates(records):
    k = m.kpis(apps(*records), NO_HISTORY)
    assert k.applications == k.responses == k.interviews == k.offers == k.active == 0
    assert k.response_rate is k.interview_rate is k.offer_rate is k.median_days_to_response is None


def test_offer_rate_is_none_without_interviews():
    k = m.kpis(apps({"Applied On": "2026-01-05", "Status": "Applied"}), NO_HISTORY)
    assert k.response_rate == 0.0
    assert k.interview_rate == 0.0
    assert k.offer_rate is None


@pytest.mark.parametrize(
    ("row", "events", "responded"),
    [
        ({"Response On": "2026-01-10"}, [], True),
        ({}, [{"Direction": "Received", "Kind": "Reply"}], True),
        ({}, [{"Direction": "", "Kind": "Reply"}], True),  # a hand-added row without a direction
        ({"Status": "Rejected"}, [], True),  # a rejection is a reply, dated or not
        ({"Interview On": "2026-01-12 10:00"}, [], False),  # an interview alone is no reply
        ({"Status": "Interviewing"}, [], False),
        ({"Status": "Offer"}, [], False),
        ({}, [{"Direction": "Sent", "Kind": "Follow-up"}], False),
        ({"Status": "Withdrawn"}, [], False),
        ({"Status": "No Response"}, [], False),
    ],
)
def test_what_counts_as_a_response(row, events, responded):
    a = apps({"ID": "A1", "Applied On": "2026-01-05", "Status": "Applied", **row})
    h = history(*[{"Application ID": "A1", "Date": "2026-01-11", **e} for e in events])
    assert m.kpis(a, h).responses == int(responded)


@pytest.mark.parametrize("row", [{"Interview On": "2026-01-12 10:00"}, {"Status": "Interviewing"}, {"Status": "Offer"}])
def test_an_interview_without_a_reply_still_counts_in_the_funnels_responded_stage(row):
    a = apps({"ID": "A1", "Applied On": "2026-01-05", "Status": "Applied", **row})
    assert m.kpis(a, NO_HISTORY).responses == 0
    counts = m.funnel(a, NO_HISTORY)["Applications"].tolist()
    assert counts[:3] == [1, 1, 1]
    assert counts == sorted(counts, reverse=True)  # the stages nest


def test_todays_response_rate_is_the_pipelines():
    a = apps(
        {"ID": "R", "Applied On": "2026-01-05", "Status": "Rejected"},  # a reply with no date typed
        {"ID": "I", "Applied On": "2026-01-06", "Status": "Interviewing", "Interview On": "2026-01-12 10:00"},
        {"ID": "W", "Applied On": "2026-01-07", "Status": "Wishlist", "Response On": "2026-01-09"},  # no application
    )
    # Today's "Response rate so far" is this same figure (see tests/unit/test_same_figures.py).
    assert m.kpis(a, NO_HISTORY).response_rate == pytest.approx(0.5)
    assert m.kpis(*search()).response_rate == pytest.approx(0.6)


def test_history_of_unknown_applications_is_ignored():
    a = apps({"ID": "A1", "Applied On": "2026-01-05"})
    h = history({"Application ID": "ZZZ", "Date": "2026-01-11", "Direction": "Received", "Kind": "Reply"})
    assert m.kpis(a, h).responses == 0


# --- data issues and time to response ------------------------------------------------------


def test_reply_before_application_is_a_data_issue_and_left_out():
    a = apps(
        {"ID": "A1", "Applied On": "2026-01-10", "Response On": "2026-01-05 09:00", "_row": 7},
        {"ID": "A2", "Applied On": "2026-01-10", "Response On": "2026-01-10 17:00", "_row": 8},
    )
    issues = m.data_issues(a)
    assert [(i.tab, i.row, i.column) for i in issues] == [("Applications", 7, "Response On")]
    assert "before the application" in issues[0].message
    assert list(m.response_times(a)["ID"]) == ["A2"]  # a same-day reply is 0 days, not an issue
    assert m.response_times(a)["Days"].tolist() == [0]


def test_reply_without_applied_on_is_a_data_issue_and_left_out():
    a = apps({"ID": "A1", "Status": "Applied", "Response On": "2026-01-05 09:00", "_row": 3})
    issues = m.data_issues(a)
    assert [(i.tab, i.row, i.column) for i in issues] == [("Applications", 3, "Applied On")]
    assert m.response_times(a).empty
    assert m.kpis(a, NO_HISTORY).applications == 0


def test_clean_data_has_no_issues():
    assert m.data_issues(search()[0]) == []


def test_response_times_count_from_interview_for_replies_after_it():
    a = apps(
        {"ID": "A1", "Applied On": "2026-01-01", "Interview On": "2026-01-10 10:00", "Response On": "2026-01-13 09:00"},
        {"ID": "A2", "Applied On": "2026-01-01", "Interview On": "2026-01-20 10:00", "Response On": "2026-01-06 09:00"},
        {"ID": "A3", "Applied On": "2026-01-01", "Response On": "2026-01-15 09:00", "Status": "Wishlist"},
    )
    times = m.response_times(a).set_index("ID")
    assert list(times.index) == ["A1", "A2"]  # sorted by days; the wishlist row is no application
    assert times.loc["A1", ["From", "Days"]].tolist() == ["interview", 3]
    assert times.loc["A2", ["From", "Days"]].tolist() == ["application", 5]
    assert m.median_days(m.response_times(a)) == 4.0


def test_median_of_nothing_is_none():
    assert m.median_days(m.response_times(apps())) is None


# --- funnel and flow ----------------------------------------------------------------------


def test_funnel_counts_and_shares():
    # Responded: A1, A2, A4 replied, and A3 reached an interview without a reply recorded.
    f = m.funnel(*search())
    assert f["Stage"].tolist() == ["Applied", "Responded or interviewed", "Interviewed", "Offer"]
    assert f["Applications"].tolist() == [5, 4, 2, 1]
    assert f["Share of applied"].tolist() == pytest.approx([1.0, 0.8, 0.4, 0.2])
    assert f["Share of previous stage"].tolist() == pytest.approx([1.0, 0.8, 0.5, 0.5])


def test_funnel_share_of_an_empty_stage_is_nan_not_an_error():
    f = m.funnel(apps({"Applied On": "2026-01-05"}), NO_HISTORY)
    assert f["Applications"].tolist() == [1, 0, 0, 0]
    assert pd.isna(f["Share of previous stage"].iloc[3])


@pytest.mark.parametrize("records", [[], [{"Status": "Wishlist"}]])
def test_funnel_and_flow_are_empty_without_applications(records):
    assert m.funnel(apps(*records), NO_HISTORY).empty
    assert m.flow(apps(*records), NO_HISTORY).empty


def test_flow_links():
    a, h = search()
    a = pd.concat([a, apps({"ID": "A7", "Applied On": "2026-01-20", "Status": ""})], ignore_index=True)
    links = {(s, t): n for s, t, n in m.flow(a, h).itertuples(index=False)}
    assert links == {
        ("Applied", "Interviewed"): 2,
        ("Applied", "No interview"): 4,
        ("Interviewed", "Offer"): 1,
        ("Interviewed", "Interviewing"): 1,
        ("No interview", "No response yet"): 2,  # A4 (Applied) and A7 (no status)
        ("No interview", "Rejected"): 1,
        ("No interview", "No response"): 1,
    }


# --- timeline -----------------------------------------------------------------------------


def test_timeline_rows_end_at_reply_today_or_last_activity():
    a = apps(
        {"ID": "R", "Applied On": "2026-02-01", "Status": "Rejected", "Response On": "2026-02-09 15:00"},
        {"ID": "W", "Applied On": "2026-02-02", "Status": "Applied"},
        {"ID": "N", "Applied On": "2026-01-05", "Status": "No Response", "Last Follow-Up On": "2026-01-20 10:00"},
        {"ID": "X", "Applied On": "2026-02-10", "Status": "Applied", "Response On": "2026-02-01 09:00"},
    )
    rows = m.timeline(a, NO_HISTORY, TODAY, overdue_ids={"W"}).set_index("ID")
    assert list(rows.index) == ["N", "R", "W", "X"]  # oldest application first
    assert rows.loc["R", "End"] == pd.Timestamp("2026-02-09 15:00")
    assert rows.loc["R", "Ends At"] == "reply"
    assert rows.loc["W", "End"] == pd.Timestamp(TODAY)
    assert rows.loc["W", "Ends At"] == "today"
    assert rows.loc["N", "End"] == pd.Timestamp("2026-01-20 10:00")
    assert rows.loc["N", "Ends At"] == "last activity"
    assert rows.loc["X", "Ends At"] == "today"  # a reply before the application is not used
    assert rows["Days"].to_dict() == {"N": 15, "R": 8, "W": 28, "X": 20}
    assert rows["Overdue"].to_dict() == {"N": False, "R": False, "W": True, "X": False}


def test_timeline_counts_follow_ups_and_responses():
    rows = m.timeline(*search(), TODAY).set_index("ID")
    assert rows.loc["A5", "Follow-ups"] == 1
    assert rows.loc["A4", "Responses"] == 1
    assert rows.loc["A1", "Responses"] == 1
    assert "A6" not in rows.index


def test_timeline_events_merge_row_and_history_once_per_day():
    a, h = search()
    events = m.timeline_events(a, h)
    got = sorted(zip(events["ID"], events["Event"], events["Date"].dt.strftime("%Y-%m-%d")))
    assert got == [
        ("A1", "Reply", "2026-01-12"),
        ("A2", "Interview", "2026-01-16"),
        ("A2", "Reply", "2026-01-20"),
        ("A2", "Thank-you", "2026-01-16"),
        ("A3", "Interview", "2026-01-20"),
        ("A4", "Reply", "2026-01-15"),
        ("A5", "Follow-up", "2026-01-21"),  # Last Follow-Up On and the history row: one marker
    ]
    assert events.loc[events["ID"] == "A5", "Detail"].tolist() == ["Follow-up Email"]
    assert set(m.timeline_events(a, h, ids=["A2"])["ID"]) == {"A2"}


def test_timeline_window_keeps_overdue_then_most_recent():
    a = apps(*[{"ID": f"A{i:02d}", "Applied On": date(2026, 1, 1 + i)} for i in range(10)])
    rows = m.timeline(a, NO_HISTORY, TODAY, overdue_ids={"A00"})
    assert len(m.timeline_window(rows, 10)) == 10
    kept = m.timeline_window(rows, 4)
    assert kept["ID"].tolist() == ["A00", "A07", "A08", "A09"]


def test_timeline_of_nothing_is_empty():
    assert m.timeline(apps(), NO_HISTORY, TODAY).empty
    assert m.timeline_events(apps(), NO_HISTORY).empty


# --- response rates -----------------------------------------------------------------------


def test_response_rate_by_week_groups_by_monday():
    weeks = m.response_rate_by_week(*search())
    assert weeks["Week"].dt.strftime("%Y-%m-%d").tolist() == ["2026-01-05", "2026-01-12"]
    assert weeks["Applications"].tolist() == [3, 2]
    assert weeks["Responses"].tolist() == [2, 1]  # A1 and A2, not A3; then A4
    assert weeks["Response rate"].tolist() == pytest.approx([2 / 3, 0.5])


def test_response_rate_by_source_merges_spellings_and_names_blanks():
    sources = m.response_rate_by_source(*search()).set_index("Source")
    assert list(sources.index) == ["LinkedIn", "Referral", "Not recorded"]
    assert sources.loc["LinkedIn", ["Applications", "Responses", "Interviews"]].tolist() == [2, 1, 1]
    assert sources.loc["Referral", "Response rate"] == pytest.approx(0.5)
    assert sources.loc["Not recorded", "Applications"] == 1


def test_rate_tables_are_empty_without_applications():
    assert m.response_rate_by_week(apps({"Status": "Wishlist"}), NO_HISTORY).empty
    assert m.response_rate_by_source(apps(), NO_HISTORY).empty
    assert m.follow_up_effect(apps(), NO_HISTORY).empty


def test_follow_up_effect_counts_only_what_came_after_the_follow_up():
    a = apps(
        # followed up by email, answered after it
        {"ID": "E1", "Applied On": "2026-01-01", "Response On": "2026-01-20 09:00"},
        # followed up by email; the only reply came before it
        {"ID": "E2", "Applied On": "2026-01-01", "Response On": "2026-01-05 09:00"},
        # followed up by phone, then an interview but no reply recorded: not a response
        {"ID": "P1", "Applied On": "2026-01-01", "Interview On": "2026-01-25 10:00", "Status": "Interviewing"},
        # followed up by phone, then a reply
        {"ID": "P2", "Applied On": "2026-01-01", "Response On": "2026-01-18 09:00"},
        # never followed up, replied
        {"ID": "N1", "Applied On": "2026-01-01", "Response On": "2026-01-04 09:00"},
        # never followed up, silent
        {"ID": "N2", "Applied On": "2026-01-01"},
    )
    h = history(
        {"Application ID": "E1", "Date": "2026-01-10", "Direction": "Sent", "Medium": "Email", "Kind": "Follow-up"},
        {"Application ID": "E2", "Date": "2026-01-10", "Direction": "Sent", "Medium": "Email", "Kind": "Follow-up"},
        {"Application ID": "P1", "Date": "2026-01-12", "Direction": "Sent", "Medium": "Phone", "Kind": "Check-in"},
        {"Application ID": "P2", "Date": "2026-01-12", "Direction": "Sent", "Medium": "Phone", "Kind": "Check-in"},
        {"Application ID": "N1", "Date": "2026-01-02", "Direction": "Sent", "Medium": "Email", "Kind": "Thank-you"},
    )
    effect = m.follow_up_effect(a, h)
    got = {(b, g): (n, r) for b, g, n, r, _ in effect.itertuples(index=False)}
    assert got == {
        ("Overall", "Followed up"): (4, 2),  # E1 and P2
        ("Overall", "No follow-up"): (2, 1),  # a thank-you note is not a follow-up
        ("By medium", "Email"): (2, 1),
        ("By medium", "Phone"): (2, 1),
    }
    assert effect["Response rate"].tolist() == pytest.approx([0.5, 0.5, 0.5, 0.5])


def test_follow_up_medium_falls_back_to_the_row():
    a = apps(
        {"ID": "A1", "Applied On": "2026-01-01", "Follow-Ups Sent": 2, "Follow-Up Medium": "LinkedIn",
         "Last Follow-Up On": "2026-01-09 10:00", "Response On": "2026-01-12 10:00"},
        {"ID": "A2", "Applied On": "2026-01-01", "Follow-Ups Sent": 1},
    )
    effect = m.follow_up_effect(a, NO_HISTORY).set_index("Group")
    assert effect.loc["Followed up", ["Applications", "Responses"]].tolist() == [2, 1]
    assert effect.loc["LinkedIn", ["Applications", "Responses"]].tolist() == [1, 1]
    assert effect.loc["Not recorded", ["Applications", "Responses"]].tolist() == [1, 0]
    assert "No follow-up" not in effect.index


# --- filters ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (m.Filters(), ["A1", "A2", "A3", "A4", "A5", "A6"]),
        (m.Filters(start=date(2026, 1, 7)), ["A3", "A4", "A5"]),
        (m.Filters(end=date(2026, 1, 6)), ["A1", "A2"]),
        (m.Filters(start=date(2026, 1, 6), end=date(2026, 1, 12)), ["A2", "A3", "A4"]),
        (m.Filters(sources=("LinkedIn",)), ["A1", "A3", "A6"]),
        (m.Filters(sources=(m.NOT_RECORDED,)), ["A4"]),
        (m.Filters(statuses=("Offer", "Rejected")), ["A1", "A2"]),
        (m.Filters(sources=("Referral",), statuses=("Offer",)), ["A2"]),
    ],
)
def test_apply_filters(filters, expected):
    a, h = search()
    kept, kept_history = m.apply_filters(a, h, filters)
    assert kept["ID"].tolist() == expected
    assert set(kept_history["Application ID"]) <= set(expected)


def test_filters_know_when_they_are_active():
    assert not m.Filters().active
    assert m.Filters(statuses=("Applied",)).active


# --- whole searches -----------------------------------------------------------------------


def test_demo_search_answers():
    a, h = (f(r) for f, r in zip((applications_frame, followups_frame), demo_records(TODAY)))
    k = m.kpis(a, h)
    assert (k.applications, k.responses, k.interviews, k.offers) == (27, 17, 15, 3)
    assert k.median_days_to_response == 10.0
    assert m.data_issues(a) == []


def test_large_generated_search_is_consistent():
    records, hist = generate(1000, TODAY)
    a, h = applications_frame(records), followups_frame(hist)
    facts = m.application_facts(a, h)
    k = m.kpis(a, h, facts)
    reached = int((facts["applied"] & (facts["responded"] | facts["interviewed"])).sum())
    assert m.funnel(a, h, facts)["Applications"].tolist() == [k.applications, reached, k.interviews, k.offers]
    assert m.flow(a, h, facts).query("Source == 'Applied'")["Applications"].sum() == k.applications
    assert m.response_rate_by_week(a, h, facts)["Responses"].sum() == k.responses
    assert m.response_rate_by_source(a, h, facts)["Applications"].sum() == k.applications
    assert len(m.timeline(a, h, TODAY, facts=facts)) == k.applications
    overall = m.follow_up_effect(a, h, facts).query("Breakdown == 'Overall'")
    assert overall["Applications"].sum() == k.applications


def test_facts_are_aligned_with_the_rows():
    a, h = search()
    facts = m.application_facts(a, h)
    assert facts.index.equals(a.index)
    assert facts["applied"].tolist() == [True, True, True, True, True, False]
    assert facts["last_reply"].iloc[3] == pd.Timestamp(datetime(2026, 1, 15, 9))
