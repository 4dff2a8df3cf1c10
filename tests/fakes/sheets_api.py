"""An in-memory stand-in for the Google Sheets API v4, served at the HTTP level.

``FakeSheetsAPI`` answers the HTTP requests that gspread 6.2 sends, through a ``requests``
transport adapter, so tests run the *real* gspread code against a fake service:

    api = FakeSheetsAPI()
    sid = api.create_spreadsheet(tabs={"Applications": [["ID", "Company"], ["a1", "Acme"]]})
    gc = api.client()                                  # a gspread.Client, no network, no tokens
    ws = gc.open_by_key(sid).worksheet("Applications")
    ws.get_all_values()                                # -> [["ID", "Company"], ["a1", "Acme"]]

Its answers follow real recorded traffic (``tests/contract/sheets_api_recordings``, checked by
``tests/contract/test_sheets_fake_recordings.py``): response shapes, the ``range`` fields, trimming of
trailing empty cells, how ``USER_ENTERED`` input is parsed, table detection on append, and the
error bodies.

What is emulated: spreadsheet metadata (``GET spreadsheets/{id}``, with ``includeGridData``,
``ranges`` and ``fields``), ``values`` get / batchGet / update / batchUpdate / append / clear /
batchClear with every render and input option, ``spreadsheets:batchUpdate`` (with ``includeSpreadsheetInResponse``,
``responseRanges`` and ``responseIncludeGridData``) with addSheet,
deleteSheet, updateSheetProperties, updateSpreadsheetProperties, repeatCell, updateCells,
appendCells, insertDimension, deleteDimension, appendDimension, setDataValidation,
add/deleteConditionalFormatRule, sortRange, merge/unmerge, basic filters (and a few purely
cosmetic requests accepted as no-ops), the Drive calls gspread makes to create, find, copy,
describe and delete a spreadsheet, and the OAuth token endpoint.

What is deliberately not emulated (the docstrings say where it matters): formulas beyond
simple arithmetic (cell references and most functions compute to ``#NAME?``, so nothing has to
move when rows move), named ranges, protected ranges, data-validation enforcement, effective
(inherited) formats, conditional formats and merges following inserted rows, locales other
than en_US, and the per-minute quotas (inject a 429 with :meth:`FakeSheetsAPI.fail_next`
instead). A request the fake does not emulate raises ``NotImplementedError`` so that a test
never passes on a silently ignored request.
"""

from __future__ import annotations

import copy
import datetime as dt
import decimal
import functools
import http
import io
import json
import math
import pickle
import random
import re
import string
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import google.oauth2.credentials
import gspread
import requests
from requests.adapters import BaseAdapter
from requests.structures import CaseInsensitiveDict

__all__ = ["FakeSheetsAPI", "RequestRecord"]

SHEETS_HOST = "sheets.googleapis.com"
GOOGLEAPIS_HOST = "www.googleapis.com"  # Drive v3 lives under /drive/v3/
TOKEN_HOST = "oauth2.googleapis.com"
SPREADSHEET_MIME_TYPE = "application/vnd.google-apps.spreadsheet"

DEFAULT_ROWS = 1000
DEFAULT_COLUMNS = 26
MAX_COLUMNS = 18278  # column ZZZ: the longest column name the A1 notation allows

# Serial numbers count days since this date (Lotus 1-2-3 / Sheets convention).
SERIAL_EPOCH = dt.datetime(1899, 12, 30)

# Spreadsheet properties as a new spreadsheet reports them (copied from the recordings).
_DEFAULT_SPREADSHEET_PROPERTIES: dict[str, Any] = {
    "locale": "en_US",
    "autoRecalc": "ON_CHANGE",
    "timeZone": "Etc/GMT",
    "defaultFormat": {
        "backgroundColor": {"red": 1, "green": 1, "blue": 1},
        "padding": {"top": 2, "right": 3, "bottom": 2, "left": 3},
        "verticalAlignment": "BOTTOM",
        "wrapStrategy": "OVERFLOW_CELL",
        "textFormat": {
            "foregroundColor": {},
            "fontFamily": "arial,sans,sans-serif",
            "fontSize": 10,
            "bold": False,
            "italic": False,
            "strikethrough": False,
            "underline": False,
            "foregroundColorStyle": {"rgbColor": {}},
        },
        "backgroundColorStyle": {"rgbColor": {"red": 1, "green": 1, "blue": 1}},
    },
    "spreadsheetTheme": {
        "primaryFontFamily": "Arial",
        "themeColors": [
            {"colorType": kind, "color": {"rgbColor": rgb}}
            for kind, rgb in [
                ("TEXT", {}),
                ("BACKGROUND", {"red": 1, "green": 1, "blue": 1}),
                ("ACCENT1", {"red": 0.25882354, "green": 0.52156866, "blue": 0.95686275}),
                ("ACCENT2", {"red": 0.91764706, "green": 0.2627451, "blue": 0.20784314}),
                ("ACCENT3", {"red": 0.9843137, "green": 0.7372549, "blue": 0.015686275}),
                ("ACCENT4", {"red": 0.20392157, "green": 0.65882355, "blue": 0.3254902}),
                ("ACCENT5", {"red": 1, "green": 0.42745098, "blue": 0.003921569}),
                ("ACCENT6", {"red": 0.27450982, "green": 0.7411765, "blue": 0.7764706}),
                ("LINK", {"red": 0.06666667, "green": 0.33333334, "blue": 0.8}),
            ]
        ],
    },
}

_DATE_TYPES = ("DATE", "TIME", "DATE_TIME")

# Patterns Sheets uses (en_US) when a number format names a type but no pattern.
_DEFAULT_PATTERNS = {
    "NUMBER": "#,##0.00",
    "PERCENT": "0.00%",
    "CURRENCY": '"$"#,##0.00',
    "SCIENTIFIC": "0.00E+00",
    "DATE": "M/d/yyyy",
    "TIME": "h:mm:ss am/pm",
    "DATE_TIME": "M/d/yyyy H:mm:ss",
}


# --------------------------------------------------------------------------------------------
# Requests as the fake saw them
# --------------------------------------------------------------------------------------------


@dataclass
class RequestRecord:
    """One HTTP request that reached the fake, and what it answered.

    ``path`` is percent-decoded (``/v4/spreadsheets/ID/values/'Sheet1'!A1:append``); ``query``
    maps each query parameter to its values. ``status`` is ``None`` when the fake raised
    instead of answering (an injected timeout).
    """

    method: str
    url: str
    host: str
    path: str
    query: dict[str, list[str]]
    body: bytes
    status: int | None = None
    bytes_received: int = 0

    @property
    def bytes_sent(self) -> int:
        """Length of the request body in bytes."""
        return len(self.body)

    @property
    def json(self) -> Any:
        """The request body parsed as JSON, or ``None`` when there is no body."""
        return json.loads(self.body) if self.body else None

    @property
    def is_write(self) -> bool:
        """True for requests the Sheets quota counts as writes (everything but GET)."""
        return self.method != "GET"


@dataclass
class _Fault:
    remaining: int
    status: int
    timeout: bool
    method: str | None
    path_contains: str | None
    after_serving: bool

    def matches(self, record: RequestRecord) -> bool:
        if self.remaining <= 0:
            return False
        if self.method is not None and record.method != self.method.upper():
            return False
        return self.path_contains is None or self.path_contains in record.path


@dataclass
class _Hook:
    hook: Callable[[FakeSheetsAPI, RequestRecord], None]
    once: bool
    method: str | None


# --------------------------------------------------------------------------------------------
# Errors, shaped like the real service's
# --------------------------------------------------------------------------------------------


class _ApiError(Exception):
    """An error answer; ``body`` is the JSON the service would send."""

    def __init__(self, code: int, body: dict[str, Any]):
        super().__init__(body.get("error", {}).get("message", ""))
        self.code = code
        self.body = body


def _google_error(code: int, status: str, message: str, details: list[dict] | None = None) -> _ApiError:
    error: dict[str, Any] = {"code": code, "message": message, "status": status}
    if details:
        error["details"] = details
    return _ApiError(code, {"error": error})


def _bad_request(message: str) -> _ApiError:
    return _google_error(400, "INVALID_ARGUMENT", message)


def _not_found() -> _ApiError:
    return _google_error(404, "NOT_FOUND", "Requested entity was not found.")


def _permission_denied() -> _ApiError:
    return _google_error(403, "PERMISSION_DENIED", "The caller does not have permission")


def _unauthenticated() -> _ApiError:
    return _google_error(
        401,
        "UNAUTHENTICATED",
        "Request had invalid authentication credentials. Expected OAuth 2 access token, login "
        "cookie or other valid authentication credential. "
        "See https://developers.google.com/identity/sign-in/web/devconsole-project.",
        [
            {
                "@type": "type.googleapis.com/google.rpc.ErrorInfo",
                "reason": "ACCESS_TOKEN_EXPIRED",
                "domain": "googleapis.com",
                "metadata": {"service": SHEETS_HOST, "method": "google.apps.sheets.v4.SpreadsheetsService"},
            }
        ],
    )


def _rate_limited(is_write: bool) -> _ApiError:
    kind, limit = ("Write", "WriteRequestsPerMinutePerUser") if is_write else ("Read", "ReadRequestsPerMinutePerUser")
    metric = "write_requests" if is_write else "read_requests"
    return _google_error(
        429,
        "RESOURCE_EXHAUSTED",
        f"Quota exceeded for quota metric '{kind} requests' and limit '{kind} requests per minute "
        f"per user' of service '{SHEETS_HOST}' for consumer 'project_number:123456789012'.",
        [
            {
                "@type": "type.googleapis.com/google.rpc.ErrorInfo",
                "reason": "RATE_LIMIT_EXCEEDED",
                "domain": "googleapis.com",
                "metadata": {
                    "quota_location": "global",
                    "quota_metric": f"{SHEETS_HOST}/{metric}",
                    "quota_limit": limit,
                    "quota_limit_value": "60",
                    "consumer": "projects/123456789012",
                    "service": SHEETS_HOST,
                },
            },
            {
                "@type": "type.googleapis.com/google.rpc.Help",
                "links": [
                    {
                        "description": "Request a higher quota limit.",
                        "url": "https://cloud.google.com/docs/quotas/help/request_increase",
                    }
                ],
            },
        ],
    )


def _injected_error(status: int, is_write: bool) -> _ApiError:
    if status == 429:
        return _rate_limited(is_write)
    if status == 401:
        return _unauthenticated()
    if status == 403:
        return _permission_denied()
    if status == 404:
        return _not_found()
    if status == 500:
        return _google_error(500, "INTERNAL", "Internal error encountered.")
    if status == 503:
        return _google_error(503, "UNAVAILABLE", "The service is currently unavailable.")
    if status == 400:
        return _bad_request("Request contains an invalid argument.")
    return _google_error(status, "UNKNOWN", http.HTTPStatus(status).phrase)


def _drive_error(code: int, message: str, reason: str, location: str | None = None) -> _ApiError:
    item: dict[str, Any] = {"message": message, "domain": "global", "reason": reason}
    if location:
        item.update({"location": location, "locationType": "parameter"})
    return _ApiError(code, {"error": {"code": code, "message": message, "errors": [item]}})


class _RequestError(Exception):
    """A problem with one request of a batchUpdate; reported as ``Invalid requests[i].kind: ...``."""


# --------------------------------------------------------------------------------------------
# A1 notation
# --------------------------------------------------------------------------------------------


def column_letters(index: int) -> str:
    """Return the A1 column name of a 0-based column index (0 -> "A", 26 -> "AA")."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def column_index(letters: str) -> int:
    """Return the 0-based index of an A1 column name ("A" -> 0, "aa" -> 26)."""
    index = 0
    for char in letters.upper():
        index = index * 26 + (ord(char) - ord("A") + 1)
    return index - 1


def quote_sheet_title(title: str) -> str:
    """Return a sheet title the way the API writes it in a range (quoted when it needs to be)."""
    plain = re.fullmatch(r"[^\W\d]\w*", title) is not None
    # A title that reads as a cell ("AB12") or an R1C1 address has to be quoted too.
    looks_like_cell = re.fullmatch(r"[A-Za-z]{1,3}\d+|[Rr]\d*[Cc]\d*", title) is not None
    if plain and not looks_like_cell:
        return title
    return "'" + title.replace("'", "''") + "'"


def format_a1(title: str | None, r1: int, c1: int, r2: int, c2: int) -> str:
    """Return ``Title!A1:B2`` for 0-based inclusive bounds (a single cell is written ``A1``)."""
    start = f"{column_letters(c1)}{r1 + 1}"
    a1 = start if (r1, c1) == (r2, c2) else f"{start}:{column_letters(c2)}{r2 + 1}"
    return a1 if title is None else f"{quote_sheet_title(title)}!{a1}"


_A1_PART = re.compile(r"\$?([A-Za-z]{0,3})\$?(\d*)")


@dataclass
class _A1:
    """A parsed A1 range: 0-based inclusive bounds, ``None`` where the range is unbounded."""

    sheet_title: str | None  # None: no sheet named in the range
    r1: int
    c1: int
    r2: int | None
    c2: int | None
    whole_sheet: bool = False
    single_cell: bool = False


def _parse_a1_cells(a1: str) -> _A1 | None:
    """Parse the part after ``!`` (``A1``, ``A1:B2``, ``A:A``, ``2:2``, ``A5:Z``); None if invalid."""
    parts = a1.split(":")
    if len(parts) > 2:
        return None
    parsed = []
    for part in parts:
        match = _A1_PART.fullmatch(part.strip())
        if not match or not (match.group(1) or match.group(2)):
            return None
        col = column_index(match.group(1)) if match.group(1) else None
        row = int(match.group(2)) - 1 if match.group(2) else None
        if row is not None and row < 0:
            return None
        parsed.append((row, col))
    if len(parsed) == 1:
        row, col = parsed[0]
        if row is None or col is None:
            return None
        return _A1(None, row, col, row, col, single_cell=True)
    (ra, ca), (rb, cb) = parsed
    # A missing start is the first row/column; a missing end leaves the range open there
    # ("A:B", "2:2", "A5:Z", "A1:1"), to be closed by the grid size when it is used.
    r1 = ra if ra is not None else 0
    c1 = ca if ca is not None else 0
    r2, c2 = rb, cb
    if r2 is not None and r2 < r1:
        r1, r2 = r2, r1
    if c2 is not None and c2 < c1:
        c1, c2 = c2, c1
    return _A1(None, r1, c1, r2, c2)


def parse_a1_range(text: str, sheet_titles: list[str]) -> _A1 | None:
    """Parse a range such as ``'Tab name'!A1:C3``, ``Tab!A:A`` or a bare tab name.

    Returns ``None`` when the text is not a range the API would understand. ``sheet_titles``
    lets a bare word be recognised as a tab name (it wins over reading it as a cell).
    """
    text = text.strip()
    title: str | None = None
    cells = ""
    if text.startswith("'"):
        i, chars = 1, []
        while i < len(text):
            if text[i] == "'":
                if text[i + 1 : i + 2] == "'":
                    chars.append("'")
                    i += 2
                    continue
                break
            chars.append(text[i])
            i += 1
        else:
            return None  # no closing quote
        title = "".join(chars)
        rest = text[i + 1 :]
        if rest == "":
            return _A1(title, 0, 0, None, None, whole_sheet=True)
        if not rest.startswith("!"):
            return None
        cells = rest[1:]
    elif "!" in text:
        title, cells = text.rsplit("!", 1)
    else:
        if _find_title(text, sheet_titles) is not None:
            return _A1(text, 0, 0, None, None, whole_sheet=True)
        cells = text
    parsed = _parse_a1_cells(cells)
    if parsed is None:
        return None
    parsed.sheet_title = title
    return parsed


def _find_title(title: str, sheet_titles: list[str]) -> str | None:
    # Sheet names in ranges are matched case-insensitively, as in the Sheets UI.
    for candidate in sheet_titles:
        if candidate == title:
            return candidate
    for candidate in sheet_titles:
        if candidate.lower() == title.lower():
            return candidate
    return None


# --------------------------------------------------------------------------------------------
# Formulas: simple arithmetic only
# --------------------------------------------------------------------------------------------


class FormulaError(str):
    """An error value such as ``#NAME?``; it renders as its code in every render option."""


