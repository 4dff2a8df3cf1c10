"""Settings > Clear demo data takes out only what the demo put there.

The person's own applications (and their history), their own columns and the order of the
columns stay; the demo's applications, their history and the demo's settings go.
"""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

import pytest

from tests.conftest import no_exceptions

PAGE = "app_pages/settings.py"


def _clear(app_on, store) -> None:
    at = app_on(store, PAGE)
    at.button(key="settings.clear").click().run()
    at.button(key="settings.clear_yes").click().run()
    no_exceptions(at)


@pytest.mark.parametrize("fixture", ["demo_store", "sheets_demo"])
def test_the_persons_own_rows_stay(request, app_on, fixture):
    sheet = request.getfixturevalue(fixture)
    store = getattr(sheet, "store", sheet)
    mine = store.add_application({"Company": "My own pick", "Job Title": "Analyst", "Status": "Applied"})
    store.log_followup(mine, {"Date": datetime(2026, 11, 20, 9), "Direction": "Sent", "Medium": "Email", "Kind": "Follow-up"}, {}, {})
    store.save_settings({"rules.thank_you_hours": "12"})
    _clear(app_on, sheet)
    data = sheet.load(date.today())
    assert list(data.applications["Company"]) == ["My own pick"]
    assert list(data.followups["Application ID"]) == [mine]
    assert not data.is_demo and not data.settings.get("profile.name")
    assert data.settings["rules.thank_you_hours"] == "12"


def test_the_persons_columns_and_their_order_stay(app_on, demo_store):
    path = demo_store.data_dir / "applications.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))
    # By hand in a spreadsheet program: "Company" moved first, a column of their own added.
    order = [rows[0].index("Company")] + [i for i in range(len(rows[0])) if rows[0][i] != "Company"]
    moved = [[r[i] for i in order] + ["my score" if n == 0 else "3"] for n, r in enumerate(rows)]
    buf = io.StringIO()
    csv.writer(buf, delimiter=";", lineterminator="\r\n").writerows(moved)
    path.write_bytes(buf.getvalue().encode("utf-8"))
    _clear(app_on, demo_store)
    assert path.read_bytes() == (";".join(moved[0]) + "\r\n").encode("utf-8")
    assert demo_store.load(date.today()).applications.empty
