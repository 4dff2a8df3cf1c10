"""Whatever goes wrong while reading the data, the app shows a message, never a traceback page.

With data read before, it keeps showing that data, read-only, and says why; the traceback
goes to the server log. The local files as spreadsheet programs save them read right and
a file the app cannot read faithfully is named among the data issues.
"""

from __future__ import annotations

import logging
import os
import time
from datetime import date

import pytest

from lib.domain.literal import shown
from lib.io.store.local import LocalStore
from tests.conftest import no_exceptions

PAGE = "app_pages/applications.py"


def _touch(store: LocalStore) -> None:
    """Change the files' version as a hand edit would, so the next run reads again."""
    path = store.data_dir / "applications.csv"
    later = time.time_ns() + 5_000_000_000
    os.utime(path, ns=(later, later))


def _text(at) -> str:
    parts = [e.value for e in (*at.error, *at.warning, *at.sidebar.warning, *at.sidebar.error)]
    return " ".join(str(p) for p in parts)


@pytest.mark.parametrize("failure", [ValueError("bad cell"), UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid"), KeyError("Company")])
def test_any_read_failure_shows_the_last_good_data(app_on, demo_store, monkeypatch, caplog, failure):
    at = app_on(demo_store, PAGE)
    no_exceptions(at)

    def broken(self, today):
        raise failure

    monkeypatch.setattr(LocalStore, "load", broken)
    _touch(demo_store)
    with caplog.at_level(logging.ERROR, logger="lib.ui"):
        at.run()
    no_exceptions(at)
    assert "failed unexpectedly" in _text(at) and "server log" in _text(at)
    assert len(at.dataframe(key="applications.table").value) == 30  # the last good data, still shown
    assert any(r.exc_info and r.exc_info[1] is failure for r in caplog.records), "the traceback is in the server log"

    at.text_input(key="applications.add.Company").input("Acme")
    at.text_input(key="applications.add.Job Title").input("Analyst")
    at.button(key="FormSubmitter:applications.add-Add application").click().run()
    no_exceptions(at)
    assert "read-only" in _text(at)  # writes are off while the data cannot be read
    monkeypatch.undo()
    assert len(demo_store.load(date.today()).applications) == 30


def test_a_read_failure_with_nothing_read_before_is_a_message(app_on, fresh_store, monkeypatch):
    def broken(self, today):
        raise RuntimeError("boom")

    monkeypatch.setattr(LocalStore, "load", broken)
    at = app_on(fresh_store, PAGE)
    no_exceptions(at)
    assert "failed unexpectedly" in _text(at)


def test_a_store_that_cannot_be_opened_is_a_message(app_on, data_dir, monkeypatch):
    def broken(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(LocalStore, "__init__", broken)
    at = app_on(type("Where", (), {"data_dir": data_dir})(), PAGE)
    no_exceptions(at)
    assert "Opening the data source failed" in _text(at)


def test_a_european_excel_file_reads_as_columns(app_on, data_dir):
    data_dir.mkdir(parents=True)
    (data_dir / "applications.csv").write_bytes(
        "sep=;\r\nID;Company;Job Title;Location\r\nA-1;Zoë AG;Analyst;\"Berlin, DE\"\r\n".encode("cp1252"))
    at = app_on(LocalStore(data_dir), PAGE)
    no_exceptions(at)
    shown = at.dataframe(key="applications.table").value
    assert list(shown["Company"]) == ["Zoë AG"]
    assert "no 'Company' column" not in " ".join(str(getattr(e, "value", "")) for e in at.main)


def test_an_unfaithful_file_is_a_data_issue_and_refuses_writes(app_on, data_dir):
    data_dir.mkdir(parents=True)
    original = b"ID;Company;Job Title\r\nA-1;Acme;Analyst\r\nA-2,Beta,Engineer\r\n"
    (data_dir / "applications.csv").write_bytes(original)
    at = app_on(LocalStore(data_dir), PAGE)
    no_exceptions(at)
    at.text_input(key="applications.add.Company").input("Gamma")
    at.text_input(key="applications.add.Job Title").input("Analyst")
    at.button(key="FormSubmitter:applications.add-Add application").click().run()
    no_exceptions(at)
    assert any("applications.csv" in shown(e.value) and "does not change it" in shown(e.value) for e in at.error)
    assert (data_dir / "applications.csv").read_bytes() == original
