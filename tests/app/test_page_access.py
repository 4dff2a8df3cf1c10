"""Sign-in and safe defaults in the running app: nobody sees data they should not."""

from __future__ import annotations

import logging

import pytest
import streamlit as st
from streamlit import config as st_config
from streamlit.testing.v1 import AppTest

from lib.io.config import DATA_DIR_ENV, DEMO_ENV
from tests.conftest import APP_TIMEOUT_SECONDS, ROOT, no_exceptions

CLIENT_SECRET = "client-secret-DO-NOT-SHOW-4242"
AUTH = {"redirect_uri": "https://me.example/oauth2callback", "cookie_secret": "cookie-secret-7777",
        "client_id": "client-id", "client_secret": CLIENT_SECRET,
        "server_metadata_url": "https://accounts.google.com/.well-known/openid-configuration"}
ME = {"is_logged_in": True, "email": "me@example.com", "email_verified": True, "name": "Me"}


@pytest.fixture
def server_address():
    """Set Streamlit's server.address for one test, as `streamlit run --server.address` would."""
    before = {name: st_config.get_option(name) for name in ("server.address", "client.showErrorDetails")}

    def set_to(address: str) -> None:
        st_config.set_option("server.address", address)

    yield set_to
    for name, value in before.items():  # the app turns error details off when not local
        st_config.set_option(name, value)


def build(sheet, user: dict | None, *, auth: bool = True) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=APP_TIMEOUT_SECONDS)
    at.secrets["connections"] = {"gsheets": sheet.secrets}
    if auth:
        at.secrets["auth"] = AUTH
        at.secrets["access"] = {"allowed_emails": ["me@example.com"]}
    at.user = user if user is not None else {"is_logged_in": False}
    return at


def all_text(at: AppTest) -> str:
    return "\n".join(str(getattr(e, "value", "")) for e in at.main) + "\n".join(
        str(getattr(e, "value", "")) for e in at.sidebar)


def test_not_signed_in_sees_a_sign_in_prompt_and_no_data_is_read(sheets_demo):
    sheets_demo.fake.reset_counters()
    at = build(sheets_demo, None).run()
    no_exceptions(at)
    assert at.button(key="gate.sign_in")
    assert sheets_demo.fake.request_count == 0


def test_a_posting_saved_before_signing_in_says_to_click_the_bookmark_again(sheets_demo):
    # Signing in starts a new session on the app's first page, so the posting's address is lost.
    sheets_demo.fake.reset_counters()
    at = build(sheets_demo, None)
    at.query_params.update({"add_url": "https://jobs.lever.co/acme/1", "add_title": "Acme - Analyst"})
    at.run()
    no_exceptions(at)
    assert "click your bookmark on the job posting again" in all_text(at)
    assert sheets_demo.fake.request_count == 0


def test_signed_in_and_allowed_sees_the_pages(sheets_demo):
    at = build(sheets_demo, ME).run()
    no_exceptions(at)
    at.switch_page("app_pages/applications.py").run()
    no_exceptions(at)
    assert "Northwind Analytics" in set(at.dataframe(key="applications.table").value["Company"])
    assert at.button(key="sidebar.sign_out")


def test_signed_in_but_not_allowed_is_refused_and_no_data_is_read(sheets_demo):
    sheets_demo.fake.reset_counters()
    at = build(sheets_demo, {**ME, "email": "stranger@example.com"}).run()
    no_exceptions(at)
    assert "not on this dashboard's list" in at.warning[0].value
    assert sheets_demo.fake.request_count == 0
    with pytest.raises(ValueError, match="Known pages: \\['Sign in'\\]"):
        at.switch_page("app_pages/applications.py")  # the data pages do not exist for this visitor


def test_network_address_without_sign_in_shows_a_warning_and_no_data(sheets_demo, server_address):
    server_address("0.0.0.0")
    sheets_demo.fake.reset_counters()
    at = build(sheets_demo, {}, auth=False).run()
    no_exceptions(at)
    assert "reachable from other computers" in at.warning[0].value
    assert sheets_demo.fake.request_count == 0


