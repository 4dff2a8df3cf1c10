"""The Google Sheets store: the user's own spreadsheet, read and written through gspread.

The person edits the same sheet by hand at any time, so:
- every read is one `values:batchGet` request for all tabs (unformatted values, dates as
  serial numbers so the sheet's locale cannot swap day and month);
- every write first reads the tab(s) it touches, finds the row by ID *now*, refuses to
  overwrite a cell the person changed since the app read it, then sends one
  `spreadsheets:batchUpdate` that changes only the cells it means to (one atomic request);
- text is sent as `stringValue`, so it is stored exactly as typed and never becomes a
  formula; dates are sent as serial numbers with a date format, so they are real dates;
- quota (429), server errors (5xx), timeouts and a token service that cannot be reached are
  retried a bounded number of times with exponential backoff and jitter (the RetryPolicy the
  store is built with); every retried write is safe to repeat (it re-reads first, and a new
  row carries its ID, so a repeat finds it already there);
- the API has no conditional write, so a write to a row (an edit, a follow-up's fields, a
  setting) asks for that row back in the same request, as it stands after the write: when
  the person sorted, inserted, deleted or moved something in the gap between the read and
  the write, the cells written by mistake are put back and the change is written where its
  row now is, and the person is told (RowsMovedError); a delete reads again to check it
  removed its own rows, and puts back any other;
- a failed read is remembered for RetryPolicy.failed_read_memory_seconds, so during an outage
  every page shows the last data at once instead of spending the quota again.
"""

from __future__ import annotations

import dataclasses
import random
import re
import time as time_module
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

import gspread
import pandas as pd
import requests
from google.auth import exceptions as auth_exceptions
from gspread.exceptions import APIError
from gspread.urls import SPREADSHEET_BATCH_UPDATE_URL

from lib.domain.facts import AWAITING_STATUSES
from lib.domain.model import ROW
from lib.domain.schema import APPLICATIONS, FOLLOWUPS, SETTINGS, TABS, Column, HeaderMatch, Kind, Tab, column_letter, match_headers
from lib.domain.text import is_blank
from lib.domain.values import cell_text
from lib.io.config import RetryPolicy
from lib.io.dates import to_serial
from lib.io.parse import RawTable, parse_settings, split_duplicate
from lib.io.store.base import Store, WrittenRow
from lib.io.store.errors import MissingColumnError, RowGoneError, RowsMovedError, SettingsConflictError, SourceUnavailableError, StoreError
from lib.io.store.rows import extended_header, find_row, holds, locate_for_delete, locate_for_update, new_id, settings_conflicts

SCOPES = ("https://www.googleapis.com/auth/spreadsheets",)
REQUEST_TIMEOUT_SECONDS = 30
RETRYABLE_CODES = frozenset({429, 500, 502, 503, 504})
REQUIRED_KEY_FIELDS = ("type", "client_email", "private_key", "token_uri")
DATE_PATTERN = "yyyy-mm-dd"
DATETIME_PATTERN = "yyyy-mm-dd hh:mm"
# What a checked write asks back: each range's cell values only (not formats), a few hundred bytes a row.
CHECK_FIELDS = "replies,updatedSpreadsheet(sheets(properties(title),data(startRow,startColumn,rowData(values(effectiveValue)))))"
# Google pretty-prints its JSON unless asked not to: compact answers are about half the bytes
# (a third at 10,000 applications), before gzip, and quicker to decode.
COMPACT: dict[str, str] = {"prettyPrint": "false"}

DEFAULT_RETRY = RetryPolicy()
T = TypeVar("T")

__all__ = ["CredentialsError", "GoogleSheetsStore", "RetryPolicy", "spreadsheet_key"]


class CredentialsError(StoreError):
    """The service-account key in the secrets is missing, incomplete or not accepted."""


@dataclass(frozen=True)
class SheetInfo:
    """A tab as the spreadsheet's metadata describes it."""

    sheet_id: int
    title: str
    rows: int
    columns: int


def spreadsheet_key(url_or_key: str) -> str:
    """Return the spreadsheet key from a Google Sheets URL or a bare key.

    Raises CredentialsError when the setting is empty.
    """
    text = (url_or_key or "").strip()
    if not text:
        raise CredentialsError("No spreadsheet is named: set `spreadsheet` (its URL or key) under [connections.gsheets] in .streamlit/secrets.toml.")
    match = re.search(r"/spreadsheets/d/([a-zA-Z0-9_-]+)", text)
    return match.group(1) if match else text


def _service_account_client(info: Mapping[str, Any]) -> Callable[[], gspread.Client]:
    """Return a factory for a gspread client on service-account credentials (made on first use)."""
    missing = [f for f in REQUIRED_KEY_FIELDS if not str(info.get(f, "")).strip()]
    if missing:
        raise CredentialsError(
            f"The service-account key under [connections.gsheets] in .streamlit/secrets.toml lacks: {', '.join(missing)}. "
            "Copy every field of the JSON key file you downloaded from Google Cloud."
        )

    def make() -> gspread.Client:
        from google.oauth2.service_account import Credentials

        try:
            creds = Credentials.from_service_account_info(dict(info), scopes=list(SCOPES))
        except (ValueError, KeyError, TypeError):
            # The library's message can quote key material: say what is wrong in our own words.
            raise CredentialsError(
                "The service-account key in .streamlit/secrets.toml cannot be read (is private_key complete, "
                "with its BEGIN/END lines and \\n line breaks?). Download a new JSON key and copy it again."
            ) from None
        client = gspread.Client(auth=creds)
        client.set_timeout(REQUEST_TIMEOUT_SECONDS)
        return client

    return make