ERROR_PARSE = FormulaError("#ERROR!")
ERROR_NAME = FormulaError("#NAME?")
ERROR_VALUE = FormulaError("#VALUE!")
ERROR_DIV0 = FormulaError("#DIV/0!")
ERROR_NUM = FormulaError("#NUM!")

_ERROR_TYPES = {
    "#ERROR!": ("ERROR", "Formula parse error."),
    "#NAME?": ("NAME", "Unknown function or range name."),
    "#VALUE!": ("VALUE", "Function expects a number value."),
    "#DIV/0!": ("DIVIDE_BY_ZERO", "Function DIVIDE parameter 2 cannot be zero."),
    "#NUM!": ("NUM", "Result is not a finite number."),
    "#N/A": ("N_A", "Value not available."),
}

_FORMULA_TOKEN = re.compile(
    r"""\s*(?:
        (?P<num>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)
      | (?P<str>"(?:[^"]|"")*")
      | (?P<op><>|<=|>=|[-+*/^&=<>(),%])
      | (?P<name>\$?[A-Za-z_][A-Za-z0-9_.$!:]*)
    )""",
    re.VERBOSE,
)

Scalar = float | str | bool


class _FormulaParseError(Exception):
    pass


def _to_number(value: Scalar) -> float | FormulaError:
    if isinstance(value, FormulaError):
        return value
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, float):
        return value
    try:
        return float(value.strip()) if value.strip() else 0.0
    except ValueError:
        return ERROR_VALUE


def _to_text(value: Scalar) -> str:
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return format_general(value)
    return value


def _numeric_function(values: list[float], name: str) -> Scalar:
    if name == "SUM":
        return float(sum(values))
    if name == "MIN":
        return min(values) if values else 0.0
    if name == "MAX":
        return max(values) if values else 0.0
    if name == "AVERAGE":
        return sum(values) / len(values) if values else ERROR_DIV0
    raise AssertionError(name)


class _FormulaEvaluator:
    """Recursive-descent evaluator of a formula without references.

    Supports numbers, strings, TRUE/FALSE, + - * / ^ & %, comparisons, parentheses and the
    functions SUM, MIN, MAX, AVERAGE, ROUND, ABS, IF, AND, OR, NOT, CONCATENATE, LEN, UPPER,
    LOWER. Any other name (cell references included) evaluates to ``#NAME?``.
    """

    def __init__(self, text: str):
        self.tokens: list[tuple[str, str]] = []
        pos = 0
        while pos < len(text):
            if text[pos:].strip() == "":
                break
            match = _FORMULA_TOKEN.match(text, pos)
            if not match or match.end() == pos:
                raise _FormulaParseError(text[pos:])
            kind = match.lastgroup or ""
            self.tokens.append((kind, match.group(kind)))
            pos = match.end()
        self.pos = 0

    def evaluate(self) -> Scalar:
        if not self.tokens:
            raise _FormulaParseError("empty formula")
        value = self.comparison()
        if self.pos != len(self.tokens):
            raise _FormulaParseError("unexpected token")
        return value

    # -- token helpers --
    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take_op(self, *ops: str) -> str | None:
        token = self.peek()
        if token and token[0] == "op" and token[1] in ops:
            self.pos += 1
            return token[1]
        return None

    # -- grammar, lowest precedence first --
    def comparison(self) -> Scalar:
        left = self.concat()
        while op := self.take_op("=", "<>", "<", ">", "<=", ">="):
            right = self.concat()
            if isinstance(left, FormulaError):
                continue
            if isinstance(right, FormulaError):
                left = right
                continue
            left = _compare(left, right, op)
        return left

    def concat(self) -> Scalar:
        left = self.additive()
        while self.take_op("&"):
            right = self.additive()
            for value in (left, right):
                if isinstance(value, FormulaError):
                    left = value
                    break
            else:
                left = _to_text(left) + _to_text(right)
        return left

    def additive(self) -> Scalar:
        left = self.term()
        while op := self.take_op("+", "-"):
            left = _arith(left, self.term(), op)
        return left

    def term(self) -> Scalar:
        left = self.power()
        while op := self.take_op("*", "/"):
            left = _arith(left, self.power(), op)
        return left

    def power(self) -> Scalar:
        left = self.unary()
        while self.take_op("^"):
            left = _arith(left, self.unary(), "^")
        return left

    def unary(self) -> Scalar:
        if op := self.take_op("-", "+"):
            value = _to_number(self.unary())
            if isinstance(value, FormulaError):
                return value
            return -value if op == "-" else value
        return self.postfix()

    def postfix(self) -> Scalar:
        value = self.primary()
        while self.take_op("%"):
            number = _to_number(value)
            value = number if isinstance(number, FormulaError) else number / 100
        return value

    def primary(self) -> Scalar:
        token = self.peek()
        if token is None:
            raise _FormulaParseError("unexpected end")
        kind, text = token
        self.pos += 1
        if kind == "num":
            return float(text)
        if kind == "str":
            return text[1:-1].replace('""', '"')
        if kind == "op" and text == "(":
            value = self.comparison()
            if not self.take_op(")"):
                raise _FormulaParseError("missing )")
            return value
        if kind == "name":
            if self.take_op("("):
                args = self.arguments()
                return _call_function(text.upper(), args)
            if text.upper() in ("TRUE", "FALSE"):
                return text.upper() == "TRUE"
            return ERROR_NAME
        raise _FormulaParseError(f"unexpected {text}")

    def arguments(self) -> list[Scalar]:
        args: list[Scalar] = []
        if self.take_op(")"):
            return args
        while True:
            args.append(self.comparison())
            if self.take_op(")"):
                return args
            if not self.take_op(","):
                raise _FormulaParseError("expected , or )")


def _compare(left: Scalar, right: Scalar, op: str) -> bool:
    def key(value: Scalar) -> tuple[int, Any]:
        if isinstance(value, bool):
            return (2, value)
        if isinstance(value, float):
            return (0, value)
        return (1, value.lower())

    a, b = key(left), key(right)
    return {
        "=": a == b,
        "<>": a != b,
        "<": a < b,
        ">": a > b,
        "<=": a <= b,
        ">=": a >= b,
    }[op]


def _arith(left: Scalar, right: Scalar, op: str) -> Scalar:
    a, b = _to_number(left), _to_number(right)
    if isinstance(a, FormulaError):
        return a
    if isinstance(b, FormulaError):
        return b
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    if op == "/":
        return ERROR_DIV0 if b == 0 else a / b
    try:
        result = math.pow(a, b)
    except (OverflowError, ValueError):
        return ERROR_NUM
    return result


def _call_function(name: str, args: list[Scalar]) -> Scalar:
    for arg in args:
        if isinstance(arg, FormulaError):
            return arg
    if name in ("SUM", "MIN", "MAX", "AVERAGE"):
        numbers = [_to_number(arg) for arg in args]
        for number in numbers:
            if isinstance(number, FormulaError):
                return number
        return _numeric_function([float(n) for n in numbers], name)
    if name == "ROUND" and len(args) in (1, 2):
        number = _to_number(args[0])
        places = _to_number(args[1]) if len(args) == 2 else 0.0
        if isinstance(number, FormulaError) or isinstance(places, FormulaError):
            return ERROR_VALUE
        # Spreadsheets round half away from zero, unlike Python's round().
        factor = 10 ** int(places)
        return math.floor(abs(number) * factor + 0.5) / factor * (1 if number >= 0 else -1)
    if name == "ABS" and len(args) == 1:
        number = _to_number(args[0])
        return number if isinstance(number, FormulaError) else abs(number)
    if name == "IF" and len(args) in (2, 3):
        condition = _to_number(args[0])
        if isinstance(condition, FormulaError):
            return condition
        return args[1] if condition else (args[2] if len(args) == 3 else False)
    if name in ("AND", "OR") and args:
        truth = [_to_number(arg) for arg in args]
        for value in truth:
            if isinstance(value, FormulaError):
                return value
        return all(truth) if name == "AND" else any(truth)
    if name == "NOT" and len(args) == 1:
        value = _to_number(args[0])
        return value if isinstance(value, FormulaError) else not value
    if name == "CONCATENATE":
        return "".join(_to_text(arg) for arg in args)
    if name == "LEN" and len(args) == 1:
        return float(len(_to_text(args[0])))
    if name in ("UPPER", "LOWER") and len(args) == 1:
        text = _to_text(args[0])
        return text.upper() if name == "UPPER" else text.lower()
    if name in ("TRUE", "FALSE") and not args:
        return name == "TRUE"
    return ERROR_NAME


def evaluate_formula(formula: str) -> Scalar:
    """Compute a formula (``"=4/2"`` -> ``2.0``); errors come back as ``FormulaError`` values.

    A formula that does not parse computes to ``#ERROR!`` (Sheets' "Formula parse error");
    an unknown name or any cell reference computes to ``#NAME?``.
    """
    try:
        value = _FormulaEvaluator(formula[1:] if formula.startswith("=") else formula).evaluate()
    except _FormulaParseError:
        return ERROR_PARSE
    if isinstance(value, float) and not math.isfinite(value):
        return ERROR_NUM
    return value


# --------------------------------------------------------------------------------------------
# What a person types: parsing USER_ENTERED input
# --------------------------------------------------------------------------------------------

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}

_TIME = r"(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?(?:\s*(?P<ampm>[AaPp][Mm]))?"
_ISO_DATE = re.compile(
    rf"(?P<year>\d{{4}})(?P<sep>[-/])(?P<month>\d{{1,2}})(?P=sep)(?P<day>\d{{1,2}})(?:\s+{_TIME})?"
)
_US_DATE = re.compile(rf"(?P<month>\d{{1,2}})/(?P<day>\d{{1,2}})(?:/(?P<year>\d{{4}}|\d{{2}}))?(?:\s+{_TIME})?")
_DAY_MONTH = re.compile(r"(?P<day>\d{1,2})[ -](?P<monthname>[A-Za-z]{3,9})\.?(?:[ -](?P<year>\d{4}))?")
_MONTH_DAY = re.compile(r"(?P<monthname>[A-Za-z]{3,9})\.? (?P<day>\d{1,2})(?:,? (?P<year>\d{4}))?")
_TIME_ONLY = re.compile(_TIME)
_NUMBER = re.compile(
    r"(?P<sign>[+-]?)(?P<currency>\$?)(?P<int>\d{1,3}(?:,\d{3})+|\d*)(?P<frac>\.\d*)?"
    r"(?P<exp>[eE][+-]?\d+)?(?P<percent>%?)"
)


def _time_of(match: re.Match[str]) -> tuple[float, str] | None:
    """Return (fraction of a day, pattern) for the time part of a match, or None if invalid."""
    if match.group("hour") is None:
        return 0.0, ""
    hour, minute = int(match.group("hour")), int(match.group("minute"))
    second = int(match.group("second") or 0)
    ampm = (match.group("ampm") or "").lower()
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    pattern = "hh:mm" + (":ss" if match.group("second") else "") + (" am/pm" if ampm else "")
    return (hour * 3600 + minute * 60 + second) / 86400, pattern


def to_serial(moment: dt.date | dt.datetime) -> float:
    """Return the serial number of a date or date-time (days since 1899-12-30)."""
    if not isinstance(moment, dt.datetime):
        moment = dt.datetime(moment.year, moment.month, moment.day)
    delta = moment - SERIAL_EPOCH
    return delta.days + delta.seconds / 86400


def from_serial(serial: float) -> dt.datetime:
    """Return the date-time a serial number stands for, to the nearest second."""
    return SERIAL_EPOCH + dt.timedelta(seconds=round(serial * 86400))


def _parse_date(text: str, current_year: int) -> tuple[float, dict[str, str]] | None:
    """Recognise the date and time shapes Sheets (en_US) turns into date cells.

    Returns (serial number, numberFormat) or None. The pattern mirrors the shape typed, so the
    formatted value reads back as typed (``2020-01-01`` stays ``2020-01-01``).
    """
    year: int
    pattern: str
    if match := _ISO_DATE.fullmatch(text):
        year, month, day = int(match["year"]), int(match["month"]), int(match["day"])
        sep = match["sep"]
        pattern = f"yyyy{sep}mm{sep}dd"
    elif match := _US_DATE.fullmatch(text):
        month, day = int(match["month"]), int(match["day"])
        if match["year"] is None:
            year, pattern = current_year, "M/d"
        elif len(match["year"]) == 2:
            # Two-digit years: 00-29 are this century, 30-99 the last one (Sheets' rule).
            short = int(match["year"])
            year, pattern = (2000 + short if short < 30 else 1900 + short), "M/d/yy"
        else:
            year, pattern = int(match["year"]), "M/d/yyyy"
    elif (match := _DAY_MONTH.fullmatch(text)) or (match := _MONTH_DAY.fullmatch(text)):
        name = match["monthname"].lower()
        if name not in _MONTHS:
            return None
        month, day = _MONTHS[name], int(match["day"])
        year = int(match["year"]) if match["year"] else current_year
        month_token = "mmmm" if len(name) > 4 else "mmm"
        if match.re is _DAY_MONTH:
            pattern = f"d {month_token}" + (" yyyy" if match["year"] else "")
        else:
            pattern = f"{month_token} d" + (", yyyy" if match["year"] else "")
        match = None  # no time part in these shapes
    elif match := _TIME_ONLY.fullmatch(text):
        time = _time_of(match)
        if time is None:
            return None
        fraction, time_pattern = time
        return fraction, {"type": "TIME", "pattern": time_pattern}
    else:
        return None
    try:
        serial = to_serial(dt.date(year, month, day))
    except ValueError:
        return None  # 2/30/2026 stays text, as in Sheets
    if match is not None and match.group("hour") is not None:
        time = _time_of(match)
        if time is None:
            return None
        fraction, time_pattern = time
        return serial + fraction, {"type": "DATE_TIME", "pattern": f"{pattern} {time_pattern}"}
    return serial, {"type": "DATE", "pattern": pattern}


