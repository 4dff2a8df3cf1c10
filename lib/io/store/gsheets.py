"""The Google Sheets store: the user's own spreadsheet, read and written through gspread.

The person edits the same sheet by hand at any time, so:
- every read is one `values:batchGet` request for all tabs (unformatted values, dates as
  serial numbers so the sheet's locale cannot swap day and month);
- every write first reads the tab(s) it touches, finds the row by ID *now*, refuses to
  overwrite a cell the person changed since the app read it, then sends one
  `spreadsheets:batchUpdate` that changes only the cells it means to (one atomic request);
- text is sent as `stringValue`, so it is stored exactly as typed and never becomes a
  formula; dates are sent as serial numbers with a date format, so they are real dates;
- quota (429), server errors (5xx) and timeouts are retried a bounded number of times with
  exponential backoff and jitter; every retried write is safe to repeat (it re-reads first,
  and a new row carries its ID, so a repeat finds it already there).
"""

from __future__ import annotations

import random
import re
import time as time_module
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

import gspread
import pandas as pd
import requests
from gspread.exceptions import APIError

from lib.domain.facts import AWAITING_STATUSES
from lib.domain.model import ROW
from lib.domain.schema import APPLICATIONS, FOLLOWUPS, SETTINGS, TABS, Column, Kind, Tab, column_letter, match_headers
from lib.io.dates import to_serial
from lib.io.parse import RawTable, cell_text, parse_settings, split_duplicate
from lib.io.store.base import Store
from lib.io.store.errors import RowGoneError, SourceUnavailableError, StoreError
from lib.io.store.rows import extended_header, find_row, holds, locate_for_update, new_id
from lib.planner.settings import RuleSettings

SCOPES = ("https://www.googleapis.com/auth/spreadsheets",)
REQUEST_TIMEOUT_SECONDS = 30
RETRYABLE_CODES = frozenset({429, 500, 502, 503, 504})
REQUIRED_KEY_FIELDS = ("type", "client_email", "private_key", "token_uri")
DATE_PATTERN = "yyyy-mm-dd"
DATETIME_PATTERN = "yyyy-mm-dd hh:mm"

T = TypeVar("T")


class CredentialsError(StoreError):
    """The service-account key in the secrets is missing, incomplete or not accepted."""


