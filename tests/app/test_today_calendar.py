"""Today: each planned action with a day offers "Add to Google Calendar", its text only in the link's query."""

from __future__ import annotations

from datetime import date, timedelta
from urllib.parse import parse_qs, urlsplit

from streamlit.testing.v1 import AppTest

from lib.planner.calendar_ics import GOOGLE_CALENDAR
from tests.conftest import no_exceptions

PAGE = "app_pages/today.py"


def _calendar_links(at: AppTest) -> list[str]:
    return [b.proto.url for b in at.get("link_button") if b.proto.label == "Add to Google Calendar"]


def _query(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query, strict_parsing=True).items()}


def test_each_card_with_a_day_has_a_google_calendar_link(app_on, demo_store):
    at = app_on(demo_store, PAGE)
    no_exceptions(at)
    links = _calendar_links(at)
    assert links and all(url.startswith(GOOGLE_CALENDAR + "?action=TEMPLATE&") for url in links)
    cards = sum(1 for b in at.button if b.key and b.key.startswith("today.") and b.key.endswith(".reply"))
    assert len(links) <= cards
    days = {_query(url)["dates"] for url in links}
    assert any("T" not in span for span in days)  # the demo's follow-ups are all-day events
    today = date.today()
    for span in days:
        first, end = span.split("/")
        if "T" not in first:  # all-day: one day, never in the past
            start = date(int(first[:4]), int(first[4:6]), int(first[6:8]))
            assert start >= today and end == f"{start + timedelta(days=1):%Y%m%d}"


def test_sheet_text_goes_only_into_the_links_query(app_on, fresh_store):
    hostile = "[Acme](javascript:alert(1)) **&** <b>Co</b>?dates=1999"
    fresh_store.add_application({"Company": hostile, "Job Title": "Analyst", "Status": "Applied",
                                 "Applied On": date.today() - timedelta(days=3), "Job Link": "https://acme.example/jobs/1"})
    at = app_on(fresh_store, PAGE)
    no_exceptions(at)
    [url] = _calendar_links(at)
    query = _query(url)
    assert query["text"] == f"Follow up: Analyst at {hostile}"
    assert query["details"].endswith("Job posting: https://acme.example/jobs/1")
    assert " " not in url and "[" not in url and "<" not in url
