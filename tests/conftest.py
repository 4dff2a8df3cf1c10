"""Shared fixtures: a fresh local store in a temp folder, and the app on it under AppTest."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import requests
import streamlit as st
from streamlit.testing.v1 import AppTest

from lib.domain.schema import TABS
from lib.io.config import DATA_DIR_ENV, DEMO_ENV
from lib.io.store.factory import seed_demo
from lib.io.store.gsheets import GoogleSheetsStore
from lib.io.store.local import LocalStore
from tests.fakes.sheets_api import FakeSheetsAPI

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


class SheetsOnFake:
    """A Google Sheet on the API stand-in, reachable through the app's real credentials path.

    Every `requests.Session` made while it is active talks to the stand-in, so gspread,
    google-auth's token refresh and the app's own code all run unchanged.
    """

    def __init__(self, monkeypatch: pytest.MonkeyPatch):
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric import rsa

        self.fake = FakeSheetsAPI()
        self.sid = self.fake.create_spreadsheet("My job search", tabs={t.title: [t.headers] for t in TABS})
        original_init = requests.Session.__init__
        adapter = self.fake.session().get_adapter("https://sheets.googleapis.com/")

        def init(session, *args, **kwargs):
            original_init(session, *args, **kwargs)
            # Host prefixes, longer than the "https://" one google-auth mounts its own adapter on.
            for host in ("sheets.googleapis.com", "oauth2.googleapis.com", "www.googleapis.com"):
                session.mount(f"https://{host}/", adapter)

        monkeypatch.setattr(requests.Session, "__init__", init)
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()).decode()
        self.secrets = {
            "spreadsheet": f"https://docs.google.com/spreadsheets/d/{self.sid}/edit",
            "type": "service_account", "project_id": "job-search", "private_key_id": "k1", "private_key": pem,
            "client_email": "tracker@job-search.iam.gserviceaccount.com", "client_id": "1",
            "token_uri": "https://oauth2.googleapis.com/token",
        }
        self.store = GoogleSheetsStore(self.fake.client, self.sid, sleep=lambda s: None)

    def load(self, today: date):
        return self.store.load(today)


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
