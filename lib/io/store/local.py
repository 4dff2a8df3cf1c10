"""The local store: one CSV file per tab in a data folder.

Safe for a person who edits the CSV files in a spreadsheet program while the app runs, and
for two browser tabs writing at once: every write takes a file lock, re-reads the file,
applies its change by ID, and replaces the file atomically. The previous versions of each
file are kept in `backups/`.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Callable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from lib.domain.model import ROW
from lib.domain.schema import APPLICATIONS, FOLLOWUPS, SETTINGS, TABS, Tab, match_headers
from lib.io.parse import RawTable, cell_text, parse_settings, split_duplicate
from lib.io.store.base import Store
from lib.io.store.errors import SettingsConflictError, SourceUnavailableError, StoreError
from lib.io.store.rows import apply_changes, encode_text, ensure_headers, locate_for_delete, locate_for_update, new_id, settings_conflicts

BACKUPS_KEPT = 10  # versions of each file kept in backups/
LOCK_TIMEOUT_SECONDS = 10


class LocalStore(Store):
    """CSV files in `data_dir`: applications.csv, followups.csv, settings.csv."""

    kind = "local"

    def __init__(self, data_dir: str | os.PathLike[str], *, today: Callable[[], date] = date.today):
        self.data_dir = Path(data_dir).expanduser().resolve()
        self.backup_dir = self.data_dir / "backups"
        self._today = today
        self._lock = FileLock(str(self.data_dir / ".lock"), timeout=LOCK_TIMEOUT_SECONDS)

    # --- reading ------------------------------------------------------------------------

    def describe(self) -> str:
        return f"Local folder {self.data_dir}"

    def path(self, tab: Tab) -> Path:
        return self.data_dir / tab.file_name

    def exists(self) -> bool:
        """Return True when the folder already holds an applications file."""
        return self.path(APPLICATIONS).exists()

    def version(self) -> str:
        parts = []
        for tab in TABS:
            try:
                st = self.path(tab).stat()
                parts.append(f"{st.st_mtime_ns}:{st.st_size}")
            except FileNotFoundError:
                parts.append("-")
        return "|".join(parts)

    def _read(self, tab: Tab) -> RawTable | None:
        path = self.path(tab)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise SourceUnavailableError(f"Cannot read {path}: {exc.strerror}.") from exc
        try:
            # utf-8-sig: spreadsheet programs often save CSV with a byte-order mark.
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")  # an older spreadsheet program's save
        rows = list(csv.reader(io.StringIO(text, newline="")))
        if not rows:
            return RawTable(header=[], rows=[])
        return RawTable(header=rows[0], rows=rows[1:])

    def read_raw(self) -> dict[str, RawTable | None]:
        # A file that is not there yet is an empty tab: the app creates it on first write.
        return {tab.title: self._read(tab) or RawTable(header=list(tab.headers)) for tab in TABS}

    # --- writing ------------------------------------------------------------------------

    def _locked(self):
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
            held = self._lock.acquire()
        except Timeout as exc:
            raise StoreError("Another window is saving right now; try again in a moment.") from exc
        except OSError as exc:
            raise SourceUnavailableError(f"Cannot write to {self.data_dir}: {exc.strerror}.") from exc
        # With the lock held, a temporary file can only be left over from a write that died.
        for stale in self.data_dir.glob(".*.tmp"):
            stale.unlink(missing_ok=True)
        return held


    def _write(self, tab: Tab, table: RawTable) -> None:
        """Replace the tab's file atomically, keeping the old version in backups/."""
        path = self.path(tab)
        buf = io.StringIO(newline="")
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow(table.header)
        writer.writerows(table.rows)
        fd, tmp = tempfile.mkstemp(prefix=f".{tab.file_name}.", suffix=".tmp", dir=self.data_dir)
        try:
            with os.fdopen(fd, "w", encoding="utf-8-sig", newline="") as fh:
                fh.write(buf.getvalue())
                fh.flush()
                os.fsync(fh.fileno())
            if path.exists():
                self._backup(path)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        _fsync_dir(self.data_dir)

    def _backup(self, path: Path) -> None:
        self.backup_dir.mkdir(exist_ok=True)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        target = self.backup_dir / f"{path.stem}.{stamp}{path.suffix}"
        try:
            os.link(path, target)  # the old file's content, without copying it
        except OSError:
            target.write_bytes(path.read_bytes())
        old = sorted(self.backup_dir.glob(f"{path.stem}.*{path.suffix}"))
        for stale in old[:-BACKUPS_KEPT]:
            stale.unlink(missing_ok=True)

    def _table(self, tab: Tab) -> RawTable:
        return self._read(tab) or RawTable(header=list(tab.headers), rows=[])

    def _append(self, tab: Tab, table: RawTable, values: Mapping[str, Any]) -> RawTable:
        header, match = ensure_headers(tab, table, list(values))
        row = apply_changes(tab, match, [], values, encode_text)
        return RawTable(header=header, rows=table.rows + [row])

    def _updated(self, tab: Tab, table: RawTable, row_id: str, changes: Mapping[str, Any], base: Mapping[str, Any]) -> RawTable:
        index, changes = locate_for_update(tab, table, row_id, changes, base, self._today())
        header, match = ensure_headers(tab, table, list(changes))
        rows = list(table.rows)
        rows[index] = apply_changes(tab, match, rows[index], changes, encode_text)
        return RawTable(header=header, rows=rows)

    def add_application(self, values: Mapping[str, Any]) -> str:
        app_id = new_id(APPLICATIONS)
        with self._locked():
            table = self._table(APPLICATIONS)
            self._write(APPLICATIONS, self._append(APPLICATIONS, table, {**_clean(values), "ID": app_id}))
        return app_id

    def update_application(self, app_id: str, changes: Mapping[str, Any], base: Mapping[str, Any]) -> None:
        with self._locked():
            table = self._table(APPLICATIONS)
            self._write(APPLICATIONS, self._updated(APPLICATIONS, table, app_id, _clean(changes), base))

    def delete_application(self, app_id: str, base: Mapping[str, Any] | None = None) -> None:
        with self._locked():
            table = self._table(APPLICATIONS)
            match = match_headers(APPLICATIONS, table.header)
            index = locate_for_delete(APPLICATIONS, table, app_id, _clean(base or {}), self._today())
            stored_id = cell_text(table.rows[index][match.positions["ID"]]) if "ID" in match.positions else ""
            history = self._read(FOLLOWUPS)
            self._write(APPLICATIONS, RawTable(table.header, table.rows[:index] + table.rows[index + 1 :]))
            if history is not None and stored_id:
                hmatch = match_headers(FOLLOWUPS, history.header)
                pos = hmatch.positions.get("Application ID")
                if pos is not None:
                    kept = [r for r in history.rows if not (pos < len(r) and cell_text(r[pos]).strip() == stored_id)]
                    if len(kept) != len(history.rows):
                        self._write(FOLLOWUPS, RawTable(history.header, kept))

    def log_followup(self, app_id: str, entry: Mapping[str, Any], changes: Mapping[str, Any], base: Mapping[str, Any]) -> str:
        entry_id = new_id(FOLLOWUPS)
        with self._locked():
            apps = self._updated(APPLICATIONS, self._table(APPLICATIONS), app_id, _clean(changes), base)
            history = self._append(
                FOLLOWUPS, self._table(FOLLOWUPS), {**_clean(entry), "ID": entry_id, "Application ID": split_duplicate(app_id)}
            )
            # History first: if the process dies between the two, the planner still counts
            # the logged message from the history.
            self._write(FOLLOWUPS, history)
            self._write(APPLICATIONS, apps)
        return entry_id

    def save_settings(self, values: Mapping[str, str], base: Mapping[str, str | None] | None = None) -> None:
        with self._locked():
            table = self._read(SETTINGS)
            current: dict[str, str] = {}
            if table is not None:
                current = parse_settings(table)
            conflicts = settings_conflicts(current, values, base or {})
            if conflicts:
                raise SettingsConflictError(conflicts)
            current.update({k: str(v) for k, v in values.items()})
            self._write(SETTINGS, RawTable(SETTINGS.headers, [[k, v] for k, v in sorted(current.items())]))

    def replace_all(self, applications, followups, settings) -> None:
        with self._locked():
            for tab, records in ((APPLICATIONS, applications), (FOLLOWUPS, followups)):
                table = RawTable(list(tab.headers), [])
                for record in records:
                    table = self._append(tab, table, _clean(record))
                self._write(tab, table)
            self._write(SETTINGS, RawTable(SETTINGS.headers, [[k, v] for k, v in sorted(settings.items())]))


def _clean(values: Mapping[str, Any]) -> dict[str, Any]:
    """Drop bookkeeping keys that are not columns."""
    return {k: v for k, v in values.items() if k != ROW}


def _fsync_dir(path: Path) -> None:
    """Make the rename itself durable (POSIX); harmless where directories cannot be opened."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
