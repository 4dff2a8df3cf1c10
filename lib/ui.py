"""The one bridge between lib/ and Streamlit: cached store and reads, session state, feedback.

Caching sits only here, at the data-access boundary: the store client is a cached resource,
and one read of every tab is kept for READ_TTL_SECONDS and shared by every page and session
(one object, never copied: callers must not change it). It is read again when it is that old,
when the store's version() says the data changed (the local files' stamps), and on Refresh.
The app's own edit of one application puts the row as written into the kept read (no read of
every tab); any other write, and any write that failed, was repaired or may have been applied
twice, drops the kept read. What is slow to derive from one read (the plan, the Pipeline's
charts) is kept under that read's token.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import threading
import time
import uuid
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeVar

import pandas as pd
import streamlit as st

from lib.domain import literal
from lib.domain.model import ROW, Dataset
from lib.domain.schema import APPLICATIONS
from lib.io.config import AppConfig, load_config, unreadable_secrets
from lib.io.parse import parse_row
from lib.io.store.base import Store, WrittenRow
from lib.io.store.errors import ConflictError, RowsMovedError, StoreError
from lib.io.store.factory import open_store
from lib.planner import rules
from lib.planner.rules import Action, RuleSettings
from lib.views import posting

T = TypeVar("T")
READ_TTL_SECONDS = 60  # how long one read of the sheet serves every page before it is re-read
_FLASH_KEY = "state.flash"
_NOTICE_KEY = "state.notice"  # what a write that landed only after a repair has to say
_READ_ONLY_KEY = "state.read_only_reason"
log = logging.getLogger(__name__)


def secrets() -> dict[str, Any]:
    """Return the secrets as a dict: every file in Streamlit's secrets.files merged (~/.streamlit/secrets.toml,
    then the project's .streamlit/secrets.toml); {} when there is none.

    Raises SecretsFileError when a secrets file exists but cannot be used (it does not parse, is not UTF-8,
    cannot be opened): read as "no secrets", it would silently turn sign-in off.
    """
    try:
        return st.secrets.to_dict()
    except st.errors.StreamlitSecretNotFoundError as exc:
        # Streamlit raises this one class both for "no file at all" and for a file it cannot parse; the
        # error_id tells them apart, and only the first is fine. The parser's own error is the cause.
        if exc.error_id == "no-secrets-found":
            return {}
        path = exc.exec_kwargs.get("path") or exc.exec_kwargs.get("sub_folder_path")
        raise unreadable_secrets(exc.__cause__, path) from None
    except (OSError, UnicodeDecodeError) as exc:  # Streamlit lets these through: unreadable, or not UTF-8
        raise unreadable_secrets(exc, None, st.get_option("secrets.files")) from None


def config() -> AppConfig:
    """Return the configuration from the environment and .streamlit/secrets.toml."""
    return load_config(os.environ, secrets())


def _store_key(cfg: AppConfig) -> str:
    if cfg.gsheets:
        return f"gsheets:{cfg.gsheets.get('spreadsheet', '')}:{cfg.gsheets.get('client_email', '')}"
    return f"local:{cfg.data_dir.resolve()}"


@st.cache_resource(show_spinner=False)
def _cached_store(key: str, _cfg: AppConfig, _today: date) -> Store:
    return open_store(_cfg, _today)


@st.cache_resource(show_spinner=False)
def _last_good() -> dict[str, Dataset]:
    """Return the last dataset read successfully per store, for when the source goes away."""
    return {}


@dataclass(frozen=True)
class _Read:
    """One read of every tab, kept for every page and session."""

    data: Dataset
    version: str | None  # the store's version() when read
    today: date
    at: float  # time.monotonic() of the read from the store (an update after a write keeps it)


@st.cache_resource(show_spinner=False)
def _reads() -> dict[str, _Read]:
    """Return the kept read per store (emptied with the resource cache)."""
    return {}


_reads_lock = threading.Lock()


def _cached_dataset(key: str, version: str | None, today: date, store: Store) -> Dataset:
    """Return the kept read when it is fresh (same version and day, younger than READ_TTL_SECONDS), else read the store."""
    kept = _reads().get(key)
    if kept is not None and kept.version == version and kept.today == today and time.monotonic() - kept.at < READ_TTL_SECONDS:
        return kept.data
    with st.spinner("Reading your applications…"):
        at = time.monotonic()
        data = store.load(today)
    with _reads_lock:
        _reads()[key] = _Read(data, version, today, at)
    return data


def forget_all_reads() -> None:
    """Forget every kept read (not the stores), so the next page of any session reads its store again."""
    with _reads_lock:
        _reads().clear()


def _forget_read(key: str) -> None:
    with _reads_lock:
        _reads().pop(key, None)


def _with_written(kept: _Read, written: WrittenRow) -> _Read | None:
    """Return the kept read with one row as the app has just written it, or None when it must be read again.

    Only when the read is exactly what the write started from (same version), the row is where the
    read has it, keeps its ID, and reads into the same columns and types: anything else (a row
    moved or typed by hand, a new column) changes more than the one row.
    """
    data = kept.data
    if written.tab != APPLICATIONS.title or written.version_before != kept.version:
        return None
    apps = data.applications
    hits = (apps["ID"] == written.row_id).to_numpy().nonzero()[0]
    if len(hits) != 1 or int(apps[ROW].iat[hits[0]]) != written.sheet_row:
        return None
    row, issues = parse_row(APPLICATIONS, written.header, written.row, written.sheet_row, kept.today, data.settings)
    if len(row) != 1 or row["ID"].iat[0] != written.row_id or list(row.columns) != list(apps.columns):
        return None
    at = int(hits[0])
    updated = pd.concat([apps.iloc[:at], row, apps.iloc[at + 1:]], ignore_index=True)
    if not updated.dtypes.equals(apps.dtypes):
        return None
    kept_issues = [i for i in data.issues if not (i.tab == APPLICATIONS.title and i.row == written.sheet_row)]
    new = dataclasses.replace(data, applications=updated, issues=kept_issues + issues, token=uuid.uuid4().hex)
    return _Read(new, written.version_after, kept.today, kept.at)


def _after_write(key: str, written: list[WrittenRow | None]) -> None:
    """Bring the kept read up to date after the app's own successful write(s): patch one edited row, else drop it."""
    with _reads_lock:
        kept = _reads().get(key)
        patched = None
        if kept is not None and len(written) == 1 and written[0] is not None:
            try:
                patched = _with_written(kept, written[0])
            except Exception:  # never let a shortcut break a saved write: read again instead
                log.exception("Updating the kept read after a write failed; reading again")
        if patched is None:
            _reads().pop(key, None)
        else:
            _reads()[key] = patched
            _last_good()[key] = patched.data


