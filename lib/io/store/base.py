"""The one interface every store backend implements."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from lib.domain.model import Dataset
from lib.io.parse import RawTable, parse_dataset
from lib.io.store.errors import UnsupportedOperation


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
