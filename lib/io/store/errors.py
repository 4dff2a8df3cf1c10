"""What can go wrong when reading or writing a store, in words a person can act on."""

from __future__ import annotations

from dataclasses import dataclass


class StoreError(Exception):
    """Base of every store error; str(error) is a message for the person using the app."""


@dataclass(frozen=True)
class FieldConflict:
    """A field someone changed in the sheet after the app read it."""

    field: str
    base: str  # what the app read
    theirs: str  # what is in the sheet now
    yours: str  # what the app was about to write


class ConflictError(StoreError):
    """The edit would overwrite values the person changed by hand since the app read them."""

    def __init__(self, app_id: str, conflicts: list[FieldConflict]):
        self.app_id = app_id
        self.conflicts = conflicts
        parts = "; ".join(f"{c.field}: the sheet now has '{c.theirs}', you entered '{c.yours}'" for c in conflicts)
        super().__init__(f"Not saved: this application was changed in the sheet since the app read it ({parts}). Refresh and try again.")


class SettingsConflictError(ConflictError):
    """The settings being saved were changed in the Settings tab since the app read them."""

    def __init__(self, conflicts: list[FieldConflict]):
        super().__init__("Settings", conflicts)
        parts = "; ".join(f"{c.field}: the sheet now has '{c.theirs}', you entered '{c.yours}'" for c in conflicts)
        self.args = (f"Not saved: these settings were changed in the sheet since the app read them ({parts}). Refresh and try again.",)


class RowGoneError(StoreError):
    """No row has the ID any more (deleted by hand, or its ID was changed)."""

    def __init__(self, tab: str, row_id: str):
        self.row_id = row_id
        super().__init__(f"Not saved: no row in '{tab}' has the ID '{row_id}' any more (deleted or changed in the sheet). "
                         "Refresh to see the sheet as it is now.")


class DuplicateIdError(StoreError):
    """The ID is on more than one row, so the app cannot tell which one to change."""

    def __init__(self, tab: str, row_id: str, rows: list[int]):
        self.row_id = row_id
        self.rows = rows
        where = ", ".join(str(r) for r in rows)
        super().__init__(f"Not saved: the ID '{row_id}' is on rows {where} of '{tab}'. Give one of them a new ID in the sheet, then try again.")


class MissingColumnError(StoreError):
    """A value is to be saved in a column the tab's header row does not have (renamed, say)."""

    def __init__(self, tab: str, missing: list[str], unknown: list[str]):
        self.missing = missing
        self.unknown = unknown
        names = ", ".join(f"'{m}'" for m in missing)
        message = f"Not saved: the '{tab}' tab has no {names} column in its header row (row 1), so the app cannot tell where to write it."
        if unknown:
            message += (f" The header row has column(s) the app does not know ({', '.join(unknown)}): if one of them is the "
                        f"{names} column renamed, rename it back to {names}.")
        message += f" Otherwise add a column headed {names} (Settings → Set up this spreadsheet adds it), then try again."
        super().__init__(message)


class RowsMovedError(StoreError):
    """Rows moved in the sheet (sort, insert, delete) between the app's read and its write.

    The write had landed on another row; that row was put back as it was. `saved` tells
    whether the change was then written to the right row; `result` is what the operation
    returns when it was (the new follow-up's ID, say). str(error) says what happened.
    """

    def __init__(self, message: str, *, saved: bool, result: object = None):
        self.saved = saved
        self.result = result
        super().__init__(message)


class SourceUnavailableError(StoreError):
    """The data could not be read or written (no access, not found, quota, network)."""


class UnsupportedOperation(StoreError):
    """This backend cannot do what was asked."""
