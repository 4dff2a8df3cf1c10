"""Deletes and settings are checked against what the person saw, on every backend."""

from __future__ import annotations

from datetime import date

import pytest

from lib.io.store.errors import ConflictError, SettingsConflictError

TODAY = date(2026, 11, 22)


def test_delete_of_a_row_changed_by_hand_since_it_was_seen_is_refused(backend):
    store, hands = backend
    app_id = store.add_application({"Company": "Acme", "Job Title": "Analyst", "Status": "Applied"})
    seen = store.load(TODAY).application(app_id)
    hands.set_cell(hands.row_of(app_id), "Status", "Offer")
    with pytest.raises(ConflictError) as refused:
        store.delete_application(app_id, seen)
    assert [(c.field, c.base, c.theirs) for c in refused.value.conflicts] == [("Status", "Applied", "Offer")]
    assert store.load(TODAY).application(app_id) is not None


def test_delete_of_a_row_as_seen_goes_ahead_even_if_other_rows_moved(backend):
    store, hands = backend
    other = store.add_application({"Company": "Zeta", "Job Title": "Analyst"})
    app_id = store.add_application({"Company": "Acme", "Job Title": "Analyst", "Interview On": "2026-11-10 14:30"})
    seen = store.load(TODAY).application(app_id)
    hands.sort_by("Company")
    hands.set_cell(hands.row_of(other), "Notes", "typed by hand")
    store.delete_application(app_id, seen)
    data = store.load(TODAY)
    assert data.application(app_id) is None and data.application(other)["Notes"] == "typed by hand"


def test_settings_changed_by_hand_since_they_were_shown_are_refused(backend):
    store, _hands = backend
    store.save_settings({"profile.name": "Jo"})
    store.save_settings({"profile.name": "Joanna"})  # by hand, after the form showed "Jo"
    with pytest.raises(SettingsConflictError) as refused:
        store.save_settings({"profile.name": "Jo Smith"}, {"profile.name": "Jo"})
    assert "Joanna" in str(refused.value) and "Jo Smith" in str(refused.value)
    assert store.load(TODAY).settings["profile.name"] == "Joanna"


def test_settings_not_changed_since_they_were_shown_are_saved(backend):
    store, _hands = backend
    store.save_settings({"profile.name": "Jo"})
    store.save_settings({"profile.name": "Jo Smith", "rules.max_followups": "3"}, {"profile.name": "Jo", "rules.max_followups": None})
    store.save_settings({"profile.name": "Jo Smith"}, {"profile.name": "Jo"})  # already holds it: no conflict
    settings = store.load(TODAY).settings
    assert settings["profile.name"] == "Jo Smith" and settings["rules.max_followups"] == "3"
