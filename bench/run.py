"""How fast the app is at 100, 1,000 and 10,000 applications, and how little it asks of Google.

Run from the project root:

    .venv/bin/python -m bench.run                     # sizes 100, 1000, 10000
    .venv/bin/python -m bench.run --sizes 100,1000    # quicker
    .venv/bin/python -m bench.run --no-write          # print only; leave docs/performance.md alone

Each size runs in its own process (so its peak memory is its own and no cache carries over)
on generated data (`lib.io.demo.generate`): the local CSV store in a temporary folder, and a
Google Sheet on the Sheets API stand-in (`tests/fakes/sheets_api.py`, no network, so Sheets
times measure our code, gspread and JSON, not Google). Pages run through the whole app
(app.py under `streamlit.testing.v1.AppTest`), as the page tests do.

The table is printed and written into docs/performance.md between the benchmark markers
(the rest of that file is left as it is). Nothing here asserts: timings are reported, and a
✓/✗ column compares them with the targets.
"""

from __future__ import annotations

import argparse
import gc
import gzip
import json
import logging
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
import tracemalloc
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, cast

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "performance.md"
START_MARK = "<!-- bench:start (written by `python -m bench.run`; edit outside the markers) -->"
END_MARK = "<!-- bench:end -->"

PAGES = [
    ("Today", "app_pages/today.py"),
    ("Applications", "app_pages/applications.py"),
    ("Follow-up", "app_pages/follow_up.py"),
    ("Pipeline", "app_pages/pipeline.py"),
    ("Settings", "app_pages/settings.py"),
]
APP_TIMEOUT_SECONDS = 600  # a page that takes longer than this is reported as an error

# Targets (issue 17: what the app must do at 10,000 applications; smaller sizes are held to the same).
LOAD_TARGET_S = 0.1
EDIT_MAX_REQUESTS = 2
EDIT_MAX_BYTES_SENT = 2048
EDIT_MAX_BYTES_RECEIVED = 200 * 1024  # the edit's own requests and whatever the app reads after it
COLD_PAGE_TARGET_S = 0.5
WARM_PAGE_TARGET_S = 0.1
MAX_RSS_TARGET = 400 * 1024 * 1024
GROWTH_FROM = 1000  # the growth column compares each size with this one


@dataclass
class Row:
    """One line of the table."""

    size: int
    measure: str
    result: str
    target: str = ""
    met: bool | None = None  # None: nothing to compare with
    growth: str = ""  # how the result grew from GROWTH_FROM applications (filled in once every size is measured)

    @property
    def mark(self) -> str:
        return "" if self.met is None else ("✓" if self.met else "✗")


# --------------------------------------------------------------------------------------------
# Measuring one size (in a worker process)
# --------------------------------------------------------------------------------------------


