"""Stores: one interface (`Store`), a local CSV backend and a Google Sheets backend."""

from lib.io.store.base import Store
from lib.io.store.errors import (
    ConflictError,
    DuplicateIdError,
    FieldConflict,
    RowGoneError,
    SourceUnavailableError,
    StoreError,
    UnsupportedOperation,
)

__all__ = [
    "ConflictError",
    "DuplicateIdError",
    "FieldConflict",
    "RowGoneError",
    "SourceUnavailableError",
    "Store",
    "StoreError",
    "UnsupportedOperation",
]
