"""Adding many applications at once (an import): one write, below the rows already there, new IDs."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from lib.domain.schema import APPLICATIONS, TABS
from lib.io.store.gsheets import GoogleSheetsStore
from lib.io.store.local import LocalStore
from tests.fakes.sheets_api import FakeSheetsAPI
from tests.hands import LocalHands, SheetsHands

TODAY = date(2026, 11, 22)
RECORDS = [
    {"Company": "Acme", "Job Title": "Analyst", "Applied On": datetime(2026, 11, 2), "Status": "Applied"},
    {"Company": "Acme", "Job Title": "Data Engineer", "Job Link": "https://acme.example/jobs/2"},
    {"Company": "Brill Ltd", "Job Title": "Analyst", "Follow-Ups Sent": 1, "Notes": "=1+1"},
]


@pytest.fixture(params=["local", "gsheets"])
def backend(request, tmp_path):
    if request.param == "local":
        store = LocalStore(tmp_path / "data")
        hands = LocalHands(store)
        hands.write_grid([APPLICATIONS.headers])
        return store, hands, None
    fake = FakeSheetsAPI()
    sid = fake.create_spreadsheet(tabs={tab.title: [tab.headers] for tab in TABS})
    return GoogleSheetsStore(fake.client, sid, sleep=lambda s: None), SheetsHands(fake, sid), fake


def test_records_land_below_existing_rows_with_new_ids(backend):
    store, _hands, _fake = backend
    first = store.add_application({"Company": "Old Co", "Job Title": "Clerk"})
    ids = store.add_applications(RECORDS)
    assert len(set(ids)) == 3 and first not in ids
    data = store.load(TODAY)
    assert list(data.applications["ID"]) == [first, *ids]
    assert list(data.applications["Job Title"]) == ["Clerk", "Analyst", "Data Engineer", "Analyst"]
    assert data.application(ids[0])["Applied On"] == datetime(2026, 11, 2)
    assert data.application(ids[2])["Follow-Ups Sent"] == 1
    assert data.application(ids[2])["Notes"] == "=1+1"  # text, not a formula
    assert data.issues == [] or all(i.severity == "info" for i in data.issues)


def test_the_persons_columns_stay_put(backend):
    store, hands, _fake = backend
    grid = hands.grid()
    hands.write_grid([["My Ref", *reversed(grid[0])]])  # their own column first, ours reversed
    ids = store.add_applications(RECORDS[:2])
    after = hands.grid()
    assert after[0] == ["My Ref", *reversed(grid[0])]
    assert store.load(TODAY).application(ids[1])["Job Link"] == "https://acme.example/jobs/2"
    assert all((row[0] if row else "") == "" for row in after[1:])


@pytest.fixture
def sheets():
    fake = FakeSheetsAPI()
    sid = fake.create_spreadsheet(tabs={tab.title: [tab.headers] for tab in TABS})
    return GoogleSheetsStore(fake.client, sid, sleep=lambda s: None), fake


def test_one_write_request_on_google_sheets(sheets):
    store, fake = sheets
    store.load(TODAY)
    fake.reset_counters()
    store.add_applications(RECORDS * 20)
    writes = [r for r in fake.requests_log if r.is_write]
    assert len(writes) == 1
    assert len(store.load(TODAY).applications) == 60


def test_a_lost_answer_does_not_import_twice(sheets):
    store, fake = sheets
    fake.fail_next(1, 500, method="POST", after_serving=True)
    ids = store.add_applications(RECORDS)
    assert list(store.load(TODAY).applications["ID"]) == ids


def test_nothing_to_add_writes_nothing(backend):
    store, hands, _fake = backend
    before = hands.grid()
    assert store.add_applications([]) == []
    assert hands.grid() == before
