"""After the app's own edit, the kept read is updated with the row as written instead of read again.

Hand edits elsewhere are still seen: on Refresh, when the read is older than READ_TTL_SECONDS,
and at once when the store can tell cheaply that its data changed (the local files' stamps).
A write that was refused, repaired or done some other way drops the kept read.
"""

from __future__ import annotations

from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from lib.io.store.base import WrittenRow
from tests.conftest import no_exceptions
from tests.fakes.sheet_route import SheetsOnFake
from tests.hands import LocalHands, SheetsHands

PAGE = "app_pages/applications.py"
BOTH = ["demo_store", "sheets_demo"]


def hands_for(store):
    return SheetsHands(store.fake, store.sid) if isinstance(store, SheetsOnFake) else LocalHands(store)


def two_ids(store) -> tuple[str, str]:
    apps = store.load(date.today()).applications
    return str(apps["ID"].iloc[1]), str(apps["ID"].iloc[3])


def open_and_edit(at: AppTest, app_id: str, location: str) -> None:
    at.selectbox(key="applications.open").set_value(app_id).run()
    at.text_input(key=f"applications.edit.{app_id}.Location").input(location)
    at.button(key=f"FormSubmitter:applications.edit.{app_id}-Save changes").click().run()


def shown_location(at: AppTest, app_id: str) -> str:
    at.selectbox(key="applications.open").set_value(app_id).run()
    return at.text_input(key=f"applications.edit.{app_id}.Location").value


def whole_reads(sheet: SheetsOnFake) -> int:
    """Count the reads of every tab (what a page's cold read asks for)."""
    return sum(1 for r in sheet.fake.requests_log
               if "values:batchGet" in r.path and any("Follow-ups" in v for v in r.query.get("ranges", [])))


def test_an_edit_on_the_sheet_is_shown_without_reading_every_tab_again(app_on, sheets_demo):
    app_id, _other = two_ids(sheets_demo)
    at = app_on(sheets_demo, PAGE)
    sheets_demo.fake.reset_counters()
    open_and_edit(at, app_id, "Leeds")
    no_exceptions(at)
    assert shown_location(at, app_id) == "Leeds"
    assert whole_reads(sheets_demo) == 0


@pytest.mark.parametrize("fixture", BOTH)
def test_a_hand_edit_elsewhere_after_the_apps_own_edit_is_seen_on_refresh(request, app_on, fixture):
    store = request.getfixturevalue(fixture)
    app_id, other = two_ids(store)
    at = app_on(store, PAGE)
    open_and_edit(at, app_id, "Leeds")
    hands = hands_for(store)
    hands.set_cell(hands.row_of(other), "Location", "Typed by hand")
    at.button(key="sidebar.refresh").click().run()
    no_exceptions(at)
    assert shown_location(at, other) == "Typed by hand"
    assert shown_location(at, app_id) == "Leeds"


def test_a_hand_edit_of_the_files_after_the_apps_own_edit_is_seen_at_once(app_on, demo_store):
    app_id, other = two_ids(demo_store)
    at = app_on(demo_store, PAGE)
    open_and_edit(at, app_id, "Leeds")
    hands = LocalHands(demo_store)
    hands.set_cell(hands.row_of(other), "Location", "Typed by hand")
    at.run()
    no_exceptions(at)
    assert shown_location(at, other) == "Typed by hand"


def test_a_hand_edit_made_before_the_apps_own_edit_is_seen_after_it(app_on, demo_store):
    """The file changed since the kept read: the write's row alone would hide the other row's change."""
    app_id, other = two_ids(demo_store)
    at = app_on(demo_store, PAGE)
    at.selectbox(key="applications.open").set_value(app_id).run()
    hands = LocalHands(demo_store)
    hands.set_cell(hands.row_of(other), "Location", "Typed by hand")
    at.text_input(key=f"applications.edit.{app_id}.Location").input("Leeds")
    at.button(key=f"FormSubmitter:applications.edit.{app_id}-Save changes").click().run()
    no_exceptions(at)
    assert shown_location(at, other) == "Typed by hand"
    assert shown_location(at, app_id) == "Leeds"


@pytest.mark.parametrize("fixture", BOTH)
def test_a_refused_edit_drops_the_kept_read(request, app_on, fixture):
    store = request.getfixturevalue(fixture)
    app_id, _other = two_ids(store)
    at = app_on(store, PAGE)
    at.selectbox(key="applications.open").set_value(app_id).run()
    hands = hands_for(store)
    hands.set_cell(hands.row_of(app_id), "Location", "Manchester")
    at.text_input(key=f"applications.edit.{app_id}.Location").input("Leeds")
    at.button(key=f"FormSubmitter:applications.edit.{app_id}-Save changes").click().run()
    assert any("Manchester" in str(e.value) or "changed" in str(e.value) for e in at.error)
    at.run()
    assert store.load(date.today()).application(app_id)["Location"] == "Manchester"


# --- what a write tells about itself ---------------------------------------------------------


@pytest.mark.parametrize("fixture", BOTH)
def test_an_edit_notes_the_row_as_written_and_other_writes_note_nothing(request, fixture):
    store = request.getfixturevalue(fixture)
    s = store.store if isinstance(store, SheetsOnFake) else store
    app = s.load(date.today()).application(two_ids(store)[0])
    s.take_writes()
    s.update_application(app["ID"], {"Location": "Leeds"}, app)
    (note,) = s.take_writes()
    assert isinstance(note, WrittenRow) and note.row_id == app["ID"] and note.sheet_row == app["_row"]
    assert note.row[note.header.index("Location")] == "Leeds"
    assert note.row[note.header.index("Company")] == app["Company"]
    if isinstance(store, SheetsOnFake):
        assert note.version_before is note.version_after is None
    else:
        assert note.version_before != note.version_after == s.version()
    s.delete_application(app["ID"])
    assert s.take_writes() == [None]


def test_a_refused_write_notes_nothing_to_patch(demo_store):
    from lib.io.store.errors import StoreError

    demo_store.take_writes()
    with pytest.raises(StoreError):
        demo_store.update_application("A-nosuch", {"Location": "Leeds"}, {"Location": ""})
    assert demo_store.take_writes() == [None]
