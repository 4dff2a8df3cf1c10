"""Shared fixtures: a fresh local store in a temp folder, and the app on it under AppTest."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from lib.io.config import DATA_DIR_ENV, DEMO_ENV
from lib.io.store.factory import seed_demo
from lib.io.store.local import LocalStore
from tests.fakes.sheet_route import SheetsOnFake

ROOT = Path(__file__).resolve().parents[1]
APP_TIMEOUT_SECONDS = 30


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def fresh_store(data_dir: Path) -> LocalStore:
    """An empty local store in a temp folder."""
    return LocalStore(data_dir)


@pytest.fixture
def demo_store(data_dir: Path) -> LocalStore:
    """A local store in a temp folder holding the demo job search."""
    store = LocalStore(data_dir)
    seed_demo(store, date.today())
    return store


@pytest.fixture
def app_on(monkeypatch: pytest.MonkeyPatch):
    """Return a function that builds the whole app (app.py) on a given store, at a given page.

    The app reads its data folder from the environment and the Google Sheet from its
    secrets, as it does when started by hand.
    """

    def build(store, page: str | None = None) -> AppTest:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=APP_TIMEOUT_SECONDS)
        if isinstance(store, SheetsOnFake):
            at.secrets["connections"] = {"gsheets": store.secrets}
        else:
            monkeypatch.setenv(DATA_DIR_ENV, str(store.data_dir))
        monkeypatch.setenv(DEMO_ENV, "0")
        at.run()
        if page:
            at.switch_page(page)
            at.run()
        return at

    yield build
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture
def sheets_empty(monkeypatch: pytest.MonkeyPatch) -> SheetsOnFake:
    """An empty, set-up Google Sheet on the stand-in."""
    return SheetsOnFake(monkeypatch)


@pytest.fixture
def sheets_demo(monkeypatch: pytest.MonkeyPatch) -> SheetsOnFake:
    """A Google Sheet on the stand-in holding the demo job search."""
    sheet = SheetsOnFake(monkeypatch)
    seed_demo(sheet.store, date.today())
    return sheet


def no_exceptions(at: AppTest) -> None:
    """Fail with the app's own error text when the page raised."""
    assert not at.exception, [e.value for e in at.exception]
