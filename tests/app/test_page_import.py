"""The Import page under AppTest: upload an export or saved email, check the preview, confirm, and it is stored."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from streamlit.testing.v1 import AppTest

from lib.domain.literal import shown
from lib.io.store.local import LocalStore
from lib.views.mail_match import OWN_EMAIL_KEY
from tests.conftest import no_exceptions
from tests.unit.test_import_reading import HUNTR_CSV, teal_xlsx
from tests.unit.test_mail_reading import INVITE, ME, REJECTION_HTML, mail_bytes, week_mbox

PAGE = "app_pages/import_data.py"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
APPS = [
    {"ID": "A-acme1", "Company": "Acme Analytics", "Job Title": "Data Analyst", "Status": "Interviewing",
     "Interviewer Email": "sam.lee@acme-analytics.com"},
    {"ID": "A-brill", "Company": "Brill Ltd", "Job Title": "Product Manager", "Status": "Interviewing"},
]


def _open(app_on, store) -> AppTest:
    at = app_on(store, PAGE)
    no_exceptions(at)
    return at


def _apps(store):
    return store.load(date.today()).applications


@pytest.fixture
def tracked(fresh_store: LocalStore) -> LocalStore:
    fresh_store.replace_all(APPS, [], {OWN_EMAIL_KEY: ME})
    return fresh_store


@pytest.mark.parametrize("fixture", ["demo_store", "fresh_store", "sheets_empty"])
def test_renders_on_demo_and_empty(request, app_on, fixture):
    at = _open(app_on, request.getfixturevalue(fixture))
    assert at.title[0].value == "Import"
    assert at.file_uploader(key="import.file").allowed_type == [".csv", ".xlsx"]
    assert at.file_uploader(key="import.mail").allowed_type == [".eml", ".mbox"]


def test_huntr_export_is_previewed_and_imported_below_the_rows_there(app_on, tracked):
    at = _open(app_on, tracked)
    at.file_uploader(key="import.file").set_value(("huntr.csv", HUNTR_CSV, "text/csv")).run()
    no_exceptions(at)
    assert at.selectbox(key=next(k for k in _keys(at) if k.endswith(".0"))).value == "Company"
    preview = at.dataframe[0].value
    assert list(preview["Company"]) == ["Acme Analytics", "Brill Ltd", "Cobalt, Inc."]
    assert list(preview["Status"]) == ["Applied", "Interviewing", "Wishlist"]
    # Acme's Data Analyst and Brill's Product Manager are there already: flagged, left out unless ticked.
    assert [c.label for c in _row_boxes(at)] == ["Import row 2", "Import row 3"]
    assert "Probably already there: Brill Ltd · Product Manager" in "\n".join(t.value for t in at.text)
    button = at.button(key="import.go")
    assert button.label == "Import 1 application(s)"
    button.click().run()
    no_exceptions(at)
    apps = _apps(tracked)
    assert list(apps["Company"]) == ["Acme Analytics", "Brill Ltd", "Cobalt, Inc."]
    assert apps.iloc[2]["Status"] == "Wishlist"
    assert len(set(apps["ID"])) == 3
    # Dropped again, every row is already there: nothing is imported unasked.
    at.run()
    assert at.button(key="import.go").label == "Import 0 application(s)" and at.button(key="import.go").disabled


def test_a_ticked_row_is_imported_too(app_on, tracked):
    at = _open(app_on, tracked)
    at.file_uploader(key="import.file").set_value(("huntr.csv", HUNTR_CSV, "text/csv")).run()
    _row_boxes(at)[1].check().run()
    at.checkbox(key="import.keep_others").check().run()
    assert at.button(key="import.go").label == "Import 2 application(s)"
    at.button(key="import.go").click().run()
    no_exceptions(at)
    apps = _apps(tracked)
    assert list(apps["Job Title"]).count("Product Manager") == 2
    assert list(apps["Notes"])[2:] == ["", "Also in the file: Salary: line one\nline two"]


def _row_boxes(at: AppTest):
    return [c for c in at.checkbox if c.key and c.key.startswith("import.keep.")]


def test_an_excel_file_with_an_unknown_header_is_mapped_by_the_person(app_on, tracked):
    at = _open(app_on, tracked)
    at.file_uploader(key="import.file").set_value(("teal.xlsx", teal_xlsx(), XLSX)).run()
    no_exceptions(at)
    assert [shown(w.value) for w in at.warning] == ["No column of the file is set to 'Job Title'."]  # as the person reads it
    assert not [b for b in at.button if b.key == "import.go"]  # nothing to import until mapped
    position = next(k for k in _keys(at) if k.endswith(".1"))
    at.selectbox(key=position).set_value("Job Title").run()
    no_exceptions(at)
    at.button(key="import.go").click().run()
    no_exceptions(at)
    apps = _apps(tracked)
    assert list(apps["Job Title"])[2:] == ["Designer", "Buyer"]


def test_a_damaged_file_is_refused_with_its_reason(app_on, tracked):
    at = _open(app_on, tracked)
    at.file_uploader(key="import.file").set_value(("broken.xlsx", b"PK\x03\x04 nope", XLSX)).run()
    no_exceptions(at)
    assert at.error[0].value == "This file cannot be imported."
    assert "Excel workbook" in at.text[0].value


def test_import_on_google_sheets_is_one_write(app_on, sheets_empty):
    at = _open(app_on, sheets_empty)
    at.file_uploader(key="import.file").set_value(("huntr.csv", HUNTR_CSV, "text/csv")).run()
    sheets_empty.fake.reset_counters()
    at.button(key="import.go").click().run()
    no_exceptions(at)
    assert sum(r.is_write for r in sheets_empty.fake.requests_log) == 1
    assert len(sheets_empty.load(date.today()).applications) == 3


def _keys(at: AppTest) -> list[str]:
    return [w.key for w in at.selectbox if w.key and w.key.startswith("import.map.")]


# --- email ---------------------------------------------------------------------------------


def _drop(at: AppTest, *files: tuple[str, bytes]) -> AppTest:
    at.file_uploader(key="import.mail").set_value([(name, data, "message/rfc822") for name, data in files]).run()
    no_exceptions(at)
    return at


def _box(at: AppTest, suffix: str):
    return [w for w in at.selectbox if w.key and w.key.startswith("import.msg.") and w.key.endswith(suffix)]


def test_a_reply_is_matched_confirmed_and_logged_once(app_on, tracked):
    at = _drop(_open(app_on, tracked), ("invite.eml", INVITE))
    [choice] = _box(at, ".app")
    assert choice.value == "A-acme1"  # the interviewer's email
    assert "the interviewer's email" in choice.format_func(choice.value)
    status = [c for c in at.checkbox if c.key and c.key.endswith(".status")]
    assert status == []  # already Interviewing: nothing to suggest
    [log] = [b for b in at.button if b.key and b.key.endswith(".log")]
    log.click().run()
    no_exceptions(at)
    data = tracked.load(date.today())
    [row] = data.followups.to_dict("records")
    assert (row["Application ID"], row["Direction"], row["Medium"]) == ("A-acme1", "Received", "Email")
    assert pd_notna(data.application("A-acme1")["Response On"])
    at.run()
    assert any("Already logged" in c.value for c in at.caption)
    assert not [b for b in at.button if b.key and b.key.endswith(".log")]


def test_a_rejection_sets_the_status_only_when_confirmed(app_on, tracked):
    at = _drop(_open(app_on, tracked), ("rejection.eml", REJECTION_HTML))
    [status] = [c for c in at.checkbox if c.key and c.key.endswith(".status")]
    assert status.label == "Set the status to Rejected" and status.value is False
    status.check().run()
    next(b for b in at.button if b.key and b.key.endswith(".log")).click().run()
    no_exceptions(at)
    assert tracked.load(date.today()).application("A-brill")["Status"] == "Rejected"


def test_a_week_of_mail_sent_messages_count_as_follow_ups(app_on, tracked, tmp_path):
    at = _drop(_open(app_on, tracked), ("week.mbox", week_mbox(tmp_path / "week.mbox").read_bytes()))
    assert any(m.value == "**5 message(s)**" for m in at.markdown)
    choices = _box(at, ".app")
    newsletter = next(c for c in choices if c.value == "")  # matched nothing: skipped unless the person picks one
    assert newsletter.format_func("") == "Skip this message"
    thanks_key = next(k.key for k in _box(at, ".kind"))
    assert at.selectbox(key=thanks_key).value == "Thank-you"
    log_key = thanks_key.removesuffix(".kind") + ".log"
    at.button(key=log_key).click().run()
    no_exceptions(at)
    app = tracked.load(date.today()).application("A-acme1")
    assert app["Thank-You Sent On"] is not None and str(app["Thank-You Sent On"]) != "NaT"


def test_text_from_the_mail_is_shown_literally(app_on, tracked):
    odd = mail_bytes(sender="sam.lee@acme-analytics.com", subject="**Urgent** [click](https://evil.example) _now_",
                     body="# Not a heading\n<b>not bold</b>", when=datetime(2026, 11, 3, 10, 0))
    at = _drop(_open(app_on, tracked), ("odd.eml", odd))
    shown = "\n".join(t.value for t in at.text)
    assert "Subject: **Urgent** [click](https://evil.example) _now_" in shown
    assert "# Not a heading <b>not bold</b>" in shown
    assert not any("evil.example" in m.value for m in at.markdown)


def pd_notna(value) -> bool:
    return value is not None and str(value) != "NaT"
