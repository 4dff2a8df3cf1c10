"""App configuration, built from the environment and the secrets file when the app starts.

Nothing reads configuration at import time: `load_config` is handed both sources.
"""

from __future__ import annotations

import random
import re
import time
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

DATA_DIR_ENV = "JOBSEARCH_DATA_DIR"
DEMO_ENV = "JOBSEARCH_DEMO"  # "0" to start with an empty store instead of the demo
DEFAULT_DATA_DIR = "data"
RETRY_SECTION = "retry"  # the [retry] secrets block: RetryPolicy's fields, all optional
# How long a read that failed (Google down, quota spent) is remembered and answered again at
# once, so that during an outage each page shows the last data without waiting, and the
# sidebar's read and the page's read do not each spend the quota. Refresh forgets it.
FAILED_READ_MEMORY_SECONDS = 30.0


@dataclass(frozen=True)
class RetryPolicy:
    """How a remote store retries quota, server and network failures, and waits between tries.

    Bounded exponential backoff with jitter. `sleep` is how it waits (tests hand in one that
    records the delays instead); `failed_read_memory_seconds` is how long a failed read is
    answered from memory (0 turns that off).
    """

    attempts: int = 5
    first_delay_seconds: float = 1.0
    max_delay_seconds: float = 16.0
    failed_read_memory_seconds: float = FAILED_READ_MEMORY_SECONDS
    sleep: Callable[[float], None] = field(default=time.sleep, compare=False, repr=False)

    def delay(self, attempt: int, rng: random.Random) -> float:
        """Return how long to wait before retry number `attempt` (0-based): half to full backoff."""
        backoff = min(self.max_delay_seconds, self.first_delay_seconds * 2.0**attempt)
        return float(backoff * (0.5 + rng.random() / 2))

    @classmethod
    def from_settings(cls, section: Mapping[str, Any]) -> RetryPolicy:
        """Return the policy a [retry] secrets block describes; a missing or unreadable value keeps its default."""
        values: dict[str, Any] = {}
        for f in fields(cls):
            if f.name == "sleep" or f.name not in section:
                continue
            convert = int if f.name == "attempts" else float
            try:
                value = convert(section[f.name])
            except (TypeError, ValueError):
                continue
            if value >= (1 if f.name == "attempts" else 0):
                values[f.name] = value
        return cls(**values)


@dataclass(frozen=True)
class AppConfig:
    """Where the data is and how it is read."""

    data_dir: Path
    gsheets: Mapping[str, Any] | None = None  # the [connections.gsheets] secrets block, when present
    seed_demo: bool = True
    retry: RetryPolicy = RetryPolicy()  # how the Google Sheets store retries and waits

    @property
    def uses_gsheets(self) -> bool:
        return bool(self.gsheets)


def load_config(env: Mapping[str, str], secrets: Mapping[str, Any]) -> AppConfig:
    """Return the configuration from environment variables and the secrets mapping.

    The environment wins over secrets for the data folder, so tests and scripts can point
    the app at a temporary folder.
    """
    local = secrets.get("local", {}) or {}
    data_dir = env.get(DATA_DIR_ENV) or local.get("data_dir") or DEFAULT_DATA_DIR
    connections = secrets.get("connections", {}) or {}
    gsheets = connections.get("gsheets") or None
    return AppConfig(
        data_dir=Path(str(data_dir)).expanduser(),
        gsheets=dict(gsheets) if gsheets else None,
        seed_demo=env.get(DEMO_ENV, "1") != "0",
        retry=RetryPolicy.from_settings(secrets.get(RETRY_SECTION, {}) or {}),
    )


class SecretsFileError(Exception):
    """A secrets file exists but cannot be used: it does not parse, is not UTF-8 text, or cannot be opened.

    The message names the file, the line and what is wrong, and never repeats any of its contents:
    the app must stop rather than read it as "no secrets" (which would turn sign-in off).
    """