def _parse_number(text: str) -> tuple[float, dict[str, str] | None] | None:
    match = _NUMBER.fullmatch(text)
    if not match or not re.search(r"\d", match["int"] + (match["frac"] or "")):
        return None
    value = float(match["int"].replace(",", "") + (match["frac"] or "") + (match["exp"] or "") or "0")
    if match["sign"] == "-":
        value = -value
    decimals = bool(match["frac"] and len(match["frac"]) > 1)
    if match["percent"]:
        return value / 100, {"type": "PERCENT", "pattern": "0.00%" if decimals else "0%"}
    if match["currency"]:
        return value, {"type": "CURRENCY", "pattern": '"$"#,##0.00'}
    if match["exp"]:
        return value, {"type": "SCIENTIFIC", "pattern": "0.00E+00"}
    if "," in match["int"]:
        return value, {"type": "NUMBER", "pattern": "#,##0.00" if decimals else "#,##0"}
    return value, None


def parse_user_entered(
    text: str, current_format: dict[str, Any] | None, current_year: int
) -> tuple[dict[str, Any], dict[str, str] | None]:
    """Interpret a string as if a person typed it into a cell (``USER_ENTERED``).

    Returns (userEnteredValue, detected numberFormat or None):
    ``"=4/2"`` -> formula; ``"007"`` -> number 7; ``"12%"`` -> 0.12 (PERCENT);
    ``"2020-01-01"`` / ``"3/14/2026"`` / ``"14 Mar"`` -> date serial (DATE);
    ``"TRUE"`` -> boolean; ``"'007"`` -> text ``007``; ``"+44 20 7946 0958"`` -> the formula
    ``=+44 20 7946 0958``, which does not parse (``#ERROR!``), because Sheets reads a leading
    ``+`` or ``-`` as the start of a formula. A cell already formatted as plain text (TEXT)
    keeps whatever is typed as text.
    """
    if current_format and current_format.get("type") == "TEXT":
        return {"stringValue": text}, None
    if text.startswith("=") and len(text) > 1:
        return {"formulaValue": text}, None
    if text.startswith("'"):
        return {"stringValue": text[1:]}, None
    stripped = text.strip()
    if stripped.upper() in ("TRUE", "FALSE"):
        return {"boolValue": stripped.upper() == "TRUE"}, None
    if (number := _parse_number(stripped)) is not None:
        value, number_format = number
        return {"numberValue": value}, number_format
    if (date := _parse_date(stripped, current_year)) is not None:
        serial, number_format = date
        return {"numberValue": serial}, number_format
    if stripped[:1] in ("+", "-") and len(stripped) > 1:
        return {"formulaValue": "=" + stripped}, None
    return {"stringValue": text}, None


# --------------------------------------------------------------------------------------------
# Rendering values: FORMATTED_VALUE / UNFORMATTED_VALUE / FORMULA
# --------------------------------------------------------------------------------------------


def json_number(value: float) -> int | float:
    """Return an integral float as an int, the way the API writes numbers (2, not 2.0)."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def format_general(value: float) -> str:
    """Format a number the way an unformatted (Automatic) cell shows it."""
    if value == 0:
        return "0"
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    text = f"{value:.10g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        return f"{mantissa}E{int(exponent):+03d}"
    return text


_DATE_TOKEN = re.compile(
    r'"[^"]*"|\\.|\[[^\]]*\]|am/pm|a/p|yyyy|yy|mmmmm|mmmm|mmm|mm|m|dddd|ddd|dd|d|hh|h|ss|s|\.0+|.',
    re.IGNORECASE,
)


def format_date_pattern(serial: float, pattern: str) -> str:
    """Format a serial number with a date/time pattern (``yyyy-mm-dd``, ``M/d/yyyy H:mm`` ...)."""
    moment = from_serial(serial)
    tokens = _DATE_TOKEN.findall(pattern)
    lowered = [token.lower() for token in tokens]
    twelve_hour = any(token in ("am/pm", "a/p") for token in lowered)
    date_time_tokens = [i for i, token in enumerate(lowered) if token[0] in "ymdhs" and token.isalpha()]

    def is_minute(index: int) -> bool:
        # "m"/"mm" mean minutes right after an hour or right before seconds.
        position = date_time_tokens.index(index)
        before = lowered[date_time_tokens[position - 1]] if position > 0 else ""
        after = lowered[date_time_tokens[position + 1]] if position + 1 < len(date_time_tokens) else ""
        return before.startswith("h") or after.startswith("s")

    hour = (moment.hour % 12 or 12) if twelve_hour else moment.hour
    out: list[str] = []
    for index, (token, low) in enumerate(zip(tokens, lowered)):
        if low == "yyyy":
            out.append(f"{moment.year:04d}")
        elif low == "yy":
            out.append(f"{moment.year % 100:02d}")
        elif low in ("m", "mm") and is_minute(index):
            out.append(f"{moment.minute:02d}" if low == "mm" else str(moment.minute))
        elif low == "mm":
            out.append(f"{moment.month:02d}")
        elif low == "m":
            out.append(str(moment.month))
        elif low == "mmm":
            out.append(moment.strftime("%b"))
        elif low == "mmmm":
            out.append(moment.strftime("%B"))
        elif low == "mmmmm":
            out.append(moment.strftime("%B")[0])
        elif low == "dd":
            out.append(f"{moment.day:02d}")
        elif low == "d":
            out.append(str(moment.day))
        elif low == "ddd":
            out.append(moment.strftime("%a"))
        elif low == "dddd":
            out.append(moment.strftime("%A"))
        elif low == "hh":
            out.append(f"{hour:02d}")
        elif low == "h":
            out.append(str(hour))
        elif low == "ss":
            out.append(f"{moment.second:02d}")
        elif low == "s":
            out.append(str(moment.second))
        elif low == "am/pm":
            out.append("AM" if moment.hour < 12 else "PM")
        elif low == "a/p":
            out.append("A" if moment.hour < 12 else "P")
        elif low.startswith(".0"):
            out.append("." + "0" * (len(low) - 1))  # serials are kept to the second
        elif token.startswith('"'):
            out.append(token[1:-1])
        elif token.startswith("\\"):
            out.append(token[1:])
        elif token.startswith("["):
            continue  # elapsed-time brackets and colours are not emulated
        else:
            out.append(token)
    return "".join(out)


def _split_sections(pattern: str) -> list[str]:
    sections: list[str] = []
    current: list[str] = []
    quoted = False
    for char in pattern:
        if char == '"':
            quoted = not quoted
        if char == ";" and not quoted:
            sections.append("".join(current))
            current = []
        else:
            current.append(char)
    sections.append("".join(current))
    return sections


def format_number_pattern(value: float, pattern: str) -> str:
    """Format a number with a number pattern such as ``#,##0.00``, ``0%`` or ``"$"#,##0``."""
    sections = _split_sections(pattern)
    sign = ""
    if value < 0 and len(sections) > 1:
        section, value = sections[1], -value
    elif value == 0 and len(sections) > 2:
        section = sections[2]
    else:
        section = sections[0]
        if value < 0:
            sign, value = "-", -value
    prefix: list[str] = []
    numeric: list[str] = []
    suffix: list[str] = []
    percent = False
    i = 0
    while i < len(section):
        char = section[i]
        target = suffix if numeric else prefix
        if char == '"':
            end = section.find('"', i + 1)
            end = len(section) if end < 0 else end
            target.append(section[i + 1 : end])
            i = end + 1
            continue
        if char == "\\" and i + 1 < len(section):
            target.append(section[i + 1])
            i += 2
            continue
        if char == "[":
            end = section.find("]", i)
            end = len(section) if end < 0 else end
            inner = section[i + 1 : end]
            if inner.startswith("$"):
                target.append(inner[1:].split("-")[0])  # [$€-407] is a currency symbol
            i = end + 1
            continue
        if char in "_*":
            target.append(" " if char == "_" else "")
            i += 2
            continue
        if char in "0#?" or (char in ".,Ee+-" and numeric and not suffix):
            numeric.append(char)
        else:
            if char == "%":
                percent = True
            target.append(char)
        i += 1
    spec = "".join(numeric)
    if percent:
        value *= 100
    if "E" in spec.upper():
        mantissa = spec.upper().split("E")[0]
        places = len(mantissa.split(".")[1]) if "." in mantissa else 0
        number, exponent = f"{value:.{places}E}".split("E")
        body = f"{number}E{int(exponent):+03d}"
    else:
        int_spec, _, dec_spec = spec.partition(".")
        max_places = sum(1 for c in dec_spec if c in "0#?")
        min_places = dec_spec.count("0")
        # Spreadsheets round half away from zero (0.25 -> "0.3"); Python's format would not.
        with decimal.localcontext() as context:
            context.prec = 60
            quantum = decimal.Decimal(1).scaleb(-max_places)
            rounded = decimal.Decimal(repr(value)).quantize(quantum, decimal.ROUND_HALF_UP)
        text = f"{rounded:f}"
        int_text, _, frac = text.partition(".")
        while len(frac) > min_places and frac.endswith("0"):
            frac = frac[:-1]
        min_int = int_spec.count("0")
        if "," in int_spec:
            int_text = f"{int(int_text):,}"
        if int_text == "0" and min_int == 0:
            int_text = ""
        int_text = int_text.rjust(min_int, "0")
        body = int_text + ("." + frac if frac else "")
    return sign + "".join(prefix) + body + "".join(suffix)


def format_number(value: float, number_format: dict[str, Any] | None) -> str:
    """Return the formatted text of a number under a cell's numberFormat (None: Automatic)."""
    if not number_format:
        return format_general(value)
    kind = number_format.get("type", "NUMBER")
    pattern = number_format.get("pattern") or _DEFAULT_PATTERNS.get(kind)
    if kind in _DATE_TYPES:
        return format_date_pattern(value, pattern or _DEFAULT_PATTERNS["DATE"])
    if kind == "TEXT" or not pattern:
        return format_general(value)
    return format_number_pattern(value, pattern)


def _number_format_of(cell: dict[str, Any] | None) -> dict[str, Any] | None:
    if not cell:
        return None
    return cell.get("userEnteredFormat", {}).get("numberFormat")


def effective_value(cell: dict[str, Any] | None) -> Scalar | None:
    """Return the computed value of a cell: float, str, bool, FormulaError, or None if empty."""
    if not cell or "userEnteredValue" not in cell:
        return None
    entered = cell["userEnteredValue"]
    if "numberValue" in entered:
        return float(entered["numberValue"])
    if "stringValue" in entered:
        return entered["stringValue"]
    if "boolValue" in entered:
        return bool(entered["boolValue"])
    if "formulaValue" in entered:
        return evaluate_formula(entered["formulaValue"])
    if "errorValue" in entered:
        return FormulaError(entered["errorValue"].get("message", "#ERROR!"))
    return None


def render_cell(cell: dict[str, Any] | None, value_render: str, date_time_render: str) -> Any:
    """Return a cell as ``values.get`` would (``""`` for an empty cell).

    FORMATTED_VALUE: the displayed text. UNFORMATTED_VALUE: numbers as numbers, dates as serials
    (or formatted text with ``FORMATTED_STRING``). FORMULA: like UNFORMATTED_VALUE but formulas
    are returned as written.
    """
    value = effective_value(cell)
    if value is None:
        return ""
    number_format = _number_format_of(cell)
    if value_render == "FORMULA" and "formulaValue" in cell["userEnteredValue"]:  # type: ignore[index]
        return cell["userEnteredValue"]["formulaValue"]  # type: ignore[index]
    if isinstance(value, FormulaError):
        return str(value)
    if value_render == "FORMATTED_VALUE":
        if isinstance(value, bool):
            return "TRUE" if value else "FALSE"
        if isinstance(value, float):
            return format_number(value, number_format)
        return value
    if isinstance(value, float):
        is_date = bool(number_format and number_format.get("type") in _DATE_TYPES)
        if is_date and date_time_render == "FORMATTED_STRING":
            return format_number(value, number_format)
        return json_number(value)
    return value


def _effective_value_json(value: Scalar) -> dict[str, Any]:
    if isinstance(value, FormulaError):
        kind, message = _ERROR_TYPES.get(str(value), ("ERROR", str(value)))
        return {"errorValue": {"type": kind, "message": message}}
    if isinstance(value, bool):
        return {"boolValue": value}
    if isinstance(value, float):
        return {"numberValue": json_number(value)}
    return {"stringValue": value}


# --------------------------------------------------------------------------------------------
# Field masks ("userEnteredFormat(textFormat,numberFormat)", "gridProperties/frozenRowCount")
# --------------------------------------------------------------------------------------------


def parse_field_mask(mask: str) -> list[tuple[str, ...]]:
    """Return the paths of a field mask; ``a(b,c.d),e`` -> ``[(a,b), (a,c,d), (e,)]``."""
    text = mask.replace(" ", "")
    pos = 0

    def parse_list(prefix: tuple[str, ...]) -> list[tuple[str, ...]]:
        nonlocal pos
        paths = parse_path(prefix)
        while pos < len(text) and text[pos] == ",":
            pos += 1
            paths += parse_path(prefix)
        return paths

    def parse_path(prefix: tuple[str, ...]) -> list[tuple[str, ...]]:
        nonlocal pos
        start = pos
        while pos < len(text) and text[pos] not in ".,/()":
            pos += 1
        path = prefix + (text[start:pos],)
        if pos < len(text) and text[pos] in "./":
            pos += 1
            return parse_path(path)
        if pos < len(text) and text[pos] == "(":
            pos += 1
            paths = parse_list(path)
            if pos < len(text) and text[pos] == ")":
                pos += 1
            return paths
        return [path]

    return [path for path in parse_list(()) if path != ("",)] if text else []


def apply_field_mask(target: dict[str, Any], source: dict[str, Any], paths: list[tuple[str, ...]]) -> None:
    """Copy the masked fields from ``source`` into ``target``, as the API's ``fields`` does:
    a masked field that ``source`` does not set is cleared in ``target``. ``*`` means all."""
    for path in paths:
        if path[-1] == "*":
            path = path[:-1]
        if not path:
            target.clear()
            target.update(copy.deepcopy(source))
            continue
        value: Any = source
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        parent: Any = target
        for key in path[:-1]:
            if not isinstance(parent.get(key), dict):
                if value is None:
                    parent = None
                    break
                parent[key] = {}
            parent = parent[key]
        if parent is None:
            continue
        if value is None:
            parent.pop(path[-1], None)
        else:
            parent[path[-1]] = copy.deepcopy(value)
    _prune_empty(target)


def _prune_empty(node: dict[str, Any]) -> None:
    for key in list(node):
        value = node[key]
        if isinstance(value, dict) and key in ("userEnteredFormat", "textFormat", "numberFormat"):
            _prune_empty(value)
            if not value:
                del node[key]