class GoogleSheetsStore(Store):
    """A Google Sheet laid out as in lib.domain.schema, one tab per table."""

    can_set_up = True

    def __init__(
        self,
        client_factory: Callable[[], gspread.Client],
        spreadsheet: str,
        *,
        client_email: str = "",
        retry: RetryPolicy = DEFAULT_RETRY,
        sleep: Callable[[float], None] | None = None,
        today: Callable[[], date] = date.today,
        rng: random.Random | None = None,
        clock: Callable[[], float] = time_module.monotonic,
    ):
        """`retry` says how failures are retried and waited for; `sleep`, when given, replaces its way of waiting."""
        self.key = spreadsheet_key(spreadsheet)
        self.client_email = client_email
        self._client_factory = client_factory
        self._client: gspread.Client | None = None
        self._retry = retry if sleep is None else dataclasses.replace(retry, sleep=sleep)
        self._today = today
        self._rng = rng or random.Random()
        self._clock = clock
        self._failed_read: tuple[float, StoreError] | None = None
        self._sheets: dict[str, SheetInfo] | None = None
        self._has_rules: dict[str, bool] = {}
        self._layouts: dict[str, list[Any]] = {}  # tab title -> its header row as of the last whole read
        self.title = ""

    @classmethod
    def from_config(cls, cfg: Mapping[str, Any], *, retry: RetryPolicy = DEFAULT_RETRY) -> GoogleSheetsStore:
        """Build the store from the [connections.gsheets] secrets block (nothing is opened yet)."""
        return cls(_service_account_client(cfg), str(cfg.get("spreadsheet", "")), client_email=str(cfg.get("client_email", "")),
                   retry=retry)

    def describe(self) -> str:
        name = f"'{self.title}'" if self.title else self.key
        return f"Google Sheet {name}"

    # --- talking to the API --------------------------------------------------------------

    def _http(self) -> gspread.http_client.HTTPClient:
        if self._client is None:
            self._client = self._client_factory()
        return self._client.http_client

    def _call(self, what: str, request: Callable[[], T], *, idempotent: bool = True) -> T:
        """Run one API request, retrying quota/server errors and timeouts; translate failures.

        A write that is not `idempotent` is retried here only after a 429 (the quota refusal
        means nothing was applied); after a 5xx or a timeout it may or may not have been
        applied, so `_Unsure` is raised for `_write` to re-check and redo the whole operation.
        A token that cannot be had (Google's token service down or out of reach) is retried
        like a 5xx whatever the request: nothing was sent yet. A key Google rejects is not.
        Raises SourceUnavailableError or CredentialsError with a message for the person.
        """
        attempt = 0
        while True:
            try:
                return request()
            except APIError as exc:
                code = exc.code
                if code in RETRYABLE_CODES and not idempotent and code != 429:
                    raise _Unsure(self._translate(exc, what)) from None
                if code in RETRYABLE_CODES and attempt + 1 < self._retry.attempts:
                    self._wait(attempt)
                    attempt += 1
                    continue
                raise self._translate(exc, what) from None
            except (requests.Timeout, requests.ConnectionError):
                if not idempotent:
                    raise _Unsure(self._timeout_error(what)) from None
                if attempt + 1 < self._retry.attempts:
                    self._wait(attempt)
                    attempt += 1
                    continue
                raise self._timeout_error(what) from None
            except (auth_exceptions.RefreshError, auth_exceptions.TransportError) as exc:
                # RefreshError.retryable: the token service answered 5xx/429 (or said "try again");
                # not retryable: it refused the key (invalid_grant, deleted or disabled key).
                rejected = isinstance(exc, auth_exceptions.RefreshError) and not exc.retryable
                if rejected:
                    raise CredentialsError(self._credentials_message()) from None
                if attempt + 1 < self._retry.attempts:
                    self._wait(attempt)
                    attempt += 1
                    continue
                raise self._unreachable_error(what) from None

    def _wait(self, attempt: int) -> None:
        self._retry.sleep(self._retry.delay(attempt, self._rng))

    def _unreachable_error(self, what: str) -> SourceUnavailableError:
        return SourceUnavailableError(
            f"Google could not be reached while {what}: its sign-in service did not answer or had a server error "
            f"({self._retry.attempts} tries). Your key is not the problem. Check your connection, or try again in a few "
            "minutes; the app keeps showing the last data it read."
        )

    def _timeout_error(self, what: str) -> SourceUnavailableError:
        return SourceUnavailableError(
            f"Google Sheets did not answer while {what} (network timeout after {self._retry.attempts} tries). "
            "Check your connection; the app keeps showing the last data it read."
        )

    def _write(self, what: str, operation: Callable[[bool], T]) -> T:
        """Run a read-then-write operation; redo it (bounded, with backoff) when a write's fate is unknown.

        `operation(again)` must be safe to repeat: `again` is True on a repeat, when the
        previous write may already have landed.
        """
        for attempt in range(self._retry.attempts):
            try:
                return operation(attempt > 0)
            except _Unsure as unsure:
                if attempt + 1 == self._retry.attempts:
                    raise unsure.error from None
                self._wait(attempt)
        raise AssertionError("unreachable")

    def _credentials_message(self) -> str:
        return (
            f"Google did not accept the service account's credentials{self._email_part()}. The key may have been "
            "deleted or disabled: create a new key in Google Cloud and put it in .streamlit/secrets.toml."
        )

    def _email_part(self) -> str:
        return f" ({self.client_email})" if self.client_email else ""

    def _translate(self, exc: APIError, what: str) -> StoreError:
        code = exc.code
        if code == 401:
            return CredentialsError(self._credentials_message())
        if code == 403:
            return SourceUnavailableError(
                f"The spreadsheet is not shared with the app. In Google Sheets, press Share and add "
                f"{self.client_email or 'the service account client_email from your key'} as an Editor."
            )
        if code == 404:
            return SourceUnavailableError(
                f"No spreadsheet has the key '{self.key}'. Check `spreadsheet` under [connections.gsheets] in .streamlit/secrets.toml."
            )
        if code == 429:
            return SourceUnavailableError(
                f"Google Sheets' request quota is used up (while {what}); it refills within a minute. "
                "The app keeps showing the last data it read."
            )
        if code >= 500:
            return SourceUnavailableError(
                f"Google Sheets had a server error ({code}) while {what}, {self._retry.attempts} times in a row. "
                "Try again in a few minutes; the app keeps showing the last data it read."
            )
        message = str(getattr(exc, "error", {}).get("message", "")) if isinstance(getattr(exc, "error", None), dict) else ""
        return StoreError(f"Google Sheets refused the request while {what} ({code}): {message}")

    def _metadata(self, refresh: bool = False) -> dict[str, SheetInfo]:
        if self._sheets is None or refresh:
            meta = self._call("opening the spreadsheet", lambda: self._http().fetch_sheet_metadata(self.key, params={"includeGridData": "false", **COMPACT}))
            self.title = meta.get("properties", {}).get("title", "")
            self._sheets = {}
            self._has_rules = {}
            for sheet in meta.get("sheets", []):
                props = sheet["properties"]
                self._has_rules[props["title"]] = bool(sheet.get("conditionalFormats"))
                grid = props.get("gridProperties", {})
                self._sheets[props["title"]] = SheetInfo(props["sheetId"], props["title"], grid.get("rowCount", 0), grid.get("columnCount", 0))
        return self._sheets

    def _sheet(self, tab: Tab) -> SheetInfo:
        sheets = self._metadata()
        if tab.title not in sheets:
            sheets = self._metadata(refresh=True)
        if tab.title not in sheets:
            raise StoreError(f"The spreadsheet has no '{tab.title}' tab. Create it on the Settings page (Set up this spreadsheet).")
        return sheets[tab.title]

    def _batch_get(self, tabs: list[Tab], what: str) -> dict[str, RawTable | None]:
        """Read whole tabs in one request; a tab the spreadsheet lacks comes back as None."""
        sheets = self._metadata()
        present = [t for t in tabs if t.title in sheets]
        if not present:
            return {t.title: None for t in tabs}
        params: dict[str, str | int | bool | float | list[str] | None] = {
            "valueRenderOption": "UNFORMATTED_VALUE", "dateTimeRenderOption": "SERIAL_NUMBER", "majorDimension": "ROWS", **COMPACT}
        ranges = [_quote(t.title) for t in present]
        try:
            reply = self._call(what, lambda: self._http().values_batch_get(self.key, ranges, params=params))
        except StoreError as exc:
            if "Unable to parse range" not in str(exc):
                raise
            # A tab was renamed or deleted since the metadata was read: look again once.
            self._metadata(refresh=True)
            return self._batch_get(tabs, what)
        out: dict[str, RawTable | None] = {t.title: None for t in tabs}
        for tab, value_range in zip(present, reply.get("valueRanges", [])):
            values = value_range.get("values", [])
            out[tab.title] = RawTable(header=list(values[0]) if values else [], rows=values[1:])  # fresh lists from the JSON: no copy
            self._layouts[tab.title] = list(values[0]) if values else []
        return out

    def _edit_read(self, tab: Tab, row_id: str, names: Sequence[str], seen_row: Any, what: str) -> RawTable:
        """Return what a write to one row must read first: part of the tab when that is enough, else all of it.

        The part (`_PartOfTab`) is one values:batchGet of the header row, the key column and the
        columns in `names` (every row of them: to find the row now, tell a duplicate, and put back
        a cell written on the wrong row) and the sheet row `seen_row` where the person last saw
        the row; when the key column says the row has moved since, one more read gets it where
        it is now. The whole tab is read instead when that cannot be trusted: no row is known, the
        header row differs from the last whole read, a column in `names` is missing (a new column
        goes after every column with data, which only a whole read tells), or the ID is not in the
        key column (a row typed without one, or gone: the whole read says which).
        """
        part = self._read_part(tab, row_id, names, seen_row, what)
        if part is not None:
            return part
        return self._existing(self._batch_get([tab], what)[tab.title], tab)

    def _read_part(self, tab: Tab, row_id: str, names: Sequence[str], seen_row: Any, what: str) -> _PartOfTab | None:
        """Return the part of `tab` described in `_edit_read`, or None when the whole tab must be read."""
        layout = self._layouts.get(tab.title)
        try:
            seen = int(seen_row)
        except (TypeError, ValueError):
            return None
        if layout is None or seen < 2 or tab.title not in self._metadata():
            return None
        match = match_headers(tab, layout)
        key = _key_column(tab)
        if key not in match.positions or any(n not in match.positions for n in names):
            return None
        key_pos = match.positions[key]
        known = sorted({key_pos, *(match.positions[n] for n in names)})
        title = _quote(tab.title)
        ranges = [f"{title}!1:1", *(f"{title}!{column_letter(c)}2:{column_letter(c)}" for c in known), f"{title}!{seen}:{seen}"]
        got = self._values(ranges, what, "COLUMNS")
        if got is None:
            return None
        header = _flat_row(got[0])
        if _trimmed(header) != _trimmed(layout):
            return None  # columns were added, renamed or moved by hand: positions from the last read would be wrong
        columns = {c: (got[1 + n][0] if got[1 + n] else []) for n, c in enumerate(known)}
        count = max([len(v) for v in columns.values()] + [seen - 1])
        width = max(known) + 1
        rows: list[list[Any]] = [[""] * width for _ in range(count)]
        for c, values in columns.items():
            for i, value in enumerate(values):
                rows[i][c] = value
        stored = split_duplicate(row_id)
        hits = [i for i, v in enumerate(columns[key_pos]) if cell_text(v).strip() == stored]
        if not hits:
            return None
        part = _PartOfTab(header=header, rows=rows, known=set(known))
        if len(hits) > 1:
            return part  # find_row names the duplicates
        index = hits[0]
        row = _flat_row(got[-1])
        if index != seen - 2:  # the row moved since the person's read: read it where it is now
            moved = self._values([f"{title}!{index + 2}:{index + 2}"], what, "ROWS")
            row = list(moved[0][0]) if moved and moved[0] else []
            if _text(row, key_pos) != stored:
                return None  # moving still: the whole read settles it
        rows[index] = list(row) + [""] * max(0, width - len(row))
        part.whole.add(index)
        return part

    def _values(self, ranges: list[str], what: str, major: str) -> list[list[Any]] | None:
        """Return each range's values (unformatted, dates as serial numbers) in one request; None when a range is gone."""
        params: dict[str, str | int | bool | float | list[str] | None] = {
            "valueRenderOption": "UNFORMATTED_VALUE", "dateTimeRenderOption": "SERIAL_NUMBER", "majorDimension": major, **COMPACT}
        try:
            reply = self._call(what, lambda: self._http().values_batch_get(self.key, ranges, params=params))
        except StoreError as exc:
            if "Unable to parse range" not in str(exc):
                raise
            return None  # the tab was renamed or deleted: the whole read looks again
        value_ranges = reply.get("valueRanges", [])
        if len(value_ranges) != len(ranges):
            return None
        return [list(v.get("values", [])) for v in value_ranges]

    def _batch_update(self, requests_: list[dict[str, Any]], what: str, rows: Sequence[tuple[Tab, int]] = ()) -> dict[str, Any]:
        """Send the requests as one batchUpdate; return its answer ({} when there was nothing to send).

        For each (tab, grid row) in `rows` the answer carries that tab's header row and that
        row as they stand after the update (the same request: nothing can happen in between).
        """
        if not requests_:
            return {}
        body: dict[str, Any] = {"requests": requests_}
        if rows:
            ranges: list[str] = []
            for tab in dict.fromkeys(t for t, _ in rows):
                ranges.append(f"{_quote(tab.title)}!1:1")
            ranges += [f"{_quote(tab.title)}!{row + 1}:{row + 1}" for tab, row in rows]
            body.update(includeSpreadsheetInResponse=True, responseRanges=ranges, responseIncludeGridData=True)

            def send() -> Any:
                url = SPREADSHEET_BATCH_UPDATE_URL % self.key
                return self._http().request("post", url, json=body, params={"fields": CHECK_FIELDS, **COMPACT}).json()
        else:
            def send() -> Any:
                url = SPREADSHEET_BATCH_UPDATE_URL % self.key
                return self._http().request("post", url, json=body, params={**COMPACT}).json()
        reply = self._call(what, send, idempotent=False)
        return reply if isinstance(reply, dict) else {}

    def set_up(self, due_after_days: int) -> list[str]:
        """Create missing tabs and headers and add the sheet's helpers; return what was done.

        Rows are highlighted when a follow-up is due `due_after_days` after the last contact
        (the caller passes the planner's first-follow-up setting). Never deletes or renames
        anything that is there. One metadata read, one values read and one batchUpdate (plus
        one to add missing tabs).
        """
        sheets = self._metadata(refresh=True)
        done: list[str] = []
        missing_tabs = [t for t in TABS if t.title not in sheets]
        if missing_tabs:
            self._batch_update([{"addSheet": {"properties": {"title": t.title, "gridProperties": {"frozenRowCount": 1}}}} for t in missing_tabs],
                               "adding tabs")
            done += [f"Added the tab '{t.title}'." for t in missing_tabs]
            sheets = self._metadata(refresh=True)
        tables = self._batch_get(list(TABS), "setting up the spreadsheet")
        reqs: list[dict[str, Any]] = []
        for tab in TABS:
            table = tables[tab.title] or RawTable([])
            tab_reqs, tab_done = setup_requests(tab, sheets[tab.title], table,
                                                created=tab in missing_tabs, has_rules=self._has_rules.get(tab.title, False),
                                                due_after_days=due_after_days)
            reqs += tab_reqs
            done += tab_done
        self._batch_update(reqs, "setting up the spreadsheet")
        self._metadata(refresh=True)
        return done

    # --- reading ------------------------------------------------------------------------

    def read_raw(self) -> dict[str, RawTable | None]:
        """Read every tab in one request.

        A read that failed because Google could not be read (outage, quota, access, key) is
        remembered for RetryPolicy.failed_read_memory_seconds: until then every read raises
        the same error at once, without a request. `forget_failed_read` ends that early.
        """
        remembered = self._failed_read
        if remembered is not None:
            at, error = remembered
            if self._clock() - at < self._retry.failed_read_memory_seconds:
                raise type(error)(str(error))
            self._failed_read = None
        try:
            return self._batch_get(list(TABS), "reading the spreadsheet")
        except (SourceUnavailableError, CredentialsError) as exc:
            seconds = self._retry.failed_read_memory_seconds
            if seconds <= 0:
                raise
            error = type(exc)(f"{exc} The app asks Google again in {seconds:g} seconds; press Refresh to try now.")
            self._failed_read = (self._clock(), error)
            raise type(error)(str(error)) from None

    def forget_failed_read(self) -> None:
        self._failed_read = None

    # --- writing ------------------------------------------------------------------------

    def _header_requests(self, tab: Tab, table: RawTable, names: list[str]) -> tuple[list[Any], list[dict[str, Any]]]:
        """Return the header with `names` it lacks appended, and the requests that add them."""
        header, start, missing = extended_header(tab, table, names)
        if not missing:
            return header, []
        sheet = self._sheet(tab)
        reqs: list[dict[str, Any]] = []
        if len(header) > sheet.columns:
            reqs.append({"appendDimension": {"sheetId": sheet.sheet_id, "dimension": "COLUMNS", "length": len(header) - sheet.columns}})
            self._sheets[tab.title] = SheetInfo(sheet.sheet_id, sheet.title, sheet.rows, len(header))  # type: ignore[index]
        reqs.append(_update_cells(sheet.sheet_id, 0, start, [[{"userEnteredValue": {"stringValue": n}} for n in missing]], "userEnteredValue"))
        return header, reqs

    def _cell_requests(self, tab: Tab, header: list[Any], row_index: int, changes: Mapping[str, Any]) -> list[dict[str, Any]]:
        """One updateCells request per changed cell: nothing else in the row is touched."""
        match = match_headers(tab, header)
        sheet = self._sheet(tab)
        reqs = []
        for name, value in changes.items():
            col = tab.column(name)
            cell, fields = cell_data(col, value)
            reqs.append(_update_cells(sheet.sheet_id, row_index, match.positions[name], [[cell]], fields))
        return reqs

    def _append_request(self, tab: Tab, header: list[Any], values: Mapping[str, Any], match: HeaderMatch | None = None) -> dict[str, Any]:
        """Return the appendCells request for one new row (`match`: the header's, when the caller has it already)."""
        match = match or match_headers(tab, header)
        cells: list[dict[str, Any]] = [{} for _ in header]
        for name, value in values.items():
            cells[match.positions[name]] = cell_data(tab.column(name), value)[0]
        while len(cells) > 1 and not cells[-1]:
            cells.pop()  # a new row's trailing cells are blank anyway: not sending them keeps a large write small
        return {"appendCells": {"sheetId": self._sheet(tab).sheet_id, "rows": [{"values": cells}],
                                "fields": "userEnteredValue,userEnteredFormat.numberFormat"}}

    def _write_row(self, what: str, tab: Tab, table: RawTable, row_id: str, changes: Mapping[str, Any], base: Mapping[str, Any],
                   with_first: Callable[[], list[dict[str, Any]]] = list) -> tuple[list[str], _Repair]:
        """Write `changes` to the row with `row_id`, checking in the same request which row it was.

        `table` is the fresh read; `with_first()` gives requests sent along with the first
        write (the new history row of a follow-up). When a cell landed on another row or
        column (the person sorted, inserted, deleted or moved something in the gap), the cells
        it overwrote are put back to what the fresh read holds for the row now there, and the
        change is written where its row now is: a fresh read and a checked write per round, a
        bounded number of rounds. Returns what happened, for the person ([] when every cell was
        where the read found it), and the write's record (where the row landed, as it is now). Raises ConflictError, RowGoneError, DuplicateIdError or
        MissingColumnError before anything is written; RowsMovedError (saved=False) when the
        change could not be put on its row in the end.
        """
        changes = self._writable(tab, table, changes)
        index, row_changes = locate_for_update(tab, table, row_id, changes, base, self._today())
        header, reqs = self._header_requests(tab, table, list(row_changes))
        fix = _Repair(tab, table, {index: {n: cell_data(tab.column(n), v) for n, v in row_changes.items()}})
        self._checked_write(what, fix, header, reqs + with_first())
        if fix.gone:
            raise RowsMovedError(f"{fix.message()} {RowGoneError(tab.title, split_duplicate(row_id))}", saved=False)
        if not fix.saved:
            raise RowsMovedError(f"{fix.message()} The sheet kept changing while saving, so your change was not saved. "
                                 "Refresh and try again.", saved=False)
        return ([fix.message()] if fix.moved else []), fix

    def _checked_write(self, what: str, fix: _Repair, header: list[Any], extra: list[dict[str, Any]]) -> None:
        """Write `fix`'s cells at the rows the fresh read found, with `extra` requests first, and put right what landed wrong.

        Each round is one batchUpdate that reports the written rows back, and, when a cell
        landed wrong, a fresh read to find the rows again; a bounded number of rounds.
        """
        tab = fix.tab
        positions: dict[_Identity, int] = {row: row for row in fix.changes}
        reqs, extra = extra, []
        for _round in range(self._retry.attempts):
            written = self._place(fix, header, positions, reqs)
            reply = self._batch_update(reqs + extra, what, rows=[(tab, row) for row, _, cols in written if cols])
            reqs, extra = [], []
            fix.check(written, _grid_rows(reply, tab.title))
            if not fix.pending:
                break
            current = self._existing(self._batch_get([tab], what)[tab.title], tab)
            header, positions = list(current.header), fix.locate(current)
        else:
            fix.give_up()

    def _place(self, fix: _Repair, header: list[Any], positions: Mapping[_Identity, int],
               reqs: list[dict[str, Any]]) -> list[tuple[int, _Identity, dict[int, str]]]:
        """Add to `reqs` the updateCells for every pending cell at its row's position; return (grid row, row, column -> name)."""
        sheet = self._sheet(fix.tab)
        written = []
        for identity, cells in fix.pending.items():
            if identity not in positions:
                continue
            row = positions[identity] + 1
            cols: dict[int, str] = {}
            for name, (cell, fields) in cells.items():
                pos = _position(fix.tab, header, name)
                if pos is None:
                    continue  # the column is gone: fix.check counts the cell as not written
                reqs.append(_update_cells(sheet.sheet_id, row, pos, [[cell]], fields))
                cols[pos] = name
            written.append((row, identity, cols))
        return written

    def _existing(self, table: RawTable | None, tab: Tab) -> RawTable:
        if table is None:
            raise StoreError(f"The spreadsheet has no '{tab.title}' tab. Create it on the Settings page (Set up this spreadsheet).")
        return table

    def _writable(self, tab: Tab, table: RawTable, values: Mapping[str, Any]) -> dict[str, Any]:
        """Return the values to write: a blank value for a column the tab lacks is dropped (nothing to write).

        A value for a column the tab lacks is written in a new column (after every column
        with data) only when the header row names no column the app does not know, so a
        header renamed to a name the app does not know never gets a second, new column behind
        the person's back. Raises MissingColumnError then.
        """
        if not any(cell_text(h).strip() for h in table.header):
            return dict(values)  # no header row at all: the whole schema header is written
        match = match_headers(tab, table.header)
        kept = {k: v for k, v in values.items() if k not in match.missing or not _is_blank(v)}
        missing = [k for k in kept if k in match.missing]
        unknown = [f"'{text}'" for _pos, text in match.extra]
        if missing and unknown:
            raise MissingColumnError(tab.title, missing, unknown)
        return kept

    def add_application(self, values: Mapping[str, Any]) -> str:
        app_id = new_id(APPLICATIONS)
        values = {**_clean(values), "ID": app_id}

        def add(again: bool) -> str:
            table = self._existing(self._batch_get([APPLICATIONS], "adding an application")[APPLICATIONS.title], APPLICATIONS)
            if again and _has_id(APPLICATIONS, table, app_id):
                return app_id  # the earlier attempt landed
            row = self._writable(APPLICATIONS, table, values)
            header, reqs = self._header_requests(APPLICATIONS, table, list(row))
            self._batch_update(reqs + [self._append_request(APPLICATIONS, header, row)], "adding an application")
            return app_id

        return self._write("adding an application", add)

    def add_applications(self, records: Sequence[Mapping[str, Any]]) -> list[str]:
        rows = [{**_clean(values), "ID": new_id(APPLICATIONS)} for values in records]
        ids = [str(r["ID"]) for r in rows]
        if not rows:
            return ids

        def add(again: bool) -> list[str]:
            table = self._existing(self._batch_get([APPLICATIONS], "importing applications")[APPLICATIONS.title], APPLICATIONS)
            if again and _has_id(APPLICATIONS, table, ids[0]):
                return ids  # the earlier attempt landed (all of it: it was one request)
            kept = [self._writable(APPLICATIONS, table, r) for r in rows]
            header, reqs = self._header_requests(APPLICATIONS, table, list(dict.fromkeys(k for r in kept for k in r)))
            self._batch_update(reqs + [self._append_request(APPLICATIONS, header, r) for r in kept], "importing applications")
            return ids

        return self._write("importing applications", add)

    def update_application(self, app_id: str, changes: Mapping[str, Any], base: Mapping[str, Any]) -> None:
        def update(again: bool) -> None:
            # On a repeat, cells the earlier attempt wrote already hold our values: no conflict.
            table = self._edit_read(APPLICATIONS, app_id, list(_clean(changes)), base.get(ROW), "saving a change")
            if again and holds(APPLICATIONS, table, app_id, _clean(changes), self._today()):
                return  # the earlier attempt landed
            notes, fix = self._write_row("saving a change", APPLICATIONS, table, app_id, _clean(changes), base)
            if notes:
                raise RowsMovedError(f"{_saved_on(table, app_id)} {' '.join(notes)} Refresh to see the sheet as it is now.", saved=True)
            (index,) = fix.changes
            landed = fix.landed.get(index)
            if landed is not None and not again:
                grid_row, row = landed
                self._note_written(WrittenRow(APPLICATIONS.title, app_id, list(fix.header_now), row, grid_row + 1))

        self._write("saving a change", update)

    def delete_application(self, app_id: str, base: Mapping[str, Any] | None = None) -> None:
        """Delete the application's row and its history rows; then read again to check those were the rows deleted.

        Rows are deleted by position, so a sort, insert or delete by hand in the gap between
        the fresh read and the write deletes other rows. Those are put back (their values
        from the fresh read, at the places deleted) and the delete is done again (bounded);
        RowsMovedError (saved=True) then says what happened.
        """
        what = "deleting an application"
        put_back: list[str] = []

        def delete(again: bool) -> None:
            for attempt in range(self._retry.attempts):
                tables = self._batch_get([APPLICATIONS, FOLLOWUPS], what)
                doomed = self._doomed_rows(tables, app_id, base, gone_ok=again or attempt > 0)
                if not doomed:
                    return  # an earlier attempt deleted it
                # Bottom-up, so deleting one row does not move the ones still to delete.
                self._batch_update([
                    {"deleteDimension": {"range": {"sheetId": self._sheet(tab).sheet_id, "dimension": "ROWS", "startIndex": i + 1,
                                                   "endIndex": i + 2}}}
                    for tab, indices in doomed.items() for i in sorted(indices, reverse=True)], what)
                after = self._batch_get([APPLICATIONS, FOLLOWUPS], what)
                lost = {tab: _lost_rows(tab, tables[tab.title], after[tab.title], indices) for tab, indices in doomed.items()}
                if not any(lost.values()):
                    return
                put_back.extend(self._reinsert(tables, lost, doomed, what))
            raise RowsMovedError(f"The sheet kept changing while deleting. The app deleted {', '.join(put_back)} by mistake and "
                                 "put them back (values only); the application was not deleted. Refresh and try again.", saved=False)

        self._write(what, delete)
        if put_back:
            raise RowsMovedError(
                f"Deleted. Rows moved in the sheet while deleting (sorted, inserted or deleted by hand): the app first deleted "
                f"{', '.join(put_back)} by mistake and put it back (its values; not its formatting). If you deleted a row yourself "
                "at that moment, check that it is still gone. Refresh to see the sheet as it is now.", saved=True)

    def _doomed_rows(self, tables: Mapping[str, RawTable | None], app_id: str, base: Mapping[str, Any] | None, *,
                     gone_ok: bool) -> dict[Tab, list[int]]:
        """Return the rows to delete per tab (indices into the read's rows): the application's and its history's.

        {} when the application is gone and `gone_ok`; raises RowGoneError when it is gone otherwise, and
        ConflictError when the row was changed by hand since the person saw it as `base`.
        """
        apps = self._existing(tables[APPLICATIONS.title], APPLICATIONS)
        try:
            index = locate_for_delete(APPLICATIONS, apps, app_id, _clean(base or {}), self._today())
        except RowGoneError:
            if gone_ok:
                return {}
            raise
        doomed = {APPLICATIONS: [index]}
        history = tables[FOLLOWUPS.title]
        stored_id = split_duplicate(app_id)
        if history is not None:
            pos = match_headers(FOLLOWUPS, history.header).positions.get("Application ID")
            if pos is not None:
                doomed[FOLLOWUPS] = [i for i, r in enumerate(history.rows) if _text(r, pos) == stored_id]
        return doomed

    def _reinsert(self, tables: Mapping[str, RawTable | None], lost: Mapping[Tab, list[list[Any]]], doomed: Mapping[Tab, list[int]],
                  what: str) -> list[str]:
        """Insert the rows deleted by mistake back at the places deleted (top-down); return them, described."""
        reqs: list[dict[str, Any]] = []
        described: list[str] = []
        for tab, rows in lost.items():
            sheet_id = self._sheet(tab).sheet_id
            places = sorted(doomed[tab])
            for n, row in enumerate(rows):
                at = places[n] + 1 if n < len(places) else places[-1] + 1 + n
                reqs.append({"insertDimension": {"range": {"sheetId": sheet_id, "dimension": "ROWS", "startIndex": at, "endIndex": at + 1}}})
                reqs.append(_update_cells(sheet_id, at, 0, [[_raw_cell(c) for c in row] or [{}]], "userEnteredValue"))
                header = (tables[tab.title] or RawTable([])).header
                described.append(f"'{tab.title}' row {at + 1} ({_describe(tab, RawTable(header, [row]), 0)})")
        self._batch_update(reqs, what)
        return described

    def log_followup(self, app_id: str, entry: Mapping[str, Any], changes: Mapping[str, Any], base: Mapping[str, Any]) -> str:
        entry_id = new_id(FOLLOWUPS)
        values = {**_clean(entry), "ID": entry_id, "Application ID": split_duplicate(app_id)}

        def log(again: bool) -> str:
            tables = self._batch_get([APPLICATIONS, FOLLOWUPS], "logging a follow-up")
            history = self._existing(tables[FOLLOWUPS.title], FOLLOWUPS)
            if again and _has_id(FOLLOWUPS, history, entry_id):
                return entry_id  # the earlier attempt landed (both parts: it was one request)
            row = self._writable(FOLLOWUPS, history, values)

            def history_row() -> list[dict[str, Any]]:
                header, header_reqs = self._header_requests(FOLLOWUPS, history, list(row))
                return header_reqs + [self._append_request(FOLLOWUPS, header, row)]

            # One batchUpdate: the history row and the application's fields change together or not at all.
            apps = self._existing(tables[APPLICATIONS.title], APPLICATIONS)
            try:
                notes, _fix = self._write_row("logging a follow-up", APPLICATIONS, apps, app_id, _clean(changes), base, with_first=history_row)
            except RowsMovedError as exc:  # raised only once the first request (with the history row) went through
                raise RowsMovedError(f"{exc} The follow-up itself was logged.", saved=False, result=entry_id) from None
            if notes:
                raise RowsMovedError(f"The follow-up was logged. {_saved_on(apps, app_id)} {' '.join(notes)} "
                                     "Refresh to see the sheet as it is now.", saved=True, result=entry_id)
            return entry_id

        return self._write("logging a follow-up", log)

    def save_settings(self, values: Mapping[str, str], base: Mapping[str, str | None] | None = None) -> None:
        self._write("saving settings", lambda again: self._save_settings(values, again, base or {}))

    def _save_settings(self, values: Mapping[str, str], again: bool, base: Mapping[str, str | None]) -> None:
        table = self._existing(self._batch_get([SETTINGS], "saving settings")[SETTINGS.title], SETTINGS)
        stored = parse_settings(table)
        if again and all(stored.get(k) == str(v) for k, v in values.items()):
            return  # the earlier attempt landed
        conflicts = settings_conflicts(stored, values, base)
        if conflicts:
            raise SettingsConflictError(conflicts)
        sheet = self._sheet(SETTINGS)
        header, reqs = self._header_requests(SETTINGS, table, list(SETTINGS.headers))
        match = match_headers(SETTINGS, header)
        k, v = match.positions["Key"], match.positions["Value"]
        where = {cell_text(r[k]).strip(): i for i, r in enumerate(table.rows) if k < len(r) and cell_text(r[k]).strip()}
        changes: dict[int, dict[str, _Cell]] = {}
        for key, value in values.items():
            text = {"userEnteredValue": {"stringValue": str(value)}}
            if key in where:
                changes[where[key]] = {"Value": (text, "userEnteredValue")}
            else:
                row: list[dict[str, Any]] = [{} for _ in range(max(k, v) + 1)]
                row[k], row[v] = {"userEnteredValue": {"stringValue": key}}, text
                reqs.append({"appendCells": {"sheetId": sheet.sheet_id, "rows": [{"values": row}], "fields": "userEnteredValue"}})
        fix = _Repair(SETTINGS, table, changes)
        self._checked_write("saving settings", fix, header, reqs)
        if fix.moved or fix.gone:
            done = "Saved." if fix.saved else "Not every setting was saved (a row was deleted, or the tab kept changing)."
            raise RowsMovedError(f"{done} {fix.message()} Refresh to see the sheet as it is now.", saved=fix.saved)

    def replace_all(self, applications: list[Mapping[str, Any]], followups: list[Mapping[str, Any]], settings: Mapping[str, str]) -> None:
        self._write("replacing the data", lambda again: self._replace_all(applications, followups, settings))

    def _replace_all(self, applications: list[Mapping[str, Any]], followups: list[Mapping[str, Any]], settings: Mapping[str, str]) -> None:
        tables = self._batch_get(list(TABS), "replacing the data")
        reqs: list[dict[str, Any]] = []
        for tab, records in ((APPLICATIONS, applications), (FOLLOWUPS, followups), (SETTINGS, None)):
            table = self._existing(tables[tab.title], tab)
            sheet = self._sheet(tab)
            if table.rows:
                reqs.append({"deleteDimension": {"range": {"sheetId": sheet.sheet_id, "dimension": "ROWS", "startIndex": 1, "endIndex": len(table.rows) + 1}}})
            rows = records if records is not None else [{"Key": k, "Value": v} for k, v in sorted(settings.items())]
            header, head_reqs = self._header_requests(tab, table, sorted({k for r in rows for k in _clean(r)}))
            reqs += head_reqs
            match = match_headers(tab, header)
            reqs += [self._append_request(tab, header, _clean(r), match) for r in rows]
        self._batch_update(reqs, "replacing the data")


