"""Local files the app must not write, and writes the system refuses: a clear message, nothing lost.

A file the app cannot read faithfully is shown with a data issue and never written. Disk
full, a file too large, a file held open by another program: the write is refused with a
StoreError saying so, every file keeps its bytes and no temporary file stays behind.
"""

from __future__ import annotations

import errno
import os
from datetime import date, datetime
from pathlib import Path

import pytest

from lib.io.store.errors import StoreError
from lib.io.store.factory import clear_all, seed_demo
from lib.io.store.local import DiskFullError, FileInUseError, FileTooLargeError, LocalStore, ReadOnlyFileError, UnencodableTextError

TODAY = date(2026, 11, 22)
GOOD_HISTORY = b"ID,Application ID,Date,Direction,Medium,Kind\r\nF-1,A-1,2026-11-05,Sent,Email,Follow-up\r\n"

UNFAITHFUL = {
    # What the old app left behind: a semicolon file with a row appended with commas.
    "mixed delimiters": "ID;Company;Job Title;Location\r\nA-1;Acme;Analyst;\"Berlin, DE\"\r\nA-2,Beta,Engineer,\"Paris, FR\"\r\n".encode("cp1252"),
    # ...and what the old app then wrote over it on the next add.
    "the old app's rewrite": b'\xef\xbb\xbfID;Company;Job Title;Location,,Company,Job Title,ID\r\n'
                             b'"A-1;Acme;Analyst;""Berlin"," DE"""\r\n,,Beta,Dev,A-f6cbd356\r\n',
    "header with mixed delimiters": b"ID;Company,Job Title;Location\r\nA-1;Acme,Analyst;Berlin\r\n",
    "bytes in no known encoding": b"ID,Company,Job Title\r\nA-1,Caf\xe9 \x81\x8d,Analyst\r\n",
    "a quote that never closes": b'ID,Company,Job Title,Notes\r\nA-1,Acme,Analyst,"started\r\nA-2,Beta,Engineer,\r\n',
    "text after a closing quote": b'ID,Company,Job Title\r\nA-1,"Acme" Inc,Analyst\r\n',
    "NUL bytes (not a text file)": b"ID,Company,Job Title\r\nA-1,Ac\x00me,Analyst\r\n\x00\x00\x00",
}