def test_secrets_never_reach_the_page_or_the_logs(sheets_demo, caplog, server_address):
    server_address("0.0.0.0")
    caplog.set_level(logging.DEBUG)
    key_line = sheets_demo.secrets["private_key"].splitlines()[1]
    def assert_hidden(at: AppTest) -> None:
        shown = all_text(at) + caplog.text
        for secret in (CLIENT_SECRET, "cookie-secret-7777", key_line):
            assert secret not in shown

    for user in (None, ME, {**ME, "email": "stranger@example.com"}):
        at = build(sheets_demo, user).run()
        assert_hidden(at)
        pages = ("app_pages/applications.py", "app_pages/follow_up.py", "app_pages/pipeline.py", "app_pages/settings.py")
        for page in pages if user == ME else ():
            at.switch_page(page).run()
            assert_hidden(at)
    sheets_demo.fake.revoke_credentials()  # errors must not quote the key either
    assert_hidden(build(sheets_demo, ME).run())


# --- A secrets file that exists but does not parse stops the app: never read as "no secrets" -------------------------

BROKEN_SECRETS = {
    # [auth] is there but a typo further down: today that silently turned sign-in off.
    "auth then a typo": (f'[auth]\nredirect_uri = "https://me.example/oauth2callback"\ncookie_secret = "cookie-secret-7777"\n'
                         f'client_id = "client-id"\nclient_secret: "{CLIENT_SECRET}"\n', 5),
    "unterminated string": (f'[local]\ndata_dir = "data"\n\n[auth]\ncookie_secret = "{CLIENT_SECRET}\n', 5),
    "key twice": (f'[access]\nallowed_emails = ["me@example.com"]\nallowed_emails = ["{CLIENT_SECRET}"]\n', 3),
}


@pytest.fixture
def secrets_file(tmp_path, monkeypatch, demo_store):
    """Write a .streamlit/secrets.toml in a temp folder and make it the one Streamlit reads (secrets.files), with
    the app on a local store holding the demo data."""
    before = {name: st_config.get_option(name) for name in ("secrets.files", "client.showErrorDetails")}
    monkeypatch.setenv(DATA_DIR_ENV, str(demo_store.data_dir))
    monkeypatch.setenv(DEMO_ENV, "0")
    path = tmp_path / ".streamlit" / "secrets.toml"
    path.parent.mkdir()

    def write(content: str | bytes) -> None:
        path.write_bytes(content.encode() if isinstance(content, str) else content)
        # As `streamlit run --secrets.files`: a missing global file next to the project's, as in the default list.
        st_config.set_option("secrets.files", [str(tmp_path / "home" / ".streamlit" / "secrets.toml"), str(path)])

    yield write
    for name, value in before.items():  # the app turns error details off while the secrets are broken
        st_config.set_option(name, value)
    st.secrets._reset()  # a test that fixes the file leaves it parsed in Streamlit's singleton
    st.cache_data.clear()
    st.cache_resource.clear()


def shown_and_logged(at: AppTest, caplog) -> str:
    elements = [*at.main, *at.sidebar]
    return "\n".join(str(getattr(e, "value", "")) + str(getattr(e, "body", "")) for e in elements) + caplog.text


@pytest.mark.parametrize("name", list(BROKEN_SECRETS))
def test_a_secrets_file_that_does_not_parse_stops_the_app_with_the_line_and_no_data(name, secrets_file, caplog):
    text, line = BROKEN_SECRETS[name]
    secrets_file(text)
    caplog.set_level(logging.DEBUG)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=APP_TIMEOUT_SECONDS).run()
    no_exceptions(at)
    assert len(at.error) == 1
    message = at.error[0].value
    assert "secrets.toml" in message and f"line {line}" in message
    shown = shown_and_logged(at, caplog)
    for secret in (CLIENT_SECRET, "cookie-secret-7777", "4242"):
        assert secret not in shown
    assert "Northwind Analytics" not in shown and not at.dataframe and not at.sidebar
    with pytest.raises(ValueError, match="Known pages: \\['Sign in'\\]"):
        at.switch_page("app_pages/applications.py")  # the data pages do not exist while the secrets are broken