STATUS_RULE_COLOUR = {"red": 1.0, "green": 0.95, "blue": 0.8}  # a soft yellow: follow-up due


def setup_requests(tab: Tab, sheet: SheetInfo, table: RawTable, *, created: bool, has_rules: bool,
                   due_after_days: int) -> tuple[list[dict[str, Any]], list[str]]:
    """Return the batchUpdate requests that make one tab helpful to edit by hand, and what they do.

    Adds missing schema headers after the existing ones (never renames, moves or deletes),
    freezes and bolds the header row, puts dropdowns on choice columns and date formats on
    date columns, and (Applications) highlights rows whose follow-up is due: awaiting a reply
    (`lib.domain.facts.AWAITING_STATUSES`, no Response On) `due_after_days` after the last contact.
    """
    reqs: list[dict[str, Any]] = []
    done: list[str] = []
    full, start, missing = extended_header(tab, table, list(tab.headers))
    if missing:
        if len(full) > sheet.columns:
            reqs.append({"appendDimension": {"sheetId": sheet.sheet_id, "dimension": "COLUMNS", "length": len(full) - sheet.columns}})
        reqs.append(_update_cells(sheet.sheet_id, 0, start, [[{"userEnteredValue": {"stringValue": n}} for n in missing]], "userEnteredValue"))
        done.append(f"{tab.title}: added the column(s) {', '.join(missing)}.")
    match = match_headers(tab, full)
    reqs.append({"updateSheetProperties": {"properties": {"sheetId": sheet.sheet_id, "gridProperties": {"frozenRowCount": 1}},
                                           "fields": "gridProperties.frozenRowCount"}})
    reqs.append({"repeatCell": {"range": {"sheetId": sheet.sheet_id, "startRowIndex": 0, "endRowIndex": 1},
                                "cell": {"userEnteredFormat": {"textFormat": {"bold": True}}},
                                "fields": "userEnteredFormat.textFormat.bold"}})
    body = {"sheetId": sheet.sheet_id, "startRowIndex": 1}
    for col in tab.columns:
        pos = match.positions[col.name]
        span = {**body, "startColumnIndex": pos, "endColumnIndex": pos + 1}
        if col.kind is Kind.CHOICE:
            reqs.append({"setDataValidation": {"range": span, "rule": {
                "condition": {"type": "ONE_OF_LIST", "values": [{"userEnteredValue": c} for c in col.choices]},
                "showCustomUi": True, "strict": False}}})
        elif col.kind in (Kind.DATE, Kind.DATETIME):
            pattern = DATE_PATTERN if col.kind is Kind.DATE else DATETIME_PATTERN
            reqs.append({"repeatCell": {"range": span, "cell": {"userEnteredFormat": {"numberFormat": {
                "type": "DATE" if col.kind is Kind.DATE else "DATE_TIME", "pattern": pattern}}}, "fields": "userEnteredFormat.numberFormat"}})
    done.append(f"{tab.title}: froze and bolded the header row, added dropdowns and date formats.")
    if tab is APPLICATIONS and (created or not has_rules):
        def ref(name: str) -> str:
            return f"${column_letter(match.positions[name])}2"

        last = f"MAX({ref('Applied On')},{ref('Interview On')},{ref('Thank-You Sent On')},{ref('Last Follow-Up On')})"
        awaiting = ",".join(f'{ref("Status")}="{status}"' for status in AWAITING_STATUSES)
        formula = (f'=AND(OR({awaiting}),{ref("Response On")}="",'
                   f"{last}>0,TODAY()-{last}>={due_after_days})")
        reqs.append({"addConditionalFormatRule": {"index": 0, "rule": {
            "ranges": [{"sheetId": sheet.sheet_id, "startRowIndex": 1, "startColumnIndex": 0, "endColumnIndex": len(full)}],
            "booleanRule": {"condition": {"type": "CUSTOM_FORMULA", "values": [{"userEnteredValue": formula}]},
                            "format": {"backgroundColor": STATUS_RULE_COLOUR}}}}})
        done.append(f"Applications: rows with no reply {due_after_days}+ days after the last contact are highlighted.")
    return reqs, done


