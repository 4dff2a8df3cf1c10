"""The Follow-up page: choose, edit, check, open in mail, and log as sent through the store."""

from __future__ import annotations

import re
from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from lib.domain.literal import shown
from lib.domain.vocab import Scenario
from lib.io.store.local import LocalStore
from lib.messages.templates import SUITED_MEDIA, Tone
from tests.conftest import no_exceptions

PAGE = "app_pages/follow_up.py"


def _id(store: LocalStore, company: str) -> str:
    return str(store.load(date.today()).applications.set_index("Company").loc[company, "ID"])


def _open(app_on, store: LocalStore, app_id: str | None = None, scenario: str | None = None) -> AppTest:
    """Open the page the way the Today page does: with ?app=...&scenario=... when given."""
    at = app_on(store)
    if app_id:
        at.query_params["app"] = app_id
    if scenario:
        at.query_params["scenario"] = scenario
    at.switch_page(PAGE)
    at.run()
    no_exceptions(at)
    return at


@pytest.mark.parametrize("fixture", ["demo_store", "fresh_store", "sheets_demo", "sheets_empty"])
def test_renders_on_demo_and_empty(request, app_on, fixture):
    at = _open(app_on, request.getfixturevalue(fixture))
    assert at.title[0].value == "Follow-up"


def test_empty_store_points_to_applications(app_on, fresh_store):
    at = _open(app_on, fresh_store)
    assert "No applications yet" in at.info[0].value
    assert at.page_link[0].label == "Go to Applications"


def test_link_from_today_preselects_application_and_scenario(app_on, demo_store):
    app_id = _id(demo_store, "Granite Health")
    at = _open(app_on, demo_store, app_id, Scenario.FEEDBACK_THANKS.value)
    assert at.selectbox(key="follow_up.app").value == app_id
    assert at.selectbox(key="follow_up.scenario").value is Scenario.FEEDBACK_THANKS
    assert at.text_area(key="follow_up.extra.feedback") is not None
    at.selectbox(key="follow_up.scenario").set_value(Scenario.CORRECTION).run()
    at.run()  # the link's request is applied once; the person's own choice stays
    assert at.selectbox(key="follow_up.scenario").value is Scenario.CORRECTION
    assert at.segmented_control(key="follow_up.medium").options == list(SUITED_MEDIA[Scenario.CORRECTION])


def test_scenario_defaults_to_the_planners_suggestion_with_suited_media(app_on, demo_store):
    at = _open(app_on, demo_store, _id(demo_store, "Granite Health"))
    assert at.selectbox(key="follow_up.scenario").value is Scenario.REJECTION_REPLY
    assert at.segmented_control(key="follow_up.medium").options == list(SUITED_MEDIA[Scenario.REJECTION_REPLY])
    body = at.text_area(key="follow_up.body").value
    assert body.startswith("Dear Dr. Perez,") and "readmission dashboards" in body
    assert at.text_input(key="follow_up.subject").value.startswith("Thank you for letting me know")


def test_edited_text_survives_reruns_until_the_inputs_change(app_on, demo_store):
    at = _open(app_on, demo_store, _id(demo_store, "Copperleaf Energy"))
    at.text_area(key="follow_up.body").input("My own words.").run()
    at.run()
    assert at.text_area(key="follow_up.body").value == "My own words."
    assert "My own words." in at.code[0].value
    at.segmented_control(key="follow_up.tone").set_value(Tone.FRIENDLY).run()
    assert at.text_area(key="follow_up.body").value.startswith("Hi Marcus,")


def test_parts_toggle_and_placeholders_link_to_where_to_fill_them(app_on, demo_store):
    demo_store.save_settings({"profile.name": "", "profile.phone": "", "profile.email": ""})  # no profile yet
    at = _open(app_on, demo_store, _id(demo_store, "Copperleaf Energy"), Scenario.STATUS_INQUIRY.value)
    assert "streaming meter data" in at.text_area(key="follow_up.body").value
    at.toggle(key="follow_up.part.specific_detail").set_value(False).run()
    assert "streaming meter data" not in at.text_area(key="follow_up.body").value
    links = [shown(p.label) for p in at.page_link]
    assert any(label.startswith("[your name]") for label in links)
    assert any("Fill in before sending" in e.value for e in at.error)


def test_open_in_mail_program_link(app_on, demo_store):
    at = _open(app_on, demo_store, _id(demo_store, "Copperleaf Energy"))
    url = at.link_button[0].proto.url
    assert url.startswith("mailto:marcus.hill@copperleaf.example?subject=")
    assert "%0D%0A" in url and " " not in url


def test_log_as_sent_records_history_and_updates_application(app_on, demo_store):
    app_id = _id(demo_store, "Copperleaf Energy")
    before = demo_store.load(date.today())
    count, rows = int(before.application(app_id)["Follow-Ups Sent"]), len(before.followups)
    at = _open(app_on, demo_store, app_id, Scenario.STATUS_INQUIRY.value)
    at.text_area(key="follow_up.body").input("Dear Marcus,\n\nAny news?\n\nJo").run()
    at.button(key="follow_up.log").click().run()
    no_exceptions(at)
    after = demo_store.load(date.today())
    assert len(after.followups) == rows + 1
    logged = after.history(app_id).iloc[-1]
    assert (logged["Direction"], logged["Kind"], logged["Medium"]) == ("Sent", "Follow-up", "Email")
    assert logged["Message"] == "Dear Marcus,\n\nAny news?\n\nJo"
    assert logged["Subject"].startswith("Following up")
    row = after.application(app_id)
    assert row["Follow-Ups Sent"] == count + 1
    assert row["Last Follow-Up On"].date() == date.today() and row["Follow-Up Medium"] == "Email"


