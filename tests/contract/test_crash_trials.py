"""The local store killed at a random moment: every file is always one whole version.

A writer process (tests/crash_writer.py) adds, updates, logs follow-ups and deletes in a loop
and is SIGKILLed at a random point, again and again on the same folder. After each kill every
CSV file must parse and be exactly the version before or after the write that was cut short,
and the next writer must carry on from there.
"""

from __future__ import annotations

import csv
import os
import queue
import random
import signal
import subprocess
import sys
import threading
from datetime import date
from pathlib import Path

import pytest

from lib.domain.schema import TABS
from lib.io.demo import generate
from lib.io.store.local import LocalStore
from tests.crash_writer import rows_hash

ROOT = Path(__file__).resolve().parents[2]
TRIALS = 60
TODAY = date(2026, 11, 22)
LINE_TIMEOUT_SECONDS = 30


class Writer:
    """The writer process: starts a child per trial and reports what it announced."""

    def __init__(self, data_dir: Path, log: Path):
        self._stderr = open(log, "w")  # noqa: SIM115 -- the child writes to it until close()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.crash_writer", str(data_dir)], cwd=ROOT, text=True,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._stderr,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        self._lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._pump, daemon=True).start()
        assert self.line() == "ready"

    def _pump(self) -> None:
        for line in self.proc.stdout:  # type: ignore[union-attr]
            self._lines.put(line.rstrip("\n"))

    def line(self) -> str:
        return self._lines.get(timeout=LINE_TIMEOUT_SECONDS)

    def trial(self, seed: int, delay: float) -> tuple[list[str], int]:
        """Run one child, kill it after `delay` seconds; return (its announcements, wait status)."""
        self.proc.stdin.write(f"go {seed}\n")  # type: ignore[union-attr]
        self.proc.stdin.flush()  # type: ignore[union-attr]
        first = self.line()
        assert first.startswith("child "), first
        pid = int(first.split()[1])
        threading.Event().wait(delay)
        os.kill(pid, signal.SIGKILL)
        said = []
        while not (line := self.line()).startswith(f"dead {pid} "):
            said.append(line)
        return said, int(line.split()[2])

    def close(self) -> None:
        self.proc.stdin.close()  # type: ignore[union-attr]
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self._stderr.close()


def file_hash(path: Path) -> str:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return rows_hash(list(csv.reader(fh)))


@pytest.fixture
def seeded(tmp_path: Path) -> LocalStore:
    store = LocalStore(tmp_path / "data")
    apps, history = generate(15, TODAY)
    store.replace_all(apps, history, {"profile.name": "Sam"})
    return store


@pytest.fixture
def writer(seeded: LocalStore, tmp_path: Path):
    w = Writer(seeded.data_dir, tmp_path / "writer.log")
    yield w
    w.close()


def test_every_file_is_a_whole_version_after_each_kill(seeded, writer, tmp_path):
    paths = {tab.title: seeded.path(tab) for tab in TABS}
    versions = {title: [file_hash(p)] for title, p in paths.items()}
    every = {title: set(v) for title, v in versions.items()}
    confirmed = dict.fromkeys(paths, True)
    rng = random.Random(2026)
    cut_mid_write = 0
    for trial in range(TRIALS):
        # Mostly well into the loop, sometimes right at the start.
        delay = rng.choice([rng.uniform(0, 0.01), rng.uniform(0.01, 0.25), rng.uniform(0.01, 0.25)])
        said, status = writer.trial(trial, delay)
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, (
            f"trial {trial}: the writer stopped by itself (status {status}); see {tmp_path / 'writer.log'}")
        for line in said:
            kind, title, *rest = line.split(" ", 2)
            if kind == "W":
                versions[title].append(rest[0])
                every[title].add(rest[0])
                confirmed[title] = False
            elif kind == "D":
                confirmed[title] = True
        for title, path in paths.items():
            allowed = versions[title][-1:] if confirmed[title] else versions[title][-2:]
            assert file_hash(path) in allowed, f"trial {trial}: {path.name} is not a whole version"
        cut_mid_write += not all(confirmed.values())
        for title in paths:
            confirmed[title] = True
            versions[title] = [file_hash(paths[title])]  # what the next writer starts from
    assert cut_mid_write > 0  # the kills did land inside writes, not only between them

    backups = {tab.title: sorted(seeded.backup_dir.glob(f"{Path(tab.file_name).stem}.*.csv")) for tab in TABS}
    for title, files in backups.items():
        for backup in files:
            assert file_hash(backup) in every[title], f"{backup.name} is not a whole version"

    # After all that, the store reads cleanly and the next write tidies up what the kills left.
    store = LocalStore(seeded.data_dir, today=lambda: TODAY)
    before = store.load(TODAY)
    assert not [i for i in before.issues if i.severity == "error"]
    store.add_application({"Company": "After the storm", "Job Title": "Analyst"})
    assert not list(seeded.data_dir.glob(".*.tmp"))
    assert len(store.load(TODAY).applications) == len(before.applications) + 1
