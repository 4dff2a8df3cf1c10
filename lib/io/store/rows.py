"""Row-level editing logic shared by every backend: find a row by ID, detect hand edits.

A row is always found by its ID at write time, never by a row number remembered from an
earlier read, because the person may have sorted, inserted or deleted rows since.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

import pandas as pd

from lib.domain.schema import Column, HeaderMatch, Kind, Tab, match_headers
from lib.domain.text import is_blank, to_iso
from lib.domain.values import Increment, Latest, cell_text, comparable, display
from lib.io.parse import RawTable, parse_cell, provisional_id, split_duplicate
from lib.io.store.errors import ConflictError, DuplicateIdError, FieldConflict, RowGoneError


def new_id(tab: Tab) -> str:
    """Return a fresh, random ID for a new row of `tab` (e.g. "A-3f9c2a1b")."""
    return f"{tab.id_prefix}-{secrets.token_hex(4)}"


def find_row(tab: Tab, raw: RawTable, match: HeaderMatch, row_id: str) -> int:
    """Return the index into `raw.rows` of the row with `row_id`.

    A provisional ID (a row typed without one) is matched by the row's content.
    Raises RowGoneError when no row matches, DuplicateIdError when more than one does.
    """
    stored_id = split_duplicate(row_id)
    id_pos = match.positions.get("ID")
    hits: list[int] = []
    if id_pos is not None:
        for i, row in enumerate(raw.rows):
            if id_pos < len(row) and cell_text(row[id_pos]).strip() == stored_id:
                hits.append(i)
    if not hits:
        for i, row in enumerate(raw.rows):
            has_id = id_pos is not None and id_pos < len(row) and cell_text(row[id_pos]).strip()
            if not has_id and any(cell_text(c).strip() for c in row) and provisional_id(tab, row) == stored_id:
                hits.append(i)
    if not hits:
        raise RowGoneError(tab.title, stored_id)
    if len(hits) > 1:
        raise DuplicateIdError(tab.title, stored_id, [i + 2 for i in hits])
    return hits[0]


def locate_for_update(
    tab: Tab, table: RawTable, row_id: str, changes: Mapping[str, Any], base: Mapping[str, Any], today: date
) -> tuple[int, dict[str, Any]]:
    """Find the row to change now and check it; return (index into table.rows, changes to write).

    The changes gain the ID when the row was typed without one. Raises RowGoneError,
    DuplicateIdError, or ConflictError when a changed cell was edited by hand since `base`.
    An `Increment` or a `Latest` is resolved against the cell as it is now (it never conflicts).
    """
    match = match_headers(tab, table.header)
    index = find_row(tab, table, match, row_id)
    row = table.rows[index]
    conflicts = check_conflicts(tab, match, row, changes, base, today)
    if conflicts:
        raise ConflictError(row_id, conflicts)
    return index, {**ensure_id(tab, match, row, row_id), **resolve_increments(tab, match, row, changes, today)}


def resolve_increments(tab: Tab, match: HeaderMatch, row: list[Any], changes: Mapping[str, Any], today: date) -> dict[str, Any]:
    """Return `changes` with every `Increment` replaced by the cell's current count plus its step,
    and every `Latest` by the later of its moment and the cell's.

    A blank cell counts as 0; a cell that is not a whole number is replaced by the step alone
    (the data-issues panel already reports it).
    """
    out = dict(changes)
    for name, value in changes.items():
        if isinstance(value, Increment | Latest):
            pos = match.positions.get(name)
            current, problem = parse_cell(tab.column(name), row[pos] if pos is not None and pos < len(row) else None, today, None)
            if isinstance(value, Increment):
                out[name] = (0 if problem or current is None else int(current)) + value.by
            else:  # the later moment; an unreadable or blank cell gives way to the one logged
                out[name] = value.at if problem or current is None else max(pd.Timestamp(current).to_pydatetime(), value.at)
    return out


def locate_for_delete(tab: Tab, table: RawTable, row_id: str, base: Mapping[str, Any] | None, today: date) -> int:
    """Find the row to delete now; return its index into table.rows.

    With `base` (the row as the person saw it), a row whose cells were changed by hand since
    is refused: the person would delete something they have not seen. Raises RowGoneError,
    DuplicateIdError, or ConflictError listing each changed cell.
    """
    match = match_headers(tab, table.header)
    index = find_row(tab, table, match, row_id)
    row = table.rows[index]
    conflicts: list[FieldConflict] = []
    for name, was in (base or {}).items():
        pos = match.positions.get(name)
        if name == "ID" or name not in tab.headers or pos is None:
            continue
        raw_value = row[pos] if pos < len(row) else None
        current, problem = parse_cell(tab.column(name), raw_value, today, None)
        # A cell the app cannot read (an unclear date, say) cannot be compared: it is not held against the delete.
        if not problem and comparable(tab.column(name), current) != comparable(tab.column(name), was):
            conflicts.append(FieldConflict(name, display(was), cell_text(raw_value) or "(blank)", "(deleted)"))
    if conflicts:
        raise ConflictError(row_id, conflicts)
    return index


def settings_conflicts(stored: Mapping[str, str], values: Mapping[str, str], base: Mapping[str, str | None]) -> list[FieldConflict]:
    """Return the settings in `values` whose stored text changed since `base` was read.

    `base` maps a key to the text the person was shown (None: the key was not stored, so the
    app's default was shown). A setting that now holds what is about to be written is no conflict.
    """
    conflicts: list[FieldConflict] = []
    for key, value in values.items():
        if key not in base:
            continue
        now, was, mine = stored.get(key), base[key], str(value)
        if (now or "").strip() != (was or "").strip() and (now or "").strip() != mine.strip():
            conflicts.append(FieldConflict(key, display(was), display(now), display(mine)))
    return conflicts


def holds(tab: Tab, table: RawTable, row_id: str, changes: Mapping[str, Any], today: date) -> bool:
    """Return True when the row with `row_id` already holds every value in `changes`.

    Raises RowGoneError or DuplicateIdError like `find_row`.
    """
    match = match_headers(tab, table.header)
    row = table.rows[find_row(tab, table, match, row_id)]
    for name, value in changes.items():
        if isinstance(value, Increment | Latest):
            continue  # cannot be told from the cell; the other changes landed with it or not at all
        pos = match.positions.get(name)
        if pos is None:
            return False
        column = tab.column(name)
        current, problem = parse_cell(column, row[pos] if pos < len(row) else None, today, None)
        if problem or comparable(column, current) != comparable(column, value):
            return False
    return True


def check_conflicts(
    tab: Tab, match: HeaderMatch, row: list[Any], changes: Mapping[str, Any], base: Mapping[str, Any], today: date
) -> list[FieldConflict]:
    """Return the changed fields whose cell was edited by hand since `base` was read.

    A cell that now holds exactly what the app is about to write is no conflict.
    """
    conflicts: list[FieldConflict] = []
    for name, new_value in changes.items():
        if name not in base or name == "ID" or isinstance(new_value, Increment | Latest):
            continue
        column = tab.column(name)
        pos = match.positions.get(name)
        raw_value = row[pos] if pos is not None and pos < len(row) else None
        current, _problem = parse_cell(column, raw_value, today, None)
        now, was, mine = comparable(column, current), comparable(column, base[name]), comparable(column, new_value)
        if _problem:
            now = cell_text(raw_value).strip()
        if now != was and now != mine:
            conflicts.append(FieldConflict(name, display(base[name]), cell_text(raw_value) or "(blank)", display(new_value)))
    return conflicts


def extended_header(tab: Tab, table: RawTable, names: list[str]) -> tuple[list[Any], int, list[str]]:
    """Return (header, first added column, added names) for writing `names` into `table`.

    A tab with no header row gets the whole schema header. Otherwise the schema columns
    among `names` that the header lacks are added after the widest row, so a column of data
    the person left without a header is never written over.
    """
    header = list(table.header)
    if not any(cell_text(h).strip() for h in header):
        return list(tab.headers), 0, list(tab.headers)
    match = match_headers(tab, header)
    missing = [n for n in dict.fromkeys(names) if n in match.missing]
    if not missing:
        return header, len(header), []
    used = [max((i + 1 for i, c in enumerate(row) if cell_text(c).strip()), default=0) for row in table.rows]
    start = max([len(header), *used])
    return header + [""] * (start - len(header)) + missing, start, missing


def ensure_headers(tab: Tab, table: RawTable, names: list[str]) -> tuple[list[Any], HeaderMatch]:
    """Return the header extended for `names` (see `extended_header`), and its match."""
    header, _start, _added = extended_header(tab, table, names)
    return header, match_headers(tab, header)


def encode_text(column: Column, value: Any) -> str:
    """Return a typed value as the text the local CSV store keeps (ISO 8601 for dates)."""
    if is_blank(value):
        return ""
    if column.kind in (Kind.DATE, Kind.DATETIME):
        moment = pd.Timestamp(value).to_pydatetime()
        return to_iso(moment.date() if column.kind is Kind.DATE else moment)
    if column.kind is Kind.INT:
        return str(int(value))
    return str(value)


def apply_changes(tab: Tab, match: HeaderMatch, row: list[Any], changes: Mapping[str, Any], encode: Callable[[Column, Any], Any]) -> list[Any]:
    """Return a copy of `row` (padded to the header) with `changes` written through `encode`.

    Cells of columns not in `changes`, the person's own columns included, stay as they are.
    """
    out = list(row) + [""] * max(0, len(match.headers) - len(row))
    for name, value in changes.items():
        pos = match.positions[name]
        out[pos] = encode(tab.column(name), value)
    return out


def ensure_id(tab: Tab, match: HeaderMatch, row: list[Any], row_id: str) -> dict[str, Any]:
    """Return {"ID": ...} when the row has no ID cell yet (typed by hand), else {}."""
    pos = match.positions.get("ID")
    if pos is None or pos >= len(row) or not cell_text(row[pos]).strip():
        return {"ID": split_duplicate(row_id)}
    return {}
