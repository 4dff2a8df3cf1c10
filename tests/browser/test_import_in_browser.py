"""Import in a real browser: a tracker export and a saved reply dropped on the page's file inputs.

AppTest hands files to the uploader on the server side; this drives the browser's own file
input (Playwright's set_input_files), as a person dropping a file does.
"""

from __future__ import annotations

import csv
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.unit.test_mail_reading import mail_bytes

pytestmark = pytest.mark.browser

EXPORT = (
    "Company Name,Position,Date Applied,Stage,URL\r\n"
    "Quokka Labs,Field Biologist,2026-11-02,Applied,https://quokka.example/jobs/1\r\n"
)


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def test_import_an_export_then_log_a_reply(live_app, app_server, tmp_path):
    export = tmp_path / "huntr-export.csv"
    export.write_text(EXPORT, encoding="utf-8")
    reply = tmp_path / "reply.eml"
    reply.write_bytes(mail_bytes(
        sender="Ada Wombat <ada@quokka.example>", subject="Field Biologist: interview invitation",
        body="Hi, we would like to invite you to an interview next Tuesday.",
        when=datetime(2026, 11, 6, 9, 0, tzinfo=UTC), message_id="<browser-1@quokka.example>",
    ))
    live_app.open()
    live_app.open_page("Import")
    page = live_app.page
    page.locator('[data-testid="stFileUploader"]').nth(0).locator('input[type="file"]').set_input_files(str(export))
    live_app.wait_idle()
    expect(page.get_by_text("1 row(s), as they will be stored")).to_be_visible()
    page.get_by_role("button", name="Import 1 application(s)").click()
    expect(page.get_by_text("Imported 1 application(s)")).to_be_visible()
    live_app.wait_idle()
    apps = _rows(app_server.data_dir / "applications.csv")
    [quokka] = [r for r in apps if r["Company"] == "Quokka Labs"]
    assert (quokka["Job Title"], quokka["Status"], quokka["Applied On"]) == ("Field Biologist", "Applied", "2026-11-02")
    assert apps[-1]["Company"] == "Quokka Labs"  # below the rows already there

    page.get_by_role("tab", name="Messages from email files").click()
    page.locator('[data-testid="stFileUploader"]').nth(1).locator('input[type="file"]').set_input_files(str(reply))
    live_app.wait_idle()
    expect(page.get_by_text(re.compile("Subject: Field Biologist: interview invitation"))).to_be_visible()
    page.get_by_text("Set the status to Interviewing").click()
    live_app.wait_idle()
    page.get_by_role("button", name="Log this message").click()
    expect(page.get_by_text("Logged the message")).to_be_visible()
    live_app.wait_idle()
    history = _rows(app_server.data_dir / "followups.csv")
    [row] = [r for r in history if r["Application ID"] == quokka["ID"]]
    assert (row["Direction"], row["Medium"]) == ("Received", "Email")
    assert "Message-ID: <browser-1@quokka.example>" in row["Message"]
    [quokka] = [r for r in _rows(app_server.data_dir / "applications.csv") if r["Company"] == "Quokka Labs"]
    assert quokka["Status"] == "Interviewing"
    expect(page.get_by_text(re.compile("Already logged"))).to_be_visible()
    live_app.assert_clean("importing")
