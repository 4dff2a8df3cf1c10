"""A route from the app's real credentials path to the Sheets API stand-in.

Used by the tests (through tests/conftest.py) and by the benchmark (bench/run.py), which must
not import the tests' conftest.
"""

from __future__ import annotations

from datetime import date

import pytest
import requests

from lib.domain.schema import TABS
from lib.io.store.gsheets import GoogleSheetsStore
from tests.fakes.sheets_api import FakeSheetsAPI


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
