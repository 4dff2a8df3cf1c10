"""A process that writes to a local store until it is killed, for tests/contract/test_crash_trials.py.

Run as `python -m tests.crash_writer DATA_DIR`. It imports everything once, says `ready`, then
for each `go SEED` line on stdin forks a child that writes to the store (adds, updates, logged
follow-ups, deletes) in a loop until it is killed. Forking keeps each trial cheap: the heavy
imports are paid once. The parent prints `child PID`, waits for the child to die, then prints
`dead PID`.

Before each file replacement the child prints `W <tab> <hash>` (the hash of the rows it is
about to write); after it prints `D <tab>`. A file read after a kill must therefore hash to
the last announced version of that tab, or, when that write was not confirmed, the one
before it. Announcements are written with one `os.write` each, so a line is never torn.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import sys
import traceback
from datetime import date, datetime, timedelta
from typing import Any

from lib.domain.schema import APPLICATIONS, Tab, match_headers
from lib.domain.values import cell_text
from lib.io.parse import RawTable
from lib.io.store.local import LocalStore

OUT = sys.stdout.fileno()


def rows_hash(rows: list[list[Any]]) -> str:
    """Return the hash of a table's rows as they read back from CSV (header first)."""
    text = [["" if c is None else str(c) for c in row] for row in rows]
    return hashlib.sha256(json.dumps(text, ensure_ascii=False).encode()).hexdigest()[:16]


def say(line: str) -> None:
    os.write(OUT, (line + "\n").encode())


class AnnouncingStore(LocalStore):
    """A LocalStore that says which version of a file it is about to write, and when it has."""

    def _write(self, tab: Tab, table: RawTable) -> None:
        say(f"W {tab.title} {rows_hash([table.header] + table.rows)}")
        super()._write(tab, table)
        say(f"D {tab.title}")


TEXTS = ["plain", "comma, inside", 'a "quoted" word', "two\nlines", "emoji 🚀 and עברית", "=1+1", "  spaced  ", ""]


def current_ids(store: LocalStore) -> list[str]:
    raw = store.read_raw()[APPLICATIONS.title]
    pos = match_headers(APPLICATIONS, raw.header).positions.get("ID")
    return [cell_text(r[pos]) for r in raw.rows if pos is not None and pos < len(r) and cell_text(r[pos])]


def write_forever(data_dir: str, seed: int) -> None:
    """Write to the store until killed (or, as a safety net, for a few thousand writes)."""
    rng = random.Random(seed)
    store = AnnouncingStore(data_dir, today=lambda: date(2026, 11, 22))
    ids = current_ids(store)
    for n in range(5000):
        op = rng.choice(["add", "add", "update", "log", "delete"]) if ids else "add"
        if op == "add":
            ids.append(store.add_application({
                "Company": f"Company {seed}-{n}", "Job Title": rng.choice(TEXTS) or "Analyst",
                "Applied On": date(2026, 1, 1) + timedelta(days=rng.randint(0, 300)), "Notes": rng.choice(TEXTS),
            }))
        elif op == "update":
            store.update_application(rng.choice(ids), {"Notes": rng.choice(TEXTS), "Status": rng.choice(["Applied", "Interviewing"])}, {})
        elif op == "log":
            when = datetime(2026, 11, 1, 9) + timedelta(hours=rng.randint(0, 400))
            store.log_followup(rng.choice(ids), {"Date": when, "Direction": "Sent", "Medium": "Email", "Kind": "Follow-up",
                                                 "Subject": rng.choice(TEXTS), "Message": rng.choice(TEXTS)},
                               {"Last Follow-Up On": when, "Follow-Up Medium": "Email"}, {})
        else:
            store.delete_application(ids.pop(rng.randrange(len(ids))))


def main() -> None:
    data_dir = sys.argv[1]
    say("ready")
    for line in sys.stdin:
        parts = line.split()
        if parts[:1] != ["go"]:
            continue
        go_r, go_w = os.pipe()  # the child starts once "child PID" is out, so that line comes first
        pid = os.fork()
        if pid == 0:
            code = 0
            try:
                os.close(go_w)
                os.read(go_r, 1)
                write_forever(data_dir, int(parts[1]))
            except BaseException:
                traceback.print_exc()
                code = 1
            finally:
                os._exit(code)
        say(f"child {pid}")
        os.close(go_r)
        os.write(go_w, b"g")
        os.close(go_w)
        _, status = os.waitpid(pid, 0)
        say(f"dead {pid} {status}")


if __name__ == "__main__":
    main()
