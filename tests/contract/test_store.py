"""Store behaviour a person relies on, whatever the backend: round trips, hand edits, conflicts."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from lib.io.store.errors import ConflictError, DuplicateIdError, RowGoneError
from lib.views.actions import record_sent

TODAY = date(2026, 11, 22)


@pytest.fixture
def store(backend):
    return backend[0]


@pytest.fixture
def hands(backend):
    return backend[1]


def add(store, **values):
    values.setdefault("Company", "Acme")
    values.setdefault("Job Title", "Analyst")
    return store.add_application(values)


def load(store):
    return store.load(TODAY)


def test_round_trip_keeps_types_and_text(store):
    app_id = add(store, **{
        "Applied On": date(2026, 11, 2), "Interview On": datetime(2026, 11, 10, 14, 30), "Follow-Ups Sent": 2,
        "Interviewer Phone": "+44 20 7946 0958", "Notes": "=HYPERLINK(\"x\")", "Location": "007", "Outcome": "-", "Source": "@home",
    })
    app = load(store).application(app_id)
    assert app["Applied On"] == datetime(2026, 11, 2)
    assert app["Interview On"] == datetime(2026, 11, 10, 14, 30)
    assert app["Follow-Ups Sent"] == 2
    assert (app["Interviewer Phone"], app["Notes"], app["Location"], app["Outcome"], app["Source"]) == (
        "+44 20 7946 0958", "=HYPERLINK(\"x\")", "007", "-", "@home")


def test_new_ids_are_unique(store):
    ids = {add(store) for _ in range(20)}
    assert len(ids) == 20
    assert len(load(store).applications) == 20


def test_update_changes_only_that_row(store):
    first, second = add(store, Company="One"), add(store, Company="Two")
    base = load(store).application(second)
    store.update_application(second, {"Status": "Applied", "Notes": "sent CV"}, base)
    data = load(store)
    assert data.application(second)["Notes"] == "sent CV"
    assert data.application(first)["Notes"] == ""


def test_sorted_by_hand_between_read_and_write(store, hands):
    ids = [add(store, Company=name) for name in ("Charlie", "Alpha", "Bravo")]
    base = load(store).application(ids[0])
    hands.sort_by("Company")
    store.update_application(ids[0], {"Notes": "right row"}, base)
    data = load(store)
    assert data.application(ids[0])["Notes"] == "right row"
    assert set(data.applications.loc[data.applications["ID"] != ids[0], "Notes"]) == {""}


def test_row_inserted_by_hand_between_read_and_write(store, hands):
    app_id = add(store, Company="Acme")
    base = load(store).application(app_id)
    hands.insert_row(2, ["", "Typed by hand", "Engineer"])
    store.update_application(app_id, {"Notes": "still right"}, base)
    data = load(store)
    assert data.application(app_id)["Notes"] == "still right"
    assert "Typed by hand" in set(data.applications["Company"])


def test_row_deleted_by_hand_is_reported(store, hands):
    app_id = add(store)
    base = load(store).application(app_id)
    hands.delete_row(hands.row_of(app_id))
    with pytest.raises(RowGoneError, match=app_id):
        store.update_application(app_id, {"Notes": "x"}, base)


def test_same_field_edited_by_hand_is_refused_with_both_values(store, hands):
    app_id = add(store, Company="Acme")
    base = load(store).application(app_id)
    hands.set_cell(hands.row_of(app_id), "Company", "Acme Corp")
    with pytest.raises(ConflictError) as err:
        store.update_application(app_id, {"Company": "ACME Inc"}, base)
    conflict = err.value.conflicts[0]
    assert (conflict.field, conflict.theirs, conflict.yours) == ("Company", "Acme Corp", "ACME Inc")
    assert "Acme Corp" in str(err.value) and "ACME Inc" in str(err.value)
    assert load(store).application(app_id)["Company"] == "Acme Corp"


def test_other_field_edited_by_hand_is_kept(store, hands):
    app_id = add(store)
    base = load(store).application(app_id)
    hands.set_cell(hands.row_of(app_id), "Location", "Leeds")
    store.update_application(app_id, {"Notes": "mine"}, base)
    app = load(store).application(app_id)
    assert (app["Location"], app["Notes"]) == ("Leeds", "mine")


def test_user_columns_survive_in_place(store, hands):
    app_id = add(store)
    grid = hands.grid()
    grid[0].insert(3, "Salary")
    grid[1].insert(3, "£55k")
    hands.write_grid(grid)
    base = load(store).application(app_id)
    store.update_application(app_id, {"Notes": "x"}, base)
    add(store, Company="Second")
    after = hands.grid()
    assert after[0][3] == "Salary" and after[1][3] == "£55k"
    assert (after[2] + [""] * 4)[3] == ""  # Sheets trims trailing blanks
    assert load(store).extra_columns["Applications"] == ["Salary"]


def test_row_typed_without_id_gets_one_when_changed(store, hands):
    add(store)
    grid = hands.grid()
    grid.append(["", "Hand Made Ltd", "Tester"])
    hands.write_grid(grid)
    data = load(store)
    typed = data.applications[data.applications["Company"] == "Hand Made Ltd"].iloc[0].to_dict()
    assert typed["ID"]
    store.update_application(typed["ID"], {"Notes": "now tracked"}, typed)
    assert hands.grid()[2][0] == typed["ID"]
    assert load(store).application(typed["ID"])["Notes"] == "now tracked"


def test_duplicate_id_is_refused(store, hands):
    app_id = add(store)
    grid = hands.grid()
    grid.append(list(grid[1]))
    hands.write_grid(grid)
    data = load(store)
    assert any("also on row 2" in i.message for i in data.issues)
    with pytest.raises(DuplicateIdError, match="rows 2, 3"):
        store.update_application(app_id, {"Notes": "x"}, data.application(app_id))


def test_log_followup_updates_history_and_application_together(store):
    app_id = add(store, **{"Applied On": date(2026, 11, 1)})
    app = load(store).application(app_id)
    record_sent(store, app, medium="Email", when=datetime(2026, 11, 12, 9, 0), kind="Follow-up", subject="Checking in")
    data = load(store)
    history = data.history(app_id)
    assert list(history["Kind"]) == ["Follow-up"]
    assert history.iloc[0]["Subject"] == "Checking in"
    updated = data.application(app_id)
    assert updated["Follow-Ups Sent"] == 1
    assert updated["Last Follow-Up On"] == datetime(2026, 11, 12, 9, 0)
    assert updated["Follow-Up Medium"] == "Email"


def test_refused_log_writes_no_history(store, hands):
    app_id = add(store)
    app = load(store).application(app_id)
    hands.set_cell(hands.row_of(app_id), "Follow-Up Medium", "Phone")
    with pytest.raises(ConflictError):
        record_sent(store, app, medium="Email", when=datetime(2026, 11, 12), kind="Follow-up")
    assert load(store).followups.empty


def test_delete_removes_application_and_its_history(store):
    keep, gone = add(store, Company="Keep"), add(store, Company="Gone")
    for app_id in (keep, gone):
        record_sent(store, load(store).application(app_id), medium="Email", when=datetime(2026, 11, 12), kind="Thank-you")
    store.delete_application(gone)
    data = load(store)
    assert list(data.applications["ID"]) == [keep]
    assert set(data.followups["Application ID"]) == {keep}


def test_settings_merge(store):
    store.save_settings({"a": "1", "b": "2"})
    store.save_settings({"b": "3"})
    assert load(store).settings == {"a": "1", "b": "3"}


def test_replace_all_then_clear(store):
    store.replace_all([{"Company": "A", "Job Title": "B", "ID": "A-1"}], [], {"demo": "true"})
    assert load(store).is_demo
    store.replace_all([], [], {})
    data = load(store)
    assert data.applications.empty and not data.is_demo
