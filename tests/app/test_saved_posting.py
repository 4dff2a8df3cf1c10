"""Saving a posting with the bookmarklet: the address it opens fills quick add once, and nothing is
written until Add; Settings offers the bookmarklet."""

from __future__ import annotations

from datetime import date
from urllib.parse import unquote

from streamlit.testing.v1 import AppTest

from lib.views.posting import ADD_TITLE, ADD_URL, bookmarklet
from tests.conftest import no_exceptions

APPLICATIONS = "app_pages/applications.py"
SETTINGS = "app_pages/settings.py"
LEVER = "https://jobs.lever.co/kite-labs/0d6f1b6a-1234-4cde-9abc-1234567890ab"


def _open_with(app_on, store, params: dict[str, str]) -> AppTest:
    at = app_on(store)
    at.query_params.update(params)
    at.switch_page(APPLICATIONS)
    at.run()
    no_exceptions(at)
    return at


def _quick(at: AppTest) -> tuple[str, str, str]:
    return tuple(at.text_input(key=f"applications.quick.{f}").value for f in ("company", "title", "extra"))  # type: ignore[return-value]


def test_a_saved_posting_fills_quick_add_and_leaves_the_address(app_on, demo_store):
    before = len(demo_store.load(date.today()).applications)
    at = _open_with(app_on, demo_store, {ADD_URL: LEVER, ADD_TITLE: "Kite Labs - Platform Engineer"})
    assert _quick(at) == ("Kite Labs", "Platform Engineer", LEVER)
    assert any("Filled in from the posting you saved" in i.value for i in at.info)
    assert ADD_URL not in at.query_params and ADD_TITLE not in at.query_params  # a reload fills nothing again
    assert len(demo_store.load(date.today()).applications) == before  # nothing written before Add
    at.run()
    assert not any("Filled in from the posting" in i.value for i in at.info)
    at.button(key="FormSubmitter:applications.quick-Add").click().run()
    no_exceptions(at)
    apps = demo_store.load(date.today()).applications
    assert len(apps) == before + 1
    added = apps.iloc[-1]
    assert (added["Company"], added["Job Title"], added["Job Link"], added["Status"]) == (
        "Kite Labs", "Platform Engineer", LEVER, "Applied")


def test_a_posting_already_there_gets_the_duplicate_question(app_on, demo_store):
    apps = demo_store.load(date.today()).applications
    company, title = apps.iloc[0]["Company"], apps.iloc[0]["Job Title"]
    at = _open_with(app_on, demo_store, {ADD_URL: "https://boards.greenhouse.io/x/jobs/1",
                                         ADD_TITLE: f"Job Application for {title} at {company}"})
    assert _quick(at)[:2] == (company, title)
    at.button(key="FormSubmitter:applications.quick-Add").click().run()
    assert any("looks like an application you already have" in w.value for w in at.warning)
    assert len(demo_store.load(date.today()).applications) == len(apps)


def test_an_unknown_page_leaves_company_and_title_to_the_person(app_on, fresh_store):
    at = _open_with(app_on, fresh_store, {ADD_URL: "https://careers.example.org/42", ADD_TITLE: "Open role **now**"})
    assert _quick(at) == ("", "", "https://careers.example.org/42")
    info = next(i.value for i in at.info if "Filled in" in i.value)
    assert "fill in the company and job title" in info and r"\*\*now\*\*" in info  # the title shown as typed


def test_a_script_address_is_left_out(app_on, fresh_store):
    at = _open_with(app_on, fresh_store, {ADD_URL: "javascript:alert(document.cookie)", ADD_TITLE: "Analyst | Acme | LinkedIn"})
    assert _quick(at) == ("Acme", "Analyst", "")
    assert any("was not a web (http or https) address" in i.value for i in at.info)


def test_settings_offers_the_bookmarklet_to_copy(app_on, fresh_store):
    at = app_on(fresh_store, SETTINGS)
    no_exceptions(at)
    codes = [c.value for c in at.code]
    mark = next(c for c in codes if c.startswith("javascript:"))
    assert mark == bookmarklet("http://localhost:8501")
    assert "/applications?add_url='+encodeURIComponent(location.href)" in unquote(mark)
