"""The Board page: one lane per status, and a move is one click that writes one cell."""

from __future__ import annotations

from datetime import date

import pytest

from lib.domain.literal import shown
from tests.conftest import no_exceptions
from tests.hands import LocalHands

PAGE = "app_pages/board.py"


def card_texts(at) -> str:
    return "\n".join(shown(m.value) for m in at.markdown)


@pytest.mark.parametrize("fixture", ["demo_store", "fresh_store", "sheets_demo"])
def test_renders(request, app_on, fixture):
    at = app_on(request.getfixturevalue(fixture), PAGE)
    no_exceptions(at)
    assert at.title[0].value == "Board"


def test_every_application_is_on_one_card(app_on, demo_store):
    at = app_on(demo_store, PAGE)
    apps = demo_store.load(date.today()).applications
    texts = card_texts(at)
    for company in set(apps["Company"]):
        assert company in texts
    assert "last contact" in texts


@pytest.mark.parametrize("fixture", ["demo_store", "sheets_demo"])
def test_one_click_moves_the_card_and_writes_only_the_status(request, app_on, fixture):
    store = request.getfixturevalue(fixture)
    before = store.load(date.today())
    row = before.applications[before.applications["Status"] == "Applied"].iloc[0]
    app_id = row["ID"]
    at = app_on(store, PAGE)
    at.button(key=f"board.card.{app_id}.to.INTERVIEWING").click().run()
    no_exceptions(at)
    after = store.load(date.today())
    moved = after.application(app_id)
    assert moved["Status"] == "Interviewing"
    old = before.application(app_id)
    changed = {k for k in old if k != "_row" and str(old[k]) != str(moved[k])}
    assert changed == {"Status"}
    others = after.applications[after.applications["ID"] != app_id].drop(columns="_row").reset_index(drop=True)
    assert others.equals(before.applications[before.applications["ID"] != app_id].drop(columns="_row").reset_index(drop=True))


def test_a_move_over_a_hand_edit_is_refused(app_on, demo_store):
    before = demo_store.load(date.today())
    app_id = before.applications[before.applications["Status"] == "Applied"].iloc[0]["ID"]
    at = app_on(demo_store, PAGE)
    hands = LocalHands(demo_store)
    hands.set_cell(hands.row_of(app_id), "Status", "Rejected")  # changed in the sheet while the board is open
    at.button(key=f"board.card.{app_id}.to.INTERVIEWING").click().run()
    no_exceptions(at)
    assert demo_store.load(date.today()).application(app_id)["Status"] == "Rejected"
    assert at.error


def test_any_status_is_in_the_card_menu(app_on, demo_store):
    before = demo_store.load(date.today())
    app_id = before.applications[before.applications["Status"] == "Applied"].iloc[0]["ID"]
    at = app_on(demo_store, PAGE)
    at.button(key=f"board.card.{app_id}.to.WITHDRAWN").click().run()
    no_exceptions(at)
    assert demo_store.load(date.today()).application(app_id)["Status"] == "Withdrawn"


def test_a_late_step_reads_as_late_in_red(app_on, demo_store):
    """The demo has overdue steps: their cards say "overdue" (in red), not only a past date."""
    at = app_on(demo_store, PAGE)
    late = [m.value for m in at.markdown if "overdue, was due" in shown(m.value)]
    assert late and all(":red[" in value for value in late)


def test_open_on_a_card_shows_that_applications_page(app_on, demo_store):
    apps = demo_store.load(date.today()).applications
    row = apps[apps["Status"] == "Interviewing"].iloc[0]
    at = app_on(demo_store, PAGE)
    at.button(key=f"board.card.{row['ID']}.open").click().run()
    no_exceptions(at)
    assert at.selectbox(key="applications.open").value == row["ID"]
    assert any(shown(h.value) == f"{row['Company']} – {row['Job Title']}" for h in at.subheader)
    assert "open" not in at.query_params  # once: the person's next choice is not taken back
