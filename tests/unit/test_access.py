"""Who gets in: the access decision, from secrets, server address and the signed-in user."""

import pytest

from lib.access import AccessSettingsError, Verdict, decide, policy_from

AUTH = {"auth": {"redirect_uri": "https://me.example/oauth2callback", "cookie_secret": "s", "client_id": "id",
                 "client_secret": "cs", "server_metadata_url": "https://accounts.google.com/.well-known/openid-configuration"},
        "access": {"allowed_emails": ["Me@Example.com"]}}
ME = {"is_logged_in": True, "email": "me@example.com", "email_verified": True}


@pytest.mark.parametrize(
    "secrets, address, user, verdict",
    [
        ({}, "localhost", {}, Verdict.OPEN),
        ({}, "127.0.0.1", {}, Verdict.OPEN),
        ({}, "0.0.0.0", {}, Verdict.UNSAFE),
        ({}, "", {}, Verdict.UNSAFE),  # an empty address listens on every interface
        ({}, None, {}, Verdict.UNSAFE),
        ({"access": {"allow_network_without_sign_in": True}}, "0.0.0.0", {}, Verdict.OPEN),
        (AUTH, "0.0.0.0", {}, Verdict.SIGN_IN),
        (AUTH, "localhost", {"is_logged_in": False}, Verdict.SIGN_IN),
        (AUTH, "0.0.0.0", ME, Verdict.ALLOWED),
        (AUTH, "0.0.0.0", {**ME, "email": "someone@else.com"}, Verdict.REFUSED),
        (AUTH, "0.0.0.0", {**ME, "email_verified": False}, Verdict.REFUSED),
        ({**AUTH, "access": {}}, "0.0.0.0", ME, Verdict.REFUSED),  # sign-in with no allowlist lets nobody in
        ({**AUTH, "access": {"allowed_emails": "a@b.com, me@example.com"}}, "0.0.0.0", ME, Verdict.ALLOWED),
    ],
)
def test_access_decision(secrets, address, user, verdict):
    assert decide(policy_from(secrets, address), user) is verdict


@pytest.mark.parametrize(
    "headers, verdict",
    [
        ({"Host": "localhost:8501", "Origin": "http://localhost:8501"}, Verdict.OPEN),
        ({"Host": "127.0.0.1:8501", "Origin": "http://127.0.0.1:8501"}, Verdict.OPEN),
        ({"Host": "[::1]:8501", "Origin": "http://[::1]:8501"}, Verdict.OPEN),
        ({"Host": "jobs.example.com", "Origin": "https://jobs.example.com"}, Verdict.UNSAFE),  # a proxy passing the public host on
        ({"Host": "localhost:8501", "Origin": "http://localhost:8501", "X-Forwarded-For": "203.0.113.9"}, Verdict.UNSAFE),
        ({"host": "localhost", "origin": "http://localhost", "forwarded": "for=203.0.113.9"}, Verdict.UNSAFE),
    ],
)
def test_a_proxy_in_front_of_a_local_server_is_not_local(headers, verdict):
    assert decide(policy_from({}, "127.0.0.1", headers), {}) is verdict


# --- Settings are read strictly: a yes/no setting is a yes/no, or the app says what is wrong --------------------------

@pytest.mark.parametrize(
    "value, verdict",
    [
        (True, Verdict.OPEN), (False, Verdict.UNSAFE),
        ("true", Verdict.OPEN), (" TRUE ", Verdict.OPEN), ("Yes", Verdict.OPEN), ("1", Verdict.OPEN), (1, Verdict.OPEN),
        ("false", Verdict.UNSAFE), ("False", Verdict.UNSAFE), (" no", Verdict.UNSAFE), ("0", Verdict.UNSAFE), (0, Verdict.UNSAFE),
        ("NO\t", Verdict.UNSAFE),
    ],
)
def test_allow_network_is_read_as_a_yes_or_no(value, verdict):
    secrets = {"access": {"allow_network_without_sign_in": value}}
    assert decide(policy_from(secrets, "0.0.0.0"), {}) is verdict


@pytest.mark.parametrize("value", ["", "  ", "maybe", "off!", "ture", "2", 2, -1, 0.5, 1.0, [], ["true"], {}, {"a": 1}, None])
def test_an_unreadable_yes_or_no_is_refused_with_a_message_that_names_the_setting(value):
    secrets = {"access": {"allow_network_without_sign_in": value}}
    with pytest.raises(AccessSettingsError) as raised:
        policy_from(secrets, "0.0.0.0")
    message = str(raised.value)
    assert "allow_network_without_sign_in" in message and "[access]" in message
    if isinstance(value, str) and value.strip():
        assert value.strip() not in message  # a secrets file's values are never echoed