def filter_fields(value: Any, paths: list[tuple[str, ...]]) -> Any:
    """Keep only the masked fields of a response (the ``fields`` query parameter)."""
    tree: dict[str, Any] = {}
    for path in paths:
        node = tree
        for key in path[:-1]:
            child = node.get(key)
            if child is True:
                break  # an enclosing field is already kept whole
            if child is None:
                child = node[key] = {}
            node = child
        else:
            node[path[-1]] = True

    def keep(node: Any, selection: Any) -> Any:
        if selection is True or "*" in selection:
            return node
        if isinstance(node, list):
            return [keep(item, selection) for item in node]
        if isinstance(node, dict):
            return {key: keep(node[key], sub) for key, sub in selection.items() if key in node}
        return node

    return keep(value, tree) if tree else value


# --------------------------------------------------------------------------------------------
# The spreadsheet model
# --------------------------------------------------------------------------------------------

Cell = dict[str, Any]  # a subset of the API's CellData: userEnteredValue, userEnteredFormat, note, dataValidation


class _Sheet:
    """One tab: its SheetProperties and a ragged grid of cells (None where nothing was ever set)."""

    def __init__(self, properties: dict[str, Any]):
        self.props = properties
        self.rows: list[list[Cell | None]] = []
        self.conditional_formats: list[dict[str, Any]] = []
        self.merges: list[dict[str, Any]] = []
        self.basic_filter: dict[str, Any] | None = None

    @property
    def id(self) -> int:
        return int(self.props["sheetId"])

    @property
    def title(self) -> str:
        return str(self.props["title"])

    @property
    def row_count(self) -> int:
        return int(self.props["gridProperties"]["rowCount"])

    @property
    def column_count(self) -> int:
        return int(self.props["gridProperties"]["columnCount"])

    def get(self, row: int, col: int) -> Cell | None:
        if row < len(self.rows) and col < len(self.rows[row]):
            return self.rows[row][col]
        return None

    def ensure(self, row: int, col: int) -> Cell:
        """Return the cell at (row, col), creating an empty one if needed."""
        while len(self.rows) <= row:
            self.rows.append([])
        cells = self.rows[row]
        while len(cells) <= col:
            cells.append(None)
        if cells[col] is None:
            cells[col] = {}
        return cells[col]  # type: ignore[return-value]

    def put(self, row: int, col: int, cell: Cell | None) -> None:
        if cell is None and self.get(row, col) is None:
            return
        self.ensure(row, col)
        self.rows[row][col] = cell

    def has_value(self, row: int, col: int) -> bool:
        cell = self.get(row, col)
        return bool(cell) and "userEnteredValue" in cell  # type: ignore[operator]

    def last_value_row(self) -> int:
        """Index of the last row holding a value, or -1 when the tab has no values."""
        for row in range(len(self.rows) - 1, -1, -1):
            if any(cell and "userEnteredValue" in cell for cell in self.rows[row]):
                return row
        return -1

    def truncate(self) -> None:
        """Drop cells that fell outside the grid after a resize."""
        del self.rows[self.row_count :]
        for cells in self.rows:
            del cells[self.column_count :]

    def metadata(self) -> dict[str, Any]:
        """The ``sheets[]`` entry of the spreadsheet metadata (proto3: defaults left out)."""
        props = copy.deepcopy(self.props)
        grid = props.get("gridProperties", {})
        for key in ("frozenRowCount", "frozenColumnCount"):
            if grid.get(key) == 0:
                del grid[key]
        for key in ("hideGridlines", "rowGroupControlAfter", "columnGroupControlAfter"):
            if grid.get(key) is False:
                del grid[key]
        if props.get("hidden") is False:
            del props["hidden"]
        if props.get("rightToLeft") is False:
            del props["rightToLeft"]
        entry: dict[str, Any] = {"properties": props}
        if self.merges:
            entry["merges"] = copy.deepcopy(self.merges)
        if self.conditional_formats:
            entry["conditionalFormats"] = copy.deepcopy(self.conditional_formats)
        if self.basic_filter:
            entry["basicFilter"] = copy.deepcopy(self.basic_filter)
        return entry


class _Spreadsheet:
    def __init__(self, spreadsheet_id: str, title: str, created: str):
        self.id = spreadsheet_id
        self.properties: dict[str, Any] = {"title": title, **copy.deepcopy(_DEFAULT_SPREADSHEET_PROPERTIES)}
        self.sheets: list[_Sheet] = []
        self.created_time = created
        self.modified_time = created

    @property
    def title(self) -> str:
        return str(self.properties["title"])

    def sheet_by_title(self, title: str) -> _Sheet | None:
        found = _find_title(title, [sheet.title for sheet in self.sheets])
        return next((sheet for sheet in self.sheets if sheet.title == found), None)

    def sheet_by_id(self, sheet_id: int) -> _Sheet | None:
        return next((sheet for sheet in self.sheets if sheet.id == sheet_id), None)

    def renumber(self) -> None:
        for index, sheet in enumerate(self.sheets):
            sheet.props["index"] = index

    def metadata(self) -> dict[str, Any]:
        return {
            "spreadsheetId": self.id,
            "properties": copy.deepcopy(self.properties),
            "sheets": [sheet.metadata() for sheet in self.sheets],
            "spreadsheetUrl": f"https://docs.google.com/spreadsheets/d/{self.id}/edit",
        }


@dataclass
class _Target:
    """A resolved range: a sheet and 0-based inclusive bounds inside its grid."""

    sheet: _Sheet
    r1: int
    c1: int
    r2: int
    c2: int
    bounded: bool  # the range named its end ("A1:B2"), so writes must stay inside it

    def a1(self) -> str:
        return format_a1(self.sheet.title, self.r1, self.c1, self.r2, self.c2)


@dataclass
class _WriteResult:
    sheet: _Sheet
    r1: int
    c1: int
    rows: int
    columns: int
    cells: int
    cells_written: set[tuple[int, int]] = field(default_factory=set)

    def updated_range(self) -> str:
        if self.rows == 0:
            return format_a1(self.sheet.title, self.r1, self.c1, self.r1, self.c1)
        return format_a1(self.sheet.title, self.r1, self.c1, self.r1 + self.rows - 1, self.c1 + self.columns - 1)

    def summary(self, spreadsheet_id: str) -> dict[str, Any]:
        result: dict[str, Any] = {"spreadsheetId": spreadsheet_id, "updatedRange": self.updated_range()}
        if self.cells:
            result.update(updatedRows=self.rows, updatedColumns=self.columns, updatedCells=self.cells)
        return result


def _sort_key_compare(a: Cell | None, b: Cell | None, descending: bool) -> int:
    """Compare two cells the way Sheets sorts: numbers < text < booleans, blanks always last."""
    va, vb = effective_value(a), effective_value(b)
    if va is None or vb is None:
        return (va is None) - (vb is None)

    def key(value: Scalar) -> tuple[int, Any]:
        if isinstance(value, FormulaError):
            return (3, str(value))
        if isinstance(value, bool):
            return (2, value)
        if isinstance(value, float):
            return (0, value)
        return (1, value.lower())

    ka, kb = key(va), key(vb)
    result = (ka > kb) - (ka < kb)
    return -result if descending else result


def _grid_value(value: Any) -> Any:
    """A user-entered value as ``grid()`` reports it."""
    return json_number(value) if isinstance(value, float) else value


# --------------------------------------------------------------------------------------------
# The transport adapter
# --------------------------------------------------------------------------------------------


class _FakeAdapter(BaseAdapter):
    """A requests adapter that hands every request to the fake instead of the network."""

    def __init__(self, api: FakeSheetsAPI):
        super().__init__()
        self._api = api

    def send(
        self,
        request: requests.PreparedRequest,
        stream: bool = False,
        timeout: Any = None,
        verify: Any = True,
        cert: Any = None,
        proxies: Any = None,
    ) -> requests.Response:
        return self._api._serve(request, self)

    def close(self) -> None:
        pass


# --------------------------------------------------------------------------------------------
# The fake service
# --------------------------------------------------------------------------------------------


