"""Google going away: the token service out of reach, a rejected key, and reads remembered as failed.

The store runs on the real service-account path (google-auth signs a JWT and asks the
stand-in's token endpoint for a token), so the difference between "Google rejected the key"
and "Google could not be reached" is the one the person will see.
"""

from __future__ import annotations

import types
from datetime import date

import google.auth._exponential_backoff
import pytest

from lib.domain.schema import TABS
from lib.io.config import FAILED_READ_MEMORY_SECONDS, RetryPolicy, load_config
from lib.io.store.errors import SourceUnavailableError
from lib.io.store.gsheets import CredentialsError, GoogleSheetsStore
from tests.fakes.sheets_api import FakeSheetsAPI

TODAY = date(2026, 11, 22)
ATTEMPTS = 4
TOKEN = "/token"
AUTH_TRIES = 3  # google-auth asks the token endpoint up to 3 times itself before it gives up


@pytest.fixture
def no_auth_waits(monkeypatch):
    """google-auth waits between its own token retries with time.sleep; tests need not wait."""
    monkeypatch.setattr(google.auth._exponential_backoff, "time", types.SimpleNamespace(sleep=lambda seconds: None))


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def keyed_store(sheet, sleeps: list[float], **kwargs) -> GoogleSheetsStore:
    """The store as the app builds it from the secrets: a real service-account key, tokens from the endpoint."""
    return GoogleSheetsStore.from_config(sheet.secrets, retry=RetryPolicy(attempts=ATTEMPTS, sleep=sleeps.append, **kwargs))


def test_token_service_down_is_not_called_a_bad_key(sheets_empty, no_auth_waits):
    sleeps: list[float] = []
    store = keyed_store(sheets_empty, sleeps)
    sheets_empty.fake.fail_next(100, 503, path_contains=TOKEN)
    with pytest.raises(SourceUnavailableError) as err:
        store.load(TODAY)
    assert "could not be reached" in str(err.value) and "did not accept" not in str(err.value)
    assert len(sleeps) == ATTEMPTS - 1  # retried like a server error, bounded
    assert sheets_empty.fake.count(path_contains=TOKEN) == ATTEMPTS * AUTH_TRIES


def test_token_service_out_of_reach_is_retried_and_named(sheets_empty):
    sleeps: list[float] = []
    store = keyed_store(sheets_empty, sleeps)
    sheets_empty.fake.fail_next(100, timeout=True, path_contains=TOKEN)
    with pytest.raises(SourceUnavailableError, match="could not be reached"):
        store.load(TODAY)
    assert len(sleeps) == ATTEMPTS - 1


def test_a_token_service_burst_is_ridden_out(sheets_empty, no_auth_waits):
    sleeps: list[float] = []
    store = keyed_store(sheets_empty, sleeps)
    sheets_empty.fake.fail_next(AUTH_TRIES, 503, path_contains=TOKEN)  # google-auth gives up once
    assert len(store.load(TODAY).applications) == 0
    assert len(sleeps) == 1


def test_a_rejected_key_is_a_credentials_error_and_not_retried(sheets_empty):
    sleeps: list[float] = []
    store = keyed_store(sheets_empty, sleeps)
    sheets_empty.fake.revoke_credentials()  # the token endpoint answers invalid_grant
    with pytest.raises(CredentialsError, match="did not accept the service account's credentials"):
        store.load(TODAY)
    assert sleeps == []


# --- a failed read is remembered --------------------------------------------------------------


def on_fake(clock: Clock, sleeps: list[float], **retry) -> tuple[FakeSheetsAPI, GoogleSheetsStore]:
    fake = FakeSheetsAPI()
    sid = fake.create_spreadsheet(tabs={t.title: [t.headers] for t in TABS})
    store = GoogleSheetsStore(fake.client, sid, retry=RetryPolicy(attempts=ATTEMPTS, sleep=sleeps.append, **retry), clock=clock)
    store.load(TODAY)
    fake.reset_counters()
    return fake, store


def test_during_an_outage_reads_fail_at_once_until_the_memory_runs_out():
    clock, sleeps = Clock(), []
    fake, store = on_fake(clock, sleeps)
    fake.fail_next(1000, 503)
    with pytest.raises(SourceUnavailableError, match="server error") as first:
        store.load(TODAY)
    assert fake.request_count == ATTEMPTS
    assert "press Refresh to try now" in str(first.value)
    for _ in range(3):  # the sidebar's read, the page's read, the next page's reads...
        clock.now += FAILED_READ_MEMORY_SECONDS / 4
        with pytest.raises(SourceUnavailableError) as again:
            store.load(TODAY)
        assert str(again.value) == str(first.value)
    assert fake.request_count == ATTEMPTS  # no request, no wait
    assert len(sleeps) == ATTEMPTS - 1
    clock.now += FAILED_READ_MEMORY_SECONDS
    with pytest.raises(SourceUnavailableError):
        store.load(TODAY)
    assert fake.request_count == 2 * ATTEMPTS  # asked again once the memory ran out


def test_refresh_asks_again_at_once_and_a_good_read_is_not_remembered_as_failed():
    clock, sleeps = Clock(), []
    fake, store = on_fake(clock, sleeps)
    fake.fail_next(ATTEMPTS, 503)
    with pytest.raises(SourceUnavailableError):
        store.load(TODAY)
    store.forget_failed_read()  # what Refresh does
    store.load(TODAY)
    assert fake.request_count == ATTEMPTS + 1
    store.load(TODAY)
    assert fake.request_count == ATTEMPTS + 2


def test_a_rejected_key_is_remembered_too(sheets_empty):
    sleeps: list[float] = []
    store = keyed_store(sheets_empty, sleeps, failed_read_memory_seconds=10**9)  # long: no test waits on a clock
    store.load(TODAY)
    sheets_empty.fake.revoke_credentials()
    with pytest.raises(CredentialsError):
        store.load(TODAY)
    asked = sheets_empty.fake.request_count
    with pytest.raises(CredentialsError, match="did not accept"):
        store.load(TODAY)
    assert sheets_empty.fake.request_count == asked


def test_no_memory_when_configured_off():
    clock, sleeps = Clock(), []
    fake, store = on_fake(clock, sleeps, failed_read_memory_seconds=0)
    fake.fail_next(1000, 503)
    for _ in range(2):
        with pytest.raises(SourceUnavailableError):
            store.load(TODAY)
    assert fake.request_count == 2 * ATTEMPTS


# --- retry timing is configuration ------------------------------------------------------------


def test_retry_timing_comes_from_the_secrets():
    cfg = load_config({}, {"retry": {"attempts": "3", "first_delay_seconds": 0, "max_delay_seconds": "2.5",
                                     "failed_read_memory_seconds": 600}})
    assert cfg.retry == RetryPolicy(attempts=3, first_delay_seconds=0.0, max_delay_seconds=2.5, failed_read_memory_seconds=600.0)
    assert load_config({}, {}).retry == RetryPolicy()
    assert load_config({}, {"retry": {"attempts": 0, "first_delay_seconds": "soon"}}).retry == RetryPolicy()
