"""The Today page: counts, grouped actions, and logging what was sent or came back."""

from __future__ import annotations

import re
from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from lib.io.demo import generate
from lib.io.store.local import LocalStore
from tests.conftest import no_exceptions

PAGE = "app_pages/today.py"


def _id(store: LocalStore, company: str) -> str:
    return str(store.load(date.today()).applications.set_index("Company").loc[company, "ID"])


def _keys(at: AppTest) -> set[str]:
    return {b.key for b in at.button if b.key}


def _group_of(at: AppTest, app_id: str) -> str | None:
    """Return the group slug ("due", "overdue", ...) the application is listed under."""
    for key in _keys(at):
        if key.startswith("today.") and key.endswith(f".{app_id}.reply"):
            return key.split(".")[1]
    return None


@pytest.mark.parametrize("fixture", ["demo_store", "fresh_store", "sheets_demo", "sheets_empty"])
def test_renders_on_demo_and_empty(request, app_on, fixture):
    at = app_on(request.getfixturevalue(fixture), PAGE)
    no_exceptions(at)
    assert at.title[0].value == "Today"


def test_is_the_home_page(app_on, demo_store):
    at = app_on(demo_store)
    assert at.title[0].value == "Today"


def test_empty_store_points_to_applications(app_on, fresh_store):
    at = app_on(fresh_store, PAGE)
    assert "No applications yet" in at.info[0].value
    assert at.page_link[0].label == "Go to Applications"


def test_counts_and_groups_on_demo(app_on, demo_store):
    at = app_on(demo_store, PAGE)
    metrics = {m.label: m.value for m in at.metric}
    assert set(metrics) == {"Due today", "Overdue", "Waiting", "Active applications", "Response rate so far"}
    assert metrics["Active applications"] == "20"
    assert metrics["Response rate so far"].endswith("%")
    headings = [h.value for h in at.subheader]
    for name in ("Overdue", "Due today", "Coming up (next 7 days)", "Consider moving on"):
        assert any(f"{name} (" in h for h in headings), name
    due = sum(1 for k in _keys(at) if k.startswith("today.due.") and k.endswith(".reply"))
    assert metrics["Due today"] == str(due)


@pytest.mark.parametrize(
    ("company", "group"),
    [
        ("Quill Publishing", "due"),  # applied 12 days ago, no word since
        ("Greenway Logistics", "move_on"),  # two follow-ups unanswered
        ("Pinecrest Schools", "coming"),  # applied 4 days ago
        ("Fable Studios", None),  # accepted: nothing to do
    ],
)
def test_demo_applications_land_in_their_groups(app_on, demo_store, company, group):
    at = app_on(demo_store, PAGE)
    assert _group_of(at, _id(demo_store, company)) == group


def test_reasons_and_media_are_shown(app_on, demo_store):
    at = app_on(demo_store, PAGE)
    assert any("**Follow up.** You applied on" in m.value for m in at.markdown)
    assert any(":small[:gray[Email · due" in m.value for m in at.markdown)


def test_write_button_opens_the_follow_up_page_for_that_step(app_on, demo_store):
    app_id = _id(demo_store, "Quill Publishing")
    at = app_on(demo_store, PAGE)
    at.button(key=f"today.due.{app_id}.write").click().run()
    no_exceptions(at)
    assert at.title[0].value == "Follow-up"
    assert (at.query_params["app"], at.query_params["scenario"]) == (app_id, "status_inquiry")
    assert at.selectbox(key="follow_up.app").value == app_id


@pytest.mark.parametrize("fixture", ["demo_store", "sheets_demo"])
def test_marking_a_follow_up_sent_moves_it_out_of_due(request, app_on, fixture):
    demo_store = request.getfixturevalue(fixture)
    app_id = _id(demo_store, "Quill Publishing")
    at = app_on(demo_store, PAGE)
    at.button(key=f"today.due.{app_id}.sent").click().run()
    at.text_input(key=f"today.sent_form.{app_id}.subject").input("Data Analyst application")
    at.button(key=f"FormSubmitter:today.sent_form.{app_id}-Save").click().run()
    no_exceptions(at)
    data = demo_store.load(date.today())
    row = data.application(app_id)
    assert row["Follow-Ups Sent"] == 1 and row["Follow-Up Medium"] == "Email"
    logged = data.history(app_id).iloc[-1]
    assert (logged["Direction"], logged["Kind"], logged["Subject"]) == ("Sent", "Follow-up", "Data Analyst application")
    assert _group_of(at, app_id) == "waiting"