class FakeSheetsAPI:
    """An in-memory Google Sheets API v4 (plus minimal Drive v3) for tests.

    Every HTTP request is recorded in :attr:`requests_log`. Use :meth:`session` or
    :meth:`client` to talk to it; use the inspection and hand-edit methods to look at or change
    the sheet directly, as a person would.
    """

    def __init__(self, *, seed: int = 0, today: Callable[[], dt.date] | None = None):
        """``seed`` makes spreadsheet and sheet ids reproducible; ``today`` gives the current
        date used for dates typed without a year (``"14 Mar"``)."""
        self.requests_log: list[RequestRecord] = []
        self._spreadsheets: dict[str, _Spreadsheet] = {}
        self._rng = random.Random(seed)
        self._today = today or dt.date.today
        self._faults: list[_Fault] = []
        self._hooks: list[_Hook] = []
        self._revoked = False
        self._denied: set[str] = set()
        self._lock = threading.RLock()

    # ---------------------------------------------------------------- setting up

    def create_spreadsheet(
        self,
        title: str = "Job search",
        tabs: dict[str, list[list[Any]]] | None = None,
        spreadsheet_id: str | None = None,
    ) -> str:
        """Create a spreadsheet and return its id.

        ``tabs`` maps each tab title to rows of cells, entered as a person would type them
        (``USER_ENTERED``: ``"2026-03-14"`` becomes a date, ``"=1+1"`` a formula). Without tabs
        the spreadsheet has one empty ``Sheet1``. Each grid is at least 1000 x 26.
        Raises ValueError if ``spreadsheet_id`` is already taken.
        """
        with self._lock:
            if spreadsheet_id in self._spreadsheets:
                raise ValueError(f"spreadsheet {spreadsheet_id!r} already exists")
            spreadsheet = _Spreadsheet(spreadsheet_id or self._new_spreadsheet_id(), title, self._now())
            for title_, grid in (tabs if tabs is not None else {"Sheet1": []}).items():
                width = max((len(row) for row in grid), default=0)
                sheet = self._add_sheet(
                    spreadsheet,
                    {
                        "title": title_,
                        "gridProperties": {
                            "rowCount": max(DEFAULT_ROWS, len(grid)),
                            "columnCount": max(DEFAULT_COLUMNS, width),
                        },
                    },
                )
                for r, row in enumerate(grid):
                    for c, value in enumerate(row):
                        if value is not None:
                            self._enter(sheet, r, c, value, "USER_ENTERED")
            if not spreadsheet.sheets:
                self._add_sheet(spreadsheet, {"title": "Sheet1"})
            self._spreadsheets[spreadsheet.id] = spreadsheet
            return spreadsheet.id

    def add_tab(
        self, spreadsheet_id: str, title: str, rows: int = DEFAULT_ROWS, columns: int = DEFAULT_COLUMNS
    ) -> int:
        """Add an empty tab by hand; returns its sheetId. Raises ValueError on a duplicate title."""
        with self._lock:
            spreadsheet = self._spreadsheet(spreadsheet_id)
            if spreadsheet.sheet_by_title(title) is not None:
                raise ValueError(f"a tab named {title!r} already exists")
            props = {"title": title, "gridProperties": {"rowCount": rows, "columnCount": columns}}
            return self._add_sheet(spreadsheet, props).id

    def session(self) -> requests.Session:
        """Return a ``requests.Session`` whose every request is answered by this fake.

        Sheets (``https://sheets.googleapis.com/``), Drive (``https://www.googleapis.com/drive/``)
        and the OAuth token endpoint are answered; any other URL raises
        ``requests.exceptions.ConnectionError`` so a test can never reach the network.
        """
        return self.mount(requests.Session())

    def mount(self, session: requests.Session) -> requests.Session:
        """Route an existing session (e.g. a google-auth ``AuthorizedSession``) to this fake."""
        adapter = _FakeAdapter(self)
        for prefix in ("https://", "http://"):
            session.mount(prefix, adapter)
        return session

    def client(self, http_client: type[gspread.HTTPClient] = gspread.HTTPClient) -> gspread.Client:
        """Return a real ``gspread.Client`` talking to this fake.

        It carries dummy OAuth credentials that never refresh, so no token request is made.
        Pass ``http_client=gspread.BackOffHTTPClient`` to test gspread's own retries.
        """
        credentials = google.oauth2.credentials.Credentials(token="fake-access-token")
        client = gspread.Client(auth=credentials, session=self.session(), http_client=http_client)
        client.http_client.auth = credentials  # HTTPClient skips this when given a session
        client.http_client.session.headers["Authorization"] = "Bearer fake-access-token"
        return client

    # ---------------------------------------------------------------- inspection

    def spreadsheet_ids(self) -> list[str]:
        """Return the ids of the spreadsheets that exist now."""
        return list(self._spreadsheets)

    def tabs(self, spreadsheet_id: str) -> list[str]:
        """Return the tab titles in order. Raises KeyError for an unknown spreadsheet."""
        return [sheet.title for sheet in self._spreadsheet(spreadsheet_id).sheets]

    def sheet_properties(self, spreadsheet_id: str, tab: str) -> dict[str, Any]:
        """Return the tab's SheetProperties as the metadata reports them."""
        return self._tab(spreadsheet_id, tab).metadata()["properties"]

    def grid(self, spreadsheet_id: str, tab: str) -> list[list[Any]]:
        """Return the user-entered values: formulas as ``"=..."``, numbers, booleans, text.

        Empty cells are ``""``; trailing empty cells and rows are trimmed.
        Raises KeyError for an unknown spreadsheet or tab.
        """
        sheet = self._tab(spreadsheet_id, tab)

        def entered(cell: Cell | None) -> Any:
            value = (cell or {}).get("userEnteredValue")
            if not value:
                return ""
            return _grid_value(next(iter(value.values())))

        return _trim([[entered(cell) for cell in row] for row in sheet.rows])

    def values(self, spreadsheet_id: str, tab: str) -> list[list[Any]]:
        """Return the computed values, as ``UNFORMATTED_VALUE`` (dates as serial numbers) reads them.

        Raises KeyError for an unknown spreadsheet or tab.
        """
        sheet = self._tab(spreadsheet_id, tab)
        rendered = [[render_cell(cell, "UNFORMATTED_VALUE", "SERIAL_NUMBER") for cell in row] for row in sheet.rows]
        return _trim(rendered)

    def formatted_values(self, spreadsheet_id: str, tab: str) -> list[list[str]]:
        """Return the values as displayed (``FORMATTED_VALUE``)."""
        sheet = self._tab(spreadsheet_id, tab)
        rendered = [[render_cell(cell, "FORMATTED_VALUE", "SERIAL_NUMBER") for cell in row] for row in sheet.rows]
        return _trim(rendered)

    def cell_data(self, spreadsheet_id: str, tab: str, a1: str) -> dict[str, Any] | None:
        """Return a copy of a cell's CellData (userEnteredValue, userEnteredFormat, note,
        dataValidation), or None when the cell was never touched."""
        sheet = self._tab(spreadsheet_id, tab)
        row, col = _cell_address(a1)
        cell = sheet.get(row, col)
        return copy.deepcopy(cell) if cell else None

    def number_format(self, spreadsheet_id: str, tab: str, a1: str) -> dict[str, Any] | None:
        """Return the cell's ``userEnteredFormat.numberFormat`` (e.g. ``{"type": "DATE",
        "pattern": "yyyy-mm-dd"}``), or None when it has none."""
        cell = self.cell_data(spreadsheet_id, tab, a1)
        return copy.deepcopy(_number_format_of(cell))

    def conditional_formats(self, spreadsheet_id: str, tab: str) -> list[dict[str, Any]]:
        """Return the tab's conditional format rules."""
        return copy.deepcopy(self._tab(spreadsheet_id, tab).conditional_formats)

    @property
    def request_count(self) -> int:
        """Number of HTTP requests recorded since the last :meth:`reset_counters`."""
        return len(self.requests_log)

    @property
    def bytes_sent(self) -> int:
        """Total request-body bytes sent to the fake since the last reset."""
        return sum(record.bytes_sent for record in self.requests_log)

    @property
    def bytes_received(self) -> int:
        """Total response-body bytes the fake answered since the last reset."""
        return sum(record.bytes_received for record in self.requests_log)

    def count(self, method: str | None = None, path_contains: str | None = None) -> int:
        """Number of recorded requests with this method and/or a path containing this text."""
        return sum(
            1
            for record in self.requests_log
            if (method is None or record.method == method.upper())
            and (path_contains is None or path_contains in record.path)
        )

    def reset_counters(self) -> None:
        """Forget the recorded requests (counts and bytes start again from zero)."""
        with self._lock:
            self.requests_log.clear()

    # ---------------------------------------------------------------- fault injection

    def fail_next(
        self,
        n: int = 1,
        status: int = 429,
        *,
        timeout: bool = False,
        method: str | None = None,
        path_contains: str | None = None,
        after_serving: bool = False,
    ) -> None:
        """Make the next ``n`` matching requests fail.

        ``status`` 429 answers the real quota error (RESOURCE_EXHAUSTED, reason
        RATE_LIMIT_EXCEEDED); 500, 503, 401, 403 and others answer their usual bodies.
        ``timeout=True`` raises ``requests.exceptions.ReadTimeout`` instead of answering.
        ``method`` / ``path_contains`` restrict which requests match. With ``after_serving=True``
        the request is carried out first and only the answer is lost (the write did happen).
        """
        with self._lock:
            self._faults.append(_Fault(n, status, timeout, method, path_contains, after_serving))

    def revoke_credentials(self) -> None:
        """From now on every request answers 401 UNAUTHENTICATED (until :meth:`restore_credentials`)."""
        self._revoked = True

    def restore_credentials(self) -> None:
        """Undo :meth:`revoke_credentials`."""
        self._revoked = False

    def deny(self, spreadsheet_id: str) -> None:
        """Requests for that spreadsheet answer 403 PERMISSION_DENIED from now on."""
        self._denied.add(spreadsheet_id)

    def allow(self, spreadsheet_id: str) -> None:
        """Undo :meth:`deny`."""
        self._denied.discard(spreadsheet_id)

    # ---------------------------------------------------------------- a person editing by hand

    def before_request(
        self,
        hook: Callable[[FakeSheetsAPI, RequestRecord], None],
        *,
        once: bool = True,
        method: str | None = None,
    ) -> None:
        """Run ``hook(api, record)`` before the next request (with this method, if given) is served.

        Use it to simulate a person editing the sheet between two requests of the app. With
        ``once=False`` the hook runs before every matching request.
        """
        with self._lock:
            self._hooks.append(_Hook(hook, once, method.upper() if method else None))

    def set_cell(self, spreadsheet_id: str, tab: str, a1: str, value: Any) -> None:
        """Type a value into a cell as a person would (USER_ENTERED; ``""`` clears it)."""
        with self._lock:
            sheet = self._tab(spreadsheet_id, tab)
            row, col = _cell_address(a1)
            if row >= sheet.row_count or col >= sheet.column_count:
                raise ValueError(f"{a1} is outside the {sheet.row_count}x{sheet.column_count} grid of {tab!r}")
            self._enter(sheet, row, col, value, "USER_ENTERED")
            self._touch(self._spreadsheet(spreadsheet_id))

    def set_number_format(self, spreadsheet_id: str, tab: str, a1_range: str, number_format: dict[str, Any]) -> None:
        """Format cells by hand (Format > Number), e.g. ``{"type": "TEXT", "pattern": "@"}``."""
        with self._lock:
            spreadsheet = self._spreadsheet(spreadsheet_id)
            target = self._resolve(spreadsheet, f"{quote_sheet_title(tab)}!{a1_range}")
            for row in range(target.r1, target.r2 + 1):
                for col in range(target.c1, target.c2 + 1):
                    cell_format = target.sheet.ensure(row, col).setdefault("userEnteredFormat", {})
                    cell_format["numberFormat"] = dict(number_format)
            self._touch(spreadsheet)

    def insert_row(self, spreadsheet_id: str, tab: str, row_index_1based: int, values: list[Any]) -> None:
        """Insert a row before row ``row_index_1based`` and type ``values`` into it.

        The grid grows by one row; rows below move down.
        """
        with self._lock:
            sheet = self._tab(spreadsheet_id, tab)
            index = row_index_1based - 1
            if not 0 <= index <= sheet.row_count:
                raise ValueError(f"row {row_index_1based} is outside {tab!r}")
            self._insert_rows(sheet, index, 1)
            if len(values) > sheet.column_count:
                sheet.props["gridProperties"]["columnCount"] = len(values)
            for col, value in enumerate(values):
                if value is not None:
                    self._enter(sheet, index, col, value, "USER_ENTERED")
            self._touch(self._spreadsheet(spreadsheet_id))

    def delete_row(self, spreadsheet_id: str, tab: str, row_index_1based: int) -> None:
        """Delete row ``row_index_1based``; rows below move up and the grid shrinks by one."""
        with self._lock:
            sheet = self._tab(spreadsheet_id, tab)
            index = row_index_1based - 1
            if not 0 <= index < sheet.row_count or sheet.row_count == 1:
                raise ValueError(f"cannot delete row {row_index_1based} of {tab!r}")
            del sheet.rows[index : index + 1]
            sheet.props["gridProperties"]["rowCount"] -= 1
            self._touch(self._spreadsheet(spreadsheet_id))

    def sort_rows(
        self,
        spreadsheet_id: str,
        tab: str,
        column_index: int,
        *,
        descending: bool = False,
        header_rows: int = 1,
    ) -> None:
        """Sort the rows below ``header_rows`` by the 0-based column ``column_index``
        (Data > Sort range): numbers before text before booleans, blanks last."""
        with self._lock:
            sheet = self._tab(spreadsheet_id, tab)
            last_row, last_column = len(sheet.rows) - 1, sheet.column_count - 1
            self._sort(sheet, header_rows, last_row, 0, last_column, [(column_index, descending)])
            self._touch(self._spreadsheet(spreadsheet_id))

    def move_column(self, spreadsheet_id: str, tab: str, from_index: int, to_index: int) -> None:
        """Drag a column (0-based) to another position, as a person reordering columns would."""
        with self._lock:
            sheet = self._tab(spreadsheet_id, tab)
            for cells in sheet.rows:
                while len(cells) <= max(from_index, to_index):
                    cells.append(None)
                cells.insert(to_index, cells.pop(from_index))
            self._touch(self._spreadsheet(spreadsheet_id))

    def rename_tab(self, spreadsheet_id: str, old_title: str, new_title: str) -> None:
        """Rename a tab by hand."""
        with self._lock:
            self._tab(spreadsheet_id, old_title).props["title"] = new_title

    # ================================================================ HTTP serving

    def _serve(self, request: requests.PreparedRequest, adapter: _FakeAdapter) -> requests.Response:
        with self._lock:
            parts = urlsplit(request.url or "")
            raw = request.body or b""
            body = raw.encode("utf-8") if isinstance(raw, str) else raw if isinstance(raw, bytes) else b""
            record = RequestRecord(
                method=(request.method or "GET").upper(),
                url=request.url or "",
                host=parts.hostname or "",
                path=unquote(parts.path),
                query=parse_qs(parts.query, keep_blank_values=True),
                body=body,
            )
            self.requests_log.append(record)
            self._run_hooks(record)
            fault = next((fault for fault in self._faults if fault.matches(record)), None)
            if fault is not None:
                fault.remaining -= 1
                self._faults = [f for f in self._faults if f.remaining > 0]
                if fault.after_serving:
                    self._answer(record, parts.path)
                if fault.timeout:
                    raise requests.exceptions.ReadTimeout(
                        f"FakeSheetsAPI: injected read timeout for {record.method} {record.path}", request=request
                    )
                error = _injected_error(fault.status, record.is_write)
                status, payload = error.code, error.body
            else:
                status, payload = self._answer(record, parts.path)
            return self._response(request, adapter, record, status, payload)

    def _run_hooks(self, record: RequestRecord) -> None:
        due = [hook for hook in self._hooks if hook.method is None or hook.method == record.method]
        # Remove one-shot hooks before running them, so a hook may register another one.
        self._hooks = [hook for hook in self._hooks if not (hook.once and hook in due)]
        for hook in due:
            hook.hook(self, record)

    def _response(
        self,
        request: requests.PreparedRequest,
        adapter: _FakeAdapter,
        record: RequestRecord,
        status: int,
        payload: Any,
    ) -> requests.Response:
        if payload is None:
            content = b""
        else:
            # The real service pretty-prints its JSON unless the request says prettyPrint=false;
            # doing the same keeps byte counts realistic.
            if (_query_one(record.query, "prettyPrint") or "").lower() == "false":
                content = json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
            else:
                content = (json.dumps(payload, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
        record.status = status
        record.bytes_received = len(content)
        response = requests.Response()
        response.status_code = status
        response.reason = http.HTTPStatus(status).phrase
        response._content = content
        response._content_consumed = True
        response.raw = io.BytesIO(content)
        response.headers = CaseInsensitiveDict(
            {"Content-Type": "application/json; charset=UTF-8" if content else "text/html"}
        )
        response.encoding = "utf-8"
        response.url = request.url or ""
        response.request = request
        response.connection = adapter  # type: ignore[assignment]
        return response

    def _answer(self, record: RequestRecord, raw_path: str) -> tuple[int, Any]:
        """Serve one request; returns (status, JSON payload or None)."""
        try:
            if record.host == TOKEN_HOST:
                return self._token(record)
            if self._revoked:
                raise _unauthenticated()
            if record.host == SHEETS_HOST and raw_path.startswith("/v4/spreadsheets"):
                return 200, self._sheets(record, raw_path[len("/v4/spreadsheets") :])
            if record.host == GOOGLEAPIS_HOST and raw_path.startswith("/drive/v3/files"):
                return self._drive(record, raw_path[len("/drive/v3/files") :])
        except _ApiError as error:
            return error.code, error.body
        raise requests.exceptions.ConnectionError(
            f"FakeSheetsAPI: no route to {record.method} {record.url} (tests never reach the network)"
        )

    def _token(self, record: RequestRecord) -> tuple[int, Any]:
        # google-auth refreshing credentials: hand out a dummy token, or refuse once revoked.
        if self._revoked:
            return 400, {"error": "invalid_grant", "error_description": "Token has been expired or revoked."}
        return 200, {"access_token": "fake-access-token", "expires_in": 3599, "token_type": "Bearer"}

    # ---------------------------------------------------------------- routing: Sheets

    def _sheets(self, record: RequestRecord, rest: str) -> Any:
        body = _json_body(record)
        query = record.query
        if rest in ("", "/"):
            if record.method == "POST":
                return self._create_from_body(body)
            raise _not_found()
        rest = rest[1:]
        id_part, _, tail = rest.partition("/")
        spreadsheet_id, _, action = id_part.partition(":")
        spreadsheet = self._access(spreadsheet_id)
        if not tail:
            if (record.method, action) == ("GET", ""):
                return self._get_spreadsheet(spreadsheet, query)
            if (record.method, action) == ("POST", "batchUpdate"):
                return self._transaction(spreadsheet, lambda: self._batch_update(spreadsheet, body, query))
        elif tail.startswith("values:"):
            values_action = tail[len("values:") :]
            if (record.method, values_action) == ("GET", "batchGet"):
                return self._values_batch_get(spreadsheet, query)
            if (record.method, values_action) == ("POST", "batchUpdate"):
                return self._transaction(spreadsheet, lambda: self._values_batch_update(spreadsheet, body))
            if (record.method, values_action) == ("POST", "batchClear"):
                return self._transaction(spreadsheet, lambda: self._values_batch_clear(spreadsheet, body))
        elif tail.startswith("values/"):
            encoded = tail[len("values/") :]
            suffix = ""
            for candidate in (":append", ":clear"):
                if encoded.endswith(candidate):
                    encoded, suffix = encoded[: -len(candidate)], candidate
            range_text = unquote(encoded)
            if (record.method, suffix) == ("GET", ""):
                return self._values_get(spreadsheet, range_text, query)
            if (record.method, suffix) == ("PUT", ""):
                return self._transaction(
                    spreadsheet, lambda: self._values_update(spreadsheet, range_text, query, body)
                )
            if (record.method, suffix) == ("POST", ":append"):
                return self._transaction(
                    spreadsheet, lambda: self._values_append(spreadsheet, range_text, query, body)
                )
            if (record.method, suffix) == ("POST", ":clear"):
                return self._transaction(spreadsheet, lambda: self._values_clear(spreadsheet, range_text))
        raise NotImplementedError(f"FakeSheetsAPI does not emulate {record.method} {record.path}")

    def _access(self, spreadsheet_id: str) -> _Spreadsheet:
        if spreadsheet_id in self._denied:
            raise _permission_denied()
        spreadsheet = self._spreadsheets.get(spreadsheet_id)
        if spreadsheet is None:
            raise _not_found()
        return spreadsheet

    def _transaction(self, spreadsheet: _Spreadsheet, operation: Callable[[], Any]) -> Any:
        """Run a write atomically: on an error, the spreadsheet is left as it was."""
        # pickle round-trips much faster than deepcopy for grids of plain dicts.
        saved = pickle.dumps((spreadsheet.properties, spreadsheet.sheets), protocol=pickle.HIGHEST_PROTOCOL)
        try:
            result = operation()
        except BaseException:
            spreadsheet.properties, spreadsheet.sheets = pickle.loads(saved)
            raise
        self._touch(spreadsheet)
        return result

    # ---------------------------------------------------------------- spreadsheets.get / create

    def _get_spreadsheet(self, spreadsheet: _Spreadsheet, query: dict[str, list[str]]) -> Any:
        include_grid = _query_bool(query, "includeGridData")
        fields = _query_one(query, "fields")
        ranges = query.get("ranges", [])
        # "includeGridData is ignored if a field mask was set": the mask decides what is returned.
        if fields and "data" in fields:
            include_grid = True
        metadata = spreadsheet.metadata()
        if ranges:
            targets = [self._resolve(spreadsheet, text) for text in ranges]
            wanted = {target.sheet.id for target in targets}
            metadata["sheets"] = [entry for entry in metadata["sheets"] if entry["properties"]["sheetId"] in wanted]
        else:
            targets = [
                _Target(sheet, 0, 0, sheet.row_count - 1, sheet.column_count - 1, False)
                for sheet in spreadsheet.sheets
            ]
        if include_grid:
            for entry in metadata["sheets"]:
                entry["data"] = [
                    self._grid_data(target) for target in targets if target.sheet.id == entry["properties"]["sheetId"]
                ]
        if fields:
            metadata = filter_fields(metadata, parse_field_mask(fields))
        return metadata

    def _grid_data(self, target: _Target) -> dict[str, Any]:
        data: dict[str, Any] = {}
        if target.r1:
            data["startRow"] = target.r1
        if target.c1:
            data["startColumn"] = target.c1
        rows = []
        for row in range(target.r1, min(target.r2, len(target.sheet.rows) - 1) + 1):
            cells = [self._cell_json(target.sheet.get(row, col)) for col in range(target.c1, target.c2 + 1)]
            while cells and not cells[-1]:
                cells.pop()
            rows.append({"values": cells} if cells else {})
        while rows and not rows[-1]:
            rows.pop()
        if rows:
            data["rowData"] = rows
        return data

    @staticmethod
    def _cell_json(cell: Cell | None) -> dict[str, Any]:
        if not cell:
            return {}
        result = copy.deepcopy(cell)
        value = effective_value(cell)
        if value is not None:
            result["effectiveValue"] = _effective_value_json(value)
            result["formattedValue"] = render_cell(cell, "FORMATTED_VALUE", "FORMATTED_STRING")
        if "numberValue" in result.get("userEnteredValue", {}):
            result["userEnteredValue"]["numberValue"] = json_number(result["userEnteredValue"]["numberValue"])
        return result

    def _create_from_body(self, body: dict[str, Any]) -> Any:
        title = body.get("properties", {}).get("title", "Untitled spreadsheet")
        spreadsheet = _Spreadsheet(self._new_spreadsheet_id(), title, self._now())
        for sheet_body in body.get("sheets") or [{"properties": {}}]:
            self._add_sheet(spreadsheet, copy.deepcopy(sheet_body.get("properties", {})))
        self._spreadsheets[spreadsheet.id] = spreadsheet
        return spreadsheet.metadata()

    # ---------------------------------------------------------------- values.get / batchGet

    def _values_get(self, spreadsheet: _Spreadsheet, range_text: str, query: dict[str, list[str]]) -> Any:
        target = self._resolve(spreadsheet, range_text)
        return self._read(target, query)

    def _values_batch_get(self, spreadsheet: _Spreadsheet, query: dict[str, list[str]]) -> Any:
        targets = [self._resolve(spreadsheet, text) for text in query.get("ranges", [])]
        result: dict[str, Any] = {"spreadsheetId": spreadsheet.id}
        if targets:
            result["valueRanges"] = [self._read(target, query) for target in targets]
        return result

    def _read(self, target: _Target, options: dict[str, list[str]]) -> dict[str, Any]:
        value_render = _query_one(options, "valueRenderOption") or "FORMATTED_VALUE"
        date_render = _query_one(options, "dateTimeRenderOption") or "SERIAL_NUMBER"
        major = _query_one(options, "majorDimension") or "ROWS"
        _check_enum("valueRenderOption", value_render, ("FORMATTED_VALUE", "UNFORMATTED_VALUE", "FORMULA"))
        _check_enum("dateTimeRenderOption", date_render, ("SERIAL_NUMBER", "FORMATTED_STRING"))
        _check_enum("majorDimension", major, ("ROWS", "COLUMNS", "DIMENSION_UNSPECIFIED"))
        major = "ROWS" if major == "DIMENSION_UNSPECIFIED" else major
        return self._value_range(target, value_render, date_render, major)

    def _value_range(self, target: _Target, value_render: str, date_render: str, major: str) -> dict[str, Any]:
        sheet = target.sheet
        last_row = min(target.r2, len(sheet.rows) - 1)
        grid = [
            [render_cell(sheet.get(row, col), value_render, date_render) for col in range(target.c1, target.c2 + 1)]
            for row in range(target.r1, last_row + 1)
        ]
        if major == "COLUMNS":
            width = target.c2 - target.c1 + 1
            grid = [[row[col] for row in grid] for col in range(width)]
        result: dict[str, Any] = {"range": target.a1(), "majorDimension": major}
        values = _trim(grid)
        if values:
            result["values"] = values
        return result

    # ---------------------------------------------------------------- values.update / batchUpdate

    def _values_update(
        self, spreadsheet: _Spreadsheet, range_text: str, query: dict[str, list[str]], body: dict[str, Any]
    ) -> Any:
        input_option = _input_option(_query_one(query, "valueInputOption"))
        values = _check_values(body.get("values", []), "data.values")
        values = _orient(values, body.get("majorDimension"))
        target = self._resolve(spreadsheet, range_text, for_write=True)
        written = self._write(target, values, input_option, range_text)
        result = written.summary(spreadsheet.id)
        if _query_bool(query, "includeValuesInResponse"):
            result["updatedData"] = self._updated_data(written, query)
        return result

    def _values_batch_update(self, spreadsheet: _Spreadsheet, body: dict[str, Any]) -> Any:
        input_option = _input_option(body.get("valueInputOption"))
        responses = []
        results: list[_WriteResult] = []
        for index, data in enumerate(body.get("data", [])):
            if "range" not in data:
                raise _bad_request(f"Invalid data[{index}]: Missing range.")
            values = _check_values(data.get("values", []), f"data[{index}].values")
            values = _orient(values, data.get("majorDimension"))
            target = self._resolve(spreadsheet, data["range"], for_write=True)
            written = self._write(target, values, input_option, data["range"])
            results.append(written)
            response = written.summary(spreadsheet.id)
            if body.get("includeValuesInResponse"):
                options = {
                    "valueRenderOption": [body.get("responseValueRenderOption") or "FORMATTED_VALUE"],
                    "dateTimeRenderOption": [body.get("responseDateTimeRenderOption") or "SERIAL_NUMBER"],
                }
                response["updatedData"] = self._updated_data(written, options)
            responses.append(response)
        result: dict[str, Any] = {"spreadsheetId": spreadsheet.id}
        cells = {(w.sheet.id, r, c) for w in results for (r, c) in w.cells_written}
        if cells:
            # The totals count distinct rows and columns touched, per sheet (as recorded).
            result.update(
                totalUpdatedRows=len({(s, r) for s, r, _ in cells}),
                totalUpdatedColumns=len({(s, c) for s, _, c in cells}),
                totalUpdatedCells=len(cells),
                totalUpdatedSheets=len({s for s, _, _ in cells}),
            )
        if responses:
            result["responses"] = responses
        return result

    def _updated_data(self, written: _WriteResult, options: dict[str, list[str]]) -> dict[str, Any]:
        rows, columns = max(written.rows, 1), max(written.columns, 1)
        target = _Target(written.sheet, written.r1, written.c1, written.r1 + rows - 1, written.c1 + columns - 1, True)
        value_render = (
            _query_one(options, "responseValueRenderOption")
            or _query_one(options, "valueRenderOption")
            or "FORMATTED_VALUE"
        )
        date_render = (
            _query_one(options, "responseDateTimeRenderOption")
            or _query_one(options, "dateTimeRenderOption")
            or "SERIAL_NUMBER"
        )
        return self._value_range(target, value_render, date_render, "ROWS")

    def _write(self, target: _Target, values: list[list[Any]], input_option: str, range_text: str) -> _WriteResult:
        """Write rows of values from the target's top-left cell. Raises _ApiError (400) when the
        data does not fit the requested range or the grid."""
        sheet = target.sheet
        height = max((i + 1 for i, row in enumerate(values) if any(v is not None for v in row)), default=0)
        width = max((len(row) for row in values), default=0)
        if target.bounded:
            if height and target.r1 + height - 1 > target.r2:
                raise _bad_request(
                    f"Requested writing within range [{range_text}], but tried writing to row [{target.r2 + 2}]"
                )
            if width and target.c1 + width - 1 > target.c2:
                raise _bad_request(
                    f"Requested writing within range [{range_text}], but tried writing to column "
                    f"[{column_letters(target.c2 + 1)}]"
                )
        if height and (target.r1 + height > sheet.row_count or target.c1 + width > sheet.column_count):
            last_row, last_column = target.r1 + height - 1, target.c1 + max(width, 1) - 1
            raise _grid_limit_error(sheet, target.r1, target.c1, last_row, last_column)
        result = _WriteResult(sheet, target.r1, target.c1, height, width if height else 0, 0)
        for i, row in enumerate(values):
            for j, value in enumerate(row):
                if value is None:
                    continue  # null means "leave this cell alone"
                self._enter(sheet, target.r1 + i, target.c1 + j, value, input_option)
                result.cells += 1
                result.cells_written.add((target.r1 + i, target.c1 + j))
        return result

    def _enter(self, sheet: _Sheet, row: int, col: int, value: Any, input_option: str) -> None:
        """Store one input value in a cell, keeping the cell's format."""
        cell = sheet.get(row, col)
        current_format = _number_format_of(cell)
        if value is None or (isinstance(value, str) and value == ""):
            if cell:
                cell.pop("userEnteredValue", None)
            return
        detected: dict[str, Any] | None = None
        if isinstance(value, bool):
            entered: dict[str, Any] = {"boolValue": value}
        elif isinstance(value, (int, float)):
            entered = {"numberValue": float(value)}
        elif input_option == "RAW":
            entered = {"stringValue": str(value)}
        else:
            entered, detected = parse_user_entered(str(value), current_format, self._today().year)
        cell = sheet.ensure(row, col)
        cell["userEnteredValue"] = entered
        if detected is not None:
            keep = current_format and current_format.get("type") in _DATE_TYPES and detected["type"] in _DATE_TYPES
            if not keep:
                cell.setdefault("userEnteredFormat", {})["numberFormat"] = detected

    # ---------------------------------------------------------------- values.append

    def _values_append(
        self, spreadsheet: _Spreadsheet, range_text: str, query: dict[str, list[str]], body: dict[str, Any]
    ) -> Any:
        input_option = _input_option(_query_one(query, "valueInputOption"))
        insert_option = _query_one(query, "insertDataOption") or "OVERWRITE"
        _check_enum("insertDataOption", insert_option, ("OVERWRITE", "INSERT_ROWS"))
        values = _orient(_check_values(body.get("values", []), "data.values"), body.get("majorDimension"))
        search = self._resolve(spreadsheet, range_text)
        sheet = search.sheet
        table = _find_table(search)
        if table is None:
            start_row, start_col = search.r1, search.c1
        else:
            start_row, start_col = table[2] + 1, table[1]
        height = len(values)
        width = max((len(row) for row in values), default=0)
        if insert_option == "INSERT_ROWS" and height:
            self._insert_rows(sheet, start_row, height)
        # Appending grows the grid when the new rows or columns do not fit.
        grid = sheet.props["gridProperties"]
        grid["rowCount"] = max(sheet.row_count, start_row + height)
        grid["columnCount"] = max(sheet.column_count, start_col + width)
        target = _Target(sheet, start_row, start_col, sheet.row_count - 1, sheet.column_count - 1, False)
        written = self._write(target, values, input_option, range_text)
        updates = written.summary(spreadsheet.id)
        if _query_bool(query, "includeValuesInResponse"):
            updates["updatedData"] = self._updated_data(written, query)
        result: dict[str, Any] = {"spreadsheetId": spreadsheet.id}
        if table is not None:
            result["tableRange"] = format_a1(sheet.title, *table)
        result["updates"] = updates
        return result

    # ---------------------------------------------------------------- values.clear / batchClear

    def _values_clear(self, spreadsheet: _Spreadsheet, range_text: str) -> Any:
        target = self._resolve(spreadsheet, range_text)
        self._clear(target)
        return {"spreadsheetId": spreadsheet.id, "clearedRange": target.a1()}

    def _values_batch_clear(self, spreadsheet: _Spreadsheet, body: dict[str, Any]) -> Any:
        targets = [self._resolve(spreadsheet, text) for text in body.get("ranges", [])]
        for target in targets:
            self._clear(target)
        result: dict[str, Any] = {"spreadsheetId": spreadsheet.id}
        if targets:
            result["clearedRanges"] = [target.a1() for target in targets]
        return result

    @staticmethod
    def _clear(target: _Target) -> None:
        # values.clear removes values only; formats, notes and validation stay.
        for row in range(target.r1, min(target.r2, len(target.sheet.rows) - 1) + 1):
            for col in range(target.c1, target.c2 + 1):
                cell = target.sheet.get(row, col)
                if cell:
                    cell.pop("userEnteredValue", None)

    # ---------------------------------------------------------------- spreadsheets.batchUpdate

    def _batch_update(self, spreadsheet: _Spreadsheet, body: dict[str, Any], query: dict[str, list[str]] | None = None) -> Any:
        requests_ = body.get("requests") or []
        if not requests_:
            raise _bad_request("Must specify at least one request.")
        replies = []
        for index, request in enumerate(requests_):
            if not isinstance(request, dict) or len(request) != 1:
                raise _bad_request(f"Invalid requests[{index}]: Exactly one request kind must be set.")
            kind, payload = next(iter(request.items()))
            handler = getattr(self, f"_request_{kind}", None)
            if handler is None:
                raise NotImplementedError(f"FakeSheetsAPI does not emulate the batchUpdate request {kind!r}")
            try:
                replies.append(handler(spreadsheet, payload or {}))
            except _RequestError as error:
                raise _bad_request(f"Invalid requests[{index}].{kind}: {error}") from None
        result: dict[str, Any] = {"spreadsheetId": spreadsheet.id, "replies": replies}
        fields = _query_one(query or {}, "fields")
        if body.get("includeSpreadsheetInResponse"):
            # The spreadsheet as it stands after every request: as spreadsheets.get would answer
            # it, limited to `responseRanges` (one GridData per range, in order, under its tab)
            # and with cell data when `responseIncludeGridData` is set, or, as with
            # spreadsheets.get, when a field mask (the `fields` parameter) asks for it.
            ranges = body.get("responseRanges") or []
            if not isinstance(ranges, list) or not all(isinstance(r, str) for r in ranges):
                raise _bad_request("Invalid value at 'response_ranges': a list of A1 ranges is expected.")
            grid = bool(body.get("responseIncludeGridData")) or bool(fields and "data" in fields)
            result["updatedSpreadsheet"] = self._get_spreadsheet(spreadsheet, {"ranges": ranges, "includeGridData": ["true" if grid else "false"]})
        return filter_fields(result, parse_field_mask(fields)) if fields else result

    def _request_addSheet(self, spreadsheet: _Spreadsheet, payload: dict[str, Any]) -> Any:
        props = copy.deepcopy(payload.get("properties", {}))
        title = props.get("title")
        if title is not None and spreadsheet.sheet_by_title(title) is not None:
            raise _RequestError(f'A sheet with the name "{title}" already exists. Please enter another name.')
        if "sheetId" in props and spreadsheet.sheet_by_id(int(props["sheetId"])) is not None:
            raise _RequestError(f"Sheet with id {props['sheetId']} already exists.")
        sheet = self._add_sheet(spreadsheet, props)
        return {"addSheet": {"properties": sheet.metadata()["properties"]}}

    def _request_deleteSheet(self, spreadsheet: _Spreadsheet, payload: dict[str, Any]) -> Any:
        sheet = self._sheet_by_id(spreadsheet, payload.get("sheetId", 0))
        if len(spreadsheet.sheets) == 1:
            raise _RequestError("You can't remove all the sheets in a document.")
        spreadsheet.sheets.remove(sheet)
        spreadsheet.renumber()
        return {}

    def _request_updateSheetProperties(self, spreadsheet: _Spreadsheet, payload: dict[str, Any]) -> Any:
        source = payload.get("properties", {})
        sheet = self._sheet_by_id(spreadsheet, source.get("sheetId", 0))
        fields = payload.get("fields")
        if not fields:
            raise _RequestError("At least one field must be updated, but 'fields' is empty.")
        updated = copy.deepcopy(sheet.props)
        apply_field_mask(updated, source, parse_field_mask(fields))
        updated["sheetId"] = sheet.id
        updated.setdefault("sheetType", "GRID")
        updated.setdefault("gridProperties", {})
        title = updated.get("title")
        if not title:
            raise _RequestError("The sheet title must not be empty.")
        other = spreadsheet.sheet_by_title(title)
        if other is not None and other is not sheet:
            raise _RequestError(f'A sheet with the name "{title}" already exists. Please enter another name.')
        grid = updated["gridProperties"]
        grid.setdefault("rowCount", sheet.row_count)
        grid.setdefault("columnCount", sheet.column_count)
        if grid["rowCount"] < 1 or grid["columnCount"] < 1:
            raise _RequestError("A sheet must have at least one row and one column.")
        if grid.get("frozenRowCount", 0) >= grid["rowCount"]:
            raise _RequestError("You can't freeze all visible rows on the sheet.")
        if grid.get("frozenColumnCount", 0) >= grid["columnCount"]:
            raise _RequestError("You can't freeze all visible columns on the sheet.")
        new_index = updated.get("index", sheet.props["index"])
        sheet.props = updated
        sheet.truncate()
        if new_index != spreadsheet.sheets.index(sheet):
            spreadsheet.sheets.remove(sheet)
            spreadsheet.sheets.insert(min(int(new_index), len(spreadsheet.sheets)), sheet)
        spreadsheet.renumber()
        return {}

    def _request_updateSpreadsheetProperties(self, spreadsheet: _Spreadsheet, payload: dict[str, Any]) -> Any:
        fields = payload.get("fields")
        if not fields:
            raise _RequestError("At least one field must be updated, but 'fields' is empty.")
        apply_field_mask(spreadsheet.properties, payload.get("properties", {}), parse_field_mask(fields))
        return {}

    def _request_repeatCell(self, spreadsheet: _Spreadsheet, payload: dict[str, Any]) -> Any:
        sheet, r1, c1, r2, c2 = self._grid_range(spreadsheet, payload.get("range", {}))
        paths = parse_field_mask(payload.get("fields") or "*")
        source = self._cell_input(payload.get("cell", {}))
        for row in range(r1, r2):
            for col in range(c1, c2):
                apply_field_mask(sheet.ensure(row, col), source, paths)
        return {}

    def _request_updateCells(self, spreadsheet: _Spreadsheet, payload: dict[str, Any]) -> Any:
        paths = parse_field_mask(payload.get("fields") or "*")
        rows = payload.get("rows", [])
        if "range" in payload:
            sheet, r1, c1, r2, c2 = self._grid_range(spreadsheet, payload["range"])
        else:
            start = payload.get("start", {})
            sheet = self._sheet_by_id(spreadsheet, start.get("sheetId", 0))
            r1, c1 = start.get("rowIndex", 0), start.get("columnIndex", 0)
            r2 = r1 + len(rows)
            c2 = c1 + max((len(row.get("values", [])) for row in rows), default=0)
            if r1 >= sheet.row_count:
                raise _RequestError(f"GridCoordinate.rowIndex[{r1}] is after last row in grid[{sheet.row_count - 1}]")
            if c1 >= sheet.column_count:
                raise _RequestError(
                    f"GridCoordinate.columnIndex[{c1}] is after last column in grid[{sheet.column_count - 1}]"
                )
            if r2 > sheet.row_count or c2 > sheet.column_count:
                raise _RequestError(_grid_limit_error(sheet, r1, c1, r2 - 1, max(c2, c1 + 1) - 1).args[0])
        for row in range(r1, r2):
            cells = rows[row - r1].get("values", []) if row - r1 < len(rows) else []
            for col in range(c1, c2):
                source = self._cell_input(cells[col - c1]) if col - c1 < len(cells) else {}
                apply_field_mask(sheet.ensure(row, col), source, paths)
        return {}

    def _request_appendCells(self, spreadsheet: _Spreadsheet, payload: dict[str, Any]) -> Any:
        sheet = self._sheet_by_id(spreadsheet, payload.get("sheetId", 0))
        paths = parse_field_mask(payload.get("fields") or "*")
        rows = payload.get("rows", [])
        start = sheet.last_value_row() + 1
        grid = sheet.props["gridProperties"]
        grid["rowCount"] = max(sheet.row_count, start + len(rows))
        grid["columnCount"] = max(sheet.column_count, max((len(r.get("values", [])) for r in rows), default=0))
        for i, row in enumerate(rows):
            for col, cell in enumerate(row.get("values", [])):
                apply_field_mask(sheet.ensure(start + i, col), self._cell_input(cell), paths)
        return {}

    def _request_insertDimension(self, spreadsheet: _Spreadsheet, payload: dict[str, Any]) -> Any:
        sheet, dimension, start, end = self._dimension_range(spreadsheet, payload.get("range", {}))
        limit = sheet.row_count if dimension == "ROWS" else sheet.column_count
        if start > limit:
            raise _RequestError(f"Cannot insert beyond the end of the sheet (index {start}, size {limit}).")
        inherit_before = bool(payload.get("inheritFromBefore"))
        if inherit_before and start == 0:
            raise _RequestError("Cannot use inheritFromBefore when inserting at the first index.")
        if dimension == "ROWS":
            self._insert_rows(sheet, start, end - start, inherit_before)
        else:
            self._insert_columns(sheet, start, end - start, inherit_before)
        return {}

    def _request_deleteDimension(self, spreadsheet: _Spreadsheet, payload: dict[str, Any]) -> Any:
        sheet, dimension, start, end = self._dimension_range(spreadsheet, payload.get("range", {}))
        grid = sheet.props["gridProperties"]
        if dimension == "ROWS":
            if end > sheet.row_count:
                raise _RequestError(f"Cannot delete rows beyond the last row of the grid ({sheet.row_count}).")
            if end - start >= sheet.row_count:
                raise _RequestError("You can't delete all the rows on the sheet.")
            del sheet.rows[start:end]
            grid["rowCount"] -= end - start
        else:
            if end > sheet.column_count:
                raise _RequestError(
                    f"Cannot delete columns beyond the last column of the grid ({sheet.column_count})."
                )
            if end - start >= sheet.column_count:
                raise _RequestError("You can't delete all the columns on the sheet.")
            for cells in sheet.rows:
                del cells[start:end]
            grid["columnCount"] -= end - start
        return {}

    def _request_appendDimension(self, spreadsheet: _Spreadsheet, payload: dict[str, Any]) -> Any:
        sheet = self._sheet_by_id(spreadsheet, payload.get("sheetId", 0))
        length = int(payload.get("length", 0))
        if length < 1:
            raise _RequestError("length must be positive.")
        key = "rowCount" if payload.get("dimension") == "ROWS" else "columnCount"
        sheet.props["gridProperties"][key] += length
        return {}

    def _request_setDataValidation(self, spreadsheet: _Spreadsheet, payload: dict[str, Any]) -> Any:
        # The rule is stored on the cells; values written through the API are not checked
        # against it (strict validation is not emulated).
        sheet, r1, c1, r2, c2 = self._grid_range(spreadsheet, payload.get("range", {}))
        rule = payload.get("rule")
        for row in range(r1, r2):
            for col in range(c1, c2):
                cell = sheet.ensure(row, col)
                if rule:
                    cell["dataValidation"] = copy.deepcopy(rule)
                else:
                    cell.pop("dataValidation", None)
        return {}

    def _request_addConditionalFormatRule(self, spreadsheet: _Spreadsheet, payload: dict[str, Any]) -> Any:
        rule = copy.deepcopy(payload.get("rule", {}))
        ranges = rule.get("ranges") or []
        if not ranges:
            raise _RequestError("A conditional format rule needs at least one range.")
        sheet = self._sheet_by_id(spreadsheet, ranges[0].get("sheetId", 0))
        index = int(payload.get("index", 0))
        sheet.conditional_formats.insert(min(index, len(sheet.conditional_formats)), rule)
        return {}

    def _request_deleteConditionalFormatRule(self, spreadsheet: _Spreadsheet, payload: dict[str, Any]) -> Any:
        sheet = self._sheet_by_id(spreadsheet, payload.get("sheetId", 0))
        index = int(payload.get("index", 0))
        if not 0 <= index < len(sheet.conditional_formats):
            raise _RequestError(f"No conditional format on sheet {sheet.id} at index {index}.")
        rule = sheet.conditional_formats.pop(index)
        return {"deleteConditionalFormatRule": {"rule": rule}}

    def _request_sortRange(self, spreadsheet: _Spreadsheet, payload: dict[str, Any]) -> Any:
        sheet, r1, c1, r2, c2 = self._grid_range(spreadsheet, payload.get("range", {}))
        specs = [
            (int(spec.get("dimensionIndex", 0)), spec.get("sortOrder", "ASCENDING") == "DESCENDING")
            for spec in payload.get("sortSpecs", [])
        ]
        self._sort(sheet, r1, min(r2, len(sheet.rows)) - 1, c1, c2 - 1, specs)
        return {}

    def _request_mergeCells(self, spreadsheet: _Spreadsheet, payload: dict[str, Any]) -> Any:
        sheet, r1, c1, r2, c2 = self._grid_range(spreadsheet, payload.get("range", {}))
        sheet.merges.append(
            {
                "sheetId": sheet.id,
                "startRowIndex": r1,
                "endRowIndex": r2,
                "startColumnIndex": c1,
                "endColumnIndex": c2,
            }
        )
        return {}

    def _request_unmergeCells(self, spreadsheet: _Spreadsheet, payload: dict[str, Any]) -> Any:
        sheet, r1, c1, r2, c2 = self._grid_range(spreadsheet, payload.get("range", {}))
        def outside(merge: dict[str, Any]) -> bool:
            return (
                merge["endRowIndex"] <= r1
                or merge["startRowIndex"] >= r2
                or merge["endColumnIndex"] <= c1
                or merge["startColumnIndex"] >= c2
            )

        sheet.merges = [merge for merge in sheet.merges if outside(merge)]
        return {}

    def _request_setBasicFilter(self, spreadsheet: _Spreadsheet, payload: dict[str, Any]) -> Any:
        basic_filter = copy.deepcopy(payload.get("filter", {}))
        sheet = self._sheet_by_id(spreadsheet, basic_filter.get("range", {}).get("sheetId", 0))
        sheet.basic_filter = basic_filter
        return {}

    def _request_clearBasicFilter(self, spreadsheet: _Spreadsheet, payload: dict[str, Any]) -> Any:
        self._sheet_by_id(spreadsheet, payload.get("sheetId", 0)).basic_filter = None
        return {}

    def _cosmetic(self, spreadsheet: _Spreadsheet, payload: dict[str, Any]) -> Any:
        # Column widths, borders and the like change nothing the API reads back through values.
        return {}

    _request_autoResizeDimensions = _cosmetic
    _request_updateDimensionProperties = _cosmetic
    _request_updateBorders = _cosmetic

    # ---------------------------------------------------------------- routing: Drive

    def _drive(self, record: RequestRecord, rest: str) -> tuple[int, Any]:
        query = record.query
        body = _json_body(record)
        fields = _query_one(query, "fields")
        if rest in ("", "/"):
            if record.method == "POST":
                if body.get("mimeType") not in (None, SPREADSHEET_MIME_TYPE):
                    raise NotImplementedError("FakeSheetsAPI only creates spreadsheets on Drive")
                spreadsheet_id = self.create_spreadsheet(body.get("name", "Untitled spreadsheet"))
                return 200, self._drive_file(self._spreadsheets[spreadsheet_id], fields)
            if record.method == "GET":
                return 200, self._drive_list(query)
        parts = rest[1:].split("/")
        file_id = unquote(parts[0])
        if file_id in self._denied:
            raise _drive_error(
                403, "The user does not have sufficient permissions for this file.", "insufficientFilePermissions"
            )
        spreadsheet = self._spreadsheets.get(file_id)
        if spreadsheet is None:
            raise _drive_error(404, f"File not found: {file_id}.", "notFound", "fileId")
        if len(parts) == 1 and record.method == "GET":
            return 200, self._drive_file(spreadsheet, fields)
        if len(parts) == 1 and record.method == "DELETE":
            del self._spreadsheets[file_id]
            return 204, None
        if len(parts) == 1 and record.method == "PATCH":
            if "name" in body:
                spreadsheet.properties["title"] = body["name"]
            return 200, self._drive_file(spreadsheet, fields)
        if parts[1:] == ["copy"] and record.method == "POST":
            copy_id = self._new_spreadsheet_id()
            duplicate = copy.deepcopy(spreadsheet)
            duplicate.id = copy_id
            duplicate.properties["title"] = body.get("name") or f"Copy of {spreadsheet.title}"
            duplicate.created_time = duplicate.modified_time = self._now()
            self._spreadsheets[copy_id] = duplicate
            return 200, self._drive_file(duplicate, fields)
        raise NotImplementedError(f"FakeSheetsAPI does not emulate Drive {record.method} {record.path}")

    def _drive_file(self, spreadsheet: _Spreadsheet, fields: str | None) -> dict[str, Any]:
        full = {
            "kind": "drive#file",
            "id": spreadsheet.id,
            "name": spreadsheet.title,
            "mimeType": SPREADSHEET_MIME_TYPE,
            "createdTime": spreadsheet.created_time,
            "modifiedTime": spreadsheet.modified_time,
        }
        if fields:
            return filter_fields(full, parse_field_mask(fields))
        # Without a field mask Drive v3 answers only these four.
        return {key: full[key] for key in ("kind", "id", "name", "mimeType")}

    def _drive_list(self, query: dict[str, list[str]]) -> dict[str, Any]:
        q = _query_one(query, "q") or ""
        name = re.search(r'name\s*=\s*"((?:[^"\\]|\\.)*)"', q) or re.search(r"name\s*=\s*'((?:[^'\\]|\\.)*)'", q)
        files = [
            {
                "kind": "drive#file",
                "id": spreadsheet.id,
                "name": spreadsheet.title,
                "mimeType": SPREADSHEET_MIME_TYPE,
                "createdTime": spreadsheet.created_time,
                "modifiedTime": spreadsheet.modified_time,
            }
            for spreadsheet in self._spreadsheets.values()
            if spreadsheet.id not in self._denied and (name is None or spreadsheet.title == name.group(1))
        ]
        result: dict[str, Any] = {"kind": "drive#fileList", "incompleteSearch": False, "files": files}
        fields = _query_one(query, "fields")
        return filter_fields(result, parse_field_mask(fields)) if fields else result

    # ================================================================ helpers

    def _resolve(self, spreadsheet: _Spreadsheet, range_text: str, for_write: bool = False) -> _Target:
        """Resolve an A1 range against the spreadsheet.

        Raises _ApiError 400 "Unable to parse range" for a bad range or unknown tab, and 400
        "exceeds grid limits" for a range reaching outside the tab's grid.
        """
        titles = [sheet.title for sheet in spreadsheet.sheets]
        parsed = parse_a1_range(range_text, titles)
        if parsed is None:
            raise _bad_request(f"Unable to parse range: {range_text}")
        if parsed.sheet_title is None:
            sheet = spreadsheet.sheets[0]
        else:
            found = spreadsheet.sheet_by_title(parsed.sheet_title)
            if found is None:
                raise _bad_request(f"Unable to parse range: {range_text}")
            sheet = found
        r2 = parsed.r2 if parsed.r2 is not None else sheet.row_count - 1
        c2 = parsed.c2 if parsed.c2 is not None else sheet.column_count - 1
        if max(parsed.r1, r2) >= sheet.row_count or max(parsed.c1, c2) >= sheet.column_count:
            raise _grid_limit_error(sheet, parsed.r1, parsed.c1, r2, c2)
        bounded = not parsed.whole_sheet and not parsed.single_cell
        return _Target(sheet, parsed.r1, parsed.c1, r2, c2, bounded and for_write)

    def _grid_range(self, spreadsheet: _Spreadsheet, grid_range: dict[str, Any]) -> tuple[_Sheet, int, int, int, int]:
        """Resolve a GridRange to (sheet, startRow, startCol, endRow, endCol), end exclusive.

        Raises _RequestError for an unknown sheet or a range outside the grid.
        """
        sheet = self._sheet_by_id(spreadsheet, grid_range.get("sheetId", 0))
        r1 = int(grid_range.get("startRowIndex", 0))
        r2 = int(grid_range.get("endRowIndex", sheet.row_count))
        c1 = int(grid_range.get("startColumnIndex", 0))
        c2 = int(grid_range.get("endColumnIndex", sheet.column_count))
        if r2 > sheet.row_count or c2 > sheet.column_count or r1 < 0 or c1 < 0:
            raise _RequestError(_grid_limit_error(sheet, r1, c1, r2 - 1, c2 - 1).args[0])
        return sheet, r1, c1, max(r1, r2), max(c1, c2)

    def _dimension_range(
        self, spreadsheet: _Spreadsheet, dimension_range: dict[str, Any]
    ) -> tuple[_Sheet, str, int, int]:
        sheet = self._sheet_by_id(spreadsheet, dimension_range.get("sheetId", 0))
        dimension = dimension_range.get("dimension")
        if dimension not in ("ROWS", "COLUMNS"):
            raise _RequestError("dimension must be ROWS or COLUMNS.")
        start = int(dimension_range.get("startIndex", 0))
        default_end = sheet.row_count if dimension == "ROWS" else sheet.column_count
        end = int(dimension_range.get("endIndex", default_end))
        if start < 0 or end <= start:
            raise _RequestError(f"Invalid dimension range: startIndex {start}, endIndex {end}.")
        return sheet, dimension, start, end

    @staticmethod
    def _sheet_by_id(spreadsheet: _Spreadsheet, sheet_id: Any) -> _Sheet:
        sheet = spreadsheet.sheet_by_id(int(sheet_id))
        if sheet is None:
            raise _RequestError(f"No grid with id: {sheet_id}")
        return sheet

    @staticmethod
    def _cell_input(cell: dict[str, Any]) -> dict[str, Any]:
        """A CellData from a request, keeping only what the fake stores."""
        stored = ("userEnteredValue", "userEnteredFormat", "note", "dataValidation")
        kept = {key: copy.deepcopy(cell[key]) for key in stored if key in cell}
        value = kept.get("userEnteredValue")
        if value and "numberValue" in value:
            value["numberValue"] = float(value["numberValue"])
        return kept

    def _insert_rows(self, sheet: _Sheet, index: int, count: int, inherit_before: bool = False) -> None:
        """Insert empty rows at ``index``; new cells take the format of the neighbouring row."""
        neighbour = index - 1 if inherit_before else index
        neighbour_cells = sheet.rows[neighbour] if 0 <= neighbour < len(sheet.rows) else []
        template = [_format_only(cell) for cell in neighbour_cells]
        if index < len(sheet.rows):
            for _ in range(count):
                sheet.rows.insert(index, copy.deepcopy(template))
        sheet.props["gridProperties"]["rowCount"] += count

    def _insert_columns(self, sheet: _Sheet, index: int, count: int, inherit_before: bool = False) -> None:
        neighbour = index - 1 if inherit_before else index
        for cells in sheet.rows:
            if index < len(cells):
                new = _format_only(cells[neighbour] if 0 <= neighbour < len(cells) else None)
                for _ in range(count):
                    cells.insert(index, copy.deepcopy(new))
        sheet.props["gridProperties"]["columnCount"] += count

    @staticmethod
    def _sort(sheet: _Sheet, r1: int, r2: int, c1: int, c2: int, specs: list[tuple[int, bool]]) -> None:
        """Sort rows r1..r2 (inclusive) of columns c1..c2 by (column, descending) specs."""
        if r2 <= r1:
            return
        rows = [[sheet.get(row, col) for col in range(c1, c2 + 1)] for row in range(r1, r2 + 1)]

        def compare(a: list[Cell | None], b: list[Cell | None]) -> int:
            for column, descending in specs:
                result = _sort_key_compare(a[column - c1], b[column - c1], descending)
                if result:
                    return result
            return 0

        rows.sort(key=functools.cmp_to_key(compare))
        for offset, cells in enumerate(rows):
            for col_offset, cell in enumerate(cells):
                sheet.put(r1 + offset, c1 + col_offset, cell)

    def _add_sheet(self, spreadsheet: _Spreadsheet, props: dict[str, Any]) -> _Sheet:
        """Add a tab from (partial) SheetProperties, filling in the defaults the API uses."""
        existing = {sheet.id for sheet in spreadsheet.sheets}
        sheet_id = props.get("sheetId")
        if sheet_id is None:
            # The first tab of a new spreadsheet is sheetId 0; later ones get random ids.
            sheet_id = self._new_sheet_id(existing) if existing else 0
        title = props.get("title")
        if not title:
            number = len(spreadsheet.sheets) + 1
            while spreadsheet.sheet_by_title(f"Sheet{number}") is not None:
                number += 1
            title = f"Sheet{number}"
        grid = {"rowCount": DEFAULT_ROWS, "columnCount": DEFAULT_COLUMNS, **props.get("gridProperties", {})}
        index = min(int(props.get("index", len(spreadsheet.sheets))), len(spreadsheet.sheets))
        ordered = {
            "sheetId": int(sheet_id),
            "title": title,
            "index": index,
            "sheetType": props.get("sheetType", "GRID"),
            "gridProperties": grid,
        }
        for key, value in props.items():
            ordered.setdefault(key, value)
        sheet = _Sheet(ordered)
        spreadsheet.sheets.insert(index, sheet)
        spreadsheet.renumber()
        return sheet

    def _new_sheet_id(self, existing: set[int]) -> int:
        while True:
            candidate = self._rng.randint(1, 2**31 - 1)
            if candidate not in existing:
                return candidate

    def _new_spreadsheet_id(self) -> str:
        alphabet = string.ascii_letters + string.digits + "-_"
        while True:
            candidate = "1" + "".join(self._rng.choice(alphabet) for _ in range(43))
            if candidate not in self._spreadsheets:
                return candidate

    def _spreadsheet(self, spreadsheet_id: str) -> _Spreadsheet:
        try:
            return self._spreadsheets[spreadsheet_id]
        except KeyError:
            raise KeyError(f"no spreadsheet {spreadsheet_id!r} in the fake") from None

    def _tab(self, spreadsheet_id: str, tab: str) -> _Sheet:
        sheet = self._spreadsheet(spreadsheet_id).sheet_by_title(tab)
        if sheet is None:
            raise KeyError(f"no tab {tab!r} in spreadsheet {spreadsheet_id!r}")
        return sheet

    def _touch(self, spreadsheet: _Spreadsheet) -> None:
        spreadsheet.modified_time = self._now()

    @staticmethod
    def _now() -> str:
        return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


# --------------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------------


def _trim(grid: list[list[Any]]) -> list[list[Any]]:
    """Drop trailing empty cells of each row, then trailing empty rows (as the API does)."""
    rows = []
    for row in grid:
        row = list(row)
        while row and _is_blank(row[-1]):
            row.pop()
        rows.append(row)
    while rows and not rows[-1]:
        rows.pop()
    return rows


def _is_blank(value: Any) -> bool:
    return isinstance(value, str) and value == ""


def _find_table(search: _Target) -> tuple[int, int, int, int] | None:
    """Find the table ``values.append`` appends to: (r1, c1, r2, c2) inclusive, or None.

    Like the real API, the last cell holding a value inside the search range (in reading
    order) anchors the table, which then grows to every cell connected to it, across the
    whole sheet, until it is surrounded by empty cells. With ``A1, "", C1`` in row 1 and the
    whole sheet as range, the table is ``C1`` and the append goes to ``C2``
    (``test_append_row_with_empty_value``); with range ``A1`` it is ``A1`` and the append
    goes to ``A2`` (``..._and_table_range``). A search range without values has no table.
    """
    sheet = search.sheet
    anchor = None
    for row in range(min(search.r2, len(sheet.rows) - 1), search.r1 - 1, -1):
        for col in range(min(search.c2, len(sheet.rows[row]) - 1), search.c1 - 1, -1):
            if sheet.has_value(row, col):
                anchor = (row, col)
                break
        if anchor:
            break
    if anchor is None:
        return None
    r1 = r2 = anchor[0]
    c1 = c2 = anchor[1]

    def any_value(rows: range, cols: range) -> bool:
        return any(sheet.has_value(r, c) for r in rows for c in cols if r >= 0 and c >= 0)

    grown = True
    while grown:
        grown = False
        # Look one row/column beyond each edge (corners included) for connected values.
        if r1 > 0 and any_value(range(r1 - 1, r1), range(c1 - 1, c2 + 2)):
            r1, grown = r1 - 1, True
        if any_value(range(r2 + 1, r2 + 2), range(c1 - 1, c2 + 2)):
            r2, grown = r2 + 1, True
        if c1 > 0 and any_value(range(r1 - 1, r2 + 2), range(c1 - 1, c1)):
            c1, grown = c1 - 1, True
        if any_value(range(r1 - 1, r2 + 2), range(c2 + 1, c2 + 2)):
            c2, grown = c2 + 1, True
    return r1, c1, r2, c2


def _format_only(cell: Cell | None) -> Cell | None:
    """A new cell carrying only the format of ``cell`` (what inserted rows and columns inherit)."""
    if not cell or "userEnteredFormat" not in cell:
        return None
    return {"userEnteredFormat": copy.deepcopy(cell["userEnteredFormat"])}


def _grid_limit_error(sheet: _Sheet, r1: int, c1: int, r2: int, c2: int) -> _ApiError:
    a1 = format_a1(None, r1, c1, r2, c2)
    title = "'" + sheet.title.replace("'", "''") + "'"
    return _bad_request(
        f"Range ({title}!{a1}) exceeds grid limits. Max rows: {sheet.row_count}, max columns: {sheet.column_count}"
    )


def _cell_address(a1: str) -> tuple[int, int]:
    parsed = _parse_a1_cells(a1)
    if parsed is None or not parsed.single_cell:
        raise ValueError(f"not a cell address: {a1!r}")
    return parsed.r1, parsed.c1


def _json_body(record: RequestRecord) -> dict[str, Any]:
    if not record.body:
        return {}
    try:
        body = json.loads(record.body)
    except ValueError:
        raise _bad_request("Invalid JSON payload received. Unexpected token.") from None
    if not isinstance(body, dict):
        raise _bad_request("Invalid JSON payload received. Expected an object.")
    return body


def _query_one(query: dict[str, list[str]], name: str) -> str | None:
    values = query.get(name)
    return values[-1] if values else None


def _query_bool(query: dict[str, list[str]], name: str) -> bool:
    return (_query_one(query, name) or "").lower() == "true"


def _check_enum(name: str, value: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise _bad_request(f'Invalid value at \'{name}\', "{value}"')


def _input_option(value: str | None) -> str:
    if value in (None, "", "INPUT_VALUE_OPTION_UNSPECIFIED"):
        raise _bad_request("Invalid valueInputOption: INPUT_VALUE_OPTION_UNSPECIFIED")
    _check_enum("valueInputOption", value, ("RAW", "USER_ENTERED"))
    return value


def _check_values(values: Any, field_name: str) -> list[list[Any]]:
    """Check a ValueRange's ``values`` (a list of lists of scalars) like the API's JSON parser.

    Raises _ApiError 400 with the API's message, e.g. for ``"values": "X"``.
    """

    def invalid(path: str, bad: Any, proto: str) -> _ApiError:
        message = f"Invalid value at '{path}' ({proto}), {json.dumps(bad, ensure_ascii=False)}"
        return _google_error(
            400,
            "INVALID_ARGUMENT",
            message,
            [
                {
                    "@type": "type.googleapis.com/google.rpc.BadRequest",
                    "fieldViolations": [{"field": path, "description": message}],
                }
            ],
        )

    if values is None:
        return []
    if not isinstance(values, list):
        raise invalid(field_name, values, "type.googleapis.com/google.protobuf.ListValue")
    for i, row in enumerate(values):
        if not isinstance(row, list):
            raise invalid(f"{field_name}[{i}]", row, "type.googleapis.com/google.protobuf.ListValue")
        for j, cell in enumerate(row):
            if isinstance(cell, (list, dict)):
                raise invalid(f"{field_name}[{i}][{j}]", cell, "type.googleapis.com/google.protobuf.Value")
    return values


def _orient(values: list[list[Any]], major_dimension: str | None) -> list[list[Any]]:
    """Turn COLUMNS-major input into rows."""
    if major_dimension != "COLUMNS":
        return values
    height = max((len(column) for column in values), default=0)
    return [[column[row] if row < len(column) else None for column in values] for row in range(height)]
