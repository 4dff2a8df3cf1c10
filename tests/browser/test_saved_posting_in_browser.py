"""The bookmarklet in a real browser: Settings shows it as a link to drag whose address is the
bookmarklet, and run on a job posting it opens quick add filled with the posting."""

from __future__ import annotations

from urllib.parse import unquote

from playwright.sync_api import expect

from lib.views.posting import ADD_URL, bookmarklet
from tests.browser.conftest import LiveApp

POSTING = "https://jobs.lever.co/kite-labs/0d6f1b6a-1234-4cde-9abc-1234567890ab"
POSTING_PAGE = "<!doctype html><title>Kite Labs - Platform Engineer</title><h1>Platform Engineer</h1>"


def _quick_add(page):
    return page.locator('[data-testid="stForm"]').filter(has=page.get_by_role("button", name="Add", exact=True))


def test_the_bookmarklet_fills_quick_add_from_a_posting(live_app, app_url):
    live_app.open("settings")
    page = live_app.page
    page.get_by_role("tab", name="Data and backups").click()
    link = page.locator("a.bookmarklet")
    expect(link).to_be_visible()
    href = link.get_attribute("href") or ""
    assert href == bookmarklet(app_url)
    expect(page.get_by_text("javascript:void(window.open(", exact=False).first).to_be_visible()  # the text to copy
    link.click()  # clicked in the app, it only says what to do
    expect(page.get_by_text("Drag it to your bookmarks bar")).to_be_visible()
    live_app.assert_clean("Settings")

    # A job posting (served here: nothing leaves the machine); the bookmark runs its script there.
    page.route("https://jobs.lever.co/**", lambda route: route.fulfill(status=200, content_type="text/html", body=POSTING_PAGE))
    page.goto(POSTING)
    with page.context.expect_page() as opened:
        page.evaluate(unquote(href.removeprefix("javascript:")))
    popup = opened.value
    app = LiveApp(page=popup, url=app_url)
    app.wait_idle()
    form = _quick_add(popup)
    expect(form.get_by_label("Company", exact=True)).to_have_value("Kite Labs")
    expect(form.get_by_label("Job title", exact=True)).to_have_value("Platform Engineer")
    expect(form.get_by_label("Link or source", exact=True)).to_have_value(POSTING)
    expect(popup.get_by_text("Filled in from the posting you saved")).to_be_visible()
    assert popup.url.startswith(f"{app_url}/applications") and ADD_URL not in popup.url  # a reload fills nothing
    app.assert_no_exception()
    popup.reload()
    app.wait_idle()
    expect(_quick_add(popup).get_by_label("Company", exact=True)).to_have_value("")


def test_today_links_each_planned_action_to_google_calendar(live_app):
    live_app.open()
    links = live_app.page.get_by_role("link", name="Add to Google Calendar")
    expect(links.first).to_be_visible()
    href = links.first.get_attribute("href") or ""
    assert href.startswith("https://calendar.google.com/calendar/render?action=TEMPLATE&text=")
    assert "&dates=" in href and "&details=" in href and " " not in href
    live_app.assert_clean("Today")
