"""The app at a phone's size (390x844) and a laptop's (1280x800), in light and dark.

On a server of its own (the demo job search): Today's first screen shows the first thing to do,
the board's lanes stack on a phone and sit side by side on a laptop, the interviewer's number is
a tel: link, quick add adds an application, a card moves on the board with one click, the tab's
icon comes from the app itself, and each page is saved as a screenshot under docs/screenshots/
(every page on a laptop, Today, the Board and an application on a phone, in light and dark; two
first screens for the README).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

import pytest
from playwright.sync_api import expect

from lib.io.store.local import LocalStore
from tests.browser.conftest import SCREENSHOTS, SETTLE_MS, LiveApp, StreamlitServer, _is_local, _serve
from tests.browser.test_journey import choose_theme

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 800}
SIZES = {"phone": PHONE, "laptop": LAPTOP}
FIRST_ACTION = '[class*="st-key-today-overdue-"] button, [class*="st-key-today-due-"] button'
APPLICATION = "Application"  # the page of one application, opened from Applications
SHOWN_APPLICATION = "Bluebird Health"  # a demo application with an interview, messages and a phone number
SCREENSHOT_PAGES = {
    "laptop": ["Today", "Applications", APPLICATION, "Board", "Follow-up", "Pipeline", "Import", "Settings"],
    "phone": ["Today", "Board", APPLICATION],
}
# First screens for the README: the board on a laptop, an application's own page on a phone.
README_SHOTS = {("laptop", "Light", "Board"): "readme-board", ("phone", "Light", APPLICATION): "readme-application-phone"}
# Scroll an element to the top of the window, below Streamlit's header bar (it overlays the page).
SCROLL_TO_TOP = """e => {
  e.scrollIntoView({block: 'start'});
  for (let p = e.parentElement; p; p = p.parentElement) { if (p.scrollTop > 0) { p.scrollBy(0, -72); break; } }
}"""
PATHS = {APPLICATION: "applications", "Import": "import_data"}
LANE = '[class*="st-key-board-lane-"]'


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
        yield LiveApp(page=page, url=server.url, errors=errors, screenshots=SCREENSHOTS)
    finally:
        context.close()


def open_application(app: LiveApp, company: str) -> None:
    """Open one application's page on Applications, as a person would: the picker, then its name."""
    page = app.page
    picker = page.get_by_role("combobox", name="Open an application", exact=True)
    picker.click()
    picker.fill(company)
    page.get_by_role("option").filter(has_text=re.compile("^" + re.escape(company) + " – ")).first.click()
    app.wait_idle()
    expect(page.get_by_role("heading", name=re.compile("^" + re.escape(company) + " – "))).to_be_visible()
    expect(page.locator(".st-key-applications-timeline .js-plotly-plot")).to_be_visible()


def show(app: LiveApp, title: str, theme: str) -> None:
    """Open the page titled `title` (APPLICATION: the demo application's own page) in `theme`."""
    if title == "Today":
        app.open()
    else:
        app.open(PATHS.get(title, title.lower().replace("-", "_")))
    choose_theme(app.page, theme)  # a page opened by its address starts in the default theme
    app.wait_idle()
    if title == APPLICATION:
        open_application(app, SHOWN_APPLICATION)


def assert_fits_the_width(app: LiveApp, where: str, width: int) -> None:
    wide = app.page.evaluate("() => document.documentElement.scrollWidth")
    assert wide <= width, f"{where} is {wide}px wide: it scrolls sideways"


@pytest.mark.parametrize("theme", ["Light", "Dark"])
@pytest.mark.parametrize("size", ["phone", "laptop"])
def test_first_screen_of_today_shows_the_first_thing_to_do(browser, phone_server, size, theme):
    with sized_app(browser, phone_server, SIZES[size]) as app:
        show(app, "Today", theme)
        first = app.page.locator(FIRST_ACTION).first
        expect(first, "the demo has something overdue or due today").to_be_visible()
        box = first.bounding_box()
        assert box is not None and box["y"] + box["height"] <= SIZES[size]["height"], (
            f"the first action's button ends at {box and box['y'] + box['height']:.0f}px, below the first screen"
        )
        assert_fits_the_width(app, f"Today, {size}, {theme}", SIZES[size]["width"])
        app.assert_clean(f"Today, {size}, {theme}")


@pytest.mark.parametrize("theme", ["Light", "Dark"])
@pytest.mark.parametrize("size", ["phone", "laptop"])
def test_every_page_fits_and_is_saved_as_a_screenshot(browser, phone_server, size, theme):
    """Each page in docs/screenshots/<size>-<theme>-<page>.png: every page on a laptop, the daily ones on a phone."""
    with sized_app(browser, phone_server, SIZES[size]) as app:
        for title in SCREENSHOT_PAGES[size]:
            show(app, title, theme)
            app.assert_clean(f"{title}, {size}, {theme}")
            assert_fits_the_width(app, f"{title}, {size}, {theme}", SIZES[size]["width"])
            app.screenshot(f"{size}-{theme}-{title}")
            if (size, theme, title) in README_SHOTS:
                heading = app.page.locator('[data-testid="stHeading"]').filter(has_text=" – ").first
                if title == APPLICATION:  # the application's own page starts below the table
                    heading.evaluate(SCROLL_TO_TOP)
                    app.page.wait_for_timeout(SETTLE_MS)
                app.screenshot(README_SHOTS[size, theme, title], first_screen=True)