@dataclass(frozen=True)
class RetryPolicy:
    """Bounded exponential backoff with jitter for quota and server errors."""

    attempts: int = 5
    first_delay_seconds: float = 1.0
    max_delay_seconds: float = 16.0

    def delay(self, attempt: int, rng: random.Random) -> float:
        """Return how long to wait before retry number `attempt` (0-based): half to full backoff."""
        backoff = min(self.max_delay_seconds, self.first_delay_seconds * 2**attempt)
        return backoff * (0.5 + rng.random() / 2)


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

    kind = "gsheets"

    def __init__(
        self,
        client_factory: Callable[[], gspread.Client],
        spreadsheet: str,
        *,
        client_email: str = "",
        retry: RetryPolicy = RetryPolicy(),
        sleep: Callable[[float], None] = time_module.sleep,
        today: Callable[[], date] = date.today,
        rng: random.Random | None = None,
    ):
        self.key = spreadsheet_key(spreadsheet)
        self.client_email = client_email
        self._client_factory = client_factory
        self._client: gspread.Client | None = None
        self._retry = retry
        self._sleep = sleep
        self._today = today
        self._rng = rng or random.Random()
        self._sheets: dict[str, SheetInfo] | None = None
        self._has_rules: dict[str, bool] = {}
        self.title = ""

    @classmethod
    def from_config(cls, cfg: Mapping[str, Any]) -> GoogleSheetsStore:
        """Build the store from the [connections.gsheets] secrets block (nothing is opened yet)."""
        return cls(_service_account_client(cfg), str(cfg.get("spreadsheet", "")), client_email=str(cfg.get("client_email", "")))

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
                    self._sleep(self._retry.delay(attempt, self._rng))
                    attempt += 1
                    continue
                raise self._translate(exc, what) from None
            except (requests.Timeout, requests.ConnectionError):
                if not idempotent:
                    raise _Unsure(self._timeout_error(what)) from None
                if attempt + 1 < self._retry.attempts:
                    self._sleep(self._retry.delay(attempt, self._rng))
                    attempt += 1
                    continue
                raise self._timeout_error(what) from None
            except StoreError:
                raise
            except Exception as exc:  # google.auth refresh errors and the like
                if type(exc).__name__ in ("RefreshError", "TransportError"):
                    raise CredentialsError(self._credentials_message()) from None
                raise

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
                self._sleep(self._retry.delay(attempt, self._rng))
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
            meta = self._call("opening the spreadsheet", lambda: self._http().fetch_sheet_metadata(self.key))
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
        params = {"valueRenderOption": "UNFORMATTED_VALUE", "dateTimeRenderOption": "SERIAL_NUMBER", "majorDimension": "ROWS"}
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
            out[tab.title] = RawTable(header=list(values[0]) if values else [], rows=[list(r) for r in values[1:]])
        return out

    def _batch_update(self, requests_: list[dict[str, Any]], what: str) -> None:
        if requests_:
            self._call(what, lambda: self._http().batch_update(self.key, {"requests": requests_}), idempotent=False)

    def set_up(self, due_after_days: int | None = None) -> list[str]:
        """Create missing tabs and headers and add the sheet's helpers; return what was done.

        Rows are highlighted when a follow-up is due `due_after_days` after the last contact:
        the planner's first follow-up (`RuleSettings.followup_days_after_interview`), by
        default as the person set it in the sheet's Settings tab. Never deletes or renames
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
        if due_after_days is None:
            due_after_days = RuleSettings.from_settings(parse_settings(tables[SETTINGS.title])).followup_days_after_interview
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
        return self._batch_get(list(TABS), "reading the spreadsheet")

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

    def _append_request(self, tab: Tab, header: list[Any], values: Mapping[str, Any]) -> dict[str, Any]:
        match = match_headers(tab, header)
        cells: list[dict[str, Any]] = [{} for _ in header]
        for name, value in values.items():
            cells[match.positions[name]] = cell_data(tab.column(name), value)[0]
        return {"appendCells": {"sheetId": self._sheet(tab).sheet_id, "rows": [{"values": cells}],
                                "fields": "userEnteredValue,userEnteredFormat.numberFormat"}}

    def _apps_update(self, table: RawTable, app_id: str, changes: Mapping[str, Any], base: Mapping[str, Any]) -> list[dict[str, Any]]:
        index, changes = locate_for_update(APPLICATIONS, table, app_id, changes, base, self._today())
        header, reqs = self._header_requests(APPLICATIONS, table, list(changes))
        return reqs + self._cell_requests(APPLICATIONS, header, index + 1, changes)

    def _existing(self, table: RawTable | None, tab: Tab) -> RawTable:
        if table is None:
            raise StoreError(f"The spreadsheet has no '{tab.title}' tab. Create it on the Settings page (Set up this spreadsheet).")
        return table

    def add_application(self, values: Mapping[str, Any]) -> str:
        app_id = new_id(APPLICATIONS)
        values = {**_clean(values), "ID": app_id}

        def add(again: bool) -> str:
            table = self._existing(self._batch_get([APPLICATIONS], "adding an application")[APPLICATIONS.title], APPLICATIONS)
            if again and _has_id(APPLICATIONS, table, app_id):
                return app_id  # the earlier attempt landed
            header, reqs = self._header_requests(APPLICATIONS, table, list(values))
            self._batch_update(reqs + [self._append_request(APPLICATIONS, header, values)], "adding an application")
            return app_id

        return self._write("adding an application", add)

    def update_application(self, app_id: str, changes: Mapping[str, Any], base: Mapping[str, Any]) -> None:
        def update(again: bool) -> None:
            # On a repeat, cells the earlier attempt wrote already hold our values: no conflict.
            table = self._existing(self._batch_get([APPLICATIONS], "saving a change")[APPLICATIONS.title], APPLICATIONS)
            if again and holds(APPLICATIONS, table, app_id, _clean(changes), self._today()):
                return  # the earlier attempt landed
            self._batch_update(self._apps_update(table, app_id, _clean(changes), base), "saving a change")

        self._write("saving a change", update)

    def delete_application(self, app_id: str) -> None:
        def delete(again: bool) -> None:
            tables = self._batch_get([APPLICATIONS, FOLLOWUPS], "deleting an application")
            apps = self._existing(tables[APPLICATIONS.title], APPLICATIONS)
            match = match_headers(APPLICATIONS, apps.header)
            try:
                index = find_row(APPLICATIONS, apps, match, app_id)
            except RowGoneError:
                if again:
                    return  # the earlier attempt deleted it
                raise
            rows = [(APPLICATIONS, index + 1)]
            history = tables[FOLLOWUPS.title]
            stored_id = split_duplicate(app_id)
            if history is not None:
                pos = match_headers(FOLLOWUPS, history.header).positions.get("Application ID")
                if pos is not None:
                    rows += [(FOLLOWUPS, i + 1) for i, r in enumerate(history.rows) if pos < len(r) and cell_text(r[pos]).strip() == stored_id]
            # Bottom-up, so deleting one row does not move the ones still to delete.
            reqs = [
                {"deleteDimension": {"range": {"sheetId": self._sheet(tab).sheet_id, "dimension": "ROWS", "startIndex": r, "endIndex": r + 1}}}
                for tab, r in sorted(rows, key=lambda t: (t[0].title, -t[1]))
            ]
            self._batch_update(reqs, "deleting an application")

        self._write("deleting an application", delete)

    def log_followup(self, app_id: str, entry: Mapping[str, Any], changes: Mapping[str, Any], base: Mapping[str, Any]) -> str:
        entry_id = new_id(FOLLOWUPS)
        values = {**_clean(entry), "ID": entry_id, "Application ID": split_duplicate(app_id)}

        def log(again: bool) -> str:
            tables = self._batch_get([APPLICATIONS, FOLLOWUPS], "logging a follow-up")
            history = self._existing(tables[FOLLOWUPS.title], FOLLOWUPS)
            if again and _has_id(FOLLOWUPS, history, entry_id):
                return entry_id  # the earlier attempt landed (both parts: it was one request)
            reqs = self._apps_update(self._existing(tables[APPLICATIONS.title], APPLICATIONS), app_id, _clean(changes), base)
            header, header_reqs = self._header_requests(FOLLOWUPS, history, list(values))
            # One batchUpdate: the history row and the application's fields change together or not at all.
            self._batch_update(reqs + header_reqs + [self._append_request(FOLLOWUPS, header, values)], "logging a follow-up")
            return entry_id

        return self._write("logging a follow-up", log)

    def save_settings(self, values: Mapping[str, str]) -> None:
        self._write("saving settings", lambda again: self._save_settings(values, again))

    def _save_settings(self, values: Mapping[str, str], again: bool) -> None:
        table = self._existing(self._batch_get([SETTINGS], "saving settings")[SETTINGS.title], SETTINGS)
        stored = parse_settings(table)
        if again and all(stored.get(k) == str(v) for k, v in values.items()):
            return  # the earlier attempt landed
        sheet = self._sheet(SETTINGS)
        header, reqs = self._header_requests(SETTINGS, table, list(SETTINGS.headers))
        match = match_headers(SETTINGS, header)
        k, v = match.positions["Key"], match.positions["Value"]
        where = {cell_text(r[k]).strip(): i + 1 for i, r in enumerate(table.rows) if k < len(r) and cell_text(r[k]).strip()}
        for key, value in values.items():
            text = {"userEnteredValue": {"stringValue": str(value)}}
            if key in where:
                reqs.append(_update_cells(sheet.sheet_id, where[key], v, [[text]], "userEnteredValue"))
            else:
                row = [{} for _ in range(max(k, v) + 1)]
                row[k], row[v] = {"userEnteredValue": {"stringValue": key}}, text
                reqs.append({"appendCells": {"sheetId": sheet.sheet_id, "rows": [{"values": row}], "fields": "userEnteredValue"}})
        self._batch_update(reqs, "saving settings")

    def replace_all(self, applications, followups, settings) -> None:
        self._write("replacing the data", lambda again: self._replace_all(applications, followups, settings))

    def _replace_all(self, applications, followups, settings) -> None:
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
            reqs += [self._append_request(tab, header, _clean(r)) for r in rows]
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
    if value is None or value is pd.NaT or (isinstance(value, float) and value != value) or value == "":
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
