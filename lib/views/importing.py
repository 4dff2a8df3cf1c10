"""Importing applications from another tracker's export: header mapping, rows as they will be stored, duplicates.

Nothing here writes: the page shows the preview, the person decides row by row, and
`records_to_import` gives the records for one `Store.add_applications` call.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pandas as pd

from lib.domain.model import applications_frame
from lib.domain.schema import APPLICATIONS, Kind, match_headers
from lib.domain.values import cell_text, display, is_blank_cell
from lib.io.parse import parse_cell
from lib.io.tabular import ImportTable
from lib.views.forms import Duplicate, application_problems, likely_duplicates, link_key, name_key, with_web_links

NOT_IMPORTED = ""  # the mapping of a file column that is left out
# The ID is the app's own: imported rows always get new ones.
TARGETS: tuple[str, ...] = tuple(c.name for c in APPLICATIONS.columns if c.name != "ID")
REQUIRED: tuple[str, ...] = tuple(c.name for c in APPLICATIONS.columns if c.required)


@dataclass(frozen=True)
class Problem:
    """Why one value of a row cannot be stored as it is; `column` is ours ("" for the whole row)."""

    column: str
    message: str

    @property
    def blocks(self) -> bool:
        """True when the row cannot be imported at all (a required value is missing)."""
        return self.column in REQUIRED


@dataclass
class ImportRow:
    """One row of the file as it would be stored.

    `index` is its position in the file's rows and `row` the row number the person sees in
    their own file. `values` holds typed values (the typed-frame contract of
    lib.domain.model); `unread` holds (our column, the cell as typed) for cells that could
    not be read, which are stored blank and noted (see `record`); `others` the cells of the
    file's columns that are not imported, when the person asked to keep them in Notes.
    """

    index: int
    row: int
    values: dict[str, Any]
    problems: list[Problem] = field(default_factory=list)
    unread: list[tuple[str, str]] = field(default_factory=list)
    others: list[tuple[str, str]] = field(default_factory=list)  # (the file's header, the cell) kept in Notes
    duplicates: list[Duplicate] = field(default_factory=list)  # applications already stored
    repeats: int | None = None  # the file row of an earlier row this one probably repeats

    @property
    def importable(self) -> bool:
        """False when nothing the person decides can make the row importable (no company, no job title)."""
        return not any(p.blocks for p in self.problems)

    @property
    def flagged(self) -> bool:
        """True when the person must decide about the row: a problem, or a likely duplicate."""
        return bool(self.problems or self.duplicates or self.repeats is not None)

    @property
    def imported_by_default(self) -> bool:
        return not self.flagged

    def record(self) -> dict[str, Any]:
        """Return the values to store: cells that could not be read are blank, their text kept in Notes."""
        values = dict(self.values)
        notes = [str(values.get("Notes") or "")]
        if self.others:
            notes.append("Also in the file: " + "; ".join(f"{name}: {text}" for name, text in self.others))
        if self.unread:
            notes.append("Imported, not read: " + "; ".join(f"{name}: {text}" for name, text in self.unread))
        if len(notes) > 1:
            values["Notes"] = "\n".join(n for n in notes if n)
        return values


def proposed_mapping(header: Sequence[Any]) -> list[str]:
    """Return, for each column of the file, the column of ours it fills (NOT_IMPORTED for none).

    Headers are matched by name and by the aliases the schema knows (lib.domain.schema); the
    file's own ID column is not imported, as imported rows get new IDs.
    """
    match = match_headers(APPLICATIONS, [cell_text(h) for h in header])
    by_position = {pos: name for name, pos in match.positions.items() if name != "ID"}
    return [by_position.get(i, NOT_IMPORTED) for i in range(len(header))]


def mapping_problems(mapping: Sequence[str]) -> list[str]:
    """Return what keeps a mapping from being used, as sentences ([] when it can be)."""
    out: list[str] = []
    chosen = [m for m in mapping if m != NOT_IMPORTED]
    for name in dict.fromkeys(m for m in chosen if chosen.count(m) > 1):
        out.append(f"Two columns of the file are set to '{name}'; choose one.")
    for name in REQUIRED:
        if name not in chosen:
            out.append(f"No column of the file is set to '{name}'.")
    return out


def preview_rows(table: ImportTable, mapping: Sequence[str], existing: pd.DataFrame, today: date,
                 *, day_first: bool | None = None, keep_others: bool = False) -> list[ImportRow]:
    """Return every non-blank row of the file as it would be stored, with its problems and likely duplicates.

    With `keep_others`, the cells of the file's columns that are not imported are kept in
    the row's Notes, after the file's own header ("Salary: 60k").
    `existing` is the Applications frame already stored; a row is also flagged when it
    probably repeats an earlier row of the same file. Distinct roles at one company are not
    duplicates (see lib.views.forms.likely_duplicates); nothing is merged.
    """
    columns = [(pos, APPLICATIONS.column(name)) for pos, name in enumerate(mapping) if name != NOT_IMPORTED]
    header = [cell_text(h).strip() for h in table.raw.header]
    left_out = [(pos, header[pos]) for pos, name in enumerate(mapping) if name == NOT_IMPORTED and pos < len(header) and header[pos]]
    rows: list[ImportRow] = []
    for index, cells in enumerate(table.raw.rows):
        if all(is_blank_cell(c) for c in cells):
            continue
        values: dict[str, Any] = {}
        problems: list[Problem] = []
        unread: list[tuple[str, str]] = []
        for pos, col in columns:
            raw = cells[pos] if pos < len(cells) else None
            value, problem = parse_cell(col, raw, today, day_first)
            if problem is not None:
                problems.append(Problem(col.name, problem))
                unread.append((col.name, cell_text(raw)))
                value = None if col.kind in (Kind.DATE, Kind.DATETIME) else 0 if col.kind is Kind.INT else ""
            values[col.name] = value
        values = with_web_links(values)
        unread_names = {name for name, _ in unread}
        problems += [Problem(p.fields[0], p.message) for p in application_problems(values) if p.fields[0] not in unread_names]
        others = [(name, cell_text(cells[pos]).strip()) for pos, name in left_out if keep_others and pos < len(cells)
                  and not is_blank_cell(cells[pos])]
        rows.append(ImportRow(index, table.row_number(index), values, problems, unread, others))
    _flag_duplicates(rows, existing)
    return rows


def _flag_duplicates(rows: list[ImportRow], existing: pd.DataFrame) -> None:
    """Set each row's likely duplicates among the stored applications and the earlier rows of the file.

    The rule is lib.views.forms.likely_duplicates; an index of the keys it compares only
    narrows which rows it is asked about, so a file of thousands of rows is checked in a
    moment rather than row against row.
    """
    stored = _KeyIndex()
    for pos, record in enumerate(existing.to_dict("records")):
        stored.add(pos, record)
    earlier = _KeyIndex()
    earlier_records: list[dict[str, Any]] = []
    for r in rows:
        near = stored.near(r.values)
        r.duplicates = likely_duplicates(existing.iloc[near], r.values) if near else []
        near = earlier.near(r.values)
        if near:
            repeats = likely_duplicates(applications_frame([earlier_records[i] for i in near]), r.values)
            r.repeats = int(repeats[0].app_id) if repeats else None
        earlier.add(len(earlier_records), r.values)
        earlier_records.append({**r.values, "ID": str(r.row)})


class _KeyIndex:
    """Positions of records by the keys likely_duplicates compares (the job link; the company and job title)."""

    def __init__(self) -> None:
        self._by_key: dict[tuple[str, ...], list[int]] = defaultdict(list)

    @staticmethod
    def _keys(values: Mapping[str, Any]) -> list[tuple[str, ...]]:
        keys: list[tuple[str, ...]] = []
        link = link_key(values.get("Job Link"))
        if link:
            keys.append((link,))
        company, title = name_key(values.get("Company"), company=True), name_key(values.get("Job Title"))
        if company and title:
            keys.append((company, title))
        return keys

    def add(self, pos: int, values: Mapping[str, Any]) -> None:
        for key in self._keys(values):
            self._by_key[key].append(pos)

    def near(self, values: Mapping[str, Any]) -> list[int]:
        """Return the positions of records that share a key with `values`, in order."""
        return sorted({pos for key in self._keys(values) for pos in self._by_key.get(key, ())})


def records_to_import(rows: Sequence[ImportRow], chosen: Mapping[int, bool] | None = None) -> list[dict[str, Any]]:
    """Return the records to store, in file order: each row the person chose, or by default each unflagged row.

    `chosen` maps a row's `index` to the person's decision; a row that cannot be imported
    (`importable` is False) is never included.
    """
    chosen = chosen or {}
    return [r.record() for r in rows if r.importable and chosen.get(r.index, r.imported_by_default)]


def preview_frame(rows: Sequence[ImportRow], mapping: Sequence[str]) -> pd.DataFrame:
    """Return the rows as text, one column per column of ours that is imported, for the person to read."""
    stored = [r.record() for r in rows]
    names = [n for n in TARGETS if n in mapping or any(n in record for record in stored)]
    records = []
    for r, record in zip(rows, stored):
        records.append({"Row": r.row, **{n: _shown(record.get(n)) for n in names}, "Flag": flag_text(r)})
    return pd.DataFrame(records, columns=["Row", *names, "Flag"])


def _shown(value: Any) -> str:
    text = display(value)
    return "" if text == "(blank)" and value != "(blank)" else text


def flag_text(row: ImportRow) -> str:
    """Return why the person must decide about a row, in words ("" when they need not)."""
    parts = [p.message for p in row.problems]
    parts += [f"Probably already there: {d.company} · {d.job_title} ({d.reason}, {d.app_id})" for d in row.duplicates]
    if row.repeats is not None:
        parts.append(f"Probably repeats row {row.repeats} of this file")
    return " · ".join(parts)
