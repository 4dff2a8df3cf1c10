"""The one reading of a history row: the planner, the Follow-up checks and the Pipeline agree."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pandas as pd
import pytest

from lib.domain.history import HistoryEntry, classify, entries, entries_by_application, history_flags, read_entry
from lib.domain.model import applications_frame, followups_frame
from lib.domain.vocab import Direction, HistoryKind
from lib.io.demo import demo_records, generate
from lib.messages.templates import unanswered_followups
from lib.pipeline import metrics
from lib.planner.rules import next_action, plan

NOW = datetime(2026, 11, 16, 9, 0)
APP: dict[str, Any] = {
    "ID": "A-1",
    "Company": "Acme",
    "Job Title": "Analyst",
    "Status": "Applied",
    "Applied On": date(2026, 10, 1),
}

# Rows people type by hand into the Follow-ups tab, and what each one is.
EDGE_ROWS: list[tuple[dict[str, Any], Direction, str]] = [
    ({"Direction": "Sent", "Kind": ""}, Direction.SENT, HistoryKind.FOLLOW_UP),  # the row of the issue
    ({"Direction": "", "Kind": ""}, Direction.SENT, HistoryKind.FOLLOW_UP),
    ({"Direction": "", "Kind": "Reply"}, Direction.RECEIVED, HistoryKind.REPLY),
    ({"Direction": "Received", "Kind": ""}, Direction.RECEIVED, HistoryKind.REPLY),
    ({"Direction": " sent ", "Kind": "check-in"}, Direction.SENT, HistoryKind.CHECK_IN),
    ({"Direction": "Outgoing", "Kind": "Final"}, Direction.SENT, HistoryKind.FINAL),
    ({"Direction": "Sent", "Kind": "Thank-you"}, Direction.SENT, HistoryKind.THANK_YOU),
    ({"Direction": "", "Kind": "Networking"}, Direction.SENT, "Networking"),
    ({"Direction": "Received", "Kind": "Follow-up"}, Direction.RECEIVED, HistoryKind.FOLLOW_UP),
]


@pytest.mark.parametrize(("cells", "direction", "kind"), EDGE_ROWS)
def test_one_rule_for_direction_and_kind(cells: dict[str, Any], direction: Direction, kind: str) -> None:
    entry = read_entry(datetime(2026, 10, 10), cells["Direction"], cells["Kind"], "")
    assert (entry.direction, entry.kind) == (direction, kind)
    assert classify(cells["Direction"], cells["Kind"]) == (direction, kind)


def test_blanks_and_none_read_as_blank_cells() -> None:
    entry = read_entry(None, None, float("nan"), None)
    assert entry == HistoryEntry(None, Direction.SENT, HistoryKind.FOLLOW_UP, "")


def _three_counts(history: list[dict[str, Any]], app: dict[str, Any] = APP) -> tuple[int, int, int]:
    """Follow-ups sent for one application, as the planner, the checks and the Pipeline count them."""
    apps = applications_frame([app])
    fups = followups_frame([{"Application ID": app["ID"], **row} for row in history])
    planner = next_action(apps.iloc[0].to_dict(), fups, NOW).followups_sent
    checks = unanswered_followups(apps.iloc[0].to_dict(), fups)
    pipeline = int(metrics.application_facts(apps, fups)["follow_ups"].iloc[0])
    return planner, checks, pipeline


@pytest.mark.parametrize("direction", ["Sent", ""])
def test_a_hand_typed_row_without_a_kind_is_one_follow_up_everywhere(direction: str) -> None:
    row = {"Date": "2026-10-12", "Direction": direction, "Kind": "", "Medium": "Email"}
    assert _three_counts([row]) == (1, 1, 1)


def test_a_reply_typed_without_a_direction_is_counted_by_nobody_as_a_follow_up() -> None:
    rows = [{"Date": "2026-10-12", "Direction": "", "Kind": "Reply"}]
    assert _three_counts(rows) == (0, 0, 0)
    apps = applications_frame([APP])
    assert bool(metrics.application_facts(apps, followups_frame([{"Application ID": "A-1", **rows[0]}]))["responded"].iloc[0])


def test_every_kind_of_row_gives_the_same_count_in_the_three_places() -> None:
    sent_rows = [cells for cells, _, _ in EDGE_ROWS if cells["Direction"] != "Received" and cells["Kind"] != "Reply"]
    rows = [{"Date": f"2026-10-{10 + i}", **cells} for i, cells in enumerate(sent_rows)]
    counts = _three_counts(rows)
    assert counts[0] == counts[1] == counts[2] == 4  # Sent/blank, blank/blank, check-in, Final


def _frames_with_edges() -> tuple[Any, Any]:
    records, history = demo_records(date(2026, 11, 16))
    extra = [{"Application ID": records[0]["ID"], "Date": "2026-11-01", **cells} for cells, _, _ in EDGE_ROWS]
    return applications_frame(records), followups_frame(history + extra)


@pytest.mark.parametrize("source", ["demo", "generated"])
def test_the_vectorised_reading_is_the_row_reading(source: str) -> None:
    if source == "demo":
        _, fups = _frames_with_edges()
    else:
        fups = followups_frame(generate(300, date(2026, 11, 16))[1])
    flags = history_flags(fups)
    rows = entries(fups)
    assert flags.received.tolist() == [e.received for e in rows]
    assert flags.counted.tolist() == [e.counted for e in rows]
    assert flags.thank_you.tolist() == [e.thank_you for e in rows]
    assert flags.kind.tolist() == [e.kind for e in rows]


def test_the_plan_and_the_pipeline_count_the_same_follow_ups_for_every_application() -> None:
    apps, fups = _frames_with_edges()
    actions = plan(apps, fups, NOW)
    facts = metrics.application_facts(apps, fups)
    assert [a.followups_sent for a in actions] == facts["follow_ups"].tolist()
    grouped = entries_by_application(fups)
    for row, action in zip(apps.to_dict("records"), actions):
        history = fups[fups["Application ID"] == row["ID"]]
        if not any(e.received for e in grouped.get(row["ID"], [])) and pd.isna(row["Response On"]):
            assert unanswered_followups(row, history) == action.followups_sent
