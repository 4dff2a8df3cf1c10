"""The local store: one CSV file per tab in a data folder.

Safe for a person who edits the CSV files in a spreadsheet program while the app runs, and
for two browser tabs writing at once: every write takes a file lock, re-reads the file,
applies its change by ID, and replaces the file atomically. The previous versions of each
file are kept in `backups/`.

Each file is written back in the dialect it was saved in (delimiter, encoding, byte-order
mark, quoting, line ends; see lib.io.store.csvfile), rows the write does not change keeping
their exact bytes. A file that cannot be read faithfully is reported as a data issue and
never written. When the system refuses a write (disk full, file too large, file held open
by another program) the person gets a StoreError saying so, and every file stays as it was.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import tempfile
import threading
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from lib.domain.model import ROW, DataIssue, Dataset
from lib.domain.schema import APPLICATIONS, FOLLOWUPS, SETTINGS, TABS, Tab, match_headers
from lib.domain.values import cell_text
from lib.io.parse import RawTable, parse_settings, split_duplicate
from lib.io.store.base import Store, WrittenRow
from lib.io.store.csvfile import CsvFile, read_csv, render
from lib.io.store.errors import SettingsConflictError, SourceUnavailableError, StoreError
from lib.io.store.rows import apply_changes, encode_text, ensure_headers, locate_for_delete, locate_for_update, new_id, settings_conflicts

BACKUPS_KEPT = 10  # versions of each file kept in backups/
LOCK_TIMEOUT_SECONDS = 10
log = logging.getLogger(__name__)


class ReadOnlyFileError(StoreError):
    """A file the app cannot read faithfully: it is not written until the person fixes it."""


class UnencodableTextError(StoreError):
    """A value has a character the file's own encoding (e.g. Windows-1252) cannot hold."""


class WriteFailedError(SourceUnavailableError):
    """The operating system refused the write; the files are as they were before it."""


class DiskFullError(WriteFailedError):
    """No space left on the disk (ENOSPC, or the disk quota)."""


class FileTooLargeError(WriteFailedError):
    """The file would be larger than the system allows (EFBIG)."""


class FileInUseError(WriteFailedError):
    """Another program holds the file (Excel on Windows locks what it has open) or it is not writable."""


def shown_folder(folder: Path) -> str:
    """Return `folder` as people write it: under the home folder as "~/jobs/data", else in full."""
    try:
        home = Path.home().resolve()
    except RuntimeError:  # no home folder known
        return str(folder)
    if folder == home:
        return "~"
    return str(Path("~") / folder.relative_to(home)) if folder.is_relative_to(home) else str(folder)


