"""Quick add: three fields make an application; the third is a link or a source."""

from __future__ import annotations

from datetime import date

from lib.views.quick_add import quick_add

TODAY = date(2026, 11, 16)


def test_a_web_address_is_the_job_link() -> None:
    made = quick_add(" Acme ", "Data Analyst", "acme.example/jobs/7", TODAY)
    assert made.errors == []
    assert made.values == {"Company": "Acme", "Job Title": "Data Analyst", "Status": "Applied", "Applied On": TODAY,
                           "Job Link": "https://acme.example/jobs/7"}


def test_other_words_are_the_source() -> None:
    made = quick_add("Acme", "Data Analyst", "a friend at the meetup", TODAY)
    assert made.values["Source"] == "a friend at the meetup" and "Job Link" not in made.values


def test_a_script_address_is_not_a_link() -> None:
    made = quick_add("Acme", "Analyst", "javascript:alert(1)", TODAY)
    assert "Job Link" not in made.values and made.values["Source"] == "javascript:alert(1)"


def test_the_third_field_may_be_left_blank() -> None:
    made = quick_add("Acme", "Analyst", "  ", TODAY)
    assert made.errors == [] and set(made.values) == {"Company", "Job Title", "Status", "Applied On"}


def test_company_and_title_are_required() -> None:
    made = quick_add("", "  ", "LinkedIn", TODAY)
    assert any("Company" in e for e in made.errors) and any("Job Title" in e for e in made.errors)
