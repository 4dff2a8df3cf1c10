"""A cell typed by hand that the form would refuse (a note in Job Link, an interview dated before the
application) does not stop the person saving an unrelated change: it is named, kept as typed, and only
what the person changed is checked and written."""

from __future__ import annotations

from datetime import date

import pytest

from lib.domain.literal import shown
from tests.app.test_hand_edits_while_open import BOTH, app_id_of, by_hand, save_edit
from tests.conftest import no_exceptions

PAGE = "app_pages/applications.py"


def open_form(app_on, store, app_id):
    at = app_on(store, PAGE)
    at.selectbox(key="applications.open").set_value(app_id).run()
    return at


@pytest.mark.parametrize("fixture", BOTH)
@pytest.mark.parametrize(
    ("field", "typed", "named"),
    [
        ("Job Link", "see the email from Dana", "Job Link"),
        ("Interviewer Email", "dana at acme", "Interviewer Email"),
        ("Interviewer LinkedIn", "ask Sam for it", "Interviewer LinkedIn"),
    ],
)
def test_a_bad_cell_typed_by_hand_does_not_block_another_change(request, app_on, fixture, field, typed, named):
    store = request.getfixturevalue(fixture)
    app_id = app_id_of(store, "Quill Publishing")
    by_hand(store, app_id, field, typed)
    at = open_form(app_on, store, app_id)
    at.selectbox(key=f"applications.edit.{app_id}.Status").set_value("Interviewing")
    save_edit(at, app_id)
    no_exceptions(at)
    assert not at.error, [e.value for e in at.error]
    row = store.load(date.today()).application(app_id)
    assert row["Status"] == "Interviewing"
    assert row[field] == typed  # kept exactly as typed
    assert any(named in shown(w.value) for w in at.warning)


@pytest.mark.parametrize("fixture", BOTH)
def test_changing_a_field_to_a_bad_value_is_still_refused(request, app_on, fixture):
    store = request.getfixturevalue(fixture)
    app_id = app_id_of(store, "Quill Publishing")
    by_hand(store, app_id, "Job Link", "see the email from Dana")
    at = open_form(app_on, store, app_id)
    at.text_input(key=f"applications.edit.{app_id}.Job Link").input("still not a link")
    save_edit(at, app_id)
    assert any("Job Link" in shown(e.value) for e in at.error)
    assert store.load(date.today()).application(app_id)["Job Link"] == "see the email from Dana"


def test_a_blank_required_cell_typed_by_hand_does_not_block_another_change(app_on, demo_store):
    app_id = app_id_of(demo_store, "Quill Publishing")
    by_hand(demo_store, app_id, "Job Title", "")
    at = open_form(app_on, demo_store, app_id)
    at.text_area(key=f"applications.edit.{app_id}.Notes").input("Called the recruiter")
    save_edit(at, app_id)
    assert not at.error, [e.value for e in at.error]
    assert demo_store.load(date.today()).application(app_id)["Notes"] == "Called the recruiter"
