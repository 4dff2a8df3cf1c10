"""Files as spreadsheet programs save them: read right, and written back byte for byte the same.

Each case is a file as Excel (US and European), LibreOffice, Numbers or a "Unicode text"
export saves it. After every kind of write the rows the app did not touch must be the very
same bytes, and the rows it wrote must use the file's own delimiter, quoting, encoding and
line ends.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pytest

from lib.io.store.factory import clear_all, seed_demo
from lib.io.store.local import LocalStore

TODAY = date(2026, 11, 22)
BOMS = {"utf-8": b"\xef\xbb\xbf", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff", "cp1252": b""}


@dataclass(frozen=True)
class Saved:
    """How one program saves CSV."""

    name: str
    encoding: str
    bom: bool
    delimiter: str
    eol: str
    quote_text: bool = False  # LibreOffice's "quote all text cells"
    sep_line: bool = False
    inner_eol: str = "\n"  # a line break inside a cell

    def line(self, cells: list[str]) -> str:
        out = []
        for c in cells:
            needs = any(ch in c for ch in (self.delimiter, '"', "\r", "\n"))
            typed = re.fullmatch(r"[\d.:\- ]+", c)  # numbers and dates are not text cells
            if needs or (self.quote_text and c and not typed):
                c = '"' + c.replace('"', '""') + '"'
            out.append(c)
        return self.delimiter.join(out)

    def text(self, rows: list[list[str]]) -> str:
        head = f"sep={self.delimiter}{self.eol}" if self.sep_line else ""
        return head + "".join(self.line(r) + self.eol for r in rows)

    def encode(self, text: str) -> bytes:
        return (BOMS[self.encoding] if self.bom else b"") + text.encode(self.encoding)

    def decode(self, data: bytes) -> str:
        if self.bom:
            assert data.startswith(BOMS[self.encoding]), "the byte-order mark is kept"
            data = data[len(BOMS[self.encoding]):]
        return data.decode(self.encoding)

    def rows(self, data: bytes) -> list[list[str]]:
        text = self.decode(data)
        if self.sep_line:
            first = f"sep={self.delimiter}{self.eol}"
            assert text.startswith(first), "the sep= line is kept"
            text = text[len(first):]
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=self.delimiter))


PROGRAMS = [
    Saved("Excel US, CSV UTF-8", "utf-8", True, ",", "\r\n"),
    Saved("Excel US, CSV (Windows-1252)", "cp1252", False, ",", "\r\n"),
    Saved("Excel EU, semicolons", "cp1252", False, ";", "\r\n"),
    Saved("Excel EU, CSV UTF-8 with sep= line", "utf-8", True, ";", "\r\n", sep_line=True),
    Saved("Excel, Unicode text (UTF-16 LE, tabs)", "utf-16-le", True, "\t", "\r\n"),
    Saved("UTF-16 BE with BOM", "utf-16-be", True, "\t", "\r\n"),
    Saved("LibreOffice, quote all text cells", "utf-8", False, ",", "\n", quote_text=True),
    Saved("LibreOffice EU, semicolons", "utf-8", False, ";", "\n"),
    Saved("Numbers", "utf-8", False, ",", "\n"),
    Saved("Excel for Mac (CR line ends)", "cp1252", False, ",", "\r", inner_eol="\n"),
    Saved("pipe-separated export", "utf-8", False, "|", "\n"),
]

HEADER = ["ID", "Company", "Job Title", "Location", "My rating", "Status", "Applied On", "Notes"]


def app_rows(p: Saved) -> list[list[str]]:
    return [
        HEADER,
        ["A-1", "Zoë & Co", "Analyst", "Berlin, DE", "5", "Applied", "2026-11-02", f"two{p.inner_eol}lines"],
        ["A-2", "Café; Ltd", "Engineer", "Paris | FR", "3", "Interviewing", "2026-10-20", 'said "soon"'],
        ["A-3", "Tab\tCorp", "Lead", "", "", "Applied", "2026-11-10", ""],
    ]


HISTORY = [
    ["ID", "Application ID", "Date", "Direction", "Medium", "Kind", "Subject", "Message"],
    ["F-1", "A-1", "2026-11-05 09:00", "Sent", "Email", "Follow-up", "Checking in", "Hi, any news?"],
    ["F-2", "A-2", "2026-11-06 10:00", "Sent", "Email", "Follow-up", "Hello", ""],
]
SETTINGS = [["Key", "Value"], ["profile.name", "Jörg Müller"], ["rules.thank_you_hours", "24"]]


def save(folder: Path, p: Saved) -> dict[str, bytes]:
    files = {"applications.csv": app_rows(p), "followups.csv": HISTORY, "settings.csv": SETTINGS}
    out = {}
    for name, rows in files.items():
        out[name] = p.encode(p.text(rows))
        (folder / name).write_bytes(out[name])
    return out


@pytest.fixture(params=PROGRAMS, ids=lambda p: p.name)
def program(request) -> Saved:
    return request.param


@pytest.fixture
def saved(tmp_path: Path, program: Saved):
    before = save(tmp_path, program)
    return LocalStore(tmp_path, today=lambda: TODAY), program, before


def lines_of(p: Saved, rows: list[list[str]]) -> list[str]:
    return [p.line(r) for r in rows]


def test_reads_every_cell(saved):
    store, p, _ = saved
    data = store.load(TODAY)
    assert not [i for i in data.issues if i.severity == "error"], data.issues
    a1, a2, a3 = (data.application(f"A-{n}") for n in (1, 2, 3))
    assert (a1["Company"], a1["Location"], a1["Notes"]) == ("Zoë & Co", "Berlin, DE", f"two{p.inner_eol}lines")
    assert (a2["Company"], a2["Location"], a2["Notes"], a2["Status"]) == ("Café; Ltd", "Paris | FR", 'said "soon"', "Interviewing")
    assert a3["Company"] == "Tab\tCorp"
    assert list(data.applications["My rating"]) == ["5", "3", ""]
    assert data.settings["profile.name"] == "Jörg Müller"
    assert len(data.followups) == 2


def test_update_changes_only_that_row(saved):
    store, p, _before = saved
    store.update_application("A-2", {"Status": "Offer"}, store.load(TODAY).application("A-2"))
    after = (store.data_dir / "applications.csv").read_bytes()
    rows = app_rows(p)
    changed = [*rows[2][:5], "Offer", *rows[2][6:]]
    expected = p.text(rows).replace(p.line(rows[2]), p.line(changed))
    assert p.decode(after) == expected
    assert store.load(TODAY).application("A-2")["Status"] == "Offer"


def test_add_appends_in_the_same_dialect(saved):
    store, p, before = saved
    new_id = store.add_application({"Company": "Nord; Süd, GmbH", "Job Title": "Analyst", "Notes": "x"})
    after = (store.data_dir / "applications.csv").read_bytes()
    assert after.startswith(before["applications.csv"]), "every existing row is byte-for-byte the same"
    added = p.rows(after)[-1]
    assert added[0] == new_id and added[1] == "Nord; Süd, GmbH"
    assert p.decode(after).endswith(p.eol)
    assert len(added) == len(HEADER)


def test_delete_and_its_history(saved):
    store, p, _before = saved
    store.delete_application("A-1")
    rows = app_rows(p)
    assert p.decode((store.data_dir / "applications.csv").read_bytes()) == p.text([rows[0], rows[2], rows[3]])
    assert p.decode((store.data_dir / "followups.csv").read_bytes()) == p.text([HISTORY[0], HISTORY[2]])


def test_log_a_reply_writes_both_files_in_their_dialect(saved):
    store, p, before = saved
    when = datetime(2026, 11, 20, 9, 30)
    store.log_followup("A-3", {"Date": when, "Direction": "Received", "Medium": "Email", "Kind": "Reply", "Message": "Thanks; we will call"},
                       {"Response On": when}, store.load(TODAY).application("A-3"))
    history = (store.data_dir / "followups.csv").read_bytes()
    assert history.startswith(before["followups.csv"])
    assert p.rows(history)[-1][1] == "A-3" and p.rows(history)[-1][7] == "Thanks; we will call"
    apps = p.rows((store.data_dir / "applications.csv").read_bytes())
    assert apps[0] == HEADER + ["Response On"], "the missing column is added at the end"
    assert apps[3][:len(HEADER)] == app_rows(p)[3] and apps[3][-1].startswith("2026-11-20")
    text = p.decode((store.data_dir / "applications.csv").read_bytes())
    for row in app_rows(p)[1:3]:
        assert p.line(row) + p.eol in text, "untouched rows keep their bytes"


def test_settings_change_in_place(saved):
    store, p, _before = saved
    store.save_settings({"profile.name": "Jo", "profile.email": "jo@example.com"})
    text = p.decode((store.data_dir / "settings.csv").read_bytes())
    assert text == p.text([SETTINGS[0], ["profile.name", "Jo"], SETTINGS[2], ["profile.email", "jo@example.com"]])


def test_replace_all_keeps_dialect_and_columns(saved):
    store, p, _before = saved
    store.replace_all([{"Company": "Kite", "Job Title": "Analyst"}], [], {"demo": "true"})
    apps = p.rows((store.data_dir / "applications.csv").read_bytes())
    assert apps[0] == HEADER, "the person's columns stay, in their order"
    assert apps[1][1] == "Kite"
    assert p.rows((store.data_dir / "settings.csv").read_bytes()) == [["Key", "Value"], ["demo", "true"]]


def test_backups_are_the_old_bytes(saved):
    store, _p, before = saved
    store.add_application({"Company": "Kite", "Job Title": "Analyst"})
    (backup,) = (store.data_dir / "backups").glob("applications.*.csv")
    assert backup.read_bytes() == before["applications.csv"]


def test_clear_demo_keeps_the_persons_columns_and_rows(tmp_path):
    p = PROGRAMS[2]  # a European Excel file
    store = LocalStore(tmp_path, today=lambda: TODAY)
    seed_demo(store, TODAY)
    # The person reorders columns, adds their own, and adds their own application, by hand.
    data = store.load(TODAY)
    header = ["Company", "My rating", "ID", "Job Title", "Status"]
    rows = [header]
    for _, a in data.applications.iterrows():
        rows.append([a["Company"], "3", a["ID"], a["Job Title"], a["Status"]])
    rows.append(["My own pick", "5", "A-mine", "Analyst", "Applied"])
    (tmp_path / "applications.csv").write_bytes(p.encode(p.text(rows)))
    history_rows = list(csv.reader(io.StringIO((tmp_path / "followups.csv").read_text(encoding="utf-8-sig"), newline="")))
    history_rows.append(["F-mine", "A-mine", "2026-11-01", "Sent", "Email", "Follow-up", "", "", "", ""][: len(history_rows[0])])
    (tmp_path / "followups.csv").write_bytes(p.encode(p.text(history_rows)))
    store.save_settings({"rules.thank_you_hours": "12"})

    clear_all(store, store.load(TODAY).settings)
    after = store.load(TODAY)
    assert p.rows((tmp_path / "applications.csv").read_bytes()) == [header, ["My own pick", "5", "A-mine", "Analyst", "Applied"]]
    assert list(after.followups["ID"]) == ["F-mine"]
    assert not after.is_demo and "profile.name" not in after.settings
    assert after.settings["rules.thank_you_hours"] == "12"


def test_clear_own_data_removes_rows_keeps_header(tmp_path):
    p = PROGRAMS[6]
    store = LocalStore(tmp_path, today=lambda: TODAY)
    save(tmp_path, p)
    clear_all(store, store.load(TODAY).settings)
    assert p.rows((tmp_path / "applications.csv").read_bytes()) == [HEADER]
    assert p.rows((tmp_path / "followups.csv").read_bytes()) == [HISTORY[0]]
    assert store.load(TODAY).settings["profile.name"] == "Jörg Müller"


def test_a_file_without_a_last_line_end_stays_so(tmp_path):
    original = b"ID;Company;Job Title\nA-1;Acme;Analyst"
    (tmp_path / "applications.csv").write_bytes(original)
    store = LocalStore(tmp_path)
    new_id = store.add_application({"Company": "Beta", "Job Title": "Dev"})
    assert (tmp_path / "applications.csv").read_bytes() == original + f"\n{new_id};Beta;Dev".encode()


def test_utf16_saved_without_a_byte_order_mark(tmp_path):
    original = "ID\tCompany\tJob Title\r\nA-1\tZoë\tAnalyst\r\n".encode("utf-16-le")
    (tmp_path / "applications.csv").write_bytes(original)
    store = LocalStore(tmp_path)
    assert store.load(TODAY).application("A-1")["Company"] == "Zoë"
    new_id = store.add_application({"Company": "Żabka", "Job Title": "Dev"})
    assert (tmp_path / "applications.csv").read_bytes() == original + f"{new_id}\tŻabka\tDev\r\n".encode("utf-16-le")


def test_line_ends_of_each_row_are_kept(tmp_path):
    # Saved by Excel (CRLF), then a row added in a text editor (LF), and a cell with a line break.
    original = b'ID,Company,Job Title,Notes\r\nA-1,Acme,Analyst,"a\nb"\r\nA-2,Beta,Dev,x\nA-3,Gamma,Lead,y\r\n'
    (tmp_path / "applications.csv").write_bytes(original)
    store = LocalStore(tmp_path, today=lambda: TODAY)
    store.update_application("A-3", {"Notes": "z"}, store.load(TODAY).application("A-3"))
    assert (tmp_path / "applications.csv").read_bytes() == original.replace(b"Lead,y", b"Lead,z")