# tomllib's messages that quote nothing from the file; any other message is replaced by a generic one,
# because some quote a character or a key from the file ("Found invalid character 'x'", "Cannot declare x twice").
_TOML_PLAIN_MESSAGES = frozenset({
    "Invalid statement",
    "Expected newline or end of document after a statement",
    "Cannot overwrite a value",
    "Expected ']' at the end of a table declaration",
    "Expected ']]' at the end of an array declaration",
    "Expected '=' after a key in a key/value pair",
    "Invalid initial character for a key part",
    "Unclosed array",
    "Unclosed inline table",
    "Unescaped '\\' in a string",
    "Invalid hex value",
    "Escaped character is not a Unicode scalar value",
    "Unterminated string",
    "Invalid date or datetime",
    "Invalid value",
})
_TOML_GENERIC = {  # what the quoting messages say, in words that quote nothing
    "Found invalid character": "a character that is not allowed there",
    "Illegal character": "a character that is not allowed in a string",
    "Cannot declare": "a table declared twice",
    "Cannot mutate immutable namespace": "a key or table defined twice",
    "Cannot redefine namespace": "a key or table defined twice",
    "Duplicate inline table key": "a key repeated in an inline table",
    "Expected": "a missing character",
}
_TOML_WHERE = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)\s*$")


def _named(path: str | None) -> str:
    """Name the file for the person, with the home folder as ~ (its name, never its contents)."""
    if not path:
        return "a secrets file"
    home = str(Path.home())
    shown = "~" + path[len(home):] if home not in ("", "/") and (path == home or path.startswith(home + "/")) else path
    return f"the secrets file {shown}"


def _toml_problem(error: tomllib.TOMLDecodeError) -> tuple[str, int | None, int | None]:
    """Return (what is wrong, line, column) from a TOML error, in words that quote nothing from the file."""
    text = str(error.args[0] if error.args else error)
    where = _TOML_WHERE.search(text)
    message = text[: where.start()] if where else text
    line = getattr(error, "lineno", None) or (int(where.group(1)) if where and where.group(1) else None)
    column = getattr(error, "colno", None) or (int(where.group(2)) if where and where.group(2) else None)
    message = getattr(error, "msg", None) or message
    if message in _TOML_PLAIN_MESSAGES:
        return message.lower(), line, column
    generic = next((words for prefix, words in _TOML_GENERIC.items() if message.startswith(prefix)), "text that is not valid TOML")
    return generic, line, column


def _line_count(path: str) -> int | None:
    """Return how many lines the file has (None when it cannot be read)."""
    try:
        return max(1, len(Path(path).read_bytes().splitlines()))
    except OSError:
        return None


def _undecodable_line(paths: Sequence[str]) -> tuple[str | None, int | None]:
    """Return the first of `paths` that is not UTF-8 text and the line where that starts; (None, None) if none is."""
    for path in paths:
        try:
            data = Path(path).read_bytes()
        except OSError:
            continue
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as exc:
            return path, data.count(b"\n", 0, exc.start) + 1
    return None, None


def unreadable_secrets(error: BaseException | None, path: str | None, candidates: Sequence[str] = ()) -> SecretsFileError:
    """Return the error to stop the app with, for a secrets file that exists but cannot be used.

    `error` is what reading it raised (a TOMLDecodeError, a UnicodeDecodeError, an OSError, or None when
    unknown), `path` the file when known, and `candidates` the files Streamlit reads (to find the one that
    is not UTF-8 text, since that error names no file).
    """
    if isinstance(error, tomllib.TOMLDecodeError):
        problem, line, column = _toml_problem(error)
        if line is None and path:  # "at end of document": the last line, which the error does not number
            line, column = _line_count(path), None
        what = f"cannot be read: {problem}" + (f" at line {line}" + (f", column {column}" if column else "") if line else "")
    elif isinstance(error, UnicodeDecodeError):
        found, line = _undecodable_line([path] if path else candidates)
        path = path or found
        what = "cannot be read: text that is not UTF-8" + (f" at line {line}" if line else "") + " (save it as UTF-8)"
    elif isinstance(error, OSError):
        path = path or (str(error.filename) if error.filename else None)
        what = f"cannot be opened ({error.strerror or 'an error from the system'})"
    else:
        what = "cannot be read as secrets (it must be a .toml file, or a folder of secret folders)"
    return SecretsFileError(f"{_named(path)} {what}. Until it is fixed the app shows no data.")
