"""Browser-test harness: the real app under `streamlit run`, driven by Debian's Chromium.

Fixtures:

- ``app_server`` (session): a fresh ``streamlit run app.py`` on a free localhost port, with an
  empty data folder of its own (``JOBSEARCH_DATA_DIR``; the app seeds demo data there), a home
  folder of its own and no secrets, so a developer's own data, settings or Google Sheet are never
  touched. ``app_url`` is its URL.
- ``browser`` (session): headless Chromium (``/usr/bin/chromium``) through Playwright's sync API.
  Playwright's own browser download is never used.
- ``browser_page``: a fresh page; any console error or uncaught script error in the browser fails
  the test.
- ``live_app``: helpers over ``browser_page`` (open a page, wait for the script run to finish,
  assert no exception box, save a screenshot). Screenshots go to WORK_SHOTS, a folder outside
  the repository, to look at when a test fails; only tests/browser/test_phone.py writes the
  curated set the README shows, under ``docs/screenshots/`` (SCREENSHOTS).
- ``journey_server`` (session) and ``journey_app``: the same, on a second server with a data
  folder of its own, for tests that change much of the data as they go.

Without ``/usr/bin/chromium`` the browser tests are skipped, except under CI (``CI`` set), where
they fail: CI must really run them.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app.py"
CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = ROOT / "docs" / "screenshots"  # the committed set: every page, laptop and phone, light and dark
WORK_SHOTS = Path(tempfile.gettempdir()) / "jobsearch-browser-screenshots"  # the rest, for a look after a run

STARTUP_TIMEOUT_S = 60.0
RUN_TIMEOUT_MS = 30_000
# A rerun starts a moment after the click that causes it; a short pause on each side of the
# "not running" check keeps the helper from reading the state left over from the previous run.
SETTLE_MS = 400

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

APP_IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
APP_CONNECTED = '[data-testid="stApp"][data-test-connection-state="CONNECTED"]'
STATUS_RUNNING = '[data-testid="stStatusWidget"]:has-text("Running")'
# Grey placeholders Streamlit shows while an element's code is still loading in the browser.
SKELETONS = (
    '[data-testid="stAppSkeleton"], [data-testid="stSkeleton"], [data-testid="stSkeletonElement"]'
)
EXCEPTION = '[data-testid="stException"]'
NAV_LINK = '[data-testid="stSidebarNav"] a[data-testid="stSidebarNavLink"]'


def in_ci() -> bool:
    """True when the CI environment variable is set to something other than a false value."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


# --- the app server -------------------------------------------------------------------------


@dataclass
class StreamlitServer:
    """A running ``streamlit run`` process and where to reach it."""

    url: str
    data_dir: Path
    log_path: Path
    process: subprocess.Popen[bytes]

    def log_tail(self, max_chars: int = 6000) -> str:
        """The end of the server's combined stdout/stderr (empty string if none yet)."""
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return ""
        return text[-max_chars:]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


# Running servers by the name of the fixture that started them, for failure reports.
_servers: dict[str, StreamlitServer] = {}


@contextmanager
def _serve(tmp_path_factory: pytest.TempPathFactory, name: str) -> Iterator[StreamlitServer]:
    """Run ``streamlit run app.py`` on a free port with a fresh data folder until the block ends;
    `name` names its temporary folder and its log in failure reports."""
    work = tmp_path_factory.mktemp(name)
    data_dir = work / "data"
    data_dir.mkdir()
    # An empty secrets file in place of the developer's own: the app must use the local store.
    secrets = work / "secrets.toml"
    secrets.write_text("# no secrets for the browser tests\n")
    log_path = work / "streamlit.log"
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    command = [
        sys.executable, "-m", "streamlit", "run", str(APP),
        "--server.headless", "true",
        "--server.address", "127.0.0.1",
        "--server.port", str(port),
        "--browser.gatherUsageStats", "false",
        # No reloading of edited source files mid-run: the tests see one version of the code.
        "--server.fileWatcherType", "none",
        "--secrets.files", str(secrets),
    ]  # fmt: skip
    # The temporary folder is the server's home folder too: a developer's own ~/.streamlit settings do
    # not apply, and the sidebar names the data folder as it does for a person ("~/data").
    env = {**os.environ, "HOME": str(work), "JOBSEARCH_DATA_DIR": str(data_dir), "PYTHONUNBUFFERED": "1"}
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
    server = StreamlitServer(url=url, data_dir=data_dir, log_path=log_path, process=process)
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        while not _healthy(url):
            if process.poll() is not None:
                pytest.fail(
                    f"streamlit exited with code {process.returncode} before answering.\n"
                    f"{server.log_tail()}",
                    pytrace=False,
                )
            if time.monotonic() > deadline:
                pytest.fail(
                    f"streamlit did not answer {url}/_stcore/health within "
                    f"{STARTUP_TIMEOUT_S:.0f} s.\n{server.log_tail()}",
                    pytrace=False,
                )
            time.sleep(0.25)
        _servers[name] = server
        yield server
    finally:
        _servers.pop(name, None)
        _stop(process)