def store() -> Store:
    """Return the store the app uses (opened once per configuration and process).

    When the configuration cannot give a store (credentials incomplete, say, or anything
    else going wrong while opening it), the page stops with the reason; never a traceback.
    """
    cfg = config()
    try:
        return _cached_store(_store_key(cfg), cfg, today())
    except Exception as exc:  # any failure; st.stop/st.rerun are BaseExceptions and pass
        st.error(literal.text(_failure_text(exc, "Opening the data source")))
        st.stop()


def app_url() -> str:
    """Return the app's own address without a page ("http://localhost:8501"), as the browser reached it;
    the server's address and port when there is no browser (a test run)."""
    return posting.app_base_url(
        st.context.url, str(st.get_option("server.baseUrlPath") or ""), st.get_option("server.address"),
        int(st.get_option("server.port")),
    )


def today() -> date:
    return date.today()


def now() -> datetime:
    return datetime.now().replace(second=0, microsecond=0)


def dataset() -> Dataset:
    """Return the current data, read once per TTL for all pages and sessions.

    When the source cannot be read, for whatever reason, the last good data is returned
    and the app becomes read-only (see `read_only_reason`); with no good data at all, the
    page stops with the reason. Never a traceback page: an unexpected error's traceback
    goes to the server log.
    """
    s = store()
    key = _store_key(config())
    try:
        data = _cached_dataset(key, s.version(), today(), s)
    except Exception as exc:  # any failure; st.stop/st.rerun are BaseExceptions and pass
        reason = _failure_text(exc, "Reading your data")
        previous = _last_good().get(key)
        if previous is None:
            st.error(literal.text(reason))
            st.stop()
        st.session_state[_READ_ONLY_KEY] = reason
        return previous
    _last_good()[key] = data
    st.session_state.pop(_READ_ONLY_KEY, None)
    return data


def _failure_text(exc: Exception, doing: str) -> str:
    """Return what to tell the person about a failed read; log the traceback of an unexpected one."""
    if isinstance(exc, StoreError):
        log.warning("%s failed: %s", doing, exc)
        return str(exc)
    log.exception("%s failed unexpectedly", doing)
    return (f"{doing} failed unexpectedly ({type(exc).__name__}). The details are in the server log; "
            "if a file or the sheet was just edited by hand, check that edit.")


@st.cache_resource(ttl=READ_TTL_SECONDS, max_entries=32, show_spinner=False)
def _derived(name: str, token: str, key: Hashable, _build: Callable[[], Any]) -> Any:
    return _build()


