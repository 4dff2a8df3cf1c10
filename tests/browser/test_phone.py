"""The app at a phone's size (390x844) and a laptop's (1280x800), in light and dark.

On a server of its own (the demo job search): Today's first screen shows the first thing to do,
quick add adds an application, a card moves on the board with one click, an edit saves, the tab's
icon comes from the app itself, and each page is saved as a screenshot under docs/screenshots/.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

import pytest
from playwright.sync_api import expect

from lib.io.store.local import LocalStore
from tests.browser.conftest import LiveApp, StreamlitServer, _is_local, _serve
from tests.browser.test_journey import choose_theme

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 800}
SIZES = {"phone": PHONE, "laptop": LAPTOP}
FIRST_ACTION = '[class*="st-key-today-overdue-"] button, [class*="st-key-today-due-"] button'
PAGES = ["Today", "Applications", "Board", "Follow-up", "Pipeline", "Settings"]


@pytest.fixture(scope="module")
def phone_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StreamlitServer]:
    with _serve(tmp_path_factory, "phone_server") as server:
        yield server


@contextmanager
def sized_app(browser, server: StreamlitServer, size: dict[str, int]) -> Iterator[LiveApp]:
    """A fresh page of `size` on `server`; nothing outside the app is fetched, and the icon font's refusal is not an error."""
    context = browser.new_context(viewport=size, locale="en-US", is_mobile=size is PHONE, has_touch=size is PHONE)
    context.route(lambda url: not _is_local(url, server.url), lambda route: route.abort())
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(f"uncaught error: {error}"))
    try:
        yield LiveApp(page=page, url=server.url, errors=errors)
    finally:
        context.close()


@pytest.mark.parametrize("theme", ["Light", "Dark"])
@pytest.mark.parametrize("size", ["phone", "laptop"])
def test_first_screen_of_today_shows_the_first_thing_to_do(browser, phone_server, size, theme):
    with sized_app(browser, phone_server, SIZES[size]) as app:
        app.open()
        choose_theme(app.page, theme)
        app.wait_idle()
        first = app.page.locator(FIRST_ACTION).first
        expect(first, "the demo has something overdue or due today").to_be_visible()
        box = first.bounding_box()
        assert box is not None and box["y"] + box["height"] <= SIZES[size]["height"], (
            f"the first action's button ends at {box and box['y'] + box['height']:.0f}px, below the first screen"
        )
        width = app.page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= SIZES[size]["width"], f"the page is {width}px wide: it scrolls sideways"
        app.assert_clean(f"Today, {size}, {theme}")
        for title in PAGES:
            if title != "Today":
                app.open(title.lower().replace("-", "_"))
                choose_theme(app.page, theme)  # a page opened by its address starts in the default theme
                app.wait_idle()
            app.assert_clean(f"{title}, {size}, {theme}")
            wide = app.page.evaluate("() => document.documentElement.scrollWidth")
            assert wide <= SIZES[size]["width"], f"{title} is {wide}px wide at {size} size: it scrolls sideways"
            app.screenshot(f"{size}-{theme}-{title}")


def test_the_tab_icon_is_served_by_the_app(browser, phone_server):
    with sized_app(browser, phone_server, LAPTOP) as app:
        app.open()
        href = app.page.locator('link[rel~="icon"]').first.get_attribute("href") or ""
        assert href and (href.startswith(("/", "data:")) or href.startswith(phone_server.url)), href
        assert "gstatic" not in href and "googleapis" not in href


@pytest.mark.parametrize("size", ["phone", "laptop"])
def test_quick_add_then_a_move_on_the_board(browser, phone_server, size):
    store = LocalStore(phone_server.data_dir)
    company = f"Quick {size.title()} Ltd"
    with sized_app(browser, phone_server, SIZES[size]) as app:
        app.open("applications")
        page = app.page
        page.locator(".st-key-applications-quick-company input").fill(company)
        page.locator(".st-key-applications-quick-title input").fill("Analyst")
        page.locator(".st-key-applications-quick-extra input").fill(f"jobs.example/{size}")
        page.locator('[data-testid="stForm"]').filter(has=page.locator(".st-key-applications-quick-company")).get_by_role(
            "button", name="Add", exact=True).click()
        app.wait_idle()
        app.assert_clean("quick add")
        added = store.load(date.today()).applications
        row = added[added["Company"] == company]
        assert len(row) == 1 and row.iloc[0]["Job Link"] == f"https://jobs.example/{size}"
        app_id = row.iloc[0]["ID"]

        app.open("board")
        card = page.locator(f'.st-key-board-card-{app_id}')
        expect(card).to_contain_text(company)
        card.locator(f'.st-key-board-card-{app_id}-to-INTERVIEWING button').click()
        app.wait_idle()
        app.assert_clean("board move")
        assert store.load(date.today()).application(app_id)["Status"] == "Interviewing"
        app.screenshot(f"{size}-board-after-move")
