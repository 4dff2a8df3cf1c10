"""CSV downloads that are safe to open in a spreadsheet program."""

from __future__ import annotations

import pandas as pd

from lib.domain.model import ROW

# A cell starting with one of these runs as a formula in spreadsheet programs.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """Return text that cannot run as a formula: a leading apostrophe where it could."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def safe_csv(frame: pd.DataFrame) -> bytes:
    """Return the frame as UTF-8 CSV bytes (with a byte-order mark, for spreadsheet programs).

    Bookkeeping columns are left out, dates are written as ISO 8601, and no cell can run
    as a formula.
    """
    out = frame.drop(columns=[c for c in frame.columns if c == ROW], errors="ignore").copy()
    for name in out.columns:
        if out[name].dtype == object or pd.api.types.is_string_dtype(out[name]):
            out[name] = out[name].map(neutralise)
    out.columns = [neutralise(str(c)) for c in out.columns]  # a person's own header can start with "=" too
    # CRLF line ends make pandas quote a cell holding a bare carriage return, so no reader
    # splits the row there.
    return out.to_csv(index=False, date_format="%Y-%m-%d %H:%M", lineterminator="\r\n").encode("utf-8-sig")