_BLANK = -1  # what _identify says of a blank row (inserted by hand): every cell was empty
_Identity = int | tuple[str, int]  # a row of the fresh read (its index), or ("blank", grid row) for a blank row written into
_Cell = tuple[dict[str, Any], str]  # CellData and its fields mask


class _Repair:
    """What a checked row write still has to do: the change itself, and cells to put back.

    Rows are known by their place in the fresh read (`read`), the only state of the sheet
    the app knows for sure; a cell that landed on the wrong row or column is put back to what
    the fresh read holds for the row and column that are there now.
    """

    def __init__(self, tab: Tab, read: RawTable, changes: dict[int, dict[str, _Cell]]):
        self.tab = tab
        self.read = read
        self.changes = changes  # row meant (index into read.rows) -> column name -> cell
        self.pending: dict[_Identity, dict[str, _Cell]] = {row: dict(cells) for row, cells in changes.items()}
        self.touched: dict[_Identity, set[str]] = {row: set(cells) for row, cells in changes.items()}  # columns ever written
        self.victims: dict[_Identity, int] = {}  # rows written by mistake -> the grid row they were found at
        self.hit: dict[_Identity, int] = {}  # rows of the change itself that a stray cell landed on -> that grid row
        self.unsure: list[str] = []  # cells whose value before the write the app cannot know
        self.left: list[str] = []  # rows written by mistake the app could not put back
        self.moved = False
        self.landed: dict[_Identity, tuple[int, list[Any]]] = {}  # row meant -> (grid row, its cells) as the last write left it
        self.header_now: list[Any] = list(read.header)
        self.saved = False
        self.gone = False
        self._read_pos = {name: pos for pos, name in _column_names(tab, read.header).items()}

    def check(self, written: list[tuple[int, _Identity, dict[int, str]]], grid: Mapping[int, list[Any]]) -> None:
        """Take in where the cells of one write landed (`grid`: the rows the batchUpdate answered with)."""
        names_now = _column_names(self.tab, grid.get(0, []))
        self.header_now = list(grid.get(0, []))
        again: dict[_Identity, dict[str, _Cell]] = {}
        for row, identity, cols in written:
            if identity in self.changes:
                self.landed[identity] = (row, list(grid.get(row, [])))
            meant = self.pending.pop(identity)
            for name in meant.keys() - set(cols.values()):
                again.setdefault(identity, {})[name] = meant[name]  # its column is not there: try again after a read
            there = _identify(self.tab, self.read, names_now, grid.get(row, []), set(cols))
            self._learn(there, grid.get(row, []), names_now, set(cols))
            expected = _BLANK if isinstance(identity, tuple) else identity
            for col, name in cols.items():
                if there == expected and names_now.get(col) == name:
                    continue
                self.moved = True
                again.setdefault(identity, {})[name] = meant[name]  # still to write, where its row now is
                self._overwrote(there, row, col, names_now.get(col), again)
        for identity, cells in again.items():
            self.pending[identity] = {**cells, **self.pending.get(identity, {})}
        self.saved = not any(row in self.pending for row in self.changes) and not self.gone

    def _overwrote(self, there: int | None, row: int, col: int, name: str | None, again: dict[_Identity, dict[str, _Cell]]) -> None:
        """Note that cell (row, col) of the row `there` was written by mistake, to be put back."""
        where = f"{column_letter(col)}{row + 1}"
        if there is None or name is None:
            self.unsure.append(where)
            return
        key: _Identity = ("blank", row) if there == _BLANK else there
        if there == _BLANK:
            cell: _Cell = ({}, "userEnteredValue")
        elif name in self.changes.get(there, {}):
            cell = self.changes[there][name]
        elif name in self._read_pos and self._known(there, self._read_pos[name]):
            original = self.read.rows[there]
            pos = self._read_pos[name]
            cell = (_raw_cell(original[pos] if pos < len(original) else ""), "userEnteredValue")
        else:
            self.unsure.append(where)
            return
        again.setdefault(key, {}).setdefault(name, cell)
        self.touched.setdefault(key, set()).add(name)
        if key not in self.changes:
            self.victims.setdefault(key, row)
        else:
            self.hit.setdefault(key, row)

    def _known(self, row: int, pos: int) -> bool:
        """Return whether the read holds what cell `pos` of `row` was (a part of the tab holds only some cells)."""
        read = self.read
        return not isinstance(read, _PartOfTab) or row in read.whole or pos in read.known

    def _learn(self, there: int | None, row_now: list[Any], names_now: Mapping[int, str], written: set[int]) -> None:
        """Fill in, from the row as the write's answer shows it, the cells a part of the tab did not read.

        Only cells the write did not touch, of a row known by its ID: they are as they were, and
        name the row for the person ("Acme, Analyst"). Never used to put a cell back.
        """
        read = self.read
        if not isinstance(read, _PartOfTab) or there is None or there < 0 or there in read.whole:
            return
        original = read.rows[there]
        for col, name in names_now.items():
            pos = self._read_pos.get(name)
            if col in written or pos is None or pos in read.known or col >= len(row_now):
                continue
            original.extend([""] * max(0, pos + 1 - len(original)))
            original[pos] = row_now[col]

    def locate(self, current: RawTable) -> dict[_Identity, int]:
        """Return where each row with pending cells is in `current` (index into its rows); drop those not found."""
        positions: dict[_Identity, int] = {}
        for identity in list(self.pending):
            found = self._find(current, identity)
            if found is not None:
                positions[identity] = found
                continue
            del self.pending[identity]
            if identity in self.changes:
                self.gone = True
            else:
                self.left.append(f"row {self.victims.get(identity, 0) + 1} ({self._describe(identity)})")
        return positions

    def _find(self, current: RawTable, identity: _Identity) -> int | None:
        touched = self.touched.get(identity, set())
        names = _column_names(self.tab, current.header)
        pos_now = {name: pos for pos, name in names.items()}
        if isinstance(identity, tuple):  # a blank row: the cells written into it, and nothing else
            hits = [i for i, r in enumerate(current.rows)
                    if not any(_text(r, c) for c in range(len(r)) if names.get(c) not in touched)
                    and any(_text(r, pos_now.get(n)) for n in touched)]
        else:
            original = self.read.rows[identity]
            key = _key_column(self.tab)
            id_pos = self._read_pos.get(key)
            if key not in touched and _text(original, id_pos):
                hits = [i for i, r in enumerate(current.rows) if _text(r, pos_now.get(key)) == _text(original, id_pos)]
            else:
                hits = [i for i, r in enumerate(current.rows)
                        if any(_text(r, c) for c in range(len(r)))
                        and all(_text(r, pos_now.get(n)) == _text(original, p) for n, p in self._read_pos.items() if n not in touched)]
        return hits[0] if len(hits) == 1 else None

    def give_up(self) -> None:
        for identity in self.pending:
            if identity not in self.changes:
                self.left.append(f"row {self.victims.get(identity, 0) + 1} ({self._describe(identity)})")
            elif identity in self.hit:  # the change's own row holds a stray cell meant for another row
                self.left.append(f"row {self.hit[identity] + 1} ({self._describe(identity)})")
        self.pending = {}

    def _describe(self, identity: _Identity) -> str:
        return _describe(self.tab, self.read, _BLANK if isinstance(identity, tuple) else identity)

    def message(self) -> str:
        """Return what happened, for the person."""
        rows = ", ".join(f"sheet row {row + 1} ({self._describe(k)})" for k, row in self.victims.items())
        text = (f"Rows moved in the '{self.tab.title}' tab while saving (sorted, inserted, deleted or moved by hand): "
                f"the change first landed on {rows or 'other cells of its row'}")
        if not self.unsure and not self.left:
            return f"{text}; put back as it was."
        text += "."
        if self.unsure:
            text += f" The app cannot tell what cell(s) {', '.join(self.unsure)} held before: check them in the sheet."
        if self.left:
            text += f" The app could not put back {', '.join(self.left)} (it was moved again): check it in the sheet."
        return text