class LocalStore(Store):
    """CSV files in `data_dir`: applications.csv, followups.csv, settings.csv.

    Each file is written back in the dialect it was saved in (see lib.io.store.csvfile); a
    file that cannot be read faithfully is shown with a data issue and never written.
    """

    def __init__(self, data_dir: str | os.PathLike[str], *, today: Callable[[], date] = date.today):
        self.data_dir = Path(data_dir).expanduser().resolve()
        self.backup_dir = self.data_dir / "backups"
        self._today = today
        self._lock = FileLock(str(self.data_dir / ".lock"), timeout=LOCK_TIMEOUT_SECONDS)
        # What one locked write has read and replaced so far; per thread, as Streamlit
        # sessions share one store.
        self._op = threading.local()

    # --- reading ------------------------------------------------------------------------

    def describe(self) -> str:
        return f"Local folder {shown_folder(self.data_dir)}"

    def path(self, tab: Tab) -> Path:
        return self.data_dir / tab.file_name

    def exists(self) -> bool:
        """Return True when the folder already holds an applications file."""
        return self.path(APPLICATIONS).exists()

    def version(self) -> str:
        return "|".join(self._versions())

    def _versions(self) -> list[str]:
        """Return each tab's file stamp (modification time and size; "-" when there is no file), in TABS order."""
        parts = []
        for tab in TABS:
            try:
                parts.append(_stamp(self.path(tab).stat()))
            except FileNotFoundError:
                parts.append("-")
        return parts

    def _read_file(self, tab: Tab) -> CsvFile | None:
        """Return the tab's file as read in its own dialect, or None when there is no file.

        Raises SourceUnavailableError when the file is there but cannot be opened.
        """
        path = self.path(tab)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise SourceUnavailableError(f"Cannot read {path}: {exc.strerror}.") from exc
        file = read_csv(data, lambda header: len(match_headers(tab, header).positions))
        files = getattr(self._op, "files", None)
        if files is not None:
            files[tab.title] = file  # the dialect the write in progress keeps
        return file

    def _read(self, tab: Tab) -> RawTable | None:
        file = self._read_file(tab)
        return file.table if file else None

    def read_raw(self) -> dict[str, RawTable | None]:
        files = self._read_all()
        self._op.last_read = files  # for load(), which adds what was wrong with each file
        return {title: file.table for title, file in files.items()}

    def _read_all(self) -> dict[str, CsvFile]:
        # A file that is not there yet is an empty tab: the app creates it on first write.
        return {tab.title: self._read_file(tab) or CsvFile(RawTable(header=list(tab.headers))) for tab in TABS}

    def load(self, today: date) -> Dataset:
        """Read every file and return the typed Dataset; a file that cannot be read faithfully adds an error issue."""
        self._op.last_read = {}
        data = super().load(today)
        files: dict[str, CsvFile] = self._op.last_read
        problems = [
            DataIssue(tab.title, file.problem.row, "", self._problem_text(tab, file), file.problem.value, severity="error")
            for tab in TABS
            if (file := files.get(tab.title)) is not None and file.problem is not None
        ]
        data.issues[:0] = problems
        return data

    def _problem_text(self, tab: Tab, file: CsvFile) -> str:
        assert file.problem is not None
        return (f"{tab.file_name} ({file.format.describe()}): {file.problem.message} "
                "Until it is fixed the app only reads this file and does not change it.")

    # --- writing ------------------------------------------------------------------------

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold the folder's lock for one write; if the write fails part way, put back the files it replaced."""
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
            self._lock.acquire()
        except Timeout as exc:
            raise StoreError("Another window is saving right now; try again in a moment.") from exc
        except OSError as exc:
            raise SourceUnavailableError(f"Cannot write to {self.data_dir}: {exc.strerror}.") from exc
        try:
            # With the lock held, a temporary file can only be left over from a write that died.
            for stale in self.data_dir.glob(".*.tmp"):
                stale.unlink(missing_ok=True)
            self._op.files, self._op.replaced = {}, []
            try:
                yield
            except BaseException:
                self._roll_back(self._op.replaced)
                raise
            for path in dict.fromkeys(path for path, _backup in self._op.replaced):
                self._prune_backups(path)
        finally:
            self._op.files = self._op.replaced = None
            self._lock.release()

    def _writable(self, tab: Tab) -> RawTable | None:
        """Return the tab's table for a write (None when there is no file).

        Raises ReadOnlyFileError when the file cannot be read faithfully.
        """
        file = self._read_file(tab)
        if file is not None and file.problem is not None:
            raise ReadOnlyFileError(f"Not saved: {self._problem_text(tab, file)}")
        return file.table if file else None

    def _table(self, tab: Tab) -> RawTable:
        return self._writable(tab) or RawTable(header=list(tab.headers), rows=[])

    def _write(self, tab: Tab, table: RawTable) -> None:
        """Replace the tab's file atomically in its own dialect, keeping the old version in backups/.

        The new file's stamp (as version() shows it) is left in this thread's `self._op.stamp`.

        Raises ReadOnlyFileError, UnencodableTextError, or a WriteFailedError (disk full, file
        too large, file held by another program) with the file left as it was.
        """
        path = self.path(tab)
        files = getattr(self._op, "files", None)
        source = files.pop(tab.title) if files and tab.title in files else self._read_file(tab)
        if source is not None and source.problem is not None:
            raise ReadOnlyFileError(f"Not saved: {self._problem_text(tab, source)}")
        try:
            data = render(table, source)
        except UnicodeEncodeError as exc:
            char = exc.object[exc.start : exc.start + 1]
            assert source is not None  # a new file is UTF-8, which holds every character
            raise UnencodableTextError(
                f"Not saved: {tab.file_name} is saved as {source.format.describe()}, which cannot hold the character "
                f"'{char}'. Leave it out, or open the file in your spreadsheet program and save it as 'CSV UTF-8'."
            ) from exc
        tmp: str | None = None
        backup: Path | None = None
        had_backups = self.backup_dir.exists()
        try:
            fd, tmp = tempfile.mkstemp(prefix=f".{tab.file_name}.", suffix=".tmp", dir=self.data_dir)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
                # The written file's own stamp: after the rename, anything else means someone else saved it since.
                stamp = _stamp(os.fstat(fh.fileno()))
            backup = self._backup(path) if path.exists() else None
            os.replace(tmp, path)
            tmp = None
        except OSError as exc:
            # Not replaced: the file is as it was, so its new backup would only be a duplicate.
            if backup is not None:
                backup.unlink(missing_ok=True)
            if not had_backups:
                with contextlib.suppress(OSError):
                    self.backup_dir.rmdir()
            raise _write_error(path, exc) from exc
        finally:
            if tmp is not None:
                Path(tmp).unlink(missing_ok=True)
        replaced = getattr(self._op, "replaced", None)
        if replaced is not None:
            replaced.append((path, backup))  # old backups are pruned once the whole write is done
        else:
            self._prune_backups(path)
        _fsync_dir(self.data_dir)
        self._op.stamp = stamp

    def _backup(self, path: Path) -> Path:
        """Keep the file's current version in backups/; return where."""
        self.backup_dir.mkdir(exist_ok=True)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        target = self.backup_dir / f"{path.stem}.{stamp}{path.suffix}"
        try:
            os.link(path, target)  # the old file's content, without copying it
        except OSError:
            try:
                target.write_bytes(path.read_bytes())
            except BaseException:
                target.unlink(missing_ok=True)  # never a half-written backup
                raise
        return target

    def _prune_backups(self, path: Path) -> None:
        old = sorted(self.backup_dir.glob(f"{path.stem}.*{path.suffix}"))
        for stale in old[:-BACKUPS_KEPT]:
            stale.unlink(missing_ok=True)

    def _roll_back(self, replaced: list[tuple[Path, Path | None]]) -> None:
        """Put back the versions a failed write replaced (newest first), from their backups."""
        for path, backup in reversed(replaced):
            tmp = path.with_name(f".{path.name}.rollback.tmp")
            try:
                if backup is None:
                    path.unlink(missing_ok=True)
                    continue
                tmp.unlink(missing_ok=True)
                try:
                    os.link(backup, tmp)  # needs no free space
                except OSError:
                    tmp.write_bytes(backup.read_bytes())
                os.replace(tmp, path)
                backup.unlink()  # the file is that version again
            except OSError:
                log.exception("Could not put back %s from %s after a failed write", path, backup)
                tmp.unlink(missing_ok=True)

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

    def add_applications(self, records: Sequence[Mapping[str, Any]]) -> list[str]:
        ids = [new_id(APPLICATIONS) for _ in records]
        if not records:
            return ids
        with self._locked():
            table = self._table(APPLICATIONS)
            for app_id, values in zip(ids, records):
                table = self._append(APPLICATIONS, table, {**_clean(values), "ID": app_id})
            self._write(APPLICATIONS, table)
        return ids

    def update_application(self, app_id: str, changes: Mapping[str, Any], base: Mapping[str, Any]) -> None:
        with self._locked():
            before = self._versions()
            table = self._table(APPLICATIONS)
            index, cells = locate_for_update(APPLICATIONS, table, app_id, _clean(changes), base, self._today())
            header, match = ensure_headers(APPLICATIONS, table, list(cells))
            rows = list(table.rows)
            rows[index] = apply_changes(APPLICATIONS, match, rows[index], cells, encode_text)
            after = list(before)
            self._op.stamp = None
            self._write(APPLICATIONS, RawTable(header=header, rows=rows))
            after[TABS.index(APPLICATIONS)] = self._op.stamp or "?"  # "?": unknown, so no kept read matches it
            self._note_written(WrittenRow(APPLICATIONS.title, app_id, header, rows[index], index + 2, "|".join(before), "|".join(after)))

    def delete_application(self, app_id: str, base: Mapping[str, Any] | None = None) -> None:
        with self._locked():
            table = self._table(APPLICATIONS)
            match = match_headers(APPLICATIONS, table.header)
            index = locate_for_delete(APPLICATIONS, table, app_id, _clean(base or {}), self._today())
            stored_id = cell_text(table.rows[index][match.positions["ID"]]) if "ID" in match.positions else ""
            history = self._writable(FOLLOWUPS)
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
            # the logged message from the history. A write that fails puts the history back.
            self._write(FOLLOWUPS, history)
            self._write(APPLICATIONS, apps)
        return entry_id

    def save_settings(self, values: Mapping[str, str], base: Mapping[str, str | None] | None = None) -> None:
        """Store the settings: a key's row (the last one, which is the one read) changes in place; new keys go below.

        Raises SettingsConflictError when a setting in `values` was changed in the file since the person saw `base`.
        """
        with self._locked():
            table = self._writable(SETTINGS) or RawTable(list(SETTINGS.headers), [])
            conflicts = settings_conflicts(parse_settings(table), values, base or {})
            if conflicts:
                raise SettingsConflictError(conflicts)
            header, match = ensure_headers(SETTINGS, table, list(SETTINGS.headers))
            k, v = match.positions["Key"], match.positions["Value"]
            rows = list(table.rows)
            where = {cell_text(r[k]).strip(): i for i, r in enumerate(rows) if k < len(r) and cell_text(r[k]).strip()}
            for key, value in values.items():
                text = str(value)
                if key in where:
                    row = rows[where[key]]
                    if v < len(row) and cell_text(row[v]) == text:
                        continue
                    row = list(row) + [""] * max(0, v + 1 - len(row))
                    row[v] = text
                    rows[where[key]] = row
                else:
                    row = [""] * (max(k, v) + 1)
                    row[k], row[v] = key, text
                    where[key] = len(rows)
                    rows.append(row)
            if header != table.header or rows != table.rows or not self.path(SETTINGS).exists():
                self._write(SETTINGS, RawTable(header, rows))

    def replace_all(self, applications: list[Mapping[str, Any]], followups: list[Mapping[str, Any]], settings: Mapping[str, str]) -> None:
        """Replace every row; each file keeps its header row (the person's columns and their order) and its dialect."""
        with self._locked():
            current = {tab.title: self._writable(tab) for tab in TABS}
            for tab, records in ((APPLICATIONS, applications), (FOLLOWUPS, followups)):
                table = RawTable(_header_of(tab, current[tab.title]), [])
                for record in records:
                    table = self._append(tab, table, _clean(record))
                self._write(tab, table)
            header, match = ensure_headers(SETTINGS, RawTable(_header_of(SETTINGS, current[SETTINGS.title])), list(SETTINGS.headers))
            self._write(SETTINGS, RawTable(header, [_settings_row(match.positions, k, v) for k, v in sorted(settings.items())]))

    def remove_rows(self, applications: Collection[str] | None, followups: Collection[str] | None, settings: Collection[str]) -> None:
        """Remove rows, keeping every header and every other row exactly as it is.

        `applications` and `followups` are the IDs to remove (None: every row); the history
        of a removed application goes with it. `settings` are the keys to remove.
        Raises ReadOnlyFileError (nothing written) when a file cannot be read faithfully.
        """
        with self._locked():
            apps, history, prefs = (self._writable(tab) for tab in TABS)
            gone: set[str] = set()
            if apps is not None:
                pos = match_headers(APPLICATIONS, apps.header).positions.get("ID")
                kept = []
                for row in apps.rows:
                    row_id = cell_text(row[pos]).strip() if pos is not None and pos < len(row) else ""
                    if applications is None or (row_id and row_id in applications):
                        gone.add(row_id)
                    else:
                        kept.append(row)
                if len(kept) != len(apps.rows):
                    self._write(APPLICATIONS, RawTable(apps.header, kept))
            if history is not None:
                hmatch = match_headers(FOLLOWUPS, history.header).positions
                fid, aid = hmatch.get("ID"), hmatch.get("Application ID")
                kept = [
                    row for row in history.rows
                    if not (followups is None
                            or (fid is not None and fid < len(row) and cell_text(row[fid]).strip() in followups)
                            or (aid is not None and aid < len(row) and cell_text(row[aid]).strip() in gone - {""}))
                ]
                if len(kept) != len(history.rows):
                    self._write(FOLLOWUPS, RawTable(history.header, kept))
            if prefs is not None and settings:
                key = match_headers(SETTINGS, prefs.header).positions.get("Key")
                kept = [row for row in prefs.rows if not (key is not None and key < len(row) and cell_text(row[key]).strip() in settings)]
                if len(kept) != len(prefs.rows):
                    self._write(SETTINGS, RawTable(prefs.header, kept))


