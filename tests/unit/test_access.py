"""Who gets in: the access decision, from secrets, server address and the signed-in user."""

import pytest

from lib.access import Verdict, decide, policy_from

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
        ({"Host": "localhost:8501"}, Verdict.OPEN),
        ({"Host": "127.0.0.1:8501"}, Verdict.OPEN),
        ({"Host": "[::1]:8501"}, Verdict.OPEN),
        ({"Host": "jobs.example.com"}, Verdict.UNSAFE),  # a proxy passing the public host on
        ({"Host": "localhost:8501", "X-Forwarded-For": "203.0.113.9"}, Verdict.UNSAFE),
        ({"host": "localhost", "forwarded": "for=203.0.113.9"}, Verdict.UNSAFE),
    ],
)
def test_a_proxy_in_front_of_a_local_server_is_not_local(headers, verdict):
    assert decide(policy_from({}, "127.0.0.1", headers), {}) is verdict