@dataclass
class _PartOfTab(RawTable):
    """Some of a tab's cells, as an edit reads them: the header, some columns of every row, some whole rows.

    Rows are in sheet order as in a RawTable; a cell not read is blank.
    """

    known: set[int] = field(default_factory=set)  # columns read for every row
    whole: set[int] = field(default_factory=set)  # rows read whole (index into rows)


def _flat_row(columns: list[Any]) -> list[Any]:
    """Return one row read with majorDimension=COLUMNS ([[a], [b], []]) as a plain row ([a, b, ""])."""
    return [c[0] if c else "" for c in columns]


def _trimmed(row: list[Any]) -> list[str]:
    """Return a row's cells as text without its trailing blank cells, for comparing two reads of it."""
    cells = [cell_text(c).strip() for c in row]
    while cells and not cells[-1]:
        cells.pop()
    return cells


def _key_column(tab: Tab) -> str:
    """Return the column a row of `tab` is known by: its ID, or a setting's Key."""
    return "Key" if tab is SETTINGS else "ID"


def _position(tab: Tab, header: list[Any], name: str) -> int | None:
    """Return where the column `name` (a schema name, or the person's own header) is in `header`."""
    return next((pos for pos, n in _column_names(tab, header).items() if n == name), None)


def _text(row: list[Any], pos: int | None) -> str:
    return cell_text(row[pos]).strip() if pos is not None and pos < len(row) else ""