def test_a_secrets_file_that_is_not_utf8_stops_the_app(secrets_file, caplog):
    secrets_file(f'[auth]\ncookie_secret = "{CLIENT_SECRET}"\nclient_id = "\xe9t\xe9"\n'.encode("latin-1"))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=APP_TIMEOUT_SECONDS).run()
    no_exceptions(at)
    assert "line 3" in at.error[0].value and "UTF-8" in at.error[0].value
    assert CLIENT_SECRET not in shown_and_logged(at, caplog) and not at.sidebar


def test_once_the_file_is_fixed_the_app_starts_again(secrets_file):
    secrets_file('[local]\ndata_dir = "data"\n[access\n')
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=APP_TIMEOUT_SECONDS).run()
    assert at.error and not at.sidebar
    secrets_file("[access]\nallow_network_without_sign_in = false\n")
    at.run()
    no_exceptions(at)
    assert not at.error
    at.switch_page("app_pages/applications.py").run()
    assert "Northwind Analytics" in set(at.dataframe(key="applications.table").value["Company"])


def test_no_secrets_file_at_all_is_fine_on_this_computer(demo_store, monkeypatch, tmp_path):
    before = st_config.get_option("secrets.files")
    st_config.set_option("secrets.files", [str(tmp_path / "none" / "secrets.toml")])
    monkeypatch.setenv(DATA_DIR_ENV, str(demo_store.data_dir))
    try:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=APP_TIMEOUT_SECONDS).run()
        no_exceptions(at)
        assert not at.error and at.sidebar
    finally:
        st_config.set_option("secrets.files", before)


@pytest.mark.parametrize("value", ["false", "False", " no ", "0"])
def test_allow_network_written_as_text_false_keeps_the_network_out(value, sheets_demo, server_address):
    server_address("0.0.0.0")
    sheets_demo.fake.reset_counters()
    at = build(sheets_demo, {}, auth=False)
    at.secrets["access"] = {"allow_network_without_sign_in": value}
    at.run()
    no_exceptions(at)
    assert "reachable from other computers" in at.warning[0].value
    assert sheets_demo.fake.request_count == 0


def test_an_unreadable_access_setting_stops_the_app(sheets_demo, server_address):
    server_address("0.0.0.0")
    sheets_demo.fake.reset_counters()
    at = build(sheets_demo, {}, auth=False)
    at.secrets["access"] = {"allow_network_without_sign_in": "perhaps"}
    at.run()
    no_exceptions(at)
    assert "allow_network_without_sign_in" in at.error[0].value and "perhaps" not in at.error[0].value
    assert sheets_demo.fake.request_count == 0


def test_a_signed_in_account_whose_email_is_not_verified_is_refused(sheets_demo):
    sheets_demo.fake.reset_counters()
    at = build(sheets_demo, {**ME, "email_verified": "false"}).run()
    no_exceptions(at)
    assert "not on this dashboard's list" in at.warning[0].value
    assert sheets_demo.fake.request_count == 0


@pytest.mark.parametrize("user", [ME, None])
def test_a_page_framed_by_another_site_gets_no_data_even_when_signed_in(sheets_demo, user):
    # The browser-side check (app.py) reports {"framed": true} through the component's state; set it as it would.
    sheets_demo.fake.reset_counters()
    at = build(sheets_demo, user)
    at.session_state["access.frame_guard"] = {"framed": True}
    at.run()
    no_exceptions(at)
    assert "cannot be shown inside another site" in at.error[0].value
    assert sheets_demo.fake.request_count == 0 and not at.sidebar
    with pytest.raises(ValueError, match="Known pages: \\['Sign in'\\]"):
        at.switch_page("app_pages/settings.py")  # no "start fresh" button to click through a frame
