"""The one interface every store backend implements."""

from __future__ import annotations

import functools
import threading
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from lib.domain.model import Dataset
from lib.io.parse import RawTable, parse_dataset, paused_gc
from lib.io.store.errors import UnsupportedOperation

F = TypeVar("F", bound=Callable[..., Any])
# Every method that changes stored data: each one leaves a note of what it wrote (see `Store.take_writes`).
WRITE_METHODS = ("add_application", "update_application", "delete_application", "log_followup", "save_settings",
                 "replace_all", "remove_rows", "set_up")
_notes = threading.local()  # per thread: Streamlit sessions share one store


@dataclass(frozen=True)
class WrittenRow:
    """One row as it stands right after the app's own write, for updating a cached read without reading again.

    `header` and `row` are raw cells as `read_raw` gives them; `sheet_row` is where the row is
    (1-based, the header is row 1). `version_before` is the store's `version()` as the write
    found the data, `version_after` what it is once the write is done (both None when the store
    cannot tell cheaply).
    """

    tab: str
    row_id: str
    header: list[Any]
    row: list[Any]
    sheet_row: int
    version_before: str | None = None
    version_after: str | None = None


def _noted(method: F) -> F:
    """Wrap a write method so that it leaves exactly one note: its WrittenRow, or None ("read everything again").

    A write that failed, wrote more than one row, or called another write leaves None.
    """
    @functools.wraps(method)
    def write(self: Store, *args: Any, **kwargs: Any) -> Any:
        notes = _thread_notes()
        count = len(notes)
        depth = getattr(_notes, "depth", 0)
        _notes.depth = depth + 1
        done = False
        try:
            result = method(self, *args, **kwargs)
            done = True
            return result
        finally:
            _notes.depth = depth
            if depth == 0:
                new = notes[count:]
                del notes[count:]
                notes.append(new[0] if done and len(new) == 1 else None)

    return write  # type: ignore[return-value]


def _thread_notes() -> list[WrittenRow | None]:
    notes: list[WrittenRow | None] | None = getattr(_notes, "list", None)
    if notes is None:
        notes = _notes.list = []
    return notes


class Store(ABC):
    """Where the applications live: a folder of CSV files or a Google Sheet.

    Every write finds rows by ID at write time and refuses to overwrite a value that was
    changed by hand since the app read it (`base` holds the values the app read).
    Errors are `lib.io.store.errors.StoreError`s with a message meant for the person.
    """

    # What this backend can do beyond reading and writing rows; a page asks before it offers it.
    can_set_up: bool = False

    def set_up(self, due_after_days: int) -> list[str]:
        """Create the tabs and headers the app needs in the source; return what was done.

        `due_after_days`: after how many days without contact the source may highlight a row
        as due for a follow-up (the planner's setting; the store has no rules of its own).

        Raises UnsupportedOperation on a backend that has nothing to set up (the local store
        creates its files on first write).
        """
        raise UnsupportedOperation(f"{self.describe()} has nothing to set up.")

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        for name in WRITE_METHODS:
            method = cls.__dict__.get(name)
            if callable(method) and not getattr(method, "_noted", False):
                wrapped = _noted(method)
                wrapped._noted = True
                setattr(cls, name, wrapped)

    def take_writes(self) -> list[WrittenRow | None]:
        """Return what this thread's writes wrote since the last call, and forget it.

        One entry per write: a WrittenRow when the write knows the row as written (an edit of one
        application), None for any other write, or one that failed or was repeated.
        """
        notes = _thread_notes()
        out = list(notes)
        notes.clear()
        return out

    def _note_written(self, row: WrittenRow) -> None:
        """Record the row a write has just written (call once, as the write's last step)."""
        _thread_notes().append(row)

    @abstractmethod
    def describe(self) -> str:
        """Return where the data is, for the sidebar ("Local folder /home/me/data")."""

    @abstractmethod
    def read_raw(self) -> dict[str, RawTable | None]:
        """Return every tab's raw cells in one read (None for a missing tab)."""

    def version(self) -> str | None:
        """Return a cheap token that changes when the stored data changes, or None if unknown."""
        return None

    def forget_failed_read(self) -> None:
        """Forget a failed read the store remembers, so the next read asks the source again."""
        return None  # a store that remembers none has nothing to forget

    def load(self, today: date) -> Dataset:
        """Read every tab and return the typed Dataset with its data issues."""
        with paused_gc():
            return parse_dataset(self.read_raw(), today)

    @abstractmethod
    def add_application(self, values: Mapping[str, Any]) -> str:
        """Append a new application below the table; return its new ID."""

    @abstractmethod
    def add_applications(self, records: Sequence[Mapping[str, Any]]) -> list[str]:
        """Append new applications below the table in one write (all or none); return their new IDs, in order."""

    @abstractmethod
    def update_application(self, app_id: str, changes: Mapping[str, Any], base: Mapping[str, Any]) -> None:
        """Write `changes` (column -> typed value, or a `rows.Increment`) to the application with `app_id`.

        Raises ConflictError, RowGoneError or DuplicateIdError; writes nothing then.
        """

    @abstractmethod
    def delete_application(self, app_id: str, base: Mapping[str, Any] | None = None) -> None:
        """Delete the application and its follow-up history.

        With `base` (the row as the person saw it), a row changed by hand since is not deleted.
        Raises RowGoneError, DuplicateIdError or ConflictError; deletes nothing then.
        """

    @abstractmethod
    def log_followup(self, app_id: str, entry: Mapping[str, Any], changes: Mapping[str, Any], base: Mapping[str, Any]) -> str:
        """Append `entry` to the Follow-ups tab and apply `changes` to the application, as one operation.

        A change may be a `rows.Increment`, resolved against the row at write time.
        The application is checked first (conflicts, gone, duplicate), so a refused change
        logs nothing. Returns the new history row's ID.
        """

    @abstractmethod
    def save_settings(self, values: Mapping[str, str], base: Mapping[str, str | None] | None = None) -> None:
        """Store these settings (merged over the existing ones).

        With `base` (key -> the text the person was shown, None when the key was not stored),
        a setting changed by hand since is refused: raises SettingsConflictError, writes nothing.
        """

    @abstractmethod
    def replace_all(self, applications: list[Mapping[str, Any]], followups: list[Mapping[str, Any]], settings: Mapping[str, str]) -> None:
        """Replace every row of every tab (used to seed demo data and to start fresh)."""