def _header_of(tab: Tab, table: RawTable | None) -> list[Any]:
    """Return the file's header row when it has one, else the schema's."""
    if table is not None and any(cell_text(h).strip() for h in table.header):
        return list(table.header)
    return list(tab.headers)


def _settings_row(positions: Mapping[str, int], key: str, value: Any) -> list[str]:
    k, v = positions["Key"], positions["Value"]
    row = [""] * (max(k, v) + 1)
    row[k], row[v] = key, str(value)
    return row


def _write_error(path: Path, exc: OSError) -> WriteFailedError:
    """Return the OSError of a failed write as a message the person can act on."""
    unchanged = f"Nothing was changed: {path.name} is as it was."
    code = exc.errno
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return DiskFullError(f"Not saved: the disk that holds {path.parent} is full. Free some space and try again. {unchanged}")
    if code == errno.EFBIG:
        return FileTooLargeError(
            f"Not saved: {path.name} would be larger than this disk allows for one file. "
            f"Move older applications to another file, or the data folder to another disk. {unchanged}"
        )
    if code == errno.EROFS:
        return WriteFailedError(f"Not saved: {path.parent} is on a read-only disk. {unchanged}")
    if isinstance(exc, PermissionError) or code in (errno.EACCES, errno.EPERM, errno.EBUSY, errno.ETXTBSY) or getattr(exc, "winerror", None) in (5, 32, 33):
        return FileInUseError(
            f"Not saved: {path.name} is open in another program or cannot be written (Excel, for one, locks the files it has open). "
            f"Close it there and try again. {unchanged}"
        )
    return WriteFailedError(f"Not saved: could not write {path}: {exc.strerror or exc}. {unchanged}")


def _clean(values: Mapping[str, Any]) -> dict[str, Any]:
    """Drop bookkeeping keys that are not columns."""
    return {k: v for k, v in values.items() if k != ROW}


def _stamp(st: os.stat_result) -> str:
    return f"{st.st_mtime_ns}:{st.st_size}"


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
