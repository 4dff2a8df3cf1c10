"""Who may see the app: sign-in with an allowlist, and safe defaults without one.

A job search holds names, emails and phone numbers of real people. The app shows data
only to the person it belongs to: on their own machine (the server listens on localhost),
or, when it is reachable from elsewhere, after they sign in with an allowed account.

Everything here fails closed: a setting that cannot be read without guessing is refused
(AccessSettingsError), and a request that cannot be placed on this computer is not local.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any
from urllib.parse import urlsplit

LOCAL_ADDRESSES = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})  # what server.address may be for local-only
TRUE_WORDS = frozenset({"true", "yes", "1"})
FALSE_WORDS = frozenset({"false", "no", "0"})
# Forwarding headers that name the visitor's address; a proxy that sends none of them hides who the visitor is.
CLIENT_ADDRESS_HEADERS = ("x-forwarded-for", "x-real-ip")
_PORT = re.compile(r"[0-9]{1,5}")


class AccessSettingsError(ValueError):
    """A setting under [auth] or [access] cannot be read without guessing.

    The message names the setting and says what is expected; it never repeats the value.
    """


class Verdict(str, Enum):
    """What the app does for this visitor."""

    OPEN = "open"  # no sign-in configured and only this machine can reach the app
    ALLOWED = "allowed"  # signed in with an allowed account
    SIGN_IN = "sign_in"  # sign-in is configured and the visitor has not signed in
    REFUSED = "refused"  # signed in, but not with an allowed (and verified) account
    UNSAFE = "unsafe"  # reachable from other machines with no sign-in configured
    MISCONFIGURED = "misconfigured"  # the secrets or the access settings cannot be read: nobody sees data
    FRAMED = "framed"  # the page is shown inside a page of another site (clickjacking): nobody sees data


@dataclass(frozen=True)
class AccessPolicy:
    """The access rules, read from the secrets, the server's address and the visitor's request."""

    sign_in_configured: bool
    allowed_emails: frozenset[str]
    server_address: str
    allow_network_without_sign_in: bool = False
    request_local: bool = True  # every signal in the request says it comes from this computer
    framed: bool = False  # the browser reported the page inside a page of another site

    @property
    def local_only(self) -> bool:
        """True when only this machine can be talking to the app.

        The server must listen on a loopback address (an empty address means every
        interface), and the request must come from this computer (see `request_is_local`):
        a reverse proxy on the same machine would otherwise make the internet look local.
        """
        return self.server_address.strip().lower() in LOCAL_ADDRESSES and self.request_local


def parse_bool(value: object) -> bool | None:
    """Return a yes/no value read strictly, or None when it is anything else.

    True/False, 1/0, and the texts true/false, yes/no, 1/0 (any case, spaces trimmed).
    """
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        word = value.strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
    return None


def _kind(value: object) -> str:
    """Say what sort of value this is without repeating it (it comes from the secrets file)."""
    if isinstance(value, str):
        return "an empty text" if not value.strip() else "a text that is not one of those words"
    if value is None:
        return "empty"
    if isinstance(value, int | float):
        return "a number other than 1 or 0"
    return "a list or a table"


def _setting_bool(table: Mapping[str, Any], name: str, section: str) -> bool:
    """Return the yes/no setting `name` of `section`, False when it is absent.

    Raises AccessSettingsError when it is present but not a clear yes or no.
    """
    if name not in table:
        return False
    value = parse_bool(table[name])
    if value is None:
        raise AccessSettingsError(
            f"{name} under [{section}] in the secrets must be true or false (yes/no and 1/0 are read too); "
            f"it is {_kind(table[name])}. Until it is fixed the app shows no data."
        )
    return value


def _table(secrets: Mapping[str, Any], section: str) -> Mapping[str, Any] | None:
    """Return the [section] table of the secrets, None when absent. Raises AccessSettingsError when it is not a table."""
    if section not in secrets:
        return None
    table = secrets[section]
    if not isinstance(table, Mapping):
        raise AccessSettingsError(f"[{section}] in the secrets must be a table (a [{section}] header with settings under it).")
    return table


def _sign_in_configured(auth: Mapping[str, Any] | None) -> bool:
    """True when [auth] is set up; False when there is none. Raises AccessSettingsError when it is half set up."""
    if auth is None:
        return False
    missing = [key for key in ("redirect_uri", "cookie_secret") if not isinstance(auth.get(key), str) or not auth[key].strip()]
    if missing:
        raise AccessSettingsError(
            f"[auth] in the secrets is incomplete: it needs {' and '.join(missing)} (see .streamlit/secrets.toml.example). "
            "Until it is complete the app shows no data."
        )
    return True


def _allowed_emails(access: Mapping[str, Any]) -> frozenset[str]:
    """Return the allowlist, lower-cased. Raises AccessSettingsError when it is not a list of texts or one text."""
    emails = access.get("allowed_emails", [])
    if isinstance(emails, str):
        emails = emails.replace(";", ",").split(",")
    if not isinstance(emails, list | tuple) or not all(isinstance(e, str) for e in emails):
        raise AccessSettingsError(
            'allowed_emails under [access] in the secrets must be a list of email addresses, like ["you@example.com"].'
        )
    return frozenset(e.strip().lower() for e in emails if e.strip())


# --- Where the request comes from ----------------------------------------------------------------------------------


def _host_of(authority: str) -> str | None:
    """Return the host of `host`, `host:port`, `[v6]` or `[v6]:port` (a bare IPv6 address too), lower-cased;
    None when it cannot be read."""
    text = authority.strip().lower()
    if text.startswith("["):
        host, bracket, rest = text[1:].partition("]")
        if not bracket or (rest and not (rest.startswith(":") and _PORT.fullmatch(rest[1:]))):
            return None
        return host
    if text.count(":") == 1:
        host, _, port = text.partition(":")
        return host if _PORT.fullmatch(port) else None
    return text  # a plain name, an IPv4 address, or a bare IPv6 address


def is_loopback(host: str | None) -> bool:
    """True for localhost, 127.0.0.0/8 and ::1 (also IPv4-mapped), with or without a port; False for anything else."""
    if host is None:
        return False
    name = _host_of(host)
    if not name:
        return False
    if name == "localhost":
        return True
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return False
    mapped = getattr(address, "ipv4_mapped", None)
    return bool(address.is_loopback or (mapped is not None and mapped.is_loopback))


def _url_is_loopback(url: str, *, origin: bool) -> bool:
    """True when `url` is an http or https address on this computer.

    With `origin`, it must be an Origin header's value (scheme://host[:port], nothing after it).
    """
    try:
        parts = urlsplit(url.strip())
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number
    except ValueError:
        return False
    if parts.scheme.lower() not in ("http", "https") or "@" in parts.netloc:
        return False
    if origin and (parts.path or parts.query or parts.fragment):
        return False
    return is_loopback(parts.netloc)


def _origin_is_loopback(origin: str) -> bool:
    """True when the Origin header names a page served by this computer."""
    return _url_is_loopback(origin, origin=True)


def _forwarded_is_loopback(value: str) -> tuple[bool, bool]:
    """Read an RFC 7239 Forwarded header. Return (every for= and host= names this computer, some for= was given).

    Obfuscated or unknown nodes (for=_hidden, for=unknown) and anything unparseable count as elsewhere.
    """
    saw_for = False
    for element in value.split(","):
        for pair in element.split(";"):
            if not pair.strip():
                continue
            key, equals, raw = pair.partition("=")
            if not equals:
                return False, saw_for
            key, node = key.strip().lower(), raw.strip().strip('"')
            if key == "for":
                saw_for = True
                if not is_loopback(node):
                    return False, saw_for
            elif key == "host" and not is_loopback(node):
                return False, saw_for
    return True, saw_for


def _header_lists(headers: Mapping[str, str] | Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    """Return every value of every header, names lower-cased (repeated headers keep all their values)."""
    pairs = headers.items() if isinstance(headers, Mapping) else headers
    lists: dict[str, list[str]] = {}
    for name, value in pairs:
        lists.setdefault(name.strip().lower(), []).append(str(value))
    return lists


def request_is_local(
    headers: Mapping[str, str] | Iterable[tuple[str, str]] | None, client_ip: str | None = None, page_url: str | None = None
) -> bool:
    """True only when every signal in the request says it comes from a browser on this computer.

    - the connection's own address (`client_ip`, None when Streamlit saw loopback) is loopback;
    - the address in the visitor's browser (`page_url`, None when there is no browser) is on this computer;
    - Host names this computer (a proxy passing the public name on gives it away);
    - Origin, which a browser always sends with the page's WebSocket, is a page on this computer
      (behind nginx's default proxy_pass, Host is 127.0.0.1:8501 and only Origin tells);
    - forwarding headers (Forwarded, X-Forwarded-*, X-Real-IP), when present, name only this computer,
      and a proxy that sends some but does not say who the visitor is hides the visitor.
    A missing or unreadable signal counts as elsewhere. With no headers at all there is no browser
    request (AppTest, a script run) and the server's address decides alone: a real request always has a Host.
    """
    if client_ip is not None and not is_loopback(client_ip):
        return False
    if page_url is not None and not _url_is_loopback(page_url, origin=False):
        return False
    lists = _header_lists(headers or {})
    if not lists:
        return True
    hosts, origins = lists.get("host", []), lists.get("origin", [])
    if not hosts or not origins or not all(map(is_loopback, hosts)) or not all(map(_origin_is_loopback, origins)):
        return False
    names_visitor = False
    for name, values in lists.items():
        if name in CLIENT_ADDRESS_HEADERS or name == "x-forwarded-host":
            addresses = [a for value in values for a in value.split(",")]
            if not all(map(is_loopback, addresses)):
                return False
            names_visitor = names_visitor or name in CLIENT_ADDRESS_HEADERS
        elif name == "forwarded":
            for value in values:
                loopback, saw_for = _forwarded_is_loopback(value)
                if not loopback:
                    return False
                names_visitor = names_visitor or saw_for
    through_proxy = any(name == "forwarded" or name.startswith("x-forwarded-") or name == "x-real-ip" for name in lists)
    return names_visitor or not through_proxy


def policy_from(
    secrets: Mapping[str, Any],
    server_address: str | None,
    headers: Mapping[str, str] | Iterable[tuple[str, str]] | None = None,
    client_ip: str | None = None,
    page_url: str | None = None,
    framed: bool = False,
) -> AccessPolicy:
    """Build the policy from the secrets ([auth] and [access]), Streamlit's server.address, the visitor's
    request headers (None or empty when there is no browser request, as in tests), the connection's
    address (st.context.ip_address: None when local or unknown) and the address the browser shows
    (st.context.url: None when there is no browser). `framed` is True when the browser reported the
    page inside a page of another site.

    Raises AccessSettingsError when [auth] or [access] cannot be read without guessing.
    """
    auth = _table(secrets, "auth")
    access = _table(secrets, "access") or {}
    return AccessPolicy(
        sign_in_configured=_sign_in_configured(auth),
        allowed_emails=_allowed_emails(access),
        server_address=server_address or "",
        allow_network_without_sign_in=_setting_bool(access, "allow_network_without_sign_in", "access"),
        request_local=request_is_local(headers, client_ip, page_url),
        framed=framed,
    )


def decide(policy: AccessPolicy, user: Mapping[str, Any]) -> Verdict:
    """Return what this visitor may do. Nothing but OPEN and ALLOWED may read any data.

    A signed-in account gets in only when its email is on the list and the provider says it is
    verified (email_verified true; a missing or unreadable claim is not verified). A page framed by
    another site gets nothing, signed in or not: that is how a click is stolen.
    """
    if policy.framed:
        return Verdict.FRAMED
    if policy.sign_in_configured:
        if parse_bool(user.get("is_logged_in")) is not True:
            return Verdict.SIGN_IN
        email = user.get("email")
        email = email.strip().lower() if isinstance(email, str) else ""
        verified = parse_bool(user.get("email_verified")) is True
        return Verdict.ALLOWED if email and verified and email in policy.allowed_emails else Verdict.REFUSED
    if policy.local_only or policy.allow_network_without_sign_in:
        return Verdict.OPEN
    return Verdict.UNSAFE
