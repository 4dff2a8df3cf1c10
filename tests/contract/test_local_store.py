"""What only the local CSV store promises: atomic files, locking, backups, spreadsheet-saved files."""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from datetime import date
from pathlib import Path

from lib.io.store.local import BACKUPS_KEPT, LocalStore

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 22)

WRITER = textwrap.dedent(
    """
    import sys
    from datetime import date
    from lib.io.store.local import LocalStore
    store = LocalStore(sys.argv[1])
    app_id = sys.argv[2]
    n = 0
    while True:
        n += 1
        base = store.load(date(2026, 11, 22)).application(app_id)
        store.update_application(app_id, {"Notes": f"version {n}" + "x" * 2000}, base)
        print(n, flush=True)
    """
)


def test_killed_mid_write_leaves_old_or_new_file(tmp_path):
    store = LocalStore(tmp_path)
    ids = [store.add_application({"Company": f"C{i}", "Job Title": "T"}) for i in range(200)]
    rng = random.Random(3)
    for trial in range(8):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path), ids[0]], cwd=ROOT,
                                stdout=subprocess.PIPE, text=True)
        proc.stdout.readline()  # at least one write has finished
        time.sleep(rng.uniform(0.0, 0.3))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        data = LocalStore(tmp_path).load(TODAY)
        assert len(data.applications) == 200, trial
        assert data.application(ids[0])["Notes"].startswith("version "), trial
        assert not [i for i in data.issues if i.severity != "info"], trial


def _add_many(folder: str, prefix: str, count: int) -> None:
    store = LocalStore(folder)
    for i in range(count):
        store.add_application({"Company": f"{prefix}{i}", "Job Title": "T"})


def test_two_writers_at_once_lose_nothing(tmp_path):
    ctx = multiprocessing.get_context("spawn")
    workers = [ctx.Process(target=_add_many, args=(str(tmp_path), p, 15)) for p in ("left", "right")]
    for w in workers:
        w.start()
    for w in workers:
        w.join(60)
    companies = set(LocalStore(tmp_path).load(TODAY).applications["Company"])
    assert companies == {f"{p}{i}" for p in ("left", "right") for i in range(15)}


def test_keeps_the_last_versions_as_backups(tmp_path):
    store = LocalStore(tmp_path)
    app_id = store.add_application({"Company": "A", "Job Title": "T"})
    for n in range(BACKUPS_KEPT + 5):
        store.update_application(app_id, {"Notes": str(n)}, store.load(TODAY).application(app_id))
    backups = sorted((tmp_path / "backups").glob("applications.*.csv"))
    assert len(backups) == BACKUPS_KEPT
    assert f"{BACKUPS_KEPT + 3}" in backups[-1].read_text(encoding="utf-8-sig")


def test_reads_a_file_saved_by_a_spreadsheet_program(tmp_path):
    # Excel on Windows: a byte-order mark, CRLF line ends, a cell with an embedded line break.
    (tmp_path / "applications.csv").write_bytes(
        "\ufeffID,Company,Job Title,Notes\r\nA-1,Zoë & Co,Analyst,\"two\r\nlines\"\r\n".encode("utf-8")
    )
    app = LocalStore(tmp_path).load(TODAY).application("A-1")
    assert app["Company"] == "Zoë & Co"
    assert app["Notes"] == "two\r\nlines"


def test_reads_a_legacy_encoded_file(tmp_path):
    (tmp_path / "applications.csv").write_bytes("ID,Company,Job Title\nA-1,Café Ltd,Analyst\n".encode("cp1252"))
    assert LocalStore(tmp_path).load(TODAY).application("A-1")["Company"] == "Café Ltd"


def test_version_changes_when_the_file_is_edited(tmp_path):
    store = LocalStore(tmp_path)
    store.add_application({"Company": "A", "Job Title": "T"})
    before = store.version()
    path = tmp_path / "applications.csv"
    path.write_text(path.read_text(encoding="utf-8-sig") + "A-2,B,T\n", encoding="utf-8")
    os.utime(path, ns=(time.time_ns(), time.time_ns() + 1_000_000))
    assert store.version() != before


def test_the_folder_is_named_as_people_write_it(tmp_path, monkeypatch):
    """Under the home folder it reads "~/jobs/data" (the sidebar and Settings show it); elsewhere in full."""
    monkeypatch.setenv("HOME", str(tmp_path / "me"))
    monkeypatch.setenv("USERPROFILE", str(tmp_path / "me"))  # Path.home() on Windows
    (tmp_path / "me" / "jobs" / "data").mkdir(parents=True)
    assert LocalStore(tmp_path / "me" / "jobs" / "data").describe() == f"Local folder {Path('~', 'jobs', 'data')}"
    assert LocalStore(tmp_path / "me").describe() == "Local folder ~"
    elsewhere = tmp_path / "shared"
    assert LocalStore(elsewhere).describe() == f"Local folder {elsewhere.resolve()}"
