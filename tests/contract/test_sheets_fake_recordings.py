"""Conformance of FakeSheetsAPI with real Sheets API v4 traffic.

``tests/contract/sheets_api_recordings`` holds vcrpy cassettes recorded by gspread's own test suite
against the real service (see its README). Each cassette is replayed, request by request and
in order, against a fresh FakeSheetsAPI through the same HTTP layer gspread uses, and every
answer of the fake is compared with the recorded one: status code and JSON body.

What is normalised before comparing, and why:

* Ids. The fake creates its own spreadsheets (Drive ``POST files``) and sheets (``addSheet``),
  so it hands out different ids. Each recorded id is mapped to the fake's as it is created;
  recorded requests are rewritten with the fake's ids and recorded answers are translated the
  same way (``spreadsheetId``, ``sheetId``, ``spreadsheetUrl`` and any other string holding an
  id). An id that was never created (``spreadsheets/test``) is sent as recorded.
* Drive's ``createdTime`` / ``modifiedTime``: wall-clock times that no replay can reproduce;
  neither gspread's Spreadsheet nor the app reads them for anything but display.

Nothing else is relaxed: spreadsheet properties (locale, time zone, default format, theme) are
compared in full because the fake reproduces what a new spreadsheet reports. JSON objects
compare regardless of key order, as in the API; arrays compare in order, because the API
keeps them in a meaningful order (rows, ranges as requested, sheets by index).
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest

from tests.fakes.sheets_api import FakeSheetsAPI

RECORDINGS = Path(__file__).parent / "sheets_api_recordings"
CASSETTES = sorted(RECORDINGS.glob("*.json"))

# Fields whose recorded values cannot be reproduced (wall-clock times) and are compared as "<time>".
UNREPRODUCIBLE_FIELDS = {"createdTime", "modifiedTime"}


def _interactions(cassette: Path) -> list[dict[str, Any]]:
    return json.loads(cassette.read_text(encoding="utf-8"))["interactions"]


@dataclass
class Outcome:
    """One replayed interaction: what was recorded and what the fake answered."""

    label: str
    expected_status: int
    actual_status: int
    expected_body: Any
    actual_body: Any


class _IdMap:
    """Recorded ids -> the fake's ids, learnt as spreadsheets and sheets get created."""

    def __init__(self) -> None:
        self.spreadsheets: dict[str, str] = {}
        self.sheets: dict[int, int] = {0: 0}  # every new spreadsheet starts with sheetId 0

    def text(self, value: str) -> str:
        for recorded, fake in self.spreadsheets.items():
            value = value.replace(recorded, fake)
        return value

    def json(self, value: Any, key: str | None = None) -> Any:
        if isinstance(value, dict):
            return {k: self.json(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [self.json(item) for item in value]
        if isinstance(value, str):
            return self.text(value)
        if key == "sheetId" and isinstance(value, int):
            return self.sheets.get(value, value)
        return value


def _parse_body(text: str | None) -> Any:
    if not text:
        return None
    return json.loads(text)


def _normalise(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: "<time>" if k in UNREPRODUCIBLE_FIELDS else _normalise(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_normalise(item) for item in value]
    return value


def _label(index: int, request: dict[str, Any]) -> str:
    """A short readable name for an interaction: ``05 PUT values/'Sheet1'!A1``."""
    uri = unquote(request["uri"].split("?")[0])
    if "/drive/v3/files" in uri:
        what = "drive files" + ("/<id>" if uri.split("/drive/v3/files")[1] else "")
    else:
        spreadsheet, _, tail = uri.split("/v4/spreadsheets/", 1)[1].partition("/")
        action = spreadsheet.partition(":")[2]
        what = tail or (f"spreadsheet:{action}" if action else "spreadsheet")
    return f"{index:02d} {request['method']} {what}"


@functools.cache
def replay(cassette_name: str) -> tuple[Outcome, ...]:
    """Replay a whole cassette against a fresh fake; one Outcome per recorded interaction."""
    api = FakeSheetsAPI()
    session = api.session()
    ids = _IdMap()
    outcomes = []
    for index, interaction in enumerate(_interactions(RECORDINGS / cassette_name)):
        request, response = interaction["request"], interaction["response"]
        recorded_body = _parse_body(request.get("body"))
        body = None if recorded_body is None else json.dumps(ids.json(recorded_body)).encode("utf-8")
        headers = {"Content-Type": "application/json"} if body is not None else {}
        answer = session.request(request["method"], ids.text(request["uri"]), data=body, headers=headers)
        actual = _parse_body(answer.text)
        expected = _parse_body(response["body"]["string"])
        _learn_ids(ids, request, expected, actual)
        outcomes.append(
            Outcome(
                label=_label(index, request),
                expected_status=response["status"]["code"],
                actual_status=answer.status_code,
                expected_body=_normalise(ids.json(expected)),
                actual_body=_normalise(actual),
            )
        )
    return tuple(outcomes)


def _learn_ids(ids: _IdMap, request: dict[str, Any], expected: Any, actual: Any) -> None:
    """Map the ids the recording created to the ones the fake created in its answer."""
    if not isinstance(expected, dict) or not isinstance(actual, dict):
        return
    if request["method"] == "POST" and "/drive/v3/files?" in request["uri"] and "id" in expected:
        ids.spreadsheets[expected["id"]] = actual["id"]
    for recorded, fake in zip(expected.get("replies", []), actual.get("replies", [])):
        if "addSheet" in recorded and "addSheet" in fake:
            ids.sheets[recorded["addSheet"]["properties"]["sheetId"]] = fake["addSheet"]["properties"]["sheetId"]


def _cases() -> list[Any]:
    cases = []
    for cassette in CASSETTES:
        for index, interaction in enumerate(_interactions(cassette)):
            label = _label(index, interaction["request"])
            cases.append(pytest.param(cassette.name, index, id=f"{cassette.stem}/{label}"))
    return cases


def test_every_cassette_is_replayed() -> None:
    """All recordings are in the repo and each one holds Sheets traffic to compare against."""
    assert len(CASSETTES) >= 21, [c.name for c in CASSETTES]
    assert (RECORDINGS / "README.md").exists() and (RECORDINGS / "LICENSE-gspread.txt").exists()
    for cassette in CASSETTES:
        outcomes = replay(cassette.name)
        assert len(outcomes) == len(_interactions(cassette))
        assert any("sheets.googleapis.com" in i["request"]["uri"] for i in _interactions(cassette)), cassette.name


@pytest.mark.parametrize(("cassette_name", "index"), _cases())
def test_fake_answers_like_the_recording(cassette_name: str, index: int) -> None:
    outcome = replay(cassette_name)[index]
    assert outcome.actual_status == outcome.expected_status, outcome.actual_body
    assert outcome.actual_body == outcome.expected_body