def _median_time(fn: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _median_cpu(fn: Callable[[], Any], repeat: int) -> float:
    """The median CPU time of `fn` (the process's, every thread's): steadier than wall time on a shared machine."""
    times = []
    for _ in range(repeat):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return statistics.median(times)


def _timed(fn: Callable[[], Any]) -> tuple[float, float]:
    """Run `fn` once; return (wall seconds, CPU seconds of the process)."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def _first_line(text: str) -> str:
    lines = [line for line in str(text).strip().splitlines() if line.strip()]
    return (lines[0] if lines else "unknown error")[:160]


def _page_error(at) -> str | None:
    """Return the first line of the page's exception, if the run raised one."""
    if at.exception:
        return _first_line(at.exception[0].value)
    return None


def _quiet_streamlit() -> None:
    # AppTest outside `streamlit run` logs a warning per run about a missing run context.
    for name in ("streamlit", "streamlit.runtime", "streamlit.runtime.scriptrunner_utils.script_run_context"):
        logging.getLogger(name).setLevel(logging.ERROR)


def _seconds(value: float) -> str:
    return f"{value:.3f} s"


def _kb(value: int) -> str:
    return f"{value / 1024:,.1f} KB" if value < 1024 * 1024 else f"{value / 1024 / 1024:,.2f} MB"


def measure_size(size: int, repeat: int, part: str) -> list[Row]:
    """Measure one part ("local": the CSV store and the pages on it; "sheets": the stand-in and the app on it) for `size`
    applications; return the table rows.

    The parts run in processes of their own, so the local part's memory is the app's alone, while
    the Sheets part's includes the stand-in, which holds every cell of the sheet (Google's memory
    in real life); its share is measured and shown apart.
    """
    import pytest  # only for MonkeyPatch, to reuse the tests' route to the Sheets stand-in
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from lib import ui
    from lib.io.config import DATA_DIR_ENV, DEMO_ENV
    from lib.io.demo import generate
    from lib.io.store.local import LocalStore
    from tests.fakes.sheet_route import SheetsOnFake

    _quiet_streamlit()
    today = date.today()  # the app reads "today" from the clock; the data must agree with it
    rows: list[Row] = []
    generated = generate(size, today)
    apps, history = cast("list[Mapping[str, Any]]", generated[0]), cast("list[Mapping[str, Any]]", generated[1])
    if part == "local":
        rows.append(Row(size, "Data generated (applications / history rows)", f"{len(apps):,} / {len(history):,}"))

    if part == "local":
        # --- local store: load + validation ---------------------------------------------------
        tmp = tempfile.TemporaryDirectory(prefix="bench-")
        local = LocalStore(Path(tmp.name) / "data")
        local.replace_all(apps, history, {})
        local.load(today)  # the first read also warms the file cache
        took = _median_time(lambda: local.load(today), repeat)
        rows.append(Row(size, f"Local store: load + validation (median of {repeat})", _seconds(took),
                        f"< {LOAD_TARGET_S} s", took < LOAD_TARGET_S))

        cpu = _median_cpu(lambda: local.load(today), repeat)
        rows.append(Row(size, f"Local store: load + validation, CPU time (median of {repeat})", _seconds(cpu),
                        f"< {LOAD_TARGET_S} s", cpu < LOAD_TARGET_S))
        rows += _planner_rows(size, local.load(today), repeat)

        tracemalloc.start()
        local.load(today)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        rows.append(Row(size, "Local store: peak memory of one load (tracemalloc)", _kb(peak)))

        # --- pages on the local store -----------------------------------------------------------
        os.environ[DATA_DIR_ENV] = str(local.data_dir)
        os.environ[DEMO_ENV] = "0"
        target = WARM_PAGE_TARGET_S
        for title, path in PAGES:
            try:
                at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=APP_TIMEOUT_SECONDS)
                at.run()
                ui.forget_all_reads()  # cold: the page's first run reads the store
                at.switch_page(path)
                cold, cold_cpu = _timed(at.run)
                error = _page_error(at)
                warm = _median_time(at.run, repeat)
                warm_cpu = _median_cpu(at.run, repeat)
                error = error or _page_error(at)
            except Exception as exc:
                error = _first_line(f"{type(exc).__name__}: {exc}")
            if error:
                rows.append(Row(size, f"Page {title}: warm run (median of {repeat})", f"error: {error}", f"< {target:g} s", False))
                continue
            rows.append(Row(size, f"Page {title}: warm run (median of {repeat}; CPU time)", f"{_seconds(warm)} (CPU {_seconds(warm_cpu)})",
                            f"≤ {target:g} s", warm <= target))
            rows.append(Row(size, f"Page {title}: cold run (reads the store; CPU time)", f"{_seconds(cold)} (CPU {_seconds(cold_cpu)})",
                            f"≤ {COLD_PAGE_TARGET_S:g} s", cold <= COLD_PAGE_TARGET_S))
        st.cache_data.clear()
        st.cache_resource.clear()
        tmp.cleanup()

    if part == "sheets":
        # --- Google Sheet on the stand-in ---------------------------------------------------------
        monkeypatch = pytest.MonkeyPatch()
        try:
            sheet = SheetsOnFake(monkeypatch)
            fake, store = sheet.fake, sheet.store
            before_seeding = _rss()
            store.replace_all(apps, history, {})
            fake.requests_log.clear()  # the seeding request's body is the stand-in's record, not the app's
            gc.collect()
            stand_in = _rss() - before_seeding
            peak_reset = _reset_peak()  # from here on the peak is the app's run (with the stand-in's copy resident)
            store.load(today)  # opens the spreadsheet (one metadata request), as the app does once
            serving = _time_serving(fake)
            gzipped = _count_gzip(fake)
            fake.reset_counters()
            gzipped[0] = 0
            client_times, serve_times = [], []
            for _ in range(repeat):
                serving[0] = 0.0
                start = time.perf_counter()
                store.load(today)
                total = time.perf_counter() - start
                client_times.append(total - serving[0])
                serve_times.append(serving[0])
            took, served = statistics.median(client_times), statistics.median(serve_times)
            per_load_requests = fake.request_count / repeat
            per_load_bytes = fake.bytes_received // repeat
            per_load_gzip = gzipped[0] // repeat
            rows.append(Row(size, f"Sheets: load + validation, our side (median of {repeat})",
                            f"{_seconds(took)} (+{_seconds(served)} in the stand-in)", f"< {LOAD_TARGET_S} s", took < LOAD_TARGET_S))
            rows.append(Row(size, "Sheets: requests per load", f"{per_load_requests:g}", "1", per_load_requests == 1))
            rows.append(Row(size, "Sheets: bytes received per load (gzip)", f"{_kb(per_load_bytes)} ({_kb(per_load_gzip)})"))

            data = store.load(today)
            app = data.applications.iloc[len(data.applications) // 2].to_dict()
            fake.reset_counters()
            serving[0] = 0.0
            gzipped[0] = 0
            start = time.perf_counter()
            store.update_application(app["ID"], {"Notes": "Called the recruiter", "Status": "Interviewing"}, app)
            took = time.perf_counter() - start - serving[0]
            edit_requests, edit_sent, edit_received = fake.request_count, fake.bytes_sent, fake.bytes_received
            rows.append(Row(size, "Sheets: single-row edit, requests", str(edit_requests),
                            f"≤ {EDIT_MAX_REQUESTS}", edit_requests <= EDIT_MAX_REQUESTS))
            rows.append(Row(size, "Sheets: single-row edit, bytes sent", f"{edit_sent:,} B",
                            f"< {EDIT_MAX_BYTES_SENT // 1024} KB", edit_sent < EDIT_MAX_BYTES_SENT))
            rows.append(Row(size, "Sheets: single-row edit, bytes received (gzip) / time on our side",
                            f"{_kb(edit_received)} ({_kb(gzipped[0])}) / {_seconds(took)}"))

            # Page views on the Sheet, through the app's real credentials path.
            st.cache_data.clear()
            st.cache_resource.clear()
            monkeypatch.setenv(DEMO_ENV, "0")
            at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=APP_TIMEOUT_SECONDS)
            at.secrets["connections"] = {"gsheets": sheet.secrets}
            at.run()  # opens the store: token, metadata and the first read
            rows += _edit_through_the_app(size, at, fake, gzipped)
            for title, path in PAGES:
                try:
                    ui.forget_all_reads()
                    fake.reset_counters()
                    at.switch_page(path)
                    at.run()
                    error = _page_error(at)
                    cold_requests, cold_bytes = fake.request_count, fake.bytes_received
                    fake.reset_counters()
                    at.run()
                    error = error or _page_error(at)
                    warm_requests = fake.request_count
                except Exception as exc:  # a broken page must not stop the benchmark
                    error = _first_line(f"{type(exc).__name__}: {exc}")
                if error:
                    rows.append(Row(size, f"Sheets requests per view: {title}", f"error: {error}", "cold 1, warm 0", False))
                    continue
                ok = cold_requests == 1 and warm_requests == 0
                rows.append(Row(size, f"Sheets requests per view: {title}",
                                f"cold {cold_requests} ({_kb(cold_bytes)} received), warm {warm_requests}", "cold 1, warm 0", ok))
        finally:
            monkeypatch.undo()
            st.cache_data.clear()
            st.cache_resource.clear()


    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # ru_maxrss is in kilobytes on Linux
    if part == "sheets" and peak_reset:
        maxrss = _status("VmHWM")
    if part == "local":
        rows.append(Row(size, "Peak memory, app on the local store (max RSS of its process)", _kb(maxrss),
                        f"≤ {MAX_RSS_TARGET // 2**20} MB", maxrss <= MAX_RSS_TARGET))
    else:
        since = "after seeding the stand-in" if peak_reset else "of its process, seeding included"
        rows.append(Row(size, f"Peak memory, app on the Sheets stand-in (max RSS {since})", _kb(maxrss)))
        rows.append(Row(size, "… of which the stand-in's copy of the sheet (RSS after seeding it)", _kb(stand_in)))
        rows.append(Row(size, "… so the app on Sheets, without the stand-in", _kb(maxrss - stand_in),
                        f"≤ {MAX_RSS_TARGET // 2**20} MB", maxrss - stand_in <= MAX_RSS_TARGET))
    return rows