@pytest.fixture(scope="session")
def app_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StreamlitServer]:
    """Start the app on a free port with a fresh data folder; stop it after the session."""
    with _serve(tmp_path_factory, "app_server") as server:
        yield server


@pytest.fixture(scope="session")
def journey_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StreamlitServer]:
    """A second app server with a data folder of its own, for tests that change a lot of data
    (a new user's journey) without changing what the tests on ``app_server`` see."""
    with _serve(tmp_path_factory, "journey_server") as server:
        yield server


@pytest.fixture(scope="session")
def app_url(app_server: StreamlitServer) -> str:
    """Base URL of the running app, without a trailing slash."""
    return app_server.url


# --- the browser ----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Headless Debian Chromium; skipped locally if missing, a failure under CI."""
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: install Debian's chromium package (`make test` does)."
        if in_ci():
            pytest.fail(f"CI must run the browser tests. {message}", pytrace=False)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield chromium
        finally:
            chromium.close()


def _is_local(url: str, app_url: str) -> bool:
    """True for the app's own URLs and for in-page ones (data:, blob:, about:)."""
    if not url or url == app_url or url.startswith(f"{app_url}/"):
        return True
    return url.startswith(("data:", "blob:", "about:"))


def _is_base_path_probe(url: str, app_url: str) -> bool:
    """True for Streamlit's own search for its base path.

    Opened at a page's URL (``/applications``), the Streamlit frontend first asks
    ``/applications/_stcore/health`` and ``.../host-config`` whether the server lives there; the
    404s it gets back are expected and logged by the browser as failed loads.
    """
    rest = url.removeprefix(f"{app_url}/")
    return rest != url and re.fullmatch(r"[^?#]+/_stcore/(health|host-config)", rest) is not None


@contextmanager
def _open_page(request: pytest.FixtureRequest, browser, app_url: str) -> Iterator[object]:
    """A fresh page in its own context on the app at `app_url`; browser errors are collected in
    ``request.node.browser_errors`` and checked after the test body."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(RUN_TIMEOUT_MS)
    errors: list[str] = []
    request.node.browser_errors = errors

    # Nothing leaves this machine: Streamlit fetches some icons from the internet (a page's
    # Material icon as the tab's favicon, for one); those requests are refused here and the
    # browser's "failed to load" notice for them is not an error of the app.
    context.route(lambda url: not _is_local(url, app_url), lambda route: route.abort())

    def on_console(message) -> None:
        if message.type != "error":
            return
        where = message.location.get("url", "")
        if message.text.startswith("Failed to load resource") and (
            not _is_local(where, app_url) or _is_base_path_probe(where, app_url)
        ):
            return
        errors.append(f"console error: {message.text} {where}".rstrip())

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(f"uncaught error: {error}"))
    try:
        yield page
    finally:
        context.close()


@pytest.fixture
def browser_page(request: pytest.FixtureRequest, browser, app_url: str):
    """A fresh page in its own context. Browser errors are checked after the test body."""
    with _open_page(request, browser, app_url) as page:
        yield page


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item):
    """Fail a browser test that passed its own checks but made the browser report errors."""
    result = yield
    errors = getattr(item, "browser_errors", None)
    if errors:
        raise AssertionError("the browser reported errors:\n" + "\n".join(errors))
    return result


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):
    """Attach the server log (and any browser errors) to a failed browser test's report."""
    report = yield
    if report.failed:
        errors = getattr(item, "browser_errors", None)
        if errors:
            report.sections.append(("browser errors", "\n".join(errors)))
        used = getattr(item, "fixturenames", ())
        for name, server in _servers.items():
            if name in used:
                title = "streamlit server log (tail)" if name == "app_server" else f"{name} log (tail)"
                report.sections.append((title, server.log_tail()))
    return report


# --- helpers for tests ----------------------------------------------------------------------


