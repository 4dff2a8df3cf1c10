"""Who may see the app: sign-in with an allowlist, and safe defaults without one.

A job search holds names, emails and phone numbers of real people. The app shows data
only to the person it belongs to: on their own machine (the server listens on localhost),
or, when it is reachable from elsewhere, after they sign in with an allowed account.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

LOCAL_ADDRESSES = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})


class Verdict(str, Enum):
    """What the app does for this visitor."""

    OPEN = "open"  # no sign-in configured and only this machine can reach the app
    ALLOWED = "allowed"  # signed in with an allowed account
    SIGN_IN = "sign_in"  # sign-in is configured and the visitor has not signed in
    REFUSED = "refused"  # signed in, but not with an allowed account
    UNSAFE = "unsafe"  # reachable from other machines with no sign-in configured


@dataclass(frozen=True)
class AccessPolicy:
    """The access rules, read from the secrets and the server's address."""

    sign_in_configured: bool
    allowed_emails: frozenset[str]
    server_address: str
    allow_network_without_sign_in: bool = False
    request_host: str = "localhost"
    forwarded: bool = False  # the request came through a proxy (X-Forwarded-For, Forwarded)

    @property
    def local_only(self) -> bool:
        """True when only this machine can be talking to the app.

        The server must listen on a loopback address (an empty address means every
        interface), and the request must not have come through a proxy or name another host:
        a reverse proxy on the same machine would otherwise make the internet look local.
        """
        host = self.request_host.strip().lower()
        host = host[1:].split("]")[0] if host.startswith("[") else host.rsplit(":", 1)[0] if host.count(":") == 1 else host
        return (
            self.server_address.strip().lower() in LOCAL_ADDRESSES
            and host in LOCAL_ADDRESSES
            and not self.forwarded
        )


def policy_from(secrets: Mapping[str, Any], server_address: str | None, headers: Mapping[str, str] | None = None) -> AccessPolicy:
    """Build the policy from the secrets ([auth] and [access]), Streamlit's server.address and
    the visitor's request headers (None when there is no browser request, as in tests)."""
    lowered = {k.lower(): v for k, v in (headers or {}).items()}
    auth = secrets.get("auth") or {}
    access = secrets.get("access") or {}
    configured = bool(auth.get("redirect_uri") and auth.get("cookie_secret"))
    emails = access.get("allowed_emails") or []
    if isinstance(emails, str):
        emails = [e for e in emails.replace(";", ",").split(",")]
    return AccessPolicy(
        sign_in_configured=configured,
        allowed_emails=frozenset(e.strip().lower() for e in emails if e and e.strip()),
        server_address=server_address or "",
        allow_network_without_sign_in=bool(access.get("allow_network_without_sign_in", False)),
        request_host=lowered.get("host", "localhost"),
        forwarded=any(h in lowered for h in ("x-forwarded-for", "forwarded", "x-real-ip")),
    )


def decide(policy: AccessPolicy, user: Mapping[str, Any]) -> Verdict:
    """Return what this visitor may do. Nothing but OPEN and ALLOWED may read any data."""
    if policy.sign_in_configured:
        if not user.get("is_logged_in"):
            return Verdict.SIGN_IN
        email = str(user.get("email") or "").strip().lower()
        verified = user.get("email_verified", True) is not False
        return Verdict.ALLOWED if email and verified and email in policy.allowed_emails else Verdict.REFUSED
    if policy.local_only or policy.allow_network_without_sign_in:
        return Verdict.OPEN
    return Verdict.UNSAFE