def _planner_rows(size: int, data: Any, repeat: int) -> list[Row]:
    """CPU time of the whole-search plan: from scratch, after a new read of the same data, after one edit."""
    from lib.planner.plan import forget_plans, plan
    from lib.planner.settings import RuleSettings

    now = datetime.now().replace(second=0, microsecond=0)
    settings = RuleSettings.from_settings(data.settings)
    apps, fups, issues = data.applications, data.followups, data.issues

    def from_scratch() -> None:
        forget_plans()
        plan(apps, fups, now, settings, issues)

    edited = apps.copy()
    edited.loc[edited.index[len(edited) // 2], "Notes"] = "Called the recruiter"
    timings: dict[str, list[float]] = {"again": [], "edit": []}
    for _ in range(repeat):
        for name, frame in (("again", apps.copy()), ("edit", edited)):
            plan(apps, fups, now, settings, issues)
            start = time.process_time()
            plan(frame, fups.copy(), now, settings, issues)
            timings[name].append(time.process_time() - start)
    scratch = _median_cpu(from_scratch, repeat)
    return [
        Row(size, f"Planner: every application's next action, from scratch (CPU, median of {repeat})", _seconds(scratch)),
        Row(size, "Planner: … after a new read of the same data (CPU)", _seconds(statistics.median(timings["again"]))),
        Row(size, "Planner: … after one application was edited (CPU)", _seconds(statistics.median(timings["edit"]))),
    ]


def _status(field: str) -> int:
    """Return a memory figure of this process from /proc/self/status (VmRSS, VmHWM), in bytes; 0 when unknown."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _rss() -> int:
    """Return the process's resident memory now, in bytes (Linux)."""
    return _status("VmRSS")


def _reset_peak() -> bool:
    """Reset the process's peak resident memory (VmHWM) to what it is now; return False where that cannot be done."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def _edit_through_the_app(size: int, at, fake, gzipped: list[int]) -> list[Row]:
    """Edit one application on the Applications page; return what the click costs, the app's reads after the write included."""
    at.switch_page("app_pages/applications.py")
    at.run()
    picker = at.selectbox(key="applications.open")  # lists the first applications only at large sizes: take one of those
    picker.select_index(len(picker.options) // 2).run()
    app_id = str(at.selectbox(key="applications.open").value)
    at.text_input(key=f"applications.edit.{app_id}.Location").input("Leeds")
    fake.reset_counters()
    gzipped[0] = 0
    at.button(key=f"FormSubmitter:applications.edit.{app_id}-Save changes").click().run()
    error = _page_error(at) or next((_first_line(e.value) for e in at.error), None)
    if error:
        return [Row(size, "Sheets: one edit on the page, with the reads after it", f"error: {error}", "", False)]
    received = fake.bytes_received
    return [
        Row(size, "Sheets: one edit on the page, requests (the write's and every read after it)", str(fake.request_count),
            f"≤ {EDIT_MAX_REQUESTS}", fake.request_count <= EDIT_MAX_REQUESTS),
        Row(size, "Sheets: one edit on the page, bytes received (gzip), reads after it included",
            f"{_kb(received)} ({_kb(gzipped[0])})", f"≤ {EDIT_MAX_BYTES_RECEIVED // 1024} KB", received <= EDIT_MAX_BYTES_RECEIVED),
    ]


def _count_gzip(fake) -> list[int]:
    """Add up the gzip size of every response body the stand-in sends: what a real Google answer weighs on the wire.

    Google compresses its answers when asked (requests asks by default); the stand-in does not, so
    its byte counts are the uncompressed JSON.
    """
    total = [0]
    serve = fake._serve

    def counted(*args, **kwargs):
        response = serve(*args, **kwargs)
        total[0] += len(gzip.compress(response.content or b"", compresslevel=6))
        return response

    fake._serve = counted
    return total


def _time_serving(fake) -> list[float]:
    """Count the time the stand-in spends answering, so Sheets timings show our side alone.

    On the real service that time is Google's and the network's; here it is the stand-in
    rendering and pretty-printing JSON, which says nothing about the app.
    """
    spent = [0.0]
    serve = fake._serve

    def timed(*args, **kwargs):
        start = time.perf_counter()
        try:
            return serve(*args, **kwargs)
        finally:
            spent[0] += time.perf_counter() - start

    fake._serve = timed
    return spent


def worker(size: int, repeat: int, part: str, out: Path) -> int:
    """Measure one part of one size and write its rows as JSON to `out`."""
    try:
        rows = measure_size(size, repeat, part)
    except Exception as exc:  # report, never crash the whole benchmark
        traceback.print_exc()
        rows = [Row(size, "Benchmark", f"error: {_first_line(f'{type(exc).__name__}: {exc}')}", "", False)]
    out.write_text(json.dumps([asdict(r) for r in rows]))
    return 0


# --------------------------------------------------------------------------------------------
# The table
# --------------------------------------------------------------------------------------------

HEADERS = ("Size", "Measure", "Result", "Target", "Met", f"Growth from {GROWTH_FROM:,}")
_UNITS = {"s": 1.0, "B": 1.0, "KB": 1024.0, "MB": 1024.0**2}
_NUMBER = re.compile(r"([\d,]+(?:\.\d+)?)\s*(s|B|KB|MB)?(?![\w])")


def _amount(result: str) -> float | None:
    """Return the first amount in a result ("2.50 MB / 0.01 s" -> bytes), in base units; None when there is none."""
    if result.startswith("error"):
        return None
    match = _NUMBER.search(result)
    if not match:
        return None
    return float(match.group(1).replace(",", "")) * _UNITS.get(match.group(2) or "", 1.0)


def add_growth(rows: list[Row]) -> None:
    """Fill in each row's growth: its first amount over the same measure's at GROWTH_FROM applications ("×9.7")."""
    base = {r.measure: _amount(r.result) for r in rows if r.size == GROWTH_FROM}
    for r in rows:
        was, now = base.get(r.measure), _amount(r.result)
        if r.size != GROWTH_FROM and was is not None and now is not None:
            r.growth = f"×{now / was:.1f}" if was else ("same" if not now else "from 0")


def _cells(row: Row) -> tuple[str, ...]:
    return (f"{row.size:,}", row.measure, row.result, row.target, row.mark, row.growth)


def text_table(rows: list[Row]) -> str:
    """Return the rows as an aligned plain-text table."""
    cells = [HEADERS] + [_cells(r) for r in rows]
    widths = [max(len(c[i]) for c in cells) for i in range(len(HEADERS))]
    lines = []
    for n, c in enumerate(cells):
        lines.append("  ".join(c[i].ljust(widths[i]) for i in range(len(HEADERS))).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def markdown_table(rows: list[Row]) -> str:
    """Return the rows as a Markdown table."""
    def esc(text: str) -> str:
        return text.replace("|", "\\|")

    lines = ["| " + " | ".join(HEADERS) + " |", "|" + "|".join(["---:", "---", "---", "---", ":---:", "---:"]) + "|"]
    lines += ["| " + " | ".join(esc(c) for c in _cells(r)) + " |" for r in rows]
    return "\n".join(lines)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} CPU(s) ({cpu}), Python {platform.python_version()}, {platform.system()} {platform.release()}"


def report(rows: list[Row], command: str, took: float) -> str:
    """Return the Markdown block written into docs/performance.md."""
    missed = [r for r in rows if r.met is False]
    summary = f"{len(missed)} target(s) missed." if missed else "Every target met."
    return "\n".join([
        START_MARK,
        f"Run on {datetime.now():%Y-%m-%d %H:%M} · {machine()} · took {took:.0f} s.",
        "",
        f"Reproduce: `{command}`",
        "",
        markdown_table(rows),
        "",
        summary,
        END_MARK,
    ])


def write_doc(block: str) -> None:
    """Put `block` between the markers in docs/performance.md, keeping the rest of the file."""
    DOC.parent.mkdir(parents=True, exist_ok=True)
    text = DOC.read_text() if DOC.exists() else "# Performance\n\n"
    if START_MARK in text and END_MARK in text:
        head, rest = text.split(START_MARK, 1)
        _, tail = rest.split(END_MARK, 1)
        text = head + block + tail
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    DOC.write_text(text)


def _run_worker(size: int, repeat: int, part: str) -> list[Row]:
    """Run one part of one size in a process of its own; return its rows (an error row when it broke)."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as fh:
        out = Path(fh.name)
    cmd = [sys.executable, "-m", "bench.run", "--worker", str(size), "--part", part, "--repeat", str(repeat), "--out", str(out)]
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    proc = subprocess.run(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        return [Row(**r) for r in json.loads(out.read_text() or "[]")]
    except (OSError, ValueError):
        detail = _first_line(proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else f"exit code {proc.returncode}")
        return [Row(size, f"Benchmark ({part})", f"error: {detail}", "", False)]
    finally:
        out.unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000,10000", help="comma-separated numbers of applications")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per measure (the median is shown)")
    parser.add_argument("--no-write", action="store_true", help="print the table only; do not update docs/performance.md")
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--part", default="local", help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.worker is not None:
        return worker(args.worker, args.repeat, args.part, args.out)

    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    started = time.perf_counter()
    rows: list[Row] = []
    for size in sizes:
        print(f"Measuring {size:,} applications…", file=sys.stderr, flush=True)
        t0 = time.perf_counter()
        for part in ("local", "sheets"):
            rows += _run_worker(size, args.repeat, part)
        print(f"  done in {time.perf_counter() - t0:.0f} s", file=sys.stderr, flush=True)
    took = time.perf_counter() - started
    add_growth(rows)

    print(text_table(rows))
    missed = [r for r in rows if r.met is False]
    print(f"\n{len(missed)} target(s) missed." if missed else "\nEvery target met.")
    command = ".venv/bin/python -m bench.run" + ("" if args.sizes == "100,1000,10000" else f" --sizes {args.sizes}")
    if not args.no_write:
        write_doc(report(rows, command, took))
        print(f"Written to {DOC.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