@pytest.mark.parametrize(
    "claim, verdict",
    [
        (True, Verdict.ALLOWED), ("true", Verdict.ALLOWED), ("TRUE ", Verdict.ALLOWED), ("1", Verdict.ALLOWED),
        (False, Verdict.REFUSED), ("false", Verdict.REFUSED), ("False", Verdict.REFUSED), ("no", Verdict.REFUSED),
        ("0", Verdict.REFUSED), (0, Verdict.REFUSED), ("", Verdict.REFUSED), ("unverified", Verdict.REFUSED),
        (None, Verdict.REFUSED), ([], Verdict.REFUSED), ({"v": True}, Verdict.REFUSED), (2, Verdict.REFUSED),
    ],
)
def test_only_an_email_the_provider_says_is_verified_gets_in(claim, verdict):
    assert decide(policy_from(AUTH, "0.0.0.0"), {**ME, "email_verified": claim}) is verdict


def test_an_email_with_no_verification_claim_is_refused():
    user = {k: v for k, v in ME.items() if k != "email_verified"}
    assert decide(policy_from(AUTH, "0.0.0.0"), user) is Verdict.REFUSED


@pytest.mark.parametrize(
    "secrets",
    [
        {"auth": {}},  # the [auth] header uncommented, nothing under it
        {"auth": {"redirect_uri": "https://me.example/oauth2callback"}},  # no cookie_secret
        {"auth": {"cookie_secret": "s"}},
        {"auth": {"redirect_uri": "  ", "cookie_secret": "s"}},
        {"auth": "yes"},
        {"access": "me@example.com"},
        {**AUTH, "access": {"allowed_emails": ["me@example.com", 42]}},
        {**AUTH, "access": {"allowed_emails": 42}},
    ],
)
def test_incomplete_or_misshapen_settings_are_refused_not_guessed(secrets):
    with pytest.raises(AccessSettingsError) as raised:
        policy_from(secrets, "localhost")
    for value in ("cookie-secret", "me@example.com"):
        assert value not in str(raised.value)


# --- Behind a proxy on this computer: every signal the request carries must say "this computer" -----------------------

LOCAL = {"Host": "127.0.0.1:8501", "Origin": "http://127.0.0.1:8501"}


@pytest.mark.parametrize(
    "headers",
    [
        LOCAL,
        {"Host": "localhost:8501", "Origin": "http://localhost:8501"},
        {"Host": "LOCALHOST", "Origin": "HTTP://LocalHost"},
        {"Host": "[::1]:8501", "Origin": "http://[::1]:8501"},
        {"Host": "127.0.0.2:8501", "Origin": "http://127.1.2.3:9000"},  # all of 127.0.0.0/8 is this computer
        {"host": "localhost:8501", "origin": "https://localhost"},
        {**LOCAL, "X-Forwarded-For": "127.0.0.1"},  # a proxy on this computer, for a browser on this computer
        {**LOCAL, "X-Forwarded-For": "127.0.0.1, ::1", "X-Forwarded-Proto": "http"},
        {**LOCAL, "X-Real-IP": "::1"},
        {**LOCAL, "Forwarded": 'for=127.0.0.1;proto=http, for="[::1]:4711"'},
    ],
)
def test_a_request_from_this_computer_is_local(headers):
    assert decide(policy_from({}, "127.0.0.1", headers), {}) is Verdict.OPEN


