"""A person editing the store by hand, behind the app's back, for store tests.

Each backend gets a `Hands` that edits its raw grid directly (a CSV file in a spreadsheet
program, or the Google Sheet in a browser). Rows are 1-based sheet rows; row 1 is the header.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from lib.domain.schema import APPLICATIONS, TABS_BY_TITLE
from lib.io.store.local import LocalStore


class LocalHands:
    """Edits the local store's CSV files the way a spreadsheet program would save them."""

    def __init__(self, store: LocalStore):
        self.store = store

    def _path(self, tab: str) -> Path:
        return self.store.path(TABS_BY_TITLE[tab])

    def grid(self, tab: str = APPLICATIONS.title) -> list[list[str]]:
        with open(self._path(tab), encoding="utf-8-sig", newline="") as fh:
            return [row for row in csv.reader(fh)]

    def write_grid(self, grid: list[list[Any]], tab: str = APPLICATIONS.title) -> None:
        self._path(tab).parent.mkdir(parents=True, exist_ok=True)
        with open(self._path(tab), "w", encoding="utf-8", newline="") as fh:
            csv.writer(fh).writerows([["" if c is None else str(c) for c in row] for row in grid])

    def set_cell(self, row: int, header: str, value: Any, tab: str = APPLICATIONS.title) -> None:
        grid = self.grid(tab)
        col = grid[0].index(header)
        grid[row - 1] += [""] * (col + 1 - len(grid[row - 1]))
        grid[row - 1][col] = str(value)
        self.write_grid(grid, tab)

    def insert_row(self, row: int, values: list[Any], tab: str = APPLICATIONS.title) -> None:
        grid = self.grid(tab)
        grid.insert(row - 1, [str(v) for v in values])
        self.write_grid(grid, tab)

    def delete_row(self, row: int, tab: str = APPLICATIONS.title) -> None:
        grid = self.grid(tab)
        del grid[row - 1]
        self.write_grid(grid, tab)

    def sort_by(self, header: str, *, descending: bool = False, tab: str = APPLICATIONS.title) -> None:
        grid = self.grid(tab)
        col = grid[0].index(header)
        body = sorted(grid[1:], key=lambda r: r[col] if col < len(r) else "", reverse=descending)
        self.write_grid([grid[0]] + body, tab)

    def row_of(self, app_id: str, tab: str = APPLICATIONS.title) -> int:
        grid = self.grid(tab)
        col = grid[0].index("ID")
        return next(i + 1 for i, r in enumerate(grid) if col < len(r) and r[col] == app_id)


class SheetsHands:
    """Edits the Google Sheet on the API stand-in the way a person in a browser would."""

    def __init__(self, fake, spreadsheet_id: str):
        self.fake = fake
        self.sid = spreadsheet_id

    def grid(self, tab: str = APPLICATIONS.title) -> list[list[Any]]:
        return [list(r) for r in self.fake.grid(self.sid, tab)]

    def write_grid(self, grid: list[list[Any]], tab: str = APPLICATIONS.title) -> None:
        """Type the cells that differ from what is there (and blank the ones that are gone)."""
        from lib.domain.schema import column_letter

        old = self.grid(tab)
        # A person inserting a column grows the grid, as Sheets does.
        props = self.fake._tab(self.sid, tab).props["gridProperties"]
        props["columnCount"] = max(int(props["columnCount"]), *(len(r) for r in grid))
        for r in range(max(len(old), len(grid))):
            before = old[r] if r < len(old) else []
            after = grid[r] if r < len(grid) else []
            for c in range(max(len(before), len(after))):
                was = before[c] if c < len(before) else ""
                now = after[c] if c < len(after) else ""
                if was != now:
                    self.fake.set_cell(self.sid, tab, f"{column_letter(c)}{r + 1}", now)

    def set_cell(self, row: int, header: str, value: Any, tab: str = APPLICATIONS.title) -> None:
        from lib.domain.schema import column_letter

        col = self.grid(tab)[0].index(header)
        self.fake.set_cell(self.sid, tab, f"{column_letter(col)}{row}", value)

    def insert_row(self, row: int, values: list[Any], tab: str = APPLICATIONS.title) -> None:
        self.fake.insert_row(self.sid, tab, row, values)

    def delete_row(self, row: int, tab: str = APPLICATIONS.title) -> None:
        self.fake.delete_row(self.sid, tab, row)

    def sort_by(self, header: str, *, descending: bool = False, tab: str = APPLICATIONS.title) -> None:
        self.fake.sort_rows(self.sid, tab, self.grid(tab)[0].index(header), descending=descending)

    def row_of(self, app_id: str, tab: str = APPLICATIONS.title) -> int:
        grid = self.grid(tab)
        col = grid[0].index("ID")
        return next(i + 1 for i, r in enumerate(grid) if col < len(r) and r[col] == app_id)