def test_sent_form_can_be_cancelled(app_on, demo_store):
    app_id = _id(demo_store, "Quill Publishing")
    at = app_on(demo_store, PAGE)
    at.button(key=f"today.due.{app_id}.sent").click().run()
    assert len(at.text_area) == 1
    at.button(key=f"FormSubmitter:today.sent_form.{app_id}-Cancel").click().run()
    assert len(at.text_area) == 0
    assert demo_store.load(date.today()).history(app_id).empty


def test_logging_a_reply_with_a_new_status(app_on, demo_store):
    app_id = _id(demo_store, "Copperleaf Energy")
    at = app_on(demo_store, PAGE)
    group = _group_of(at, app_id)
    at.button(key=f"today.{group}.{app_id}.reply").click().run()
    at.text_input(key=f"today.reply_form.{app_id}.outcome").input("Went with another candidate")
    at.selectbox(key=f"today.reply_form.{app_id}.status").set_value("Rejected")
    at.button(key=f"FormSubmitter:today.reply_form.{app_id}-Save").click().run()
    no_exceptions(at)
    row = demo_store.load(date.today()).application(app_id)
    assert (row["Status"], row["Outcome"]) == ("Rejected", "Went with another candidate")
    assert row["Response On"].date() == date.today()
    assert f"today.due.{app_id}.write" in _keys(at)  # now: a gracious reply asking for feedback


def test_reply_needs_a_word_about_what_they_said(app_on, demo_store):
    app_id = _id(demo_store, "Copperleaf Energy")
    before = demo_store.load(date.today())
    at = app_on(demo_store, PAGE)
    at.button(key=f"today.{_group_of(at, app_id)}.{app_id}.reply").click().run()
    at.button(key=f"FormSubmitter:today.reply_form.{app_id}-Save").click().run()
    assert any("what they said" in e.value for e in at.error)
    after = demo_store.load(date.today())
    assert after.application(app_id)["Response On"] == before.application(app_id)["Response On"]
    assert len(after.history(app_id)) == len(before.history(app_id))


def test_moving_on_closes_as_no_response(app_on, demo_store):
    app_id = _id(demo_store, "Greenway Logistics")
    at = app_on(demo_store, PAGE)
    at.button(key=f"today.move_on.{app_id}.close").click().run()
    no_exceptions(at)
    assert demo_store.load(date.today()).application(app_id)["Status"] == "No Response"
    assert _group_of(at, app_id) is None


def test_calendar_download_is_offered(app_on, demo_store):
    at = app_on(demo_store, PAGE)
    buttons = at.get("download_button")
    assert len(buttons) == 1 and "calendar" in buttons[0].proto.label


def test_long_groups_show_twenty_then_more(app_on, fresh_store):
    apps, history = generate(2000, date.today())
    fresh_store.replace_all(apps, history, {})
    at = app_on(fresh_store, PAGE)
    no_exceptions(at)
    more = [k for k in _keys(at) if k.startswith("today.more.")]
    assert more, "expected a group longer than twenty"
    slug = more[0].split(".")[2]
    rows = lambda: sum(1 for k in _keys(at) if k.startswith(f"today.{slug}.") and k.endswith(".reply"))  # noqa: E731
    assert rows() == 20
    hidden = int(re.search(r"\((\d+) not shown\)", at.button(key=more[0]).label).group(1))
    at.button(key=more[0]).click().run()
    assert rows() == 20 + min(hidden, 20)  # twenty more, or the rest of the group
    at.button(key=f"today.fewer.{slug}").click().run()
    assert rows() == 20


@pytest.mark.parametrize("fixture", ["demo_store", "fresh_store"])
def test_quick_add_from_today(request, app_on, fixture):
    store = request.getfixturevalue(fixture)
    before = len(store.load(date.today()).applications)
    at = app_on(store, PAGE)
    at.text_input(key="today.quick.company").input("Zephyr Labs")
    at.text_input(key="today.quick.title").input("Research Engineer")
    at.text_input(key="today.quick.extra").input("LinkedIn")
    at.button(key="FormSubmitter:today.quick-Add").click().run()
    no_exceptions(at)
    apps = store.load(date.today()).applications
    assert len(apps) == before + 1
    row = apps[apps["Company"] == "Zephyr Labs"].iloc[0]
    assert (row["Job Title"], row["Source"], row["Status"]) == ("Research Engineer", "LinkedIn", "Applied")
