"""Sign-in and safe defaults in the running app: nobody sees data they should not."""

from __future__ import annotations

import logging

import pytest
from streamlit import config as st_config
from streamlit.testing.v1 import AppTest

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