def test_log_thank_you_sets_thank_you_sent_on(app_on, demo_store):
    app_id = _id(demo_store, "Cobalt Insights")
    at = _open(app_on, demo_store, app_id)
    assert at.selectbox(key="follow_up.scenario").value is Scenario.THANK_YOU
    at.button(key="follow_up.log").click().run()
    no_exceptions(at)
    row = demo_store.load(date.today()).application(app_id)
    assert row["Thank-You Sent On"].date() == date.today()


def test_every_demo_application_shows_its_suggested_message(app_on, demo_store):
    data = demo_store.load(date.today())
    at = _open(app_on, demo_store)
    for app_id in data.applications["ID"]:
        at.selectbox(key="follow_up.app").set_value(app_id).run()
        no_exceptions(at)
        body = at.text_area(key="follow_up.body").value
        assert data.application(app_id)["Company"] in body
        assert not re.search(r"\b(None|nan|NaT)\b", body)


def test_the_competing_offer_nudge_starts_with_the_deadline_of_the_offer_in_hand(app_on, demo_store):
    """The offer's own row says by when it must be answered: the nudge elsewhere starts from it."""
    from lib.domain.text import long_date

    data = demo_store.load(date.today())
    offers = data.applications[(data.applications["Status"] == "Offer") & data.applications["Offer Deadline"].notna()]
    deadline = offers["Offer Deadline"].min().date()
    other = data.applications[data.applications["Status"] == "Interviewing"].iloc[0]["ID"]
    at = _open(app_on, demo_store, other, Scenario.COMPETING_OFFER.value)
    expected = long_date(deadline, date.today())
    assert at.text_input(key="follow_up.extra.offer_deadline").value == expected
    assert any(expected in shown(t.value) or expected in t.value for t in at.text_area)


def _after_logging(at: AppTest) -> tuple[str, str]:
    """Press "Log as sent"; return (the confirmation, the next step) the person then reads."""
    at.button(key="follow_up.log").click().run()
    return _after_logging_shown(at)


def _after_logging_shown(at: AppTest) -> tuple[str, str]:
    no_exceptions(at)
    assert not at.error and not at.warning, [e.value for e in (*at.error, *at.warning)]
    assert not at.text_area, "no draft is shown as if the next message were due"
    assert not any(b.key == "follow_up.log" for b in at.button)
    confirmation = [shown(s.value) for s in at.success if shown(s.value).startswith("Logged:")]
    upcoming = [shown(i.value).replace("**", "") for i in at.info]
    upcoming = [u for u in upcoming if u.startswith(("Next:", "Nothing more to send"))]
    assert len(confirmation) == 1 and len(upcoming) == 1, ([s.value for s in at.success], [i.value for i in at.info])
    return confirmation[0], upcoming[0]


def test_after_a_follow_up_is_logged_the_page_says_what_was_logged_and_what_comes_next(app_on, demo_store):
    from lib.domain.text import short_day

    app_id = _id(demo_store, "Quill Publishing")  # applied, no reply: the first follow-up is due
    at = _open(app_on, demo_store, app_id)
    assert at.selectbox(key="follow_up.scenario").value is Scenario.STATUS_INQUIRY
    confirmation, upcoming = _after_logging(at)
    assert confirmation == f"Logged: first follow-up by email to Quill Publishing on {short_day(date.today())}."
    assert re.match(r"Next: .*follow.up.* on \w{3} \d{1,2} \w{3}\b", upcoming), upcoming
    # Opening the page again for a message (a link from Today) drafts it.
    at.query_params["scenario"] = Scenario.CHECK_IN.value
    at.switch_page(PAGE)
    at.run()
    assert at.selectbox(key="follow_up.scenario").value is Scenario.CHECK_IN and at.text_area(key="follow_up.body").value
    at.button(key="follow_up.log").click().run()
    confirmation, upcoming = _after_logging_shown(at)
    assert confirmation.startswith("Logged: second follow-up by email")
    # The person can still choose to write another message: then the editor comes back.
    at.button(key="follow_up.another").click().run()
    no_exceptions(at)
    assert at.text_area(key="follow_up.body").value
    assert at.button(key="follow_up.log") is not None


def test_after_a_thank_you_is_logged_the_next_step_comes_from_the_planner(app_on, demo_store):
    from lib.domain.text import short_day

    app_id = _id(demo_store, "Cobalt Insights")  # interviewed today: the thank-you note is due
    at = _open(app_on, demo_store, app_id)
    confirmation, upcoming = _after_logging(at)
    assert confirmation == f"Logged: thank-you note by email to Ana Souza on {short_day(date.today())}."
    assert upcoming.startswith("Next: ") and "Ironclad Security" in upcoming  # the offer elsewhere, due now
    # Another application clears the confirmation: its own message is drafted.
    other = _id(demo_store, "Copperleaf Energy")
    at.selectbox(key="follow_up.app").set_value(other).run()
    no_exceptions(at)
    assert not any(shown(s.value).startswith("Logged:") for s in at.success)
    assert "Marcus" in at.text_area(key="follow_up.body").value


def test_an_answer_with_a_long_example_gets_a_box_it_wraps_in(app_on, demo_store):
    """The answer to a concern is a sentence, and its example would be cut off in a one-line input on a phone."""
    at = _open(app_on, demo_store, _id(demo_store, "Northwind Analytics"), Scenario.THANK_YOU.value)
    answer = at.text_area(key="follow_up.extra.concern_response")
    assert answer.placeholder.startswith("One or two sentences")
    answer.input("In my last role I learned dbt in a month.").run()
    no_exceptions(at)
    assert "learned dbt in a month" in at.text_area(key="follow_up.body").value