def slug(text: str) -> str:
    """A file-name-safe lowercase form of a page title: "Follow-up" -> "follow-up"."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "page"


@dataclass
class LiveApp:
    """Helpers over one browser page of the running app."""

    page: object
    url: str
    screenshots: Path = field(default=WORK_SHOTS)
    # The browser errors collected for this page so far (the list the page's fixture fills).
    errors: list[str] = field(default_factory=list)

    def open(self, path: str = "") -> None:
        """Go to a page of the app by its URL path ("" for the default page) and wait for it."""
        self.page.goto(f"{self.url}/{path.lstrip('/')}")
        self.wait_idle()

    def open_page(self, title: str) -> None:
        """Go to a page by clicking its title in the sidebar navigation, as a person would."""
        self.page.locator(NAV_LINK).filter(has_text=title).first.click()
        self.wait_idle()

    def wait_idle(self, timeout_ms: int = RUN_TIMEOUT_MS) -> None:
        """Wait until the app is connected, its script has finished running and every element
        has loaded, then settle."""
        self.page.wait_for_selector(APP_CONNECTED, timeout=timeout_ms)
        self.page.wait_for_timeout(SETTLE_MS)
        self.page.wait_for_selector(APP_IDLE, timeout=timeout_ms)
        self.page.wait_for_selector(STATUS_RUNNING, state="hidden", timeout=timeout_ms)
        self.page.wait_for_function(
            "selector => !document.querySelector(selector)", arg=SKELETONS, timeout=timeout_ms
        )
        self.page.wait_for_timeout(SETTLE_MS)

    def expand(self, label: str) -> None:
        """Open the expander titled `label` and wait until it has finished opening.

        An expander grows open with an animation that clips its content; text typed into it
        meanwhile scrolls the clipped content, which jumps back later, so a click in it can
        start on a button and end beside it (and do nothing).
        """
        expander = self.page.locator('[data-testid="stExpander"]').filter(
            has=self.page.locator("summary").get_by_text(label, exact=True)
        )
        expander.locator("summary").first.click()  # its own; an expander inside it has one too
        expander.locator("details[open]").first.wait_for()
        self.page.wait_for_function(
            "el => el.getAnimations({subtree: true}).length === 0",
            arg=expander.element_handle(),
        )

    def assert_no_exception(self) -> None:
        """Fail with the exception text if the app shows an exception box."""
        boxes = self.page.locator(EXCEPTION)
        if boxes.count():
            texts = "\n---\n".join(boxes.nth(i).inner_text() for i in range(boxes.count()))
            raise AssertionError(f"the app shows an exception:\n{texts}")

    def assert_clean(self, step: str) -> None:
        """Fail, naming `step`, if the app shows an exception box or the browser reported an error."""
        try:
            self.assert_no_exception()
        except AssertionError as exc:
            raise AssertionError(f"{step}: {exc}") from None
        if self.errors:
            raise AssertionError(f"{step}: the browser reported errors:\n" + "\n".join(self.errors))

    def nav_pages(self) -> list[tuple[str, str]]:
        """(title, href) of each page in the sidebar navigation, in order."""
        links = self.page.locator(NAV_LINK)
        pages = []
        for i in range(links.count()):
            link = links.nth(i)
            title = link.locator('[data-testid="stMarkdownContainer"]').inner_text().strip()
            pages.append((title, link.get_attribute("href") or ""))
        return pages

    def screenshot(self, name: str, first_screen: bool = False) -> Path:
        """Save a full-page PNG (or, with `first_screen`, what the window shows now) as
        <screenshots>/<name>.png and return its path."""
        self.screenshots.mkdir(parents=True, exist_ok=True)
        path = self.screenshots / f"{slug(name)}.png"
        if first_screen:
            self.page.screenshot(path=str(path))
            return path
        # Streamlit scrolls its main area inside the window, so a "full page" capture would stop
        # at the window's edge: grow the window to the content for the shot, then put it back.
        viewport = self.page.viewport_size
        content = self.page.evaluate(
            "() => Math.max(...['stMain', 'stSidebarContent'].map(id => "
            "document.querySelector(`[data-testid=${id}]`)?.scrollHeight ?? 0))"
        )
        if viewport and content > viewport["height"]:
            self.page.set_viewport_size({"width": viewport["width"], "height": int(content)})
            self.page.wait_for_timeout(SETTLE_MS)
        try:
            self.page.screenshot(path=str(path), full_page=True)
        finally:
            if viewport:
                self.page.set_viewport_size(viewport)
        return path


@pytest.fixture
def live_app(browser_page, app_url: str) -> LiveApp:
    """Helpers bound to this test's browser page and the running app."""
    return LiveApp(page=browser_page, url=app_url)


@pytest.fixture
def journey_app(request: pytest.FixtureRequest, browser, journey_server: StreamlitServer):
    """Helpers over a fresh page on ``journey_server`` (its own app and data folder)."""
    with _open_page(request, browser, journey_server.url) as page:
        yield LiveApp(page=page, url=journey_server.url, errors=request.node.browser_errors)