def _grid_rows(reply: Mapping[str, Any], title: str) -> dict[int, list[Any]]:
    """Return the rows of `title` in a batchUpdate's updatedSpreadsheet, by grid row index, as effective values."""
    rows: dict[int, list[Any]] = {}
    for sheet in (reply.get("updatedSpreadsheet") or {}).get("sheets", []):
        if sheet.get("properties", {}).get("title") != title:
            continue
        for data in sheet.get("data", []):
            start, first_col = data.get("startRow", 0), data.get("startColumn", 0)
            for i, row_data in enumerate(data.get("rowData", [])):
                rows[start + i] = [""] * first_col + [_effective(c) for c in row_data.get("values", [])]
    return rows


def _effective(cell: Mapping[str, Any]) -> Any:
    """Return a CellData's value as values:batchGet (UNFORMATTED_VALUE) would give it."""
    value = cell.get("effectiveValue") or {}
    for kind in ("stringValue", "numberValue", "boolValue"):
        if kind in value:
            return value[kind]
    return str(value.get("errorValue", {}).get("type", ""))  # an error (#N/A): its kind; a row is then known by its ID


def _column_names(tab: Tab, header: list[Any]) -> dict[int, str]:
    """Return position -> column name: the schema name, or the person's own header as typed."""
    match = match_headers(tab, header)
    names = {pos: text for pos, text in match.extra}
    names.update({pos: name for name, pos in match.positions.items()})
    return names