def files_of(folder: Path) -> dict[str, bytes]:
    """Return every file under the folder (backups too) with its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file() and p.name != ".lock"}


@pytest.fixture(params=list(UNFAITHFUL), ids=list(UNFAITHFUL))
def unfaithful(request, tmp_path: Path) -> tuple[LocalStore, bytes]:
    (tmp_path / "applications.csv").write_bytes(UNFAITHFUL[request.param])
    (tmp_path / "followups.csv").write_bytes(GOOD_HISTORY)
    return LocalStore(tmp_path, today=lambda: TODAY), UNFAITHFUL[request.param]


def test_a_file_read_unfaithfully_says_so(unfaithful):
    store, _ = unfaithful
    data = store.load(TODAY)
    (issue,) = [i for i in data.issues if i.severity == "error" and "applications.csv" in i.message]
    assert issue.tab == "Applications"
    assert "does not change it" in issue.message


def test_a_file_read_unfaithfully_is_never_written(unfaithful):
    store, original = unfaithful
    before = files_of(store.data_dir)
    when = datetime(2026, 11, 20, 9)
    writes = [
        lambda: store.add_application({"Company": "New", "Job Title": "T"}),
        lambda: store.update_application("A-1", {"Status": "Offer"}, {}),
        lambda: store.delete_application("A-1"),
        lambda: store.log_followup("A-1", {"Date": when, "Direction": "Sent", "Medium": "Email", "Kind": "Follow-up"}, {}, {}),
        lambda: store.replace_all([], [], {}),
        lambda: seed_demo(store, TODAY),
        lambda: clear_all(store, {}),
    ]
    for write in writes:
        with pytest.raises(ReadOnlyFileError, match=r"applications\.csv"):
            write()
    assert files_of(store.data_dir) == before
    assert (store.data_dir / "applications.csv").read_bytes() == original


def test_other_files_stay_writable(unfaithful):
    store, _ = unfaithful
    store.save_settings({"profile.name": "Sam"})
    assert store.load(TODAY).settings["profile.name"] == "Sam"


def test_mixed_delimiters_name_the_row(tmp_path):
    (tmp_path / "applications.csv").write_bytes(UNFAITHFUL["mixed delimiters"])
    (issue,) = [i for i in LocalStore(tmp_path).load(TODAY).issues if i.severity == "error"]
    assert issue.row == 3 and "commas" in issue.message and "semicolons" in issue.message


def test_a_very_long_reply_is_logged_and_read(tmp_path):
    store = LocalStore(tmp_path, today=lambda: TODAY)
    app_id = store.add_application({"Company": "Acme", "Job Title": "Analyst"})
    reply = ("Thank you for your patience; " * 8000)[:200_000]
    store.log_followup(app_id, {"Date": datetime(2026, 11, 20, 9), "Direction": "Received", "Medium": "Email", "Kind": "Reply", "Message": reply},
                       {}, {})
    data = store.load(TODAY)
    assert data.followups.iloc[0]["Message"] == reply
    store.add_application({"Company": "Next", "Job Title": "T"})  # and writing still works
    assert len(store.load(TODAY).applications) == 2


def test_a_huge_cell_typed_by_hand_is_read(tmp_path):
    note = "x" * 1_000_000
    (tmp_path / "applications.csv").write_text(f'ID,Company,Job Title,Notes\nA-1,Acme,Analyst,"{note}"\n', encoding="utf-8")
    assert LocalStore(tmp_path).load(TODAY).application("A-1")["Notes"] == note


@pytest.fixture
def seeded(tmp_path: Path) -> LocalStore:
    store = LocalStore(tmp_path, today=lambda: TODAY)
    seed_demo(store, TODAY)
    return store


def _fail_replace(monkeypatch, exc: OSError, only: str | None = None):
    real = os.replace

    def replace(src, dst, *args, **kwargs):
        if only is None or Path(dst).name == only:
            raise exc
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)


FAULTS = [
    (OSError(errno.ENOSPC, "No space left on device"), DiskFullError, "disk .* is full"),
    (OSError(errno.EFBIG, "File too large"), FileTooLargeError, "larger than"),
    (PermissionError(errno.EACCES, "Permission denied"), FileInUseError, "open in another program"),
]


@pytest.mark.parametrize(("exc", "error", "words"), FAULTS, ids=["ENOSPC", "EFBIG", "locked"])
def test_a_refused_replace_loses_nothing(seeded, monkeypatch, exc, error, words):
    before = files_of(seeded.data_dir)
    _fail_replace(monkeypatch, exc)
    with pytest.raises(error, match=words):
        seeded.add_application({"Company": "New", "Job Title": "T"})
    monkeypatch.undo()
    assert files_of(seeded.data_dir) == before
    assert not list(seeded.data_dir.glob(".*.tmp"))
    seeded.add_application({"Company": "New", "Job Title": "T"})  # once the cause is gone, writing works


@pytest.mark.parametrize("where", ["fsync", "write"])
def test_disk_full_while_writing_the_file(seeded, monkeypatch, where):
    before = files_of(seeded.data_dir)
    if where == "fsync":
        def fsync(fd):
            raise OSError(errno.ENOSPC, "No space left on device")
        monkeypatch.setattr(os, "fsync", fsync)
    else:
        real_fdopen = os.fdopen

        class Full:
            def __init__(self, fh):
                self.fh = fh

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                self.fh.close()

            def write(self, data):
                self.fh.write(data[: len(data) // 2])
                raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(os, "fdopen", lambda *a, **k: Full(real_fdopen(*a, **k)))
    with pytest.raises(DiskFullError):
        seeded.update_application("A-demo01", {"Notes": "x" * 10_000}, {})
    monkeypatch.undo()
    assert files_of(seeded.data_dir) == before
    assert not list(seeded.data_dir.glob(".*.tmp"))


def test_logging_a_reply_is_all_or_nothing(seeded, monkeypatch):
    # The history is written first; when the applications file is then locked by Excel,
    # the history goes back to what it was.
    before = files_of(seeded.data_dir)
    _fail_replace(monkeypatch, PermissionError(errno.EACCES, "Permission denied"), only="applications.csv")
    with pytest.raises(FileInUseError, match=r"applications\.csv"):
        seeded.log_followup("A-demo01", {"Date": datetime(2026, 11, 20, 9), "Direction": "Sent", "Medium": "Email", "Kind": "Follow-up"},
                            {"Last Follow-Up On": datetime(2026, 11, 20, 9)}, {})
    monkeypatch.undo()
    assert files_of(seeded.data_dir) == before
    assert not list(seeded.data_dir.glob(".*.tmp"))


def test_a_character_the_files_encoding_cannot_hold(tmp_path):
    original = "ID;Company;Job Title\r\nA-1;Café;Analyst\r\n".encode("cp1252")
    (tmp_path / "applications.csv").write_bytes(original)
    store = LocalStore(tmp_path)
    with pytest.raises(UnencodableTextError, match="CSV UTF-8") as caught:
        store.add_application({"Company": "Rocket 🚀", "Job Title": "T"})
    assert isinstance(caught.value, StoreError)
    assert (tmp_path / "applications.csv").read_bytes() == original
    store.add_application({"Company": "Señor Café", "Job Title": "T"})  # what cp1252 holds is fine
    assert (tmp_path / "applications.csv").read_bytes().startswith(original)
    assert "Señor Café".encode("cp1252") in (tmp_path / "applications.csv").read_bytes()