@pytest.mark.parametrize(
    "headers",
    [
        # nginx's default proxy_pass: Host is the upstream's, no forwarding headers; only the browser's Origin tells.
        {"Host": "127.0.0.1:8501", "Origin": "https://jobs.example.com"},
        {"Host": "127.0.0.1:8501", "Origin": "http://192.168.1.20:8501"},
        {"Host": "127.0.0.1:8501", "Origin": "null"},  # a sandboxed frame or a file:// page
        {"Host": "127.0.0.1:8501"},  # a request with no Origin: not a browser on this computer
        {"Host": "127.0.0.1:8501", "Origin": ""},
        {"Host": "127.0.0.1:8501", "Origin": "localhost:8501"},  # not an origin
        {"Host": "127.0.0.1:8501", "Origin": "http://localhost.jobs.example.com"},
        {"Host": "127.0.0.1:8501", "Origin": "http://127.0.0.1.nip.io:8501"},
        {"Host": "127.0.0.1:8501", "Origin": "http://localhost:notaport"},
        {"Host": "127.0.0.1:8501", "Origin": "http://user@localhost:8501"},
        {"Host": "127.0.0.1:8501", "Origin": "ftp://localhost"},
        {"Origin": "http://localhost:8501"},  # no Host
        {"Host": "", "Origin": "http://localhost:8501"},
        {"Host": "jobs.example.com", "Origin": "http://localhost:8501"},
        {"Host": "127.0.0.1:8501:9", "Origin": "http://localhost:8501"},
        {**LOCAL, "X-Forwarded-For": "203.0.113.9"},
        {**LOCAL, "X-Forwarded-For": "127.0.0.1, 203.0.113.9"},  # what the client sent, then nginx's real one
        {**LOCAL, "X-Forwarded-For": "unknown"},
        {**LOCAL, "X-Forwarded-For": ""},
        {**LOCAL, "X-Real-IP": "10.0.0.5"},
        {**LOCAL, "X-Forwarded-Host": "jobs.example.com"},
        {**LOCAL, "X-Forwarded-Proto": "https"},  # a proxy that does not say who the visitor is
        {**LOCAL, "Forwarded": "for=198.51.100.17;proto=https"},
        {**LOCAL, "Forwarded": "for=127.0.0.1, for=198.51.100.17"},
        {**LOCAL, "Forwarded": "for=_hidden"},
        {**LOCAL, "Forwarded": "for=unknown"},
        {**LOCAL, "Forwarded": "proto=https"},
        {**LOCAL, "Forwarded": "for=127.0.0.1;host=jobs.example.com"},
        {**LOCAL, "Forwarded": "garbage"},
    ],
)
def test_a_request_from_elsewhere_or_that_cannot_be_placed_is_not_local(headers):
    policy = policy_from({}, "127.0.0.1", headers)
    assert not policy.local_only
    assert decide(policy, {}) is Verdict.UNSAFE


@pytest.mark.parametrize(
    "ip, verdict",
    [(None, Verdict.OPEN), ("127.0.0.1", Verdict.OPEN), ("::1", Verdict.OPEN), ("::ffff:127.0.0.1", Verdict.OPEN),
     ("203.0.113.9", Verdict.UNSAFE), ("192.168.1.20", Verdict.UNSAFE), ("fe80::1", Verdict.UNSAFE), ("", Verdict.UNSAFE),
     ("not-an-ip", Verdict.UNSAFE)],
)
def test_the_connections_own_address_must_be_this_computer(ip, verdict):
    assert decide(policy_from({}, "127.0.0.1", LOCAL, client_ip=ip), {}) is verdict


def test_repeated_headers_must_all_say_this_computer():
    pairs = [("Host", "127.0.0.1:8501"), ("Origin", "http://127.0.0.1:8501"), ("Origin", "https://evil.example")]
    assert not policy_from({}, "127.0.0.1", pairs).local_only
    pairs = [("Host", "127.0.0.1:8501"), ("Origin", "http://127.0.0.1:8501"), ("X-Forwarded-For", "127.0.0.1"),
             ("x-forwarded-for", "203.0.113.9")]
    assert not policy_from({}, "127.0.0.1", pairs).local_only
    assert policy_from({}, "127.0.0.1", [("host", "localhost"), ("origin", "http://localhost")]).local_only


def test_with_no_request_at_all_the_server_address_decides():
    # Under AppTest, or a script run with no browser, there are no headers at all: a real request always has a Host.
    assert policy_from({}, "localhost", {}).local_only
    assert policy_from({}, "localhost", None).local_only
    assert not policy_from({}, "0.0.0.0", {}).local_only


@pytest.mark.parametrize(
    "url, local",
    [(None, True), ("http://127.0.0.1:8501", True), ("http://localhost:8501/applications", True), ("https://[::1]/settings", True),
     ("https://jobs.example.com/", False), ("https://jobs.example.com:8501/applications", False), ("http://10.0.0.2:8501", False),
     ("", False), ("localhost:8501", False), ("file:///home/me/page.html", False), ("http://localhost@evil.example/", False)],
)
def test_the_address_the_browser_shows_must_be_this_computer(url, local):
    # st.context.url: what the visitor's browser has in its address bar (None when there is no browser).
    assert policy_from({}, "127.0.0.1", LOCAL, page_url=url).local_only is local


@pytest.mark.parametrize(
    "secrets, address, user",
    [({}, "localhost", {}), ({"access": {"allow_network_without_sign_in": True}}, "0.0.0.0", {}), (AUTH, "0.0.0.0", ME),
     (AUTH, "localhost", {})],
)
def test_a_page_framed_by_another_site_is_refused_whoever_the_visitor_is(secrets, address, user):
    assert decide(policy_from(secrets, address, framed=True), user) is Verdict.FRAMED
    assert decide(policy_from(secrets, address, framed=False), user) is not Verdict.FRAMED