def _identify(tab: Tab, table: RawTable, names_now: dict[int, str], row_now: list[Any], written: set[int]) -> int | None:
    """Return which row of the read `row_now` is (index into table.rows), _BLANK, or None when unknown.

    By its ID when the write did not touch the ID cell; otherwise by every other cell.
    """
    def at(row: list[Any], pos: int | None) -> str:
        return cell_text(row[pos]).strip() if pos is not None and pos < len(row) else ""

    read_pos = {name: pos for pos, name in _column_names(tab, table.header).items()}
    key = _key_column(tab)
    id_now = next((pos for pos, name in names_now.items() if name == key), None)
    if id_now is not None and id_now not in written and at(row_now, id_now):
        hits = [i for i, r in enumerate(table.rows) if at(r, read_pos.get(key)) == at(row_now, id_now)]
        return hits[0] if len(hits) == 1 else None
    others = [c for c in range(max(len(row_now), max(names_now, default=-1) + 1)) if c not in written]
    if not any(at(row_now, c) for c in others):
        return _BLANK
    if any(at(row_now, c) and c not in names_now for c in others):
        return None  # a value under no header: cannot be matched to the read
    hits = [i for i, r in enumerate(table.rows)
            if any(cell_text(c).strip() for c in r) and all(at(r, read_pos.get(names_now[c])) == at(row_now, c) for c in others if c in names_now)]
    return hits[0] if len(hits) == 1 else None


