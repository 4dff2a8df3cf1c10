"""The full form's sections: each field once, and which start open for an application."""

from __future__ import annotations

from datetime import datetime

from lib.domain.schema import APPLICATIONS
from lib.views.form_layout import SECTIONS, is_open, source_choices, unplaced_fields

BY_TITLE = {s.title: s for s in SECTIONS}


def test_every_field_is_in_one_section_in_the_forms_order() -> None:
    fields = [f for s in SECTIONS for f in s.fields]
    assert sorted(fields) == sorted(c.name for c in APPLICATIONS.columns if c.name != "ID")
    assert unplaced_fields() == []
    assert [s.title for s in SECTIONS] == ["The job", "The interview", "The interviewer", "Follow-up", "The offer", "Notes"]


def test_sections_open_for_the_status() -> None:
    applied = {"Status": "Applied"}
    assert is_open(BY_TITLE["The job"], applied) and is_open(BY_TITLE["Notes"], applied)
    assert is_open(BY_TITLE["Follow-up"], applied)
    assert not is_open(BY_TITLE["The interview"], applied) and not is_open(BY_TITLE["The interviewer"], applied)
    interviewing = {"Status": "Interviewing"}
    assert is_open(BY_TITLE["The interview"], interviewing) and is_open(BY_TITLE["The interviewer"], interviewing)
    assert not is_open(BY_TITLE["Follow-up"], {"Status": "Wishlist"})


def test_a_section_holding_a_value_opens_whatever_the_status() -> None:
    rejected = {"Status": "Rejected", "Interview On": datetime(2026, 3, 1, 10), "Follow-Ups Sent": 0}
    assert is_open(BY_TITLE["The interview"], rejected)
    assert not is_open(BY_TITLE["The interviewer"], {**rejected, "Interviewer": "  "})
    assert not is_open(BY_TITLE["Follow-up"], {"Status": "Wishlist", "Follow-Ups Sent": 0})
    assert is_open(BY_TITLE["Follow-up"], {"Status": "Wishlist", "Follow-Ups Sent": 1})


def test_source_choices_are_the_ones_in_use() -> None:
    sources = ["LinkedIn", "Referral", " linkedin ", "", None, "Company site", "LinkedIn", "referral"]
    assert source_choices(sources) == ["LinkedIn", "Referral", "Company site"]
    assert source_choices([]) == []

