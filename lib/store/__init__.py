"""Stores: one interface (`Store`), a local CSV backend and a Google Sheets backend."""

from lib.store.base import Store
from lib.store.errors import (
    ConflictError,
    DuplicateIdError,
    FieldConflict,
    RowGoneError,
    SourceUnavailableError,
    StoreError,
    UnsupportedOperation,
)

__all__ = [
    "Store",
    "StoreError",
    "ConflictError",
    "DuplicateIdError",
    "FieldConflict",
    "RowGoneError",
    "SourceUnavailableError",
    "UnsupportedOperation",
]