def derived(name: str, data: Dataset, key: Hashable, build: Callable[[], T]) -> T:
    """Return `build()`, worked out once per read of the data and `key`, shared by every session.

    For what is slow to derive from a read (the plan, the Pipeline's charts). The result is
    shared, so callers must not change it.
    """
    result: T = _derived(name, data.token, key, build)
    return result


def plan(data: Dataset) -> list[Action]:
    """Return the planner's next action for every application, worked out once per read and minute."""
    at = now()
    settings = RuleSettings.from_settings(data.settings)
    return derived("plan", data, (at, settings), lambda: rules.plan(data.applications, data.followups, at, settings, data.issues))


def read_only_reason() -> str | None:
    """Return why the app is showing older data read-only, or None when all is well."""
    return st.session_state.get(_READ_ONLY_KEY)


def refresh() -> None:
    """Forget the cached read (and a remembered failed one) so the next `dataset()` reads the store again."""
    store().forget_failed_read()
    _forget_read(_store_key(config()))


def write(action: Callable[[], Any], success: str, *, then: Callable[[], None] | None = None) -> bool:
    """Run a store write; on success update or drop the kept read, queue a toast and rerun.

    `success` is plain text (it usually names an application from the sheet): the toast
    shows it as typed ("" for none, when the page says it itself). `then` runs once the write is
    saved (also when the sheet moved under it but it landed), before the rerun: what the page
    should show next. On a StoreError show what went wrong (both values for a conflict), drop
    the kept read (what is stored may differ from it: the hand edit that caused a conflict, a
    repaired write) and return False.
    """
    reason = read_only_reason()
    if reason:
        st.error(f"Not saved: the data source cannot be reached right now, so the app is read-only. {literal.text(reason)}")
        return False
    s = store()
    key = _store_key(config())
    s.take_writes()  # notes of writes made outside `write` (seeding the demo, say) are not this action's
    try:
        action()
    except RowsMovedError as exc:
        # The sheet moved under the write; the store put back what it hit by mistake. Either
        # way the data changed: read it again, and say what happened where it stays visible.
        refresh()
        if not exc.saved:
            st.error(literal.text(exc))
            return False
        if then is not None:
            then()
        st.session_state[_NOTICE_KEY] = str(exc)
        st.session_state[_FLASH_KEY] = success
        st.rerun()
    except ConflictError as exc:
        _forget_read(key)
        st.error(literal.text(exc))
        st.dataframe(
            [{"Field": c.field, "When you opened it": c.base, "In the sheet now": c.theirs, "Your change": c.yours} for c in exc.conflicts],
            hide_index=True,
        )
        return False
    except StoreError as exc:
        _forget_read(key)
        st.error(literal.text(exc))
        return False
    except BaseException:
        _forget_read(key)
        raise
    finally:
        written = s.take_writes()
    _after_write(key, written)
    if then is not None:
        then()
    st.session_state[_FLASH_KEY] = success
    st.rerun()
    return True  # not reached: st.rerun() stops this run


def remember_shown(page: str, data: Dataset) -> None:
    """Keep the data `page` (its key prefix) drew in this run: the next run's click acts on it."""
    st.session_state[page + "shown"] = data


def shown_application(page: str, app_id: str) -> dict[str, Any] | None:
    """Return the application as `page` last showed it (the base a click's write is checked against).

    A click starts a run that may read newer data; the write must be checked against what the
    person saw. Falls back to the current data; None (with a warning) when the row is gone.
    """
    app = dataset().application(app_id)
    if app is None:
        st.warning("That application is no longer in the data; refresh to see the latest.")
        return None
    shown: Dataset | None = st.session_state.get(page + "shown")
    return (shown.application(app_id) if shown is not None else None) or app


def headline_row(key: str) -> Any:
    """Return a row for a page's headline numbers (st.metric), drawn side by side and wrapping.

    On a phone, metrics in columns stack one per line and fill the first screen before anything
    to act on: here they stay side by side, smaller. The style takes no room.
    """
    css_key = key.replace(".", "-")  # Streamlit's class for a keyed container
    st.html(
        "<style>@media (max-width: 640px) {"
        f" .st-key-{css_key} [data-testid=\"stMetricValue\"] {{ font-size: 1.5rem; }}"
        f" .st-key-{css_key} [data-testid=\"stMetric\"] {{ padding: 0; }}"
        f" .st-key-{css_key} {{ gap: 0.25rem 1rem; }}"
        "}</style>"
    )
    return st.container(horizontal=True, key=key, gap="medium")


def show_flash() -> None:
    """Show the toast queued by the last successful write, once."""
    notice = st.session_state.pop(_NOTICE_KEY, None)
    if notice:
        st.warning(literal.text(notice), icon=":material/swap_vert:")
    message = st.session_state.pop(_FLASH_KEY, None)
    if message:
        st.toast(literal.text(message), icon=":material/check_circle:")
