"""Fixtures shared by the contract tests: each runs once per backend."""

from __future__ import annotations

import pytest

from lib.domain.schema import TABS
from lib.io.store.gsheets import GoogleSheetsStore
from lib.io.store.local import LocalStore
from tests.fakes.sheets_api import FakeSheetsAPI
from tests.hands import LocalHands, SheetsHands


@pytest.fixture(params=["local", "gsheets"])
def backend(request, tmp_path):
    """(store, hands) for each backend, starting empty."""
    if request.param == "local":
        store = LocalStore(tmp_path / "data")
        return store, LocalHands(store)
    fake = FakeSheetsAPI()
    sid = fake.create_spreadsheet(tabs={tab.title: [tab.headers] for tab in TABS})
    return GoogleSheetsStore(fake.client, sid, sleep=lambda s: None), SheetsHands(fake, sid)
