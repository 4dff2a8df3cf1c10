"""Hostile sheet text in a real browser: no outside images, no links but the intended ones.

A server of its own holds the applications of tests/app/test_hostile_text.py: every text
column holds Markdown, HTML or a URL meant to fetch a tracking image, disguise a link or
add mail recipients. On every page, in each state that shows an application, in the light
and the dark theme, the rendered page may hold:

- no `img` (or SVG `image`) whose source is outside the app;
- no `a` but the app's own navigation, the http(s) link fields (Job Link, Interviewer
  LinkedIn) as `lib.domain.literal.web_url` makes them, mailto: links exactly as
  `lib.messages.mailto.mailto_link` builds them, tel: links exactly as
  `lib.domain.literal.tel_url` builds them from Interviewer Phone, Google Calendar's event
  template with nothing but its four fields (a job link in the details only as a link field),
  and the bookmarklet exactly as `lib.views.posting.bookmarklet` builds it;
- no Markdown structure made from the data (lists, tables, quotes, math, headings...);

and the browser requests nothing from evil.example (nor any other outside host but the
icon font Streamlit itself asks for). The sheet text must read as typed.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from urllib.parse import parse_qs, urlsplit

import pytest

from lib.domain.literal import tel_url, web_url
from lib.io.store.local import LocalStore
from lib.messages.mailto import mailto_link
from lib.planner.calendar_ics import GOOGLE_CALENDAR
from lib.views.posting import bookmarklet
from tests.app.test_hostile_text import IDS, hostile_records
from tests.browser.conftest import LiveApp, StreamlitServer, _open_page, _serve
from tests.browser.test_journey import choose_theme

pytestmark = pytest.mark.browser

EVIL_HOST = "evil.example"
# What Streamlit's own frontend may ask the internet for (refused by the test browser anyway).
STREAMLIT_HOSTS = {"fonts.gstatic.com", "fonts.googleapis.com"}
MARKDOWN = '[data-testid="stMarkdownContainer"]'
# Structure that only the sheet's text could have made inside a Markdown block.
FROM_DATA = "img, table, blockquote, ul, ol, li, hr, pre, code, h1, h2, h3, h4, h5, h6, em, del, .katex, input"
TEL_TYPED, TEL_LINK = "+1 (555) 010-9999", "tel:+15550109999"
APPLICATIONS_PICKER = '.st-key-applications-open input[role="combobox"]'


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StreamlitServer]:
    """An app server whose data folder holds the hostile applications (written before the first
    request, so no demo data is seeded)."""
    with _serve(tmp_path_factory, "hostile_server") as server:
        apps, history = hostile_records(date.today())
        apps[1]["Interviewer Phone"] = TEL_TYPED  # one number the app may call: a tel: link
        LocalStore(server.data_dir).replace_all(apps, history, {"profile.name": "Sam <b>Ortiz</b> [me](https://evil.example)"})
        yield server


@pytest.fixture
def hostile_app(request: pytest.FixtureRequest, browser, hostile_server: StreamlitServer) -> Iterator[LiveApp]:
    with _open_page(request, browser, hostile_server.url) as page:
        requested: list[str] = []
        page.on("request", lambda r: requested.append(r.url))
        app = LiveApp(page=page, url=hostile_server.url, errors=request.node.browser_errors)
        app.requested = requested  # type: ignore[attr-defined]
        app.links_seen = set()  # type: ignore[attr-defined]
        yield app


def allowed_links(server: StreamlitServer) -> tuple[set[str], set[str]]:
    """Return (http(s) and tel: links the app may show, mailto: links the app may show without fields)."""
    data = LocalStore(server.data_dir).load(date.today())
    apps = data.applications
    web = {u for v in [*apps["Job Link"], *apps["Interviewer LinkedIn"]] if (u := web_url(v))}
    web |= {u for v in apps["Interviewer Phone"] if (u := tel_url(v))}
    mail = {mailto_link(v, "", "") for v in apps["Interviewer Email"] if v}
    return web, mail


def check_page(app: LiveApp, where: str, web: set[str], mail: set[str]) -> None:
    """Fail, naming `where`, on an outside image, an unintended link or Markdown from the data."""
    page = app.page
    app.assert_clean(where)
    images = page.eval_on_selector_all(
        "img, image", "els => els.map(e => e.getAttribute('src') || e.getAttribute('href') || e.getAttribute('xlink:href') || '')"
    )
    outside = [s for s in images if urlsplit(s).scheme in ("http", "https", "") and urlsplit(s).netloc not in ("", urlsplit(app.url).netloc)]
    assert not outside, f"{where}: images from outside: {outside}"
    hrefs = page.eval_on_selector_all("a", "els => els.map(e => e.getAttribute('href') || e.getAttribute('xlink:href') || '')")
    app.links_seen.update(hrefs)  # type: ignore[attr-defined]
    for href in hrefs:
        parts = urlsplit(href)
        if href.startswith("#") or (parts.scheme in ("http", "") and parts.netloc in ("", urlsplit(app.url).netloc)):
            continue  # the app's own navigation
        if href.startswith("mailto:"):
            base = href.split("?", 1)[0]
            assert base in mail, f"{where}: a mailto: link the builder did not make: {href}"
            fields = href.split("?", 1)[1].split("&") if "?" in href else []
            assert {f.split("=", 1)[0] for f in fields} <= {"subject", "body"}, f"{where}: {href}"
            continue
        if href.startswith(GOOGLE_CALENDAR + "?"):
            query = parse_qs(parts.query, strict_parsing=True)
            assert set(query) == {"action", "text", "dates", "details"} and query["action"] == ["TEMPLATE"], f"{where}: {href}"
            linked = [line.removeprefix("Job posting: ") for line in query["details"][0].splitlines() if line.startswith("Job posting: ")]
            assert set(linked) <= web, f"{where}: a calendar event linking what is not a link field: {href}"
            continue
        if href.startswith("javascript:"):
            assert href == bookmarklet(app.url), f"{where}: a script link that is not the bookmarklet: {href!r}"
            continue
        assert href in web, f"{where}: a link that is not a link field: {href!r}"
    # The app's own headings (st.title, st.subheader) are the only structure allowed.
    made = page.eval_on_selector_all(
        f"{MARKDOWN} :is({FROM_DATA})",
        "els => els.filter(e => !(/^H[1-6]$/.test(e.tagName) && e.closest('[data-testid=stHeading]')))"
        ".map(e => e.outerHTML.slice(0, 200))",
    )
    assert not made, f"{where}: Markdown structure from the data: {made}"
    evil = [u for u in app.requested if EVIL_HOST in urlsplit(u).netloc]  # type: ignore[attr-defined]
    assert not evil, f"{where}: the browser asked {EVIL_HOST}: {evil}"
    others = {urlsplit(u).netloc for u in app.requested if u.startswith(("http:", "https:"))}  # type: ignore[attr-defined]
    assert others <= {urlsplit(app.url).netloc} | STREAMLIT_HOSTS, f"{where}: outside hosts asked: {others}"


def shown_text(app: LiveApp) -> str:
    texts = app.page.locator(MARKDOWN).all_inner_texts()
    return "\n".join(texts).replace("\u2060", "").replace("\u2068", "").replace("\u2069", "").replace("\u00a0", " ")


@pytest.mark.parametrize("theme", ["Light", "Dark"])
def test_no_outside_images_or_links_on_any_page(hostile_app: LiveApp, hostile_server: StreamlitServer, theme: str) -> None:
    app, page = hostile_app, hostile_app.page
    web, mail = allowed_links(hostile_server)
    assert web and mail  # the data does hold links the app should show

    app.open()
    choose_theme(page, theme)
    app.wait_idle()
    check_page(app, f"Today ({theme})", web, mail)
    text = shown_text(app)
    for value in ["![x](https://evil.example/b.png)", "[src](https://evil.example/phish)", "**b** __u__ *i* _j_ ~s~ ~~t~~ `code`",
                  "$x$ $$y$$ $x^2$", ":material/home: :smile: :streamlit: :+1:", "a -> b <- c <-> d -- e >= f <= g ~= h",
                  "Data Analyst\n===\n- item\n1. one\n* star\n+ plus"]:
        assert value in text, f"Today ({theme}) does not show {value!r} as typed"
    page.locator('[class*="st-key-today-"][class*="-reply"] button').first.click()
    app.wait_idle()
    check_page(app, f"Today, reply form ({theme})", web, mail)

    app.open_page("Applications")
    check_page(app, f"Applications ({theme})", web, mail)
    # Every application in the first theme; a sample in the other (the same HTML, other colours).
    stride = 1 if theme == "Light" else 5
    opened: list[str] = []
    picker = page.locator(APPLICATIONS_PICKER)
    for n in range(len(IDS)):
        picker.click()  # the list opens at the first option, or at the one open now
        if n:
            page.keyboard.press("ArrowDown")
        page.keyboard.press("Enter")
        app.wait_idle()
        if n % stride:
            continue
        opened.append(picker.input_value())
        check_page(app, f"Applications, {opened[-1][:40]!r} open ({theme})", web, mail)
    assert len(set(opened)) == len(range(0, len(IDS), stride)), opened
    if stride == 1:
        assert TEL_LINK in app.links_seen, "the one callable number got no tel: link"  # type: ignore[attr-defined]

    # The application's picture: its hover texts show the sheet's text as typed, with no link.
    timeline = page.locator(".st-key-applications-timeline .js-plotly-plot")
    assert timeline.count() == 1, f"the open application has no timeline picture ({theme})"
    assert not timeline.locator("a").count(), f"a link in the application's timeline ({theme})"
    markers = timeline.locator(".scatterlayer .point")
    assert markers.count() >= 2, f"the timeline has no markers to hover ({theme})"  # applied and today at least
    for i in range(min(markers.count(), 12)):
        markers.nth(i).hover(force=True)
        page.wait_for_timeout(50)
        assert not page.locator(".hoverlayer a").count(), f"a link in the timeline's hover text ({theme})"
    check_page(app, f"Applications, the open application's timeline after hovering ({theme})", web, mail)

    app.open_page("Board")
    check_page(app, f"Board ({theme})", web, mail)
    board_text = shown_text(app)
    assert "[src](https://evil.example/phish)" in board_text, f"Board ({theme}) does not show a company as typed"
    page.locator('[data-testid="stExpander"] summary').filter(has_text="Closed (").first.click()
    app.wait_idle()
    check_page(app, f"Board, closed lanes open ({theme})", web, mail)

    for app_id in IDS[::stride]:
        app.open(f"follow_up?app={app_id}")
        check_page(app, f"Follow-up, {app_id} ({theme})", web, mail)

    app.open_page("Pipeline")
    check_page(app, f"Pipeline ({theme})", web, mail)
    bars = page.locator(".js-plotly-plot .barlayer path")
    hovered: list[str] = []
    for i in range(min(bars.count(), 40)):
        bars.nth(i).hover(force=True)
        page.wait_for_timeout(50)
        hovered.extend(page.locator(".hoverlayer").evaluate_all("els => els.map(e => e.textContent || '')"))
        assert not page.locator(".hoverlayer a").count(), f"a link in a chart's hover text ({theme})"
    check_page(app, f"Pipeline, after hovering ({theme})", web, mail)
    assert any("<b>bold</b>" in h for h in hovered), "the hover texts do not show the sheet's <b> as typed"

    app.open_page("Settings")
    check_page(app, f"Settings ({theme})", web, mail)