def _lost_rows(tab: Tab, before: RawTable | None, now: RawTable | None, meant: list[int]) -> list[list[Any]]:
    """Return the rows of `before` a delete of `meant` removed by mistake; [] when it removed what it meant.

    A row is known by its ID, or by all its cells when it has none. The delete went wrong
    when a row meant is still there; the rows lost then are those gone that were not meant.
    The delete removed as many rows as were meant: when more are gone, the person deleted
    some by hand meanwhile, and the ones nearest the places deleted are taken for the app's.
    """
    if before is None or now is None:
        return []
    id_before = match_headers(tab, before.header).positions.get("ID")
    id_now = match_headers(tab, now.header).positions.get("ID")

    def key(row: list[Any], pos: int | None) -> tuple[str, ...]:
        return (_text(row, pos),) if _text(row, pos) else tuple(cell_text(c).strip() for c in row)

    remaining = Counter(key(r, id_now) for r in now.rows if any(cell_text(c).strip() for c in r))
    if not any(remaining[key(before.rows[i], id_before)] for i in meant):
        return []
    lost: list[int] = []
    for i, row in enumerate(before.rows):
        k = key(row, id_before)
        if i in meant or not any(cell_text(c).strip() for c in row):
            continue
        if remaining[k]:
            remaining[k] -= 1
        else:
            lost.append(i)
    nearest = sorted(lost, key=lambda i: min(abs(i - m) for m in meant))[: len(meant)]
    return [before.rows[i] for i in sorted(nearest)]


def _raw_cell(value: Any) -> dict[str, Any]:
    """Return CellData that puts back a value read with UNFORMATTED_VALUE ({} clears the cell)."""
    if _is_blank(value):
        return {}
    if isinstance(value, bool):
        return {"userEnteredValue": {"boolValue": value}}
    if isinstance(value, (int, float)):
        return {"userEnteredValue": {"numberValue": value}}
    return {"userEnteredValue": {"stringValue": str(value)}}


def _describe(tab: Tab, table: RawTable, identity: int | None) -> str:
    """Return a row of the read as a person would recognise it ("Acme, Analyst")."""
    if identity == _BLANK:
        return "a blank row"
    if identity is None:
        return "a row the app did not know"
    row = table.rows[identity]
    match = match_headers(tab, table.header)
    parts = [cell_text(row[match.positions[n]]).strip() for n in ("Company", "Job Title", "Key", "ID")
             if n in match.positions and match.positions[n] < len(row)]
    return ", ".join(p for p in parts if p) or "a row"


def _saved_on(table: RawTable, app_id: str) -> str:
    match = match_headers(APPLICATIONS, table.header)
    try:
        who = _describe(APPLICATIONS, table, find_row(APPLICATIONS, table, match, app_id))
    except StoreError:
        who = app_id
    return f"Saved on the right row ({who})."


def _is_blank(value: Any) -> bool:
    return is_blank(value) or value == ""


class _Unsure(Exception):
    """A write failed in a way that leaves unknown whether it was applied."""

    def __init__(self, error: StoreError):
        super().__init__(str(error))
        self.error = error


def _has_id(tab: Tab, table: RawTable, row_id: str) -> bool:
    pos = match_headers(tab, table.header).positions.get("ID")
    return pos is not None and any(pos < len(r) and cell_text(r[pos]).strip() == row_id for r in table.rows)


def cell_data(column: Column, value: Any) -> tuple[dict[str, Any], str]:
    """Return (CellData, fields mask) for a typed value: text stays text, dates are real dates."""
    if is_blank(value) or value == "":
        return {}, "userEnteredValue"
    if column.kind in (Kind.DATE, Kind.DATETIME):
        moment = pd.Timestamp(value).to_pydatetime()
        is_day = column.kind is Kind.DATE or (moment.hour == moment.minute == moment.second == 0)
        serial = to_serial(moment.date() if is_day else moment)
        fmt = {"type": "DATE", "pattern": DATE_PATTERN} if is_day else {"type": "DATE_TIME", "pattern": DATETIME_PATTERN}
        return {"userEnteredValue": {"numberValue": serial}, "userEnteredFormat": {"numberFormat": fmt}}, "userEnteredValue,userEnteredFormat.numberFormat"
    if column.kind is Kind.INT:
        return {"userEnteredValue": {"numberValue": int(value)}}, "userEnteredValue"
    return {"userEnteredValue": {"stringValue": str(value)}}, "userEnteredValue"


def _update_cells(sheet_id: int, row: int, col: int, rows: list[list[dict[str, Any]]], fields: str) -> dict[str, Any]:
    return {"updateCells": {
        "range": {"sheetId": sheet_id, "startRowIndex": row, "endRowIndex": row + len(rows),
                  "startColumnIndex": col, "endColumnIndex": col + max(len(r) for r in rows)},
        "rows": [{"values": r} for r in rows],
        "fields": fields,
    }}


def _quote(title: str) -> str:
    return "'" + title.replace("'", "''") + "'"


def _clean(values: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if k != ROW}