def test_board_lanes_stack_on_a_phone(browser, phone_server):
    """At 390 px each lane takes the whole width, one under the other; a card's buttons stay inside it."""
    with sized_app(browser, phone_server, PHONE) as app:
        show(app, "Board", "Light")
        lanes = app.page.locator(LANE)
        assert lanes.count() >= 4
        boxes = [lanes.nth(i).bounding_box() for i in range(lanes.count())]
        visible = [b for b in boxes if b and b["width"] > 0]
        assert all(b["width"] >= 0.8 * (PHONE["width"] - 2 * 24) for b in visible), [b["width"] for b in visible]
        tops = [b["y"] for b in visible]
        assert tops == sorted(tops) and len(set(tops)) == len(tops), f"lanes side by side: {tops}"
        cards = app.page.locator('[class*="st-key-board-card-"]')
        for i in range(min(cards.count(), 6)):
            card = cards.nth(i).bounding_box()
            for button in cards.nth(i).locator("button").all():
                b = button.bounding_box()
                if card and b and b["width"]:
                    assert b["x"] >= card["x"] - 1 and b["x"] + b["width"] <= card["x"] + card["width"] + 1
        assert_fits_the_width(app, "Board, phone", PHONE["width"])


def test_board_lanes_sit_side_by_side_on_a_laptop(browser, phone_server):
    with sized_app(browser, phone_server, LAPTOP) as app:
        show(app, "Board", "Light")
        lanes = app.page.locator(LANE)
        tops = {round(lanes.nth(i).bounding_box()["y"]) for i in range(lanes.count()) if lanes.nth(i).is_visible()}
        assert len(tops) == 1, f"the open lanes are not in one row: {tops}"


def test_the_interviewer_can_be_called_from_the_application_page(browser, phone_server):
    with sized_app(browser, phone_server, PHONE) as app:
        show(app, APPLICATION, "Light")
        call = app.page.locator(".st-key-applications-call a")
        expect(call).to_have_attribute("href", "tel:+16175550142")
        app.assert_clean("the application's page")


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


def test_the_sidebar_names_the_data_folder_as_a_person_would(browser, phone_server):
    """The folder is under the server's home folder, so it reads "~/data", as a person's own does."""
    with sized_app(browser, phone_server, LAPTOP) as app:
        app.open()
        expect(app.page.locator('[data-testid="stSidebar"]')).to_contain_text("Data: Local folder ~/data")


def test_after_log_as_sent_the_picker_names_the_next_step(browser, phone_server):
    """The chosen application's label names its step; once that step is logged, the browser must show
    the new label (it keeps an option's old label when only the label changed, unless told)."""
    with sized_app(browser, phone_server, LAPTOP) as app:
        app.open()
        app.page.locator('[class*="st-key-today-due-"] button').first.click()
        app.wait_idle()
        picker = app.page.locator('[data-testid="stSelectbox"]').filter(has_text="Application").first.locator("input")
        before = picker.input_value()
        app.page.get_by_role("button", name="Log as sent").click()
        app.wait_idle()
        expect(app.page.get_by_text("Logged:", exact=False).first).to_be_visible()
        after = picker.input_value()
        application = before.partition(") · ")[0]
        assert after.startswith(application) and after != before, (before, after)
        app.assert_clean("log as sent")


def test_after_an_edit_the_picker_shows_the_new_status(browser, phone_server):
    """The open application's label in the picker names its status: an edit that changes it shows there too."""
    with sized_app(browser, phone_server, LAPTOP) as app:
        app.open("applications")
        open_application(app, "Orbit Finance")
        picker = app.page.get_by_role("combobox", name="Open an application", exact=True)
        assert picker.input_value().endswith("(Applied)"), picker.input_value()
        app.expand("Edit this application")
        form = app.page.locator('[data-testid="stForm"]').filter(has=app.page.get_by_role("button", name="Save changes"))
        status = form.get_by_role("combobox", name="Status", exact=True)
        status.click()
        status.fill("No Response")
        app.page.get_by_role("option").filter(has_text=re.compile("^No Response$")).first.click()
        form.get_by_role("button", name="Save changes").click()
        app.wait_idle()
        app.assert_clean("the edit")
        expect(picker).to_have_value(re.compile(r"\(No Response\)$"))


def test_open_on_a_board_card_shows_its_page_on_the_first_screen(browser, phone_server):
    """On a phone the application's page is screens below the table: Open scrolls there."""
    with sized_app(browser, phone_server, PHONE) as app:
        show(app, "Board", "Light")
        card = app.page.locator('[class*="st-key-board-card-"]').filter(has_text=SHOWN_APPLICATION).last
        card.get_by_role("button", name="Open").click()
        app.wait_idle()
        heading = app.page.get_by_role("heading", name=re.compile("^" + re.escape(SHOWN_APPLICATION) + " – "))
        expect(heading).to_be_in_viewport()
        box = heading.bounding_box()
        assert box is not None and 48 <= box["y"] <= 200, f"the heading is not at the top of the window: {box}"
        app.assert_clean("Open from the board")
