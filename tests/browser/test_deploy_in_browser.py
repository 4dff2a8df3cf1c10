"""Deployment mistakes in a real Chromium: the app must show no data through them.

- nginx's default `proxy_pass http://127.0.0.1:8501` (no forwarding headers): every request reaches the app
  with `Host: 127.0.0.1:8501` from 127.0.0.1, as a local one would; only the browser's Origin gives it away.
  (Streamlit refuses that WebSocket itself while server.enableCORS is on, its default; the test turns it
  off, as a deployer does to make the proxy work.)
- a page of another site that frames the app (clickjacking the Settings page's "start fresh" button).
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import APP_IDLE, CHROMIUM, CHROMIUM_ARGS, RUN_TIMEOUT_MS, _serve

pytestmark = pytest.mark.browser

PUBLIC_NAME = "jobs.example.test"  # what the visitor types; Chromium resolves it to this machine


def _pipe(source: socket.socket, target: socket.socket) -> None:
    try:
        while data := source.recv(65536):
            target.sendall(data)
    except OSError:
        pass
    finally:
        for s in (source, target):
            with suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)


@contextmanager
def nginx_default_proxy(upstream: str) -> Iterator[int]:
    """A TCP proxy that does what nginx's bare `proxy_pass http://upstream` does to a request head:
    Host becomes the upstream's, nothing is added; the rest (Origin, the WebSocket upgrade) passes on.
    Yields the port it listens on (127.0.0.1)."""
    up_host, up_port = urlsplit(upstream).hostname or "127.0.0.1", urlsplit(upstream).port or 80
    listener = socket.create_server(("127.0.0.1", 0))

    def handle(client: socket.socket) -> None:
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = client.recv(65536)
            if not chunk:
                client.close()
                return
            head += chunk
        lines = head.split(b"\r\n")
        lines = [f"Host: {up_host}:{up_port}".encode() if line.lower().startswith(b"host:") else line for line in lines]
        server = socket.create_connection((up_host, up_port))
        server.sendall(b"\r\n".join(lines))
        threading.Thread(target=_pipe, args=(server, client), daemon=True).start()
        _pipe(client, server)

    def accept() -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            threading.Thread(target=handle, args=(client,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    try:
        yield listener.getsockname()[1]
    finally:
        listener.close()


@contextmanager
def framing_site(app_url: str) -> Iterator[str]:
    """Serve, on another origin (localhost rather than 127.0.0.1), a page that frames the app's Settings page."""
    page = f'<html><body><h1>Win a prize</h1><iframe src="{app_url}/settings" width="1200" height="900"></iframe></body></html>'

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(page.encode())

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://localhost:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def public_browser(browser):
    """Chromium that resolves PUBLIC_NAME to this machine, as DNS would point it at the proxy."""
    chromium = browser.browser_type.launch(
        executable_path=str(CHROMIUM), headless=True, args=[*CHROMIUM_ARGS, f"--host-resolver-rules=MAP {PUBLIC_NAME} 127.0.0.1"],
    )
    yield chromium
    chromium.close()


@pytest.fixture(scope="module")
def cors_off_server(tmp_path_factory):
    """The app with server.enableCORS off, as a deployer sets it when Streamlit (which by default refuses a
    WebSocket whose Origin does not match its Host) will not connect behind the proxy."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("STREAMLIT_SERVER_ENABLE_CORS", "false")
        with _serve(tmp_path_factory, "cors_off_server") as server:
            yield server


def test_behind_nginx_default_proxy_pass_no_data_is_shown(public_browser, cors_off_server):
    with nginx_default_proxy(cors_off_server.url) as port:
        page = public_browser.new_page()
        page.set_default_timeout(RUN_TIMEOUT_MS)
        page.goto(f"http://{PUBLIC_NAME}:{port}/")
        page.locator(APP_IDLE).wait_for()
        page.get_by_text("reachable from other computers").wait_for()
        text = page.locator('[data-testid="stApp"]').inner_text()
        assert "Northwind Analytics" not in text and "demo data" not in text
        page.close()


def test_the_app_on_this_computer_still_opens(public_browser, app_server):
    page = public_browser.new_page()
    page.set_default_timeout(RUN_TIMEOUT_MS)
    page.goto(app_server.url + "/")
    page.locator(APP_IDLE).wait_for()
    page.get_by_text("demo data").first.wait_for()
    page.close()


def test_framed_by_another_site_the_app_covers_itself_and_shows_no_data(public_browser, app_server):
    with framing_site(app_server.url) as url:
        page = public_browser.new_page()
        page.set_default_timeout(RUN_TIMEOUT_MS)
        page.goto(url)
        frame = page.frame_locator("iframe")
        frame.get_by_text("cannot be shown inside another site").first.wait_for()
        frame.locator('[data-testid="stAlertContentError"]').wait_for()  # the app itself refused, not only the cover
        assert frame.get_by_role("button", name="start fresh").count() == 0
        assert "Northwind Analytics" not in frame.locator("body").inner_text()
        page.close()
